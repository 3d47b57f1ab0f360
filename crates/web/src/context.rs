//! The request context middleware: for every request it works out who is asking (session
//! cookie), in which language, and the CSRF token; it refuses state-changing form posts whose
//! CSRF token does not match; and on the way out it renders error reports as translated pages
//! or problem details and sets the cookies that changed.

use crate::error::{status_message_key, ErrorReport, PageError};
use crate::i18n::Localizer;
use crate::pages::render_error_page;
use crate::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cookie::{Cookie, SameSite};
use cospace_core::Lang;
use cospace_store::accounts::{self, User};
use std::convert::Infallible;
use std::net::SocketAddr;

pub const SESSION_COOKIE: &str = "cospace_session";
/// The cookie holding the CSRF token of a visitor who is not signed in. Over HTTPS it carries
/// the `__Host-` prefix, so that no subdomain and no plain-HTTP page can set it.
pub const CSRF_COOKIE: &str = "cospace_csrf";
pub const CSRF_COOKIE_SECURE: &str = "__Host-cospace_csrf";

pub fn csrf_cookie_name(secure: bool) -> &'static str {
    if secure {
        CSRF_COOKIE_SECURE
    } else {
        CSRF_COOKIE
    }
}

/// The CSRF token of a signed-in session: derived from the session's secret, so it is bound to
/// that session, changes at every sign-in and needs no cookie of its own.
pub fn session_csrf(session_token: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::new()
        .chain_update(b"cospace csrf\0")
        .chain_update(session_token.as_bytes())
        .finalize();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}
pub const LANG_COOKIE: &str = "cospace_lang";
pub const FLASH_COOKIE: &str = "cospace_flash";
/// The hidden form field every state-changing form carries.
pub const CSRF_FIELD: &str = "csrf_token";

/// Who is asking. Set by the middleware on every request; extract it in handlers.
#[derive(Clone, Debug, Default)]
pub struct Viewer {
    pub user: Option<User>,
    /// The raw session token, to end this session on sign-out.
    pub session_token: Option<String>,
    /// A session cookie came in but its session has lapsed.
    pub session_expired: bool,
}

impl Viewer {
    pub fn signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn is_platform_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_platform_admin)
    }

    /// The viewer as the visibility rule and the store's visibility queries know them.
    pub fn onlooker(&self) -> cospace_core::visibility::Onlooker {
        cospace_core::visibility::Onlooker {
            user: self.user.as_ref().map(|u| u.id()),
            platform_admin: self.is_platform_admin(),
        }
    }
}

/// The request's CSRF token, to put into forms.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// A flash message key carried over a redirect.
#[derive(Clone, Debug)]
pub struct Flash(pub Option<String>);

/// The client's address, for rate limits.
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .unwrap_or_default())
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Localizer {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Localizer>()
            .cloned()
            .ok_or_else(|| PageError::Internal("route mounted outside the request context".into()))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ClientIp>()
            .cloned()
            .unwrap_or(ClientIp("unknown".into())))
    }
}

