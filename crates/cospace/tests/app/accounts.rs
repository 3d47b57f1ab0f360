//! Signing up, in and out; passwords; sessions; the sign-in rate limit; language choice.

use crate::PASSWORD;
use cospace_store::with_db;
use cospace_testkit::{db_tests, TestApp};

db_tests!(cospace::components();
    sign_up_creates_an_account_and_signs_in,
    sign_up_rejects_bad_input_and_writes_nothing,
    sign_in_accepts_the_right_password_only,
    sign_in_is_rate_limited,
    sign_out_ends_the_session,
    expired_session_asks_to_sign_in_again,
    password_change_ends_other_sessions,
    language_choice_follows_the_account,
    api_tokens_are_created_shown_once_and_revoked,
);

async fn user_count(app: &TestApp) -> i64 {
    cospace_store::accounts::count_users(app.db())
        .await
        .unwrap()
}

async fn sign_up_creates_an_account_and_signs_in(app: TestApp) {
    let mut client = app.client();
    // The account exists once the link mailed to the address is followed (see `signup.rs`).
    let response = app
        .sign_up(&mut client, "Ana Nowak", "Ana@Example.org", PASSWORD)
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    let cookie = response
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("cospace_session="))
        .expect("session cookie")
        .to_owned();
    for flag in ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(flag), "{flag} missing in {cookie}");
    }
    let page = client.get("/account").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("ana@example.org"));
    assert!(page.body.contains("Ana Nowak"));
    assert_eq!(app.count_activity("account.create").await, 1);
    // The password is stored as an Argon2id hash.
    let (_, hash) = cospace_store::accounts::credentials(app.db(), "ana@example.org")
        .await
        .unwrap()
        .unwrap();
    assert!(hash.starts_with("$argon2id$"));
}

