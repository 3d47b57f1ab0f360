//! Lists of ids as one query parameter, on either database.
//!
//! A query over "these 500 organisations" binds the list once: a JSON array that SQLite's
//! `json_each` unnests, or a `bigint[]` that PostgreSQL compares with `ANY`. One numbered
//! parameter per id would make the query text depend on the list's length (no statement
//! reuse) and is quadratic in sqlx's SQLite driver. [`in_ids`] writes the backend's
//! condition and [`IdList`] binds the list in the form that condition expects, so a store
//! function has one query text and one code path for both backends:
//!
//! ```ignore
//! let sql = format!("SELECT … FROM contacts WHERE organization_id {}", in_ids(db.backend(), 1));
//! with_db!(db, |pool| sqlx::query_as(&sql).bind(IdList::new(ids)).fetch_all(pool).await)
//! ```

use crate::Backend;
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Encode, Postgres, Sqlite, Type};

/// The condition "is one of the ids bound as parameter `$n`", for `backend`.
pub fn in_ids(backend: Backend, n: usize) -> String {
    match backend {
        Backend::Sqlite => format!("IN (SELECT value FROM json_each(${n}))"),
        Backend::Postgres => format!("= ANY(${n})"),
    }
}

/// Ids bound as one parameter: JSON text on SQLite, `bigint[]` on PostgreSQL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdList(Vec<i64>);

impl IdList {
    pub fn new(ids: impl IntoIterator<Item = i64>) -> IdList {
        IdList(ids.into_iter().collect())
    }

    fn json(&self) -> String {
        let mut out = String::with_capacity(self.0.len() * 8 + 2);
        out.push('[');
        for (i, id) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&id.to_string());
        }
        out.push(']');
        out
    }
}

impl Type<Sqlite> for IdList {
    fn type_info() -> <Sqlite as sqlx::Database>::TypeInfo {
        <String as Type<Sqlite>>::type_info()
    }
}

impl<'q> Encode<'q, Sqlite> for IdList {
    fn encode_by_ref(
        &self,
        buf: &mut <Sqlite as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        <String as Encode<'q, Sqlite>>::encode(self.json(), buf)
    }
}

impl Type<Postgres> for IdList {
    fn type_info() -> <Postgres as sqlx::Database>::TypeInfo {
        <Vec<i64> as Type<Postgres>>::type_info()
    }
}

impl<'q> Encode<'q, Postgres> for IdList {
    fn encode_by_ref(
        &self,
        buf: &mut <Postgres as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        <Vec<i64> as Encode<'q, Postgres>>::encode_by_ref(&self.0, buf)
    }
}

/// Text values (kinds, statuses, UIDs) bound as one parameter and compared with the condition
/// [`in_ids`] writes, like [`IdList`]: a JSON array of strings on SQLite, `text[]` on PostgreSQL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextList(Vec<String>);

impl TextList {
    pub fn new<S: Into<String>>(values: impl IntoIterator<Item = S>) -> TextList {
        TextList(values.into_iter().map(Into::into).collect())
    }

    fn json(&self) -> String {
        // A list of strings always serialises; the fallback is never reached.
        serde_json::to_string(&self.0).unwrap_or_else(|_| "[]".to_owned())
    }
}

impl Type<Sqlite> for TextList {
    fn type_info() -> <Sqlite as sqlx::Database>::TypeInfo {
        <String as Type<Sqlite>>::type_info()
    }
}

impl<'q> Encode<'q, Sqlite> for TextList {
    fn encode_by_ref(
        &self,
        buf: &mut <Sqlite as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        <String as Encode<'q, Sqlite>>::encode(self.json(), buf)
    }
}

impl Type<Postgres> for TextList {
    fn type_info() -> <Postgres as sqlx::Database>::TypeInfo {
        <Vec<String> as Type<Postgres>>::type_info()
    }
}

impl<'q> Encode<'q, Postgres> for TextList {
    fn encode_by_ref(
        &self,
        buf: &mut <Postgres as sqlx::Database>::ArgumentBuffer<'q>,
    ) -> Result<IsNull, BoxDynError> {
        <Vec<String> as Encode<'q, Postgres>>::encode_by_ref(&self.0, buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_json_arrays_for_sqlite() {
        assert_eq!(IdList::new([3, 1, 2]).json(), "[3,1,2]");
        assert_eq!(IdList::default().json(), "[]");
        assert_eq!(IdList::new([-7]).json(), "[-7]");
    }

    #[test]
    fn text_lists_are_json_string_arrays_for_sqlite() {
        assert_eq!(TextList::new(["a", "b\"c"]).json(), r#"["a","b\"c"]"#);
        assert_eq!(TextList::default().json(), "[]");
    }

    #[test]
    fn each_backend_gets_its_own_condition() {
        assert_eq!(
            in_ids(Backend::Sqlite, 2),
            "IN (SELECT value FROM json_each($2))"
        );
        assert_eq!(in_ids(Backend::Postgres, 2), "= ANY($2)");
    }
}
