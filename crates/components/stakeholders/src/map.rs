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
use crate::store::placeholders;
use crate::store::{self, Contact, Item, ItemType, ListedOrganization};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use cospace_core::geo::{self, BoundingBox, Point};
use cospace_core::stakeholders::{Kind, NeedStatus, Sector, Urgency};
use cospace_core::{FieldError, SpaceId};
use cospace_store::{with_db, Db, StoreError};
use cospace_web::error::{ErrorReport, PageError};
use cospace_web::i18n::Localizer;
use cospace_web::pages::{render, Page};
use cospace_web::platform::spaces::SpaceHeader;
use cospace_web::space_context::SpaceContext;
use cospace_web::{AppState, StaticAsset};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// Whether the build fetched Leaflet (false when npm was unavailable: the page is list-only).
pub const LEAFLET_AVAILABLE: bool = !cfg!(cospace_no_leaflet);

macro_rules! vendored {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/vendor/", $name))
    };
}

const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

/// The component's assets: the vendored libraries with their licences, and the map's own
/// script and stylesheet. Served at `/assets/stakeholders/{name}`.
pub const ASSETS: &[StaticAsset] = &[
    StaticAsset {
        name: "leaflet.js",
        content_type: JS,
        body: vendored!("leaflet.js"),
    },
    StaticAsset {
        name: "leaflet.css",
        content_type: CSS,
        body: vendored!("leaflet.css"),
    },
    StaticAsset {
        name: "leaflet-LICENSE.txt",
        content_type: TEXT,
        body: vendored!("leaflet-LICENSE.txt"),
    },
    StaticAsset {
        name: "leaflet.markercluster.js",
        content_type: JS,
        body: vendored!("leaflet.markercluster.js"),
    },
    StaticAsset {
        name: "MarkerCluster.css",
        content_type: CSS,
        body: vendored!("MarkerCluster.css"),
    },
    StaticAsset {
        name: "MarkerCluster.Default.css",
        content_type: CSS,
        body: vendored!("MarkerCluster.Default.css"),
    },
    StaticAsset {
        name: "leaflet.markercluster-LICENSE.txt",
        content_type: TEXT,
        body: vendored!("leaflet.markercluster-LICENSE.txt"),
    },
    StaticAsset {
        name: "map.js",
        content_type: JS,
        body: include_bytes!("../assets/map.js"),
    },
    StaticAsset {
        name: "map.css",
        content_type: CSS,
        body: include_bytes!("../assets/map.css"),
    },
];

/// The cache-busting URL of one of [`ASSETS`].
pub fn asset_url(name: &str) -> String {
    ASSETS
        .iter()
        .find(|a| a.name == name)
        .map(|a| cospace_web::assets::component_url("stakeholders", a))
        .unwrap_or_else(|| format!("/assets/stakeholders/{name}"))
}

/// How many places of each type the GeoJSON carries at most.
pub const GEOJSON_LIMIT: i64 = 5000;
/// How many places of each type the page lists at most (the directory pages through all).
pub const LIST_LIMIT: i64 = 200;
/// A viewport with more places than this comes clustered, when the map says its zoom: the
/// map then draws at most one marker per grid square.
pub const VIEWPORT_PLACES: usize = 300;
/// From this zoom on nothing is clustered: places apart by a few metres are apart on screen.
pub const UNCLUSTERED_ZOOM: f64 = 18.0;
/// The side of a clustering square, in screen pixels (a cluster icon is 40).
pub const CLUSTER_CELL_PX: f64 = 64.0;
/// How many positions of each type clustering reads at most (a whole city has a few hundred
/// thousand; this bounds the work one request can cause).
pub const CLUSTER_READ_LIMIT: i64 = 100_000;

/// Which places to show: everything, or organisations, resources (offers) or needs only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    All,
    Organizations,
    Resources,
    Needs,
}

impl Show {
    pub fn parse(input: &str) -> Show {
        match input.trim() {
            "organizations" | "organization" => Show::Organizations,
            "resources" | "resource" | "offers" | "offer" => Show::Resources,
            "needs" | "need" => Show::Needs,
            _ => Show::All,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Organizations => "organizations",
            Show::Resources => "resources",
            Show::Needs => "needs",
        }
    }

    fn wants(self, what: Show) -> bool {
        self == Show::All || self == what
    }
}

/// The filters, from the query string of both the page and the GeoJSON, and the viewport
/// (GeoJSON only).
#[derive(Debug, Deserialize, Default)]
pub struct MapQuery {
    #[serde(default)]
    show: String,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    kind: String,
    /// `west,south,east,north` in degrees.
    #[serde(default)]
    bbox: String,
    /// The map's zoom level (0 = the whole world on one 256-pixel tile).
    #[serde(default)]
    zoom: String,
}

/// What part of the map is asked for, and at which zoom. Unlike the filters, a viewport is
/// validated strictly: a wrong one would silently show the wrong places.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Viewport {
    pub bbox: Option<BoundingBox>,
    pub zoom: Option<f64>,
}