async fn sign_up_rejects_bad_input_and_writes_nothing(app: TestApp) {
    app.create_user("taken@example.org", PASSWORD, false).await;
    let before = user_count(&app).await;
    let mut client = app.client();
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[
                ("display_name", ""),
                ("email", "x@example.org"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
            "This field is required.",
        ),
        (
            &[
                ("display_name", "X"),
                ("email", "not-an-email"),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
            "Enter an e-mail address like name@example.org.",
        ),
        (
            &[
                ("display_name", "X"),
                ("email", "x@example.org"),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
            "Use at least 10 characters.",
        ),
        (
            &[
                ("display_name", "X"),
                ("email", "x@example.org"),
                ("password", PASSWORD),
                ("password_confirm", "something else"),
            ],
            "The two passwords do not match.",
        ),
        (
            // A registered address changes nothing about the errors shown.
            &[
                ("display_name", "X"),
                ("email", "TAKEN@example.org"),
                ("password", PASSWORD),
                ("password_confirm", "something else"),
            ],
            "The two passwords do not match.",
        ),
    ];
    for (fields, message) in cases {
        let response = client.post_form("/account/sign-up", fields).await;
        assert_eq!(response.status, 422, "{fields:?}");
        assert!(
            response.body.contains(message),
            "{message} not in {}",
            response.body
        );
        // The form is shown again with what was typed (but never the password).
        assert!(response.body.contains("name=\"email\""));
        assert!(!response.body.contains(PASSWORD));
        assert!(!response.body.contains("already"));
    }
    assert_eq!(user_count(&app).await, before);
    // A form with errors stores nothing and sends nothing.
    assert!(app.mail_to("x@example.org").await.is_empty());
    assert_eq!(
        cospace_store::sign_ups::count_for_email(app.db(), "x@example.org")
            .await
            .unwrap(),
        0
    );
}

async fn sign_in_accepts_the_right_password_only(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    let mut client = app.client();
    let wrong = client.sign_in("ana@example.org", "not the password").await;
    assert_eq!(wrong.status, 422);
    assert!(wrong
        .body
        .contains("The e-mail address or password is not correct."));
    let unknown = client.sign_in("nobody@example.org", PASSWORD).await;
    assert_eq!(unknown.status, 422);
    assert!(unknown
        .body
        .contains("The e-mail address or password is not correct."));
    let ok = client.sign_in("ANA@example.org", PASSWORD).await;
    assert_eq!(ok.status, 303);
    assert_eq!(ok.location(), Some("/"));
    assert!(client.cookies.contains_key("cospace_session"));
    // `next` brings the person back, but only to a local path.
    let mut other = app.client();
    let response = other
        .post_form(
            "/account/sign-in",
            &[
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;
    assert_eq!(response.location(), Some("/"));
    let mut third = app.client();
    let response = third
        .post_form(
            "/account/sign-in",
            &[
                ("email", "ana@example.org"),
                ("password", PASSWORD),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(response.location(), Some("/account"));
}

async fn sign_in_is_rate_limited(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    let mut client = app.client();
    for _ in 0..5 {
        let response = client.sign_in("ana@example.org", "wrong password!").await;
        assert_eq!(response.status, 422);
    }
    // Even the right password is refused while the limit holds.
    let limited = client.sign_in("ana@example.org", PASSWORD).await;
    assert_eq!(limited.status, 429);
    assert!(limited.header("retry-after").is_some());
    assert!(limited.body.contains("Too many attempts"));
    assert!(!client.cookies.contains_key("cospace_session"));
    // Another account from another address is not affected.
    app.create_user("bo@example.org", PASSWORD, false).await;
    let mut elsewhere = app.client();
    elsewhere.ip = "198.51.100.20".into();
    assert_eq!(
        elsewhere.sign_in("bo@example.org", PASSWORD).await.status,
        303
    );
}

async fn sign_out_ends_the_session(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    let mut client = app.signed_in("ana@example.org", PASSWORD).await;
    let stolen_cookie = client.cookies.get("cospace_session").cloned().unwrap();
    let response = client.post_form("/account/sign-out", &[]).await;
    assert_eq!(response.status, 303);
    assert!(!client.cookies.contains_key("cospace_session"));
    // The old cookie no longer works: the session is gone from the database.
    let mut replay = app.client();
    replay
        .cookies
        .insert("cospace_session".into(), stolen_cookie);
    let page = replay.get("/account").await;
    assert_eq!(page.status, 303);
    assert!(page.location().unwrap().starts_with("/account/sign-in"));
}

async fn expired_session_asks_to_sign_in_again(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    let mut client = app.signed_in("ana@example.org", PASSWORD).await;
    let past = chrono::Utc::now() - chrono::Duration::days(1);
    let mut tx = app.db().begin().await.unwrap();
    cospace_store::with_tx!(tx, |conn| sqlx::query(
        "UPDATE sessions SET expires_at = $1"
    )
    .bind(past)
    .execute(&mut *conn)
    .await
    .map(|_| ()))
    .unwrap();
    tx.commit().await.unwrap();
    let page = client.get("/account").await;
    assert_eq!(page.status, 303);
    assert_eq!(page.location(), Some("/account/sign-in?next=%2Faccount"));
    // The stale cookie is cleared...
    assert!(!client.cookies.contains_key("cospace_session"));
    // ...and a client still sending it is told the session expired.
    let mut stale = app.client();
    stale
        .cookies
        .insert("cospace_session".into(), "expired-token".into());
    let form = stale.get("/account/sign-in").await;
    assert!(form.body.contains("Your session has expired."));
}

async fn password_change_ends_other_sessions(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    let mut laptop = app.signed_in("ana@example.org", PASSWORD).await;
    let mut phone = app.signed_in("ana@example.org", PASSWORD).await;
    let new_password = "another long password";
    let wrong = laptop
        .post_form(
            "/account/password",
            &[
                ("current_password", "not it at all"),
                ("new_password", new_password),
                ("new_password_confirm", new_password),
            ],
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.body.contains("The current password is not correct."));
    let ok = laptop
        .post_form(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("new_password", new_password),
                ("new_password_confirm", new_password),
            ],
        )
        .await;
    assert_eq!(ok.status, 303);
    assert_eq!(laptop.get("/account").await.status, 200);
    assert_eq!(phone.get("/account").await.status, 303);
    let mut fresh = app.client();
    assert_eq!(fresh.sign_in("ana@example.org", PASSWORD).await.status, 422);
    assert_eq!(
        fresh.sign_in("ana@example.org", new_password).await.status,
        303
    );
    assert_eq!(app.count_activity("account.password_change").await, 1);
}

async fn language_choice_follows_the_account(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    let mut client = app.signed_in("ana@example.org", PASSWORD).await;
    let response = client
        .post_form("/language", &[("lang", "pl"), ("next", "/spaces")])
        .await;
    assert_eq!(response.status, 303);
    assert_eq!(response.location(), Some("/spaces"));
    let page = client.get("/spaces").await;
    assert!(page.body.contains("<html lang=\"pl\">"));
    let stored: Option<String> = with_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT language FROM users WHERE email = 'ana@example.org'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(stored.as_deref(), Some("pl"));
    // On another device, without the language cookie, the account's choice still applies.
    let mut phone = app.signed_in("ana@example.org", PASSWORD).await;
    phone.cookies.remove("cospace_lang");
    phone.accept_language = Some("fr".into());
    assert!(phone.get("/").await.body.contains("<html lang=\"pl\">"));
    // An unknown language is a clear error.
    let bad = client.post_form("/language", &[("lang", "xx")]).await;
    assert_eq!(bad.status, 400);
}

async fn api_tokens_are_created_shown_once_and_revoked(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    let mut client = app.signed_in("ana@example.org", PASSWORD).await;
    let invalid = client
        .post_form("/account/tokens", &[("token_name", "  ")])
        .await;
    assert_eq!(invalid.status, 422);
    assert!(invalid.body.contains("This field is required."));
    let created = client
        .post_form("/account/tokens", &[("token_name", "city dashboard")])
        .await;
    assert_eq!(created.status, 200);
    assert_eq!(created.header("cache-control"), Some("no-store"));
    let at = created.body.find("value=\"csp_").expect("token shown") + "value=\"".len();
    let token = created.body[at..at + 47].to_owned();
    assert!(token.starts_with("csp_") && token.len() == 47, "{token}");
    let me = client
        .api(axum::http::Method::GET, "/api/v1/me", Some(&token), None)
        .await;
    assert_eq!(me.status, 200);
    let settings = client.get("/account").await;
    assert!(settings.body.contains("city dashboard"));
    assert!(
        !settings.body.contains(&token),
        "the secret is never shown again"
    );
    let user = cospace_store::accounts::user_by_email(app.db(), "ana@example.org")
        .await
        .unwrap()
        .unwrap();
    let tokens = cospace_store::accounts::api_tokens(app.db(), user.id())
        .await
        .unwrap();
    assert!(tokens[0].last_used_at.is_some());
    // Someone else cannot revoke it.
    app.create_user("bo@example.org", PASSWORD, false).await;
    let mut bo = app.signed_in("bo@example.org", PASSWORD).await;
    let path = format!("/account/tokens/{}/revoke", tokens[0].id);
    assert_eq!(bo.post_form(&path, &[]).await.status, 404);
    assert_eq!(client.post_form(&path, &[]).await.status, 303);
    let after = client
        .api(axum::http::Method::GET, "/api/v1/me", Some(&token), None)
        .await;
    assert_eq!(after.status, 401);
    assert_eq!(app.count_activity("token.create").await, 1);
    assert_eq!(app.count_activity("token.revoke").await, 1);
}
