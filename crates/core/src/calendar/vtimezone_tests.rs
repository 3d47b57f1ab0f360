//! The VTIMEZONEs are read back by a small evaluator (RRULEs expanded by the rrule crate, not by
//! the writer's own logic) and must give the tz database's offset at any instant.

use super::*;
use proptest::prelude::*;

/// Zones with different histories: EU and US rules, the southern hemisphere, no DST at all, DST
/// abolished (2019, 2022), a `Sun>=2` rule, half-hour DST and a 45-minute offset.
const ZONES: &[&str] = &[
    "Europe/Warsaw",
    "America/New_York",
    "Australia/Sydney",
    "Africa/Nairobi",
    "America/Sao_Paulo",
    "Asia/Tehran",
    "America/Santiago",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Europe/London",
];

fn zone(name: &str) -> Zone {
    Zone::parse("tz", name).unwrap()
}

fn written(name: &str, from_year: i32) -> String {
    let mut doc = Document::new();
    vtimezone(&mut doc, zone(name), from_year);
    doc.finish()
}

fn seconds(text: &str) -> i32 {
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let digits: Vec<i32> = text.as_bytes()[1..]
        .chunks(2)
        .map(|c| std::str::from_utf8(c).unwrap().parse().unwrap())
        .collect();
    sign * (digits[0] * 3600 + digits[1] * 60 + digits.get(2).copied().unwrap_or(0))
}

/// The offsets a VTIMEZONE defines: each onset (UTC) up to `until` with the offset from then on,
/// in order, and the offset before the first onset.
struct Evaluated {
    before: i32,
    onsets: Vec<(DateTime<Utc>, i32)>,
}

impl Evaluated {
    fn read(text: &str, until: DateTime<Utc>) -> Evaluated {
        let text = text.replace("\r\n ", "");
        let (mut start, mut rule, mut from, mut to) = (None, None, 0, 0);
        let mut before = None;
        let mut onsets = Vec::new();
        for line in text.split("\r\n") {
            let (name, value) = line.split_once(':').unwrap_or((line, ""));
            match name {
                "DTSTART" => {
                    start = Some(NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").unwrap())
                }
                "RRULE" => rule = Some(value.to_owned()),
                "TZOFFSETFROM" => from = seconds(value),
                "TZOFFSETTO" => to = seconds(value),
                "END" if value == "STANDARD" || value == "DAYLIGHT" => {
                    let start = start.take().unwrap();
                    before.get_or_insert(from);
                    // Onsets are wall-clock times in the offset before them.
                    let utc = |local: NaiveDateTime| {
                        (local - Duration::seconds(i64::from(from))).and_utc()
                    };
                    match rule.take() {
                        None => onsets.push((utc(start), to)),
                        Some(rule) => {
                            let set = rule
                                .parse::<rrule::RRule<rrule::Unvalidated>>()
                                .unwrap()
                                .build(start.and_utc().with_timezone(&rrule::Tz::UTC))
                                .unwrap();
                            for local in set.into_iter() {
                                let at = utc(local.naive_utc());
                                if at > until {
                                    break;
                                }
                                onsets.push((at, to));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        onsets.sort();
        Evaluated {
            before: before.unwrap(),
            onsets,
        }
    }

    fn offset(&self, at: DateTime<Utc>) -> i32 {
        match self.onsets.partition_point(|(onset, _)| *onset <= at) {
            0 => self.before,
            n => self.onsets[n - 1].1,
        }
    }
}

fn utc(year: i32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap()
}

#[test]
fn every_change_from_2000_to_2060_is_where_the_database_has_it() {
    for name in ZONES {
        let tz = zone(name);
        for from_year in [1999, 2026] {
            let text = written(name, from_year);
            let evaluated = Evaluated::read(&text, utc(2061));
            let database = changes(tz, utc(from_year + 1), utc(2061));
            for change in &database {
                for at in [change.at - Duration::seconds(1), change.at] {
                    assert_eq!(
                        evaluated.offset(at),
                        offset_seconds(tz, at),
                        "{name} from {from_year} at {at}:\n{text}"
                    );
                }
            }
        }
    }
}

#[test]
fn current_rules_are_written_as_rrules() {
    let warsaw = written("Europe/Warsaw", 2025);
    assert!(warsaw.contains("BEGIN:DAYLIGHT\r\nDTSTART:20250330T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT"), "{warsaw}");
    assert!(warsaw.contains("BEGIN:STANDARD\r\nDTSTART:20251026T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD"), "{warsaw}");
    // The offset in force on 1 January, and nothing else but the two rules.
    assert_eq!(warsaw.matches("BEGIN:STANDARD").count(), 2, "{warsaw}");
    assert_eq!(warsaw.matches("BEGIN:DAYLIGHT").count(), 1, "{warsaw}");

    let new_york = written("America/New_York", 2025);
    assert!(
        new_york.contains("DTSTART:20250309T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n")
    );
    assert!(
        new_york.contains("DTSTART:20251102T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n")
    );

    let sydney = written("Australia/Sydney", 2025);
    assert!(sydney.contains("DTSTART:20250406T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU\r\n"));
    assert!(
        sydney.contains("DTSTART:20251005T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU\r\n")
    );

    // A rule of tz's `Sun>=2` kind.
    let santiago = written("America/Santiago", 2025);
    assert!(
        santiago.contains(";BYDAY=SU;BYMONTHDAY=2,3,4,5,6,7,8"),
        "{santiago}"
    );
}

#[test]
fn a_history_before_the_current_rule_is_written_change_by_change() {
    // Since 2007 the US changes on the second Sunday of March; in 2006 it was the first Sunday
    // of April.
    let new_york = written("America/New_York", 2005);
    assert!(new_york.contains("BEGIN:DAYLIGHT\r\nDTSTART:20060402T020000\r\nTZOFFSETFROM"));
    assert!(new_york.contains("DTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"));
}

#[test]
fn zones_without_daylight_saving_time_now_have_no_rule() {
    let nairobi = written("Africa/Nairobi", 2026);
    assert_eq!(nairobi.matches("BEGIN:STANDARD").count(), 1, "{nairobi}");
    assert!(!nairobi.contains("DAYLIGHT"));
    assert!(nairobi.contains("TZOFFSETTO:+0300"));
    for name in ["America/Sao_Paulo", "Asia/Tehran"] {
        let text = written(name, 2015);
        assert!(!text.contains("RRULE"), "{text}");
        // Their last changes are there: Sao Paulo's in February 2019, Tehran's in September 2022.
        assert!(text.contains("DAYLIGHT"), "{text}");
    }
}

#[test]
fn the_cache_gives_what_the_writer_gives() {
    let first = written("Europe/Warsaw", 2020);
    let mut doc = Document::new();
    write_vtimezone(&mut doc, zone("Europe/Warsaw"), 2020);
    assert_eq!(first, doc.finish());
    assert_eq!(written("Europe/Warsaw", 2020), first);
    assert_ne!(written("Europe/Warsaw", 2021), first);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_instant_from_2000_to_2060_has_the_database_offset(
        at in utc(2000).timestamp()..utc(2061).timestamp(),
        which in 0..ZONES.len(),
    ) {
        let name = ZONES[which];
        let at = DateTime::<Utc>::from_timestamp(at, 0).unwrap();
        let evaluated = Evaluated::read(&written(name, 1999), utc(2061));
        prop_assert_eq!(evaluated.offset(at), offset_seconds(zone(name), at), "{} at {}", name, at);
    }
}
