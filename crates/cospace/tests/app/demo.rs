//! The demo world loads on both backends, and loading it again changes nothing.

use cospace_store::spaces;
use cospace_testkit::{db_tests, TestApp};

db_tests!(cospace::components(); demo_world_loads_idempotently);

async fn demo_world_loads_idempotently(app: TestApp) {
    cospace::demo::load(&app.state).await.unwrap();
    let first = spaces::all_spaces(app.db()).await.unwrap().len();
    let log = app.count_activity("space.create").await;
    cospace::demo::load(&app.state).await.unwrap();
    assert_eq!(spaces::all_spaces(app.db()).await.unwrap().len(), first);
    assert_eq!(app.count_activity("space.create").await, log);
    for slug in [
        "krakow",
        "azory",
        "wuf11",
        "co-creation-roundtable",
        "global-action-plan",
        "kenya",
        "nairobi",
        "brazil",
    ] {
        spaces::space_by_slug(app.db(), slug).await.unwrap();
    }
    let azory = spaces::space_by_slug(app.db(), "azory").await.unwrap();
    assert_eq!(
        azory.parent_id,
        Some(spaces::space_by_slug(app.db(), "krakow").await.unwrap().id)
    );
    // Every demo sign-in works.
    for user in cospace::demo::USERS {
        let mut client = app.client();
        assert_eq!(
            client.sign_in(user.email, user.password).await.status,
            303,
            "{}",
            user.email
        );
    }
    let mut coordinator = app
        .signed_in("coordinator@example.org", "demo-coordinator-password")
        .await;
    assert_eq!(
        coordinator.get("/spaces/azory/admin/members").await.status,
        200
    );
}
