//! Clash detection: which planned occurrences compete for the same place at the same time, or for
//! the same audience on the same day — the accident seed 002 set out to prevent ("actions …
//! at the same time and at the same place was accidental").
//!
//! [`detect`] is an interval sweep over occurrences sorted by start: an occurrence meets only
//! those still running when it starts, looked up by venue and by a grid of cells as wide as the
//! clash distance, so the work grows with the number of occurrences, not with its square.
//! Audience clashes are found per (space, day) group. [`detect_naive`] compares every pair; it
//! is the oracle the sweep is tested against.

use super::event::AudienceSet;
use crate::geo::Point;
use serde::Serialize;
use std::collections::HashMap;

/// One occurrence, as clash detection sees it. Times are UTC seconds; `day` is the local
/// calendar day (days since 1970-01-01 in the event's zone), so "the same day" means what the
/// people planning it mean.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Slot {
    pub event: i64,
    pub space: i64,
    pub start: i64,
    pub end: i64,
    pub day: i32,
    pub venue: Option<i64>,
    pub point: Option<Point>,
    pub audiences: AudienceSet,
}

/// What counts as "the same place": the same venue, or points at most this far apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    pub distance_m: f64,
}

impl Default for Rules {
    fn default() -> Self {
        Rules { distance_m: 150.0 }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    SameVenue,
    Nearby { metres: u32 },
}

/// Two occurrences that clash (`first < second`, indices into the slots): in place and time, in
/// audience on the same day, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clash {
    pub first: usize,
    pub second: usize,
    pub place: Option<Place>,
    pub audiences: AudienceSet,
}

fn overlaps(a: &Slot, b: &Slot) -> bool {
    a.start < b.end && b.start < a.end
}

/// The place relation of two occurrences, whatever their times.
fn place(a: &Slot, b: &Slot, rules: Rules) -> Option<Place> {
    if a.venue.is_some() && a.venue == b.venue {
        return Some(Place::SameVenue);
    }
    let (p, q) = (a.point?, b.point?);
    let metres = p.distance_m(q);
    (metres <= rules.distance_m).then_some(Place::Nearby {
        metres: metres.round() as u32,
    })
}

fn audience(a: &Slot, b: &Slot) -> AudienceSet {
    if a.space == b.space && a.day == b.day {
        a.audiences.shared(b.audiences)
    } else {
        AudienceSet::EMPTY
    }
}

/// Every clash, by comparing every pair: quadratic, for tests and as a baseline.
pub fn detect_naive(slots: &[Slot], rules: Rules) -> Vec<Clash> {
    let mut clashes = Vec::new();
    for i in 0..slots.len() {
        for j in i + 1..slots.len() {
            let (a, b) = (&slots[i], &slots[j]);
            if a.event == b.event {
                continue;
            }
            let place = if overlaps(a, b) {
                place(a, b, rules)
            } else {
                None
            };
            let audiences = audience(a, b);
            if place.is_some() || !audiences.is_empty() {
                clashes.push(Clash {
                    first: i,
                    second: j,
                    place,
                    audiences,
                });
            }
        }
    }
    clashes
}

/// Every clash, sorted by `(first, second)`; the same answer as [`detect_naive`], found by a
/// sweep.
pub fn detect(slots: &[Slot], rules: Rules) -> Vec<Clash> {
    let mut found: Vec<Clash> = Vec::new();
    sweep_places(slots, rules, &mut found);
    group_audiences(slots, &mut found);
    found.sort_unstable_by_key(|c| (c.first, c.second, c.place.is_none()));
    // A pair found by both passes becomes one clash with both reasons.
    let mut merged: Vec<Clash> = Vec::with_capacity(found.len());
    for clash in found {
        match merged.last_mut() {
            Some(last) if last.first == clash.first && last.second == clash.second => {
                last.place = last.place.or(clash.place);
                last.audiences = last.audiences.union(clash.audiences);
            }
            _ => merged.push(clash),
        }
    }
    merged
}

fn pair(i: usize, j: usize) -> (usize, usize) {
    if i < j {
        (i, j)
    } else {
        (j, i)
    }
}

