//! CSRF on every form, security headers, body limits.

use crate::PASSWORD;
use cospace_testkit::{db_tests, TestApp};

db_tests!(cospace::components();
    every_form_requires_the_csrf_token,
    security_headers_are_set,
    oversized_forms_are_refused,
    the_csrf_token_is_bound_to_the_session,
    signed_in_pages_are_kept_by_no_cache,
);

async fn every_form_requires_the_csrf_token(app: TestApp) {
    app.create_user("admin@example.org", PASSWORD, true).await;
    app.create_space(None, "azory", "Azory").await;
    let mut admin = app.signed_in("admin@example.org", PASSWORD).await;
    let forms = [
        "/account/sign-up",
        "/account/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "/account/sign-in",
        "/account/sign-out",
        "/account/password",
        "/account/tokens",
        "/account/tokens/1/revoke",
        "/language",
        "/spaces/new",
        "/spaces/azory/new",
        "/spaces/azory/edit",
        "/spaces/azory/admin/members",
        "/spaces/azory/admin/members/1/role",
        "/spaces/azory/admin/members/1/remove",
        "/spaces/azory/admin/components",
    ];
    let spaces_before = cospace_store::spaces::all_spaces(app.db())
        .await
        .unwrap()
        .len();
    for path in forms {
        let missing = admin
            .post_form_raw(path, &[("title", "X"), ("slug", "x-space"), ("lang", "pl")])
            .await;
        assert_eq!(missing.status, 403, "{path} without a token");
        assert!(missing.body.contains("This form has expired"), "{path}");
        let wrong = admin
            .post_form_raw(
                path,
                &[("csrf_token", "forged-token-forged-token-forged-token")],
            )
            .await;
        assert_eq!(wrong.status, 403, "{path} with a wrong token");
    }
    // Still signed in, nothing changed.
    assert_eq!(admin.get("/account").await.status, 200);
    assert_eq!(
        cospace_store::spaces::all_spaces(app.db())
            .await
            .unwrap()
            .len(),
        spaces_before
    );
    // The token comes with the page, in a hidden field: a signed-in session's token is bound
    // to that session.
    let page = admin.get("/spaces/azory/edit").await;
    let field = cospace_testkit::hidden_field(&page.body, "csrf_token").unwrap();
    let session = admin.cookies.get("cospace_session").unwrap().clone();
    assert_eq!(field, cospace_web::context::session_csrf(&session));
}

/// Before signing in the token lives in a `__Host-` cookie; signing in replaces it with one bound
/// to the new session, so a token planted or seen before sign-in is worthless after it, and
/// another session's token is refused.
async fn the_csrf_token_is_bound_to_the_session(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    app.create_user("ben@example.org", PASSWORD, false).await;
    let mut ana = app.client();
    ana.get("/account/sign-in").await;
    let before = ana.csrf.clone().unwrap();
    assert_eq!(ana.cookies.get("__Host-cospace_csrf"), Some(&before));
    assert_eq!(ana.sign_in("ana@example.org", PASSWORD).await.status, 303);
    ana.get("/account").await;
    let after = ana.csrf.clone().unwrap();
    assert_ne!(before, after, "signing in rotates the token");
    // The token from before signing in no longer works.
    let stale = ana
        .post_form_raw("/language", &[("csrf_token", &before), ("lang", "pl")])
        .await;
    assert_eq!(stale.status, 403);
    // Nor does another person's session token.
    let mut ben = app.signed_in("ben@example.org", PASSWORD).await;
    ben.get("/account").await;
    let bens = ben.csrf.clone().unwrap();
    assert_ne!(bens, after);
    let foreign = ana
        .post_form_raw("/language", &[("csrf_token", &bens), ("lang", "pl")])
        .await;
    assert_eq!(foreign.status, 403);
    let own = ana
        .post_form_raw("/language", &[("csrf_token", &after), ("lang", "pl")])
        .await;
    assert_eq!(own.status, 303);
}

async fn security_headers_are_set(app: TestApp) {
    let mut client = app.client();
    for path in ["/", "/account/sign-in", "/spaces/nowhere", "/api/v1/spaces"] {
        let response = client.get(path).await;
        let csp = response.header("content-security-policy").unwrap();
        assert!(csp.contains("script-src 'self'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert_eq!(response.header("x-content-type-options"), Some("nosniff"));
        assert!(response.header("referrer-policy").is_some());
        assert_eq!(response.header("x-frame-options"), Some("DENY"));
    }
    // No inline script anywhere in the layout.
    let home = app.client().get("/").await;
    assert!(!home.body.contains("<script>"));
    assert!(home.body.contains("<script src=\"/assets/app."));
    let csrf_cookie = home
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("__Host-cospace_csrf="))
        .unwrap()
        .to_owned();
    assert!(csrf_cookie.contains("HttpOnly") && csrf_cookie.contains("SameSite=Strict"));
    assert!(csrf_cookie.contains("Secure") && csrf_cookie.contains("Path=/"));
    assert!(!csrf_cookie.contains("Domain"));
}

async fn oversized_forms_are_refused(app: TestApp) {
    let mut client = app.client();
    let huge = "x".repeat(2 * 1024 * 1024);
    let response = client
        .post_form(
            "/account/sign-up",
            &[("display_name", huge.as_str()), ("email", "a@example.org")],
        )
        .await;
    assert_eq!(response.status, 413);
    assert!(response.content_type().starts_with("text/html"));
    assert_eq!(
        cospace_store::accounts::count_users(app.db())
            .await
            .unwrap(),
        0
    );
}

async fn signed_in_pages_are_kept_by_no_cache(app: TestApp) {
    app.create_user("admin@example.org", PASSWORD, true).await;
    app.create_space(None, "azory", "Azory").await;
    let mut anonymous = app.client();
    let mut admin = app.signed_in("admin@example.org", PASSWORD).await;
    for path in ["/", "/spaces/azory", "/account", "/spaces/azory/calendar"] {
        let response = admin.get(path).await;
        assert_eq!(
            response.header("cache-control"),
            Some("private, no-store"),
            "{path}"
        );
    }
    // Pages for everyone may be revalidated by any cache.
    for path in ["/", "/spaces/azory"] {
        let response = anonymous.get(path).await;
        assert_eq!(response.header("cache-control"), Some("no-cache"), "{path}");
    }
    // What says how it may be cached keeps its own rule.
    let asset = admin.get(cospace_web::assets::url("app.css")).await;
    assert!(asset.header("cache-control").unwrap().contains("immutable"));
}
