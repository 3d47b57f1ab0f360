//! Signing up, without telling anyone whether an address is registered.
//!
//! A valid sign-up form always gets the same answer — "check your e-mail" — after the same work
//! (one Argon2id hash of the password). What happens behind it depends on the address, and only
//! its owner learns which:
//!
//! - a new address: the sign-up is stored (`store::sign_ups`) and a link to confirm it is mailed
//!   to the address; following the link shows a button, and pressing it creates the account and
//!   signs in. Following a link changes nothing, because mail scanners follow links.
//! - a registered address: no sign-up is stored; the owner is mailed that someone tried to sign
//!   up with their address, with a link to sign in.
//!
//! Sign-ups are limited per client address (then 429) and per e-mail address (then the same
//! answer, but no mail), both counted by one atomic upsert before the work is done.

use super::accounts::{session_cookie, NextQuery};
use crate::context::ClientIp;
use crate::error::PageError;
use crate::i18n::Localizer;
use crate::kit::FormData;
use crate::pages::{redirect_with_flash, render, render_invalid, safe_next, FormErrors, Page};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use cospace_core::account::{display_name, Email, NewPassword};
use cospace_core::{FieldError, Invalid};
use cospace_store::accounts::{self, NewUser, User};
use cospace_store::activity::{self, Activity};
use cospace_store::outbox::{self, OutgoingMail};
use cospace_store::sign_ups::{self, NewSignUp, PendingSignUp};
use cospace_store::{rate_limits, secrets, Tx};

#[derive(Template)]
#[template(path = "account/sign_up.html")]
pub struct SignUpTemplate {
    pub page: Page,
    pub errors: FormErrors,
    pub display_name: String,
    pub email: String,
    pub next: String,
}

#[derive(Template)]
#[template(path = "account/sign_up_sent.html")]
pub struct SignUpSentTemplate {
    pub page: Page,
    pub email: String,
}

#[derive(Template)]
#[template(path = "account/confirm.html")]
pub struct ConfirmTemplate {
    pub page: Page,
    pub token: String,
    pub display_name: String,
    pub email: String,
}

#[derive(Template)]
#[template(path = "account/confirm_failed.html")]
pub struct ConfirmFailedTemplate {
    pub page: Page,
    pub status: u16,
    pub title: String,
    pub message: String,
    /// Offer to sign up again (the link lapsed or is unknown), not only to sign in.
    pub sign_up_again: bool,
}

/// `GET /account/sign-up`.
pub async fn sign_up_form(
    page: Page,
    Query(query): Query<NextQuery>,
) -> Result<Response, PageError> {
    render(&SignUpTemplate {
        page,
        errors: FormErrors::default(),
        display_name: String::new(),
        email: String::new(),
        next: safe_next(query.next.as_deref()),
    })
}

