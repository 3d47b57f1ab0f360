//! The web layer's errors, converted once at the edge: handlers return [`PageError`] or
//! [`ApiError`]; each becomes a bare response carrying an [`ErrorReport`], and the
//! request-context middleware renders it as a translated HTML page or an RFC 9457
//! problem-details document. Internal details are logged, never shown.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use cospace_core::{FieldError, Invalid};
use cospace_store::StoreError;

/// What the edge needs to render an error in the reader's language.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    pub status: StatusCode,
    /// Translation key of a sentence explaining what happened and what to do.
    pub message_key: &'static str,
    /// Field problems, for problem details.
    pub fields: Vec<ReportField>,
    /// Render as problem details (API) rather than a page.
    pub api: bool,
}

/// One field's problem as problem details show it: where in the input (`title`,
/// `organizers[1]`, `$` for the body as a whole), a stable code that is also the message's
/// translation key, and the message's variables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportField {
    pub field: String,
    pub key: &'static str,
    /// A number the message needs (`$n`: a length limit).
    pub n: Option<i64>,
    /// Text variables of the message (`$expected`, `$line`, `$column`).
    pub args: Vec<(&'static str, String)>,
}

impl ReportField {
    pub fn new(field: impl Into<String>, key: &'static str) -> Self {
        Self {
            field: field.into(),
            key,
            n: None,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }
}

impl From<FieldError> for ReportField {
    fn from(error: FieldError) -> Self {
        Self {
            field: error.field.to_owned(),
            key: error.key,
            n: error.arg,
            args: Vec::new(),
        }
    }
}

impl ErrorReport {
    fn response(self, extra: Option<(header::HeaderName, String)>) -> Response {
        let mut response = self.status.into_response();
        if let Some((name, value)) = extra {
            if let Ok(value) = header::HeaderValue::from_str(&value) {
                response.headers_mut().insert(name, value);
            }
        }
        response.extensions_mut().insert(self);
        response
    }
}

/// The translation key that explains a bare status code.
pub fn status_message_key(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "error-bad-request",
        401 => "error-unauthorized",
        403 => "error-forbidden",
        404 => "error-not-found",
        405 => "error-method-not-allowed",
        409 => "error-conflict",
        413 => "error-too-large",
        415 => "error-unsupported-media-type",
        422 => "error-invalid",
        429 => "error-too-many-requests",
        503 => "error-unavailable",
        _ => "error-internal",
    }
}

/// An error from a handler that serves HTML.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// The page needs a signed-in person: sends them to sign in, then back to `next`.
    #[error("sign-in required")]
    SignInRequired { next: String },
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("CSRF check failed")]
    Csrf,
    #[error("request body too large")]
    TooLarge,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: i64 },
    /// Every slot for heavy work (exports) is taken; try again shortly.
    #[error("busy")]
    Busy { retry_after_secs: i64 },
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StoreError> for PageError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => PageError::NotFound,
            other => PageError::Internal(other.to_string()),
        }
    }
}

impl From<askama::Error> for PageError {
    fn from(error: askama::Error) -> Self {
        PageError::Internal(format!("template: {error}"))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let report = |status, key| ErrorReport {
            status,
            message_key: key,
            fields: Vec::new(),
            api: false,
        };
        match self {
            PageError::SignInRequired { next } => {
                let target = format!(
                    "/account/sign-in?next={}",
                    form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
                );
                Redirect::to(&target).into_response()
            }
            PageError::NotFound => report(StatusCode::NOT_FOUND, "error-not-found").response(None),
            PageError::Forbidden => report(StatusCode::FORBIDDEN, "error-forbidden").response(None),
            PageError::BadRequest(key) => report(StatusCode::BAD_REQUEST, key).response(None),
            PageError::Csrf => report(StatusCode::FORBIDDEN, "error-csrf").response(None),
            PageError::TooLarge => {
                report(StatusCode::PAYLOAD_TOO_LARGE, "error-too-large").response(None)
            }
            PageError::TooManyRequests { retry_after_secs } => {
                report(StatusCode::TOO_MANY_REQUESTS, "error-too-many-requests").response(Some((
                    header::RETRY_AFTER,
                    retry_after_secs.max(1).to_string(),
                )))
            }
            PageError::Busy { retry_after_secs } => {
                report(StatusCode::SERVICE_UNAVAILABLE, "error-busy").response(Some((
                    header::RETRY_AFTER,
                    retry_after_secs.max(1).to_string(),
                )))
            }
            PageError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                report(StatusCode::INTERNAL_SERVER_ERROR, "error-internal").response(None)
            }
        }
    }
}

