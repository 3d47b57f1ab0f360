//! Clash detection: which planned occurrences compete for the same place at the same time, or for
//! the same audience on the same day — the accident a common calendar exists to prevent ("actions …
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
use std::hash::{BuildHasherDefault, Hash, Hasher};

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
///
/// The clashes are written out in order, occurrence by occurrence: its place clashes (from the
/// sweep, few) merged with its audience clashes (the later members of its (space, day) group,
/// already in index order). Nothing as large as the answer is built or sorted on the way.
pub fn detect(slots: &[Slot], rules: Rules) -> Vec<Clash> {
    let places = PlacePartners::sweep(slots, rules);
    let groups = AudienceGroups::new(slots);
    let mut clashes = Vec::new();
    for (i, slot) in slots.iter().enumerate() {
        let near = places.of(i);
        let mut n = 0;
        for (j, shared) in groups.after(i, slot) {
            while n < near.len() && near[n].0 < j {
                clashes.push(place_clash(i, near[n]));
                n += 1;
            }
            if n < near.len() && near[n].0 == j {
                // Found by both: one clash with both reasons.
                clashes.push(Clash {
                    audiences: shared,
                    ..place_clash(i, near[n])
                });
                n += 1;
            } else {
                clashes.push(Clash {
                    first: i,
                    second: j,
                    place: None,
                    audiences: shared,
                });
            }
        }
        for &partner in &near[n..] {
            clashes.push(place_clash(i, partner));
        }
    }
    clashes
}

fn place_clash(first: usize, (second, place): (usize, Place)) -> Clash {
    Clash {
        first,
        second,
        place: Some(place),
        audiences: AudienceSet::EMPTY,
    }
}

