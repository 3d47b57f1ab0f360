//! The map's own scripts and styles, and Leaflet with its marker clustering, embedded.

use super::*;

/// Whether the build fetched Leaflet (false when npm was unavailable: the page is list-only).
pub const LEAFLET_AVAILABLE: bool = !cfg!(cospace_no_leaflet);

macro_rules! vendored {
    ($name:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/vendor/", $name))
    };
}

pub(super) const JS: &str = "text/javascript; charset=utf-8";
pub(super) const CSS: &str = "text/css; charset=utf-8";
pub(super) const TEXT: &str = "text/plain; charset=utf-8";

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
        body: include_bytes!("../../assets/map.js"),
    },
    StaticAsset {
        name: "map.css",
        content_type: CSS,
        body: include_bytes!("../../assets/map.css"),
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
