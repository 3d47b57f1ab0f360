//! Organisers as the calendar reads them: the platform's organisations
//! (`cospace_store::organizations`), which may organise an event of a space, and their names
//! beside the calendar's own rows. No SQL here names a table of another component.

use cospace_core::{OrganizationId, SpaceId, UserId};
use cospace_store::organizations;
use cospace_store::{Db, StoreError};
use std::collections::HashMap;

/// An organisation that may organise events here.
pub use cospace_store::organizations::Named as Organizer;
/// A place an event may happen at, from whichever component provides venues.
pub use cospace_web::directory::Venue;

/// Organisers by event, with their names, from (event, organisation) pairs in order: the names
/// are the platform's, read in one query for all of them.
pub(super) async fn with_names(
    db: &Db,
    pairs: Vec<(i64, i64)>,
) -> Result<HashMap<i64, Vec<(i64, String)>>, StoreError> {
    let mut ids: Vec<i64> = pairs.iter().map(|(_, o)| *o).collect();
    ids.sort_unstable();
    ids.dedup();
    let names = organizations::names(db, &ids).await?;
    let mut by_event: HashMap<i64, Vec<(i64, String)>> = HashMap::new();
    for (event, organization) in pairs {
        if let Some(name) = names.get(&organization) {
            by_event
                .entry(event)
                .or_default()
                .push((organization, name.clone()));
        }
    }
    Ok(by_event)
}

/// The organisations that may organise an event of `space`: approved and listed in the space
/// itself, or in a public space among `nearby` (its ancestors and the spaces below it). An
/// event is read by everyone who may read its space, so it may only name what all of them may
/// see. By name.
pub async fn organizers_in(
    db: &Db,
    space: SpaceId,
    nearby: &[SpaceId],
    limit: i64,
) -> Result<Vec<Organizer>, StoreError> {
    organizations::may_act_in(db, space, nearby, limit).await
}

/// Which of `organizations` may organise an event of `space` (see [`organizers_in`]).
pub async fn allowed_organizers(
    db: &Db,
    space: SpaceId,
    nearby: &[SpaceId],
    organizations: &[i64],
) -> Result<Vec<i64>, StoreError> {
    organizations::allowed_in(db, space, nearby, organizations).await
}

/// Which of `ids` name no organisation at all.
pub async fn unknown_organizations(db: &Db, ids: &[i64]) -> Result<Vec<i64>, StoreError> {
    organizations::unknown(db, ids).await
}

/// The organisations `user` administers.
pub async fn administered_organizations(
    db: &Db,
    user: UserId,
) -> Result<Vec<Organizer>, StoreError> {
    organizations::administered_by(db, user).await
}

/// The name of organisation `id` if it is approved and listed in one of `spaces`: what readers
/// of those spaces may know of it.
pub async fn listed_organization_name(
    db: &Db,
    id: i64,
    spaces: &[SpaceId],
) -> Result<Option<String>, StoreError> {
    organizations::listed_name(db, OrganizationId(id), spaces).await
}

pub async fn organization_name(db: &Db, id: i64) -> Result<String, StoreError> {
    organizations::name(db, OrganizationId(id)).await
}
