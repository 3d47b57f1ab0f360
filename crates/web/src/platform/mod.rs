//! The platform's own pages and API: home and the space tree, accounts, space administration,
//! the JSON API with its OpenAPI document, and the operational endpoints.

pub mod accounts;
pub mod api;
mod api_edge;
pub mod home;
mod openapi_rules;
pub mod ops;
pub mod sign_up;
pub mod spaces;

use crate::kit::FormData;

use crate::error::PageError;
use crate::AppState;
use axum::extract::Request;
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
