//! Signing up without revealing who is registered: one answer for every valid form, the account
//! created only through the link mailed to the address, the owner of a registered address told
//! by mail, and limits that hold without saying anything either.

use crate::PASSWORD;
use axum::body::Body;
use axum::http::Method;
use cospace_store::{sign_ups, with_db, with_tx};
use cospace_testkit::{db_tests, link_path, Client, SmtpSink, TestApp, TestResponse};
use std::time::Duration;

db_tests!(cospace::components();
    the_answer_is_the_same_for_new_and_registered_addresses,
    the_owner_of_a_registered_address_is_told_by_mail,
    the_link_creates_the_account_once_and_following_it_changes_nothing,
    an_expired_or_unknown_link_is_refused,
    an_address_registered_meanwhile_gets_no_second_account,
    the_limit_per_address_answers_the_same_and_sends_nothing,
    the_limit_per_client_answers_too_many_requests,
    links_start_with_the_public_url_whatever_the_host_header,
);

async fn sign_up_as(client: &mut Client, email: &str) -> TestResponse {
    sign_up_with(client, email, "/").await
}

async fn sign_up_with(client: &mut Client, email: &str, next: &str) -> TestResponse {
    client
        .post_form(
            "/account/sign-up",
            &[
                ("display_name", "Bo Kowalski"),
                ("email", email),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("next", next),
            ],
        )
        .await
}

async fn pending(app: &TestApp, email: &str) -> i64 {
    sign_ups::count_for_email(app.db(), email).await.unwrap()
}

async fn users(app: &TestApp, email: &str) -> i64 {
    with_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE email = $1"
    )
    .bind(email)
    .fetch_one(pool)
    .await)
    .unwrap()
}

fn set_cookies(response: &TestResponse) -> Vec<String> {
    response
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .map(str::to_owned)
        .collect()
}

/// The confirmation link mailed to `email` (the latest one).
async fn confirmation_link(app: &TestApp, email: &str) -> String {
    let mails = app.mail_to(email).await;
    let mail = mails.last().expect("a mail to the address");
    link_path(&mail.text, "/account/confirm/")
        .unwrap_or_else(|| panic!("no confirmation link in {:?}", mail.text))
}

async fn the_answer_is_the_same_for_new_and_registered_addresses(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    let mut client = app.client();
    client.get("/account/sign-up").await;
    let new = sign_up_as(&mut client, "bo@example.org").await;
    let registered = sign_up_as(&mut client, "ana@example.org").await;
    let registered_shouting = sign_up_as(&mut client, "ANA@Example.org").await;
    assert_eq!(new.status, 200, "{}", new.body);
    assert!(new.body.contains("Check your e-mail"));
    assert!(new.body.contains("bo@example.org"));
    assert!(new.body.contains("24 hours"));
    let anonymised = |response: &TestResponse, email: &str| response.body.replace(email, "ADDRESS");
    for other in [&registered, &registered_shouting] {
        assert_eq!(other.status, new.status);
        assert_eq!(
            anonymised(other, "ana@example.org"),
            anonymised(&new, "bo@example.org")
        );
        for header in ["content-type", "cache-control"] {
            assert_eq!(other.header(header), new.header(header), "{header}");
        }
        assert_eq!(set_cookies(other), set_cookies(&new));
    }
    assert_eq!(new.header("cache-control"), Some("no-store"));
    assert!(!registered.body.contains("already exists"));

    // Behind the one answer: a sign-up waits for the new address, and its link went there…
    assert_eq!(pending(&app, "bo@example.org").await, 1);
    assert_eq!(users(&app, "bo@example.org").await, 0);
    let mails = app.mail_to("bo@example.org").await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].subject, "Confirm your e-mail address for cospace");
    assert_eq!(
        mails[0].to_name, None,
        "no text of the form goes into the mail"
    );
    assert!(!mails[0].text.contains("Bo Kowalski"));
    assert!(mails[0]
        .text
        .contains("http://127.0.0.1:8080/account/confirm/"));
    assert!(mails[0].text.contains("24 hours"));
    // …while the owner of the registered address is told someone tried, and nothing is stored.
    assert_eq!(pending(&app, "ana@example.org").await, 0);
    assert_eq!(users(&app, "ana@example.org").await, 1);
    let mails = app.mail_to("ana@example.org").await;
    assert_eq!(mails.len(), 2);
    for mail in &mails {
        assert_eq!(
            mail.subject,
            "Someone tried to create an account with your e-mail address"
        );
        assert_eq!(mail.to_name.as_deref(), Some("ana"));
        assert!(mail.text.contains("http://127.0.0.1:8080/account/sign-in"));
        assert!(!mail.text.contains("/account/confirm/"));
        assert!(!mail.text.contains("Bo Kowalski"));
    }
}