impl Viewport {
    pub fn parse(query: &MapQuery) -> Result<Viewport, FieldError> {
        let bbox = match query.bbox.trim() {
            "" => None,
            text => Some(BoundingBox::parse(text)?),
        };
        let zoom = match query.zoom.trim() {
            "" => None,
            text => Some(
                text.parse::<f64>()
                    .ok()
                    .filter(|z| (0.0..=geo::MAX_ZOOM).contains(z))
                    .ok_or(FieldError::new("zoom", "error-zoom"))?,
            ),
        };
        Ok(Viewport { bbox, zoom })
    }
}

/// Which places of one type to load: all, those in a box, or those with the given ids.
#[derive(Debug, Clone, Copy)]
pub enum Area<'a> {
    Everywhere,
    Within(BoundingBox),
    Only(&'a [i64]),
}

impl Area<'_> {
    /// The SQL condition on `alias`'s `id`, `lat` and `lon`, with parameters from `$next` on
    /// (advanced past them). A list of ids travels as one JSON parameter.
    fn condition(&self, db: &Db, alias: &str, next: &mut usize) -> String {
        let n = *next;
        match self {
            Area::Everywhere => String::new(),
            Area::Within(_) => {
                *next += 4;
                format!(
                    " AND {alias}.lat BETWEEN ${n} AND ${} AND {alias}.lon BETWEEN ${} AND ${}",
                    n + 1,
                    n + 2,
                    n + 3
                )
            }
            Area::Only(_) => {
                *next += 1;
                match db {
                    Db::Sqlite(_) => {
                        format!(" AND {alias}.id IN (SELECT value FROM json_each(${n}))")
                    }
                    Db::Postgres(_) => format!(
                        " AND {alias}.id IN (SELECT jsonb_array_elements_text(${n}::jsonb)::BIGINT)"
                    ),
                }
            }
        }
    }

    /// The ids as the JSON array [`Area::condition`] binds.
    fn ids_json(&self) -> String {
        match self {
            Area::Only(ids) => serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_owned()),
            _ => String::new(),
        }
    }
}

/// The area of each type of place to load.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'a> {
    pub organizations: Area<'a>,
    pub resources: Area<'a>,
    pub needs: Area<'a>,
}

impl Selection<'_> {
    pub fn within(bbox: Option<BoundingBox>) -> Selection<'static> {
        let area = bbox.map_or(Area::Everywhere, Area::Within);
        Selection {
            organizations: area,
            resources: area,
            needs: area,
        }
    }
}

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

/// Parsed filters: `sector` narrows organisations, `kind` resources and needs.
#[derive(Debug, Clone, Copy)]
pub struct Filter {
    pub show: Show,
    pub sector: Option<Sector>,
    pub kind: Option<Kind>,
}

impl Filter {
    pub fn parse(query: &MapQuery) -> Filter {
        Filter {
            show: Show::parse(&query.show),
            sector: Sector::parse(&query.sector).ok(),
            kind: Kind::parse(&query.kind).ok(),
        }
    }

    /// The filters as a query string (codes only, so nothing needs escaping).
    pub fn query_string(&self) -> String {
        format!(
            "show={}&sector={}&kind={}",
            self.show.as_str(),
            self.sector.map(Sector::as_str).unwrap_or_default(),
            self.kind.map(Kind::as_str).unwrap_or_default()
        )
    }
}

/// A contact as the map shows it (only ever one the reader may see).
#[derive(Debug, Clone)]
pub struct ContactView {
    pub person: String,
    pub role: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub visibility: String,
    pub visibility_label: String,
}

/// One place on the map: an organisation, a resource or a need, with what its popup shows.
#[derive(Debug, Clone)]
pub struct Place {
    /// `organization`, `resource` or `need`.
    pub what: &'static str,
    pub id: i64,
    pub title: String,
    /// The sector (organisations) or kind (resources, needs) code, and its label.
    pub code: String,
    pub label: String,
    pub href: String,
    pub address: String,
    /// The organisation of a resource or need: its name and page ("" for organisations).
    pub organization: String,
    pub organization_href: String,
    /// Capacity and availability of a resource, urgency and status of a need.
    pub detail: String,
    pub urgency: String,
    pub status: String,
    pub website: Option<String>,
    pub contacts: Vec<ContactView>,
    pub lat: f64,
    pub lon: f64,
}

impl Place {
    /// The place as an RFC 7946 feature: longitude first, WGS 84, no `crs` member.
    pub fn feature(&self) -> Value {
        let mut properties = json!({
            "type": self.what,
            "id": self.id,
            "title": self.title,
            "label": self.label,
            "url": self.href,
            "address": self.address,
        });
        let extra = match self.what {
            "organization" => json!({
                "name": self.title,
                "sector": self.code,
                "website": self.website,
                "contacts": self.contacts.iter().map(|c| json!({
                    "person": c.person,
                    "role": c.role,
                    "email": c.email,
                    "phone": c.phone,
                    "visibility": c.visibility,
                })).collect::<Vec<_>>(),
            }),
            _ => {
                let mut extra = json!({
                    "kind": self.code,
                    "organization": self.organization,
                    "organization_url": self.organization_href,
                    "detail": self.detail,
                });
                if self.what == "need" {
                    extra["urgency"] = json!(self.urgency);
                    extra["status"] = json!(self.status);
                }
                extra
            }
        };
        if let (Value::Object(properties), Value::Object(extra)) = (&mut properties, extra) {
            properties.extend(extra);
        }
        json!({
            "type": "Feature",
            "id": format!("{}-{}", self.what, self.id),
            "geometry": {
                "type": "Point",
                "coordinates": [rounded(self.lon), rounded(self.lat)],
            },
            "properties": properties,
        })
    }
}

