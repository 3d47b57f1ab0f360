//! The demo world loads on both backends, and loading it again changes nothing.

use cospace_store::spaces;
use cospace_testkit::{db_tests, TestApp};

db_tests!(cospace::components(); demo_world_loads_idempotently);

async fn demo_world_loads_idempotently(app: TestApp) {
    cospace::demo::load(&app.state).await.unwrap();
    let first = spaces::all_spaces(app.db()).await.unwrap().len();
    let log = app.count_activity("space.create").await;
    let organizations = app.count_activity("organization.add").await;
    let items = app.count_activity("resource.add").await + app.count_activity("need.add").await;
    assert!(
        organizations >= 10 && items >= 15,
        "{organizations} {items}"
    );
    cospace::demo::load(&app.state).await.unwrap();
    assert_eq!(spaces::all_spaces(app.db()).await.unwrap().len(), first);
    assert_eq!(app.count_activity("space.create").await, log);
    assert_eq!(app.count_activity("organization.add").await, organizations);
    // The seed's institutions are on the map of Azory and its synergies are proposed.
    let mut anonymous = app.client();
    let directory = anonymous.get("/spaces/azory/stakeholders").await;
    assert!(
        directory
            .body
            .contains("Centre of Elderly People and Seniors&#x27;")
            || directory
                .body
                .contains("Centre of Elderly People and Seniors")
    );
    let synergies = anonymous.get("/spaces/azory/stakeholders/synergies").await;
    assert!(synergies
        .body
        .contains("School hall for meetings and club events"));
    let nairobi = anonymous
        .get("/spaces/nairobi/stakeholders/synergies")
        .await;
    assert!(nairobi
        .body
        .contains("Technical assistance for incremental housing"));
    // Members-only contacts stay hidden from visitors.
    let gap = anonymous
        .get("/api/v1/spaces/global-action-plan/organizations")
        .await;
    assert!(!gap.body.contains("kyc@example.org"));
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