/// An error from a JSON API handler.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("missing or invalid API token")]
    Unauthorized,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid input")]
    Invalid(Invalid),
    #[error("conflict on {field}")]
    Conflict { field: &'static str },
    /// Well-formed input that the current state refuses (409), field by field: it names
    /// something that does not exist here (an account, a need), or what it names forbids it.
    #[error("refused by the current state")]
    Refused(Invalid),
    #[error("malformed request: {0}")]
    Malformed(&'static str),
    /// The body is not JSON of the expected shape: where and why.
    #[error("malformed body at {}: {}", .0.field, .0.key)]
    MalformedBody(ReportField),
    #[error("request body too large")]
    TooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    /// Field problems whose codes are all in `refused` become a 409: the input is well formed,
    /// but what it names does not exist here or refuses it. (Not a 404: the resource of the
    /// path exists; a client that just created it must not be told otherwise.) Any other error
    /// is kept. The problem document names the fields either way.
    pub fn refused_when(self, refused: &[&str]) -> ApiError {
        match self {
            ApiError::Invalid(invalid)
                if !invalid.0.is_empty() && invalid.0.iter().all(|e| refused.contains(&e.key)) =>
            {
                ApiError::Refused(invalid)
            }
            other => other,
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => ApiError::NotFound,
            StoreError::Conflict { field } => ApiError::Conflict { field },
            StoreError::Invalid(invalid) => ApiError::Invalid(invalid),
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, key, fields) = match self {
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "error-api-token", vec![]),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, "error-forbidden", vec![]),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "error-not-found", vec![]),
            ApiError::Invalid(invalid) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "error-invalid",
                invalid.0.into_iter().map(Into::into).collect(),
            ),
            ApiError::Conflict { field } => (
                StatusCode::CONFLICT,
                "error-conflict",
                vec![FieldError::new(field, "error-taken").into()],
            ),
            ApiError::Refused(invalid) => (
                StatusCode::CONFLICT,
                "error-conflict",
                invalid.0.into_iter().map(Into::into).collect(),
            ),
            ApiError::Malformed(key) => (StatusCode::BAD_REQUEST, key, vec![]),
            ApiError::MalformedBody(field) => {
                (StatusCode::BAD_REQUEST, "error-malformed-json", vec![field])
            }
            ApiError::TooLarge => (StatusCode::PAYLOAD_TOO_LARGE, "error-too-large", vec![]),
            ApiError::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "error-unsupported-media-type",
                vec![],
            ),
            ApiError::Internal(detail) => {
                tracing::error!(%detail, "internal error");
                (StatusCode::INTERNAL_SERVER_ERROR, "error-internal", vec![])
            }
        };
        let extra = (status == StatusCode::UNAUTHORIZED).then(|| {
            (
                header::WWW_AUTHENTICATE,
                "Bearer realm=\"cospace\"".to_owned(),
            )
        });
        ErrorReport {
            status,
            message_key: key,
            fields,
            api: true,
        }
        .response(extra)
    }
}

/// The errors of a component's use cases (its service layer), shared by every component: not
/// allowed, invalid input with every field's problem, or a storage failure. Pages and the API
/// turn them into their responses with `?`.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not allowed")]
    Forbidden,
    #[error("invalid: {0}")]
    Invalid(Invalid),
    #[error("{0}")]
    Store(StoreError),
}

impl From<StoreError> for ServiceError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Invalid(invalid) => ServiceError::Invalid(invalid),
            other => ServiceError::Store(other),
        }
    }
}

impl From<sqlx::Error> for ServiceError {
    fn from(error: sqlx::Error) -> Self {
        ServiceError::Store(StoreError::Database(error))
    }
}

impl From<Invalid> for ServiceError {
    fn from(invalid: Invalid) -> Self {
        ServiceError::Invalid(invalid)
    }
}

impl From<ServiceError> for PageError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::Forbidden => PageError::Forbidden,
            ServiceError::Invalid(_) => PageError::BadRequest("error-invalid"),
            ServiceError::Store(store) => store.into(),
        }
    }
}

impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::Forbidden => ApiError::Forbidden,
            ServiceError::Invalid(invalid) => ApiError::Invalid(invalid),
            ServiceError::Store(store) => store.into(),
        }
    }
}
