//! The API's gate: every write to `/api` needs a valid bearer token, checked before the
//! route's guards, its path or its body are read. The caller, JSON bodies and space loading
//! that handlers build on are in the component kit (`crate::kit::api`).

use super::api::document;
use crate::error::ApiError;
use crate::kit::ApiCaller;
use crate::AppState;
use axum::extract::{FromRequestParts, Request};
use axum::response::{IntoResponse, Response};

/// The methods of each path of the API document (`/api/v1/spaces/{slug}` → PATCH, GET).
pub type DocumentedMethods = std::collections::HashMap<String, Vec<axum::http::Method>>;

/// The methods the document lists for each path, for [`writes_need_token`].
pub fn documented_methods(state: &AppState) -> DocumentedMethods {
    use axum::http::Method;
    document(state)
        .paths
        .paths
        .iter()
        .map(|(path, item)| {
            let methods = [
                (Method::GET, item.get.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::DELETE, item.delete.is_some()),
                (Method::PATCH, item.patch.is_some()),
            ];
            let methods = methods
                .into_iter()
                .filter(|(_, present)| *present)
                .map(|(method, _)| method)
                .collect();
            (path.clone(), methods)
        })
        .collect()
}

/// Every write to the API (any method but GET, HEAD and OPTIONS on a route under `/api`) needs
/// a valid token, checked here before the route's guards, its path or its body are looked at:
/// an anonymous write answers 401 whatever it sends. Applied once to every route
/// (`build_app`), so a new write operation is covered without a word in its handler. A method
/// the document does not list for a documented path is left to the router, which answers 405.
pub async fn writes_need_token(
    state: AppState,
    documented: &DocumentedMethods,
    request: Request,
    next: axum::middleware::Next,
) -> Response {
    let method = request.method();
    let write = !matches!(
        *method,
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    let routed = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .and_then(|path| documented.get(path.as_str()))
        .is_none_or(|methods| methods.contains(method));
    if !write || !routed || !crate::context::is_api(request.uri().path()) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    match ApiCaller::from_request_parts(&mut parts, &state).await {
        Ok(ApiCaller(Some(_))) => next.run(Request::from_parts(parts, body)).await,
        Ok(ApiCaller(None)) => ApiError::Unauthorized.into_response(),
        Err(error) => error.into_response(),
    }
}