async fn the_owner_of_a_registered_address_is_told_by_mail(app: TestApp) {
    let sink = SmtpSink::start().await;
    let app = app.with_mail(sink.mail_config()).await;
    app.create_user("ana@example.org", PASSWORD, false).await;
    let mut client = app.client();
    let response = sign_up_as(&mut client, "ana@example.org").await;
    assert_eq!(response.status, 200);
    let received = sink.wait_for(1, Duration::from_secs(10)).await;
    assert_eq!(received.len(), 1);
    let mail = &received[0];
    assert_eq!(mail.rcpt_to, ["ana@example.org"]);
    assert_eq!(
        mail.header("Subject").as_deref(),
        Some("Someone tried to create an account with your e-mail address")
    );
    assert!(mail.data.contains("http://127.0.0.1:8080/account/sign-in"));
    assert!(!mail.data.contains("/account/confirm/"));
    assert_eq!(pending(&app, "ana@example.org").await, 0);

    // The owner reads it in the language of their account, not the one of whoever typed it.
    let user = cospace_store::accounts::user_by_email(app.db(), "ana@example.org")
        .await
        .unwrap()
        .unwrap();
    let mut tx = app.db().begin().await.unwrap();
    cospace_store::accounts::set_language(&mut tx, user.id(), Some(cospace_core::Lang::Fr))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let mut stranger = app.client();
    stranger.ip = "198.51.100.9".into();
    stranger.accept_language = Some("es".into());
    assert_eq!(
        sign_up_as(&mut stranger, "ana@example.org").await.status,
        200
    );
    let mails = app.mail_to("ana@example.org").await;
    assert_eq!(mails.len(), 2);
    assert_eq!(
        mails[1].subject,
        "Quelqu’un a essayé de créer un compte avec votre adresse e-mail"
    );
}

async fn the_link_creates_the_account_once_and_following_it_changes_nothing(app: TestApp) {
    let mut client = app.client();
    client.accept_language = Some("pl".into());
    let form = client.get("/account/sign-up?next=%2Fspaces").await;
    assert!(form.body.contains("name=\"next\" value=\"/spaces\""));
    let sent = sign_up_with(&mut client, "Ana@Example.org", "/spaces").await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert!(sent.body.contains("Sprawdź pocztę"));
    let mails = app.mail_to("ana@example.org").await;
    assert_eq!(mails[0].subject, "Potwierdź swój adres e-mail w cospace");
    assert!(mails[0].text.contains("24 godziny"));
    let link = confirmation_link(&app, "ana@example.org").await;

    // A mail scanner following the link, however often, creates nothing.
    let mut scanner = app.client();
    for _ in 0..2 {
        let page = scanner.get(&link).await;
        assert_eq!(page.status, 200);
        assert!(page.body.contains("Bo Kowalski"));
        assert!(page.body.contains("ana@example.org"));
        assert!(page
            .body
            .contains(&format!("<form method=\"post\" action=\"{link}\"")));
        assert_eq!(page.header("cache-control"), Some("no-store"));
    }
    assert_eq!(users(&app, "ana@example.org").await, 0);
    assert_eq!(pending(&app, "ana@example.org").await, 1);

    // The button does: the account exists, the person is signed in with a new CSRF token.
    let page = client.get(&link).await;
    assert!(page.body.contains("Utwórz moje konto"));
    let anonymous_token = client.csrf.clone().unwrap();
    let confirmed = client.post_form(&link, &[]).await;
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    assert_eq!(confirmed.location(), Some("/spaces"));
    let session = client.cookies.get("cospace_session").cloned().unwrap();
    let account = client.get("/account").await;
    assert_eq!(account.status, 200);
    assert!(account.body.contains("ana@example.org"));
    let token = client.csrf.clone().unwrap();
    assert_ne!(token, anonymous_token);
    assert_eq!(token, cospace_web::context::session_csrf(&session));
    assert_eq!(users(&app, "ana@example.org").await, 1);
    assert_eq!(pending(&app, "ana@example.org").await, 0);
    assert_eq!(app.count_activity("account.create").await, 1);
    let language: Option<String> = with_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT language FROM users WHERE email = 'ana@example.org'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(language.as_deref(), Some("pl"));
    app.signed_in("ana@example.org", PASSWORD).await;

    // The link works once.
    let mut later = app.client();
    let used = later.get(&link).await;
    assert_eq!(used.status, 404);
    assert!(used.body.contains("This link does not work"));
    assert!(used.body.contains("href=\"/account/sign-up\""));
    let replay = later.post_form(&link, &[]).await;
    assert_eq!(replay.status, 404);
    assert!(!later.cookies.contains_key("cospace_session"));
    assert_eq!(users(&app, "ana@example.org").await, 1);
}

