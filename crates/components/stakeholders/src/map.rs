//! The resource map: approved organisations, resources on offer and open needs that have a
//! location, in a space and the spaces below it that the reader may see (a city's map includes
//! its neighbourhoods').
//!
//! Two views of the same places: `GET /spaces/{slug}/map.geojson`, an RFC 7946 feature
//! collection, and the map page, which is an accessible list that works without JavaScript and
//! that `assets/map.js` turns into a Leaflet map (markers, clusters, popups, live filters).
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
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use cospace_core::stakeholders::{Kind, NeedStatus, Sector, Urgency};
use cospace_core::{SpaceId, UserId};
use cospace_store::{with_db, Db, StoreError};
use cospace_web::error::PageError;
use cospace_web::i18n::Localizer;
use cospace_web::pages::{render, Page};
use cospace_web::platform::spaces::SpaceHeader;
use cospace_web::space_context::SpaceContext;
use cospace_web::{AppState, StaticAsset};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

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

/// Cache-busting URLs of the assets, hashed once.
static ASSET_URLS: LazyLock<HashMap<&'static str, String>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| {
            (
                a.name,
                cospace_web::assets::component_url("stakeholders", a),
            )
        })
        .collect()
});

/// The URL of one of [`ASSETS`].
pub fn asset_url(name: &str) -> String {
    ASSET_URLS
        .get(name)
        .cloned()
        .unwrap_or_else(|| format!("/assets/stakeholders/{name}"))
}

/// How many places of each type the GeoJSON carries at most.
pub const GEOJSON_LIMIT: i64 = 5000;
/// How many places of each type the page lists at most (the directory pages through all).
pub const LIST_LIMIT: i64 = 200;

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

/// The filters, from the query string of both the page and the GeoJSON.
#[derive(Debug, Deserialize, Default)]
pub struct MapQuery {
    #[serde(default)]
    show: String,
    #[serde(default)]
    sector: String,
    #[serde(default)]
    kind: String,
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
    /// The places as an RFC 7946 `FeatureCollection`.
    pub fn feature_collection(&self) -> Value {
        let features: Vec<Value> = [&self.organizations, &self.resources, &self.needs]
            .iter()
            .flat_map(|g| g.places.iter().map(Place::feature))
            .collect();
        json!({ "type": "FeatureCollection", "features": features })
    }
}

/// Approved organisations with a location in `spaces`, by name; an organisation listed in
/// several of them comes once per listing (the caller keeps one).
async fn located_organizations(
    db: &Db,
    spaces: &[SpaceId],
    sector: Option<Sector>,
    limit: i64,
) -> Result<Vec<ListedOrganization>, StoreError> {
    if spaces.is_empty() {
        return Ok(Vec::new());
    }
    let mut next = 1 + spaces.len();
    let sector_filter = if sector.is_some() {
        next += 1;
        format!("AND o.sector = ${}", next - 1)
    } else {
        String::new()
    };
    let sql = format!(
        "SELECT {}, l.space_id, l.status FROM organization_spaces l
         JOIN organizations o ON o.id = l.organization_id
         WHERE l.space_id IN ({}) AND l.status = 'approved'
           AND o.lat IS NOT NULL AND o.lon IS NOT NULL {sector_filter}
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
        query.bind(limit).fetch_all(pool).await
    })?)
}

/// Resources, or open needs, with a location in `spaces`, by title.
async fn located_items(
    db: &Db,
    item_type: ItemType,
    spaces: &[SpaceId],
    kind: Option<Kind>,
    limit: i64,
) -> Result<Vec<Item>, StoreError> {
    if spaces.is_empty() {
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
        query.bind(limit).fetch_all(pool).await
    })?)
}

