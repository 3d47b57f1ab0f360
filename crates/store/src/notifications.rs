//! In-app notifications. A notification stores a message key and its arguments, not text, so
//! each person reads it in their own language whenever they open it.

use crate::{now, with_db, with_tx, Db, StoreError, Tx};
use chrono::{DateTime, Utc};
use cospace_core::UserId;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Notification {
    pub id: i64,
    pub message_key: String,
    /// JSON object of the message's text arguments.
    pub args: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

impl Notification {
    /// The arguments as (name, value) pairs.
    pub fn arguments(&self) -> Vec<(String, String)> {
        match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&self.args) {
            Ok(map) => map
                .into_iter()
                .map(|(k, v)| {
                    let text = match v {
                        serde_json::Value::String(s) => s,
                        other => other.to_string(),
                    };
                    (k, text)
                })
                .collect(),
            Err(_) => Vec::new(),
        }
    }
}

/// Tells `user` something, inside the transaction of the change it is about.
pub async fn notify(
    tx: &mut Tx,
    user: UserId,
    message_key: &str,
    args: serde_json::Value,
    link: &str,
) -> Result<(), StoreError> {
    with_tx!(tx, |conn| {
        sqlx::query(
        "INSERT INTO notifications (user_id, message_key, args, link, created_at) VALUES ($1, $2, $3, $4, $5)"
    )
    .bind(user.0)
    .bind(message_key)
    .bind(args.to_string())
    .bind(link)
    .bind(now())
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

pub async fn unread_count(db: &Db, user: UserId) -> Result<i64, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL"
    )
    .bind(user.0)
    .fetch_one(pool)
    .await)?)
}

/// The newest notifications of `user`.
pub async fn recent(db: &Db, user: UserId, limit: i64) -> Result<Vec<Notification>, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Notification>(
        "SELECT id, message_key, args, link, created_at, read_at FROM notifications
         WHERE user_id = $1 ORDER BY id DESC LIMIT $2"
    )
    .bind(user.0)
    .bind(limit)
    .fetch_all(pool)
    .await)?)
}

/// Marks every notification of `user` as read; returns how many were unread.
pub async fn mark_all_read(tx: &mut Tx, user: UserId) -> Result<u64, StoreError> {
    Ok(with_tx!(tx, |conn| sqlx::query(
        "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL"
    )
    .bind(now())
    .bind(user.0)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?)
}
