//! Points on the map: validated WGS 84 coordinates and distances between them, bounding boxes
//! (a map's viewport), and grid clustering of many points for a map at a given zoom.

use crate::validation::FieldError;
use serde::{Deserialize, Serialize};

/// A WGS 84 position. GeoJSON writes it longitude first; forms and people say latitude first.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
}

const EARTH_RADIUS_M: f64 = 6_371_008.8;

impl Point {
    /// Latitudes run from -90 to 90 degrees.
    pub const LAT_MAX: f64 = 90.0;
    /// Longitudes run from -180 to 180 degrees.
    pub const LON_MAX: f64 = 180.0;

    /// Validates a latitude/longitude pair given as text (both empty: no location). Says when
    /// the pair looks swapped, the commonest mistake.
    pub fn parse(lat: &str, lon: &str) -> Result<Option<Point>, FieldError> {
        let (lat, lon) = (lat.trim(), lon.trim());
        if lat.is_empty() && lon.is_empty() {
            return Ok(None);
        }
        if lat.is_empty() {
            return Err(FieldError::new("lat", "error-required"));
        }
        if lon.is_empty() {
            return Err(FieldError::new("lon", "error-required"));
        }
        let parse = |field: &'static str, value: &str| {
            value
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or(FieldError::new(field, "error-number"))
        };
        Point::new(parse("lat", lat)?, parse("lon", lon)?).map(Some)
    }

    /// Checks ranges: latitude within ±90, longitude within ±180.
    pub fn new(lat: f64, lon: f64) -> Result<Point, FieldError> {
        if !lat.is_finite() || !lon.is_finite() {
            return Err(FieldError::new("lat", "error-number"));
        }
        let lat_range = -Self::LAT_MAX..=Self::LAT_MAX;
        let lon_range = -Self::LON_MAX..=Self::LON_MAX;
        if !lat_range.contains(&lat) {
            if lat_range.contains(&lon) && lon_range.contains(&lat) {
                return Err(FieldError::new("lat", "error-coordinates-swapped"));
            }
            return Err(FieldError::new("lat", "error-latitude-range"));
        }
        if !lon_range.contains(&lon) {
            return Err(FieldError::new("lon", "error-longitude-range"));
        }
        Ok(Point { lat, lon })
    }

    /// Great-circle distance in metres (haversine; well within a metre at city scale).
    pub fn distance_m(self, other: Point) -> f64 {
        let (phi1, phi2) = (self.lat.to_radians(), other.lat.to_radians());
        let d_phi = (other.lat - self.lat).to_radians();
        let d_lambda = (other.lon - self.lon).to_radians();
        let a =
            (d_phi / 2.0).sin().powi(2) + phi1.cos() * phi2.cos() * (d_lambda / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_M * a.sqrt().atan2((1.0 - a).sqrt())
    }

    /// A box that contains every point within `radius_m` of this one: (south, west, north, east).
    /// Used to narrow a database query before measuring exact distances.
    pub fn bounding_box(self, radius_m: f64) -> (f64, f64, f64, f64) {
        let d_lat = (radius_m / EARTH_RADIUS_M).to_degrees();
        let cos = self.lat.to_radians().cos().abs().max(0.01);
        let d_lon = (radius_m / (EARTH_RADIUS_M * cos)).to_degrees();
        (
            (self.lat - d_lat).max(-90.0),
            (self.lon - d_lon).max(-180.0),
            (self.lat + d_lat).min(90.0),
            (self.lon + d_lon).min(180.0),
        )
    }
}

