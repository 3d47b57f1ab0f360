//! What every handler shares: the database, translations, components with their settings and
//! per-node state, metrics and the mailer.

use crate::component::{ComponentState, Registry};
use crate::i18n::I18n;
use crate::mail::{MailConfig, Mailer};
use crate::metrics::Metrics;
use crate::streaming::ExportSlots;
use cospace_store::Db;
use std::any::{Any, TypeId};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Settings of the web layer, filled by the binary from flags, environment and config file.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Mark cookies `Secure` (sent over HTTPS only). On by default; browsers also accept
    /// secure cookies from `http://localhost`, so local use works unchanged.
    pub secure_cookies: bool,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Trust the first address of `X-Forwarded-For` as the client's (behind a reverse proxy
    /// only: otherwise clients could dodge the sign-in rate limit by forging it).
    pub trust_forwarded_for: bool,
    /// Sign-in failures allowed per account within [`WebConfig::login_window_minutes`].
    pub login_failures_per_account: i64,
    /// Sign-in failures allowed per client address within the window.
    pub login_failures_per_address: i64,
    pub login_window_minutes: i64,
    /// Sign-ups per e-mail address within [`WebConfig::sign_up_window_minutes`]. Beyond it the
    /// form answers as always ("check your e-mail") but sends nothing, so the limit neither
    /// floods a mailbox nor tells whether the address is registered.
    pub sign_ups_per_email: i64,
    /// Sign-ups per client address within the window; beyond it, 429.
    pub sign_ups_per_address: i64,
    pub sign_up_window_minutes: i64,
    /// Exports (CSV, Popolo) running at once on this node: each holds a database connection
    /// and a batch in memory while it streams.
    pub max_concurrent_exports: usize,
    /// Components' settings given by the configuration (key → value); a component's setting
    /// missing here has its declared default ([`AppState::setting`]).
    pub settings: BTreeMap<String, String>,
    /// Outgoing mail: where it goes and how it is retried (delivery is off by default).
    pub mail: MailConfig,
    /// Where readers reach this server (`https://cospace.example.org`, no trailing slash):
    /// every absolute URL — in feeds, invitations and mail — starts with it, never with the
    /// request's `Host` header, which any client can forge.
    pub public_url: String,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            secure_cookies: true,
            max_body_bytes: 1024 * 1024,
            trust_forwarded_for: false,
            login_failures_per_account: 5,
            login_failures_per_address: 30,
            login_window_minutes: 15,
            sign_ups_per_email: 3,
            sign_ups_per_address: 20,
            sign_up_window_minutes: 60,
            max_concurrent_exports: 2,
            settings: BTreeMap::new(),
            mail: MailConfig::default(),
            public_url: "http://127.0.0.1:8080".to_owned(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct AppState {
    pub db: Db,
    pub i18n: Arc<I18n>,
    pub registry: Arc<Registry>,
    pub config: Arc<WebConfig>,
    pub metrics: Arc<Metrics>,
    /// Outgoing mail: after committing a transaction that queued mail, call
    /// `state.mail.wake()` so this node's worker delivers it at once.
    pub mail: Mailer,
    /// Slots for exports streaming on this node.
    pub exports: ExportSlots,
    /// Each component's per-node state, by its type.
    kept: Arc<HashMap<TypeId, ComponentState>>,
}

impl AppState {
    /// Builds the state; fails when the translations do not load or the mail settings are not
    /// usable.
    pub fn new(db: Db, registry: Registry, mut config: WebConfig) -> Result<AppState, String> {
        config.public_url = parse_public_url(&config.public_url)?;
        let i18n = I18n::new(&registry.translations())?;
        let mail = Mailer::new(&config.mail)?;
        let exports = ExportSlots::new(config.max_concurrent_exports);
        let kept = registry
            .all()
            .iter()
            .filter_map(|c| c.state)
            .map(|make| {
                let state = make();
                ((*state).type_id(), state)
            })
            .collect();
        Ok(AppState {
            db,
            i18n: Arc::new(i18n),
            registry: Arc::new(registry),
            config: Arc::new(config),
            metrics: Arc::new(Metrics::default()),
            mail,
            exports,
            kept: Arc::new(kept),
        })
    }

    /// The value of a component's setting: as configured, else its declared default ("" for a
    /// key no component declares).
    pub fn setting(&self, key: &str) -> &str {
        match self.config.settings.get(key) {
            Some(value) => value,
            None => self
                .registry
                .settings()
                .find(|s| s.key == key)
                .map(|s| s.default)
                .unwrap_or(""),
        }
    }

    /// The per-node state of type `T` that a component's manifest made (`None` when no
    /// registered component makes one).
    pub fn component_state<T: Any + Send + Sync>(&self) -> Option<&T> {
        self.kept
            .get(&TypeId::of::<T>())
            .and_then(|state| state.downcast_ref::<T>())
    }

    /// The absolute URL of `path` (which starts with `/`) under the configured public URL.
    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}{path}", self.config.public_url)
    }
}

/// Checks a public URL (`http(s)://host[:port][/prefix]`, no query or fragment) and drops a
/// trailing slash.
pub fn parse_public_url(input: &str) -> Result<String, String> {
    let trimmed = input.trim().trim_end_matches('/');
    let bad = || {
        format!("public URL '{input}' must look like https://cospace.example.org (http or https, a host, no query)")
    };
    let rest = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or_else(bad)?;
    let host = rest.split('/').next().unwrap_or_default();
    let clean = |c: char| c.is_ascii_graphic() && !"?#@\\\"<>`{}|^".contains(c);
    if host.is_empty() || !rest.chars().all(clean) || host.starts_with(':') {
        return Err(bad());
    }
    Ok(trimmed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_urls_are_checked() {
        assert_eq!(
            parse_public_url("https://cospace.example.org/").as_deref(),
            Ok("https://cospace.example.org")
        );
        assert_eq!(
            parse_public_url("http://127.0.0.1:8080").as_deref(),
            Ok("http://127.0.0.1:8080")
        );
        assert!(parse_public_url("https://example.org/city").is_ok());
        for bad in [
            "cospace.example.org",
            "ftp://example.org",
            "https://",
            "https://example.org/?q=1",
            "https://user@example.org",
            "https://exa mple.org",
            "javascript:alert(1)",
        ] {
            assert!(parse_public_url(bad).is_err(), "{bad}");
        }
    }
}
