//! Regression tests of the security review, on SQLite and PostgreSQL: limits that hold under
//! concurrency, redirects that stay on this site, the API on private spaces, text that no
//! database may store, guessable passwords, and connections that may not idle for ever.

use crate::PASSWORD;
use axum::body::Body;
use axum::http::Method;
use cospace_core::permissions::MemberRole;
use cospace_testkit::{db_tests, TestApp};
use serde_json::json;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

db_tests!(cospace::components();
    the_sign_in_limit_holds_under_concurrency,
    sign_in_never_redirects_elsewhere,
    the_api_serves_private_spaces_to_their_members_tokens,
    control_characters_are_refused_at_the_edge,
    guessable_passwords_are_refused,
);

async fn the_sign_in_limit_holds_under_concurrency(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..150 {
        let mut client = app.client();
        // Different addresses: only the per-account limit (5) applies.
        client.ip = format!("198.51.{}.{}", n / 200, n % 200 + 1);
        tasks.spawn(async move {
            client
                .sign_in("ana@example.org", "a wrong password, surely")
                .await
                .status
                .as_u16()
        });
    }
    let mut evaluated = 0;
    let mut limited = 0;
    while let Some(status) = tasks.join_next().await {
        match status.unwrap() {
            422 => evaluated += 1,
            429 => limited += 1,
            other => panic!("unexpected status {other}"),
        }
    }
    assert!(evaluated <= 5, "{evaluated} passwords were checked");
    assert_eq!(evaluated + limited, 150);
    // And the right password waits for the window too.
    assert_eq!(
        app.client()
            .sign_in("ana@example.org", PASSWORD)
            .await
            .status,
        429
    );
}

