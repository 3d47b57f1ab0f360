//! What one component offers others without either importing the other: a directory of the
//! venues where things of a space can happen (places offered by organisations), and the pages
//! that show a venue or an organisation. The stakeholders component provides it through its
//! manifest ([`crate::Component::directory`]); the calendar reads venue names and places for
//! its events, offers a choice of venues and links to those pages, through
//! [`AppState::directory`].
//! Where no component provides a directory, a component that uses it works without: no venue
//! choice, no place from a venue, no links.

use crate::AppState;
use chrono::{DateTime, Utc};
use cospace_core::geo::Point;
use cospace_core::SpaceId;
use cospace_store::{Db, StoreError};
use std::future::Future;
use std::pin::Pin;

/// What a directory answers, later: a boxed future, so that the manifest can hold a directory
/// as a trait object.
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

/// Venues and the pages of venues and organisations. Whoever may read a space may see every
/// venue offered for it, so a directory answers only with venues every reader of the space
/// may see.
pub trait Directory: Send + Sync {
    /// The venues among `ids` that exist, in any order: what records that name them show.
    fn venues_by_ids<'a>(&'a self, db: &'a Db, ids: &'a [i64]) -> Lookup<'a, Vec<Venue>>;

    /// The venue `id`, if something of `space` may take place there. `nearby` are the spaces
    /// above and below it, whose public venues it may use too.
    fn usable_venue<'a>(
        &'a self,
        db: &'a Db,
        space: SpaceId,
        nearby: &'a [SpaceId],
        id: i64,
    ) -> Lookup<'a, Option<Venue>>;

    /// Up to `limit` venues something of `space` may take place at, by name.
    fn usable_venues<'a>(
        &'a self,
        db: &'a Db,
        space: SpaceId,
        nearby: &'a [SpaceId],
        limit: i64,
    ) -> Lookup<'a, Vec<Venue>>;

    /// The path of a venue's page in the space `slug`.
    fn venue_path(&self, slug: &str, venue: i64) -> String;

    /// The path of an organisation's page in the space `slug`.
    fn organization_path(&self, slug: &str, organization: i64) -> String;
}

/// The directory of this server and the component that provides it.
#[derive(Clone, Copy)]
pub struct Provided {
    /// The key of the providing component: its pages exist only in spaces that enable it.
    pub component: &'static str,
    pub directory: &'static dyn Directory,
}

impl Provided {
    /// Whether the providing component's pages exist in a space whose enabled components are
    /// `enabled`: links to them are shown only there.
    pub fn has_pages_in(&self, enabled: &[String]) -> bool {
        enabled.iter().any(|key| key == self.component)
    }
}

impl AppState {
    /// The directory of this server, if one of its components provides one.
    pub fn directory(&self) -> Option<Provided> {
        self.registry.all().iter().find_map(|c| {
            c.directory.map(|directory| Provided {
                component: c.key,
                directory,
            })
        })
    }
}
