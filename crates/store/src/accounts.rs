//! Accounts: users, server-side sessions, personal API tokens and login attempts.

use crate::secrets::{hash_token, random_token};
use crate::{now, with_db, with_tx, Db, StoreError, Tx};
use chrono::{DateTime, Duration, Utc};
use cospace_core::account::Email;
use cospace_core::{Lang, UserId};

/// How long a session lives without being used.
pub const SESSION_IDLE: Duration = Duration::days(14);
/// A session's expiry is pushed forward at most this often, so reading a page rarely writes.
const SESSION_REFRESH: Duration = Duration::hours(1);

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub is_platform_admin: bool,
    pub language: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl User {
    pub fn id(&self) -> UserId {
        UserId(self.id)
    }

    pub fn lang(&self) -> Option<Lang> {
        self.language.as_deref().and_then(Lang::from_tag)
    }
}

const USER_COLUMNS: &str = "id, email, display_name, is_platform_admin, language, created_at";

/// `columns` qualified with a table alias (`id, email` → `u.id, u.email`), for joins.
pub(crate) fn qualified(columns: &str, alias: &str) -> String {
    columns
        .split(", ")
        .map(|c| format!("{alias}.{c}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A validated new account.
pub struct NewUser<'a> {
    pub email: &'a Email,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub platform_admin: bool,
    pub language: Option<Lang>,
}

pub async fn create_user(tx: &mut Tx, user: NewUser<'_>) -> Result<UserId, StoreError> {
    let at = now();
    let id: i64 = with_tx!(tx, |conn| sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, is_platform_admin, language, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(user.email.as_str())
    .bind(user.display_name)
    .bind(user.password_hash)
    .bind(user.platform_admin)
    .bind(user.language.map(Lang::code))
    .bind(at)
    .fetch_one(&mut *conn)
    .await)
    .map_err(StoreError::conflict_on("email"))?;
    Ok(UserId(id))
}

/// Creates the account unless its e-mail address is taken (then `None`). Unlike
/// [`create_user`] a taken address does not fail the statement, so `tx` stays usable — on
/// PostgreSQL a failed statement would abort the whole transaction.
pub async fn create_user_if_new(
    tx: &mut Tx,
    user: NewUser<'_>,
) -> Result<Option<UserId>, StoreError> {
    let at = now();
    let id: Option<i64> = with_tx!(tx, |conn| {
        sqlx::query_scalar(
        "INSERT INTO users (email, display_name, password_hash, is_platform_admin, language, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(user.email.as_str())
    .bind(user.display_name)
    .bind(user.password_hash)
    .bind(user.platform_admin)
    .bind(user.language.map(Lang::code))
    .bind(at)
    .fetch_optional(&mut *conn)
    .await
    })?;
    Ok(id.map(UserId))
}

pub async fn user_by_id(db: &Db, id: UserId) -> Result<User, StoreError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
    with_db!(db, |pool| sqlx::query_as::<_, User>(&sql)
        .bind(id.0)
        .fetch_optional(pool)
        .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn user_by_email(db: &Db, email: &str) -> Result<Option<User>, StoreError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE email = $1");
    Ok(with_db!(db, |pool| sqlx::query_as::<_, User>(&sql)
        .bind(email.trim().to_lowercase())
        .fetch_optional(pool)
        .await)?)
}

/// The account and its password hash, for signing in.
pub async fn credentials(db: &Db, email: &str) -> Result<Option<(User, String)>, StoreError> {
    let Some(user) = user_by_email(db, email).await? else {
        return Ok(None);
    };
    let hash: String = with_db!(db, |pool| sqlx::query_scalar(
        "SELECT password_hash FROM users WHERE id = $1"
    )
    .bind(user.id)
    .fetch_one(pool)
    .await)?;
    Ok(Some((user, hash)))
}

pub async fn set_password_hash(
    tx: &mut Tx,
    user: UserId,
    password_hash: &str,
) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(password_hash)
    .bind(now())
    .bind(user.0)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_language(
    tx: &mut Tx,
    user: UserId,
    language: Option<Lang>,
) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "UPDATE users SET language = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(language.map(Lang::code))
    .bind(now())
    .bind(user.0)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn set_platform_admin(tx: &mut Tx, user: UserId, admin: bool) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "UPDATE users SET is_platform_admin = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(admin)
    .bind(now())
    .bind(user.0)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

pub async fn count_users(db: &Db) -> Result<i64, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM users"
    )
    .fetch_one(pool)
    .await)?)
}

