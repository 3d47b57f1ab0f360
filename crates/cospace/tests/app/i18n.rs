//! Translations: complete in every language, negotiated per request, with real plural rules.

use cospace_core::Lang;
use cospace_testkit::{db_tests, TestApp};
use cospace_web::i18n::{I18n, Localizer};
use std::sync::Arc;

fn all_translations() -> Arc<I18n> {
    let registry = cospace_web::Registry::new(cospace::components()).unwrap();
    Arc::new(I18n::new(&registry.translations()).unwrap())
}

#[test]
fn every_message_exists_in_every_language() {
    let i18n = all_translations();
    let missing = i18n.missing();
    assert!(missing.is_empty(), "missing translations: {missing:?}");
    assert!(i18n.keys(Lang::En).len() > 100);
}

#[test]
fn every_key_the_code_uses_is_defined() {
    // Keys named in code and templates across the workspace; a typo would show the raw key.
    let i18n = all_translations();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut used = std::collections::BTreeSet::new();
    let pattern = regex_lite_keys();
    visit(&root.join("crates"), &mut |path, text| {
        let keys = if path.extension().is_some_and(|e| e == "html") {
            template_keys(text)
        } else {
            pattern(text)
        };
        used.extend(keys);
    });
    let defined = i18n.keys(Lang::En);
    let undefined: Vec<_> = used.iter().filter(|k| !defined.contains(*k)).collect();
    assert!(undefined.is_empty(), "used but not defined: {undefined:?}");
}

/// Keys passed to `t(…)`, `tn(…)` and `ta(…)` in a template.
fn template_keys(text: &str) -> Vec<String> {
    let mut keys = Vec::new();
    for call in ["t(\"", "tn(\"", "ta(\""] {
        for (at, _) in text.match_indices(call) {
            let after = &text[at + call.len()..];
            if let Some(end) = after.find('"') {
                keys.push(after[..end].to_owned());
            }
        }
    }
    keys
}

/// Finds string literals in Rust code that look like message keys of the known families.
fn regex_lite_keys() -> impl Fn(&str) -> Vec<String> {
    |text: &str| {
        let mut keys = Vec::new();
        for prefix in [
            "\"error-",
            "\"flash-",
            "\"nav-",
            "\"space-",
            "\"admin-",
            "\"about-",
            "\"members-",
            "\"field-",
            "\"sign-in-",
            "\"sign-up-",
            "\"account-",
            "\"activity-",
            "\"home-",
            "\"tree-",
        ] {
            let mut rest = text;
            while let Some(at) = rest.find(prefix) {
                let after = &rest[at + 1..];
                let end = after
                    .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
                    .unwrap_or(after.len());
                if after[end..].starts_with('"') && !after[..end].ends_with('-') {
                    keys.push(after[..end].to_owned());
                }
                rest = &after[end..];
            }
        }
        keys
    }
}

fn visit(dir: &std::path::Path, f: &mut dyn FnMut(&std::path::Path, &str)) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !path.ends_with("tests") {
                visit(&path, f);
            }
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("rs" | "html")
        ) {
            if let Ok(text) = std::fs::read_to_string(&path) {
                f(&path, &text);
            }
        }
    }
}

#[test]
fn polish_plurals_follow_polish_rules() {
    let l = Localizer::new(all_translations(), Lang::Pl);
    let forms: Vec<String> = [1, 2, 5, 22, 25]
        .iter()
        .map(|n| l.tn("space-member-count", *n))
        .collect();
    assert_eq!(
        forms,
        ["1 osoba", "2 osoby", "5 osób", "22 osoby", "25 osób"]
    );
    let error = cospace_core::FieldError::with_arg("x", "error-too-short", 5);
    assert!(l.field_error(&error).contains("5 znaków"));
    let error = cospace_core::FieldError::with_arg("x", "error-too-short", 2);
    assert!(l.field_error(&error).contains("2 znaki"));
    let english = Localizer::new(all_translations(), Lang::En);
    assert_eq!(english.tn("space-member-count", 1), "1 member");
    assert_eq!(english.tn("space-member-count", 5), "5 members");
}

db_tests!(cospace::components(); language_comes_from_the_browser_then_the_choice);

async fn language_comes_from_the_browser_then_the_choice(app: TestApp) {
    let mut client = app.client();
    client.accept_language = Some("pl-PL,pl;q=0.9,en;q=0.8".into());
    let page = client.get("/").await;
    assert!(page.body.contains("<html lang=\"pl\">"));
    assert!(page.body.contains("Przestrzenie"));
    client.accept_language = Some("es".into());
    assert!(client.get("/").await.body.contains("<html lang=\"es\">"));
    client.accept_language = Some("de".into());
    assert!(client.get("/").await.body.contains("<html lang=\"en\">"));
    // An explicit choice (a cookie, without an account) wins over the browser.
    let response = client
        .post_form("/language", &[("lang", "fr"), ("next", "/")])
        .await;
    assert_eq!(response.status, 303);
    assert!(client.get("/").await.body.contains("<html lang=\"fr\">"));
}
