//! The component registry: a component is a vertical slice that declares, in one
//! [`Component`] value, everything the platform needs to host it — routes, translations,
//! migrations, permissions, assets, the components it builds on, its demo seed, its commands,
//! its settings and its per-node state.

use crate::error::ServiceError;
use crate::i18n::Translations;
use crate::kit::cli::CliCommand;
use crate::kit::demo::DemoWorld;
use crate::AppState;
use axum::Router;
use cospace_core::permissions::Role;
use cospace_core::space::Visibility;
use cospace_store::migrations::MigrationSpec;
use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A future that a manifest's function pointers return (seeds, commands).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A component's demo data: given the app and the demo world the platform made (accounts,
/// spaces), it adds what is missing through the component's own use cases, so running it twice
/// changes nothing.
pub type DemoSeed =
    for<'a> fn(&'a AppState, &'a DemoWorld) -> BoxFuture<'a, Result<(), ServiceError>>;

/// A component's state on this node (caches that nothing needs after a restart), made once
/// when the app starts and found again with [`AppState::component_state`].
pub type ComponentState = Arc<dyn Any + Send + Sync>;

/// One setting of a component: a key of the configuration file, also read from the
/// environment as `COSPACE_` and the key in capitals, with the value used when neither sets it.
#[derive(Debug, Clone, Copy)]
pub struct Setting {
    /// `tile_url`: lower-case letters and `_`.
    pub key: &'static str,
    pub default: &'static str,
    /// What it sets, for the configuration file's documentation.
    pub about: &'static str,
    /// The value is a URL template whose origin pages may load images from (map tiles): the
    /// Content-Security-Policy allows that origin.
    pub image_origin: bool,
}

/// One action a component guards, and its rule. The rule is the component's own permission
/// function, so the table here and the checks in its handlers cannot drift apart.
#[derive(Clone, Copy)]
pub struct Permission {
    /// Stable name of the action (`read_members`).
    pub action: &'static str,
    pub allows: fn(Role, Visibility) -> bool,
}

/// A component's manifest. The binary lists every manifest in one place; the registry mounts
/// the routes under `/spaces/{slug}/{key}`, adds the navigation entry, loads the translations,
/// runs the migrations, seeds the demo, offers the commands and fills the settings. Components
/// never import each other: they meet through the platform — its tables and typed store API
/// (spaces, accounts, organisations) and the directory one component provides for others
/// (venues and the pages of venues and organisations, see [`crate::directory`]); one that builds
/// on another names it in [`Component::requires`].
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
    /// Keys of the components this one builds on. The registry refuses a set where one is
    /// missing, seeds run after theirs, and a space that enables this one enables them too.
    pub requires: &'static [&'static str],
    /// Its part of the demo world (`cospace demo`).
    pub demo: Option<DemoSeed>,
    /// Commands it adds to the `cospace` command line.
    pub commands: &'static [CliCommand],
    /// Its settings, read by [`AppState::setting`].
    pub settings: &'static [Setting],
    /// Makes its per-node state when the app starts.
    pub state: Option<fn() -> ComponentState>,
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
            for required in component.requires {
                if !components.iter().any(|c| c.key == *required) {
                    return Err(format!(
                        "component '{}' requires '{required}', which is not registered",
                        component.key
                    ));
                }
                let on_by_default = |key: &str| {
                    components
                        .iter()
                        .any(|c| c.key == key && c.enabled_by_default)
                };
                if component.enabled_by_default && !on_by_default(required) {
                    return Err(format!(
                        "component '{}' is enabled in new spaces but '{required}', which it \
                         requires, is not",
                        component.key
                    ));
                }
            }
            for setting in component.settings {
                let well_formed = !setting.key.is_empty()
                    && setting
                        .key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_');
                if !well_formed {
                    return Err(format!(
                        "component '{}': setting '{}' must be lower-case letters and '_'",
                        component.key, setting.key
                    ));
                }
                let elsewhere = components
                    .iter()
                    .flat_map(|c| c.settings.iter().map(move |s| (c.key, s.key)))
                    .filter(|(_, key)| *key == setting.key)
                    .count();
                if elsewhere > 1 {
                    return Err(format!("two settings are named '{}'", setting.key));
                }
            }
            for permission in component.permissions {
                if let Some(problem) = permission_problem(permission) {
                    return Err(format!(
                        "component '{}', action '{}': {problem}",
                        component.key, permission.action
                    ));
                }
            }
        }
        let registry = Registry { components };
        registry.in_dependency_order()?;
        Ok(registry)
    }

    /// The components with each after those it requires (navigation order otherwise); fails on
    /// a cycle.
    pub fn in_dependency_order(&self) -> Result<Vec<&Component>, String> {
        let mut ordered: Vec<&Component> = Vec::with_capacity(self.components.len());
        while ordered.len() < self.components.len() {
            let ready = self.components.iter().find(|c| {
                !ordered.iter().any(|o| o.key == c.key)
                    && c.requires
                        .iter()
                        .all(|r| ordered.iter().any(|o| o.key == *r))
            });
            match ready {
                Some(component) => ordered.push(component),
                None => {
                    let stuck: Vec<&str> = self
                        .components
                        .iter()
                        .filter(|c| !ordered.iter().any(|o| o.key == c.key))
                        .map(|c| c.key)
                        .collect();
                    return Err(format!(
                        "components require each other in a circle: {}",
                        stuck.join(", ")
                    ));
                }
            }
        }
        Ok(ordered)
    }

    /// `wanted` (known keys) with every component they require, directly or not: what a space
    /// enables when its admin ticks `wanted`. Unknown keys are kept for the caller to refuse.
    pub fn with_requirements(&self, wanted: &[String]) -> Vec<String> {
        let mut keys: Vec<String> = wanted.to_vec();
        let mut i = 0;
        while i < keys.len() {
            if let Some(component) = self.get(&keys[i]) {
                for required in component.requires {
                    if !keys.iter().any(|k| k == required) {
                        keys.push((*required).to_owned());
                    }
                }
            }
            i += 1;
        }
        keys
    }

    /// Every component's settings.
    pub fn settings(&self) -> impl Iterator<Item = &Setting> {
        self.components.iter().flat_map(|c| c.settings.iter())
    }

    /// Every component's commands, with the key of the component.
    pub fn commands(&self) -> impl Iterator<Item = (&'static str, &'static CliCommand)> + '_ {
        self.components
            .iter()
            .flat_map(|c| c.commands.iter().map(move |command| (c.key, command)))
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
            requires: &[],
            demo: None,
            commands: &[],
            settings: &[],
            state: None,
            directory: None,
        }
    }

    fn requiring(key: &'static str, requires: &'static [&'static str]) -> Component {
        Component {
            requires,
            enabled_by_default: true,
            ..component(key, &[])
        }
    }

    #[test]
    fn requirements_must_be_registered_and_acyclic() {
        let registry = Registry::new(vec![
            requiring("calendar", &["stakeholders"]),
            requiring("stakeholders", &[]),
        ])
        .expect("a sound set");
        let order: Vec<&str> = registry
            .in_dependency_order()
            .expect("no cycle")
            .iter()
            .map(|c| c.key)
            .collect();
        assert_eq!(order, ["stakeholders", "calendar"]);
        assert_eq!(
            registry.with_requirements(&["calendar".to_owned()]),
            ["calendar", "stakeholders"]
        );
        assert!(Registry::new(vec![requiring("calendar", &["stakeholders"])]).is_err());
        assert!(Registry::new(vec![requiring("a", &["b"]), requiring("b", &["a"])]).is_err());
        // On by default, it needs what it requires on by default too.
        let off = Component {
            enabled_by_default: false,
            ..component("stakeholders", &[])
        };
        assert!(Registry::new(vec![requiring("calendar", &["stakeholders"]), off]).is_err());
    }

    #[test]
    fn settings_are_well_formed_and_unique() {
        const TILES: &[Setting] = &[Setting {
            key: "tile_url",
            default: "https://tiles.example.org/{z}/{x}/{y}.png",
            about: "map tiles",
            image_origin: true,
        }];
        const BAD: &[Setting] = &[Setting {
            key: "Tile-URL",
            ..TILES[0]
        }];
        let with = |key, settings| Component {
            settings,
            ..component(key, &[])
        };
        assert!(Registry::new(vec![with("a", TILES)]).is_ok());
        assert!(Registry::new(vec![with("a", TILES), with("b", TILES)]).is_err());
        assert!(Registry::new(vec![with("a", BAD)]).is_err());
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
