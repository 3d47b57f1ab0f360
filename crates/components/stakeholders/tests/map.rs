//! The resource map through HTTP, on SQLite and PostgreSQL: the GeoJSON (RFC 7946) and its
//! filters, a city's map with its neighbourhoods' places, contacts that never leak through the
//! map, the page that works without JavaScript, and the vendored Leaflet assets.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use axum::body::Body;
use axum::http::Method;
use cospace_core::permissions::MemberRole;
use cospace_stakeholders::map::{asset_url, ASSETS, LEAFLET_AVAILABLE};
use cospace_testkit::{db_tests, Backend, Client, TestApp, Value};
use cospace_web::WebConfig;

const PASSWORD: &str = "a long test password";

fn components() -> Vec<cospace_web::Component> {
    vec![
        cospace_about::component(),
        cospace_stakeholders::component(),
    ]
}

db_tests!(crate::components();
    geojson_is_a_feature_collection_with_longitude_first,
    filters_narrow_the_map,
    a_city_map_includes_its_neighbourhoods_but_not_private_ones,
    contacts_on_the_map_follow_their_visibility,
    the_map_page_works_without_javascript,
    assets_are_served_for_ever_with_their_types,
    a_viewport_brings_its_places_and_clusters_when_crowded,
    bad_viewports_are_refused_with_problem_details,
    unchanged_maps_are_not_sent_again,
);

/// Kraków → Azory, with a coordinator (admin of Kraków), a member of Azory and a plain account.
async fn world(app: &TestApp) -> (Client, Client, Client) {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    app.create_user("coordinator@example.org", PASSWORD, false)
        .await;
    app.create_user("member@example.org", PASSWORD, false).await;
    app.create_user("someone@example.org", PASSWORD, false)
        .await;
    app.add_member("krakow", "coordinator@example.org", MemberRole::Admin)
        .await;
    app.add_member("azory", "member@example.org", MemberRole::Member)
        .await;
    (
        app.signed_in("coordinator@example.org", PASSWORD).await,
        app.signed_in("member@example.org", PASSWORD).await,
        app.signed_in("someone@example.org", PASSWORD).await,
    )
}

/// Adds an organisation through the form; returns its id.
async fn add_org(
    client: &mut Client,
    space: &str,
    name: &str,
    sector: &str,
    location: Option<(&str, &str)>,
) -> i64 {
    let (lat, lon) = location.unwrap_or(("", ""));
    let response = client
        .post_form(
            &format!("/spaces/{space}/stakeholders/organizations/new"),
            &[
                ("name", name),
                ("sector", sector),
                ("description", "Works in the neighbourhood"),
                ("languages", "pl"),
                ("address", "ul. Azory 1, Kraków"),
                ("lat", lat),
                ("lon", lon),
            ],
        )
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    last_segment(response.location().unwrap())
}

/// Adds a resource or need ("resource"/"need") of `kind` through the organisation's form.
async fn add_item(
    client: &mut Client,
    space: &str,
    org: i64,
    what: &str,
    kind: &str,
    title: &str,
    location: Option<(&str, &str)>,
) -> i64 {
    let (lat, lon) = location.unwrap_or(("", ""));
    let response = client
        .post_form(
            &format!("/spaces/{space}/stakeholders/organizations/{org}/{what}s"),
            &[
                ("kind", kind),
                ("title", title),
                ("description", "For the neighbourhood"),
                ("capacity", "20"),
                ("urgency", "high"),
                ("address", "ul. Azory 2"),
                ("lat", lat),
                ("lon", lon),
            ],
        )
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    last_segment(response.location().unwrap())
}

fn last_segment(location: &str) -> i64 {
    location
        .split('#')
        .next()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

async fn geojson(client: &mut Client, path: &str) -> Value {
    let response = client.get(path).await;
    assert_eq!(response.status, 200, "{path}: {}", response.body);
    assert_eq!(response.content_type(), "application/geo+json");
    response.json()
}

fn features(collection: &Value) -> &Vec<Value> {
    collection["features"].as_array().expect("features")
}

/// The `title`s of the features of `type`, sorted.
fn titles(collection: &Value, kind: &str) -> Vec<String> {
    let mut found: Vec<String> = features(collection)
        .iter()
        .filter(|f| f["properties"]["type"] == kind)
        .map(|f| f["properties"]["title"].as_str().unwrap().to_owned())
        .collect();
    found.sort();
    found
}

fn feature<'a>(collection: &'a Value, kind: &str, title: &str) -> &'a Value {
    features(collection)
        .iter()
        .find(|f| f["properties"]["type"] == kind && f["properties"]["title"] == title)
        .unwrap_or_else(|| panic!("no {kind} {title} in {collection}"))
}

