//! The activity log: who did what to which record, in which space, and when. Written in the
//! same transaction as the change it records, append-only (triggers refuse updates and
//! deletes), and hash-chained so that tampering is detectable ([`verify`]).

use crate::{with_db, with_tx, Db, StoreError, Tx};
use chrono::{DateTime, Utc};
use cospace_core::activity::{entry_hash, first_broken, EntryContent, StoredEntry, GENESIS};
use cospace_core::{SpaceId, UserId};

/// One change to record.
#[derive(Debug, Clone)]
pub struct Activity<'a> {
    pub actor: Option<UserId>,
    pub space: Option<SpaceId>,
    /// What happened, as `subject.verb` (`space.create`, `member.add`).
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: String,
    /// What changed, as JSON; never a password or a secret.
    pub details: serde_json::Value,
}

/// The fixed text form of a timestamp that the hash covers.
fn timestamp_text(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Appends `activity` to the log inside `tx`, chained to the entry before it.
pub async fn record(tx: &mut Tx, activity: Activity<'_>) -> Result<i64, StoreError> {
    let at = crate::now();
    let details = activity.details.to_string();
    // Entries must be chained in the order they commit. SQLite has one writer at a time
    // (BEGIN IMMEDIATE); on PostgreSQL an advisory lock held to the end of the transaction
    // serialises appends across every node.
    let on_postgres = tx.backend() == crate::Backend::Postgres;
    let previous: Option<String> = with_tx!(tx, |conn| {
        if on_postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(7261636)")
                .execute(&mut *conn)
                .await?;
        }
        sqlx::query_scalar("SELECT hash FROM activity_log ORDER BY id DESC LIMIT 1")
            .fetch_optional(&mut *conn)
            .await
    })?;
    let previous = previous.unwrap_or_else(|| GENESIS.to_owned());
    let occurred_at = timestamp_text(at);
    let hash = entry_hash(
        &previous,
        &EntryContent {
            occurred_at: &occurred_at,
            actor: activity.actor.map(|a| a.0),
            space: activity.space.map(|s| s.0),
            action: activity.action,
            subject_type: activity.subject_type,
            subject_id: &activity.subject_id,
            details: &details,
        },
    );
    let id: i64 = with_tx!(tx, |conn| {
        sqlx::query_scalar(
        "INSERT INTO activity_log
            (occurred_at, actor_user_id, space_id, action, subject_type, subject_id, details, previous_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"
    )
    .bind(at)
    .bind(activity.actor.map(|a| a.0))
    .bind(activity.space.map(|s| s.0))
    .bind(activity.action)
    .bind(activity.subject_type)
    .bind(&activity.subject_id)
    .bind(&details)
    .bind(&previous)
    .bind(&hash)
    .fetch_one(&mut *conn)
    .await
    })?;
    Ok(id)
}

/// An entry as shown to a space admin.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LogEntry {
    pub id: i64,
    pub occurred_at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    pub actor_name: Option<String>,
    pub space_id: Option<i64>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub details: String,
    pub hash: String,
}

/// The newest entries of one space, newest first, `limit` at a time, older than `before`.
pub async fn for_space(
    db: &Db,
    space: SpaceId,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<LogEntry>, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_as::<_, LogEntry>(
        "SELECT a.id, a.occurred_at, a.actor_user_id, u.display_name AS actor_name, a.space_id,
                a.action, a.subject_type, a.subject_id, a.details, a.hash
         FROM activity_log a LEFT JOIN users u ON u.id = a.actor_user_id
         WHERE a.space_id = $1 AND a.id < $2
         ORDER BY a.id DESC LIMIT $3"
    )
    .bind(space.0)
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(pool)
    .await)?)
}

#[derive(sqlx::FromRow)]
struct ChainRow {
    id: i64,
    occurred_at: DateTime<Utc>,
    actor_user_id: Option<i64>,
    space_id: Option<i64>,
    action: String,
    subject_type: String,
    subject_id: String,
    details: String,
    previous_hash: String,
    hash: String,
}

/// Walks the whole chain. Returns the number of entries checked and the id of the first entry
/// that does not verify, if any.
pub async fn verify(db: &Db) -> Result<(u64, Option<i64>), StoreError> {
    const PAGE: i64 = 1000;
    let mut previous = GENESIS.to_owned();
    let mut after = 0i64;
    let mut checked = 0u64;
    loop {
        let rows: Vec<ChainRow> = with_db!(db, |pool| sqlx::query_as(
            "SELECT id, occurred_at, actor_user_id, space_id, action, subject_type, subject_id,
                    details, previous_hash, hash
             FROM activity_log WHERE id > $1 ORDER BY id LIMIT $2"
        )
        .bind(after)
        .bind(PAGE)
        .fetch_all(pool)
        .await)?;
        let Some(last) = rows.last() else {
            return Ok((checked, None));
        };
        after = last.id;
        let entries: Vec<StoredEntry> = rows
            .into_iter()
            .map(|r| StoredEntry {
                id: r.id,
                occurred_at: timestamp_text(r.occurred_at),
                actor: r.actor_user_id,
                space: r.space_id,
                action: r.action,
                subject_type: r.subject_type,
                subject_id: r.subject_id,
                details: r.details,
                previous_hash: r.previous_hash,
                hash: r.hash,
            })
            .collect();
        if let Some(broken) = first_broken(&previous, &entries) {
            return Ok((checked, Some(broken)));
        }
        checked += entries.len() as u64;
        if let Some(last) = entries.last() {
            previous = last.hash.clone();
        }
    }
}
