//! Settings: command-line flags win over environment variables (read by clap), which win over
//! the optional TOML file, which wins over the defaults. Components' settings are read the same
//! way, by the keys their manifests declare: from `COSPACE_` and the key in capitals, else the
//! file, else the component's default.

use anyhow::bail;
use cospace_store::ConnectOptions;
use cospace_web::mail::{MailConfig, MailTransport};
use cospace_web::{Setting, WebConfig};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
/// smtp_url = "smtp://relay.internal:25"   # or mail_dir = "/var/lib/cospace/mail"
/// mail_from = "Cospace <noreply@example.org>"
/// # and the components' settings, e.g. the map's:
/// tile_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
/// tile_attribution = "© OpenStreetMap contributors"
/// ```
#[derive(Debug, Default, Deserialize)]
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
    /// Deliver mail through this SMTP server (`smtp://`, `smtps://`).
    pub smtp_url: Option<String>,
    /// Write mail as `.eml` files into this folder instead.
    pub mail_dir: Option<PathBuf>,
    /// The sender of outgoing mail.
    pub mail_from: Option<String>,
    /// Every other key: a component's setting ([`FileConfig::parse`] refuses any other).
    #[serde(flatten)]
    pub components: BTreeMap<String, toml::Value>,
}

impl FileConfig {
    /// Reads the file at `path` (none: every key unset); `settings` are the components'.
    pub fn load<'a>(
        path: Option<&Path>,
        settings: impl IntoIterator<Item = &'a Setting>,
    ) -> Result<FileConfig, String> {
        let Some(path) = path else {
            return Ok(FileConfig::default());
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read config file {}: {e}", path.display()))?;
        FileConfig::parse(&text, settings)
            .map_err(|e| format!("config file {} is not valid: {e}", path.display()))
    }

    /// Parses a file's text: a key neither the platform's nor a component's setting, or a
    /// setting that is not a string, is refused.
    pub fn parse<'a>(
        text: &str,
        settings: impl IntoIterator<Item = &'a Setting>,
    ) -> Result<FileConfig, String> {
        let config: FileConfig = toml::from_str(text).map_err(|e| e.message().to_owned())?;
        let known: Vec<&str> = settings.into_iter().map(|s| s.key).collect();
        for (key, value) in &config.components {
            if !known.contains(&key.as_str()) {
                return Err(format!("unknown field `{key}`"));
            }
            if value.as_str().is_none() {
                return Err(format!("`{key}` must be a string"));
            }
        }
        Ok(config)
    }
}

/// Settings resolved from flags, environment, file and defaults.
pub struct Settings {
    pub database_url: String,
    pub listen: String,
    pub connect: ConnectOptions,
    pub web: WebConfig,
    pub json_logs: bool,
}

/// The settings of a command given the file, its `--database-url` and (to serve) `--listen`.
pub fn settings(
    file: &FileConfig,
    database_url: Option<&String>,
    listen: Option<&String>,
) -> Settings {
    let mut connect = ConnectOptions::default();
    if let Some(n) = file.max_connections {
        connect.max_connections = n.max(1);
    }
    let defaults = WebConfig::default();
    let web = WebConfig {
        secure_cookies: file.secure_cookies.unwrap_or(true),
        trust_forwarded_for: file.trust_forwarded_for.unwrap_or(false),
        max_concurrent_exports: file
            .max_concurrent_exports
            .unwrap_or(defaults.max_concurrent_exports),
        ..defaults
    };
    Settings {
        database_url: database_url
            .cloned()
            .or_else(|| file.database_url.clone())
            .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
        listen: listen
            .cloned()
            .or_else(|| file.listen.clone())
            .unwrap_or_else(|| DEFAULT_LISTEN.to_owned()),
        connect,
        web,
        json_logs: file.log_format.as_deref() == Some("json"),
    }
}