/// `POST /account/sign-up`: checks the form, then answers "check your e-mail" whatever the
/// address (see the module documentation).
pub async fn sign_up(
    State(state): State<AppState>,
    page: Page,
    ClientIp(ip): ClientIp,
    form: FormData,
) -> Result<Response, PageError> {
    let config = &state.config;
    let window = config.sign_up_window_minutes * 60;
    let at = cospace_store::now();
    // Every post from an address counts, before the costly checks (password strength, hashing).
    let address_ok = rate_limits::hit(
        &state.db,
        &format!("sign-up:address:{ip}"),
        config.sign_ups_per_address,
        window,
        at,
    )
    .await?;
    if !address_ok {
        return Err(PageError::TooManyRequests {
            retry_after_secs: window,
        });
    }

    let mut invalid = Invalid::default();
    let name = invalid.take(display_name("display_name", form.get("display_name")));
    let email = invalid.take(Email::parse("email", form.get("email")));
    let context = [form.get("email"), form.get("display_name")];
    let password = invalid.take(NewPassword::parse_for(
        "password",
        form.get("password"),
        &context,
    ));
    if password.is_some() && form.get("password") != form.get("password_confirm") {
        invalid.push(FieldError::new(
            "password_confirm",
            "error-password-mismatch",
        ));
    }
    let next = safe_next(Some(form.get("next")));
    let (Some(name), Some(email), Some(password)) = (name, email, password) else {
        return again(page, &form, &next, invalid);
    };
    if !invalid.is_empty() {
        return again(page, &form, &next, invalid);
    }

    // From here on every valid form does the same work and gets the same answer. The password
    // is hashed whatever becomes of it, so the time taken does not tell the cases apart either.
    let hash = secrets::hash_password(password.expose()).await?;
    let email_ok = rate_limits::hit(
        &state.db,
        &format!("sign-up:email:{}", email.as_str()),
        config.sign_ups_per_email,
        window,
        at,
    )
    .await?;
    if email_ok {
        let mut tx = state.db.begin().await?;
        match accounts::user_by_email(&state.db, email.as_str()).await? {
            Some(owner) => tell_owner(&state, &mut tx, &owner, page.l.lang()).await?,
            None => {
                let token = sign_ups::create(
                    &mut tx,
                    NewSignUp {
                        email: &email,
                        display_name: &name,
                        password_hash: &hash,
                        language: Some(page.l.lang()),
                        next: &next,
                    },
                )
                .await?;
                send_confirmation(&state, &mut tx, &page.l, &email, &token).await?;
            }
        }
        tx.commit().await?;
        state.mail.wake();
    }
    let mut response = render(&SignUpSentTemplate {
        page,
        email: email.as_str().to_owned(),
    })?;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The form again with its errors and what was typed (never the password).
fn again(page: Page, form: &FormData, next: &str, invalid: Invalid) -> Result<Response, PageError> {
    render_invalid(&SignUpTemplate {
        page,
        errors: FormErrors(invalid),
        display_name: form.get("display_name").to_owned(),
        email: form.get("email").to_owned(),
        next: next.to_owned(),
    })
}

/// Queues the mail with the link that confirms a new address, in the sign-up's language. It
/// carries no text from the form: a stranger's sign-up cannot put words in someone's mailbox.
async fn send_confirmation(
    state: &AppState,
    tx: &mut Tx,
    l: &Localizer,
    email: &Email,
    token: &str,
) -> Result<(), PageError> {
    let args = [
        ("email", email.as_str().to_owned()),
        (
            "url",
            state.absolute_url(&format!("/account/confirm/{token}")),
        ),
    ];
    outbox::enqueue(
        tx,
        &OutgoingMail {
            to: email.as_str().to_owned(),
            to_name: None,
            subject: l.t("mail-sign-up-confirm-subject"),
            text_body: l.targs("mail-sign-up-confirm-body", &args),
            html_body: None,
            calendar: None,
        },
    )
    .await?;
    Ok(())
}

/// Queues the mail that tells an account's owner someone tried to sign up with their address,
/// in the owner's language.
async fn tell_owner(
    state: &AppState,
    tx: &mut Tx,
    owner: &User,
    fallback: cospace_core::Lang,
) -> Result<(), PageError> {
    let l = Localizer::new(state.i18n.clone(), owner.lang().unwrap_or(fallback));
    let args = [
        ("name", owner.display_name.clone()),
        ("email", owner.email.clone()),
        ("url", state.absolute_url("/account/sign-in")),
    ];
    outbox::enqueue(
        tx,
        &OutgoingMail {
            to: owner.email.clone(),
            to_name: Some(owner.display_name.clone()).filter(|n| !n.is_empty()),
            subject: l.t("mail-sign-up-existing-subject"),
            text_body: l.targs("mail-sign-up-existing-body", &args),
            html_body: None,
            calendar: None,
        },
    )
    .await?;
    Ok(())
}

/// Why a confirmation link cannot be used.
enum Failure {
    /// Never issued, already used, or purged after it lapsed.
    Unknown,
    Expired,
    /// The address got an account after the link was sent.
    Registered,
}

fn failed(page: Page, failure: Failure) -> Result<Response, PageError> {
    let (status, title, message, sign_up_again) = match failure {
        Failure::Unknown => (
            StatusCode::NOT_FOUND,
            "sign-up-confirm-unknown-title",
            "sign-up-confirm-unknown",
            true,
        ),
        Failure::Expired => (
            StatusCode::GONE,
            "sign-up-confirm-expired-title",
            "sign-up-confirm-expired",
            true,
        ),
        Failure::Registered => (
            StatusCode::CONFLICT,
            "sign-up-confirm-registered-title",
            "sign-up-confirm-registered",
            false,
        ),
    };
    let mut response = render(&ConfirmFailedTemplate {
        status: status.as_u16(),
        title: page.t(title),
        message: page.t(message),
        sign_up_again,
        page,
    })?;
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Whether `token` could be one we issued (43 URL-safe base64 characters); anything else is
/// not looked up.
fn plausible(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The sign-up behind a link that can still be confirmed, or why it cannot.
async fn usable(
    state: &AppState,
    token: &str,
) -> Result<Result<PendingSignUp, Failure>, PageError> {
    if !plausible(token) {
        return Ok(Err(Failure::Unknown));
    }
    let Some(pending) = sign_ups::find(&state.db, token).await? else {
        return Ok(Err(Failure::Unknown));
    };
    if pending.is_expired(cospace_store::now()) {
        return Ok(Err(Failure::Expired));
    }
    if accounts::user_by_email(&state.db, &pending.email)
        .await?
        .is_some()
    {
        return Ok(Err(Failure::Registered));
    }
    Ok(Ok(pending))
}

/// `GET /account/confirm/{token}`: what the link shows — the account about to be created and a
/// button. It changes nothing: mail scanners and link previews fetch links too.
pub async fn confirm_form(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let pending = match usable(&state, &token).await? {
        Ok(pending) => pending,
        Err(failure) => return failed(page, failure),
    };
    let mut response = render(&ConfirmTemplate {
        page,
        token,
        display_name: pending.display_name,
        email: pending.email,
    })?;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `POST /account/confirm/{token}`: creates the account (its address is proven now), voids the
/// address's other links, signs in and goes where the person was heading.
pub async fn confirm(
    State(state): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    if !plausible(&token) {
        return failed(page, Failure::Unknown);
    }
    let mut tx = state.db.begin().await?;
    // Taken in one statement: of two confirmations racing, one gets the sign-up.
    let Some(pending) = sign_ups::take(&mut tx, &token).await? else {
        drop(tx);
        let failure = match sign_ups::find(&state.db, &token).await? {
            Some(_) => Failure::Expired,
            None => Failure::Unknown,
        };
        return failed(page, failure);
    };
    let email = Email::parse("email", &pending.email)
        .map_err(|_| PageError::Internal("a stored sign-up has an invalid e-mail".into()))?;
    let created = accounts::create_user_if_new(
        &mut tx,
        NewUser {
            email: &email,
            display_name: &pending.display_name,
            password_hash: &pending.password_hash,
            platform_admin: false,
            language: pending.lang(),
        },
    )
    .await?;
    sign_ups::delete_for_email(&mut tx, email.as_str()).await?;
    let Some(user) = created else {
        // Registered meanwhile (another link, an administrator): no second account.
        tx.commit().await?;
        return failed(page, Failure::Registered);
    };
    activity::record(
        &mut tx,
        Activity {
            actor: Some(user),
            space: None,
            action: "account.create",
            subject_type: "user",
            subject_id: user.to_string(),
            details: serde_json::json!({}),
        },
    )
    .await?;
    let session = accounts::create_session(&mut tx, user).await?;
    tx.commit().await?;
    // A new session brings a new CSRF token, derived from it, as after signing in.
    let mut response = redirect_with_flash(
        &state,
        &safe_next(Some(&pending.next_path)),
        "flash-welcome",
    );
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_cookie(&state, &session.token));
    Ok(response)
}
