//! The search index of the stakeholders component: folded text of organisations, resources
//! and needs per space, searched with FTS5 on SQLite and a `simple` tsvector on PostgreSQL.

use super::space_list;
use cospace_core::{text, SpaceId};
use cospace_store::organizations;
use cospace_store::{in_ids, with_db, with_tx, Db, IdList, StoreError, Tx};

/// Replaces the search rows of one item with `text`, folded, in each of `spaces`.
pub async fn index(
    tx: &mut Tx,
    item_type: &str,
    item_id: i64,
    spaces: &[SpaceId],
    text: &str,
) -> Result<(), StoreError> {
    unindex(tx, item_type, item_id).await?;
    let body = text::words(text).join(" ");
    for space in spaces {
        with_tx!(tx, |conn| {
            sqlx::query(
            "INSERT INTO stakeholder_search (item_type, item_id, space_id, body) VALUES ($1, $2, $3, $4)"
        )
        .bind(item_type)
        .bind(item_id)
        .bind(space.0)
        .bind(&body)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

pub async fn unindex(tx: &mut Tx, item_type: &str, item_id: i64) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "DELETE FROM stakeholder_search WHERE item_type = $1 AND item_id = $2"
    )
    .bind(item_type)
    .bind(item_id)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// How many full-text matches are ranked at most. SQLite takes the best this many by bm25
/// before filtering by space (FTS5's top-k path keeps that cheap even when a common prefix
/// matches tens of thousands of rows); PostgreSQL, which has no ranked index, ranks the first
/// this many matches in scope.
const SEARCH_DEPTH: i64 = 2_000;

/// One search hit: what it is, which record, and its relevance (higher is better).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub item_type: String,
    pub item_id: i64,
    pub rank: f64,
}

/// Full-text search in `spaces` for every one of `terms` as a word prefix, best first. SQLite
/// uses FTS5 with bm25, PostgreSQL a `simple` tsvector with ts_rank; both see the same folded
/// words, so "lodz" finds "Łódź" and "sen" finds "seniors" on either.
pub async fn search(
    db: &Db,
    spaces: &[SpaceId],
    terms: &[String],
    limit: i64,
) -> Result<Vec<Hit>, StoreError> {
    if spaces.is_empty() || terms.is_empty() {
        return Ok(Vec::new());
    }
    // Terms are folded words (letters and digits only), so quoting them is enough.
    let in_scope = in_ids(db.backend(), 2);
    let limit_at = 3;
    let rows: Vec<(String, i64, f64)> = match db {
        Db::Sqlite(pool) => {
            let query_text = terms
                .iter()
                .map(|t| format!("\"{t}\"*"))
                .collect::<Vec<_>>()
                .join(" AND ");
            let sql = format!(
                // Ranking is bounded as on PostgreSQL: bm25 is computed only for the first
                // SEARCH_DEPTH matches FTS5 yields (all of them when there are fewer), instead
                // of ranking every match of a common prefix to keep the best SEARCH_DEPTH.
                "WITH found AS MATERIALIZED (
                    SELECT rowid AS row_id, -bm25(stakeholder_search_fts) AS relevance
                    FROM stakeholder_search_fts WHERE stakeholder_search_fts MATCH $1
                    LIMIT {top}
                 )
                 SELECT s.item_type, s.item_id, MAX(f.relevance) AS relevance
                 FROM found f JOIN stakeholder_search s ON s.id = f.row_id
                 WHERE s.space_id {in_scope}
                 GROUP BY s.item_type, s.item_id
                 ORDER BY relevance DESC, s.item_type, s.item_id LIMIT ${limit_at}",
                top = SEARCH_DEPTH
            );
            let mut query = sqlx::query_as(&sql).bind(query_text);
            query = query.bind(space_list(spaces));
            query.bind(limit).fetch_all(pool).await?
        }
        Db::Postgres(pool) => {
            let query_text = terms
                .iter()
                .map(|t| format!("{t}:*"))
                .collect::<Vec<_>>()
                .join(" & ");
            // Ranking is bounded as on SQLite: ts_rank reads each match's document, and a
            // common prefix matches tens of thousands of rows, so only the first
            // SEARCH_DEPTH matches the index yields in scope are ranked (all of them when
            // there are fewer, which is the usual case for a word and a half of query).
            let sql = format!(
                "WITH found AS MATERIALIZED (
                    SELECT item_type, item_id, document FROM stakeholder_search
                    WHERE document @@ to_tsquery('simple', $1) AND space_id {in_scope}
                    LIMIT {depth}
                 )
                 SELECT item_type, item_id, MAX(ts_rank(document, to_tsquery('simple', $1)))::FLOAT8 AS relevance
                 FROM found
                 GROUP BY item_type, item_id
                 ORDER BY relevance DESC, item_type, item_id LIMIT ${limit_at}",
                depth = SEARCH_DEPTH
            );
            let mut query = sqlx::query_as(&sql).bind(query_text);
            query = query.bind(space_list(spaces));
            query.bind(limit).fetch_all(pool).await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|(item_type, item_id, rank)| Hit {
            item_type,
            item_id,
            rank,
        })
        .collect())
}

/// The names of organisations, or titles of resources and needs, by (type, id): what a list of
/// search hits shows, in one query per type.
pub async fn hit_titles(
    db: &Db,
    hits: &[Hit],
) -> Result<std::collections::HashMap<(String, i64), String>, StoreError> {
    let mut titles = std::collections::HashMap::new();
    let organization_ids: Vec<i64> = hits
        .iter()
        .filter(|h| h.item_type == "organization")
        .map(|h| h.item_id)
        .collect();
    titles.extend(
        organizations::names(db, &organization_ids)
            .await?
            .into_iter()
            .map(|(id, name)| (("organization".to_owned(), id), name)),
    );
    for (item_type, sql) in [
        ("resource", "SELECT id, title FROM resources"),
        ("need", "SELECT id, title FROM needs"),
    ] {
        let ids: Vec<i64> = hits
            .iter()
            .filter(|h| h.item_type == item_type)
            .map(|h| h.item_id)
            .collect();
        if ids.is_empty() {
            continue;
        }
        let sql = format!("{sql} WHERE id {}", in_ids(db.backend(), 1));
        let rows: Vec<(i64, String)> = with_db!(db, |pool| {
            let mut query = sqlx::query_as(&sql);
            query = query.bind(IdList::new(ids.iter().copied()));
            query.fetch_all(pool).await
        })?;
        titles.extend(
            rows.into_iter()
                .map(|(id, title)| ((item_type.to_owned(), id), title)),
        );
    }
    Ok(titles)
}