/// A bounding box in degrees, as GeoJSON writes it (RFC 7946 §5): west, south, east, north.
/// Boxes that cross the antimeridian (west > east) are not supported: a map asks for two.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl BoundingBox {
    /// Validates `west,south,east,north`: four finite numbers, longitudes within ±180,
    /// latitudes within ±90, west ≤ east and south ≤ north.
    pub fn parse(input: &str) -> Result<BoundingBox, FieldError> {
        let invalid = || FieldError::new("bbox", "error-bbox");
        let values: Vec<f64> = input
            .split(',')
            .map(|v| v.trim().parse::<f64>().ok().filter(|v| v.is_finite()))
            .collect::<Option<Vec<f64>>>()
            .ok_or_else(invalid)?;
        let [west, south, east, north] = values[..] else {
            return Err(invalid());
        };
        let lon = -180.0..=180.0;
        let lat = -90.0..=90.0;
        let in_range = lon.contains(&west)
            && lon.contains(&east)
            && lat.contains(&south)
            && lat.contains(&north);
        if !in_range || west > east || south > north {
            return Err(invalid());
        }
        Ok(BoundingBox {
            west,
            south,
            east,
            north,
        })
    }

    /// The smallest box around `points`, if there are any.
    pub fn around(points: impl IntoIterator<Item = Point>) -> Option<BoundingBox> {
        points.into_iter().fold(None, |found, p| {
            Some(match found {
                None => BoundingBox {
                    west: p.lon,
                    south: p.lat,
                    east: p.lon,
                    north: p.lat,
                },
                Some(b) => BoundingBox {
                    west: b.west.min(p.lon),
                    south: b.south.min(p.lat),
                    east: b.east.max(p.lon),
                    north: b.north.max(p.lat),
                },
            })
        })
    }

    /// Whether `point` lies inside or on the edge.
    pub fn contains(&self, point: Point) -> bool {
        (self.south..=self.north).contains(&point.lat)
            && (self.west..=self.east).contains(&point.lon)
    }

    /// The smallest box holding both.
    pub fn union(self, other: BoundingBox) -> BoundingBox {
        BoundingBox {
            west: self.west.min(other.west),
            south: self.south.min(other.south),
            east: self.east.max(other.east),
            north: self.north.max(other.north),
        }
    }
}

/// The deepest zoom a web map uses; beyond it nothing is clustered.
pub const MAX_ZOOM: f64 = 22.0;
/// Web Mercator's latitude limit: the square world map of web tiles.
const MERCATOR_MAX_LAT: f64 = 85.051_128_779_806_59;

/// Where `point` falls on the Web Mercator world map at `zoom`, in pixels of 256-pixel
/// tiles (x east, y south, both from the map's top-left corner) — the coordinates in which a
/// web map draws, so distances here are distances on the screen.
pub fn world_pixel(point: Point, zoom: f64) -> (f64, f64) {
    let size = 256.0 * zoom.clamp(0.0, MAX_ZOOM).exp2();
    let lat = point
        .lat
        .clamp(-MERCATOR_MAX_LAT, MERCATOR_MAX_LAT)
        .to_radians();
    let x = (point.lon.clamp(-180.0, 180.0) + 180.0) / 360.0 * size;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0 * size;
    (x, y)
}

/// A group of nearby points: the indexes of its members in the input, their mean position and
/// the box around them (zooming the map to it splits the group).
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub members: Vec<usize>,
    pub centre: Point,
    pub bounds: BoundingBox,
}

