//! Clash detection at city scale: one city of 50 neighbourhoods around Kraków, a few hundred
//! venues, and recurring and one-off events expanded over a year in Europe/Warsaw (both DST
//! changes included) into about 10,000, 100,000 and 1,000,000 occurrences.
//!
//! Measured separately, several runs per size (median, min, max):
//! - expansion: every series through `Series::occurrences`, into `Slot`s;
//! - detection: `clash::detect` over the slots;
//! - total: both, as one run;
//! - at 10,000 only (it is quadratic): `clash::detect_naive`, the baseline, after checking that
//!   both find exactly the same clashes.
//!
//! Run: `cargo bench -p cospace-core --bench clash` (add `-- 10k 100k` to pick sizes).
//! The data is generated deterministically (a seeded generator), so every run sees the same city.

// A benchmark, like a test, stops loudly on what cannot happen.
#![allow(clippy::expect_used)]

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use cospace_core::calendar::clash::{self, Clash, Rules, Slot};
use cospace_core::calendar::event::{Audience, AudienceSet};
use cospace_core::calendar::recurrence::{Change, Ends, Repeat, Rule, Series, Timing};
use cospace_core::calendar::time::Zone;
use cospace_core::geo::Point;
use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration as Elapsed, Instant};

/// SplitMix64: small, fast and good enough to make a city.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// An index picked with the given weights.
    fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }
}

const CENTRE: Point = Point {
    lat: 50.0614,
    lon: 19.9366,
};
const NEIGHBOURHOODS: usize = 50;
const VENUES_PER_NEIGHBOURHOOD: usize = 12;
/// Metres per degree of latitude, and of longitude at Kraków.
const M_LAT: f64 = 111_195.0;
const M_LON: f64 = 71_400.0;

/// A point `east` and `north` metres from `p`.
fn offset(p: Point, east: f64, north: f64) -> Point {
    Point {
        lat: p.lat + north / M_LAT,
        lon: p.lon + east / M_LON,
    }
}

/// A point uniformly within `radius` metres of `p`.
fn scatter(rng: &mut Rng, p: Point, radius: f64) -> Point {
    let r = radius * rng.unit().sqrt();
    let a = rng.unit() * std::f64::consts::TAU;
    offset(p, r * a.cos(), r * a.sin())
}

struct Venue {
    id: i64,
    point: Point,
    /// How much planners prefer it: the community centre and the library are asked first.
    weight: f64,
}

struct City {
    /// Neighbourhood centres; a neighbourhood's space id is its index + 1.
    centres: Vec<Point>,
    /// Venues by neighbourhood.
    venues: Vec<Vec<Venue>>,
}

/// 50 neighbourhoods on a jittered grid about 2.2 km apart (a city some 16 km across), each
/// with 12 venues within a kilometre of its centre: 600 venues.
fn city(rng: &mut Rng) -> City {
    let mut centres = Vec::new();
    for row in 0..7 {
        for col in 0..8 {
            if centres.len() == NEIGHBOURHOODS {
                break;
            }
            let east = (f64::from(col) - 3.5) * 2_200.0 + (rng.unit() - 0.5) * 800.0;
            let north = (f64::from(row) - 3.0) * 2_200.0 + (rng.unit() - 0.5) * 800.0;
            centres.push(offset(CENTRE, east, north));
        }
    }
    let mut next_id = 1;
    let venues = centres
        .iter()
        .map(|&centre| {
            (0..VENUES_PER_NEIGHBOURHOOD)
                .map(|k| {
                    let venue = Venue {
                        id: next_id,
                        point: scatter(rng, centre, 1_000.0),
                        weight: match k {
                            0 => 6.0,
                            1 => 4.0,
                            2 | 3 => 2.5,
                            _ => 1.0,
                        },
                    };
                    next_id += 1;
                    venue
                })
                .collect()
        })
        .collect();
    City { centres, venues }
}