async fn geojson_is_a_feature_collection_with_longitude_first(app: TestApp) {
    let (mut coordinator, _, _) = world(&app).await;
    let centre = add_org(
        &mut coordinator,
        "azory",
        "Centre of Elderly People",
        "ngo",
        Some(("50.0866", "19.9101")),
    )
    .await;
    add_org(&mut coordinator, "azory", "Nowhere Club", "ngo", None).await;
    let hall = add_item(
        &mut coordinator,
        "azory",
        centre,
        "resource",
        "venue",
        "Community hall",
        Some(("50.0870", "19.9110")),
    )
    .await;
    let need = add_item(
        &mut coordinator,
        "azory",
        centre,
        "need",
        "skills",
        "Volunteers for the garden",
        Some(("50.0880", "19.9120")),
    )
    .await;
    add_item(
        &mut coordinator,
        "azory",
        centre,
        "need",
        "funding",
        "Funding without a place",
        None,
    )
    .await;
    let mut anonymous = app.client();
    let response = anonymous.get("/spaces/azory/map.geojson").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.content_type(), "application/geo+json");
    assert!(response
        .header("cache-control")
        .unwrap()
        .contains("private"));
    let collection = response.json();
    assert_eq!(collection["type"], "FeatureCollection");
    assert!(collection.get("crs").is_none(), "RFC 7946 has no crs");
    // Only located places: the unlocated organisation and need are not on the map.
    assert_eq!(features(&collection).len(), 3, "{collection}");
    let org = feature(&collection, "organization", "Centre of Elderly People");
    assert_eq!(org["type"], "Feature");
    assert_eq!(org["geometry"]["type"], "Point");
    // Longitude first: Kraków is at 19.9° E, 50.1° N.
    assert_eq!(
        org["geometry"]["coordinates"],
        serde_json::json!([19.9101, 50.0866])
    );
    let properties = &org["properties"];
    assert_eq!(properties["id"], centre);
    assert_eq!(properties["name"], "Centre of Elderly People");
    assert_eq!(properties["sector"], "ngo");
    assert_eq!(properties["label"], "NGO / civil society organisation");
    assert_eq!(
        properties["url"],
        format!("/spaces/azory/stakeholders/organizations/{centre}")
    );
    assert_eq!(properties["contacts"], serde_json::json!([]));
    let resource = feature(&collection, "resource", "Community hall");
    assert_eq!(
        resource["geometry"]["coordinates"],
        serde_json::json!([19.911, 50.087])
    );
    assert_eq!(resource["properties"]["kind"], "venue");
    assert_eq!(resource["properties"]["label"], "Venue or room");
    assert_eq!(
        resource["properties"]["organization"],
        "Centre of Elderly People"
    );
    assert_eq!(
        resource["properties"]["url"],
        format!("/spaces/azory/stakeholders/resources/{hall}")
    );
    let need_feature = feature(&collection, "need", "Volunteers for the garden");
    assert_eq!(need_feature["properties"]["status"], "open");
    assert_eq!(need_feature["properties"]["urgency"], "high");
    assert_eq!(
        need_feature["properties"]["url"],
        format!("/spaces/azory/stakeholders/needs/{need}")
    );
    // Labels follow the reader's language.
    anonymous.accept_language = Some("pl".into());
    assert_eq!(anonymous.get("/spaces/azory/map.geojson").await.status, 200);
    // A space that does not exist is not found.
    assert_eq!(
        anonymous.get("/spaces/nowhere/map.geojson").await.status,
        404
    );
}

