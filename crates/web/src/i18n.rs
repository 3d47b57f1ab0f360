//! Translations through Fluent: one bundle per language, built from the platform's messages
//! and every component's, and a [`Localizer`] that templates call to turn keys into text.

use cospace_core::{FieldError, Lang};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// One translation file: which language, where it comes from (for error messages), its text.
#[derive(Debug, Clone, Copy)]
pub struct Translations {
    pub lang: Lang,
    pub origin: &'static str,
    pub source: &'static str,
}

/// Every message in every language.
pub struct I18n {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
    keys: BTreeMap<Lang, BTreeSet<String>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").field("keys", &self.keys).finish()
    }
}

impl I18n {
    /// Builds the bundles. Fails on a syntax error or on a key defined twice, naming the file,
    /// so a broken translation stops start-up instead of showing raw keys.
    pub fn new(files: &[Translations]) -> Result<I18n, String> {
        let mut bundles = HashMap::new();
        let mut keys: BTreeMap<Lang, BTreeSet<String>> = BTreeMap::new();
        for lang in Lang::ALL {
            let id: unic_langid::LanguageIdentifier = lang
                .code()
                .parse()
                .map_err(|e| format!("bad language tag {lang}: {e}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Isolation marks are invisible characters that end up inside HTML attributes and
            // test assertions; our interpolated values are short and the page sets `dir`.
            bundle.set_use_isolating(false);
            bundles.insert(lang, bundle);
            keys.insert(lang, BTreeSet::new());
        }
        for file in files {
            let resource =
                FluentResource::try_new(file.source.to_owned()).map_err(|(_, errors)| {
                    format!(
                        "{} ({}): {} syntax error(s), first: {:?}",
                        file.origin,
                        file.lang,
                        errors.len(),
                        errors.first()
                    )
                })?;
            let names: Vec<String> = resource
                .entries()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect();
            let bundle = bundles
                .get_mut(&file.lang)
                .ok_or_else(|| format!("no bundle for {}", file.lang))?;
            bundle.add_resource(resource).map_err(|errors| {
                format!(
                    "{} ({}): {} conflict(s), first: {:?}",
                    file.origin,
                    file.lang,
                    errors.len(),
                    errors.first()
                )
            })?;
            if let Some(set) = keys.get_mut(&file.lang) {
                set.extend(names);
            }
        }
        Ok(I18n { bundles, keys })
    }

    /// The message `key` in `lang`, with `args`. A missing key falls back to English, then to
    /// the key itself (and is logged): a page never fails for want of a translation.
    pub fn message(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        for candidate in [lang, Lang::DEFAULT] {
            let Some(bundle) = self.bundles.get(&candidate) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if !errors.is_empty() {
                tracing::warn!(key, %candidate, ?errors, "translation formatting errors");
            }
            return text.into_owned();
        }
        tracing::warn!(key, %lang, "missing translation");
        key.to_owned()
    }

    pub fn has(&self, lang: Lang, key: &str) -> bool {
        self.keys.get(&lang).is_some_and(|keys| keys.contains(key))
    }

    /// Every message key defined for `lang`, for completeness checks.
    pub fn keys(&self, lang: Lang) -> BTreeSet<String> {
        self.keys.get(&lang).cloned().unwrap_or_default()
    }

    /// Keys present in some language but missing in another: (language, key) pairs.
    pub fn missing(&self) -> Vec<(Lang, String)> {
        let all: BTreeSet<String> = self.keys.values().flatten().cloned().collect();
        let mut missing = Vec::new();
        for lang in Lang::ALL {
            let have = self.keys(lang);
            missing.extend(
                all.iter()
                    .filter(|k| !have.contains(*k))
                    .map(|k| (lang, k.clone())),
            );
        }
        missing
    }
}

/// The translations of one request: the shared bundles and the language chosen for it.
#[derive(Clone, Debug)]
pub struct Localizer {
    i18n: Arc<I18n>,
    lang: Lang,
}

impl Localizer {
    pub fn new(i18n: Arc<I18n>, lang: Lang) -> Self {
        Self { i18n, lang }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A message without variables.
    pub fn t(&self, key: &str) -> String {
        self.i18n.message(self.lang, key, None)
    }

    /// A message with a `$count` variable, for plurals (`{ $count -> [one] … *[other] … }`).
    pub fn tn(&self, key: &str, count: i64) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        self.i18n.message(self.lang, key, Some(&args))
    }

    /// A message with one named text variable.
    pub fn ta(&self, key: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::from(value.to_owned()));
        self.i18n.message(self.lang, key, Some(&args))
    }

    /// A message with several named variables.
    pub fn targs(&self, key: &str, values: &[(&str, String)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            args.set(name.to_string(), FluentValue::from(value.clone()));
        }
        self.i18n.message(self.lang, key, Some(&args))
    }

    /// A validation error in words (`$n` carries a length limit where the message needs one).
    pub fn field_error(&self, error: &FieldError) -> String {
        match error.arg {
            Some(n) => {
                let mut args = FluentArgs::new();
                args.set("n", FluentValue::from(n));
                self.i18n.message(self.lang, error.key, Some(&args))
            }
            None => self.t(error.key),
        }
    }

    /// A field's problem in problem details, with the message's variables.
    pub fn report_field(&self, field: &crate::error::ReportField) -> String {
        let mut args = FluentArgs::new();
        if let Some(n) = field.n {
            args.set("n", FluentValue::from(n));
        }
        for (name, value) in &field.args {
            args.set(*name, FluentValue::from(value.clone()));
        }
        self.i18n.message(self.lang, field.key, Some(&args))
    }

    pub fn has(&self, key: &str) -> bool {
        self.i18n.has(self.lang, key)
    }
}
