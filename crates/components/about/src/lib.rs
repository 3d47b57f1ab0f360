//! The about component: a space's public face — its description, kind, languages, where it
//! sits in the tree, what is inside it — and its members directory, as pages and over the API.
//!
//! The smallest complete component, and the example the guide in ARCHITECTURE.md walks
//! through: the manifest here, `permissions.rs` (role × action, with its table test),
//! `service.rs` (use cases), `pages.rs`, `api.rs` (with its OpenAPI entry), `demo.rs` (its
//! demo seed), `templates/`, `i18n/` in four languages, and `tests/` on both databases. It owns
//! no tables, so it has no `store.rs` and no migrations: what it shows is the platform's.

pub mod api;
pub mod demo;
pub mod pages;
pub mod permissions;
pub mod service;

use axum::routing::get;
use axum::Router;
use cospace_web::{translations, AppState, Component, Permission};
use permissions::{allows, AboutAction};

/// The registration of this component.
pub fn component() -> Component {
    Component {
        key: "about",
        name_key: "about-nav",
        description_key: "about-description",
        enabled_by_default: true,
        routes,
        space_routes: api::routes,
        open_routes: Router::new,
        openapi: api::openapi,
        translations: translations!("cospace-about"),
        migrations: &[],
        permissions: PERMISSIONS,
        assets: &[],
        requires: &[],
        demo: Some(demo::seed),
        commands: &[],
        settings: &[],
        state: None,
        directory: None,
    }
}

/// Every action of [`AboutAction`], for the platform to list and check.
const PERMISSIONS: &[Permission] = &[
    Permission {
        action: "read_about",
        allows: |role, visibility| allows(role, visibility, AboutAction::ReadAbout),
    },
    Permission {
        action: "read_members",
        allows: |role, visibility| allows(role, visibility, AboutAction::ReadMembers),
    },
    Permission {
        action: "read_member_contacts",
        allows: |role, visibility| allows(role, visibility, AboutAction::ReadMemberContacts),
    },
    Permission {
        action: "welcome_members",
        allows: |role, visibility| allows(role, visibility, AboutAction::WelcomeMembers),
    },
];

/// The pages, under `/spaces/{slug}/about`.
fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::about))
        .route("/members", get(pages::members))
}