/// Place clashes: a sweep over starts, keeping the occurrences still running by venue and by
/// grid cell. Finished ones are dropped lazily when a bucket is visited: sorted by start, an
/// occurrence that ended before the current one starts can meet no later one either.
fn sweep_places(slots: &[Slot], rules: Rules, found: &mut Vec<Clash>) {
    let distance = rules.distance_m.max(1.0);
    let max_lat = slots
        .iter()
        .filter_map(|s| s.point.map(|p| p.lat.abs()))
        .fold(0.0_f64, f64::max)
        .min(85.0);
    // Cells at least `distance` wide everywhere in the data: a degree of longitude is shortest
    // at the highest latitude present.
    let cell_lat = distance / 111_000.0;
    let cell_lon = distance / (111_000.0 * max_lat.to_radians().cos());
    let cell_of = |p: Point| -> (i64, i64) {
        (
            (p.lat / cell_lat).floor() as i64,
            (p.lon / cell_lon).floor() as i64,
        )
    };
    let mut order: Vec<usize> = (0..slots.len()).collect();
    order.sort_unstable_by_key(|&i| (slots[i].start, i));
    let mut by_venue: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut by_cell: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
    for &i in &order {
        let current = &slots[i];
        if let Some(venue) = current.venue {
            let running = by_venue.entry(venue).or_default();
            running.retain(|&j| slots[j].end > current.start);
            for &j in running.iter() {
                if slots[j].event != current.event && overlaps(&slots[j], current) {
                    let (first, second) = pair(i, j);
                    found.push(Clash {
                        first,
                        second,
                        place: Some(Place::SameVenue),
                        audiences: AudienceSet::EMPTY,
                    });
                }
            }
            running.push(i);
        }
        if let Some(point) = current.point {
            let (row, col) = cell_of(point);
            for d_row in -1..=1 {
                for d_col in -1..=1 {
                    let Some(running) = by_cell.get_mut(&(row + d_row, col + d_col)) else {
                        continue;
                    };
                    running.retain(|&j| slots[j].end > current.start);
                    for &j in running.iter() {
                        let other = &slots[j];
                        if other.event == current.event
                            || (current.venue.is_some() && other.venue == current.venue)
                            || !overlaps(other, current)
                        {
                            continue;
                        }
                        if let Some(place) = place(other, current, rules) {
                            let (first, second) = pair(i, j);
                            found.push(Clash {
                                first,
                                second,
                                place: Some(place),
                                audiences: AudienceSet::EMPTY,
                            });
                        }
                    }
                }
            }
            by_cell.entry((row, col)).or_default().push(i);
        }
    }
}