/// A coordinate to 7 decimals (about a centimetre), as RFC 7946 advises against false
/// precision; it also drops floating-point noise such as 19.900000000000002.
fn rounded(degrees: f64) -> f64 {
    (degrees * 1e7).round() / 1e7
}

/// The places of one type, and whether the limit cut the list short.
#[derive(Debug, Default)]
pub struct Group {
    pub places: Vec<Place>,
    pub truncated: bool,
}

/// Everything the map shows for one reader and one set of filters.
#[derive(Debug, Default)]
pub struct Places {
    pub organizations: Group,
    pub resources: Group,
    pub needs: Group,
}

impl Places {
    /// The places as RFC 7946 features: organisations, resources, then needs.
    pub fn features(&self) -> Vec<Value> {
        [&self.organizations, &self.resources, &self.needs]
            .iter()
            .flat_map(|g| g.places.iter().map(Place::feature))
            .collect()
    }
}

/// The largest scope for which PostgreSQL is steered to look organisations up by key.
const KEY_LOOKUP_SCOPE: usize = 4;

/// An extra condition on `o.id` for PostgreSQL, repeating the listing in `spaces` ($1…):
/// with its default costs (`random_page_cost = 4`) it would rather scan every organisation
/// than look up the two thousand listed in a neighbourhood by key, which is about ten times
/// faster; the ids as an array lead it to the lookups. A city's tens of thousands are better
/// scanned, so only a small scope gets the condition; SQLite plans well without it.
fn by_key_hint(db: &Db, spaces: &[SpaceId]) -> String {
    match db {
        Db::Postgres(_) if spaces.len() <= KEY_LOOKUP_SCOPE => format!(
            " AND o.id = ANY(ARRAY(SELECT organization_id FROM organization_spaces
               WHERE space_id IN ({}) AND status = 'approved'))",
            placeholders(1, spaces.len())
        ),
        _ => String::new(),
    }
}

/// Approved organisations with a location in `spaces`, by name; an organisation listed in
/// several of them comes once per listing (the caller keeps one).
async fn located_organizations(
    db: &Db,
    spaces: &[SpaceId],
    sector: Option<Sector>,
    area: Area<'_>,
    limit: i64,
) -> Result<Vec<ListedOrganization>, StoreError> {
    if spaces.is_empty() || matches!(area, Area::Only(ids) if ids.is_empty()) {
        return Ok(Vec::new());
    }
    let mut next = 1 + spaces.len();
    let sector_filter = if sector.is_some() {
        next += 1;
        format!("AND o.sector = ${}", next - 1)
    } else {
        String::new()
    };
    let area_filter = area.condition(db, "o", &mut next);
    let hint = match area {
        Area::Only(_) => String::new(),
        _ => by_key_hint(db, spaces),
    };
    let ids = area.ids_json();
    let sql = format!(
        "SELECT {}, l.space_id, l.status FROM organization_spaces l
         JOIN organizations o ON o.id = l.organization_id
         WHERE l.space_id IN ({}) AND l.status = 'approved'
           AND o.lat IS NOT NULL AND o.lon IS NOT NULL {sector_filter}{area_filter}{hint}
         ORDER BY o.name, o.id, l.space_id LIMIT ${next}",
        store::ORG_COLUMNS,
        placeholders(1, spaces.len()),
    );
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, ListedOrganization>(&sql);
        for space in spaces {
            query = query.bind(space.0);
        }
        if let Some(sector) = sector {
            query = query.bind(sector.as_str());
        }
        query = bind_area!(query, area, &ids);
        query.bind(limit).fetch_all(pool).await
    })?)
}

/// Resources, or open needs, with a location in `spaces`, by title.
async fn located_items(
    db: &Db,
    item_type: ItemType,
    spaces: &[SpaceId],
    kind: Option<Kind>,
    area: Area<'_>,
    limit: i64,
) -> Result<Vec<Item>, StoreError> {
    if spaces.is_empty() || matches!(area, Area::Only(ids) if ids.is_empty()) {
        return Ok(Vec::new());
    }
    let mut next = 1 + spaces.len();
    let mut filters = String::new();
    if kind.is_some() {
        filters.push_str(&format!(" AND i.kind = ${next}"));
        next += 1;
    }
    if item_type == ItemType::Need {
        filters.push_str(&format!(" AND i.status = ${next}"));
        next += 1;
    }
    filters.push_str(&area.condition(db, "i", &mut next));
    let ids = area.ids_json();
    let sql = format!(
        "{} WHERE i.space_id IN ({}) AND i.lat IS NOT NULL AND i.lon IS NOT NULL{filters}
         ORDER BY i.title, i.id LIMIT ${next}",
        item_type.select(),
        placeholders(1, spaces.len()),
    );
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, Item>(&sql);
        for space in spaces {
            query = query.bind(space.0);
        }
        if let Some(kind) = kind {
            query = query.bind(kind.as_str());
        }
        if item_type == ItemType::Need {
            query = query.bind(NeedStatus::Open.as_str());
        }
        query = bind_area!(query, area, &ids);
        query.bind(limit).fetch_all(pool).await
    })?)
}