async fn sign_in_never_redirects_elsewhere(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    for next in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\u{b}/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
    ] {
        let mut client = app.client();
        let response = client
            .post_form(
                "/account/sign-in",
                &[
                    ("email", "ana@example.org"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        // Control characters are refused before anyone is signed in; the rest go home.
        match response.status.as_u16() {
            303 => assert_eq!(response.location(), Some("/"), "{next:?}"),
            400 => assert!(next.chars().any(char::is_control), "{next:?}"),
            other => panic!("{next:?}: status {other}"),
        }
        let language = client
            .post_form("/language", &[("lang", "pl"), ("next", next)])
            .await;
        assert!(
            language.status == 400 || language.location() == Some("/"),
            "{next:?}: {}",
            language.status
        );
    }
    let mut client = app.client();
    let ok = client
        .post_form(
            "/account/sign-in",
            &[
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("next", "/spaces?page=2"),
            ],
        )
        .await;
    assert_eq!(ok.location(), Some("/spaces?page=2"));
}

async fn the_api_serves_private_spaces_to_their_members_tokens(app: TestApp) {
    app.create_user("root@example.org", PASSWORD, true).await;
    app.create_user("member@example.org", PASSWORD, false).await;
    app.create_user("outsider@example.org", PASSWORD, false)
        .await;
    app.create_space_with(None, "secret-garden", "Secret garden", "private")
        .await;
    app.add_member("secret-garden", "member@example.org", MemberRole::Member)
        .await;
    let mut client = app.client();
    for path in [
        "/api/v1/spaces/secret-garden/organizations",
        "/api/v1/spaces/secret-garden/events?from=2027-01-01&to=2027-01-31",
    ] {
        for email in ["root@example.org", "member@example.org"] {
            let token = app.api_token(email).await;
            let response = client.api(Method::GET, path, Some(&token), None).await;
            assert_eq!(response.status, 200, "{email} {path}: {}", response.body);
        }
        let outsider = app.api_token("outsider@example.org").await;
        let response = client.api(Method::GET, path, Some(&outsider), None).await;
        assert_eq!(response.status, 404, "{path}");
        assert_eq!(client.api(Method::GET, path, None, None).await.status, 404);
        let forged = client
            .api(Method::GET, path, Some("cospace-not-a-token"), None)
            .await;
        assert_eq!(forged.status, 401, "{path}");
        assert_eq!(forged.content_type(), "application/problem+json");
    }
}

async fn control_characters_are_refused_at_the_edge(app: TestApp) {
    app.create_user("root@example.org", PASSWORD, true).await;
    app.create_space(None, "azory", "Azory").await;
    let mut root = app.signed_in("root@example.org", PASSWORD).await;
    // A form field with NUL: a clear message, nothing written, on both databases.
    let response = root
        .post_form(
            "/spaces/azory/edit",
            &[
                ("title", "Azory\0"),
                ("description", "x"),
                ("languages", "en"),
                ("visibility", "public"),
            ],
        )
        .await;
    assert_eq!(response.status, 400);
    assert!(response.body.contains("invisible control characters"));
    let space = cospace_store::spaces::space_by_slug(app.db(), "azory")
        .await
        .unwrap();
    assert_eq!(space.title, "Azory");
    // In the path or the query.
    for path in [
        "/spaces/%00",
        "/spaces/azory?view=%00",
        "/api/v1/spaces/%00",
    ] {
        let response = root.get(path).await;
        assert_eq!(response.status, 400, "{path}");
    }
    assert_eq!(
        root.get("/api/v1/spaces/%00").await.content_type(),
        "application/problem+json"
    );
    // In JSON.
    let token = app.api_token("root@example.org").await;
    let response = root
        .api(
            Method::POST,
            "/api/v1/spaces",
            Some(&token),
            Some(json!({"title": "Bad\u{0}", "slug": "bad", "kind": "city", "languages": ["en"]})),
        )
        .await;
    assert_eq!(response.status, 400);
    assert!(
        response.body.contains("control characters"),
        "{}",
        response.body
    );
    assert!(cospace_store::spaces::space_by_slug(app.db(), "bad")
        .await
        .is_err());
    // Line breaks and tabs are text like any other.
    let fine = root
        .request(Method::GET, "/spaces/azory?q=a%09b%0Ac", &[], Body::empty())
        .await;
    assert_eq!(fine.status, 200);
}

async fn guessable_passwords_are_refused(app: TestApp) {
    for (password, email) in [
        ("aaaaaaaaaa", "ana@example.org"),
        ("password12", "ana@example.org"),
        ("ana.kowalska@example.org", "ana.kowalska@example.org"),
    ] {
        let mut client = app.client();
        let response = client
            .post_form(
                "/account/sign-up",
                &[
                    ("display_name", "Ana Kowalska"),
                    ("email", email),
                    ("password", password),
                    ("password_confirm", password),
                ],
            )
            .await;
        assert_eq!(response.status, 422, "{password}");
        assert!(response.body.contains("too easy to guess"), "{password}");
    }
    assert_eq!(
        cospace_store::accounts::count_users(app.db())
            .await
            .unwrap(),
        0
    );
}

/// Connections that send nothing, send their headers too slowly, or idle after a response are
/// closed; the server keeps accepting.
#[tokio::test]
async fn idle_and_slow_connections_are_closed() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
    let limits = cospace::server::Limits {
        header_read: Duration::from_millis(400),
        graceful: Duration::from_secs(1),
    };
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(cospace::server::serve(listener, app, limits, async {
        let _ = stopped.await;
    }));
    let closed_within = |mut stream: tokio::net::TcpStream| async move {
        let mut buffer = Vec::new();
        tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut buffer))
            .await
            .is_ok()
    };
    // Says nothing.
    let silent = tokio::net::TcpStream::connect(address).await.unwrap();
    assert!(
        closed_within(silent).await,
        "a silent connection stays open"
    );
    // Sends its headers a little at a time, never finishing.
    let mut slow = tokio::net::TcpStream::connect(address).await.unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    slow.write_all(b"X-Slow: 1\r\n").await.unwrap();
    assert!(
        closed_within(slow).await,
        "a slowloris connection stays open"
    );
    // Idles after a complete exchange.
    let mut idle = tokio::net::TcpStream::connect(address).await.unwrap();
    idle.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();
    let mut first = [0u8; 12];
    idle.read_exact(&mut first).await.unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    assert!(
        closed_within(idle).await,
        "an idle keep-alive connection stays open"
    );
    // Still serving.
    let mut fresh = tokio::net::TcpStream::connect(address).await.unwrap();
    fresh
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    fresh.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"));
    assert!(answer.ends_with("ok"));
    let _ = stop.send(());
    tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .unwrap()
        .unwrap();
}