/// Audience clashes: within each (space, local day) group, pairs whose audiences meet.
fn group_audiences(slots: &[Slot], found: &mut Vec<Clash>) {
    let mut order: Vec<usize> = (0..slots.len())
        .filter(|&i| !slots[i].audiences.is_empty())
        .collect();
    order.sort_unstable_by_key(|&i| (slots[i].space, slots[i].day, i));
    for group in
        order.chunk_by(|&a, &b| slots[a].space == slots[b].space && slots[a].day == slots[b].day)
    {
        for (n, &i) in group.iter().enumerate() {
            for &j in &group[n + 1..] {
                if slots[i].event == slots[j].event {
                    continue;
                }
                let audiences = slots[i].audiences.shared(slots[j].audiences);
                if !audiences.is_empty() {
                    let (first, second) = pair(i, j);
                    found.push(Clash {
                        first,
                        second,
                        place: None,
                        audiences,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::event::Audience;
    use proptest::prelude::*;

    const AZORY: Point = Point {
        lat: 50.0870,
        lon: 19.8930,
    };

    fn slot(event: i64, start_h: i64, end_h: i64) -> Slot {
        Slot {
            event,
            space: 1,
            start: start_h * 3600,
            end: end_h * 3600,
            day: 0,
            venue: None,
            point: None,
            audiences: AudienceSet::EMPTY,
        }
    }

    #[test]
    fn same_venue_overlapping_in_time_clashes() {
        let a = Slot {
            venue: Some(7),
            ..slot(1, 10, 12)
        };
        let b = Slot {
            venue: Some(7),
            ..slot(2, 11, 13)
        };
        let c = Slot {
            venue: Some(7),
            ..slot(3, 12, 14)
        }; // starts when a ends: no clash with a
        let clashes = detect(&[a, b, c], Rules::default());
        assert_eq!(
            clashes
                .iter()
                .map(|c| (c.first, c.second, c.place))
                .collect::<Vec<_>>(),
            vec![
                (0, 1, Some(Place::SameVenue)),
                (1, 2, Some(Place::SameVenue))
            ]
        );
    }

    #[test]
    fn nearby_points_clash_and_distance_is_reported() {
        let near = Point {
            lat: AZORY.lat + 0.0009,
            lon: AZORY.lon,
        }; // about 100 m north
        let far = Point {
            lat: AZORY.lat + 0.01,
            lon: AZORY.lon,
        }; // about 1.1 km
        let a = Slot {
            point: Some(AZORY),
            ..slot(1, 10, 12)
        };
        let b = Slot {
            point: Some(near),
            ..slot(2, 11, 13)
        };
        let c = Slot {
            point: Some(far),
            ..slot(3, 11, 13)
        };
        let clashes = detect(&[a, b, c], Rules { distance_m: 150.0 });
        assert_eq!(clashes.len(), 1);
        assert_eq!(clashes[0].place, Some(Place::Nearby { metres: 100 }));
    }

    #[test]
    fn same_audience_on_the_same_day_in_the_same_space_clashes() {
        let seniors = AudienceSet::of(&[Audience::Seniors]);
        let everyone = AudienceSet::of(&[Audience::Everyone]);
        let children = AudienceSet::of(&[Audience::Children]);
        let a = Slot {
            audiences: seniors,
            ..slot(1, 10, 12)
        };
        let b = Slot {
            audiences: seniors,
            ..slot(2, 16, 18)
        };
        let c = Slot {
            audiences: children,
            ..slot(3, 16, 18)
        };
        let d = Slot {
            audiences: everyone,
            day: 1,
            ..slot(4, 40, 42)
        };
        let e = Slot {
            audiences: children,
            day: 1,
            ..slot(5, 30, 32)
        };
        let f = Slot {
            audiences: seniors,
            space: 2,
            ..slot(6, 10, 12)
        };
        let clashes = detect(&[a, b, c, d, e, f], Rules::default());
        let pairs: Vec<_> = clashes
            .iter()
            .map(|c| (c.first, c.second, c.audiences))
            .collect();
        assert_eq!(pairs, vec![(0, 1, seniors), (3, 4, children)]);
    }

    #[test]
    fn occurrences_of_one_event_never_clash_with_each_other() {
        let a = Slot {
            venue: Some(1),
            ..slot(1, 10, 12)
        };
        let b = Slot {
            venue: Some(1),
            ..slot(1, 11, 13)
        };
        assert!(detect(&[a, b], Rules::default()).is_empty());
    }

    #[test]
    fn both_reasons_make_one_clash() {
        let kids = AudienceSet::of(&[Audience::Children]);
        let a = Slot {
            venue: Some(1),
            audiences: kids,
            ..slot(1, 10, 12)
        };
        let b = Slot {
            venue: Some(1),
            audiences: kids,
            ..slot(2, 11, 13)
        };
        let clashes = detect(&[a, b], Rules::default());
        assert_eq!(
            clashes,
            vec![Clash {
                first: 0,
                second: 1,
                place: Some(Place::SameVenue),
                audiences: kids
            }]
        );
    }

    fn arbitrary_slot() -> impl Strategy<Value = Slot> {
        (
            0i64..12,
            0i64..3,
            0i64..96,
            1i64..12,
            proptest::option::of(0i64..4),
            proptest::option::of((0i32..40, 0i32..40)),
            0u16..(1 << Audience::ALL.len()),
        )
            .prop_map(
                |(event, space, start, length, venue, cell, audiences)| Slot {
                    event,
                    space,
                    start: start * 900,
                    end: (start + length) * 900,
                    day: (start / 32) as i32,
                    venue,
                    point: cell.map(|(r, c)| Point {
                        lat: AZORY.lat + f64::from(r) * 0.0004,
                        lon: AZORY.lon + f64::from(c) * 0.0006,
                    }),
                    audiences: AudienceSet::from_bits(audiences),
                },
            )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn the_sweep_finds_exactly_what_comparing_every_pair_finds(
            slots in proptest::collection::vec(arbitrary_slot(), 0..60),
            distance in prop_oneof![Just(0.0), 10.0f64..400.0],
        ) {
            let rules = Rules { distance_m: distance };
            prop_assert_eq!(detect(&slots, rules), detect_naive(&slots, rules));
        }
    }
}
