//! Connecting to SQLite or PostgreSQL and opening transactions.

use crate::StoreError;
use chrono::{DateTime, SubsecRound, Utc};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

/// A connection pool to one of the two supported databases.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Which database a [`Db`] talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// How long a PostgreSQL connection may sit idle in the pool before it is pinged on its next use.
const PING_WHEN_IDLE_FOR: Duration = Duration::from_secs(10);

/// Options for [`Db::connect`] that an operator may tune.
#[derive(Clone, Debug)]
pub struct ConnectOptions {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            max_connections: 10,
            acquire_timeout: Duration::from_secs(5),
        }
    }
}

impl Db {
    /// Connects to `url` (`sqlite://path`, `sqlite::memory:`, `postgres://…`).
    ///
    /// SQLite runs in WAL mode (readers never block the writer), with foreign keys enforced,
    /// `synchronous=FULL` (an acknowledged commit survives a power cut) and a busy timeout so
    /// concurrent writers queue instead of failing.
    pub async fn connect(url: &str, options: &ConnectOptions) -> Result<Db, StoreError> {
        let scheme = url.split(':').next().unwrap_or_default();
        match scheme {
            "sqlite" => {
                let connect = SqliteConnectOptions::from_str(url)
                    .map_err(|e| StoreError::Config(format!("invalid SQLite URL '{url}': {e}")))?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(10));
                // A SQLite connection is a file opened in this process: it cannot be dropped by
                // a server or a network, so it is not pinged before each use.
                let pool = SqlitePoolOptions::new()
                    .max_connections(options.max_connections)
                    .acquire_timeout(options.acquire_timeout)
                    .test_before_acquire(false)
                    .connect_with(connect)
                    .await
                    .map_err(|e| StoreError::Config(format!("cannot open '{url}': {e}")))?;
                Ok(Db::Sqlite(pool))
            }
            "postgres" | "postgresql" => {
                let connect = PgConnectOptions::from_str(url).map_err(|e| {
                    StoreError::Config(format!("invalid PostgreSQL URL '{}': {e}", redact(url)))
                })?;
                // A connection in steady use is known to be alive; only one that sat idle long
                // enough for the server, a proxy or a restart to have dropped it is pinged before
                // use. Pinging every time would double the round trips of every query.
                let pool = PgPoolOptions::new()
                    .max_connections(options.max_connections)
                    .acquire_timeout(options.acquire_timeout)
                    .test_before_acquire(false)
                    .before_acquire(|conn, meta| {
                        Box::pin(async move {
                            if meta.idle_for > PING_WHEN_IDLE_FOR {
                                sqlx::Connection::ping(conn).await?;
                            }
                            Ok(true)
                        })
                    })
                    .connect_with(connect)
                    .await
                    .map_err(|e| {
                        StoreError::Config(format!("cannot connect to '{}': {e}", redact(url)))
                    })?;
                Ok(Db::Postgres(pool))
            }
            _ => Err(StoreError::Config(format!(
                "unsupported database URL '{}': use sqlite://PATH or postgres://USER@HOST/DB",
                redact(url)
            ))),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// Starts a write transaction. On SQLite it takes the write lock up front
    /// (`BEGIN IMMEDIATE`), so two writers queue on the busy timeout instead of one failing
    /// when it upgrades a read lock.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let inner = match self {
            Db::Sqlite(pool) => TxInner::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(pool) => TxInner::Postgres(pool.begin().await?),
        };
        Ok(Tx { inner })
    }

    /// Whether the database answers a trivial query (for `/readyz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        crate::with_db!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Pool gauges for `/metrics`: (open connections, idle connections).
    pub fn pool_stats(&self) -> (u32, usize) {
        crate::with_db!(self, |pool| (pool.size(), pool.num_idle()))
    }

    /// Closes every connection, waiting for those in use to be returned.
    pub async fn close(&self) {
        crate::with_db!(self, |pool| pool.close().await)
    }
}

/// Hides the password of a database URL before it is printed or logged.
pub fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_owned(),
    }
}

/// An open write transaction. Dropped without [`Tx::commit`], it rolls back.
pub struct Tx {
    inner: TxInner,
}

#[doc(hidden)]
pub enum TxInner {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

impl Tx {
    #[doc(hidden)]
    pub fn inner_mut(&mut self) -> &mut TxInner {
        &mut self.inner
    }

    pub fn backend(&self) -> Backend {
        match self.inner {
            TxInner::Sqlite(_) => Backend::Sqlite,
            TxInner::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        match self.inner {
            TxInner::Sqlite(tx) => tx.commit().await?,
            TxInner::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

/// The current time at the precision both databases keep (microseconds), so that a value read
/// back equals the value written — the activity log's hashes depend on it.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_passwords() {
        assert_eq!(
            redact("postgres://app:s3cret@db.example/cospace"),
            "postgres://app:***@db.example/cospace"
        );
        assert_eq!(redact("sqlite://cospace.db"), "sqlite://cospace.db");
    }

    #[tokio::test]
    async fn rejects_unknown_schemes() {
        let error = Db::connect("mysql://x", &ConnectOptions::default())
            .await
            .unwrap_err();
        assert!(error.to_string().contains("unsupported database URL"));
    }
}
