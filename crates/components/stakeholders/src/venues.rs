//! The directory this component offers other components: its resources of kind `venue`, each
//! with the organisation that offers it, and the paths of its resource and organisation pages.
//! Other components (the calendar) reach them through `cospace_web::directory::Directory`,
//! never through this crate.

use cospace_core::SpaceId;
use cospace_store::{in_ids, with_db, Db, IdList, StoreError};
use cospace_web::directory::{Directory, Lookup, Venue};

/// The one directory value the manifest hands to the platform.
pub static VENUES: Venues = Venues;

/// Resources of kind `venue`, and this component's pages, as a [`Directory`].
pub struct Venues;

#[derive(sqlx::FromRow)]
struct VenueRow {
    id: i64,
    title: String,
    organization_name: String,
    address: String,
    lat: Option<f64>,
    lon: Option<f64>,
    space_id: i64,
    updated_at: chrono::DateTime<chrono::Utc>,
}

impl From<VenueRow> for Venue {
    fn from(row: VenueRow) -> Venue {
        Venue {
            id: row.id,
            title: row.title,
            organization_name: row.organization_name,
            address: row.address,
            lat: row.lat,
            lon: row.lon,
            space_id: row.space_id,
            updated_at: row.updated_at,
        }
    }
}

const VENUE_SELECT: &str =
    "SELECT r.id, r.title, o.name AS organization_name, r.address, r.lat, r.lon, r.space_id,
        r.updated_at
    FROM resources r JOIN organizations o ON o.id = r.organization_id";

/// A venue something of a space may use: offered in the space itself, or in a public space
/// among the nearby ones (`$3`), by an organisation approved where it offers it. Everyone who
/// may read the space may see such a venue. `$2` is the space.
fn usable_condition(db: &Db) -> String {
    format!(
        "r.kind = 'venue' AND EXISTS (
            SELECT 1 FROM organization_spaces l JOIN spaces s ON s.id = l.space_id
            WHERE l.organization_id = r.organization_id AND l.space_id = r.space_id
              AND l.status = 'approved'
              AND (l.space_id = $2 OR (s.visibility = 'public' AND l.space_id {})))",
        in_ids(db.backend(), 3)
    )
}

/// Venues named by records already checked when they were written: kind is not asked again.
async fn by_ids(db: &Db, ids: &[i64]) -> Result<Vec<Venue>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("{VENUE_SELECT} WHERE r.id {}", in_ids(db.backend(), 1));
    let ids = IdList::new(ids.iter().copied());
    let rows: Vec<VenueRow> = with_db!(db, |pool| sqlx::query_as(&sql)
        .bind(ids.clone())
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().map(Venue::from).collect())
}

async fn usable(
    db: &Db,
    space: SpaceId,
    nearby: &[SpaceId],
    id: i64,
) -> Result<Option<Venue>, StoreError> {
    let sql = format!(
        "{VENUE_SELECT} WHERE r.id = $1 AND {}",
        usable_condition(db)
    );
    let nearby = IdList::new(nearby.iter().map(|s| s.0));
    let row: Option<VenueRow> = with_db!(db, |pool| sqlx::query_as(&sql)
        .bind(id)
        .bind(space.0)
        .bind(nearby.clone())
        .fetch_optional(pool)
        .await)?;
    Ok(row.map(Venue::from))
}

async fn usable_in(
    db: &Db,
    space: SpaceId,
    nearby: &[SpaceId],
    limit: i64,
) -> Result<Vec<Venue>, StoreError> {
    let sql = format!(
        "{VENUE_SELECT} WHERE {} ORDER BY r.title, r.id LIMIT $1",
        usable_condition(db)
    );
    let nearby = IdList::new(nearby.iter().map(|s| s.0));
    let rows: Vec<VenueRow> = with_db!(db, |pool| sqlx::query_as(&sql)
        .bind(limit)
        .bind(space.0)
        .bind(nearby.clone())
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().map(Venue::from).collect())
}

impl Directory for Venues {
    fn venues_by_ids<'a>(&'a self, db: &'a Db, ids: &'a [i64]) -> Lookup<'a, Vec<Venue>> {
        Box::pin(by_ids(db, ids))
    }

    fn usable_venue<'a>(
        &'a self,
        db: &'a Db,
        space: SpaceId,
        nearby: &'a [SpaceId],
        id: i64,
    ) -> Lookup<'a, Option<Venue>> {
        Box::pin(usable(db, space, nearby, id))
    }

    fn usable_venues<'a>(
        &'a self,
        db: &'a Db,
        space: SpaceId,
        nearby: &'a [SpaceId],
        limit: i64,
    ) -> Lookup<'a, Vec<Venue>> {
        Box::pin(usable_in(db, space, nearby, limit))
    }

    fn venue_path(&self, slug: &str, venue: i64) -> String {
        format!("/spaces/{slug}/stakeholders/resources/{venue}")
    }

    fn organization_path(&self, slug: &str, organization: i64) -> String {
        format!("/spaces/{slug}/stakeholders/organizations/{organization}")
    }
}
