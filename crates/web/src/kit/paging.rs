//! Pages of API lists. A list takes `?limit=` (1 to 1000, default 100) and `?cursor=`, and
//! answers with a JSON array; when more items follow, a `Link: <…>; rel="next"` header (RFC
//! 8288) gives the address of the next page, absolute from the configured public URL. Cursors
//! are keys (the last item's id), so a page costs the same at the start of a list of 200,000
//! items as at its end, and an item added meanwhile neither repeats nor shifts the pages.

use crate::error::ApiError;
use crate::AppState;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use cospace_core::{FieldError, Invalid};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

pub const DEFAULT_LIMIT: i64 = 100;
pub const MAX_LIMIT: i64 = 1000;

/// `?limit=&cursor=` of a list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// How many items to return: 1 to 1000 (default 100).
    #[param(value_type = Option<i64>, minimum = 1, maximum = 1000)]
    pub limit: Option<String>,
    /// Where to go on from: the `cursor` in the `Link: rel="next"` header of the previous page.
    /// Opaque (digits); absent for the first page.
    #[param(pattern = "^[0-9]{1,18}$")]
    pub cursor: Option<String>,
}

/// A validated page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    pub limit: i64,
    /// The key the previous page ended at.
    pub cursor: Option<i64>,
}

impl PageQuery {
    /// The page asked for; a 422 naming `limit` or `cursor` when either is not valid.
    pub fn paging(&self) -> Result<Paging, ApiError> {
        let mut invalid = Invalid::default();
        let limit = match self.limit.as_deref() {
            None => DEFAULT_LIMIT,
            Some(text) => match text.parse::<i64>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => {
                    invalid.push(FieldError::with_arg("limit", "error-limit", MAX_LIMIT));
                    DEFAULT_LIMIT
                }
            },
        };
        let cursor = match self.cursor.as_deref() {
            None => None,
            Some(text) => match text.parse::<i64>() {
                Ok(n) if n >= 0 && text.bytes().all(|b| b.is_ascii_digit()) => Some(n),
                _ => {
                    invalid.push(FieldError::new("cursor", "error-cursor"));
                    None
                }
            },
        };
        if invalid.is_empty() {
            Ok(Paging { limit, cursor })
        } else {
            Err(ApiError::Invalid(invalid))
        }
    }
}

impl Paging {
    /// How many rows to read: one more than the page, to learn whether another follows.
    pub fn fetch(&self) -> i64 {
        self.limit + 1
    }
}

/// One page of a list and the address of the next, if any.
pub struct Paged<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

impl<T> Paged<T> {
    /// Cuts `rows` (read with [`Paging::fetch`]) to the page; when more followed, the next
    /// page starts after the last item's `key`, at `path` with `query` (the list's other
    /// parameters) kept.
    pub fn cut(
        state: &AppState,
        mut rows: Vec<T>,
        paging: Paging,
        key: impl Fn(&T) -> i64,
        path: &str,
        query: &[(&str, &str)],
    ) -> Paged<T> {
        let limit = usize::try_from(paging.limit).unwrap_or(usize::MAX);
        if rows.len() <= limit {
            return Paged {
                items: rows,
                next: None,
            };
        }
        rows.truncate(limit);
        let next = rows
            .last()
            .map(|last| next_url(state, path, query, paging.limit, key(last)));
        Paged { items: rows, next }
    }
}

/// The absolute address of the page after `cursor`.
pub fn next_url(
    state: &AppState,
    path: &str,
    query: &[(&str, &str)],
    limit: i64,
    cursor: i64,
) -> String {
    let mut pairs = form_urlencoded::Serializer::new(String::new());
    for (name, value) in query.iter().filter(|(_, v)| !v.is_empty()) {
        pairs.append_pair(name, value);
    }
    pairs.append_pair("limit", &limit.to_string());
    pairs.append_pair("cursor", &cursor.to_string());
    state.absolute_url(&format!("{path}?{}", pairs.finish()))
}

impl<T: Serialize> IntoResponse for Paged<T> {
    fn into_response(self) -> Response {
        let mut response = Json(self.items).into_response();
        if let Some(next) = self.next {
            if let Ok(value) = format!("<{next}>; rel=\"next\"").parse() {
                response.headers_mut().insert(header::LINK, value);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(limit: Option<&str>, cursor: Option<&str>) -> PageQuery {
        PageQuery {
            limit: limit.map(str::to_owned),
            cursor: cursor.map(str::to_owned),
        }
    }

    #[test]
    fn limits_and_cursors_are_checked() {
        assert_eq!(
            query(None, None).paging().ok(),
            Some(Paging {
                limit: 100,
                cursor: None
            })
        );
        assert_eq!(
            query(Some("1000"), Some("42")).paging().ok(),
            Some(Paging {
                limit: 1000,
                cursor: Some(42)
            })
        );
        for (limit, cursor, field) in [
            (Some("0"), None, "limit"),
            (Some("1001"), None, "limit"),
            (Some("ten"), None, "limit"),
            (None, Some("-1"), "cursor"),
            (None, Some("abc"), "cursor"),
            // As the document states them: an integer, and digits; never empty.
            (Some(""), None, "limit"),
            (Some(" 5"), None, "limit"),
            (None, Some(""), "cursor"),
            (None, Some("+7"), "cursor"),
        ] {
            match query(limit, cursor).paging() {
                Err(ApiError::Invalid(invalid)) => assert_eq!(invalid.0[0].field, field),
                other => panic!("{limit:?} {cursor:?}: {:?}", other.ok()),
            }
        }
    }
}