/// A signed-in session: the secret to put in the cookie, and when it lapses.
pub struct NewSession {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

pub async fn create_session(tx: &mut Tx, user: UserId) -> Result<NewSession, StoreError> {
    let token = random_token("")?;
    let at = now();
    let expires_at = at + SESSION_IDLE;
    with_tx!(tx, |conn| sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $3, $4)"
    )
    .bind(hash_token(&token))
    .bind(user.0)
    .bind(at)
    .bind(expires_at)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(NewSession { token, expires_at })
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct SessionRow {
    last_seen_at: DateTime<Utc>,
}

/// The user behind a session cookie, if the session exists and has not expired. Pushes the
/// expiry forward (at most hourly) so active people stay signed in.
pub async fn session_user(db: &Db, token: &str) -> Result<Option<User>, StoreError> {
    let at = now();
    let hash = hash_token(token);
    let session: Option<SessionRow> = with_db!(db, |pool| sqlx::query_as(
        "SELECT last_seen_at FROM sessions WHERE id_hash = $1 AND expires_at > $2"
    )
    .bind(&hash)
    .bind(at)
    .fetch_optional(pool)
    .await)?;
    let Some(session) = session else {
        return Ok(None);
    };
    if at - session.last_seen_at > SESSION_REFRESH {
        let mut tx = db.begin().await?;
        with_tx!(tx, |conn| sqlx::query(
            "UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id_hash = $3"
        )
        .bind(at)
        .bind(at + SESSION_IDLE)
        .bind(&hash)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
        tx.commit().await?;
    }
    let sql = format!(
        "SELECT {} FROM users u JOIN sessions s ON s.user_id = u.id WHERE s.id_hash = $1",
        qualified(USER_COLUMNS, "u")
    );
    Ok(with_db!(db, |pool| sqlx::query_as::<_, User>(&sql)
        .bind(&hash)
        .fetch_optional(pool)
        .await)?)
}

pub async fn delete_session(tx: &mut Tx, token: &str) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "DELETE FROM sessions WHERE id_hash = $1"
    )
    .bind(hash_token(token))
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Ends every session of `user` but the one whose token is `keep` (after a password change,
/// a thief's session must not survive).
pub async fn delete_other_sessions(
    tx: &mut Tx,
    user: UserId,
    keep: Option<&str>,
) -> Result<u64, StoreError> {
    let keep = keep.map(hash_token).unwrap_or_default();
    let result = with_tx!(tx, |conn| sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2"
    )
    .bind(user.0)
    .bind(keep)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(result)
}

/// Removes sessions that have lapsed; run now and then so the table does not grow forever.
pub async fn purge_expired_sessions(db: &Db) -> Result<u64, StoreError> {
    let mut tx = db.begin().await?;
    let result = with_tx!(tx, |conn| sqlx::query(
        "DELETE FROM sessions WHERE expires_at <= $1"
    )
    .bind(now())
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    tx.commit().await?;
    Ok(result)
}

/// A personal API token: its id and the secret, shown once and stored only as a hash.
pub struct NewApiToken {
    pub id: i64,
    pub token: String,
}

pub async fn create_api_token(
    tx: &mut Tx,
    user: UserId,
    name: &str,
) -> Result<NewApiToken, StoreError> {
    let token = random_token("csp_")?;
    let id: i64 = with_tx!(tx, |conn| {
        sqlx::query_scalar(
        "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4) RETURNING id"
    )
    .bind(user.0)
    .bind(name)
    .bind(hash_token(&token))
    .bind(now())
    .fetch_one(&mut *conn)
    .await
    })?;
    Ok(NewApiToken { id, token })
}

/// The user an API token belongs to, unless it is unknown or revoked. Notes when the token was
/// last used (at most hourly, so API reads rarely write).
pub async fn api_token_user(db: &Db, token: &str) -> Result<Option<User>, StoreError> {
    let hash = hash_token(token);
    let found: Option<(i64, Option<DateTime<Utc>>)> = with_db!(db, |pool| sqlx::query_as(
        "SELECT id, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL"
    )
    .bind(&hash)
    .fetch_optional(pool)
    .await)?;
    let Some((token_id, last_used)) = found else {
        return Ok(None);
    };
    let at = now();
    if last_used.is_none_or(|used| at - used > SESSION_REFRESH) {
        let mut tx = db.begin().await?;
        with_tx!(tx, |conn| sqlx::query(
            "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2"
        )
        .bind(at)
        .bind(token_id)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?;
        tx.commit().await?;
    }
    let sql = format!(
        "SELECT {} FROM users u JOIN api_tokens t ON t.user_id = u.id WHERE t.id = $1",
        qualified(USER_COLUMNS, "u")
    );
    Ok(with_db!(db, |pool| sqlx::query_as::<_, User>(&sql)
        .bind(token_id)
        .fetch_optional(pool)
        .await)?)
}

/// A personal API token as its owner sees it (never the secret).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApiTokenInfo {
    pub id: i64,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The tokens of `user` that are still valid, newest first.
pub async fn api_tokens(db: &Db, user: UserId) -> Result<Vec<ApiTokenInfo>, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_as::<_, ApiTokenInfo>(
        "SELECT id, name, created_at, last_used_at FROM api_tokens
         WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id DESC"
    )
    .bind(user.0)
    .fetch_all(pool)
    .await)?)
}

/// Revokes one of `user`'s tokens; `NotFound` if it is not theirs or already revoked.
pub async fn revoke_api_token(tx: &mut Tx, user: UserId, token: i64) -> Result<(), StoreError> {
    let changed = with_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL"
    )
    .bind(now())
    .bind(token)
    .bind(user.0)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn record_login_attempt(
    tx: &mut Tx,
    email: &str,
    ip: &str,
    succeeded: bool,
) -> Result<(), StoreError> {
    let at = now();
    with_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO login_attempts (email, ip, attempted_at, succeeded) VALUES ($1, $2, $3, $4)",
        )
        .bind(email.trim().to_lowercase())
        .bind(ip)
        .bind(at)
        .bind(succeeded)
        .execute(&mut *conn)
        .await?;
        // Attempts older than a day no longer count toward any limit.
        sqlx::query("DELETE FROM login_attempts WHERE attempted_at < $1")
            .bind(at - Duration::days(1))
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected())
    })?;
    Ok(())
}
