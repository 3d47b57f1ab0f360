//! The resource map: approved organisations, resources on offer and open needs that have a
//! location, in a space and the spaces below it that the reader may see (a city's map includes
//! its neighbourhoods').
//!
//! Two views of the same places: `GET /spaces/{slug}/map.geojson`, an RFC 7946 feature
//! collection, and the map page, which is an accessible list that works without JavaScript and
//! that `assets/map.js` turns into a Leaflet map (markers, clusters, popups, live filters).
//!
//! Without parameters the GeoJSON holds every place (open data). The map asks for its viewport
//! only (`bbox=west,south,east,north`) and says its `zoom`: when the viewport holds more places
//! than a map can usefully draw, they come grouped on a grid of screen squares
//! ([`cospace_core::geo::grid_clusters`]), each group as one feature with its count and box,
//! and only lone places with their popup contents. Every response carries a weak `ETag`, so an
//! unchanged map is answered with `304 Not Modified`.
//! Contacts appear in both only as far as the reader may see them: the filter is in the query
//! (`store::contacts`), exactly as on the organisation page.
//!
//! Leaflet and Leaflet.markercluster come from the npm registry at build time (`build.rs`) and
//! are embedded here as the component's assets; without npm the crate is built with
//! `cfg(cospace_no_leaflet)` and the page shows the list alone, with a note.

use crate::permissions::{self, Action};
use crate::service;
use crate::store::space_list;
use crate::store::{self, Contact, Item, ItemType, ListedOrganization};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use cospace_core::geo::{self, BoundingBox, Point};
use cospace_core::stakeholders::{Kind, NeedStatus, Sector, Urgency};
use cospace_core::{FieldError, SpaceId};
use cospace_store::{in_ids, with_db, Db, IdList, StoreError};
use cospace_web::error::{ErrorReport, PageError};
use cospace_web::i18n::Localizer;
use cospace_web::kit::SpaceHeader;
use cospace_web::pages::{render, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::{AppState, StaticAsset};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// Binds an [`Area`]'s parameters, in the order of [`Area::condition`].
macro_rules! bind_area {
    ($query:expr, $area:expr, $ids:expr) => {
        match $area {
            Area::Everywhere => $query,
            Area::Within(b) => $query.bind(b.south).bind(b.north).bind(b.west).bind(b.east),
            Area::Only(_) => $query.bind($ids),
        }
    };
}

mod assets;
mod features;
mod load;
mod model;
mod page;
mod queries;
#[cfg(test)]
mod tests;

// The map's parts see each other through this module; outside it, the handlers and the
// assets are its interface.
use features::*;
use load::*;
use model::*;
use queries::*;

pub use assets::{asset_url, ASSETS, LEAFLET_AVAILABLE};
pub use features::geojson;
pub use model::{Area, Filter, MapQuery, Selection, Show, Viewport};
pub use page::page;
