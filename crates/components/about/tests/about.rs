//! The about component through HTTP, on SQLite and PostgreSQL.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use cospace_core::permissions::MemberRole;
use cospace_testkit::{db_tests, TestApp};

const PASSWORD: &str = "a long test password";

db_tests!(vec![cospace_about::component()];
    about_page_shows_the_space_in_its_tree,
    member_contacts_are_for_member_managers,
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
