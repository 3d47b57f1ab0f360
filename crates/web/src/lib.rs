//! The HTTP edge of cospace: application state, the request context (who, which language,
//! CSRF), errors rendered as pages or problem details, the layout and assets, security
//! headers, metrics, the component registry, the component kit (`kit`: what components build
//! on), outgoing mail, and the platform's own pages and JSON API.
//!
//! Invariant: handlers parse, authorise, call the store, render — rules live in
//! `cospace-core`, SQL in `cospace-store`.

pub mod assets;
pub mod component;
pub mod context;
pub mod directory;
pub mod error;
pub mod i18n;
pub mod kit;
pub mod mail;
pub mod metrics;
pub mod pages;
pub mod platform;
pub mod space_context;
mod state;
pub mod streaming;

pub use component::{
    no_api, BoxFuture, Component, ComponentState, DemoSeed, Permission, Registry, Setting,
    StaticAsset,
};
pub use error::{ApiError, PageError, ServiceError};
pub use state::{AppState, WebConfig};

use axum::extract::{DefaultBodyLimit, FromRequestParts, Request, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::{from_fn_with_state, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use space_context::SpaceContext;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::TraceLayer;

/// How long a client may take to send a request body (1 MiB at most by default).
const REQUEST_BODY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// The platform's own messages (layout, accounts, spaces, errors).
pub const PLATFORM_TRANSLATIONS: &[i18n::Translations] = translations!("cospace-web");

/// The Content-Security-Policy: scripts and styles from this origin only, no inline script, no
/// framing; images also from the origins of `image_sources`, the values of components' image
/// settings (map tiles).
pub fn content_security_policy<'a>(image_sources: impl IntoIterator<Item = &'a str>) -> String {
    let tiles: String = image_sources
        .into_iter()
        .filter_map(origin)
        .map(|o| format!(" {o}"))
        .collect();
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// `https://tile.example.org` from `https://tile.example.org/{z}/{x}/{y}.png`.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host = rest.split('/').next()?;
    let valid = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-:[]{}".contains(c));
    // `{s}` stands for rotating subdomains (a., b., c.): allow them all.
    let host = host.replace("{s}.", "*.");
    valid.then(|| format!("{scheme}://{host}").replace(['{', '}'], ""))
}

/// Assembles the whole application: the platform's routes, each component's routes under
/// `/spaces/{slug}/{key}`, and the layers every response passes through.
pub fn build_app(state: AppState) -> Router {
    let mut router = platform::router();
    for component in state.registry.all() {
        let key = component.key;
        let guard = || {
            from_fn_with_state(
                state.clone(),
                move |State(state): State<AppState>, request: Request, next: Next| async move {
                    require_enabled(key, state, request, next).await
                },
            )
        };
        let routes = (component.routes)();
        if routes.has_routes() {
            router = router.nest(
                &format!("/spaces/{{slug}}/{key}"),
                routes.route_layer(guard()),
            );
        }
        let space_routes = (component.space_routes)();
        if space_routes.has_routes() {
            router = router.merge(space_routes.route_layer(guard()));
        }
        router = router.merge((component.open_routes)());
    }
    // Outside every route's own guards: an API write is refused without a token first.
    let documented = std::sync::Arc::new(platform::api::documented_methods(&state));
    let router = router.route_layer(from_fn_with_state(
        state.clone(),
        move |State(state): State<AppState>, request: Request, next: Next| {
            let documented = documented.clone();
            async move { platform::api::writes_need_token(state, &documented, request, next).await }
        },
    ));
    let csp = HeaderValue::from_str(&content_security_policy(
        state
            .registry
            .settings()
            .filter(|s| s.image_origin)
            .map(|s| state.setting(s.key)),
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    let security_headers = [
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "strict-origin-when-cross-origin"),
        ("x-frame-options", "DENY"),
        ("cross-origin-opener-policy", "same-origin"),
        (
            "permissions-policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ),
    ];
    let mut router = router
        .fallback(platform::not_found)
        .layer(from_fn_with_state(state.clone(), metrics::track))
        .layer(from_fn_with_state(state.clone(), context::request_context))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        // A body sent a byte at a time would hold its connection and a worker for ever.
        .layer(RequestBodyTimeoutLayer::new(REQUEST_BODY_TIMEOUT));
    router = router.layer(SetResponseHeaderLayer::if_not_present(
        HeaderName::from_static("content-security-policy"),
        csp,
    ));
    for (name, value) in security_headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            HeaderName::from_static(name),
            HeaderValue::from_static(value),
        ));
    }
    router
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .layer(CompressionLayer::new())
        .layer(CatchPanicLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Answers 404 for a component's pages in a space where it is not enabled.
async fn require_enabled(
    key: &'static str,
    state: AppState,
    request: Request,
    next: Next,
) -> Response {
    let (mut parts, body) = request.into_parts();
    // The API authenticates with bearer tokens, never cookies: the reader of a component's API
    // route is the token's owner (without a token, anonymous).
    if context::is_api(parts.uri.path()) {
        match kit::ApiCaller::from_request_parts(&mut parts, &state).await {
            Ok(caller) => {
                parts.extensions.insert(caller.viewer());
            }
            Err(error) => return error.into_response(),
        }
    }
    match SpaceContext::from_request_parts(&mut parts, &state).await {
        Ok(context) if context.is_enabled(key) => next.run(Request::from_parts(parts, body)).await,
        Ok(_) => PageError::NotFound.into_response(),
        Err(error) => error.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_allows_the_tile_origin_only() {
        let csp = content_security_policy(["https://tile.openstreetmap.org/{z}/{x}/{y}.png"]);
        assert!(csp.contains("img-src 'self' data: https://tile.openstreetmap.org;"));
        assert!(!csp.contains("unsafe"));
        let csp = content_security_policy(["https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png"]);
        assert!(csp.contains("https://*.tiles.example.org:8443;"));
        assert!(content_security_policy(["javascript:alert(1)"]).contains("img-src 'self' data:;"));
        assert!(content_security_policy([]).contains("img-src 'self' data:;"));
    }
}