/// The ids and positions of the places of one type, in no particular order: all clustering
/// needs, read without joining or decoding anything else.
async fn positions(
    db: &Db,
    what: Show,
    spaces: &[SpaceId],
    filter: &Filter,
    bbox: Option<BoundingBox>,
    limit: i64,
) -> Result<Vec<(i64, Point)>, StoreError> {
    if spaces.is_empty() {
        return Ok(Vec::new());
    }
    let area = bbox.map_or(Area::Everywhere, Area::Within);
    let mut next = 1 + spaces.len();
    let mut filters = String::new();
    let code = match what {
        Show::Organizations => filter.sector.map(Sector::as_str),
        _ => filter.kind.map(Kind::as_str),
    };
    if code.is_some() {
        let column = if what == Show::Organizations {
            "o.sector"
        } else {
            "i.kind"
        };
        filters.push_str(&format!(" AND {column} = ${next}"));
        next += 1;
    }
    if what == Show::Needs {
        filters.push_str(&format!(" AND i.status = ${next}"));
        next += 1;
    }
    let (from, alias) = match what {
        Show::Organizations => (
            "organization_spaces l JOIN organizations o ON o.id = l.organization_id",
            "o",
        ),
        Show::Resources => ("resources i", "i"),
        _ => ("needs i", "i"),
    };
    filters.push_str(&area.condition(db, alias, &mut next));
    let listed = if what == Show::Organizations {
        "l.space_id"
    } else {
        "i.space_id"
    };
    let approved = if what == Show::Organizations {
        format!(" AND l.status = 'approved'{}", by_key_hint(db, spaces))
    } else {
        String::new()
    };
    // One row of text per type ("id,lat,lon;…") rather than a row per place: thousands of
    // rows cost more in the driver (each crosses from its worker thread) than in the database.
    let concat = match db {
        Db::Sqlite(_) => "group_concat",
        Db::Postgres(_) => "string_agg",
    };
    let sql = format!(
        "SELECT {concat}(p.id || ',' || p.lat || ',' || p.lon, ';') FROM (
            SELECT {alias}.id AS id, {alias}.lat AS lat, {alias}.lon AS lon FROM {from}
            WHERE {listed} IN ({}){approved}
              AND {alias}.lat IS NOT NULL AND {alias}.lon IS NOT NULL{filters}
            LIMIT ${next}
         ) p",
        placeholders(1, spaces.len()),
    );
    let packed: Option<String> = with_db!(db, |pool| {
        let mut query = sqlx::query_scalar(&sql);
        for space in spaces {
            query = query.bind(space.0);
        }
        if let Some(code) = code {
            query = query.bind(code);
        }
        if what == Show::Needs {
            query = query.bind(NeedStatus::Open.as_str());
        }
        query = bind_area!(query, area, String::new());
        query.bind(limit).fetch_one(pool).await
    })?;
    // An organisation listed in several of the spaces comes once per listing.
    let mut seen = HashSet::new();
    Ok(unpack_positions(packed.as_deref().unwrap_or(""))
        .into_iter()
        .filter(|(id, _)| what != Show::Organizations || seen.insert(*id))
        .collect())
}

/// Reads "id,lat,lon;id,lat,lon;…" as written by [`positions`]' query; anything else is
/// skipped.
fn unpack_positions(packed: &str) -> Vec<(i64, Point)> {
    packed
        .split(';')
        .filter_map(|entry| {
            let mut parts = entry.split(',');
            let id = parts.next()?.trim().parse::<i64>().ok()?;
            let lat = parts.next()?.trim().parse::<f64>().ok()?;
            let lon = parts.next()?.trim().parse::<f64>().ok()?;
            (parts.next().is_none() && lat.is_finite() && lon.is_finite())
                .then_some((id, Point { lat, lon }))
        })
        .collect()
}

/// The box around every place the filters leave, for the map to start from.
pub async fn extent(
    db: &Db,
    spaces: &[SpaceId],
    filter: &Filter,
) -> Result<Option<BoundingBox>, StoreError> {
    let mut found: Option<BoundingBox> = None;
    for what in [Show::Organizations, Show::Resources, Show::Needs] {
        if !filter.show.wants(what) || spaces.is_empty() {
            continue;
        }
        let mut next = 1 + spaces.len();
        let code = match what {
            Show::Organizations => filter.sector.map(Sector::as_str),
            _ => filter.kind.map(Kind::as_str),
        };
        let sql = match what {
            Show::Organizations => format!(
                "SELECT MIN(o.lon), MIN(o.lat), MAX(o.lon), MAX(o.lat)
                 FROM organization_spaces l JOIN organizations o ON o.id = l.organization_id
                 WHERE l.space_id IN ({}) AND l.status = 'approved'{}",
                placeholders(1, spaces.len()),
                if code.is_some() {
                    format!(" AND o.sector = ${next}")
                } else {
                    String::new()
                }
            ),
            _ => {
                let mut filters = String::new();
                if code.is_some() {
                    filters.push_str(&format!(" AND i.kind = ${next}"));
                    next += 1;
                }
                if what == Show::Needs {
                    filters.push_str(&format!(" AND i.status = ${next}"));
                }
                format!(
                    "SELECT MIN(i.lon), MIN(i.lat), MAX(i.lon), MAX(i.lat) FROM {} i
                     WHERE i.space_id IN ({}){filters}",
                    if what == Show::Needs {
                        "needs"
                    } else {
                        "resources"
                    },
                    placeholders(1, spaces.len()),
                )
            }
        };
        type Corners = (Option<f64>, Option<f64>, Option<f64>, Option<f64>);
        let corners: Corners = with_db!(db, |pool| {
            let mut query = sqlx::query_as(&sql);
            for space in spaces {
                query = query.bind(space.0);
            }
            if let Some(code) = code {
                query = query.bind(code);
            }
            if what == Show::Needs {
                query = query.bind(NeedStatus::Open.as_str());
            }
            query.fetch_one(pool).await
        })?;
        if let (Some(west), Some(south), Some(east), Some(north)) = corners {
            let b = BoundingBox {
                west,
                south,
                east,
                north,
            };
            found = Some(found.map_or(b, |f| f.union(b)));
        }
    }
    Ok(found)
}

