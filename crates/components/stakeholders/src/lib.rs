//! The stakeholders component — the heart of a neighbourhood's platform of cooperation (who is
//! here, what they offer, what they need) and of a global action plan's search for support that
//! can be leveraged:
//! organisations with their contacts, the resources they offer and the needs they have, on a map
//! and in search, and synergies that propose who could meet each need, with the reasons.
//!
//! A vertical slice: permissions (`permissions.rs`), use cases (`service/`), storage
//! (`store/`), the directory of venues it offers other components (`venues.rs`), pages, API,
//! import and export, templates and translations live here; [`component`] is its one
//! registration.

pub mod api;
pub mod candidates;
pub mod cli;
pub mod csv_io;
pub mod demo;
pub mod export;
pub mod listing;
pub mod map;
pub mod pages;
pub mod permissions;
pub mod popolo;
pub mod service;
pub mod store;
pub mod venues;

use axum::routing::{get, post};
use axum::Router;
use cospace_store::migrations::MigrationSpec;
use cospace_web::{translations, AppState, Component, Permission, Setting};
use permissions::Action;

/// The registration of this component.
pub fn component() -> Component {
    Component {
        key: "stakeholders",
        name_key: "stakeholders-nav",
        description_key: "stakeholders-description",
        enabled_by_default: true,
        routes,
        space_routes,
        open_routes: Router::new,
        openapi: api::openapi,
        translations: translations!("cospace-stakeholders"),
        migrations: MIGRATIONS,
        permissions: PERMISSIONS,
        assets: map::ASSETS,
        requires: &[],
        demo: Some(demo::seed),
        commands: cli::COMMANDS,
        settings: SETTINGS,
        state: None,
        directory: Some(&venues::VENUES),
    }
}

/// The resource map's tile server. The map page hands both to its script.
pub const SETTINGS: &[Setting] = &[
    Setting {
        key: "tile_url",
        default: "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        about: "Map tiles ({z}/{x}/{y} template); maps still show their markers when it cannot \
                be reached",
        image_origin: true,
    },
    Setting {
        key: "tile_attribution",
        default: "© OpenStreetMap contributors",
        about: "The attribution the tile provider asks for, shown on every map",
        image_origin: false,
    },
];

const MIGRATIONS: &[MigrationSpec] = &[MigrationSpec {
    version: 2026112301,
    description: "stakeholders",
    sqlite: include_str!("../migrations/sqlite/0001_stakeholders.sql"),
    postgres: include_str!("../migrations/postgres/0001_stakeholders.sql"),
}];

const PERMISSIONS: &[Permission] = &[
    Permission {
        action: "read",
        allows: |role, visibility| permissions::allows(role, visibility, Action::Read),
    },
    Permission {
        action: "read_public_contacts",
        allows: |role, visibility| {
            permissions::allows(role, visibility, Action::ReadContacts(permissions::PUBLIC))
        },
    },
    Permission {
        action: "read_member_contacts",
        allows: |role, visibility| {
            permissions::allows(role, visibility, Action::ReadContacts(permissions::MEMBERS))
        },
    },
    Permission {
        action: "read_admin_contacts",
        allows: |role, visibility| {
            permissions::allows(role, visibility, Action::ReadContacts(permissions::ADMINS))
        },
    },
    Permission {
        action: "register_own_organization",
        allows: |role, visibility| permissions::allows(role, visibility, Action::Register),
    },
    Permission {
        action: "propose_match",
        allows: |role, visibility| permissions::allows(role, visibility, Action::ProposeMatch),
    },
    Permission {
        action: "manage_all_organizations",
        allows: |role, visibility| permissions::allows(role, visibility, Action::Manage),
    },
];

fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::directory))
        .route(
            "/import",
            get(csv_io::import_form).post(csv_io::import_submit),
        )
        .route("/map", get(map::page))
        .route(
            "/organizations/new",
            get(pages::new_organization_form).post(pages::create_organization),
        )
        .route("/organizations/{id}", get(pages::organization))
        .route(
            "/organizations/{id}/edit",
            get(pages::edit_organization_form).post(pages::edit_organization),
        )
        .route(
            "/organizations/{id}/approve",
            post(pages::approve_organization),
        )
        .route("/organizations/{id}/list", post(pages::list_elsewhere))
        .route("/organizations/{id}/contacts", post(pages::add_contact))
        .route(
            "/organizations/{id}/contacts/{contact}/delete",
            post(pages::delete_contact),
        )
        .route("/organizations/{id}/resources", post(pages::add_resource))
        .route("/organizations/{id}/needs", post(pages::add_need))
        .route("/resources/{id}", get(pages::resource))
        .route("/needs/{id}", get(pages::need))
        .route("/synergies", get(pages::synergies))
        .route("/matches", get(pages::matches).post(pages::propose_match))
        .route("/matches/{id}/{decision}", post(pages::decide_match))
}

fn space_routes() -> Router<AppState> {
    Router::new()
        .route("/spaces/{slug}/search", get(pages::search))
        .route("/spaces/{slug}/stakeholders.csv", get(export::export))
        .route("/spaces/{slug}/popolo.json", get(popolo::export))
        .route("/spaces/{slug}/map.geojson", get(map::geojson))
        .merge(api::routes())
}
