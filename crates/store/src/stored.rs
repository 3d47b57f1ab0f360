//! A closed-vocabulary value as a column holds it: decoded from its text when the row is read,
//! so a value outside the vocabulary is a decoding error of that column (a `StoreError`), not
//! a guess, and no caller compares it as text. [`Stored`] serves rows that derive `FromRow`;
//! [`column`] serves rows decoded by hand — one decoding either way.

use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Type};
use std::ops::Deref;

/// A decoded vocabulary value in a row; reads as the value itself (`Deref`, `==`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Stored<T>(pub T);

impl<T> Deref for Stored<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: PartialEq> PartialEq<T> for Stored<T> {
    fn eq(&self, other: &T) -> bool {
        self.0 == *other
    }
}

impl<DB: Database, T> Type<DB> for Stored<T>
where
    String: Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <String as Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <String as Type<DB>>::compatible(ty)
    }
}

/// Decodes the stored vocabulary value in `column` of a row decoded by hand.
pub fn column<'r, R, T>(row: &'r R, column: &'static str) -> Result<T, sqlx::Error>
where
    R: sqlx::Row,
    &'static str: sqlx::ColumnIndex<R>,
    String: Decode<'r, R::Database> + Type<R::Database>,
    T: TryFrom<String, Error = String>,
{
    row.try_get::<Stored<T>, _>(column).map(|stored| stored.0)
}

impl<'r, DB: Database, T> Decode<'r, DB> for Stored<T>
where
    String: Decode<'r, DB>,
    T: TryFrom<String, Error = String>,
{
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <String as Decode<'r, DB>>::decode(value)?;
        T::try_from(text).map(Stored).map_err(Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cospace_core::calendar::event::EventStatus;

    #[test]
    fn a_stored_value_reads_as_itself() {
        let status = Stored(EventStatus::Cancelled);
        assert!(status == EventStatus::Cancelled);
        assert_eq!(status.as_str(), "cancelled");
    }
}