async fn slugs(db: &Db, spaces: &[SpaceId]) -> Result<HashMap<i64, String>, StoreError> {
    if spaces.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT id, slug FROM spaces WHERE id IN ({})",
        placeholders(1, spaces.len())
    );
    let rows: Vec<(i64, String)> = with_db!(db, |pool| {
        let mut query = sqlx::query_as(&sql);
        for space in spaces {
            query = query.bind(space.0);
        }
        query.fetch_all(pool).await
    })?;
    Ok(rows.into_iter().collect())
}

/// The contacts of `organizations` that the reader may see, by organisation (see
/// [`ContactReader`](crate::permissions::ContactReader)).
async fn visible_contacts(
    state: &AppState,
    context: &SpaceContext,
    organizations: &[i64],
) -> Result<HashMap<i64, Vec<Contact>>, StoreError> {
    let reader = service::contact_reader(state, context).await?;
    let mut by_org: HashMap<i64, Vec<Contact>> = HashMap::new();
    for contact in store::contacts(&state.db, organizations, &reader).await? {
        by_org
            .entry(contact.organization_id)
            .or_default()
            .push(contact);
    }
    Ok(by_org)
}

/// Translations asked for once per key: a map repeats a handful of labels thousands of times,
/// and each lookup formats a Fluent message.
struct Labels<'a> {
    l: &'a Localizer,
    cache: HashMap<String, String>,
}

impl<'a> Labels<'a> {
    fn new(l: &'a Localizer) -> Self {
        Self {
            l,
            cache: HashMap::new(),
        }
    }

    fn t(&mut self, key: &str) -> String {
        if let Some(found) = self.cache.get(key) {
            return found.clone();
        }
        let text = self.l.t(key);
        self.cache.insert(key.to_owned(), text.clone());
        text
    }

    fn capacity(&mut self, capacity: i64) -> String {
        let key = format!("capacity-of\u{0}{capacity}");
        if let Some(found) = self.cache.get(&key) {
            return found.clone();
        }
        let text = self.l.ta("capacity-of", "n", &capacity.to_string());
        self.cache.insert(key, text.clone());
        text
    }
}

fn item_detail(l: &mut Labels<'_>, item: &Item, item_type: ItemType) -> String {
    match item_type {
        ItemType::Resource => {
            let mut parts = Vec::new();
            if let Some(capacity) = item.capacity {
                parts.push(l.capacity(capacity));
            }
            if !item.availability.is_empty() {
                parts.push(item.availability.clone());
            }
            parts.join(" · ")
        }
        ItemType::Need => {
            let urgency = Urgency::parse(&item.urgency).unwrap_or(Urgency::Medium);
            let status = NeedStatus::parse(&item.status).unwrap_or(NeedStatus::Open);
            format!(
                "{} · {}",
                l.t(&urgency.label_key()),
                l.t(&status.label_key())
            )
        }
    }
}