fn cookies(headers: &HeaderMap) -> Vec<Cookie<'static>> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| {
            Cookie::split_parse_encoded(v.to_owned())
                .filter_map(Result::ok)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn cookie_value<'a>(cookies: &'a [Cookie<'static>], name: &str) -> Option<&'a str> {
    cookies
        .iter()
        .find(|c| c.name() == name)
        .map(|c| c.value())
        .filter(|v| !v.is_empty())
}

/// Builds a `Set-Cookie` value with the platform's defaults: HttpOnly, path `/`, SameSite,
/// Secure as configured. `max_age_secs` of 0 deletes the cookie.
pub fn set_cookie(
    name: &str,
    value: &str,
    max_age_secs: Option<i64>,
    same_site: SameSite,
    secure: bool,
) -> HeaderValue {
    let mut cookie = Cookie::new(name.to_owned(), value.to_owned());
    cookie.set_http_only(true);
    cookie.set_path("/");
    cookie.set_same_site(same_site);
    cookie.set_secure(secure);
    if let Some(age) = max_age_secs {
        cookie.set_max_age(cookie::time::Duration::seconds(age));
    }
    HeaderValue::from_str(&cookie.encoded().to_string())
        .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Compares two secrets in time independent of where they differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn is_api(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/")
}

fn client_ip(request: &Request, trust_forwarded: bool) -> String {
    if trust_forwarded {
        if let Some(first) = request
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            let first = first.trim();
            if !first.is_empty() {
                return first.to_owned();
            }
        }
    }
    request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The middleware described in the module documentation.
pub async fn request_context(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let api = is_api(&path);
    let jar = cookies(request.headers());
    let ip = client_ip(&request, state.config.trust_forwarded_for);
    request.extensions_mut().insert(ClientIp(ip));

    // Who is asking: the API authenticates with bearer tokens only, so a browser's cookies can
    // never be used to make API calls on someone's behalf.
    let mut viewer = Viewer::default();
    if !api {
        if let Some(token) = cookie_value(&jar, SESSION_COOKIE) {
            match accounts::session_user(&state.db, token).await {
                Ok(Some(user)) => {
                    viewer.user = Some(user);
                    viewer.session_token = Some(token.to_owned());
                }
                Ok(None) => viewer.session_expired = true,
                Err(error) => tracing::error!(%error, "session lookup failed"),
            }
        }
    }

    // Which language: the person's choice, then the cookie of an anonymous choice, then the
    // browser's Accept-Language, then English.
    let lang = viewer
        .user
        .as_ref()
        .and_then(User::lang)
        .or_else(|| cookie_value(&jar, LANG_COOKIE).and_then(Lang::from_tag))
        .or_else(|| {
            request
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::negotiate)
        })
        .unwrap_or(Lang::DEFAULT);
    let localizer = Localizer::new(state.i18n.clone(), lang);

    // CSRF: every form repeats a token the server can check. A signed-in session's token is
    // derived from the session; before signing in it is a random token in a cookie that only
    // this site can read.
    let csrf_cookie = csrf_cookie_name(state.config.secure_cookies);
    let existing_csrf = cookie_value(&jar, csrf_cookie).map(str::to_owned);
    let anonymous_csrf = match &existing_csrf {
        Some(token) if token.len() >= 32 => token.clone(),
        _ => cospace_store::secrets::random_token("").unwrap_or_default(),
    };
    let (csrf, expected_csrf) = match &viewer.session_token {
        Some(session) => {
            let token = session_csrf(session);
            (token.clone(), Some(token))
        }
        None => (anonymous_csrf.clone(), existing_csrf.clone()),
    };
    let flash = cookie_value(&jar, FLASH_COOKIE).map(str::to_owned);

    request.extensions_mut().insert(viewer.clone());
    request.extensions_mut().insert(localizer.clone());
    request.extensions_mut().insert(CsrfToken(csrf.clone()));
    request.extensions_mut().insert(Flash(flash.clone()));

    // A path or query that decodes to something no text may hold (NUL, other control
    // characters, bytes that are not UTF-8) can match no page: say so before any handler or
    // database sees it.
    if let Some(key) = bad_uri_text(request.uri()) {
        let report = ErrorReport {
            status: StatusCode::BAD_REQUEST,
            message_key: key,
            fields: vec![],
            api,
        };
        let mut response = if api {
            problem_response(&localizer, &report, &path)
        } else {
            render_error_page(&state, &localizer, &viewer, &csrf, &report)
        };
        if !api {
            add_cookies(
                &mut response,
                &state,
                &viewer,
                existing_csrf.as_deref() != Some(anonymous_csrf.as_str()),
                &anonymous_csrf,
                None,
            );
        }
        return response;
    }

    let unsafe_method = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if unsafe_method && !api {
        match check_csrf(
            request,
            expected_csrf.as_deref(),
            state.config.max_body_bytes,
        )
        .await
        {
            Ok(checked) => request = checked,
            Err(status) => {
                let key = if status == StatusCode::FORBIDDEN {
                    "error-csrf"
                } else {
                    status_message_key(status)
                };
                let report = ErrorReport {
                    status,
                    message_key: key,
                    fields: vec![],
                    api: false,
                };
                let mut response = render_error_page(&state, &localizer, &viewer, &csrf, &report);
                add_cookies(
                    &mut response,
                    &state,
                    &viewer,
                    existing_csrf.as_deref() != Some(anonymous_csrf.as_str()),
                    &anonymous_csrf,
                    None,
                );
                return response;
            }
        }
    }

    let mut response = next.run(request).await;

    // Errors become pages or problem details here, once, in the reader's language.
    let report = response
        .extensions_mut()
        .remove::<ErrorReport>()
        .or_else(|| {
            let status = response.status();
            let bare = (status.is_client_error() || status.is_server_error())
                && !response
                    .headers()
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|ct| ct.starts_with("text/html") || ct.contains("json"));
            bare.then(|| ErrorReport {
                status,
                message_key: status_message_key(status),
                fields: vec![],
                api,
            })
        });
    if let Some(report) = report {
        let headers = response.headers().clone();
        response = if report.api || api {
            problem_response(&localizer, &report, &path)
        } else {
            render_error_page(&state, &localizer, &viewer, &csrf, &report)
        };
        for name in [header::RETRY_AFTER, header::WWW_AUTHENTICATE, header::ALLOW] {
            if let Some(value) = headers.get(&name) {
                response.headers_mut().insert(name, value.clone());
            }
        }
        for value in headers.get_all(header::SET_COOKIE) {
            response
                .headers_mut()
                .append(header::SET_COOKIE, value.clone());
        }
    }
    // A page made for one signed-in person must stay out of shared caches and out of the
    // browser's cache, where the next person at a shared computer would find it after
    // sign-out. Responses that say how they may be cached keep their own rule.
    if viewer.signed_in() && !response.headers().contains_key(header::CACHE_CONTROL) {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    if !api {
        add_cookies(
            &mut response,
            &state,
            &viewer,
            existing_csrf.as_deref() != Some(anonymous_csrf.as_str()),
            &anonymous_csrf,
            flash.as_deref(),
        );
    }
    response
}

/// The message key for a path or query that decodes to invalid UTF-8 or forbidden control
/// characters, if it does.
fn bad_uri_text(uri: &axum::http::Uri) -> Option<&'static str> {
    let parts = [uri.path(), uri.query().unwrap_or("")];
    for part in parts {
        let decoded = percent_encoding::percent_decode_str(part).decode_utf8();
        match decoded {
            Err(_) => return Some("error-invalid-utf8"),
            Ok(text) if cospace_core::text::forbidden_control(&text).is_some() => {
                return Some("error-control-characters")
            }
            Ok(_) => {}
        }
    }
    None
}

