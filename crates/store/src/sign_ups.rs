//! Sign-ups waiting for their e-mail address to be confirmed.
//!
//! A sign-up form creates no account: it stores what was typed (the password already hashed)
//! under a random token and mails the token's link to the address. Following the link creates
//! the account, so an account's address is always proven, and the form answers the same whether
//! or not the address is registered. Only the token's SHA-256 is stored, as for sessions: the
//! database alone cannot confirm anything.

use crate::secrets::{hash_token, random_token};
use crate::{now, with_db, with_tx, Db, StoreError, Tx};
use chrono::{DateTime, Duration, Utc};
use cospace_core::account::Email;
use cospace_core::Lang;

/// How long a confirmation link works. The messages that mention it (`sign-up-sent-*`,
/// `sign-up-confirm-expired`, `mail-sign-up-confirm-body`) say 24 hours.
pub const SIGN_UP_VALID: Duration = Duration::hours(24);

/// What a sign-up form stored, to become an account once its address is confirmed.
pub struct NewSignUp<'a> {
    pub email: &'a Email,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub language: Option<Lang>,
    /// The local path to go to once the account exists.
    pub next: &'a str,
}

/// A stored sign-up.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PendingSignUp {
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub language: Option<String>,
    pub next_path: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl PendingSignUp {
    pub fn lang(&self) -> Option<Lang> {
        self.language.as_deref().and_then(Lang::from_tag)
    }

    pub fn is_expired(&self, at: DateTime<Utc>) -> bool {
        self.expires_at <= at
    }
}

const COLUMNS: &str =
    "email, display_name, password_hash, language, next_path, created_at, expires_at";

/// Stores a sign-up inside `tx` (the transaction that queues its confirmation mail) and returns
/// the secret token for the link; only its hash is kept.
pub async fn create(tx: &mut Tx, sign_up: NewSignUp<'_>) -> Result<String, StoreError> {
    let token = random_token("")?;
    let at = now();
    with_tx!(tx, |conn| {
        sqlx::query(
        "INSERT INTO pending_sign_ups
             (token_hash, email, display_name, password_hash, language, next_path, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
    )
    .bind(hash_token(&token))
    .bind(sign_up.email.as_str())
    .bind(sign_up.display_name)
    .bind(sign_up.password_hash)
    .bind(sign_up.language.map(Lang::code))
    .bind(sign_up.next)
    .bind(at)
    .bind(at + SIGN_UP_VALID)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(token)
}

/// The sign-up behind `token`, expired or not (to tell a lapsed link from an unknown one).
pub async fn find(db: &Db, token: &str) -> Result<Option<PendingSignUp>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM pending_sign_ups WHERE token_hash = $1");
    Ok(with_db!(db, |pool| sqlx::query_as::<_, PendingSignUp>(
        &sql
    )
    .bind(hash_token(token))
    .fetch_optional(pool)
    .await)?)
}

/// Removes and returns the sign-up behind `token` if it has not expired, in one statement: of
/// two confirmations of one link racing, exactly one gets it.
pub async fn take(tx: &mut Tx, token: &str) -> Result<Option<PendingSignUp>, StoreError> {
    let sql = format!(
        "DELETE FROM pending_sign_ups WHERE token_hash = $1 AND expires_at > $2 RETURNING {COLUMNS}"
    );
    Ok(with_tx!(tx, |conn| sqlx::query_as::<_, PendingSignUp>(
        &sql
    )
    .bind(hash_token(token))
    .bind(now())
    .fetch_optional(&mut *conn)
    .await)?)
}

/// Removes every sign-up for `email` (its account exists now: the other links are void).
pub async fn delete_for_email(tx: &mut Tx, email: &str) -> Result<u64, StoreError> {
    Ok(with_tx!(tx, |conn| sqlx::query(
        "DELETE FROM pending_sign_ups WHERE email = $1"
    )
    .bind(email)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?)
}

/// Removes sign-ups whose link has lapsed (housekeeping). Returns how many were removed.
pub async fn purge_expired(db: &Db) -> Result<u64, StoreError> {
    let mut tx = db.begin().await?;
    let removed = with_tx!(tx, |conn| sqlx::query(
        "DELETE FROM pending_sign_ups WHERE expires_at <= $1"
    )
    .bind(now())
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(removed)
}

/// How many sign-ups wait for `email` (for tests and administration).
pub async fn count_for_email(db: &Db, email: &str) -> Result<i64, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM pending_sign_ups WHERE email = $1"
    )
    .bind(email.trim().to_lowercase())
    .fetch_one(pool)
    .await)?)
}