/// Loads the places `context`'s reader may see in `scope`, filtered, at most `limit` of each
/// type.
pub async fn load(
    state: &AppState,
    context: &SpaceContext,
    l: &Localizer,
    scope: &[SpaceId],
    filter: &Filter,
    selection: Selection<'_>,
    limit: i64,
) -> Result<Places, StoreError> {
    let slugs = slugs(&state.db, scope).await?;
    let mut labels = Labels::new(l);
    let slug_of = |space: i64| {
        slugs
            .get(&space)
            .cloned()
            .unwrap_or_else(|| context.space.slug.clone())
    };
    let mut places = Places::default();
    if filter.show.wants(Show::Organizations) {
        let rows = located_organizations(
            &state.db,
            scope,
            filter.sector,
            selection.organizations,
            limit + 1,
        )
        .await?;
        // One entry per organisation, linked in this space when it is listed here.
        let mut order: Vec<i64> = Vec::new();
        let mut chosen: HashMap<i64, ListedOrganization> = HashMap::new();
        for row in rows {
            let id = row.organization.id;
            match chosen.get(&id) {
                None => {
                    order.push(id);
                    chosen.insert(id, row);
                }
                Some(_) if row.space_id == context.space.id => {
                    chosen.insert(id, row);
                }
                Some(_) => {}
            }
        }
        places.organizations.truncated = order.len() as i64 > limit;
        order.truncate(usize::try_from(limit).unwrap_or(0));
        let contacts = visible_contacts(state, context, &order).await?;
        for id in order {
            let Some(listed) = chosen.remove(&id) else {
                continue;
            };
            let org = listed.organization;
            let Some(point) = org.location() else {
                continue;
            };
            let sector = Sector::parse(&org.sector).ok();
            places.organizations.places.push(Place {
                what: "organization",
                id: org.id,
                href: format!(
                    "/spaces/{}/stakeholders/organizations/{}",
                    slug_of(listed.space_id),
                    org.id
                ),
                title: org.name,
                code: org.sector,
                label: sector.map(|s| labels.t(&s.label_key())).unwrap_or_default(),
                address: org.address,
                organization: String::new(),
                organization_href: String::new(),
                detail: String::new(),
                urgency: String::new(),
                status: String::new(),
                website: org.website,
                contacts: contacts
                    .get(&id)
                    .map(|list| {
                        list.iter()
                            .map(|c| ContactView {
                                person: c.person.clone(),
                                role: c.role.clone(),
                                email: c.email.clone(),
                                phone: c.phone.clone(),
                                visibility: c.visibility.clone(),
                                visibility_label: labels
                                    .t(&format!("contact-visibility-{}", c.visibility)),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                lat: point.lat,
                lon: point.lon,
            });
        }
    }
    for (item_type, what, show, area) in [
        (
            ItemType::Resource,
            "resource",
            Show::Resources,
            selection.resources,
        ),
        (ItemType::Need, "need", Show::Needs, selection.needs),
    ] {
        if !filter.show.wants(show) {
            continue;
        }
        let mut items =
            located_items(&state.db, item_type, scope, filter.kind, area, limit + 1).await?;
        let truncated = items.len() as i64 > limit;
        items.truncate(usize::try_from(limit).unwrap_or(0));
        let group = Group {
            truncated,
            places: items
                .iter()
                .filter_map(|item| {
                    let point = item.location()?;
                    let slug = slug_of(item.space_id);
                    Some(Place {
                        what,
                        id: item.id,
                        title: item.title.clone(),
                        code: item.kind.clone(),
                        label: labels.t(&item.kind().label_key()),
                        href: format!("/spaces/{slug}/stakeholders/{what}s/{}", item.id),
                        address: item.address.clone(),
                        organization: item.organization_name.clone(),
                        organization_href: format!(
                            "/spaces/{slug}/stakeholders/organizations/{}",
                            item.organization_id
                        ),
                        detail: item_detail(&mut labels, item, item_type),
                        urgency: item.urgency.clone(),
                        status: item.status.clone(),
                        website: None,
                        contacts: Vec::new(),
                        lat: point.lat,
                        lon: point.lon,
                    })
                })
                .collect(),
        };
        match item_type {
            ItemType::Resource => places.resources = group,
            ItemType::Need => places.needs = group,
        }
    }
    Ok(places)
}

fn require_read(context: &SpaceContext) -> Result<(), PageError> {
    if permissions::allows(context.role, context.space.visibility(), Action::Read) {
        Ok(())
    } else if context.viewer.signed_in() {
        Err(PageError::Forbidden)
    } else {
        Err(PageError::NotFound)
    }
}

/// A group of places drawn as one marker: the mean position, the box to zoom to, the count
/// and how many of each type it holds.
fn cluster_feature(cluster: &geo::Cluster, counts: [usize; 3]) -> Value {
    let b = cluster.bounds;
    json!({
        "type": "Feature",
        "bbox": [rounded(b.west), rounded(b.south), rounded(b.east), rounded(b.north)],
        "geometry": {
            "type": "Point",
            "coordinates": [rounded(cluster.centre.lon), rounded(cluster.centre.lat)],
        },
        "properties": {
            "type": "cluster",
            "count": cluster.members.len(),
            "organizations": counts[0],
            "resources": counts[1],
            "needs": counts[2],
        },
    })
}

/// The features of one viewport: every place in it when they are few (or the map is zoomed
/// far in, or says no zoom), otherwise clusters, and lone places with their popup contents.
async fn viewport_features(
    state: &AppState,
    context: &SpaceContext,
    l: &Localizer,
    scope: &[SpaceId],
    filter: &Filter,
    viewport: Viewport,
) -> Result<Vec<Value>, StoreError> {
    let Some(zoom) = viewport.zoom.filter(|z| *z < UNCLUSTERED_ZOOM) else {
        let places = load(
            state,
            context,
            l,
            scope,
            filter,
            Selection::within(viewport.bbox),
            GEOJSON_LIMIT,
        )
        .await?;
        return Ok(places.features());
    };
    let types = [Show::Organizations, Show::Resources, Show::Needs];
    let mut ids: [Vec<i64>; 3] = Default::default();
    let mut points: Vec<Point> = Vec::new();
    let mut type_of: Vec<usize> = Vec::new();
    for (t, what) in types.into_iter().enumerate() {
        if !filter.show.wants(what) {
            continue;
        }
        for (id, point) in positions(
            &state.db,
            what,
            scope,
            filter,
            viewport.bbox,
            CLUSTER_READ_LIMIT,
        )
        .await?
        {
            ids[t].push(id);
            points.push(point);
            type_of.push(t);
        }
    }
    let mut clusters = Vec::new();
    let mut alone: [Vec<i64>; 3] = Default::default();
    if points.len() <= VIEWPORT_PLACES {
        alone = ids.clone();
    } else {
        let mut index = [0usize; 3];
        let mut id_at = Vec::with_capacity(points.len());
        for &t in &type_of {
            id_at.push(ids[t][index[t]]);
            index[t] += 1;
        }
        for cluster in geo::grid_clusters(&points, zoom, CLUSTER_CELL_PX) {
            if let [only] = cluster.members[..] {
                alone[type_of[only]].push(id_at[only]);
            } else {
                let mut counts = [0usize; 3];
                for &m in &cluster.members {
                    counts[type_of[m]] += 1;
                }
                clusters.push(cluster_feature(&cluster, counts));
            }
        }
    }
    let places = load(
        state,
        context,
        l,
        scope,
        filter,
        Selection {
            organizations: Area::Only(&alone[0]),
            resources: Area::Only(&alone[1]),
            needs: Area::Only(&alone[2]),
        },
        GEOJSON_LIMIT,
    )
    .await?;
    let mut features = places.features();
    features.extend(clusters);
    Ok(features)
}

/// A 400 with problem details (RFC 9457) naming the parameter that is wrong.
fn bad_parameter(error: FieldError) -> Response {
    let mut response = StatusCode::BAD_REQUEST.into_response();
    response.extensions_mut().insert(ErrorReport {
        status: StatusCode::BAD_REQUEST,
        message_key: error.key,
        fields: vec![error.into()],
        api: true,
    });
    response
}

/// A weak entity tag for `body`: its SHA-256, shortened.
fn entity_tag(body: &str) -> String {
    let hash = cospace_store::secrets::hash_token(body);
    format!("W/\"{}\"", hash.get(..32).unwrap_or(&hash))
}

/// Whether an `If-None-Match` header names `tag` (weak comparison, RFC 9110 §13.1.2).
fn none_match(headers: &HeaderMap, tag: &str) -> bool {
    let opaque = |t: &str| t.trim().trim_start_matches("W/").to_owned();
    let wanted = opaque(tag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == "*" || opaque(t) == wanted)
}

/// `GET /spaces/{slug}/map.geojson`: the map's places as GeoJSON (RFC 7946) — all of them, or
/// one viewport's (`bbox`), clustered at low `zoom`.
pub async fn geojson(
    State(state): State<AppState>,
    l: Localizer,
    context: SpaceContext,
    headers: HeaderMap,
    Query(query): Query<MapQuery>,
) -> Result<Response, PageError> {
    require_read(&context)?;
    let filter = Filter::parse(&query);
    let viewport = match Viewport::parse(&query) {
        Ok(viewport) => viewport,
        Err(error) => return Ok(bad_parameter(error)),
    };
    let scope = service::scope(&state, &context).await?;
    let features = viewport_features(&state, &context, &l, &scope, &filter, viewport).await?;
    let body = serde_json::to_string(&json!({ "type": "FeatureCollection", "features": features }))
        .map_err(|e| PageError::Internal(e.to_string()))?;
    let tag = entity_tag(&body);
    let fresh = none_match(&headers, &tag);
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        body.into_response()
    };
    let headers = response.headers_mut();
    if !fresh {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/geo+json"),
        );
    }
    // Contacts depend on who asks: never from a shared cache, always revalidated.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, value);
    }
    Ok(response)
}

/// Options of a filter select: (value, label, selected).
type Options = Vec<(String, String, bool)>;

fn options<T: Copy>(
    l: &Localizer,
    all: &[T],
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
    selected: Option<T>,
) -> Options {
    let selected = selected.map(&value);
    all.iter()
        .map(|v| {
            let code = value(*v);
            (code.to_owned(), l.t(&label(*v)), Some(code) == selected)
        })
        .collect()
}

/// What the script needs to draw the map; absent when the build has no Leaflet.
pub struct MapSetup {
    pub styles: Vec<String>,
    pub scripts: Vec<String>,
    pub geojson: String,
    /// `west,south,east,north` around every place the filters leave ("" when none): the
    /// map's first view, whose places it then asks for.
    pub bounds: String,
    pub tile_url: String,
    pub attribution: String,
    pub attribution_url: String,
    pub licence_url: String,
    pub cluster_licence_url: String,
}

#[derive(Template)]
#[template(path = "map.html")]
struct MapTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    show: &'static str,
    sectors: Options,
    kinds: Options,
    organizations: Group,
    item_groups: Vec<ItemGroup>,
    nothing: bool,
    map: Option<MapSetup>,
    /// The map's own stylesheet, which also styles the list: linked with or without Leaflet.
    map_css: String,
    list_limit: i64,
    geojson_link: String,
}

