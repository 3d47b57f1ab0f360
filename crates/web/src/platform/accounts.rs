//! Accounts: sign in (rate-limited), sign out, password and language settings (signing up is
//! in `sign_up`).

use crate::context::{set_cookie, ClientIp, Viewer, SESSION_COOKIE};
use crate::error::PageError;
use crate::kit::FormData;
use crate::pages::{
    redirect_with_flash, render, render_form, render_invalid, safe_next, FormErrors, Page,
};
use crate::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::Response;
use cookie::SameSite;
use cospace_core::account::NewPassword;
use cospace_core::validation::bounded_text;
use cospace_core::{FieldError, Invalid, UserId};
use cospace_store::accounts::{self, User, SESSION_IDLE};
use cospace_store::activity::{self, Activity};
use cospace_store::{rate_limits, secrets};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account/sign_in.html")]
pub struct SignInTemplate {
    pub page: Page,
    pub errors: FormErrors,
    pub email: String,
    pub next: String,
    pub expired: bool,
}

#[derive(Template)]
#[template(path = "account/settings.html")]
pub struct SettingsTemplate {
    pub page: Page,
    pub errors: FormErrors,
    pub email: String,
    pub member_since: String,
    pub tokens: Vec<TokenRow>,
    pub token_name: String,
}

/// A personal API token as the settings page lists it.
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub last_used: Option<String>,
}

#[derive(Template)]
#[template(path = "account/token_created.html")]
pub struct TokenCreatedTemplate {
    pub page: Page,
    pub name: String,
    pub token: String,
}

/// The settings page, with `errors` from whichever of its forms was just sent.
async fn settings_page(
    state: &AppState,
    page: Page,
    user: &User,
    errors: Invalid,
    token_name: &str,
) -> Result<Response, PageError> {
    let tokens = accounts::api_tokens(&state.db, user.id())
        .await?
        .into_iter()
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            created: page.date(&t.created_at),
            last_used: t.last_used_at.map(|at| page.date(&at)),
        })
        .collect();
    let invalid = !errors.is_empty();
    let template = SettingsTemplate {
        member_since: page.date(&user.created_at),
        page,
        errors: FormErrors(errors),
        email: user.email.clone(),
        tokens,
        token_name: token_name.to_owned(),
    };
    render_form(&template, invalid)
}

#[derive(Deserialize)]
pub struct NextQuery {
    pub(crate) next: Option<String>,
}

/// The session cookie for a new session (signing in, or confirming a sign-up).
pub(crate) fn session_cookie(state: &AppState, token: &str) -> axum::http::HeaderValue {
    set_cookie(
        SESSION_COOKIE,
        token,
        Some(SESSION_IDLE.num_seconds()),
        SameSite::Lax,
        state.config.secure_cookies,
    )
}

pub async fn sign_in_form(
    page: Page,
    viewer: Viewer,
    Query(query): Query<NextQuery>,
) -> Result<Response, PageError> {
    render(&SignInTemplate {
        page,
        errors: FormErrors::default(),
        email: String::new(),
        next: safe_next(query.next.as_deref()),
        expired: viewer.session_expired,
    })
}

