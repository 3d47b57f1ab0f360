//! Matches between needs and resources as stored: who proposed them, each side's answer, the
//! score and its reasons.

use super::space_list;
use chrono::{DateTime, Utc};
use cospace_core::ids::MatchId;
use cospace_core::stakeholders::{MatchSide, MatchStatus};
use cospace_core::{SpaceId, UserId};
use cospace_store::stored::column;
use cospace_store::{in_ids, now, with_db, with_tx, Db, StoreError, Tx};

/// A proposed match between a need and a resource.
#[derive(Debug, Clone)]
pub struct Match {
    pub id: MatchId,
    pub need_id: i64,
    pub resource_id: i64,
    pub proposed_by: Option<UserId>,
    pub status: MatchStatus,
    pub need_side: MatchSide,
    pub offer_side: MatchSide,
    pub score: f64,
    /// The reasons, as JSON ([`cospace_core::synergy::Reason`]).
    pub reasons: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl<'r, R> sqlx::FromRow<'r, R> for Match
where
    R: sqlx::Row,
    &'static str: sqlx::ColumnIndex<R>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    f64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    DateTime<Utc>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(Match {
            id: MatchId(row.try_get("id")?),
            need_id: row.try_get("need_id")?,
            resource_id: row.try_get("resource_id")?,
            proposed_by: row.try_get::<Option<i64>, _>("proposed_by")?.map(UserId),
            status: column(row, "status")?,
            need_side: column(row, "need_side")?,
            offer_side: column(row, "offer_side")?,
            score: row.try_get("score")?,
            reasons: row.try_get("reasons")?,
            note: row.try_get("note")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        })
    }
}

const MATCH_COLUMNS: &str =
    "m.id, m.need_id, m.resource_id, m.proposed_by, m.status, m.need_side, \
    m.offer_side, m.score, m.reasons, m.note, m.created_at, m.updated_at";

/// A new proposal. `Conflict` when the pair was proposed before.
#[allow(clippy::too_many_arguments)]
pub async fn create_match(
    tx: &mut Tx,
    need: i64,
    resource: i64,
    proposed_by: UserId,
    need_side: MatchSide,
    offer_side: MatchSide,
    score: f64,
    reasons: &str,
    note: &str,
) -> Result<MatchId, StoreError> {
    let at = now();
    let id: i64 = with_tx!(tx, |conn| sqlx::query_scalar(
        "INSERT INTO matches (need_id, resource_id, proposed_by, status, need_side, offer_side,
            score, reasons, note, created_at, updated_at)
         VALUES ($1, $2, $3, 'proposed', $4, $5, $6, $7, $8, $9, $9) RETURNING id"
    )
    .bind(need)
    .bind(resource)
    .bind(proposed_by.0)
    .bind(need_side.as_str())
    .bind(offer_side.as_str())
    .bind(score)
    .bind(reasons)
    .bind(note)
    .bind(at)
    .fetch_one(&mut *conn)
    .await)
    .map_err(StoreError::conflict_on("resource"))?;
    Ok(MatchId(id))
}

pub async fn match_by_id(db: &Db, id: MatchId) -> Result<Match, StoreError> {
    let sql = format!("SELECT {MATCH_COLUMNS} FROM matches m WHERE m.id = $1");
    with_db!(db, |pool| sqlx::query_as::<_, Match>(&sql)
        .bind(id.0)
        .fetch_optional(pool)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// Matches whose need is in one of `spaces`, newest first.
pub async fn matches_in(db: &Db, spaces: &[SpaceId]) -> Result<Vec<Match>, StoreError> {
    matches_page(db, spaces, None, i64::MAX).await
}

/// A page of [`matches_in`]: up to `limit` matches older (lower id) than `before`.
pub async fn matches_page(
    db: &Db,
    spaces: &[SpaceId],
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<Match>, StoreError> {
    if spaces.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {MATCH_COLUMNS} FROM matches m JOIN needs n ON n.id = m.need_id
         WHERE n.space_id {} AND m.id < $1 ORDER BY m.id DESC LIMIT $2",
        in_ids(db.backend(), 3)
    );
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, Match>(&sql)
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit);
        query = query.bind(space_list(spaces));
        query.fetch_all(pool).await
    })?)
}

/// Pairs already proposed for a need (any status), so suggestions do not repeat them.
pub async fn proposed_resources(db: &Db, need: i64) -> Result<Vec<i64>, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_scalar(
        "SELECT resource_id FROM matches WHERE need_id = $1"
    )
    .bind(need)
    .fetch_all(pool)
    .await)?)
}

pub async fn update_match(
    tx: &mut Tx,
    id: MatchId,
    status: MatchStatus,
    need_side: MatchSide,
    offer_side: MatchSide,
) -> Result<(), StoreError> {
    with_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE matches SET status = $1, need_side = $2, offer_side = $3, updated_at = $4 WHERE id = $5"
    )
    .bind(status.as_str())
    .bind(need_side.as_str())
    .bind(offer_side.as_str())
    .bind(now())
    .bind(id.0)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}
