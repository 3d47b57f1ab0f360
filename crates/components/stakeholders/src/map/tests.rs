//! Places as features, clusters, viewports and tags.

use super::page::attribution_url;
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
