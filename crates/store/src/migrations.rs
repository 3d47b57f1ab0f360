//! Versioned schema migrations for both backends, collected from the core and from every
//! component, and applied in version order at start-up and by `cospace migrate`.

use crate::{Db, StoreError};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// One schema change, written once per backend. Versions are global across the platform and
/// its components (use the date: `2026112201`); [`run`] refuses duplicates.
#[derive(Debug, Clone, Copy)]
pub struct MigrationSpec {
    pub version: i64,
    pub description: &'static str,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

/// The platform's own tables.
pub const CORE: &[MigrationSpec] = &[
    MigrationSpec {
        version: 2026112201,
        description: "core",
        sqlite: include_str!("../migrations/sqlite/0001_core.sql"),
        postgres: include_str!("../migrations/postgres/0001_core.sql"),
    },
    MigrationSpec {
        version: 2026112202,
        description: "notifications",
        sqlite: include_str!("../migrations/sqlite/0002_notifications.sql"),
        postgres: include_str!("../migrations/postgres/0002_notifications.sql"),
    },
    MigrationSpec {
        version: 2026112203,
        description: "mail outbox",
        sqlite: include_str!("../migrations/sqlite/0003_mail_outbox.sql"),
        postgres: include_str!("../migrations/postgres/0003_mail_outbox.sql"),
    },
    MigrationSpec {
        version: 2026120301,
        description: "rate limits",
        sqlite: include_str!("../migrations/sqlite/0004_rate_limits.sql"),
        postgres: include_str!("../migrations/postgres/0004_rate_limits.sql"),
    },
    MigrationSpec {
        version: 2026121001,
        description: "pending sign-ups",
        sqlite: include_str!("../migrations/sqlite/0005_pending_sign_ups.sql"),
        postgres: include_str!("../migrations/postgres/0005_pending_sign_ups.sql"),
    },
    MigrationSpec {
        version: 2026121101,
        description: "organisations",
        sqlite: include_str!("../migrations/sqlite/0006_organizations.sql"),
        postgres: include_str!("../migrations/postgres/0006_organizations.sql"),
    },
];

/// Applies every migration not yet applied. Several nodes may start at once: on PostgreSQL the
/// migrator holds an advisory lock, so exactly one of them applies each change.
pub async fn run(db: &Db, specs: &[MigrationSpec]) -> Result<(), StoreError> {
    let mut by_version = BTreeMap::new();
    for spec in specs {
        if by_version.insert(spec.version, spec).is_some() {
            return Err(StoreError::Internal(format!(
                "two migrations share version {}",
                spec.version
            )));
        }
    }
    let migrations: Vec<Migration> = by_version
        .values()
        .map(|spec| {
            let sql = match db {
                Db::Sqlite(_) => spec.sqlite,
                Db::Postgres(_) => spec.postgres,
            };
            Migration::new(
                spec.version,
                Cow::Borrowed(spec.description),
                MigrationType::Simple,
                Cow::Borrowed(sql),
                false,
            )
        })
        .collect();
    let migrator = Migrator {
        migrations: Cow::Owned(migrations),
        ignore_missing: true,
        locking: true,
        no_tx: false,
    };
    crate::with_db!(db, |pool| migrator.run(pool).await)?;
    Ok(())
}