/// The organisations `user` administers (they see all of their contacts).
async fn administered(db: &Db, user: UserId) -> Result<HashSet<i64>, StoreError> {
    let ids: Vec<i64> = with_db!(db, |pool| sqlx::query_scalar(
        "SELECT organization_id FROM organization_admins WHERE user_id = $1"
    )
    .bind(user.0)
    .fetch_all(pool)
    .await)?;
    Ok(ids.into_iter().collect())
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

/// The contacts of `organizations` that the reader may see: by their role in the space, and
/// all of them for the organisations they administer.
async fn visible_contacts(
    state: &AppState,
    context: &SpaceContext,
    organizations: &[i64],
) -> Result<HashMap<i64, Vec<Contact>>, StoreError> {
    let visibility = context.space.visibility();
    let allowed = permissions::visible_contacts(context.role, visibility, false);
    let as_admin = permissions::visible_contacts(context.role, visibility, true);
    let mut found = store::contacts(&state.db, organizations, &allowed).await?;
    if let Some(user) = context
        .viewer
        .user
        .as_ref()
        .filter(|_| as_admin.len() > allowed.len())
    {
        let administered = administered(&state.db, user.id()).await?;
        let own: Vec<i64> = organizations
            .iter()
            .copied()
            .filter(|id| administered.contains(id))
            .collect();
        if !own.is_empty() {
            found.retain(|c| !administered.contains(&c.organization_id));
            found.extend(store::contacts(&state.db, &own, &as_admin).await?);
        }
    }
    let mut by_org: HashMap<i64, Vec<Contact>> = HashMap::new();
    for contact in found {
        by_org
            .entry(contact.organization_id)
            .or_default()
            .push(contact);
    }
    for contacts in by_org.values_mut() {
        contacts.sort_by_key(|c| c.id);
    }
    Ok(by_org)
}

fn item_detail(l: &Localizer, item: &Item, item_type: ItemType) -> String {
    match item_type {
        ItemType::Resource => {
            let mut parts = Vec::new();
            if let Some(capacity) = item.capacity {
                parts.push(l.ta("capacity-of", "n", &capacity.to_string()));
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

/// Loads the places `context`'s reader may see, filtered, at most `limit` of each type.
pub async fn load(
    state: &AppState,
    context: &SpaceContext,
    l: &Localizer,
    filter: &Filter,
    limit: i64,
) -> Result<Places, StoreError> {
    let scope = service::scope(state, context).await?;
    let slugs = slugs(&state.db, &scope).await?;
    let slug_of = |space: i64| {
        slugs
            .get(&space)
            .cloned()
            .unwrap_or_else(|| context.space.slug.clone())
    };
    let mut places = Places::default();
    if filter.show.wants(Show::Organizations) {
        let rows = located_organizations(&state.db, &scope, filter.sector, limit + 1).await?;
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
                label: sector.map(|s| l.t(&s.label_key())).unwrap_or_default(),
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
                                visibility_label: l
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
    for (item_type, what, show) in [
        (ItemType::Resource, "resource", Show::Resources),
        (ItemType::Need, "need", Show::Needs),
    ] {
        if !filter.show.wants(show) {
            continue;
        }
        let mut items = located_items(&state.db, item_type, &scope, filter.kind, limit + 1).await?;
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
                        label: l.t(&item.kind().label_key()),
                        href: format!("/spaces/{slug}/stakeholders/{what}s/{}", item.id),
                        address: item.address.clone(),
                        organization: item.organization_name.clone(),
                        organization_href: format!(
                            "/spaces/{slug}/stakeholders/organizations/{}",
                            item.organization_id
                        ),
                        detail: item_detail(l, item, item_type),
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

/// `GET /spaces/{slug}/map.geojson`: the map's places as GeoJSON (RFC 7946).
pub async fn geojson(
    State(state): State<AppState>,
    l: Localizer,
    context: SpaceContext,
    Query(query): Query<MapQuery>,
) -> Result<Response, PageError> {
    require_read(&context)?;
    let filter = Filter::parse(&query);
    let places = load(&state, &context, &l, &filter, GEOJSON_LIMIT).await?;
    let body = serde_json::to_string(&places.feature_collection())
        .map_err(|e| PageError::Internal(e.to_string()))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/geo+json"),
            ),
            // Contacts depend on who asks: never from a shared cache.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-cache"),
            ),
            (
                header::VARY,
                HeaderValue::from_static("Cookie, Accept-Language"),
            ),
        ],
        body,
    )
        .into_response())
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
    let places = load(&state, &context, &page.l, &filter, LIST_LIMIT).await?;
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
        });
        assert_eq!(filter.show, Show::Needs);
        assert!(filter.sector.is_none());
        assert_eq!(filter.query_string(), "show=needs&sector=&kind=venue");
        assert_eq!(Show::parse("offer"), Show::Resources);
        assert_eq!(Show::parse(""), Show::All);
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
