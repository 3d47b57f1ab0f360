//! The map page: the list of places that works without JavaScript, and the setup the map
//! script reads.

use super::*;

/// Options of a filter select: (value, label, selected).
type Options = Vec<(String, String, bool)>;

pub(super) fn options<T: Copy>(
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
pub(super) struct MapTemplate {
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
pub(super) fn attribution_url(tile_url: &str) -> String {
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
        tile_url: state.setting("tile_url").to_owned(),
        attribution: state.setting("tile_attribution").to_owned(),
        attribution_url: attribution_url(state.setting("tile_url")),
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
