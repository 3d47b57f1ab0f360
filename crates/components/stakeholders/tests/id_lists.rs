//! Lists bound as one parameter, on SQLite and PostgreSQL: ids and text values select the
//! same rows on both, an empty list selects none, and text with quotes survives the binding.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use cospace_store::ids::TextList;
use cospace_store::{in_ids, with_db, IdList};
use cospace_testkit::{db_tests, TestApp};

fn components() -> Vec<cospace_web::Component> {
    vec![
        cospace_about::component(),
        cospace_stakeholders::component(),
    ]
}

db_tests!(crate::components();
    id_and_text_lists_select_the_same_rows_on_both_databases,
);

async fn id_and_text_lists_select_the_same_rows_on_both_databases(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    app.create_space(Some("krakow"), "zablocie", "Zabłocie")
        .await;
    let db = app.db();
    let all: Vec<(i64, String)> = with_db!(db, |pool| sqlx::query_as(
        "SELECT id, slug FROM spaces ORDER BY id"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(all.len(), 3);

    let by_id = format!(
        "SELECT slug FROM spaces WHERE id {} ORDER BY id",
        in_ids(db.backend(), 1)
    );
    let by_slug = format!(
        "SELECT id FROM spaces WHERE slug {} ORDER BY id",
        in_ids(db.backend(), 1)
    );
    let ids = IdList::new([all[2].0, all[0].0, -1]);
    let slugs: Vec<String> = with_db!(db, |pool| sqlx::query_scalar(&by_id)
        .bind(ids.clone())
        .fetch_all(pool)
        .await)
    .unwrap();
    assert_eq!(slugs, [all[0].1.clone(), all[2].1.clone()]);

    let texts = TextList::new(["zablocie", "azory", "o'hara \"quoted\""]);
    let found: Vec<i64> = with_db!(db, |pool| sqlx::query_scalar(&by_slug)
        .bind(texts.clone())
        .fetch_all(pool)
        .await)
    .unwrap();
    assert_eq!(found, [all[1].0, all[2].0]);

    let none: Vec<i64> = with_db!(db, |pool| sqlx::query_scalar(&by_slug)
        .bind(TextList::default())
        .fetch_all(pool)
        .await)
    .unwrap();
    assert!(none.is_empty());
}