/// Sets the anonymous CSRF cookie when it is new (and no session carries the token), clears a
/// flash that has been shown and a session cookie whose session has lapsed — unless the
/// handler set those cookies itself.
fn add_cookies(
    response: &mut Response,
    state: &AppState,
    viewer: &Viewer,
    csrf_is_new: bool,
    csrf: &str,
    shown_flash: Option<&str>,
) {
    let csrf_is_new = csrf_is_new && viewer.session_token.is_none();
    let csrf_cookie = csrf_cookie_name(state.config.secure_cookies);
    let secure = state.config.secure_cookies;
    let handler_set = |response: &Response, name: &str| {
        response
            .headers()
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|v| v.starts_with(&format!("{name}=")))
    };
    let mut new = Vec::new();
    if csrf_is_new && !csrf.is_empty() && !handler_set(response, csrf_cookie) {
        new.push(set_cookie(
            csrf_cookie,
            csrf,
            None,
            SameSite::Strict,
            secure,
        ));
    }
    if shown_flash.is_some() && !handler_set(response, FLASH_COOKIE) {
        new.push(set_cookie(FLASH_COOKIE, "", Some(0), SameSite::Lax, secure));
    }
    if viewer.session_expired && !handler_set(response, SESSION_COOKIE) {
        new.push(set_cookie(
            SESSION_COOKIE,
            "",
            Some(0),
            SameSite::Lax,
            secure,
        ));
    }
    for value in new {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// Reads a form body (within the size limit) and checks its CSRF field against the cookie.
/// Gives the request back, body restored, when the check passes.
async fn check_csrf(
    request: Request,
    cookie_token: Option<&str>,
    limit: usize,
) -> Result<Request, StatusCode> {
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        // Browsers' cross-site forms can only send the simple types; anything else is not a
        // form of ours. Refusing it keeps the check in this one place.
        return Err(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE)?;
    let submitted = form_urlencoded::parse(&bytes)
        .find(|(name, _)| name == CSRF_FIELD)
        .map(|(_, value)| value.into_owned());
    match (cookie_token, submitted) {
        (Some(expected), Some(given))
            if constant_time_eq(expected.as_bytes(), given.as_bytes()) =>
        {
            Ok(Request::from_parts(parts, Body::from(bytes)))
        }
        _ => Err(StatusCode::FORBIDDEN),
    }
}

/// An RFC 9457 problem-details response.
pub fn problem_response(localizer: &Localizer, report: &ErrorReport, instance: &str) -> Response {
    let errors: Vec<serde_json::Value> = report
        .fields
        .iter()
        .map(|e| {
            serde_json::json!({
                "field": e.field,
                "code": e.key,
                "message": localizer.report_field(e),
            })
        })
        .collect();
    let mut body = serde_json::json!({
        "type": format!("urn:cospace:problem:{}", report.message_key.trim_start_matches("error-")),
        "title": localizer.t(status_message_key(report.status)),
        "status": report.status.as_u16(),
        "detail": localizer.t(report.message_key),
        "instance": instance,
    });
    if !errors.is_empty() {
        body["errors"] = serde_json::Value::Array(errors);
    }
    let mut response = (report.status, body.to_string()).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    response.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(localizer.lang().code()),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constant_time_comparison() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"ab"));
    }

    #[test]
    fn paths_and_queries_must_decode_to_clean_text() {
        let uri = |s: &str| s.parse::<axum::http::Uri>().expect("uri");
        assert_eq!(
            bad_uri_text(&uri("/spaces/azory?q=%C5%81%C3%B3d%C5%BA")),
            None
        );
        assert_eq!(
            bad_uri_text(&uri("/spaces/%00")),
            Some("error-control-characters")
        );
        assert_eq!(
            bad_uri_text(&uri("/search?q=a%0Bb")),
            Some("error-control-characters")
        );
        assert_eq!(
            bad_uri_text(&uri("/spaces/%FF")),
            Some("error-invalid-utf8")
        );
    }

    #[test]
    fn api_paths() {
        assert!(is_api("/api/v1/spaces"));
        assert!(is_api("/api"));
        assert!(!is_api("/apiary"));
    }
}