async fn filters_narrow_the_map(app: TestApp) {
    let (mut coordinator, _, _) = world(&app).await;
    let ngo = add_org(
        &mut coordinator,
        "azory",
        "Neighbours NGO",
        "ngo",
        Some(("50.0866", "19.9101")),
    )
    .await;
    add_org(
        &mut coordinator,
        "azory",
        "City Fund",
        "funder",
        Some(("50.0600", "19.9400")),
    )
    .await;
    add_item(
        &mut coordinator,
        "azory",
        ngo,
        "resource",
        "venue",
        "Hall",
        Some(("50.0870", "19.9110")),
    )
    .await;
    add_item(
        &mut coordinator,
        "azory",
        ngo,
        "resource",
        "equipment",
        "Projector",
        Some(("50.0871", "19.9111")),
    )
    .await;
    add_item(
        &mut coordinator,
        "azory",
        ngo,
        "need",
        "venue",
        "Room for a choir",
        Some(("50.0872", "19.9112")),
    )
    .await;
    let mut anonymous = app.client();
    let all = geojson(&mut anonymous, "/spaces/azory/map.geojson").await;
    assert_eq!(features(&all).len(), 5);
    let organizations = geojson(
        &mut anonymous,
        "/spaces/azory/map.geojson?show=organizations",
    )
    .await;
    assert_eq!(titles(&organizations, "organization").len(), 2);
    assert_eq!(features(&organizations).len(), 2);
    // The need/offer switch: "need" and "needs", "offer" and "resources".
    for show in ["need", "needs"] {
        let needs = geojson(
            &mut anonymous,
            &format!("/spaces/azory/map.geojson?show={show}"),
        )
        .await;
        assert_eq!(titles(&needs, "need"), ["Room for a choir"]);
        assert_eq!(features(&needs).len(), 1);
    }
    for show in ["offer", "resources"] {
        let offers = geojson(
            &mut anonymous,
            &format!("/spaces/azory/map.geojson?show={show}"),
        )
        .await;
        assert_eq!(titles(&offers, "resource"), ["Hall", "Projector"]);
        assert_eq!(features(&offers).len(), 2);
    }
    // Sector narrows organisations; kind narrows resources and needs.
    let funders = geojson(
        &mut anonymous,
        "/spaces/azory/map.geojson?show=organizations&sector=funder",
    )
    .await;
    assert_eq!(titles(&funders, "organization"), ["City Fund"]);
    let venues = geojson(&mut anonymous, "/spaces/azory/map.geojson?kind=venue").await;
    assert_eq!(titles(&venues, "resource"), ["Hall"]);
    assert_eq!(titles(&venues, "need"), ["Room for a choir"]);
    assert_eq!(titles(&venues, "organization").len(), 2);
    // Unknown values are ignored rather than refused.
    let lenient = geojson(
        &mut anonymous,
        "/spaces/azory/map.geojson?show=everything&sector=x&kind=y",
    )
    .await;
    assert_eq!(features(&lenient).len(), 5);
    // The page filters the same way, without JavaScript.
    let page = anonymous
        .get("/spaces/azory/stakeholders/map?show=resources&kind=equipment")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Projector"));
    assert!(!page.body.contains(">Hall<"));
    assert!(!page.body.contains("Neighbours NGO</a><br>"));
    assert!(page.body.contains("<option value=\"equipment\" selected>"));
    assert!(page
        .body
        .contains("/spaces/azory/map.geojson?show=resources&#38;sector=&#38;kind=equipment"));
}

