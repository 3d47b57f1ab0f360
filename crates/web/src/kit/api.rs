//! What every API handler, the platform's and the components', stands on: the caller
//! from the bearer token, JSON bodies whose errors name the field, and loading a space with
//! its permission check. (Writes without a token are refused before any of this runs:
//! `platform::api::writes_need_token`.)

use crate::context::Viewer;
use crate::error::{ApiError, PageError, ReportField};
use crate::space_context::SpaceContext;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::http::request::Parts;
use cospace_core::permissions::SpaceAction;
use cospace_store::accounts::{self, User};
use serde::de::DeserializeOwned;

/// The caller of an API request, from its bearer token (cookies are never accepted here).
/// Resolved once per request: later extractions reuse it.
#[derive(Clone)]
pub struct ApiCaller(pub Option<User>);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(caller) = parts.extensions.get::<ApiCaller>() {
            return Ok(caller.clone());
        }
        let caller = match parts.headers.get(header::AUTHORIZATION) {
            None => ApiCaller(None),
            Some(value) => {
                let token = value
                    .to_str()
                    .ok()
                    .and_then(|v| v.strip_prefix("Bearer "))
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .ok_or(ApiError::Unauthorized)?;
                match accounts::api_token_user(&state.db, token).await? {
                    Some(user) => ApiCaller(Some(user)),
                    None => return Err(ApiError::Unauthorized),
                }
            }
        };
        parts.extensions.insert(caller.clone());
        Ok(caller)
    }
}

impl ApiCaller {
    pub(crate) fn required(&self) -> Result<&User, ApiError> {
        self.0.as_ref().ok_or(ApiError::Unauthorized)
    }

    /// The caller as a [`Viewer`], for the rules shared with pages.
    pub fn viewer(&self) -> Viewer {
        Viewer {
            user: self.0.clone(),
            ..Viewer::default()
        }
    }
}

/// Whether any string of `value` (or any key) holds a control character no text may hold.
pub(crate) fn holds_forbidden_control(value: &serde_json::Value) -> bool {
    use cospace_core::text::forbidden_control;
    match value {
        serde_json::Value::String(s) => forbidden_control(s).is_some(),
        serde_json::Value::Array(items) => items.iter().any(holds_forbidden_control),
        serde_json::Value::Object(map) => map
            .iter()
            .any(|(k, v)| forbidden_control(k).is_some() || holds_forbidden_control(v)),
        _ => false,
    }
}

/// A JSON request body: 415 unless `application/json`, 413 over the size limit, 400 when it
/// does not parse or has not the expected shape, naming the field and the reason in the
/// problem's `errors`. (A write reaches it only with a valid token: `platform::api::writes_need_token`.)
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| {
                let ct = ct.split(';').next().unwrap_or("").trim();
                ct == "application/json" || ct.ends_with("+json")
            });
        if !json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| ApiError::TooLarge)?;
        let value: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|error| ApiError::MalformedBody(body_problem(String::new(), &error)))?;
        if holds_forbidden_control(&value) {
            return Err(ApiError::Malformed("error-control-characters"));
        }
        // Read again from the text, not the value, so a problem has its line and column too.
        let mut reader = serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(&mut reader)
            .map(ApiJson)
            .map_err(|error| {
                ApiError::MalformedBody(body_problem(field_path(error.path()), error.inner()))
            })
    }
}

/// Reads an integer property, also when written with a zero fraction (`7.0`), which JSON Schema
/// counts as an integer too: `#[serde(deserialize_with = "whole_number")]`.
pub fn whole_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    use serde::de::{Error, Unexpected, Visitor};
    struct Whole;
    impl Visitor<'_> for Whole {
        type Value = i64;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("i64")
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
        }

        fn visit_f64<E: Error>(self, v: f64) -> Result<i64, E> {
            let whole = v.fract() == 0.0 && v >= i64::MIN as f64 && v < i64::MAX as f64;
            if whole {
                Ok(v as i64)
            } else {
                Err(E::invalid_type(Unexpected::Float(v), &self))
            }
        }
    }
    deserializer.deserialize_any(Whole)
}

