//! Directories that one component provides and others use without importing it: today the
//! venues (places where things of a space can happen). The stakeholders component offers its
//! resources of kind `venue` through its manifest ([`crate::Component::venues`]); the calendar
//! reads venue names and places for its events, and offers a choice of venues, through
//! [`venues`]. Where no component provides venues, a component that uses them works without:
//! no choice, no place from a venue, no link.

use crate::AppState;
use chrono::{DateTime, Utc};
use cospace_core::geo::Point;
use cospace_core::SpaceId;
use cospace_store::{Db, StoreError};
use std::future::Future;
use std::pin::Pin;

/// What a directory answers, later: a boxed future, so a directory can be a trait object that
/// the manifest holds.
pub type Lookup<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// A place where an event or a session may happen.
#[derive(Debug, Clone, PartialEq)]
pub struct Venue {
    pub id: i64,
    pub title: String,
    /// The name of the organisation that offers it.
    pub organization_name: String,
    pub address: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The space it is offered in.
    pub space_id: i64,
    /// When its description last changed, for caches of what shows it (feeds).
    pub updated_at: DateTime<Utc>,
}

impl Venue {
    pub fn point(&self) -> Option<Point> {
        Some(Point {
            lat: self.lat?,
            lon: self.lon?,
        })
    }
}

/// The venues a component offers. Whoever may read a space may see every venue offered for it,
/// so a directory answers only with venues every reader of the space may see.
pub trait VenueDirectory: Send + Sync {
    /// The venues among `ids` that exist, in any order: what records that name them show.
    fn by_ids<'a>(&'a self, db: &'a Db, ids: &'a [i64]) -> Lookup<'a, Vec<Venue>>;

    /// The venue `id`, if something of `space` may take place there. `nearby` are the spaces
    /// above and below it, whose public venues it may use too.
    fn usable<'a>(
        &'a self,
        db: &'a Db,
        space: SpaceId,
        nearby: &'a [SpaceId],
        id: i64,
    ) -> Lookup<'a, Option<Venue>>;

    /// Up to `limit` venues something of `space` may take place at, by name.
    fn usable_in<'a>(
        &'a self,
        db: &'a Db,
        space: SpaceId,
        nearby: &'a [SpaceId],
        limit: i64,
    ) -> Lookup<'a, Vec<Venue>>;

    /// The path of the venue's page, inside the providing component, in the space `slug`.
    fn page_path(&self, slug: &str, id: i64) -> String;
}

/// A directory of venues and the component that provides it.
#[derive(Clone, Copy)]
pub struct Provided<D: ?Sized + 'static> {
    /// The key of the providing component: its pages exist only in spaces that enable it.
    pub component: &'static str,
    pub directory: &'static D,
}

/// The venue directory of this server, if one of its components provides one.
pub fn venues(state: &AppState) -> Option<Provided<dyn VenueDirectory>> {
    state.registry.all().iter().find_map(|c| {
        c.venues.map(|directory| Provided {
            component: c.key,
            directory,
        })
    })
}
