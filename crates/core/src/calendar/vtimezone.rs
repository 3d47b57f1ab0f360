//! VTIMEZONE components (RFC 5545 §3.6.5) built from the time-zone database, so calendar
//! programs that do not know a zone, or trust the feed's definition over their own (ical.js),
//! still place every occurrence right across daylight-saving changes — in any year.
//!
//! Past changes are written one observance each. The rule a zone still follows (EU: last Sunday
//! of March and of October; US: second Sunday of March, first Sunday of November) becomes one
//! DAYLIGHT and one STANDARD observance with an open-ended yearly RRULE, as Google, Outlook and
//! Apple write it: a list of changes must stop somewhere, and a client that trusts it would put
//! every occurrence after its end an hour off. chrono-tz exposes no footer (POSIX TZ) rule, only
//! its expansion up to [`DATA_LAST_YEAR`], so the rule is read back from that expansion: a pattern
//! that holds every year up to the end of the data is the rule in force.

use super::ical::{local_stamp, Document};
use super::time::Zone;
use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
    Weekday,
};
use chrono_tz::OffsetName;
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// chrono-tz expands every zone's rules up to this year and lists no change after it.
const DATA_LAST_YEAR: i32 = 2099;
/// Years a pattern must hold to be taken for a rule: enough for the weekday of a fixed date to
/// have moved through the whole week, so a lucky run of dates is not mistaken for a rule.
const RULE_MIN_YEARS: usize = 10;
/// Where the search for the current rule starts at the latest, whatever the first year asked.
const RULE_SEARCH_FROM_YEAR: i32 = DATA_LAST_YEAR - 2 * RULE_MIN_YEARS as i32;

/// VTIMEZONEs already written, by zone and first year — everything the text depends on, since
/// the database is compiled in. Finding the changes takes tens of thousands of offset lookups,
/// and every feed of a zone needs the same text.
type Written = Mutex<HashMap<(Zone, i32), String>>;
static VTIMEZONES: LazyLock<Written> = LazyLock::new(Default::default);

/// Writes a VTIMEZONE for `zone` that is right from the start of `from_year` on, without end.
pub fn vtimezone(doc: &mut Document, zone: Zone, from_year: i32) {
    let key = (zone, from_year);
    if let Some(text) = VTIMEZONES.lock().ok().and_then(|m| m.get(&key).cloned()) {
        doc.raw(&text);
        return;
    }
    let mut own = Document::new();
    write_vtimezone(&mut own, zone, from_year);
    let text = own.finish();
    doc.raw(&text);
    if let Ok(mut known) = VTIMEZONES.lock() {
        // Zones × first years in use are few; the bound only guards against surprises.
        if known.len() > 1_000 {
            known.clear();
        }
        known.insert(key, text);
    }
}

/// One change of a zone's offset.
#[derive(Debug, Clone)]
struct Change {
    at: DateTime<Utc>,
    from: i32,
    to: i32,
    dst: bool,
    name: String,
}

impl Change {
    /// The wall-clock time of the change as DTSTART writes it: in the offset before it.
    fn onset(&self) -> NaiveDateTime {
        self.at.naive_utc() + Duration::seconds(i64::from(self.from))
    }

    /// What must stay the same every year for a change to follow a yearly rule.
    fn shape(&self) -> (u32, Weekday, NaiveTime, i32, i32, bool, &str) {
        let onset = self.onset();
        let date = onset.date();
        (
            date.month(),
            date.weekday(),
            onset.time(),
            self.from,
            self.to,
            self.dst,
            &self.name,
        )
    }
}

/// A zone's current yearly rule: its two changes in each year from `first_year` on.
struct Rule {
    first_year: i32,
    /// For each of the year's two changes (in order), the RRULE's BYMONTH/BYDAY part.
    parts: [String; 2],
}

fn write_vtimezone(doc: &mut Document, zone: Zone, from_year: i32) {
    let start_of = |year: i32| {
        Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or_default()
    };
    let from = start_of(from_year);
    let changes = changes(
        zone,
        start_of(from_year.min(RULE_SEARCH_FROM_YEAR)),
        start_of(DATA_LAST_YEAR + 2),
    );
    let rule = current_rule(&changes);
    // The rule starts with its changes in the first year asked for, or in its own first year;
    // the changes before are written one by one.
    let rule_year = rule
        .as_ref()
        .map(|r| r.first_year.max(from_year.min(DATA_LAST_YEAR - 1)));
    let by_year = |c: &Change| c.onset().year();
    doc.line("BEGIN:VTIMEZONE");
    doc.line(&format!("TZID:{}", zone.name()));
    // The offset in force when the range starts, so occurrences before the first change are
    // placed too.
    let (offset, name, dst) = offset_at(zone, from);
    let first_onset = from.naive_utc() + Duration::seconds(i64::from(offset));
    observance(doc, dst, first_onset, offset, offset, &name, None);
    for change in changes
        .iter()
        .filter(|c| c.at > from && rule_year.is_none_or(|y| by_year(c) < y))
    {
        observance(
            doc,
            change.dst,
            change.onset(),
            change.from,
            change.to,
            &change.name,
            None,
        );
    }
    if let (Some(rule), Some(year)) = (rule, rule_year) {
        let in_year: Vec<&Change> = changes.iter().filter(|c| by_year(c) == year).collect();
        for (change, part) in in_year.iter().zip(rule.parts.iter()) {
            observance(
                doc,
                change.dst,
                change.onset(),
                change.from,
                change.to,
                &change.name,
                Some(part),
            );
        }
    }
    doc.line("END:VTIMEZONE");
}

