//! Candidate generation for synergies: the few hundred resources worth scoring for a need (or
//! needs for a resource), found three ways so that none of the best is missed — nearest first,
//! the ones sharing its words (full-text), and those with no location (funding, advice).
//! Scoring them all is then cheap ([`cospace_core::synergy::rank`]).

use crate::store::space_list;
use crate::store::{Item, ItemType};
use cospace_core::geo::Point;
use cospace_core::stakeholders::Kind;
use cospace_core::SpaceId;
use cospace_store::ids::TextList;
use cospace_store::{in_ids, with_db, Db, IdList, StoreError};
use std::collections::HashSet;

/// How many candidates each way contributes at most.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub nearby: i64,
    pub by_words: i64,
    pub unlocated: i64,
    /// Radius of the nearby search, in metres.
    pub radius_m: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            nearby: 300,
            by_words: 150,
            unlocated: 150,
            radius_m: 5_000.0,
        }
    }
}

/// Items of `kinds` in `spaces` near `point`, nearest first (by an equirectangular
/// approximation, exact enough to order candidates within a few kilometres).
async fn nearby(
    db: &Db,
    item_type: ItemType,
    kinds: &[Kind],
    spaces: &[SpaceId],
    point: Point,
    limits: Limits,
) -> Result<Vec<Item>, StoreError> {
    let (south, west, north, east) = point.bounding_box(limits.radius_m);
    let kind_list = in_ids(db.backend(), 1);
    let in_scope = in_ids(db.backend(), 2);
    let n = 3;
    let scale = point.lat.to_radians().cos().powi(2);
    let sql = format!(
        "{} WHERE i.kind {kind_list} AND i.space_id {in_scope}
           AND i.lat BETWEEN ${a} AND ${b} AND i.lon BETWEEN ${c} AND ${d}
         ORDER BY (i.lat - ${e}) * (i.lat - ${e}) + (i.lon - ${f}) * (i.lon - ${f}) * ${g}, i.id
         LIMIT ${h}",
        item_type.select(),
        a = n,
        b = n + 1,
        c = n + 2,
        d = n + 3,
        e = n + 4,
        f = n + 5,
        g = n + 6,
        h = n + 7,
    );
    let sql = open_only(item_type, sql);
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, Item>(&sql);
        query = query.bind(TextList::new(kinds.iter().map(|k| k.as_str())));
        query = query.bind(space_list(spaces));
        query
            .bind(south)
            .bind(north)
            .bind(west)
            .bind(east)
            .bind(point.lat)
            .bind(point.lon)
            .bind(scale)
            .bind(limits.nearby)
            .fetch_all(pool)
            .await
    })?)
}

/// Items of `kinds` in `spaces` that have no location, in index order: any of them will do,
/// scoring ranks them, and not sorting lets the query stop as soon as it has enough.
async fn unlocated(
    db: &Db,
    item_type: ItemType,
    kinds: &[Kind],
    spaces: &[SpaceId],
    limit: i64,
) -> Result<Vec<Item>, StoreError> {
    let kind_list = in_ids(db.backend(), 1);
    let in_scope = in_ids(db.backend(), 2);
    let sql = format!(
        "{} WHERE i.kind {kind_list} AND i.space_id {in_scope} AND i.lat IS NULL
         LIMIT ${}",
        item_type.select(),
        3
    );
    let sql = open_only(item_type, sql);
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, Item>(&sql);
        query = query.bind(TextList::new(kinds.iter().map(|k| k.as_str())));
        query = query.bind(space_list(spaces));
        query.bind(limit).fetch_all(pool).await
    })?)
}

/// How a word query combines its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Combine {
    /// Every word: few, very relevant matches.
    All,
    /// Any word: many matches, of which the newest are taken.
    Any,
}