/// `organizers[1]`, `address.city`; empty for the body as a whole.
pub(crate) fn field_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    out
}

pub(crate) fn join_field(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// The names between backticks in a serde message (`` `a`, `b` `` → `a, b`).
pub(crate) fn quoted_names(text: &str) -> String {
    text.split('`')
        .skip(1)
        .step_by(2)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The JSON type a serde expectation (`a string`, `i64`, `struct SpaceCreate`) stands for.
pub(crate) fn json_type(expected: &str) -> &str {
    let e = expected.trim();
    let integer = ["i8", "i16", "i32", "i64", "i128", "isize"]
        .iter()
        .chain(&["u8", "u16", "u32", "u64", "u128", "usize"])
        .any(|t| e == *t)
        || e.contains("integer");
    if e.starts_with("struct ") || e.contains("map") {
        "object"
    } else if e.contains("sequence") || e.contains("array") || e.contains("tuple") {
        "array"
    } else if integer {
        "integer"
    } else if e == "f32" || e == "f64" || e.contains("floating point") || e.contains("number") {
        "number"
    } else if e.contains("bool") {
        "boolean"
    } else if e.contains("string") || e.contains("char") {
        "string"
    } else if e.contains("unit") || e.contains("null") {
        "null"
    } else {
        e
    }
}

/// Where the body went wrong (`path`, from [`field_path`]) and which class of problem it is:
/// not JSON at all (with line and column), a required field missing, a field of the wrong type,
/// an unknown value or field, an invalid value.
pub(crate) fn body_problem(path: String, error: &serde_json::Error) -> ReportField {
    use serde_json::error::Category;
    let at = |field: String| {
        if field.is_empty() {
            "$".to_owned()
        } else {
            field
        }
    };
    if !matches!(error.classify(), Category::Data) {
        return ReportField::new(at(path), "error-json-syntax")
            .arg("line", error.line().to_string())
            .arg("column", error.column().to_string());
    }
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(end) if error.line() != 0 => &text[..end],
        _ => text.as_str(),
    };
    let expected = text.split_once(", expected ").map(|(_, e)| e).unwrap_or("");
    if let Some(rest) = text.strip_prefix("missing field ") {
        ReportField::new(join_field(&path, &quoted_names(rest)), "error-json-missing")
    } else if text.starts_with("unknown field ") {
        // The path already ends with the unknown field's name.
        ReportField::new(at(path), "error-json-unknown-field")
    } else if text.starts_with("unknown variant ") {
        ReportField::new(at(path), "error-json-unknown-value")
            .arg("expected", quoted_names(expected))
    } else if text.starts_with("invalid type: ") || text.starts_with("invalid length ") {
        ReportField::new(at(path), "error-json-type").arg("expected", json_type(expected))
    } else if text.starts_with("invalid value: ") && !expected.is_empty() {
        ReportField::new(at(path), "error-json-invalid-value").arg("expected", expected)
    } else {
        ReportField::new(at(path), "error-json-invalid")
    }
}

pub(crate) fn from_page_error(error: PageError) -> ApiError {
    match error {
        PageError::NotFound => ApiError::NotFound,
        PageError::Forbidden => ApiError::Forbidden,
        PageError::SignInRequired { .. } => ApiError::Unauthorized,
        other => ApiError::Internal(other.to_string()),
    }
}

/// The space `slug` as the API caller sees it (404 when they may not see it).
pub async fn load_space(
    state: &AppState,
    caller: &ApiCaller,
    slug: &str,
) -> Result<SpaceContext, ApiError> {
    SpaceContext::load(&state.db, &caller.viewer(), slug)
        .await
        .map_err(from_page_error)
}

pub(crate) fn require(context: &SpaceContext, action: SpaceAction) -> Result<(), ApiError> {
    context.require_api(context.allows(action))
}
