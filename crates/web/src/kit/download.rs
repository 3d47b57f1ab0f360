//! Files a reader downloads: a body with its content type and a `Content-Disposition` that
//! names the file, so browsers save it rather than show it.

use axum::body::Body;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

/// CSV, as every export and table download of cospace writes it.
pub const CSV: &str = "text/csv; charset=utf-8";
/// JSON documents offered as files (Popolo, GeoJSON).
pub const JSON: &str = "application/json";

/// `body` as a file to save, named `filename`. The name is reduced to letters, digits and
/// `.-_` so that no reader-chosen text (a slug, a title) can break out of the header.
pub fn attachment(content_type: &'static str, filename: &str, body: impl Into<Body>) -> Response {
    let mut response = Response::new(body.into());
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}\"",
        safe_filename(filename)
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response.into_response()
}

/// A CSV file to save: `csv(format!("{slug}-indicators.csv"), text)`.
pub fn csv(filename: &str, body: impl Into<Body>) -> Response {
    attachment(CSV, filename, body)
}

/// A JSON file to save.
pub fn json(filename: &str, body: impl Into<Body>) -> Response {
    attachment(JSON, filename, body)
}

fn safe_filename(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.trim_matches('.').is_empty() {
        "download".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_file_safely() {
        let response = csv("azory-indicators.csv", "a,b\r\n");
        let headers = response.headers();
        assert_eq!(headers[header::CONTENT_TYPE], CSV);
        assert_eq!(
            headers[header::CONTENT_DISPOSITION],
            "attachment; filename=\"azory-indicators.csv\""
        );
        assert_eq!(safe_filename("a\"b\r\nc.csv"), "a_b__c.csv");
        assert_eq!(safe_filename(".."), "download");
    }
}
