//! Several nodes over one database: any node serves any request, and the activity log stays one
//! unbroken chain when nodes write at the same time.

use crate::PASSWORD;
use cospace_store::activity;
use cospace_testkit::{db_tests, TestApp};

db_tests!(cospace::components();
    a_session_started_on_one_node_works_on_another,
    concurrent_writes_from_two_nodes_keep_the_log_chained,
);

async fn a_session_started_on_one_node_works_on_another(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    let node_b = app.another_node().await;
    let on_a = app.signed_in("ana@example.org", PASSWORD).await;
    let mut on_b = app.client_of(node_b, &on_a);
    let page = on_b.get("/account").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("ana@example.org"));
    // A form rendered by node A is accepted by node B (the CSRF token travels in the cookie).
    let response = on_b.post_form("/account/sign-out", &[]).await;
    assert_eq!(response.status, 303);
    let mut back_on_a = on_a.clone();
    assert_eq!(back_on_a.get("/account").await.status, 303);
}

async fn concurrent_writes_from_two_nodes_keep_the_log_chained(app: TestApp) {
    app.create_user("admin@example.org", PASSWORD, true).await;
    let node_b = app.another_node().await;
    let a = app.signed_in("admin@example.org", PASSWORD).await;
    let b = app.client_of(node_b, &a);
    let mut tasks = Vec::new();
    for (n, client) in [a, b].into_iter().enumerate() {
        for i in 0..6 {
            let mut client = client.clone();
            tasks.push(tokio::spawn(async move {
                let slug = format!("node{n}-space{i}");
                let response = client
                    .post_form(
                        "/spaces/new",
                        &[
                            ("title", slug.as_str()),
                            ("slug", slug.as_str()),
                            ("kind", "city"),
                            ("languages", "en"),
                        ],
                    )
                    .await;
                assert_eq!(response.status, 303, "{}", response.body);
            }));
        }
    }
    for task in tasks {
        task.await.unwrap();
    }
    assert_eq!(app.count_activity("space.create").await, 12);
    let (checked, broken) = activity::verify(app.db()).await.unwrap();
    assert!(checked >= 12);
    assert_eq!(broken, None);
}