/// Groups `points` by the square of `cell_px` screen pixels they fall in on a map at `zoom`:
/// each point in exactly one cluster, a lone point in a cluster of one. The grid is fixed to
/// the world, not to a viewport, so panning the map does not regroup what stays in view.
/// Clusters come in grid order (north to south, then west to east), members in input order.
pub fn grid_clusters(points: &[Point], zoom: f64, cell_px: f64) -> Vec<Cluster> {
    let cell = if cell_px.is_finite() && cell_px >= 1.0 {
        cell_px
    } else {
        1.0
    };
    let mut cells: std::collections::BTreeMap<(i64, i64), Vec<usize>> =
        std::collections::BTreeMap::new();
    for (i, point) in points.iter().enumerate() {
        let (x, y) = world_pixel(*point, zoom);
        // Pixel coordinates are bounded by 256 · 2^22 ≈ 1.1e9, well within i64.
        let key = ((y / cell).floor() as i64, (x / cell).floor() as i64);
        cells.entry(key).or_default().push(i);
    }
    cells
        .into_values()
        .filter_map(|members| {
            let bounds = BoundingBox::around(members.iter().map(|&i| points[i]))?;
            let n = members.len() as f64;
            // The mean, kept inside the box against rounding (three equal values can average
            // a hair above themselves).
            let centre = Point {
                lat: (members.iter().map(|&i| points[i].lat).sum::<f64>() / n)
                    .clamp(bounds.south, bounds.north),
                lon: (members.iter().map(|&i| points[i].lon).sum::<f64>() / n)
                    .clamp(bounds.west, bounds.east),
            };
            Some(Cluster {
                members,
                centre,
                bounds,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_explains() {
        assert_eq!(Point::parse("", ""), Ok(None));
        assert_eq!(
            Point::parse("50,0853", "19.9194").unwrap(),
            Some(Point {
                lat: 50.0853,
                lon: 19.9194
            })
        );
        let key = |lat: &str, lon: &str| Point::parse(lat, lon).unwrap_err().key;
        assert_eq!(key("119.9", "50.08"), "error-coordinates-swapped");
        assert_eq!(key("95", "500"), "error-latitude-range");
        assert_eq!(key("50", "181"), "error-longitude-range");
        assert_eq!(key("north", "19"), "error-number");
        assert_eq!(key("50", ""), "error-required");
        assert_eq!(key("NaN", "1"), "error-number");
    }

    #[test]
    fn distances() {
        let azory = Point {
            lat: 50.0857,
            lon: 19.9016,
        };
        let rynek = Point {
            lat: 50.0617,
            lon: 19.9373,
        };
        let d = azory.distance_m(rynek);
        assert!((3400.0..3700.0).contains(&d), "{d}");
        assert_eq!(azory.distance_m(azory), 0.0);
    }

    #[test]
    fn bounding_boxes_parse_strictly() {
        assert_eq!(
            BoundingBox::parse("19.8,50.0,20.1,50.2"),
            Ok(BoundingBox {
                west: 19.8,
                south: 50.0,
                east: 20.1,
                north: 50.2
            })
        );
        assert!(BoundingBox::parse(" -180, -90, 180, 90 ").is_ok());
        assert!(BoundingBox::parse("5,5,5,5").is_ok());
        for bad in [
            "",
            "1,2,3",
            "1,2,3,4,5",
            "a,2,3,4",
            "NaN,0,1,1",
            "inf,0,1,1",
            "0,0,181,1",
            "-181,0,1,1",
            "0,-91,1,1",
            "0,0,1,91",
            "2,0,1,1",
            "0,2,1,1",
            "1;2;3;4",
        ] {
            assert_eq!(
                BoundingBox::parse(bad).map_err(|e| e.key),
                Err("error-bbox"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn boxes_around_points() {
        assert_eq!(BoundingBox::around([]), None);
        let b = BoundingBox::around([
            Point {
                lat: 50.1,
                lon: 19.9,
            },
            Point {
                lat: 50.0,
                lon: 20.0,
            },
        ])
        .unwrap();
        assert_eq!((b.west, b.south, b.east, b.north), (19.9, 50.0, 20.0, 50.1));
        assert!(b.contains(Point {
            lat: 50.05,
            lon: 19.95
        }));
        assert!(b.contains(Point {
            lat: 50.1,
            lon: 20.0
        }));
        assert!(!b.contains(Point {
            lat: 50.2,
            lon: 19.95
        }));
    }

    #[test]
    fn world_pixels_follow_web_mercator() {
        // Zoom 0 is one 256-pixel tile: the origin at the top left, (0°, 0°) in the middle.
        let (x, y) = world_pixel(Point { lat: 0.0, lon: 0.0 }, 0.0);
        assert!((x - 128.0).abs() < 1e-9 && (y - 128.0).abs() < 1e-9);
        let (x, y) = world_pixel(
            Point {
                lat: MERCATOR_MAX_LAT,
                lon: -180.0,
            },
            1.0,
        );
        assert!(x.abs() < 1e-9 && y.abs() < 1e-6, "{x} {y}");
        // Each zoom level doubles the distances.
        let a = world_pixel(
            Point {
                lat: 50.0,
                lon: 19.9,
            },
            12.0,
        );
        let b = world_pixel(
            Point {
                lat: 50.0,
                lon: 19.9,
            },
            13.0,
        );
        assert!((b.0 - 2.0 * a.0).abs() < 1e-6 && (b.1 - 2.0 * a.1).abs() < 1e-6);
        // Poles are clamped, not infinite.
        assert!(world_pixel(
            Point {
                lat: 90.0,
                lon: 0.0
            },
            3.0
        )
        .1
        .is_finite());
    }

    #[test]
    fn clusters_on_a_grid() {
        let p = |lat, lon| Point { lat, lon };
        // Two close pairs in Kraków (a few metres apart) and one point 3 km away.
        let points = [
            p(50.0866, 19.9101),
            p(50.0600, 19.9400),
            p(50.08661, 19.91011),
            p(50.06001, 19.94001),
            p(50.0870, 19.9600),
        ];
        let clusters = grid_clusters(&points, 12.0, 60.0);
        let mut groups: Vec<Vec<usize>> = clusters.iter().map(|c| c.members.clone()).collect();
        groups.sort();
        assert_eq!(groups, [vec![0, 2], vec![1, 3], vec![4]]);
        let pair = clusters.iter().find(|c| c.members == [0, 2]).unwrap();
        assert!((pair.centre.lat - 50.086605).abs() < 1e-9);
        assert_eq!(pair.bounds.north, 50.08661);
        assert_eq!(pair.bounds.west, 19.9101);
        // Zoomed far in, every point stands alone; zoomed out, all are one.
        assert_eq!(grid_clusters(&points, 22.0, 60.0).len(), 5);
        assert_eq!(grid_clusters(&points, 2.0, 60.0).len(), 1);
        assert!(grid_clusters(&[], 10.0, 60.0).is_empty());
        // A nonsense cell size does not panic or divide by zero.
        assert_eq!(grid_clusters(&points, 22.0, f64::NAN).len(), 5);
    }

    proptest! {
        #[test]
        fn bounding_box_contains_the_circle(
            lat in -80.0f64..80.0, lon in -179.0f64..179.0,
            radius in 10.0f64..20_000.0, bearing in 0.0f64..360.0, fraction in 0.0f64..0.99
        ) {
            let centre = Point { lat, lon };
            // A point at `fraction * radius` along `bearing`.
            let d = radius * fraction / EARTH_RADIUS_M;
            let (phi, lambda, theta) = (lat.to_radians(), lon.to_radians(), bearing.to_radians());
            let phi2 = (phi.sin() * d.cos() + phi.cos() * d.sin() * theta.cos()).asin();
            let lambda2 = lambda + (theta.sin() * d.sin() * phi.cos()).atan2(d.cos() - phi.sin() * phi2.sin());
            let p = Point { lat: phi2.to_degrees(), lon: lambda2.to_degrees() };
            let (s, w, n, e) = centre.bounding_box(radius);
            prop_assert!(p.lat >= s - 1e-9 && p.lat <= n + 1e-9);
            prop_assert!(p.lon >= w - 1e-9 && p.lon <= e + 1e-9);
        }

        #[test]
        fn every_point_is_in_exactly_one_cluster_near_its_centre(
            points in proptest::collection::vec((49.9f64..50.2, 19.7f64..20.2), 0..200),
            zoom in 0.0f64..20.0, cell in 20.0f64..120.0
        ) {
            let points: Vec<Point> = points.into_iter().map(|(lat, lon)| Point { lat, lon }).collect();
            let clusters = grid_clusters(&points, zoom, cell);
            let mut seen = vec![0usize; points.len()];
            for c in &clusters {
                prop_assert!(!c.members.is_empty());
                prop_assert!(c.bounds.contains(c.centre));
                let (cx, cy) = world_pixel(c.centre, zoom);
                for &i in &c.members {
                    seen[i] += 1;
                    prop_assert!(c.bounds.contains(points[i]));
                    // Members share a cell, so each is within a cell's diagonal of the centre.
                    let (x, y) = world_pixel(points[i], zoom);
                    prop_assert!(((x - cx).powi(2) + (y - cy).powi(2)).sqrt() <= cell * 1.5 + 1e-6);
                }
            }
            prop_assert!(seen.iter().all(|&n| n == 1));
            prop_assert!(clusters.len() <= points.len());
        }

        #[test]
        fn distance_is_symmetric(a in -80.0f64..80.0, b in -170.0f64..170.0, c in -80.0f64..80.0, d in -170.0f64..170.0) {
            let p = Point { lat: a, lon: b };
            let q = Point { lat: c, lon: d };
            prop_assert!((p.distance_m(q) - q.distance_m(p)).abs() < 1e-6);
        }
    }
}
