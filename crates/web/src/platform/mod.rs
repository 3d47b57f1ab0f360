//! The platform's own pages and API: home and the space tree, accounts, space administration,
//! the JSON API with its OpenAPI document, and the operational endpoints.

pub mod accounts;
pub mod api;
mod api_edge;
pub mod home;
mod openapi_rules;
pub mod ops;
pub mod paging;
pub mod sign_up;
pub mod spaces;

use crate::error::PageError;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;
use axum::routing::{get, post};
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/spaces", get(home::tree))
        .route(
            "/spaces/new",
            get(spaces::new_root_form).post(spaces::create_root),
        )
        .route("/language", post(home::set_language))
        .route("/account", get(accounts::settings))
        .route(
            "/account/sign-up",
            get(sign_up::sign_up_form).post(sign_up::sign_up),
        )
        .route(
            "/account/confirm/{token}",
            get(sign_up::confirm_form).post(sign_up::confirm),
        )
        .route(
            "/account/sign-in",
            get(accounts::sign_in_form).post(accounts::sign_in),
        )
        .route("/account/sign-out", post(accounts::sign_out))
        .route("/account/password", post(accounts::change_password))
        .route("/account/notifications", get(accounts::notifications))
        .route(
            "/account/notifications/read",
            post(accounts::mark_notifications_read),
        )
        .route("/account/tokens", post(accounts::create_token))
        .route("/account/tokens/{id}/revoke", post(accounts::revoke_token))
        .merge(spaces::router())
        .merge(api::router())
        .merge(ops::router())
        .route("/assets/{file}", get(crate::assets::serve))
        .route(
            "/assets/{component}/{file}",
            get(crate::assets::serve_component),
        )
}

/// `404` for every path no route matches (problem details under `/api`).
pub async fn not_found(request: Request) -> axum::response::Response {
    use axum::response::IntoResponse;
    if request.uri().path().starts_with("/api/") {
        crate::error::ApiError::NotFound.into_response()
    } else {
        PageError::NotFound.into_response()
    }
}

/// A submitted HTML form, as name/value pairs in order. Repeated names (checkboxes) are kept,
/// which serde-based form parsing cannot do.
#[derive(Debug, Clone, Default)]
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Decodes an `application/x-www-form-urlencoded` body strictly: every name and value must
    /// be UTF-8 (nothing is replaced silently) and free of control characters other than tab
    /// and line breaks. The error is the message key to show.
    pub fn parse(body: &[u8]) -> Result<FormData, &'static str> {
        let mut pairs = Vec::new();
        for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, &[][..]),
            };
            pairs.push((decode_component(name)?, decode_component(value)?));
        }
        Ok(FormData(pairs))
    }
}

/// One name or value of a form body: `+` is a space, `%XX` a byte; the bytes must be UTF-8.
fn decode_component(raw: &[u8]) -> Result<String, &'static str> {
    let spaced: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    let bytes: Vec<u8> = percent_encoding::percent_decode(&spaced).collect();
    let text = String::from_utf8(bytes).map_err(|_| "error-invalid-utf8")?;
    match cospace_core::text::forbidden_control(&text) {
        Some(_) => Err("error-control-characters"),
        None => Ok(text),
    }
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let form = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        if !form {
            return Err(PageError::BadRequest("error-unsupported-media-type"));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| PageError::TooLarge)?;
        FormData::parse(&bytes).map_err(PageError::BadRequest)
    }
}