async fn a_city_map_includes_its_neighbourhoods_but_not_private_ones(app: TestApp) {
    let (mut coordinator, _, mut someone) = world(&app).await;
    let board = add_org(
        &mut coordinator,
        "azory",
        "Board of Green City Spaces",
        "local_government",
        Some(("50.0866", "19.9101")),
    )
    .await;
    add_item(
        &mut coordinator,
        "azory",
        board,
        "resource",
        "knowledge",
        "Tree care advice",
        Some(("50.0867", "19.9102")),
    )
    .await;
    add_org(
        &mut coordinator,
        "krakow",
        "City Hall",
        "local_government",
        Some(("50.0614", "19.9366")),
    )
    .await;
    app.create_space_with(Some("krakow"), "hidden-estate", "Hidden estate", "private")
        .await;
    add_org(
        &mut coordinator,
        "hidden-estate",
        "Hidden Housing Association",
        "ngo",
        Some(("50.0900", "19.9000")),
    )
    .await;
    let mut anonymous = app.client();
    for client in [&mut anonymous, &mut someone] {
        let city = geojson(client, "/spaces/krakow/map.geojson").await;
        assert_eq!(
            titles(&city, "organization"),
            ["Board of Green City Spaces", "City Hall"]
        );
        assert_eq!(titles(&city, "resource"), ["Tree care advice"]);
        // Links lead to the neighbourhood where the place is listed.
        assert_eq!(
            feature(&city, "organization", "Board of Green City Spaces")["properties"]["url"],
            format!("/spaces/azory/stakeholders/organizations/{board}")
        );
        let page = client.get("/spaces/krakow/stakeholders/map").await;
        assert!(page.body.contains("Board of Green City Spaces"));
        assert!(!page.body.contains("Hidden Housing Association"));
        // The private space itself is not found for outsiders, in either form.
        assert_eq!(
            client.get("/spaces/hidden-estate/map.geojson").await.status,
            404
        );
        assert_eq!(
            client
                .get("/spaces/hidden-estate/stakeholders/map")
                .await
                .status,
            404
        );
    }
    let coordinator_view = geojson(&mut coordinator, "/spaces/krakow/map.geojson").await;
    assert!(titles(&coordinator_view, "organization")
        .contains(&"Hidden Housing Association".to_owned()));
    // A neighbourhood's map does not include its city's places.
    let neighbourhood = geojson(&mut anonymous, "/spaces/azory/map.geojson").await;
    assert_eq!(
        titles(&neighbourhood, "organization"),
        ["Board of Green City Spaces"]
    );
}