/// The components' settings that are set: from `env` (`COSPACE_TILE_URL` for `tile_url`), else
/// from the file. Unset ones keep their declared defaults.
pub fn component_settings<'a>(
    file: &FileConfig,
    settings: impl IntoIterator<Item = &'a Setting>,
    env: impl Fn(&str) -> Option<String>,
) -> BTreeMap<String, String> {
    settings
        .into_iter()
        .filter_map(|setting| {
            let from_env = env(&format!("COSPACE_{}", setting.key.to_ascii_uppercase()));
            let from_file = || {
                file.components
                    .get(setting.key)
                    .and_then(|v| v.as_str())
                    .map(str::to_owned)
            };
            from_env
                .or_else(from_file)
                .map(|value| (setting.key.to_owned(), value))
        })
        .collect()
}

/// The mail flags (or their environment variables).
pub struct MailArgs {
    pub smtp_url: Option<String>,
    pub mail_dir: Option<PathBuf>,
    pub mail_from: Option<String>,
}

/// The mail settings: a transport from the flags or environment, else from the file; for the
/// demo, files in `./mail` when none is given.
pub fn mail_config(file: &FileConfig, args: &MailArgs, demo: bool) -> anyhow::Result<MailConfig> {
    let (smtp_url, mail_dir) = if args.smtp_url.is_some() || args.mail_dir.is_some() {
        (args.smtp_url.clone(), args.mail_dir.clone())
    } else {
        (file.smtp_url.clone(), file.mail_dir.clone())
    };
    let from = args.mail_from.clone().or_else(|| file.mail_from.clone());
    let transport = match (smtp_url, mail_dir) {
        (Some(_), Some(_)) => bail!("give either an SMTP URL or a mail folder, not both"),
        (Some(url), None) => {
            if from.is_none() {
                bail!(
                    "sending mail over SMTP needs a sender: set --mail-from \
                     (COSPACE_MAIL_FROM, or mail_from in the config file)"
                );
            }
            MailTransport::Smtp { url }
        }
        (None, Some(dir)) => MailTransport::Files { dir },
        (None, None) if demo => MailTransport::Files {
            dir: PathBuf::from(DEMO_MAIL_DIR),
        },
        (None, None) => MailTransport::Disabled,
    };
    Ok(MailConfig {
        transport,
        from: from.unwrap_or_else(|| cospace_web::mail::DEFAULT_FROM.to_owned()),
        ..MailConfig::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TILES: &[Setting] = &[Setting {
        key: "tile_url",
        default: "https://tiles.example.org/{z}/{x}/{y}.png",
        about: "map tiles",
        image_origin: true,
    }];

    #[test]
    fn parses_and_rejects_unknown_keys() {
        let ok = FileConfig::parse("listen = \"0.0.0.0:9000\"\nsecure_cookies = false", TILES)
            .expect("valid config");
        assert_eq!(ok.listen.as_deref(), Some("0.0.0.0:9000"));
        assert_eq!(ok.secure_cookies, Some(false));
        assert!(FileConfig::parse("lisen = \"x\"", TILES).is_err());
        assert!(FileConfig::parse("tile_url = 3", TILES).is_err());
        assert!(FileConfig::parse("tile_url = \"x\"", &[]).is_err());
    }

    #[test]
    fn component_settings_come_from_env_then_file() {
        let file = FileConfig::parse("tile_url = \"https://file.example.org/{z}\"", TILES)
            .expect("valid config");
        let none = |_: &str| None;
        assert_eq!(
            component_settings(&file, TILES, none)["tile_url"],
            "https://file.example.org/{z}"
        );
        let env = |key: &str| (key == "COSPACE_TILE_URL").then(|| "https://env.example.org".into());
        assert_eq!(
            component_settings(&file, TILES, env)["tile_url"],
            "https://env.example.org"
        );
        assert!(component_settings(&FileConfig::default(), TILES, none).is_empty());
    }
}
