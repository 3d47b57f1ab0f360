//! What a map request asks for (what to show, the viewport, filters) and the places it
//! answers with.

use super::*;

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

    pub(super) fn wants(self, what: Show) -> bool {
        self == Show::All || self == what
    }
}

/// The filters, from the query string of both the page and the GeoJSON, and the viewport
/// (GeoJSON only).
#[derive(Debug, Deserialize, Default)]
pub struct MapQuery {
    #[serde(default)]
    pub(super) show: String,
    #[serde(default)]
    pub(super) sector: String,
    #[serde(default)]
    pub(super) kind: String,
    /// `west,south,east,north` in degrees.
    #[serde(default)]
    pub(super) bbox: String,
    /// The map's zoom level (0 = the whole world on one 256-pixel tile).
    #[serde(default)]
    pub(super) zoom: String,
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
    /// (advanced past them). A list of ids travels as one parameter.
    pub(super) fn condition(&self, db: &Db, alias: &str, next: &mut usize) -> String {
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
                format!(" AND {alias}.id {}", in_ids(db.backend(), n))
            }
        }
    }

    /// The ids [`Area::condition`] binds (none unless the area is a list of ids).
    pub(super) fn ids(&self) -> IdList {
        match self {
            Area::Only(ids) => IdList::new(ids.iter().copied()),
            _ => IdList::default(),
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
pub(super) fn rounded(degrees: f64) -> f64 {
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
