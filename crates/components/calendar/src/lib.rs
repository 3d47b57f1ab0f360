//! The calendar component — so that the actions of a neighbourhood's institutions no longer meet
//! "at the same time and at the same place" by accident: a common calendar of planned actions for every institution of a
//! space (a city's includes its neighbourhoods'), warnings of clashes while planning with the
//! offer to join as co-organiser, a coordination page, iCalendar feeds, and the monthly
//! indicators a coordinator reports.
//!
//! Organisers are the platform's organisations; venues come from whichever component provides
//! them (the stakeholders' resources of kind `venue`), without this crate importing it. A
//! vertical slice: permissions, use cases (`service.rs`), storage, pages, feeds (`ics.rs`),
//! API, templates and translations live here; [`component`] is its one registration. Time, recurrence, clash detection and indicators are pure, in
//! `cospace_core::calendar`.

pub mod api;
pub mod cli;
pub mod demo;
pub mod feeds;
pub mod ics;
pub mod import;
pub mod indicators;
pub mod lookups;
pub mod meeting_pages;
pub mod meetings;
pub mod pages;
pub mod permissions;
pub mod service;
pub mod store;

use axum::routing::{get, post};
use axum::Router;
use cospace_store::migrations::MigrationSpec;
use cospace_web::{translations, AppState, Component, Permission};
use permissions::Action;

/// The registration of this component.
pub fn component() -> Component {
    Component {
        key: "calendar",
        name_key: "calendar-nav",
        description_key: "calendar-description",
        enabled_by_default: true,
        routes,
        space_routes,
        open_routes,
        openapi: api::openapi,
        translations: translations!("cospace-calendar"),
        migrations: MIGRATIONS,
        permissions: PERMISSIONS,
        assets: ASSETS,
        requires: &["stakeholders"],
        demo: Some(demo::seed),
        commands: cli::COMMANDS,
        settings: &[],
        state: Some(ics::FeedCache::state),
        directory: None,
    }
}

const MIGRATIONS: &[MigrationSpec] = &[
    MigrationSpec {
        version: 2026112401,
        description: "calendar",
        sqlite: include_str!("../migrations/sqlite/0001_calendar.sql"),
        postgres: include_str!("../migrations/postgres/0001_calendar.sql"),
    },
    MigrationSpec {
        version: 2026112402,
        description: "calendar meetings",
        sqlite: include_str!("../migrations/sqlite/0002_meetings.sql"),
        postgres: include_str!("../migrations/postgres/0002_meetings.sql"),
    },
    MigrationSpec {
        version: 2026112403,
        description: "calendar personal feeds",
        sqlite: include_str!("../migrations/sqlite/0003_feed_tokens.sql"),
        postgres: include_str!("../migrations/postgres/0003_feed_tokens.sql"),
    },
    MigrationSpec {
        version: 2026112404,
        description: "calendar texts of changed occurrences",
        sqlite: include_str!("../migrations/sqlite/0004_occurrence_texts.sql"),
        postgres: include_str!("../migrations/postgres/0004_occurrence_texts.sql"),
    },
    MigrationSpec {
        version: 2026112405,
        description: "calendar extra dates of series",
        sqlite: include_str!("../migrations/sqlite/0005_rdates.sql"),
        postgres: include_str!("../migrations/postgres/0005_rdates.sql"),
    },
];

const PERMISSIONS: &[Permission] = &[
    Permission {
        action: "read",
        allows: |role, visibility| permissions::allows(role, visibility, Action::Read),
    },
    Permission {
        action: "plan",
        allows: |role, visibility| permissions::allows(role, visibility, Action::Plan),
    },
    Permission {
        action: "manage",
        allows: |role, visibility| permissions::allows(role, visibility, Action::Manage),
    },
];

const ASSETS: &[cospace_web::StaticAsset] = &[
    cospace_web::StaticAsset {
        name: "calendar.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../assets/calendar.js"),
    },
    cospace_web::StaticAsset {
        name: "calendar.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../assets/calendar.css"),
    },
];

/// The cache-busting URL of the form's script.
pub fn script_url() -> String {
    cospace_web::assets::component_url("calendar", &ASSETS[0])
}

/// The cache-busting URL of the calendar's stylesheet.
pub fn style_url() -> String {
    cospace_web::assets::component_url("calendar", &ASSETS[1])
}

fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(pages::calendar))
        .route(
            "/events/new",
            get(pages::new_event_form).post(pages::create_event),
        )
        .route("/clash-check", post(pages::clash_check))
        .route("/events/{id}", get(pages::event))
        .route(
            "/events/{id}/edit",
            get(pages::edit_event_form).post(pages::edit_event),
        )
        .route("/events/{id}/join", post(pages::join_event))
        .route("/events/{id}/cancel", post(pages::cancel_event))
        .route(
            "/events/{id}/occurrences/{occurrence}",
            post(pages::change_occurrence),
        )
        .route("/events/{id}/invite", post(meeting_pages::invite))
        .route("/events/{id}/meetings", get(meeting_pages::series))
        .route(
            "/events/{id}/meetings/{occurrence}",
            get(meeting_pages::meeting).post(meeting_pages::record),
        )
        .route("/events/{id}/actions", get(meeting_pages::series_actions))
        .route("/actions", get(meeting_pages::space_actions))
        .route("/actions/{item}", post(meeting_pages::set_action_status))
        .route("/my-feed", post(feeds::make_feed))
        .route("/coordination", get(pages::coordination))
        .route(
            "/import",
            get(import::import_form).post(import::import_submit),
        )
        .route("/indicators", get(pages::indicators_page))
        .route("/indicators.csv", get(pages::indicators_csv))
        .route("/organizations/{file}", get(ics::organization_feed))
}

fn space_routes() -> Router<AppState> {
    Router::new()
        .route("/spaces/{slug}/calendar.ics", get(ics::space_feed))
        .merge(api::routes())
}

fn open_routes() -> Router<AppState> {
    Router::new().route("/calendar/feeds/{file}", get(feeds::personal_feed))
}
