//! Health, readiness, metrics, compression, asset caching, page weight.

use cospace_testkit::{db_tests, TestApp};

db_tests!(cospace::components();
    health_and_readiness,
    metrics_count_requests_by_route,
    pages_are_compressed_and_light,
    assets_are_cached_forever,
);

async fn health_and_readiness(app: TestApp) {
    let mut client = app.client();
    let health = client.get("/healthz").await;
    assert_eq!((health.status.as_u16(), health.body.as_str()), (200, "ok"));
    let ready = client.get("/readyz").await;
    assert_eq!((ready.status.as_u16(), ready.body.as_str()), (200, "ready"));
    app.db().close().await;
    let down = client.get("/readyz").await;
    assert_eq!(down.status, 503);
}

async fn metrics_count_requests_by_route(app: TestApp) {
    app.create_space(None, "azory", "Azory").await;
    let mut client = app.client();
    client.get("/spaces/azory").await;
    client.get("/spaces/azory").await;
    let metrics = client.get("/metrics").await;
    assert!(metrics.content_type().starts_with("text/plain"));
    assert!(metrics.body.contains(
        "cospace_http_requests_total{method=\"GET\",route=\"/spaces/{slug}\",status=\"200\"} 2"
    ));
    assert!(metrics
        .body
        .contains("cospace_http_request_duration_seconds_bucket"));
    assert!(metrics.body.contains("cospace_db_pool_connections"));
}

async fn pages_are_compressed_and_light(app: TestApp) {
    app.create_space(None, "azory", "Azory").await;
    let mut client = app.client();
    let mut total = 0;
    for path in ["/", "/spaces/azory", "/account/sign-in"] {
        let response = client
            .request(
                axum::http::Method::GET,
                path,
                &[("accept-encoding", "gzip")],
                axum::body::Body::empty(),
            )
            .await;
        assert_eq!(response.header("content-encoding"), Some("gzip"), "{path}");
        total += response.body.len();
    }
    let css = client.get(cospace_web::assets::url("app.css")).await;
    let js = client.get(cospace_web::assets::url("app.js")).await;
    // A page with its stylesheet and script stays far below 50 KB even uncompressed.
    assert!(css.body.len() + js.body.len() + total < 50 * 1024);
}

async fn assets_are_cached_forever(app: TestApp) {
    let mut client = app.client();
    let css = client.get(cospace_web::assets::url("app.css")).await;
    assert_eq!(css.status, 200);
    assert_eq!(
        css.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert!(css.content_type().starts_with("text/css"));
    assert_eq!(client.get("/assets/nothing.css").await.status, 404);
}
