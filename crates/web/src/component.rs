//! The component registry: a component is a vertical slice that declares, in one
//! [`Component`] value, everything the platform needs to host it.

use crate::i18n::Translations;
use crate::AppState;
use axum::Router;
use cospace_core::permissions::Role;
use cospace_core::space::Visibility;
use cospace_store::migrations::MigrationSpec;

/// One action a component guards, and its rule. The rule is the component's own permission
/// function, so the table here and the checks in its handlers cannot drift apart.
#[derive(Clone, Copy)]
pub struct Permission {
    /// Stable name of the action (`read_members`).
    pub action: &'static str,
    pub allows: fn(Role, Visibility) -> bool,
}

/// A component's manifest. The binary lists every manifest in one place; the registry mounts
/// the routes under `/spaces/{slug}/{key}`, adds the navigation entry, loads the translations and
/// runs the migrations. Components never import each other: they meet through the platform —
/// its tables and typed store API (spaces, accounts, organisations) and the directory one
/// component provides for others (venues and the pages of venues and organisations, see
/// [`crate::directory`]).
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
    /// The routes, relative to `/spaces/{slug}/{key}`. Handlers get the space through
    /// [`crate::space_context::SpaceContext`]; the registry answers 404 where the component is
    /// not enabled.
    pub routes: fn() -> Router<AppState>,
    /// Routes at full paths that still belong to one space, each containing `{slug}` — e.g.
    /// `/spaces/{slug}/map.geojson` or `/api/v1/spaces/{slug}/organizations`. They get the same
    /// "404 where not enabled" guard as [`Component::routes`].
    pub space_routes: fn() -> Router<AppState>,
    /// Routes outside any space and without the session-based guard, for clients that cannot
    /// sign in — e.g. a calendar program fetching a personal feed whose URL carries a secret.
    /// Each handler authenticates and authorises on its own.
    pub open_routes: fn() -> Router<AppState>,
    /// The component's part of the OpenAPI document, merged into `/api/openapi.json`.
    pub openapi: fn() -> utoipa::openapi::OpenApi,
    pub translations: &'static [Translations],
    pub migrations: &'static [MigrationSpec],
    /// Every action the component guards, for the platform to list and check.
    pub permissions: &'static [Permission],
    /// Static files (scripts, styles, images) served at `/assets/{key}/{name}`, with a
    /// content-hashed URL from [`crate::assets::component_url`].
    pub assets: &'static [StaticAsset],
    /// The directory this component offers to other components, if any (see
    /// [`crate::AppState::directory`]).
    pub directory: Option<&'static dyn crate::directory::Directory>,
}

/// A file embedded in the binary and served as an asset.
#[derive(Debug, Clone, Copy)]
pub struct StaticAsset {
    pub name: &'static str,
    pub content_type: &'static str,
    pub body: &'static [u8],
}

impl std::fmt::Debug for Component {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Component").field("key", &self.key).finish()
    }
}

/// Path segments under `/spaces/{slug}/` that the platform itself uses.
const RESERVED_KEYS: &[&str] = &["new", "edit", "admin"];

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
            if RESERVED_KEYS.contains(&a.key) {
                return Err(format!(
                    "component key '{}' is taken by the platform's own space pages",
                    a.key
                ));
            }
            if components[..i].iter().any(|b| b.key == a.key) {
                return Err(format!("two components are registered as '{}'", a.key));
            }
        }
        for component in &components {
            for permission in component.permissions {
                if let Some(problem) = permission_problem(permission) {
                    return Err(format!(
                        "component '{}', action '{}': {problem}",
                        component.key, permission.action
                    ));
                }
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

/// For components without API endpoints.
pub fn no_api() -> utoipa::openapi::OpenApi {
    utoipa::openapi::OpenApiBuilder::new().build()
}

/// Checks the rules every permission must follow: a more trusted role may always do what a
/// less trusted one may, and platform admins may do everything.
fn permission_problem(permission: &Permission) -> Option<&'static str> {
    for visibility in [Visibility::Public, Visibility::Private] {
        let mut allowed_below = false;
        for role in Role::ALL {
            let allowed = (permission.allows)(role, visibility);
            if allowed_below && !allowed {
                return Some("a more trusted role is refused what a less trusted one may do");
            }
            allowed_below |= allowed;
        }
        if !(permission.allows)(Role::PlatformAdmin, visibility) {
            return Some("platform admins must be allowed every action");
        }
    }
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    fn component(key: &'static str, permissions: &'static [Permission]) -> Component {
        Component {
            key,
            name_key: "x",
            description_key: "x",
            enabled_by_default: false,
            routes: Router::new,
            space_routes: Router::new,
            open_routes: Router::new,
            openapi: no_api,
            translations: &[],
            migrations: &[],
            permissions,
            assets: &[],
            directory: None,
        }
    }

    #[test]
    fn keys_are_unique_and_well_formed() {
        assert!(Registry::new(vec![component("a", &[]), component("b", &[])]).is_ok());
        assert!(Registry::new(vec![component("a", &[]), component("a", &[])]).is_err());
        assert!(Registry::new(vec![component("Bad Key", &[])]).is_err());
        assert!(Registry::new(vec![component("admin", &[])]).is_err());
    }

    #[test]
    fn permissions_must_grow_with_trust() {
        const INVERTED: &[Permission] = &[Permission {
            action: "inverted",
            allows: |role, _| role == Role::Anonymous || role == Role::PlatformAdmin,
        }];
        const ADMINS_LOCKED_OUT: &[Permission] = &[Permission {
            action: "locked",
            allows: |_, _| false,
        }];
        const SENSIBLE: &[Permission] = &[Permission {
            action: "edit",
            allows: |role, _| role >= Role::SpaceAdmin,
        }];
        assert!(Registry::new(vec![component("a", INVERTED)]).is_err());
        assert!(Registry::new(vec![component("a", ADMINS_LOCKED_OUT)]).is_err());
        assert!(Registry::new(vec![component("a", SENSIBLE)]).is_ok());
    }
}
