//! The component registry: a component is a vertical slice that declares, in one
//! [`Component`] value, everything the platform needs to host it.

use crate::i18n::Translations;
use crate::AppState;
use axum::Router;
use cospace_store::migrations::MigrationSpec;

/// A component's manifest. The binary lists every manifest in one place; the registry mounts
/// the routes under `/s/{slug}/{key}`, adds the navigation entry, loads the translations and
/// runs the migrations. Components never import each other: they meet through the platform.
#[derive(Clone, Copy)]
pub struct Component {
    /// Stable identifier, used in URLs and in the `space_components` table (`about`).
    pub key: &'static str,
    /// Translation key of the name shown in a space's navigation and admin.
    pub name_key: &'static str,
    /// Translation key of a one-line description for the component admin page.
    pub description_key: &'static str,
    /// Whether a new space starts with this component enabled.
    pub enabled_by_default: bool,
    /// The routes, relative to `/s/{slug}/{key}`. Handlers get the space through
    /// [`crate::space_context::SpaceContext`]; the registry answers 404 where the component is
    /// not enabled.
    pub routes: fn() -> Router<AppState>,
    pub translations: &'static [Translations],
    pub migrations: &'static [MigrationSpec],
}

impl std::fmt::Debug for Component {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Component").field("key", &self.key).finish()
    }
}

/// The components this server runs, in navigation order.
#[derive(Debug, Default)]
pub struct Registry {
    components: Vec<Component>,
}

impl Registry {
    /// Fails when two components claim the same key.
    pub fn new(components: Vec<Component>) -> Result<Registry, String> {
        for (i, a) in components.iter().enumerate() {
            if !a.key.chars().all(|c| c.is_ascii_lowercase() || c == '-') || a.key.is_empty() {
                return Err(format!(
                    "component key '{}' must be lower-case letters",
                    a.key
                ));
            }
            if components[..i].iter().any(|b| b.key == a.key) {
                return Err(format!("two components are registered as '{}'", a.key));
            }
        }
        Ok(Registry { components })
    }

    pub fn all(&self) -> &[Component] {
        &self.components
    }

    pub fn get(&self, key: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.key == key)
    }

    /// The platform's migrations followed by every component's.
    pub fn migrations(&self) -> Vec<MigrationSpec> {
        cospace_store::migrations::CORE
            .iter()
            .chain(self.components.iter().flat_map(|c| c.migrations.iter()))
            .copied()
            .collect()
    }

    /// The platform's translations followed by every component's.
    pub fn translations(&self) -> Vec<Translations> {
        crate::PLATFORM_TRANSLATIONS
            .iter()
            .chain(self.components.iter().flat_map(|c| c.translations.iter()))
            .copied()
            .collect()
    }

    pub fn enabled_by_default(&self) -> Vec<&'static str> {
        self.components
            .iter()
            .filter(|c| c.enabled_by_default)
            .map(|c| c.key)
            .collect()
    }
}

/// Declares a crate's translation files (`i18n/en.ftl`, `pl`, `es`, `fr`) as a
/// `&'static [Translations]`.
#[macro_export]
macro_rules! translations {
    ($origin:expr) => {
        &[
            $crate::i18n::Translations {
                lang: ::cospace_core::Lang::En,
                origin: $origin,
                source: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/i18n/en.ftl")),
            },
            $crate::i18n::Translations {
                lang: ::cospace_core::Lang::Pl,
                origin: $origin,
                source: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/i18n/pl.ftl")),
            },
            $crate::i18n::Translations {
                lang: ::cospace_core::Lang::Es,
                origin: $origin,
                source: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/i18n/es.ftl")),
            },
            $crate::i18n::Translations {
                lang: ::cospace_core::Lang::Fr,
                origin: $origin,
                source: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/i18n/fr.ftl")),
            },
        ]
    };
}
