//! Storage for cospace: one code path over SQLite (the embedded default) and PostgreSQL (for
//! several nodes), versioned migrations for both, and the queries behind the platform's core
//! tables (accounts, sessions, tokens, spaces, members, components, organisations with their
//! admins and listings, the activity log, the outgoing-mail outbox, sign-ups awaiting
//! confirmation).
//!
//! Every query is written once, with `$N` placeholders that both backends accept, and run
//! through [`with_db!`]/[`with_tx!`], which type-check it against each backend's native types.
//! Where the two really differ (locks, full-text search) a function matches on [`Db`] itself.
//!
//! Invariant: every write happens inside a [`Tx`], and every state-changing use case writes its
//! activity-log entry in that same transaction ([`activity::record`]).

pub mod accounts;
pub mod activity;
pub mod db;
mod error;
pub mod ids;
pub mod migrations;
pub mod notifications;
pub mod organizations;
pub mod outbox;
pub mod rate_limits;
pub mod secrets;
pub mod sign_ups;
pub mod spaces;
pub mod stored;

pub use db::{now, Backend, ConnectOptions, Db, Tx};
pub use error::StoreError;
pub use ids::{in_ids, IdList};
pub use stored::Stored;

/// Runs `$body` with `$exec` bound to the backend's pool (`&SqlitePool` or `&PgPool`), so one
/// query text is compiled against both backends' types.
#[macro_export]
macro_rules! with_db {
    ($db:expr, |$exec:ident| $body:expr) => {
        match $db {
            $crate::Db::Sqlite($exec) => $body,
            $crate::Db::Postgres($exec) => $body,
        }
    };
}

/// Runs `$body` with `$conn` bound to the transaction's connection (`&mut SqliteConnection` or
/// `&mut PgConnection`); use `&mut *$conn` as the executor for each query.
#[macro_export]
macro_rules! with_tx {
    ($tx:expr, |$conn:ident| $body:expr) => {
        match $tx.inner_mut() {
            $crate::db::TxInner::Sqlite(tx) => {
                let $conn = &mut **tx;
                $body
            }
            $crate::db::TxInner::Postgres(tx) => {
                let $conn = &mut **tx;
                $body
            }
        }
    };
}
