//! CSRF on every form, security headers, body limits.

use crate::PASSWORD;
use cospace_testkit::{db_tests, TestApp};

db_tests!(cospace::components();
    every_form_requires_the_csrf_token,
    security_headers_are_set,
    oversized_forms_are_refused,
);

async fn every_form_requires_the_csrf_token(app: TestApp) {
    app.create_user("admin@example.org", PASSWORD, true).await;
    app.create_space(None, "azory", "Azory").await;
    let mut admin = app.signed_in("admin@example.org", PASSWORD).await;
    let forms = [
        "/account/sign-up",
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
    // The token comes with the page, in a hidden field matching the cookie.
    let page = admin.get("/spaces/azory/edit").await;
    let field = cospace_testkit::hidden_field(&page.body, "csrf_token").unwrap();
    assert_eq!(Some(&field), admin.cookies.get("cospace_csrf"));
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
        .find(|c| c.starts_with("cospace_csrf="))
        .unwrap()
        .to_owned();
    assert!(csrf_cookie.contains("HttpOnly") && csrf_cookie.contains("SameSite=Strict"));
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
