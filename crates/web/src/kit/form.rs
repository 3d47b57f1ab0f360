//! Submitted HTML forms, read strictly: what every page handler that takes a form post
//! extracts.

use crate::error::PageError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header;

/// A submitted HTML form, as name/value pairs in order. Repeated names (checkboxes) are kept,
/// which serde-based form parsing cannot do.
#[derive(Debug, Clone, Default)]
pub struct FormData(pub Vec<(String, String)>);

impl FormData {
    /// The first value of `name`, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Every value of `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// Decodes an `application/x-www-form-urlencoded` body strictly: every name and value must
    /// be UTF-8 (nothing is replaced silently) and free of control characters other than tab
    /// and line breaks. The error is the message key to show.
    pub fn parse(body: &[u8]) -> Result<FormData, &'static str> {
        let mut pairs = Vec::new();
        for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(at) => (&pair[..at], &pair[at + 1..]),
                None => (pair, &[][..]),
            };
            pairs.push((decode_component(name)?, decode_component(value)?));
        }
        Ok(FormData(pairs))
    }
}

/// One name or value of a form body: `+` is a space, `%XX` a byte; the bytes must be UTF-8.
fn decode_component(raw: &[u8]) -> Result<String, &'static str> {
    let spaced: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    let bytes: Vec<u8> = percent_encoding::percent_decode(&spaced).collect();
    let text = String::from_utf8(bytes).map_err(|_| "error-invalid-utf8")?;
    match cospace_core::text::forbidden_control(&text) {
        Some(_) => Err("error-control-characters"),
        None => Ok(text),
    }
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = PageError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let form = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        if !form {
            return Err(PageError::BadRequest("error-unsupported-media-type"));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| PageError::TooLarge)?;
        FormData::parse(&bytes).map_err(PageError::BadRequest)
    }
}