/// Resources or needs as the page lists them.
pub struct ItemGroup {
    pub heading_key: &'static str,
    /// The directory's section: `resources` or `needs`.
    pub section: &'static str,
    /// `resource` or `need`, for the legend's marker.
    pub what: &'static str,
    pub group: Group,
}

/// The tile provider's copyright page, for the attribution link (OpenStreetMap asks for it).
fn attribution_url(tile_url: &str) -> String {
    let host = tile_url
        .split_once("://")
        .map(|(_, rest)| rest.split('/').next().unwrap_or(""))
        .unwrap_or("");
    if host == "openstreetmap.org" || host.ends_with(".openstreetmap.org") {
        "https://www.openstreetmap.org/copyright".to_owned()
    } else {
        String::new()
    }
}

/// `GET /spaces/{slug}/stakeholders/map`: the map over the accessible list of its places.
pub async fn page(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<MapQuery>,
) -> Result<Response, PageError> {
    require_read(&context)?;
    let filter = Filter::parse(&query);
    let scope = service::scope(&state, &context).await?;
    let places = load(
        &state,
        &context,
        &page.l,
        &scope,
        &filter,
        Selection::within(None),
        LIST_LIMIT,
    )
    .await?;
    let bounds = if LEAFLET_AVAILABLE {
        extent(&state.db, &scope, &filter).await?
    } else {
        None
    };
    let slug = &context.space.slug;
    let map = LEAFLET_AVAILABLE.then(|| MapSetup {
        styles: [
            "leaflet.css",
            "MarkerCluster.css",
            "MarkerCluster.Default.css",
        ]
        .iter()
        .map(|n| asset_url(n))
        .collect(),
        scripts: ["leaflet.js", "leaflet.markercluster.js", "map.js"]
            .iter()
            .map(|n| asset_url(n))
            .collect(),
        geojson: format!("/spaces/{slug}/map.geojson"),
        bounds: bounds
            .map(|b| format!("{},{},{},{}", b.west, b.south, b.east, b.north))
            .unwrap_or_default(),
        tile_url: state.config.tile_url.clone(),
        attribution: state.config.tile_attribution.clone(),
        attribution_url: attribution_url(&state.config.tile_url),
        licence_url: asset_url("leaflet-LICENSE.txt"),
        cluster_licence_url: asset_url("leaflet.markercluster-LICENSE.txt"),
    });
    render(&MapTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        base: format!("/spaces/{slug}/stakeholders"),
        show: filter.show.as_str(),
        sectors: options(
            &page.l,
            Sector::ALL,
            Sector::as_str,
            Sector::label_key,
            filter.sector,
        ),
        kinds: options(
            &page.l,
            Kind::ALL,
            Kind::as_str,
            Kind::label_key,
            filter.kind,
        ),
        nothing: places.organizations.places.is_empty()
            && places.resources.places.is_empty()
            && places.needs.places.is_empty(),
        geojson_link: format!("/spaces/{slug}/map.geojson?{}", filter.query_string()),
        organizations: places.organizations,
        item_groups: vec![
            ItemGroup {
                heading_key: "stakeholders-resources",
                section: "resources",
                what: "resource",
                group: places.resources,
            },
            ItemGroup {
                heading_key: "stakeholders-needs",
                section: "needs",
                what: "need",
                group: places.needs,
            },
        ],
        map,
        map_css: asset_url("map.css"),
        list_limit: LIST_LIMIT,
        page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(what: &'static str) -> Place {
        Place {
            what,
            id: 7,
            title: "Centre".into(),
            code: "venue".into(),
            label: "Venue".into(),
            href: "/spaces/azory/stakeholders/resources/7".into(),
            address: String::new(),
            organization: "Org".into(),
            organization_href: "/o".into(),
            detail: String::new(),
            urgency: "high".into(),
            status: "open".into(),
            website: None,
            contacts: Vec::new(),
            lat: 50.0866,
            lon: 19.9101,
        }
    }

    #[test]
    fn features_put_longitude_first() {
        let feature = place("need").feature();
        assert_eq!(feature["type"], "Feature");
        assert_eq!(
            feature["geometry"]["coordinates"],
            json!([19.9101, 50.0866])
        );
        assert_eq!(feature["properties"]["type"], "need");
        assert_eq!(feature["properties"]["urgency"], "high");
        assert!(feature.get("crs").is_none());
        let resource = place("resource").feature();
        assert!(resource["properties"].get("urgency").is_none());
    }

    #[test]
    fn filters_parse_leniently() {
        let filter = Filter::parse(&MapQuery {
            show: "need".into(),
            sector: "nonsense".into(),
            kind: "venue".into(),
            ..MapQuery::default()
        });
        assert_eq!(filter.show, Show::Needs);
        assert!(filter.sector.is_none());
        assert_eq!(filter.query_string(), "show=needs&sector=&kind=venue");
        assert_eq!(Show::parse("offer"), Show::Resources);
        assert_eq!(Show::parse(""), Show::All);
    }

    #[test]
    fn packed_positions_are_read_back() {
        assert_eq!(
            unpack_positions("7,50.0866,19.9101;8,-1.0e-05,-179.5"),
            [
                (
                    7,
                    Point {
                        lat: 50.0866,
                        lon: 19.9101
                    }
                ),
                (
                    8,
                    Point {
                        lat: -0.00001,
                        lon: -179.5
                    }
                )
            ]
        );
        assert!(unpack_positions("").is_empty());
        assert!(unpack_positions("x,1,2;1,2;1,2,3,4;2,NaN,1").is_empty());
    }

    #[test]
    fn openstreetmap_tiles_link_to_its_copyright() {
        assert_eq!(
            attribution_url("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
            "https://www.openstreetmap.org/copyright"
        );
        assert_eq!(
            attribution_url("https://tiles.example.org/{z}/{x}/{y}.png"),
            ""
        );
        assert_eq!(attribution_url("https://evilopenstreetmap.org/x"), "");
    }
}
