//! What every HTML page shares: the [`Page`] context that the layout template reads (language,
//! reader, CSRF token, flash message), rendering, redirects with a flash, and the error page.

use crate::assets;
use crate::context::{set_cookie, CsrfToken, Flash, Viewer, FLASH_COOKIE};
use crate::error::{ErrorReport, PageError};
use crate::i18n::Localizer;
use crate::AppState;
use askama::Template;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Redirect, Response};
use cookie::SameSite;
use cospace_core::{FieldError, Invalid, Lang};
use cospace_store::accounts::User;

/// The context of one HTML page, passed to every template as `page`.
#[derive(Clone, Debug)]
pub struct Page {
    pub l: Localizer,
    pub user: Option<User>,
    pub csrf: String,
    /// A translated confirmation carried over a redirect ("Space created").
    pub flash: Option<String>,
    /// The path and query being shown, to come back to after switching language.
    pub here: String,
    /// Unread notifications of the signed-in reader.
    pub unread: i64,
}

impl Page {
    pub fn new(l: Localizer, viewer: &Viewer, csrf: &str, flash: Option<&str>, here: &str) -> Page {
        // Only known message keys are shown, so a forged cookie cannot inject text.
        let flash = flash.filter(|key| l.has(key)).map(|key| l.t(key));
        Page {
            l,
            user: viewer.user.clone(),
            csrf: csrf.to_owned(),
            flash,
            here: here.to_owned(),
            unread: 0,
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.l.t(key)
    }

    pub fn tn(&self, key: &str, count: &i64) -> String {
        self.l.tn(key, *count)
    }

    pub fn ta(&self, key: &str, name: &str, value: &str) -> String {
        self.l.ta(key, name, value)
    }

    pub fn lang(&self) -> &'static str {
        self.l.lang().code()
    }

    /// The languages for the picker: (code, own name, selected).
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Lang::ALL
            .iter()
            .map(|l| (l.code(), l.endonym(), *l == self.l.lang()))
            .collect()
    }

    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn user_name(&self) -> String {
        self.user
            .as_ref()
            .map(|u| u.display_name.clone())
            .unwrap_or_default()
    }

    pub fn is_platform_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_platform_admin)
    }

    pub fn css(&self) -> &'static str {
        assets::url("app.css")
    }

    pub fn js(&self) -> &'static str {
        assets::url("app.js")
    }

    /// The translated error for `field`, if the form had one.
    pub fn error(&self, errors: &FormErrors, field: &str) -> Option<String> {
        errors.0.for_field(field).map(|e| self.l.field_error(e))
    }

    /// A date and time as ISO 8601 in UTC, which reads the same in every language and never
    /// leaves doubt about the time zone.
    pub fn date(&self, at: &chrono::DateTime<chrono::Utc>) -> String {
        at.format("%Y-%m-%d %H:%M UTC").to_string()
    }
}

/// The field errors of a form being re-rendered (empty on first display).
#[derive(Clone, Debug, Default)]
pub struct FormErrors(pub Invalid);

impl FormErrors {
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.for_field(field).is_some()
    }

    pub fn list(&self) -> &[FieldError] {
        &self.0 .0
    }
}

impl FromRequestParts<AppState> for Page {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let l = Localizer::from_request_parts(parts, state).await?;
        let viewer = parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .unwrap_or_default();
        let csrf = parts
            .extensions
            .get::<CsrfToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let flash = parts.extensions.get::<Flash>().and_then(|f| f.0.clone());
        let uri = parts
            .extensions
            .get::<OriginalUri>()
            .map(|u| u.0.clone())
            .unwrap_or_else(|| parts.uri.clone());
        let here = uri
            .path_and_query()
            .map(|pq| pq.as_str().to_owned())
            .unwrap_or_else(|| "/".into());
        let mut page = Page::new(l, &viewer, &csrf, flash.as_deref(), &here);
        if let Some(user) = &viewer.user {
            page.unread = cospace_store::notifications::unread_count(&state.db, user.id())
                .await
                .unwrap_or_else(|error| {
                    tracing::warn!(%error, "counting notifications failed");
                    0
                });
        }
        Ok(page)
    }
}

/// Renders a template as an HTML response.
pub fn render<T: Template>(template: &T) -> Result<Response, PageError> {
    Ok(Html(template.render()?).into_response())
}

/// Renders a form again with its errors, as 422 Unprocessable Content.
pub fn render_invalid<T: Template>(template: &T) -> Result<Response, PageError> {
    let mut response = render(template)?;
    *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
    Ok(response)
}

/// Renders a form page: 422 when it shows errors, 200 otherwise.
pub fn render_form<T: Template>(template: &T, has_errors: bool) -> Result<Response, PageError> {
    if has_errors {
        render_invalid(template)
    } else {
        render(template)
    }
}

/// A 303 redirect after a successful form post, with a message to show on the next page.
pub fn redirect_with_flash(state: &AppState, to: &str, flash_key: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            FLASH_COOKIE,
            flash_key,
            Some(60),
            SameSite::Lax,
            state.config.secure_cookies,
        ),
    );
    response
}

/// Accepts only a local path (`/spaces/azory?view=week`) as a place to return to, so a crafted
/// link cannot send someone to another site after signing in. Browsers drop tabs and line
/// breaks from URLs and read a backslash as `/`, so `/<tab>/evil.example` would become
/// `//evil.example`: ASCII controls, spaces and backslashes are refused, the path may not start
/// with two slashes, and other non-ASCII letters (a search for "Łódź") are percent-encoded.
pub fn safe_next(next: Option<&str>) -> String {
    let Some(path) = next else {
        return "/".to_owned();
    };
    let local = path.starts_with('/') && !path.starts_with("//");
    let clean = path
        .chars()
        .all(|c| !c.is_control() && !c.is_whitespace() && c != '\\');
    if !local || !clean {
        return "/".to_owned();
    }
    let mut safe = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_ascii() {
            safe.push(c);
        } else {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                safe.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    safe
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorTemplate {
    page: Page,
    status: u16,
    title: String,
    message: String,
    sign_in: bool,
}

/// The translated error page for `report`.
pub fn render_error_page(
    _state: &AppState,
    l: &Localizer,
    viewer: &Viewer,
    csrf: &str,
    report: &ErrorReport,
) -> Response {
    let page = Page::new(l.clone(), viewer, csrf, None, "/");
    let template = ErrorTemplate {
        title: l.t(crate::error::status_message_key(report.status)),
        message: l.t(report.message_key),
        status: report.status.as_u16(),
        sign_in: !viewer.signed_in() && report.status.as_u16() == 403,
        page,
    };
    let body = template.render().unwrap_or_else(|error| {
        tracing::error!(%error, "error page failed to render");
        String::from("<!doctype html><title>Error</title><h1>Error</h1>")
    });
    let mut response = (report.status, Html(body)).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_must_be_local() {
        assert_eq!(safe_next(Some("/spaces/azory")), "/spaces/azory");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(safe_next(Some("/\n/evil.example")), "/");
        assert_eq!(safe_next(Some("/\u{b}x")), "/");
        assert_eq!(safe_next(Some("/ /evil.example")), "/");
        assert_eq!(
            safe_next(Some("/spaces/azory?view=week&d=2027-01-01")),
            "/spaces/azory?view=week&d=2027-01-01"
        );
        assert_eq!(
            safe_next(Some("/search?q=Łódź")),
            "/search?q=%C5%81%C3%B3d%C5%BA"
        );
        assert_eq!(safe_next(Some("/\u{2028}/evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