/// One planned event: what `Series` needs, and what a `Slot` carries.
struct Plan {
    id: i64,
    space: i64,
    timing: Timing,
    rule: Option<Rule>,
    exdates: Vec<NaiveDateTime>,
    changes: Vec<Change>,
    venue: Option<i64>,
    point: Option<Point>,
    audiences: AudienceSet,
}

fn year_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 1).expect("a date")
}

fn at(date: NaiveDate, minutes: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0).expect("a time"))
}

/// Who an event is for: a third say nothing, a few are for everyone, most name one group.
fn audiences(rng: &mut Rng) -> AudienceSet {
    use Audience::*;
    let groups = [Children, Youth, Families, Adults, Seniors];
    let weights = [2.0, 1.5, 1.5, 2.5, 2.5];
    let x = rng.unit();
    if x < 0.35 {
        AudienceSet::EMPTY
    } else if x < 0.40 {
        AudienceSet::of(&[Everyone])
    } else if x < 0.90 {
        AudienceSet::of(&[groups[rng.weighted(&weights)]])
    } else {
        AudienceSet::of(&[
            groups[rng.weighted(&weights)],
            groups[rng.weighted(&weights)],
        ])
    }
}

/// Start of a venue's bookable slots, in minutes after midnight: 9:00 to 19:00, two hours each.
const SLOTS: [u32; 6] = [540, 660, 780, 900, 1020, 1140];