pub async fn sign_in(
    State(state): State<AppState>,
    page: Page,
    ClientIp(ip): ClientIp,
    form: FormData,
) -> Result<Response, PageError> {
    let email = form.get("email").trim().to_lowercase();
    let next = safe_next(Some(form.get("next")));
    let wrong = |page: Page| {
        render_invalid(&SignInTemplate {
            page,
            errors: FormErrors(Invalid::one("email", "error-sign-in-failed")),
            email: form.get("email").to_owned(),
            next: next.clone(),
            expired: false,
        })
    };
    if email.is_empty() || form.get("password").is_empty() {
        return wrong(page);
    }
    // Each attempt is counted before the password is checked, atomically, per account and per
    // address: a burst of concurrent guesses gets no more checks than the limit allows.
    let config = &state.config;
    let window = config.login_window_minutes * 60;
    let account_key = format!("sign-in:account:{email}");
    let address_key = format!("sign-in:address:{ip}");
    let at = cospace_store::now();
    let account_ok = rate_limits::hit(
        &state.db,
        &account_key,
        config.login_failures_per_account,
        window,
        at,
    )
    .await?;
    let address_ok = rate_limits::hit(
        &state.db,
        &address_key,
        config.login_failures_per_address,
        window,
        at,
    )
    .await?;
    if !account_ok || !address_ok {
        return Err(PageError::TooManyRequests {
            retry_after_secs: window,
        });
    }
    let found = accounts::credentials(&state.db, &email).await?;
    let (user, stored) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let ok = secrets::verify_password(form.get("password"), stored).await;
    if ok && user.is_some() {
        // Only failures count toward the limits.
        rate_limits::refund(&state.db, &account_key).await?;
        rate_limits::refund(&state.db, &address_key).await?;
    }
    let mut tx = state.db.begin().await?;
    accounts::record_login_attempt(&mut tx, &email, &ip, ok).await?;
    let Some(user) = user.filter(|_| ok) else {
        tx.commit().await?;
        return wrong(page);
    };
    let session = accounts::create_session(&mut tx, user.id()).await?;
    activity::record(
        &mut tx,
        Activity {
            actor: Some(user.id()),
            space: None,
            action: "account.sign_in",
            subject_type: "user",
            subject_id: user.id.to_string(),
            details: serde_json::json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    let mut response = redirect_with_flash(&state, &next, "flash-signed-in");
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_cookie(&state, &session.token));
    Ok(response)
}

pub async fn sign_out(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    if let (Some(token), Some(user)) = (&viewer.session_token, &viewer.user) {
        let mut tx = state.db.begin().await?;
        accounts::delete_session(&mut tx, token).await?;
        activity::record(
            &mut tx,
            Activity {
                actor: Some(user.id()),
                space: None,
                action: "account.sign_out",
                subject_type: "user",
                subject_id: user.id.to_string(),
                details: serde_json::json!({}),
            },
        )
        .await?;
        tx.commit().await?;
    }
    let mut response = redirect_with_flash(&state, "/", "flash-signed-out");
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            SESSION_COOKIE,
            "",
            Some(0),
            SameSite::Lax,
            state.config.secure_cookies,
        ),
    );
    Ok(response)
}

fn require_user(viewer: &Viewer, here: &str) -> Result<User, PageError> {
    viewer
        .user
        .clone()
        .ok_or_else(|| PageError::SignInRequired {
            next: here.to_owned(),
        })
}

pub async fn settings(
    State(state): State<AppState>,
    page: Page,
    viewer: Viewer,
) -> Result<Response, PageError> {
    let user = require_user(&viewer, "/account")?;
    settings_page(&state, page, &user, Invalid::default(), "").await
}