/// Ids of items in `spaces` whose text has the `keywords` (all or any of them). Ranking every
/// match of common words would cost more than the whole suggestion, so a bounded number of
/// matches is taken in index order (newest first on SQLite, table order on PostgreSQL) and
/// scoring ranks them.
async fn word_matches(
    db: &Db,
    item_type: ItemType,
    spaces: &[SpaceId],
    keywords: &[String],
    combine: Combine,
    limit: i64,
) -> Result<Vec<i64>, StoreError> {
    let in_scope = in_ids(db.backend(), 2);
    let limit_at = 3;
    Ok(match db {
        Db::Sqlite(pool) => {
            let joiner = if combine == Combine::All {
                " AND "
            } else {
                " OR "
            };
            let query_text = keywords
                .iter()
                .map(|k| format!("\"{k}\""))
                .collect::<Vec<_>>()
                .join(joiner);
            // CROSS JOIN keeps SQLite to this order (its planner since 3.4x would rather walk
            // every row of the type through an index and probe the matches, 30 times slower).
            let sql = format!(
                "WITH found AS MATERIALIZED (
                    SELECT rowid AS row_id FROM stakeholder_search_fts
                    WHERE stakeholder_search_fts MATCH $1 ORDER BY rowid DESC LIMIT {depth}
                 )
                 SELECT s.item_id FROM found f CROSS JOIN stakeholder_search s ON s.id = f.row_id
                 WHERE s.item_type = '{kind}' AND s.space_id {in_scope}
                 LIMIT ${limit_at}",
                kind = item_type.as_str(),
                depth = limit * 4
            );
            let mut query = sqlx::query_scalar(&sql).bind(query_text);
            query = query.bind(space_list(spaces));
            query.bind(limit).fetch_all(pool).await?
        }
        Db::Postgres(pool) => {
            let joiner = if combine == Combine::All {
                " & "
            } else {
                " | "
            };
            let query_text = keywords.join(joiner);
            // The matches first, bounded, then the type and spaces: asked for the newest of
            // a type directly, PostgreSQL walks the whole type backwards through the primary
            // key testing every row, hundreds of milliseconds when the words are rare in it.
            let sql = format!(
                "WITH found AS MATERIALIZED (
                    SELECT item_type, item_id, space_id FROM stakeholder_search
                    WHERE document @@ to_tsquery('simple', $1) LIMIT {depth}
                 )
                 SELECT item_id FROM found
                 WHERE item_type = '{kind}' AND space_id {in_scope}
                 ORDER BY item_id DESC LIMIT ${limit_at}",
                kind = item_type.as_str(),
                depth = limit * 4
            );
            let mut query = sqlx::query_scalar(&sql).bind(query_text);
            query = query.bind(space_list(spaces));
            query.bind(limit).fetch_all(pool).await?
        }
    })
}

/// Items in `spaces` sharing any of the `keywords`.
async fn by_words(
    db: &Db,
    item_type: ItemType,
    spaces: &[SpaceId],
    keywords: &[String],
    limit: i64,
) -> Result<Vec<Item>, StoreError> {
    if keywords.is_empty() {
        return Ok(Vec::new());
    }
    // One query: items with all the words are a subset of those with any, and the newest
    // with any are plenty to score; a second, stricter query cost as much again.
    let combine = if keywords.len() > 1 {
        Combine::Any
    } else {
        Combine::All
    };
    let ids = word_matches(db, item_type, spaces, keywords, combine, limit).await?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "{} WHERE i.id {}",
        item_type.select(),
        in_ids(db.backend(), 1)
    );
    let sql = open_only(item_type, sql);
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, Item>(&sql);
        query = query.bind(IdList::new(ids.iter().copied()));
        query.fetch_all(pool).await
    })?)
}

/// Needs that are met are no longer candidates.
fn open_only(item_type: ItemType, sql: String) -> String {
    match item_type {
        ItemType::Need => sql.replacen(" WHERE ", " WHERE i.status = 'open' AND ", 1),
        ItemType::Resource => sql,
    }
}

/// The candidates of `item_type` (resources for a need, open needs for a resource) of `kinds`
/// around `location` sharing `keywords`, each once.
pub async fn find(
    db: &Db,
    item_type: ItemType,
    kinds: &[Kind],
    spaces: &[SpaceId],
    location: Option<Point>,
    keywords: &[String],
    limits: Limits,
) -> Result<Vec<Item>, StoreError> {
    if spaces.is_empty() || kinds.is_empty() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    if let Some(point) = location {
        // Widen the circle only while it holds too few: in a dense city the nearest few
        // hundred are within a few hundred metres, and a small box keeps the query cheap.
        let mut radius = 600.0_f64.min(limits.radius_m);
        loop {
            let near = nearby(
                db,
                item_type,
                kinds,
                spaces,
                point,
                Limits {
                    radius_m: radius,
                    ..limits
                },
            )
            .await?;
            let enough = near.len() as i64 >= limits.nearby / 2;
            if enough || radius >= limits.radius_m {
                found.extend(near);
                break;
            }
            radius = (radius * 3.0).min(limits.radius_m);
        }
    }
    found.extend(unlocated(db, item_type, kinds, spaces, limits.unlocated).await?);
    // Keywords are folded words; at most a dozen keep the text query cheap.
    let words: Vec<String> = keywords.iter().take(12).cloned().collect();
    let allowed: HashSet<&str> = kinds.iter().map(|k| k.as_str()).collect();
    found.extend(
        by_words(db, item_type, spaces, &words, limits.by_words)
            .await?
            .into_iter()
            .filter(|item| allowed.contains(item.kind.as_str())),
    );
    let mut seen = HashSet::new();
    found.retain(|item| seen.insert(item.id));
    Ok(found)
}
