//! The about component through HTTP, on SQLite and PostgreSQL.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use axum::http::Method;
use cospace_core::permissions::MemberRole;
use cospace_testkit::{db_tests, TestApp};
use cospace_web::kit::demo::DemoWorld;

const PASSWORD: &str = "a long test password";

db_tests!(vec![cospace_about::component()];
    about_page_shows_the_space_in_its_tree,
    member_contacts_are_for_member_managers,
    the_api_describes_a_space_its_caller_may_see,
    members_are_welcomed_once,
);

async fn about_page_shows_the_space_in_its_tree(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    app.create_space(Some("azory"), "block-7", "Block 7").await;
    let mut client = app.client();
    let page = client.get("/spaces/azory/about").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("About Azory"));
    assert!(page.body.contains("English, Polski"));
    assert!(page
        .body
        .contains("href=\"/spaces/krakow\">Kraków</a></dd>"));
    assert!(page.body.contains("href=\"/spaces/block-7\">Block 7</a>"));
    assert!(page.body.contains("aria-current=\"page\">About</a>"));
    client.accept_language = Some("pl".into());
    let polish = client.get("/spaces/azory/about").await;
    assert!(polish.body.contains("<html lang=\"pl\">"));
    assert!(!polish.body.contains("About this space"));
}

async fn member_contacts_are_for_member_managers(app: TestApp) {
    app.create_space(None, "azory", "Azory").await;
    app.create_user("coordinator@example.org", PASSWORD, false)
        .await;
    app.create_user("resident@example.org", PASSWORD, false)
        .await;
    app.add_member("azory", "coordinator@example.org", MemberRole::Admin)
        .await;
    app.add_member("azory", "resident@example.org", MemberRole::Member)
        .await;
    let mut anonymous = app.client();
    let public = anonymous.get("/spaces/azory/about/members").await;
    assert!(public.body.contains("coordinator"));
    assert!(!public.body.contains("coordinator@example.org"));
    let mut resident = app.signed_in("resident@example.org", PASSWORD).await;
    assert!(!resident
        .get("/spaces/azory/about/members")
        .await
        .body
        .contains("mailto:"));
    let mut coordinator = app.signed_in("coordinator@example.org", PASSWORD).await;
    let page = coordinator.get("/spaces/azory/about/members").await;
    assert!(page.body.contains("mailto:resident@example.org"));
    assert!(page.body.contains("/spaces/azory/admin/members"));
}

async fn the_api_describes_a_space_its_caller_may_see(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space_with(Some("krakow"), "azory", "Azory", "private")
        .await;
    app.create_user("resident@example.org", PASSWORD, false)
        .await;
    app.add_member("azory", "resident@example.org", MemberRole::Member)
        .await;
    let mut client = app.client();
    let krakow = client
        .api(Method::GET, "/api/v1/spaces/krakow/about", None, None)
        .await;
    assert_eq!(krakow.status, 200);
    let body = krakow.json();
    assert_eq!(body["title"], "Kraków");
    assert_eq!(body["visibility"], "public");
    assert_eq!(body["parent"], serde_json::Value::Null);
    assert_eq!(body["member_count"], 0);
    // A private space is hidden from those who may not see it, and described to its members.
    let hidden = client
        .api(Method::GET, "/api/v1/spaces/azory/about", None, None)
        .await;
    assert_eq!(hidden.status, 404);
    assert!(hidden
        .content_type()
        .starts_with("application/problem+json"));
    let token = app.api_token("resident@example.org").await;
    let azory = client
        .api(
            Method::GET,
            "/api/v1/spaces/azory/about",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(azory.status, 200);
    let body = azory.json();
    assert_eq!(body["parent"], "krakow");
    assert_eq!(body["member_count"], 1);
    assert_eq!(body["languages"][0], "en");
    // The endpoint is in the OpenAPI document.
    let doc = client.get("/api/openapi.json").await.json();
    assert!(doc["paths"]["/api/v1/spaces/{slug}/about"]["get"].is_object());
}

async fn members_are_welcomed_once(app: TestApp) {
    app.create_space(None, "azory", "Azory").await;
    let admin = app.create_user("admin@example.org", PASSWORD, true).await;
    app.create_user("resident@example.org", PASSWORD, false)
        .await;
    app.add_member("azory", "resident@example.org", MemberRole::Member)
        .await;
    let admin = cospace_store::accounts::user_by_id(app.db(), admin)
        .await
        .unwrap();
    let world = DemoWorld {
        admin,
        base_url: app.state.config.public_url.clone(),
    };
    let context = world.context(app.db(), "azory").await.unwrap();
    let welcomed = cospace_about::service::welcome_members(&app.state, &context, &world.admin)
        .await
        .unwrap();
    assert_eq!(welcomed, 1);
    let again = cospace_about::service::welcome_members(&app.state, &context, &world.admin)
        .await
        .unwrap();
    assert_eq!(again, 0);
    // The demo seed welcomes Azory's members too, and so adds nothing now.
    let seed = cospace_about::component().demo.expect("a demo seed");
    seed(&app.state, &world).await.unwrap();
    assert_eq!(app.count_activity("about.welcome").await, 1);
    let mut resident = app.signed_in("resident@example.org", PASSWORD).await;
    let page = resident.get("/account/notifications").await;
    assert!(page.body.contains("Welcome to Azory"), "{}", page.body);
    assert!(page.body.contains("/spaces/azory/about"));
    // Only those who manage members welcome them.
    let resident_user = cospace_store::accounts::user_by_email(app.db(), "resident@example.org")
        .await
        .unwrap()
        .unwrap();
    let as_resident = DemoWorld {
        admin: resident_user,
        base_url: world.base_url.clone(),
    };
    let context = as_resident.context(app.db(), "azory").await.unwrap();
    assert!(matches!(
        cospace_about::service::welcome_members(&app.state, &context, &as_resident.admin).await,
        Err(cospace_web::ServiceError::Forbidden)
    ));
}