/// `POST /account/tokens`: creates a personal API token and shows it once.
pub async fn create_token(
    State(state): State<AppState>,
    page: Page,
    viewer: Viewer,
    form: FormData,
) -> Result<Response, PageError> {
    let user = require_user(&viewer, "/account")?;
    let name = match bounded_text("token_name", form.get("token_name"), 1, 60) {
        Ok(name) => name,
        Err(error) => {
            return settings_page(
                &state,
                page,
                &user,
                Invalid(vec![error]),
                form.get("token_name"),
            )
            .await
        }
    };
    let mut tx = state.db.begin().await?;
    let token = accounts::create_api_token(&mut tx, user.id(), &name).await?;
    activity::record(
        &mut tx,
        Activity {
            actor: Some(user.id()),
            space: None,
            action: "token.create",
            subject_type: "api_token",
            subject_id: token.id.to_string(),
            details: serde_json::json!({ "name": name }),
        },
    )
    .await?;
    tx.commit().await?;
    let mut response = render(&TokenCreatedTemplate {
        page,
        name,
        token: token.token,
    })?;
    // The secret is on this page only: keep it out of every cache.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// `POST /account/tokens/{id}/revoke`.
pub async fn revoke_token(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let user = require_user(&viewer, "/account")?;
    let mut tx = state.db.begin().await?;
    accounts::revoke_api_token(&mut tx, user.id(), id).await?;
    activity::record(
        &mut tx,
        Activity {
            actor: Some(user.id()),
            space: None,
            action: "token.revoke",
            subject_type: "api_token",
            subject_id: id.to_string(),
            details: serde_json::json!({}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(redirect_with_flash(
        &state,
        "/account#tokens",
        "flash-token-revoked",
    ))
}

pub async fn change_password(
    State(state): State<AppState>,
    page: Page,
    viewer: Viewer,
    form: FormData,
) -> Result<Response, PageError> {
    let user = require_user(&viewer, "/account")?;
    let mut invalid = Invalid::default();
    let stored = accounts::credentials(&state.db, &user.email)
        .await?
        .map(|(_, hash)| hash);
    if !secrets::verify_password(form.get("current_password"), stored).await {
        invalid.push(FieldError::new("current_password", "error-wrong-password"));
    }
    let context = [user.email.as_str(), user.display_name.as_str()];
    let new = invalid.take(NewPassword::parse_for(
        "new_password",
        form.get("new_password"),
        &context,
    ));
    if new.is_some() && form.get("new_password") != form.get("new_password_confirm") {
        invalid.push(FieldError::new(
            "new_password_confirm",
            "error-password-mismatch",
        ));
    }
    let Some(new) = new.filter(|_| invalid.is_empty()) else {
        return settings_page(&state, page, &user, invalid, "").await;
    };
    let hash = secrets::hash_password(new.expose()).await?;
    let mut tx = state.db.begin().await?;
    accounts::set_password_hash(&mut tx, user.id(), &hash).await?;
    let ended =
        accounts::delete_other_sessions(&mut tx, user.id(), viewer.session_token.as_deref())
            .await?;
    activity::record(
        &mut tx,
        Activity {
            actor: Some(user.id()),
            space: None,
            action: "account.password_change",
            subject_type: "user",
            subject_id: user.id.to_string(),
            details: serde_json::json!({ "other_sessions_ended": ended }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(redirect_with_flash(
        &state,
        "/account",
        "flash-password-changed",
    ))
}

/// Records a language choice on the account (so it follows the person to every device).
pub async fn save_language(
    state: &AppState,
    user: UserId,
    lang: cospace_core::Lang,
) -> Result<(), PageError> {
    let mut tx = state.db.begin().await?;
    accounts::set_language(&mut tx, user, Some(lang)).await?;
    activity::record(
        &mut tx,
        Activity {
            actor: Some(user),
            space: None,
            action: "account.language",
            subject_type: "user",
            subject_id: user.to_string(),
            details: serde_json::json!({ "language": lang.code() }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A notification as the list shows it.
pub struct NotificationRow {
    pub text: String,
    pub link: String,
    pub at: String,
    pub unread: bool,
}

#[derive(Template)]
#[template(path = "account/notifications.html")]
pub struct NotificationsTemplate {
    pub page: Page,
    pub rows: Vec<NotificationRow>,
}

/// `GET /account/notifications`: the newest notifications, in the reader's language.
pub async fn notifications(
    State(state): State<AppState>,
    page: Page,
    viewer: Viewer,
) -> Result<Response, PageError> {
    let user = require_user(&viewer, "/account/notifications")?;
    let rows = cospace_store::notifications::recent(&state.db, user.id(), 100)
        .await?
        .into_iter()
        .map(|n| {
            let owned = n.arguments();
            let args: Vec<(&str, String)> = owned
                .iter()
                .map(|(name, value)| (name.as_str(), value.clone()))
                .collect();
            NotificationRow {
                text: page.l.targs(&n.message_key, &args),
                link: crate::pages::safe_next(Some(&n.link)),
                at: page.date(&n.created_at),
                unread: n.read_at.is_none(),
            }
        })
        .collect();
    render(&NotificationsTemplate { page, rows })
}

/// `POST /account/notifications/read`.
pub async fn mark_notifications_read(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    let user = require_user(&viewer, "/account/notifications")?;
    let mut tx = state.db.begin().await?;
    cospace_store::notifications::mark_all_read(&mut tx, user.id()).await?;
    tx.commit().await?;
    Ok(redirect_with_flash(
        &state,
        "/account/notifications",
        "flash-notifications-read",
    ))
}