/// Makes events until they are expected to yield about `target` occurrences in 2027. Planners
/// book venues: each venue has a weekly grid of slots, and a planner looks for one not taken
/// (a monthly series takes a quarter of one), so double bookings happen, but not at random.
fn plans(rng: &mut Rng, city: &City, target: usize) -> Vec<Plan> {
    let mut booked: HashMap<(i64, u32, usize), f64> = HashMap::new();
    let mut plans = Vec::new();
    let mut expected = 0.0;
    while expected < target as f64 {
        let n = rng.below(NEIGHBOURHOODS as u64) as usize;
        let id = plans.len() as i64 + 1;
        // What repeats, how often, and for how many occurrences of the year.
        let kind = rng.weighted(&[45.0, 15.0, 12.0, 5.0, 23.0]);
        let (repeat, period) = match kind {
            0 => (Some(Repeat::Weekly), 7.0),
            1 => (Some(Repeat::Fortnightly), 14.0),
            2 => (Some(Repeat::MonthlyByWeekday), 30.44),
            3 => (Some(Repeat::MonthlyByDate), 30.44),
            _ => (None, 365.0),
        };
        // Most series were running before the year began; some begin during it.
        let first_day: i64 = match repeat {
            Some(_) if rng.chance(0.6) => -(rng.below(120) as i64) - 1,
            Some(_) => rng.below(300) as i64,
            None => rng.below(365) as i64,
        };
        let ends = if repeat.is_some() && rng.chance(0.3) {
            Ends::After(10 + rng.below(31) as u32)
        } else {
            Ends::Never
        };
        let date = year_start() + Duration::days(first_day);
        let weight = match kind {
            0 => 1.0,
            1 => 0.5,
            _ => 0.25,
        };
        // Where: mostly a venue of the neighbourhood, else an address of its own (a park, a
        // courtyard), rarely nowhere (online).
        let place = rng.unit();
        let (venue, point, start_min) = if place < 0.72 {
            let venues = &city.venues[n];
            let weights: Vec<f64> = venues.iter().map(|v| v.weight).collect();
            let checks = !rng.chance(0.03);
            let mut choice = None;
            'search: for _ in 0..3 {
                let v = &venues[rng.weighted(&weights)];
                for _ in 0..6 {
                    let slot = rng.below(SLOTS.len() as u64) as usize;
                    let key = (v.id, date.weekday().num_days_from_monday(), slot);
                    let load = booked.get(&key).copied().unwrap_or(0.0);
                    choice = Some((v, key));
                    if !checks || load + weight <= 1.0 {
                        break 'search;
                    }
                }
            }
            let (v, key) = choice.expect("a venue");
            *booked.entry(key).or_default() += weight;
            let jitter = [0, 0, 0, 15, 30][rng.below(5) as usize];
            (Some(v.id), Some(v.point), SLOTS[key.2] + jitter)
        } else {
            let point = (place < 0.96).then(|| scatter(rng, city.centres[n], 1_200.0));
            (None, point, 8 * 60 + 15 * rng.below(49) as u32)
        };
        let length = [60, 90, 90, 120, 120, 150, 180][rng.below(7) as usize];
        let start = at(date, start_min);
        let timing = if repeat.is_none() && venue.is_none() && rng.chance(0.1) {
            // A festival or a fair: one or two whole days.
            Timing::AllDay {
                first: date,
                last: date + Duration::days(rng.below(2) as i64),
            }
        } else {
            Timing::At {
                start,
                end: start + Duration::minutes(length),
            }
        };
        let zone = warsaw();
        let rule = repeat.map(|r| Rule::from_choice(r, ends, zone, start));
        // Weekly series skip a holiday or two, and sometimes move or cancel one meeting.
        let mut exdates = Vec::new();
        let mut changes = Vec::new();
        if let Some(Repeat::Weekly | Repeat::Fortnightly) = repeat {
            let step = if kind == 0 { 7 } else { 14 };
            let nth = |rng: &mut Rng| start + Duration::days(step * (1 + rng.below(20) as i64));
            if rng.chance(0.15) {
                exdates.push(nth(rng));
            }
            if rng.chance(0.1) {
                let recurrence_id = nth(rng);
                let moved = recurrence_id + Duration::days(1 + rng.below(2) as i64);
                changes.push(Change {
                    recurrence_id,
                    start: moved,
                    end: moved + Duration::minutes(length),
                    cancelled: rng.chance(0.3),
                    ..Change::default()
                });
            }
        }
        // Expected occurrences in the year, to know when to stop.
        let span = (365 - first_day.max(0)) as f64;
        let before = (-first_day).max(0) as f64 / period;
        expected += match (repeat, ends) {
            (None, _) => 1.0,
            (Some(_), Ends::After(count)) => {
                (span / period).min(f64::from(count) - before).max(0.0)
            }
            (Some(_), _) => span / period,
        };
        plans.push(Plan {
            id,
            space: n as i64 + 1,
            timing,
            rule,
            exdates,
            changes,
            venue,
            point,
            audiences: audiences(rng),
        });
    }
    plans
}

fn warsaw() -> Zone {
    Zone::parse("tz", "Europe/Warsaw").expect("a zone")
}

/// Expands every plan over 2027 into the slots clash detection reads; cancelled occurrences are
/// left out, as the calendar does.
fn expand(plans: &[Plan]) -> Vec<Slot> {
    let zone = warsaw();
    let from = zone.day_start(year_start());
    let to = zone.day_start(NaiveDate::from_ymd_opt(2028, 1, 1).expect("a date"));
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");
    let mut slots = Vec::new();
    for plan in plans {
        let series = Series {
            zone,
            timing: plan.timing,
            rule: plan.rule.as_ref(),
            rdates: &[],
            exdates: &plan.exdates,
            changes: &plan.changes,
        };
        for o in series.occurrences(from, to) {
            if o.cancelled {
                continue;
            }
            slots.push(Slot {
                event: plan.id,
                space: plan.space,
                start: o.start.timestamp(),
                end: o.end.timestamp(),
                day: (o.local_start.date() - epoch).num_days() as i32,
                venue: plan.venue,
                point: plan.point,
                audiences: plan.audiences,
            });
        }
    }
    slots
}

struct Stats {
    median: Elapsed,
    min: Elapsed,
    max: Elapsed,
}