fn observance(
    doc: &mut Document,
    dst: bool,
    onset: NaiveDateTime,
    from: i32,
    to: i32,
    name: &str,
    rule: Option<&str>,
) {
    let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
    doc.line(&format!("BEGIN:{kind}"));
    doc.line(&format!("DTSTART:{}", local_stamp(onset)));
    if let Some(rule) = rule {
        doc.line(&format!("RRULE:FREQ=YEARLY;{rule}"));
    }
    doc.line(&format!("TZOFFSETFROM:{}", offset_text(from)));
    doc.line(&format!("TZOFFSETTO:{}", offset_text(to)));
    if !name.is_empty() {
        doc.text("TZNAME", name);
    }
    doc.line(&format!("END:{kind}"));
}

/// The yearly rule the zone's changes follow up to the end of the data, if any: the longest run
/// of consecutive years ending there with two changes each, of the same month, weekday, local
/// time, offsets and names, whose days one BYDAY (with BYMONTHDAY if need be) names every year.
fn current_rule(changes: &[Change]) -> Option<Rule> {
    let mut years: Vec<(i32, Vec<&Change>)> = Vec::new();
    for change in changes {
        let year = change.onset().year();
        match years.last_mut() {
            Some((y, list)) if *y == year => list.push(change),
            _ => years.push((year, vec![change])),
        }
    }
    let (last_year, last) = years.last()?;
    // A zone whose changes stop before the end of the data has given up daylight saving time.
    if *last_year < DATA_LAST_YEAR - 1 || last.len() != 2 {
        return None;
    }
    let shapes = [last[0].shape(), last[1].shape()];
    let mut dates: [Vec<NaiveDate>; 2] = [Vec::new(), Vec::new()];
    let mut parts: Option<[String; 2]> = None;
    let mut first_year = *last_year;
    let mut expected = *last_year;
    for (year, list) in years.iter().rev() {
        if *year != expected
            || list.len() != 2
            || list[0].shape() != shapes[0]
            || list[1].shape() != shapes[1]
        {
            break;
        }
        let mut with = dates.clone();
        with[0].push(list[0].onset().date());
        with[1].push(list[1].onset().date());
        let (Some(a), Some(b)) = (by_day(&with[0]), by_day(&with[1])) else {
            break;
        };
        dates = with;
        parts = Some([a, b]);
        first_year = *year;
        expected -= 1;
    }
    if dates[0].len() < RULE_MIN_YEARS {
        return None;
    }
    parts.map(|parts| Rule { first_year, parts })
}

/// The BYMONTH/BYDAY part of a yearly RRULE that yields exactly `dates` (one a year, all of the
/// same month and weekday): the n-th weekday, the last one, or the first one on or after a day
/// of the month (tz's `Sun>=2`), which BYMONTHDAY writes as the seven days from there.
fn by_day(dates: &[NaiveDate]) -> Option<String> {
    let first = dates.first()?;
    let (month, weekday) = (first.month(), weekday_text(first.weekday()));
    let nth = |d: &NaiveDate| (d.day() - 1) / 7 + 1;
    if nth(first) <= 4 && dates.iter().all(|d| nth(d) == nth(first)) {
        return Some(format!("BYMONTH={month};BYDAY={}{weekday}", nth(first)));
    }
    let is_last = |d: &NaiveDate| (*d + Duration::days(7)).month() != d.month();
    if dates.iter().all(is_last) {
        return Some(format!("BYMONTH={month};BYDAY=-1{weekday}"));
    }
    let low = dates.iter().map(|d| d.day()).min()?;
    let high = dates.iter().map(|d| d.day()).max()?;
    // February's length varies, so a window reaching past the 28th is not seven days every year.
    if high - low <= 6 && (month != 2 || low + 6 <= 28) && low + 6 <= 31 {
        let days: Vec<String> = (low..=low + 6).map(|d| d.to_string()).collect();
        return Some(format!(
            "BYMONTH={month};BYDAY={weekday};BYMONTHDAY={}",
            days.join(",")
        ));
    }
    None
}

fn weekday_text(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    if s % 60 == 0 {
        format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
    } else {
        format!("{sign}{:02}{:02}{:02}", s / 3600, (s % 3600) / 60, s % 60)
    }
}

fn offset_seconds(zone: Zone, instant: DateTime<Utc>) -> i32 {
    zone.tz()
        .offset_from_utc_datetime(&instant.naive_utc())
        .fix()
        .local_minus_utc()
}

fn offset_at(zone: Zone, instant: DateTime<Utc>) -> (i32, String, bool) {
    let offset = zone.tz().offset_from_utc_datetime(&instant.naive_utc());
    let dst = chrono_tz::OffsetComponents::dst_offset(&offset) != Duration::zero();
    let name = offset.abbreviation().unwrap_or("").to_owned();
    (offset.fix().local_minus_utc(), name, dst)
}

/// The changes of `zone`'s offset in `[from, to)`, found day by day and then to the second by
/// bisection (chrono-tz does not list its transitions).
fn changes(zone: Zone, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Change> {
    let mut found = Vec::new();
    let mut day = from;
    let mut before = offset_seconds(zone, day);
    while day < to {
        let next = day + Duration::days(1);
        let after = offset_seconds(zone, next);
        if after != before {
            let (mut lo, mut hi) = (day, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_seconds(zone, mid) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let (to, name, dst) = offset_at(zone, hi);
            found.push(Change {
                at: hi,
                from: before,
                to,
                dst,
                name,
            });
            before = after;
        }
        day = next;
    }
    found
}

#[cfg(test)]
#[path = "vtimezone_tests.rs"]
mod tests;
