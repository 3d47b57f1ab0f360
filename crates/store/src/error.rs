//! The storage layer's one error type.

use cospace_core::Invalid;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record asked for does not exist (or is not visible to the asker).
    #[error("not found")]
    NotFound,
    /// A unique value is already taken; `field` names the input field it came from.
    #[error("{field} is already taken")]
    Conflict { field: &'static str },
    /// The input broke a rule that only storage can check (a parent that would create a cycle).
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// The database URL is not usable: names what is wrong, for a one-line CLI message.
    #[error("{0}")]
    Config(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl StoreError {
    /// Turns a unique-constraint violation into a [`StoreError::Conflict`] on `field`.
    pub fn conflict_on(field: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
        move |error| match &error {
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict { field },
            _ => StoreError::Database(error),
        }
    }
}
