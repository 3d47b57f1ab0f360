//! What the calendar shows of records it does not own, read after its own queries: the venues
//! of events, from whichever component provides the directory (`cospace_web::directory`), the
//! links to venue and organisation pages where that component is enabled, and the last changes
//! of organisers and venues that feeds must notice. Where no component provides a directory,
//! events have no venue place and no links, and everything else works.

use crate::store::{self, EventRow, FeedIndexRow, Venue};
use cospace_core::SpaceId;
use cospace_store::{organizations, StoreError};
use cospace_web::directory::Provided;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use std::collections::HashMap;

fn directory(state: &AppState) -> Option<Provided> {
    state.directory()
}

/// The venues among `ids`, by id (one query for all of them).
async fn venues_by_id(state: &AppState, ids: &[i64]) -> Result<HashMap<i64, Venue>, StoreError> {
    let Some(venues) = directory(state) else {
        return Ok(HashMap::new());
    };
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(venues
        .directory
        .venues_by_ids(&state.db, ids)
        .await?
        .into_iter()
        .map(|v| (v.id, v))
        .collect())
}

/// Fills in the venue's name, address and point of each event that has one.
pub async fn attach(state: &AppState, rows: &mut [EventRow]) -> Result<(), StoreError> {
    let mut ids: Vec<i64> = rows.iter().filter_map(|r| r.venue_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let venues = venues_by_id(state, &ids).await?;
    for row in rows {
        if let Some(venue) = row.venue_id.and_then(|id| venues.get(&id)) {
            row.venue_title = Some(venue.title.clone());
            row.venue_address = Some(venue.address.clone());
            row.venue_lat = venue.lat;
            row.venue_lon = venue.lon;
        }
    }
    Ok(())
}

/// One event with its venue filled in.
pub async fn event(state: &AppState, id: i64) -> Result<EventRow, StoreError> {
    let mut row = [store::event(&state.db, id).await?];
    attach(state, &mut row).await?;
    let [row] = row;
    Ok(row)
}

/// The venue `id`, if an event of `space` may take place there (none where no component
/// provides venues).
pub async fn usable_venue(
    state: &AppState,
    space: SpaceId,
    nearby: &[SpaceId],
    id: i64,
) -> Result<Option<Venue>, StoreError> {
    match directory(state) {
        Some(venues) => {
            venues
                .directory
                .usable_venue(&state.db, space, nearby, id)
                .await
        }
        None => Ok(None),
    }
}

/// Up to `limit` venues an event of `space` may take place at, by name.
pub async fn usable_venues(
    state: &AppState,
    space: SpaceId,
    nearby: &[SpaceId],
    limit: i64,
) -> Result<Vec<Venue>, StoreError> {
    match directory(state) {
        Some(venues) => {
            venues
                .directory
                .usable_venues(&state.db, space, nearby, limit)
                .await
        }
        None => Ok(Vec::new()),
    }
}

/// The link to a venue's page in the space of `context`, only where the component that
/// provides venues is enabled there: elsewhere its page does not exist.
pub fn venue_href(state: &AppState, context: &SpaceContext, venue: i64) -> Option<String> {
    let provided = directory(state)?;
    provided
        .has_pages_in(&context.enabled)
        .then(|| provided.directory.venue_path(&context.space.slug, venue))
}

/// The links to the pages of `organizations` in the space of `context`, by id: none where the
/// component that shows organisations is not enabled there.
pub fn organization_hrefs(
    state: &AppState,
    context: &SpaceContext,
    organizations: &[(i64, String)],
) -> HashMap<i64, String> {
    match directory(state) {
        Some(provided) if provided.has_pages_in(&context.enabled) => organizations
            .iter()
            .map(|(id, _)| {
                let path = provided
                    .directory
                    .organization_path(&context.space.slug, *id);
                (*id, path)
            })
            .collect(),
        _ => HashMap::new(),
    }
}

/// Events by id with their organisers and venues, for a feed.
pub async fn feed_events_by_id(
    state: &AppState,
    events: &[i64],
) -> Result<(Vec<EventRow>, HashMap<i64, Vec<(i64, String)>>), StoreError> {
    let (mut rows, organizers) = store::feed_events_by_id(&state.db, events).await?;
    attach(state, &mut rows).await?;
    Ok((rows, organizers))
}

/// Microseconds of the latest change among `stamps`, 0 for none.
fn latest<'a>(stamps: impl Iterator<Item = &'a chrono::DateTime<chrono::Utc>>) -> i64 {
    stamps.map(|t| t.timestamp_micros()).max().unwrap_or(0)
}

/// The events of `spaces` in a feed from `from` (UTC seconds) on, each with its whole version:
/// its own, its organisers' and its venue's last change.
pub async fn feed_index(
    state: &AppState,
    spaces: &[SpaceId],
    from: i64,
) -> Result<Vec<FeedIndexRow>, StoreError> {
    let mut index = store::feed_index(&state.db, spaces, from).await?;
    let mut organizers: Vec<i64> = index.iter().flat_map(|r| r.organizers.clone()).collect();
    organizers.sort_unstable();
    organizers.dedup();
    let mut venues: Vec<i64> = index.iter().filter_map(|r| r.venue_id).collect();
    venues.sort_unstable();
    venues.dedup();
    let organizers_at = organizations::changed_at(&state.db, &organizers).await?;
    let venues = venues_by_id(state, &venues).await?;
    for row in &mut index {
        row.version[2] = latest(row.organizers.iter().filter_map(|o| organizers_at.get(o)));
        row.version[3] = latest(
            row.venue_id
                .and_then(|v| venues.get(&v))
                .map(|v| &v.updated_at)
                .into_iter(),
        );
    }
    Ok(index)
}

/// A cheap fingerprint of a feed of `spaces` from `from` (UTC seconds) on: it changes whenever
/// an event is added, changed or leaves the window, or an organisation or venue named in one
/// changes.
pub async fn feed_fingerprint(
    state: &AppState,
    spaces: &[SpaceId],
    from: i64,
) -> Result<String, StoreError> {
    let aggregate = store::feed_aggregate(&state.db, spaces, from).await?;
    let organizers = organizations::changed_at(&state.db, &aggregate.organizers).await?;
    let venues = venues_by_id(state, &aggregate.venues).await?;
    Ok(format!(
        "{}:{}:{}",
        aggregate.events,
        latest(organizers.values()),
        latest(venues.values().map(|v| &v.updated_at))
    ))
}