async fn an_expired_or_unknown_link_is_refused(app: TestApp) {
    let mut client = app.client();
    assert_eq!(sign_up_as(&mut client, "bo@example.org").await.status, 200);
    let link = confirmation_link(&app, "bo@example.org").await;
    let past = chrono::Utc::now() - chrono::Duration::minutes(1);
    let mut tx = app.db().begin().await.unwrap();
    with_tx!(tx, |conn| sqlx::query(
        "UPDATE pending_sign_ups SET expires_at = $1"
    )
    .bind(past)
    .execute(&mut *conn)
    .await
    .map(|_| ()))
    .unwrap();
    tx.commit().await.unwrap();
    let page = client.get(&link).await;
    assert_eq!(page.status, 410);
    assert!(page.body.contains("This link has expired"));
    assert!(page.body.contains("href=\"/account/sign-up\""));
    let post = client.post_form(&link, &[]).await;
    assert_eq!(post.status, 410);
    assert!(!client.cookies.contains_key("cospace_session"));
    assert_eq!(users(&app, "bo@example.org").await, 0);

    // Housekeeping removes lapsed sign-ups; their links are then unknown.
    assert_eq!(sign_ups::purge_expired(app.db()).await.unwrap(), 1);
    assert_eq!(client.get(&link).await.status, 404);
    let unknown = format!("/account/confirm/{}", "A".repeat(43));
    for path in [
        unknown.as_str(),
        "/account/confirm/nonsense",
        "/account/confirm/%27%20OR%201=1",
    ] {
        let page = client.get(path).await;
        assert_eq!(page.status, 404, "{path}");
        assert!(page.body.contains("This link does not work"), "{path}");
        assert_eq!(client.post_form(path, &[]).await.status, 404, "{path}");
    }
}

async fn an_address_registered_meanwhile_gets_no_second_account(app: TestApp) {
    // Two sign-ups for one address: the first confirmed voids the other link.
    let mut first = app.client();
    assert_eq!(
        sign_up_with(&mut first, "ana@example.org", "//evil.example/")
            .await
            .status,
        200
    );
    let first_link = confirmation_link(&app, "ana@example.org").await;
    let mut second = app.client();
    second.ip = "198.51.100.2".into();
    assert_eq!(sign_up_as(&mut second, "ana@example.org").await.status, 200);
    let second_link = confirmation_link(&app, "ana@example.org").await;
    assert_ne!(first_link, second_link);
    assert_eq!(pending(&app, "ana@example.org").await, 2);
    first.get(&first_link).await;
    let confirmed = first.post_form(&first_link, &[]).await;
    assert_eq!(confirmed.status, 303);
    // Only a local path is a place to go.
    assert_eq!(confirmed.location(), Some("/"));
    assert_eq!(pending(&app, "ana@example.org").await, 0);
    assert_eq!(second.get(&second_link).await.status, 404);

    // An account made another way (an administrator) while a link waits: no duplicate.
    let mut bo = app.client();
    assert_eq!(sign_up_as(&mut bo, "bo@example.org").await.status, 200);
    let link = confirmation_link(&app, "bo@example.org").await;
    app.create_user("bo@example.org", "an administrator's choice", false)
        .await;
    let page = bo.get(&link).await;
    assert_eq!(page.status, 409);
    assert!(page.body.contains("You already have an account"));
    assert!(page.body.contains("href=\"/account/sign-in\""));
    let post = bo.post_form(&link, &[]).await;
    assert_eq!(post.status, 409);
    assert!(!bo.cookies.contains_key("cospace_session"));
    assert_eq!(users(&app, "bo@example.org").await, 1);
    assert_eq!(pending(&app, "bo@example.org").await, 0);
    // The account keeps its own password.
    app.signed_in("bo@example.org", "an administrator's choice")
        .await;
}

