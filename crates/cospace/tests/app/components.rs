//! What the manifest declares, as the running server honours it: a space that enables a
//! component enables those it requires (and the admin is told), components' settings reach
//! their pages and the Content-Security-Policy, and a component's per-node state belongs to its
//! node.

use crate::PASSWORD;
use cospace_testkit::{db_tests, TestApp};

db_tests!(cospace::components();
    enabling_a_component_enables_what_it_requires,
    component_settings_reach_pages_and_headers,
    component_state_is_held_per_node,
);

async fn enabling_a_component_enables_what_it_requires(app: TestApp) {
    app.create_user("admin@example.org", PASSWORD, true).await;
    app.create_space(None, "azory", "Azory").await;
    let mut admin = app.signed_in("admin@example.org", PASSWORD).await;
    // Everything off, then the calendar alone: it builds on the stakeholders, which come too.
    let off = admin.post_form("/spaces/azory/admin/components", &[]).await;
    assert_eq!(off.status, 303);
    assert_eq!(admin.get("/spaces/azory/stakeholders").await.status, 404);
    let on = admin
        .post_form(
            "/spaces/azory/admin/components",
            &[("components", "calendar")],
        )
        .await;
    assert_eq!(on.status, 303);
    let page = admin.get("/spaces/azory/admin/components").await;
    assert!(
        page.body
            .contains("Components that the chosen ones build on were enabled too."),
        "{}",
        page.body
    );
    assert_eq!(admin.get("/spaces/azory/calendar").await.status, 200);
    assert_eq!(admin.get("/spaces/azory/stakeholders").await.status, 200);
    assert_eq!(admin.get("/spaces/azory/about").await.status, 404);
    // Saving a set that needs nothing more says only that it was saved.
    let both = admin
        .post_form(
            "/spaces/azory/admin/components",
            &[("components", "stakeholders"), ("components", "about")],
        )
        .await;
    assert_eq!(both.status, 303);
    let page = admin.get("/spaces/azory/admin/components").await;
    assert!(page.body.contains("The components have been saved."));
    assert!(!page.body.contains("were enabled too"));
    assert_eq!(admin.get("/spaces/azory/calendar").await.status, 404);
}

async fn component_settings_reach_pages_and_headers(app: TestApp) {
    // Unset, a setting has the default its component declares.
    assert_eq!(
        app.state.setting("tile_url"),
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    );
    assert_eq!(app.state.setting("no_such_setting"), "");
    let app = app
        .with_config(|config| {
            config.settings.insert(
                "tile_url".into(),
                "https://tiles.example.org/{z}/{x}/{y}.png".into(),
            );
        })
        .await;
    app.create_space(None, "azory", "Azory").await;
    let mut client = app.client();
    let page = client.get("/spaces/azory").await;
    let csp = page.header("content-security-policy").unwrap_or_default();
    assert!(
        csp.contains("img-src 'self' data: https://tiles.example.org;"),
        "{csp}"
    );
}

async fn component_state_is_held_per_node(app: TestApp) {
    use cospace_calendar::ics::FeedCache;
    assert!(app.state.component_state::<FeedCache>().is_some());
    let other = app.another_node_state().await;
    let here = app
        .state
        .component_state::<FeedCache>()
        .map(|c| c as *const _);
    let there = other.component_state::<FeedCache>().map(|c| c as *const _);
    assert_ne!(here, there, "each node makes its own");
    // A type no component registered is not there.
    assert!(app.state.component_state::<String>().is_none());
}
