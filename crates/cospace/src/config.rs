//! Settings: command-line flags win over environment variables (read by clap), which win over
//! the optional TOML file, which wins over the defaults.

use serde::Deserialize;
use std::path::Path;

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
pub const DEFAULT_DATABASE_URL: &str = "sqlite://cospace.db";
/// Where `cospace demo` writes mail when no transport is configured.
pub const DEMO_MAIL_DIR: &str = "mail";

/// The TOML configuration file; every key optional.
///
/// ```toml
/// listen = "0.0.0.0:8080"
/// public_url = "https://cospace.example.org"
/// database_url = "postgres://cospace@db/cospace"
/// max_connections = 20
/// max_concurrent_exports = 2   # CSV and Popolo exports running at once on this node
/// secure_cookies = true
/// trust_forwarded_for = false
/// log_format = "json"   # or "text"
/// tile_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
/// tile_attribution = "© OpenStreetMap contributors"
/// smtp_url = "smtp://relay.internal:25"   # or mail_dir = "/var/lib/cospace/mail"
/// mail_from = "Cospace <noreply@example.org>"
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub listen: Option<String>,
    /// Where readers reach this server: the start of every absolute link.
    pub public_url: Option<String>,
    pub database_url: Option<String>,
    pub max_connections: Option<u32>,
    /// Exports (CSV, Popolo) running at once on this node; more wait (503 with Retry-After).
    pub max_concurrent_exports: Option<usize>,
    pub secure_cookies: Option<bool>,
    pub trust_forwarded_for: Option<bool>,
    pub log_format: Option<String>,
    pub tile_url: Option<String>,
    pub tile_attribution: Option<String>,
    /// Deliver mail through this SMTP server (`smtp://`, `smtps://`).
    pub smtp_url: Option<String>,
    /// Write mail as `.eml` files into this folder instead.
    pub mail_dir: Option<std::path::PathBuf>,
    /// The sender of outgoing mail.
    pub mail_from: Option<String>,
}

impl FileConfig {
    pub fn load(path: Option<&Path>) -> Result<FileConfig, String> {
        let Some(path) = path else {
            return Ok(FileConfig::default());
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read config file {}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| {
            format!(
                "config file {} is not valid: {}",
                path.display(),
                e.message()
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_unknown_keys() {
        let ok: FileConfig = toml::from_str("listen = \"0.0.0.0:9000\"\nsecure_cookies = false")
            .expect("valid config");
        assert_eq!(ok.listen.as_deref(), Some("0.0.0.0:9000"));
        assert_eq!(ok.secure_cookies, Some(false));
        assert!(toml::from_str::<FileConfig>("lisen = \"x\"").is_err());
    }
}