fn stats(mut runs: Vec<Elapsed>) -> Stats {
    runs.sort();
    Stats {
        median: runs[runs.len() / 2],
        min: runs[0],
        max: runs[runs.len() - 1],
    }
}

fn ms(d: Elapsed) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1_000.0)
}

fn show(what: &str, s: &Stats) {
    println!(
        "  {what:<12} median {:>11}   min {:>11}   max {:>11}",
        ms(s.median),
        ms(s.min),
        ms(s.max)
    );
}

fn describe(slots: &[Slot], clashes: &[Clash]) {
    let venue = clashes
        .iter()
        .filter(|c| c.place == Some(clash::Place::SameVenue))
        .count();
    let nearby = clashes
        .iter()
        .filter(|c| matches!(c.place, Some(clash::Place::Nearby { .. })))
        .count();
    let audience = clashes.iter().filter(|c| !c.audiences.is_empty()).count();
    let mut per_day: HashMap<(i64, i32), usize> = HashMap::new();
    for s in slots {
        *per_day.entry((s.space, s.day)).or_default() += 1;
    }
    let busiest = per_day.values().max().copied().unwrap_or(0);
    let mean = slots.len() as f64 / (NEIGHBOURHOODS as f64 * 365.0);
    println!(
        "  {} clashes: {venue} same venue, {nearby} nearby, {audience} same audience on the same day (a clash may have two reasons)",
        clashes.len()
    );
    println!(
        "  occurrences per neighbourhood and day: mean {mean:.1}, busiest {busiest}; {} at a venue, {} without a place",
        slots.iter().filter(|s| s.venue.is_some()).count(),
        slots.iter().filter(|s| s.point.is_none()).count()
    );
}

fn bench(label: &str, target: usize, runs: usize) {
    let mut rng = Rng(0x0C05_9ACE_u64.wrapping_add(target as u64));
    let city = city(&mut rng);
    let plans = plans(&mut rng, &city, target);
    let series = plans.iter().filter(|p| p.rule.is_some()).count();
    println!(
        "{label}: {} events ({series} recurring, {} one-off)",
        plans.len(),
        plans.len() - series
    );
    let rules = Rules::default();
    let (mut expansion, mut detection, mut total) = (Vec::new(), Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..runs {
        let t0 = Instant::now();
        let slots = black_box(expand(black_box(&plans)));
        let t1 = Instant::now();
        let clashes = black_box(clash::detect(black_box(&slots), rules));
        let t2 = Instant::now();
        expansion.push(t1 - t0);
        detection.push(t2 - t1);
        total.push(t2 - t0);
        last = Some((slots, clashes));
    }
    let (slots, clashes) = last.expect("at least one run");
    println!("  {} occurrences", slots.len());
    describe(&slots, &clashes);
    show("expansion", &stats(expansion));
    let detection = stats(detection);
    show("detection", &detection);
    show("total", &stats(total));
    if target <= 10_000 {
        let naive = clash::detect_naive(&slots, rules);
        assert!(
            naive == clashes,
            "detect and detect_naive disagree: {} vs {} clashes",
            clashes.len(),
            naive.len()
        );
        let mut times = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            black_box(clash::detect_naive(black_box(&slots), rules));
            times.push(t.elapsed());
        }
        let naive = stats(times);
        show("naive", &naive);
        println!(
            "  detect finds the same clashes as detect_naive, {:.0}× faster (medians)",
            naive.median.as_secs_f64() / detection.median.as_secs_f64()
        );
    }
    println!();
}

fn main() {
    // `cargo bench` passes `--bench`; any other argument picks sizes.
    let picked: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    for (label, target, runs) in [
        ("10k", 10_000, 7),
        ("100k", 100_000, 7),
        ("1M", 1_000_000, 5),
    ] {
        if picked.is_empty() || picked.iter().any(|p| p == label) {
            bench(label, target, runs);
        }
    }
}