async fn contacts_on_the_map_follow_their_visibility(app: TestApp) {
    let (mut coordinator, mut member, mut someone) = world(&app).await;
    let org = add_org(
        &mut coordinator,
        "azory",
        "Local Activity Point",
        "ngo",
        Some(("50.0866", "19.9101")),
    )
    .await;
    for (person, email, visibility) in [
        ("Public Paula", "paula@example.org", "public"),
        ("Member Marek", "marek@example.org", "members"),
        ("Admin Agata", "agata@example.org", "admins"),
    ] {
        let response = coordinator
            .post_form(
                &format!("/spaces/azory/stakeholders/organizations/{org}/contacts"),
                &[
                    ("person", person),
                    ("email", email),
                    ("phone", "+48 12 345 67 89"),
                    ("visibility", visibility),
                ],
            )
            .await;
        assert_eq!(response.status, 303, "{}", response.body);
    }
    // An organisation registered by `someone`, who administers it and sees all its contacts.
    let own = add_org(
        &mut someone,
        "azory",
        "Someone's Workshop",
        "grassroots",
        Some(("50.0870", "19.9110")),
    )
    .await;
    let approved = coordinator
        .post_form(
            &format!("/spaces/azory/stakeholders/organizations/{own}/approve"),
            &[],
        )
        .await;
    assert_eq!(approved.status, 303);
    let added = someone
        .post_form(
            &format!("/spaces/azory/stakeholders/organizations/{own}/contacts"),
            &[
                ("person", "Workshop Wanda"),
                ("email", "wanda@example.org"),
                ("visibility", "admins"),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);

    let mut anonymous = app.client();
    // A member of Kraków only: the role in the parent says nothing about Azory's members.
    app.create_user("city@example.org", PASSWORD, false).await;
    app.add_member("krakow", "city@example.org", MemberRole::Member)
        .await;
    let mut city_member = app.signed_in("city@example.org", PASSWORD).await;
    let channels = [
        "/spaces/azory/map.geojson",
        "/spaces/krakow/map.geojson",
        "/spaces/azory/map.geojson?show=organizations",
        // What the map asks for: a viewport, at a zoom that shows places one by one.
        "/spaces/azory/map.geojson?bbox=19.9,50.08,19.92,50.09&zoom=16",
        "/spaces/krakow/map.geojson?show=all&sector=&kind=&bbox=19.9,50.08,19.92,50.09",
        "/spaces/azory/stakeholders/map",
        "/spaces/krakow/stakeholders/map",
    ];
    // Each contact is judged by the reader's role in its organisation's own space, whichever
    // map shows it: Azory's members see Azory's members-only contacts on Kraków's map too, and
    // a member of Kraków alone never does.
    for (who, client, sees_members, sees_admins, sees_wanda) in [
        ("anonymous", &mut anonymous, false, false, false),
        ("city member", &mut city_member, false, false, false),
        ("someone", &mut someone, false, false, true),
        ("member", &mut member, true, false, false),
        ("coordinator", &mut coordinator, true, true, true),
    ] {
        for channel in channels {
            let response = client.get(channel).await;
            assert_eq!(response.status, 200, "{who} {channel}");
            let body = response.body;
            assert!(body.contains("paula@example.org"), "{who} {channel}");
            assert_eq!(
                body.contains("marek@example.org") || body.contains("Member Marek"),
                sees_members,
                "{who} {channel}"
            );
            assert_eq!(
                body.contains("agata@example.org") || body.contains("Admin Agata"),
                sees_admins,
                "{who} {channel}"
            );
            assert_eq!(
                body.contains("wanda@example.org"),
                sees_wanda,
                "{who} {channel}"
            );
        }
        for path in [
            "/spaces/azory/map.geojson",
            "/spaces/azory/map.geojson?bbox=19.9,50.08,19.92,50.09&zoom=15",
        ] {
            let collection = geojson(client, path).await;
            let contacts = feature(&collection, "organization", "Local Activity Point")
                ["properties"]["contacts"]
                .as_array()
                .unwrap()
                .clone();
            let expected = 1 + usize::from(sees_members) + usize::from(sees_admins);
            assert_eq!(contacts.len(), expected, "{who} {path}: {contacts:?}");
            assert_eq!(contacts[0]["person"], "Public Paula");
            assert_eq!(contacts[0]["email"], "paula@example.org");
        }
    }
}

async fn the_map_page_works_without_javascript(app: TestApp) {
    let (mut coordinator, _, _) = world(&app).await;
    let org = add_org(
        &mut coordinator,
        "azory",
        "<b>Bold</b> & Co",
        "ngo",
        Some(("50.0866", "19.9101")),
    )
    .await;
    add_item(
        &mut coordinator,
        "azory",
        org,
        "need",
        "venue",
        "Room for rehearsals",
        Some(("50.0870", "19.9110")),
    )
    .await;
    let mut anonymous = app.client();
    let page = anonymous.get("/spaces/azory/stakeholders/map").await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    // The list is the page's content: every place, with its link, without any script.
    assert!(body.contains("id=\"map-list\""));
    assert!(body.contains("&#60;b&#62;Bold&#60;/b&#62; &#38; Co"));
    assert!(!body.contains("<b>Bold</b>"));
    assert!(body.contains(&format!(
        "href=\"/spaces/azory/stakeholders/organizations/{org}\""
    )));
    assert!(body.contains("Room for rehearsals"));
    assert!(body.contains("<form method=\"get\" action=\"/spaces/azory/stakeholders/map\""));
    // No inline script or style: the Content-Security-Policy would refuse them.
    assert!(!body.contains("<script>"));
    assert!(!body.contains("<style"));
    assert!(!body.contains(" style="));
    let csp = page.header("content-security-policy").unwrap();
    assert!(csp.contains("script-src 'self'"));
    if LEAFLET_AVAILABLE {
        for asset in [
            "leaflet.js",
            "leaflet.markercluster.js",
            "map.js",
            "leaflet.css",
            "MarkerCluster.css",
            "map.css",
        ] {
            let url = asset_url(asset);
            assert!(url.starts_with("/assets/stakeholders/"), "{url}");
            assert!(body.contains(&url), "{asset} not linked");
        }
        assert!(body.contains("data-geojson=\"/spaces/azory/map.geojson\""));
        // The map starts on the box around the places, then asks for what it shows.
        assert!(body.contains("data-bounds=\"19.9101,50.0866,19.911,50.087\""));
        assert!(body.contains("data-tiles=\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\""));
        assert!(body.contains("data-attribution=\"© OpenStreetMap contributors\""));
        assert!(body.contains(&format!(
            "data-licence=\"{}\"",
            asset_url("leaflet-LICENSE.txt")
        )));
        assert!(body.contains("role=\"region\""));
    } else {
        // Built without npm: the list alone, and a note saying why.
        assert!(!body.contains("leaflet.js"));
        assert!(body.contains("built without its map library"));
    }
    // Leaflet weighs on the map page only.
    let directory = anonymous.get("/spaces/azory/stakeholders").await;
    assert!(!directory.body.contains("leaflet"));
    // In another language too.
    anonymous.accept_language = Some("fr".into());
    let french = anonymous.get("/spaces/azory/stakeholders/map").await;
    assert_eq!(french.status, 200);
    assert!(french.body.contains("<html lang=\"fr\">"));
}

async fn assets_are_served_for_ever_with_their_types(app: TestApp) {
    let mut client = app.client();
    for asset in ASSETS {
        let url = asset_url(asset.name);
        let response = client.get(&url).await;
        assert_eq!(response.status, 200, "{url}");
        assert_eq!(response.content_type(), asset.content_type, "{url}");
        assert!(response
            .header("cache-control")
            .unwrap()
            .contains("immutable"));
        assert_eq!(response.body.len(), asset.body.len(), "{url}");
    }
    let js = ASSETS.iter().find(|a| a.name == "map.js").unwrap();
    assert!(js.content_type.starts_with("text/javascript"));
    if LEAFLET_AVAILABLE {
        for (name, marker) in [
            ("leaflet.js", "Leaflet"),
            ("leaflet.markercluster.js", "markerClusterGroup"),
            ("leaflet.css", ".leaflet-container"),
            ("leaflet-LICENSE.txt", "Agafonkin"),
        ] {
            let asset = ASSETS.iter().find(|a| a.name == name).unwrap();
            assert!(
                String::from_utf8_lossy(asset.body).contains(marker),
                "{name}"
            );
        }
        // The source-map comment is dropped: the maps are not shipped.
        let leaflet = client.get(&asset_url("leaflet.js")).await;
        assert!(!leaflet.body.contains("sourceMappingURL"));
    }
    assert_eq!(
        client.get("/assets/stakeholders/nothing.js").await.status,
        404
    );
}

/// The tile server is configurable; the page hands its URL and attribution to the script.
#[tokio::test]
async fn the_tile_server_is_configurable() {
    let config = WebConfig {
        settings: [
            ("tile_url", "https://tiles.example.org/{z}/{x}/{y}.png"),
            ("tile_attribution", "© Example Tiles"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect(),
        ..WebConfig::default()
    };
    let app = TestApp::spawn_with(Backend::Sqlite, components(), config)
        .await
        .unwrap();
    app.create_space(None, "azory", "Azory").await;
    let mut client = app.client();
    let page = client.get("/spaces/azory/stakeholders/map").await;
    assert_eq!(page.status, 200);
    if LEAFLET_AVAILABLE {
        assert!(page
            .body
            .contains("data-tiles=\"https://tiles.example.org/{z}/{x}/{y}.png\""));
        assert!(page.body.contains("data-attribution=\"© Example Tiles\""));
        assert!(page.body.contains("data-attribution-url=\"\""));
    }
    assert!(page
        .header("content-security-policy")
        .unwrap()
        .contains("https://tiles.example.org"));
}

/// `count` organisations on a small grid around (lat, lon), a few metres apart, through the
/// API (quicker than the form); returns their ids.
async fn crowd(app: &TestApp, space: &str, count: usize, lat: f64, lon: f64) -> Vec<i64> {
    let token = app.api_token("coordinator@example.org").await;
    let mut client = app.client();
    let mut ids = Vec::new();
    for n in 0..count {
        let body = serde_json::json!({
            "name": format!("Crowded {n}"),
            "sector": "ngo",
            "description": "One of many",
            "languages": ["pl"],
            "lat": lat + (n / 20) as f64 * 0.0001,
            "lon": lon + (n % 20) as f64 * 0.0001,
        });
        let response = client
            .api(
                Method::POST,
                &format!("/api/v1/spaces/{space}/organizations"),
                Some(&token),
                Some(body),
            )
            .await;
        assert_eq!(response.status, 201, "{}", response.body);
        ids.push(response.json()["id"].as_i64().unwrap());
    }
    ids
}

async fn a_viewport_brings_its_places_and_clusters_when_crowded(app: TestApp) {
    let (mut coordinator, _, _) = world(&app).await;
    let near = add_org(
        &mut coordinator,
        "azory",
        "Near Club",
        "ngo",
        Some(("50.0866", "19.9101")),
    )
    .await;
    add_item(
        &mut coordinator,
        "azory",
        near,
        "need",
        "venue",
        "Room nearby",
        Some(("50.0867", "19.9102")),
    )
    .await;
    add_org(
        &mut coordinator,
        "azory",
        "Far Fund",
        "funder",
        Some(("50.0200", "19.8000")),
    )
    .await;
    let mut anonymous = app.client();
    // Only what lies in the box, with the popup's contents, and no zoom: no clusters.
    let near_box = geojson(
        &mut anonymous,
        "/spaces/azory/map.geojson?bbox=19.90,50.08,19.92,50.09",
    )
    .await;
    assert_eq!(titles(&near_box, "organization"), ["Near Club"]);
    assert_eq!(titles(&near_box, "need"), ["Room nearby"]);
    assert_eq!(
        feature(&near_box, "organization", "Near Club")["properties"]["url"],
        format!("/spaces/azory/stakeholders/organizations/{near}")
    );
    // Filters still apply inside the box; a box with nothing in it is an empty collection.
    let needs = geojson(
        &mut anonymous,
        "/spaces/azory/map.geojson?show=needs&bbox=19.90,50.08,19.92,50.09&zoom=17",
    )
    .await;
    assert_eq!(titles(&needs, "need"), ["Room nearby"]);
    assert_eq!(features(&needs).len(), 1);
    let empty = geojson(
        &mut anonymous,
        "/spaces/azory/map.geojson?bbox=0,0,1,1&zoom=3",
    )
    .await;
    assert_eq!(empty["type"], "FeatureCollection");
    assert!(features(&empty).is_empty());

    // A crowd that no map can draw one by one: clusters at a low zoom, places up close.
    crowd(&app, "azory", 320, 50.0600, 19.9400).await;
    let whole = "/spaces/azory/map.geojson?bbox=19.7,50.0,20.1,50.2";
    let low = geojson(&mut anonymous, &format!("{whole}&zoom=11")).await;
    let clusters: Vec<&Value> = features(&low)
        .iter()
        .filter(|f| f["properties"]["type"] == "cluster")
        .collect();
    assert!(!clusters.is_empty(), "{low}");
    assert!(features(&low).len() < 20, "{}", features(&low).len());
    // Every place is counted once: in a cluster, or on its own with its popup contents.
    let counted: u64 = features(&low)
        .iter()
        .map(|f| f["properties"]["count"].as_u64().unwrap_or(1))
        .sum();
    assert_eq!(counted, 323);
    let crowded = clusters
        .iter()
        .find(|c| c["properties"]["count"].as_u64().unwrap() >= 320)
        .expect("the crowd in one cluster");
    assert_eq!(crowded["properties"]["organizations"], 320);
    assert_eq!(crowded["properties"]["resources"], 0);
    assert_eq!(crowded["geometry"]["type"], "Point");
    // Its box (RFC 7946 §5) is where to zoom to split it: west, south, east, north.
    let bbox: Vec<f64> = crowded["bbox"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(bbox, [19.94, 50.06, 19.9419, 50.0615]);
    for cluster in &clusters {
        // Clusters carry counts only: no names, no contacts.
        assert!(cluster["properties"].get("title").is_none());
        assert!(cluster["properties"].get("contacts").is_none());
    }
    assert!(titles(&low, "organization").contains(&"Far Fund".to_owned()));
    // Zoomed in far enough, the same box holds single places again, within the limit.
    let close = geojson(&mut anonymous, &format!("{whole}&zoom=18")).await;
    assert_eq!(titles(&close, "organization").len(), 322);
    assert!(features(&close)
        .iter()
        .all(|f| f["properties"]["type"] != "cluster"));
    // Without a bbox the whole collection still comes, as open data.
    let all = geojson(&mut anonymous, "/spaces/azory/map.geojson").await;
    assert_eq!(features(&all).len(), 323);
    // A city's viewport includes its neighbourhoods' places, counted once.
    let city = geojson(
        &mut anonymous,
        "/spaces/krakow/map.geojson?bbox=19.7,50.0,20.1,50.2&zoom=11",
    )
    .await;
    let city_count: u64 = features(&city)
        .iter()
        .map(|f| f["properties"]["count"].as_u64().unwrap_or(1))
        .sum();
    assert_eq!(city_count, 323);
}

async fn bad_viewports_are_refused_with_problem_details(app: TestApp) {
    app.create_space(None, "azory", "Azory").await;
    let mut anonymous = app.client();
    for (query, field) in [
        ("bbox=1,2,3", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("bbox=19.9,50.1,19.8,50.2", "bbox"),
        ("bbox=19.8,50.2,19.9,50.1", "bbox"),
        ("bbox=-181,0,0,1", "bbox"),
        ("bbox=0,-91,1,1", "bbox"),
        ("bbox=NaN,0,1,1", "bbox"),
        ("bbox=0,0,inf,1", "bbox"),
        ("bbox=0,0,1,1&zoom=-1", "zoom"),
        ("bbox=0,0,1,1&zoom=23", "zoom"),
        ("zoom=twelve", "zoom"),
        ("bbox=0,0,1,1&zoom=NaN", "zoom"),
    ] {
        let response = anonymous
            .get(&format!("/spaces/azory/map.geojson?{query}"))
            .await;
        assert_eq!(response.status, 400, "{query}: {}", response.body);
        assert_eq!(
            response.content_type(),
            "application/problem+json",
            "{query}"
        );
        let problem = response.json();
        assert_eq!(problem["status"], 400);
        assert_eq!(problem["errors"][0]["field"], field, "{query}");
        assert!(
            !problem["errors"][0]["message"]
                .as_str()
                .unwrap()
                .starts_with("error-"),
            "{query}: untranslated"
        );
    }
    // In the reader's language.
    anonymous.accept_language = Some("pl".into());
    let polish = anonymous.get("/spaces/azory/map.geojson?bbox=x").await;
    assert_eq!(polish.status, 400);
    assert!(polish.body.contains("Obszar mapy"), "{}", polish.body);
    // Good ones pass: the whole world, a point-sized box, fractional zoom.
    for query in ["bbox=-180,-90,180,90&zoom=0", "bbox=5,5,5,5", "zoom=12.5"] {
        let response = anonymous
            .get(&format!("/spaces/azory/map.geojson?{query}"))
            .await;
        assert_eq!(response.status, 200, "{query}: {}", response.body);
    }
}

async fn unchanged_maps_are_not_sent_again(app: TestApp) {
    let (mut coordinator, _, _) = world(&app).await;
    add_org(
        &mut coordinator,
        "azory",
        "Tagged Club",
        "ngo",
        Some(("50.0866", "19.9101")),
    )
    .await;
    let mut anonymous = app.client();
    for path in [
        "/spaces/azory/map.geojson",
        "/spaces/azory/map.geojson?bbox=19.9,50.08,19.92,50.09&zoom=14",
    ] {
        let first = anonymous.get(path).await;
        assert_eq!(first.status, 200);
        let tag = first.header("etag").expect("an ETag").to_owned();
        assert!(tag.starts_with("W/\""), "{tag}");
        // The same answer has the same tag; asking with it gets a bodiless 304.
        assert_eq!(anonymous.get(path).await.header("etag"), Some(tag.as_str()));
        let again = anonymous
            .request(
                Method::GET,
                path,
                &[("if-none-match", tag.as_str())],
                Body::empty(),
            )
            .await;
        assert_eq!(again.status, 304, "{path}");
        assert!(again.body.is_empty());
        assert_eq!(again.header("etag"), Some(tag.as_str()));
        assert!(again.header("cache-control").unwrap().contains("private"));
        // A list of tags, or a stale one.
        let listed = format!("W/\"other\", {tag}");
        let in_list = anonymous
            .request(
                Method::GET,
                path,
                &[("if-none-match", listed.as_str())],
                Body::empty(),
            )
            .await;
        assert_eq!(in_list.status, 304);
        let stale = anonymous
            .request(
                Method::GET,
                path,
                &[("if-none-match", "W/\"stale\"")],
                Body::empty(),
            )
            .await;
        assert_eq!(stale.status, 200);
    }
    // A change changes the tag.
    let before = anonymous
        .get("/spaces/azory/map.geojson")
        .await
        .header("etag")
        .unwrap()
        .to_owned();
    add_org(
        &mut coordinator,
        "azory",
        "Second Club",
        "ngo",
        Some(("50.0870", "19.9110")),
    )
    .await;
    let after = anonymous.get("/spaces/azory/map.geojson").await;
    assert_eq!(after.status, 200);
    assert_ne!(after.header("etag").unwrap(), before);
    // Another reader who sees other contacts gets another tag.
    let coordinator_tag = coordinator
        .get("/spaces/azory/map.geojson")
        .await
        .header("etag")
        .unwrap()
        .to_owned();
    assert!(!coordinator_tag.is_empty());
}
