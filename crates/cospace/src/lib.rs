//! The cospace server assembled: which components run (one line each), opening the database
//! with every migration applied, and the demo world.
//!
//! The binary (`main.rs`) adds the command line, configuration and logging; it alone reads the
//! environment.

pub mod commands;
pub mod config;
pub mod demo;
pub mod server;

use cospace_store::{migrations, ConnectOptions, Db};
use cospace_web::{AppState, Component, Registry, WebConfig};

/// Every component this server runs, in navigation order. Adding a component: add its crate to
/// `Cargo.toml` and one line here.
pub fn components() -> Vec<Component> {
    vec![
        cospace_about::component(),
        cospace_stakeholders::component(),
        cospace_calendar::component(),
    ]
}

/// Connects to `database_url` and applies every pending migration of the platform and its
/// components.
pub async fn open_database(
    database_url: &str,
    options: &ConnectOptions,
) -> Result<(Db, Registry), String> {
    let registry = Registry::new(components())?;
    let db = Db::connect(database_url, options)
        .await
        .map_err(|e| e.to_string())?;
    migrations::run(&db, &registry.migrations())
        .await
        .map_err(|e| format!("migrating the database failed: {e}"))?;
    Ok((db, registry))
}

/// The application state over an open database.
pub fn state(db: Db, registry: Registry, config: WebConfig) -> Result<AppState, String> {
    AppState::new(db, registry, config)
}
