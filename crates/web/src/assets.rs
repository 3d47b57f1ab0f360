//! Static assets, embedded in the binary and served under content-hashed names so browsers can
//! cache them forever (`Cache-Control: immutable`) and still see every change.

use axum::extract::Path;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
    hashed_name: String,
    url: String,
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    [
        (
            "app.css",
            "text/css; charset=utf-8",
            include_bytes!("../assets/app.css").as_slice(),
        ),
        (
            "app.js",
            "text/javascript; charset=utf-8",
            include_bytes!("../assets/app.js").as_slice(),
        ),
        (
            "favicon.svg",
            "image/svg+xml",
            include_bytes!("../assets/favicon.svg").as_slice(),
        ),
    ]
    .into_iter()
    .map(|(name, content_type, body)| {
        let short = short_hash(body);
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        let hashed_name = format!("{stem}.{short}.{ext}");
        Asset {
            name,
            content_type,
            body,
            url: format!("/assets/{hashed_name}"),
            hashed_name,
        }
    })
    .collect()
});

/// The cache-busting URL of an asset (`/assets/app.3f2a9c01de.css`).
pub fn url(name: &str) -> &'static str {
    ASSETS
        .iter()
        .find(|a| a.name == name)
        .map(|a| a.url.as_str())
        .unwrap_or("/assets/missing")
}

/// A short content hash, for cache-busting URLs.
fn short_hash(body: &[u8]) -> String {
    Sha256::digest(body)
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The cache-busting URL of a component's asset: `/assets/{component}/{name}?v={hash}`.
/// The hash changes with the content, so the long cache lifetime is safe.
pub fn component_url(component: &str, asset: &crate::component::StaticAsset) -> String {
    // Pages ask for these on every render; the body is static, so its hash is taken once.
    static URLS: LazyLock<Mutex<HashMap<(String, &'static str), String>>> =
        LazyLock::new(Default::default);
    let key = (component.to_owned(), asset.name);
    if let Some(url) = URLS.lock().ok().and_then(|urls| urls.get(&key).cloned()) {
        return url;
    }
    let url = format!(
        "/assets/{component}/{}?v={}",
        asset.name,
        short_hash(asset.body)
    );
    if let Ok(mut urls) = URLS.lock() {
        urls.insert(key, url.clone());
    }
    url
}

/// `GET /assets/{component}/{file}`: a component's asset.
pub async fn serve_component(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    Path((component, file)): Path<(String, String)>,
) -> Response {
    let Some(asset) = state
        .registry
        .get(&component)
        .and_then(|c| c.assets.iter().find(|a| a.name == file))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        asset.body,
    )
        .into_response()
}

/// `GET /assets/{file}`: the hashed name is cached for a year, the plain name for an hour.
pub async fn serve(Path(file): Path<String>) -> Response {
    let found = ASSETS.iter().find_map(|a| {
        if a.hashed_name == file {
            Some((a, true))
        } else if a.name == file {
            Some((a, false))
        } else {
            None
        }
    });
    let Some((asset, immutable)) = found else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let cache = if immutable {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=3600"
    };
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(asset.content_type),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        asset.body,
    )
        .into_response()
}