/// A small multiplicative hash (as rustc's FxHash) for the sweep's integer keys: venues and grid
/// cells, looked up once per occurrence. SipHash's protection against chosen keys is not needed
/// for a few thousand venues and cells, and costs more than the rest of the lookup.
#[derive(Default)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(u64::from(b));
        }
    }

    fn write_i64(&mut self, n: i64) {
        self.add(n as u64);
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Numbers `0..n` for the distinct keys, and each slot's number (`None` without a key), so that
/// the sweep's buckets are a plain vector. Neighbouring slots often share a key (the
/// occurrences of one event), so a repeated key is not hashed again.
fn number<K: Eq + Hash + Copy>(
    keys: impl Iterator<Item = Option<K>>,
) -> (FxMap<K, usize>, Vec<Option<usize>>) {
    let mut ids: FxMap<K, usize> = FxMap::default();
    let mut last: Option<(K, usize)> = None;
    let numbers = keys
        .map(|key| {
            let key = key?;
            if let Some((k, id)) = last {
                if k == key {
                    return Some(id);
                }
            }
            let next = ids.len();
            let id = *ids.entry(key).or_insert(next);
            last = Some((key, id));
            Some(id)
        })
        .collect();
    (ids, numbers)
}

/// An occurrence still running, as the sweep keeps it: a copy of its slot beside its index, so
/// the comparisons read a short list and not the whole slice.
#[derive(Clone, Copy)]
struct Running {
    index: usize,
    slot: Slot,
}

/// Drops the occurrences that ended by `now`: sorted by start, an occurrence that ended before
/// the current one starts can meet no later one either.
fn prune(running: &mut Vec<Running>, now: i64) {
    if running.iter().any(|r| r.slot.end <= now) {
        running.retain(|r| r.slot.end > now);
    }
}

/// Each occurrence's place clashes with later occurrences (by index), sorted: `partners[i]` is
/// `list[starts[i]..starts[i + 1]]`.
struct PlacePartners {
    starts: Vec<usize>,
    list: Vec<(usize, Place)>,
}

impl PlacePartners {
    fn of(&self, i: usize) -> &[(usize, Place)] {
        &self.list[self.starts[i]..self.starts[i + 1]]
    }

    /// A sweep over starts, keeping the occurrences still running by venue and by grid cell;
    /// finished ones are dropped lazily when a bucket is visited.
    fn sweep(slots: &[Slot], rules: Rules) -> PlacePartners {
        let distance = rules.distance_m.max(1.0);
        let max_lat = slots
            .iter()
            .filter_map(|s| s.point.map(|p| p.lat.abs()))
            .fold(0.0_f64, f64::max)
            .min(85.0);
        // Cells at least `distance` wide everywhere in the data: a degree of longitude is
        // shortest at the highest latitude present.
        let cell_lat = distance / 111_000.0;
        let cell_lon = distance / (111_000.0 * max_lat.to_radians().cos());
        let cell_of = |p: Point| -> (i64, i64) {
            (
                (p.lat / cell_lat).floor() as i64,
                (p.lon / cell_lon).floor() as i64,
            )
        };
        let (venues, venue_of) = number(slots.iter().map(|s| s.venue));
        let (cells, cell_of_slot) = number(slots.iter().map(|s| s.point.map(cell_of)));
        // The cells around each cell (itself included) that hold any point.
        let mut around = vec![Vec::new(); cells.len()];
        for (&(row, col), &id) in &cells {
            for d_row in -1..=1 {
                for d_col in -1..=1 {
                    if let Some(&other) = cells.get(&(row + d_row, col + d_col)) {
                        around[id].push(other);
                    }
                }
            }
        }
        // The occurrences in start order, each copied beside its venue and cell: gathered in
        // one pass (the loads are independent, so they overlap), the sweep then reads in order.
        let mut order: Vec<(i64, usize)> = slots
            .iter()
            .enumerate()
            .map(|(i, s)| (s.start, i))
            .collect();
        order.sort_unstable();
        let visits: Vec<(Running, Option<usize>, Option<usize>)> = order
            .into_iter()
            .map(|(_, index)| {
                let running = Running {
                    index,
                    slot: slots[index],
                };
                (running, venue_of[index], cell_of_slot[index])
            })
            .collect();
        drop((venue_of, cell_of_slot));
        let mut found: Vec<(usize, usize, Place)> = Vec::new();
        let mut found_pair = |i: usize, j: usize, place: Place| {
            found.push(if i < j { (i, j, place) } else { (j, i, place) });
        };
        let mut by_venue: Vec<Vec<Running>> = vec![Vec::new(); venues.len()];
        let mut by_cell: Vec<Vec<Running>> = vec![Vec::new(); cells.len()];
        for (me, venue, cell) in visits {
            let (i, current) = (me.index, &me.slot);
            if let Some(venue) = venue {
                let running = &mut by_venue[venue];
                prune(running, current.start);
                for r in running.iter() {
                    if r.slot.event != current.event && overlaps(&r.slot, current) {
                        found_pair(i, r.index, Place::SameVenue);
                    }
                }
                running.push(me);
            }
            if let Some(cell) = cell {
                for &near in &around[cell] {
                    let running = &mut by_cell[near];
                    prune(running, current.start);
                    for r in running.iter() {
                        let other = &r.slot;
                        if other.event == current.event
                            || (current.venue.is_some() && other.venue == current.venue)
                            || !overlaps(other, current)
                        {
                            continue;
                        }
                        if let Some(place) = place(other, current, rules) {
                            found_pair(i, r.index, place);
                        }
                    }
                }
                by_cell[cell].push(me);
            }
        }
        // Grouped by first occurrence (a counting sort), each group by the second.
        let mut starts = vec![0; slots.len() + 1];
        for &(first, _, _) in &found {
            starts[first + 1] += 1;
        }
        for i in 0..slots.len() {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut list = vec![(0, Place::SameVenue); found.len()];
        for (first, second, place) in found {
            list[next[first]] = (second, place);
            next[first] += 1;
        }
        for bounds in starts.windows(2) {
            list[bounds[0]..bounds[1]].sort_unstable_by_key(|&(second, _)| second);
        }
        PlacePartners { starts, list }
    }
}

/// A member of a (space, local day) group with audiences.
#[derive(Clone, Copy)]
struct Member {
    index: usize,
    event: i64,
    audiences: AudienceSet,
}

/// The occurrences with audiences, grouped by (space, local day), each group in index order.
struct AudienceGroups {
    members: Vec<Member>,
    /// For each slot, where the members after it in its group lie in `members` (empty without
    /// audiences): read in slot order, so the scan's start is known without a lookup.
    later: Vec<(usize, usize)>,
}

impl AudienceGroups {
    fn new(slots: &[Slot]) -> AudienceGroups {
        let mut keyed: Vec<(i64, i32, Member)> = slots
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.audiences.is_empty())
            .map(|(index, s)| {
                (
                    s.space,
                    s.day,
                    Member {
                        index,
                        event: s.event,
                        audiences: s.audiences,
                    },
                )
            })
            .collect();
        keyed.sort_unstable_by_key(|&(space, day, m)| (space, day, m.index));
        let mut members: Vec<Member> = Vec::with_capacity(keyed.len());
        let mut later = vec![(0, 0); slots.len()];
        for group in keyed.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
            let end = members.len() + group.len();
            for &(_, _, m) in group {
                later[m.index] = (members.len() + 1, end);
                members.push(m);
            }
        }
        AudienceGroups { members, later }
    }

    /// The later occurrences (by index) of `slot`'s group whose audiences meet its own, in index
    /// order, with the audiences they share; `slot` is the one at `i`.
    fn after<'a>(
        &'a self,
        i: usize,
        slot: &'a Slot,
    ) -> impl Iterator<Item = (usize, AudienceSet)> + 'a {
        let (from, to) = self.later[i];
        self.members[from..to].iter().filter_map(move |other| {
            if other.event == slot.event {
                return None;
            }
            let shared = slot.audiences.shared(other.audiences);
            (!shared.is_empty()).then_some((other.index, shared))
        })
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
