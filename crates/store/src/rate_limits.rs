//! Rate limits that hold under concurrency and across nodes: each attempt is counted by one
//! atomic upsert *before* the guarded work (checking a password, counting a vote) runs, and the
//! work runs only when the count it got back is within the limit. Counting first and checking
//! later in two statements would let a burst of concurrent requests all read the same old
//! count; here the database serialises the increments (a row lock on PostgreSQL, the single
//! writer on SQLite), so at most `limit` attempts per window get through.

use crate::{with_db, Db, StoreError};
use chrono::{DateTime, Utc};

/// Counts one attempt under `key` in a fixed window of `window_secs` seconds starting at its
/// first attempt; `true` when it is within `limit` and may go ahead.
pub async fn hit(
    db: &Db,
    key: &str,
    limit: i64,
    window_secs: i64,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let now = at.timestamp();
    let hits: i64 = with_db!(db, |pool| sqlx::query_scalar(
        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1)
         ON CONFLICT (key) DO UPDATE SET
           hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END,
           window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2
                               ELSE rate_limits.window_start END
         RETURNING hits"
    )
    .bind(key)
    .bind(now)
    .bind(now - window_secs)
    .fetch_one(pool)
    .await)?;
    Ok(hits <= limit)
}

/// Takes back one attempt under `key` (it turned out not to count, e.g. a correct password).
pub async fn refund(db: &Db, key: &str) -> Result<(), StoreError> {
    with_db!(db, |pool| sqlx::query(
        "UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND hits > 0"
    )
    .bind(key)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Removes the keys whose window started before `before` (housekeeping).
pub async fn purge(db: &Db, before: DateTime<Utc>) -> Result<u64, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query(
        "DELETE FROM rate_limits WHERE window_start < $1"
    )
    .bind(before.timestamp())
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))?)
}
