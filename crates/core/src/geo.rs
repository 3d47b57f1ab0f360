//! Points on the map: validated WGS 84 coordinates and distances between them.

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
        if !(-90.0..=90.0).contains(&lat) {
            if (-90.0..=90.0).contains(&lon) && (-180.0..=180.0).contains(&lat) {
                return Err(FieldError::new("lat", "error-coordinates-swapped"));
            }
            return Err(FieldError::new("lat", "error-latitude-range"));
        }
        if !(-180.0..=180.0).contains(&lon) {
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
        fn distance_is_symmetric(a in -80.0f64..80.0, b in -170.0f64..170.0, c in -80.0f64..80.0, d in -170.0f64..170.0) {
            let p = Point { lat: a, lon: b };
            let q = Point { lat: c, lon: d };
            prop_assert!((p.distance_m(q) - q.distance_m(p)).abs() < 1e-6);
        }
    }
}