async fn the_limit_per_address_answers_the_same_and_sends_nothing(app: TestApp) {
    app.create_user("ana@example.org", PASSWORD, false).await;
    for email in ["bo@example.org", "ana@example.org"] {
        let mut bodies = Vec::new();
        for attempt in 0..5 {
            // From a different client each time: only the address's limit applies.
            let mut client = app.client();
            client.ip = format!("198.51.100.{attempt}");
            let response = sign_up_as(&mut client, email).await;
            assert_eq!(response.status, 200, "{email} #{attempt}");
            let csrf = client.csrf.clone().unwrap();
            bodies.push(response.body.replace(&csrf, "TOKEN"));
        }
        assert!(bodies.windows(2).all(|pair| pair[0] == pair[1]), "{email}");
        assert_eq!(app.mail_to(email).await.len(), 3, "{email}");
    }
    assert_eq!(pending(&app, "bo@example.org").await, 3);
    assert_eq!(pending(&app, "ana@example.org").await, 0);
}

async fn the_limit_per_client_answers_too_many_requests(app: TestApp) {
    let mut client = app.client();
    for attempt in 0..20 {
        let response = client
            .post_form("/account/sign-up", &[("display_name", "Bo")])
            .await;
        assert_eq!(response.status, 422, "#{attempt}");
    }
    let limited = sign_up_as(&mut client, "bo@example.org").await;
    assert_eq!(limited.status, 429);
    assert!(limited.header("retry-after").is_some());
    assert!(limited.body.contains("Too many attempts"));
    assert!(app.mail_to("bo@example.org").await.is_empty());
    assert_eq!(pending(&app, "bo@example.org").await, 0);
    // Another client is not affected.
    let mut elsewhere = app.client();
    elsewhere.ip = "198.51.100.20".into();
    assert_eq!(
        sign_up_as(&mut elsewhere, "bo@example.org").await.status,
        200
    );
}

async fn links_start_with_the_public_url_whatever_the_host_header(app: TestApp) {
    let app = app
        .with_config(|config| config.public_url = "https://cospace.example.org".into())
        .await;
    app.create_user("ana@example.org", PASSWORD, false).await;
    let mut client = app.client();
    client.get("/account/sign-up").await;
    let token = client.csrf.clone().unwrap();
    for email in ["bo@example.org", "ana@example.org"] {
        let password = PASSWORD.replace(' ', "+");
        let body = format!(
            "csrf_token={token}&display_name=Bo&email={email}&password={password}&password_confirm={password}"
        );
        let response = client
            .request(
                Method::POST,
                "/account/sign-up",
                &[
                    ("host", "login-cospace.evil.example"),
                    ("x-forwarded-host", "login-cospace.evil.example"),
                    ("content-type", "application/x-www-form-urlencoded"),
                ],
                Body::from(body),
            )
            .await;
        assert_eq!(response.status, 200, "{}", response.body);
    }
    let new = &app.mail_to("bo@example.org").await[0];
    assert!(
        new.text
            .contains("\nhttps://cospace.example.org/account/confirm/"),
        "{}",
        new.text
    );
    let owner = &app.mail_to("ana@example.org").await[0];
    assert!(owner
        .text
        .contains("\nhttps://cospace.example.org/account/sign-in\n"));
    for mail in [new, owner] {
        assert!(!mail.text.contains("evil.example"));
    }
    // The link leads to the confirmation page.
    let link = confirmation_link(&app, "bo@example.org").await;
    assert_eq!(client.get(&link).await.status, 200);
}
