//! Writing iCalendar (RFC 5545): content lines folded at 75 octets, text escaped, and a
//! VTIMEZONE for every zone used, built from the time-zone database so calendar programs that do
//! not know the zone still place each occurrence right across daylight-saving changes.

use super::recurrence::Timing;
use super::time::Zone;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::OffsetName;
use std::fmt::Write;

/// Escapes a TEXT value (§3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes a parameter value (§3.2): quoted, without the characters a quoted value cannot hold.
pub fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| !matches!(c, '"' | '\r' | '\n') && !c.is_control())
        .collect();
    format!("\"{clean}\"")
}

/// An iCalendar document being written; every line is folded and ends in CRLF.
#[derive(Default)]
pub struct Document {
    out: String,
    /// Octets on the current line so far.
    width: usize,
}

impl Document {
    pub fn new() -> Self {
        Document {
            out: String::with_capacity(4096),
            width: 0,
        }
    }

    /// Appends to the current line, folding it so no line exceeds 75 octets (never inside a
    /// multi-byte character).
    fn push_folded(&mut self, text: &str) {
        // Most text is short ASCII that fits: copy it whole.
        if text.is_ascii() && self.width + text.len() <= 75 {
            self.out.push_str(text);
            self.width += text.len();
            return;
        }
        for c in text.chars() {
            self.push_char(c);
        }
    }

    fn push_char(&mut self, c: char) {
        let len = c.len_utf8();
        if self.width + len > 75 {
            self.out.push_str("\r\n ");
            self.width = 1;
        }
        self.out.push(c);
        self.width += len;
    }

    fn end_line(&mut self) {
        self.out.push_str("\r\n");
        self.width = 0;
    }

    /// Writes one content line.
    pub fn line(&mut self, line: &str) {
        self.push_folded(line);
        self.end_line();
    }

    /// `NAME:value` with the value as it is (dates, numbers, URIs, rules).
    pub fn field(&mut self, name: &str, value: &str) {
        self.push_folded(name);
        self.push_folded(":");
        self.push_folded(value);
        self.end_line();
    }

    /// `NAME:value` with the value escaped as TEXT (§3.3.11).
    pub fn text(&mut self, name: &str, value: &str) {
        self.push_folded(name);
        self.push_folded(":");
        for c in value.chars() {
            match c {
                '\\' => {
                    self.push_char('\\');
                    self.push_char('\\');
                }
                ';' | ',' => {
                    self.push_char('\\');
                    self.push_char(c);
                }
                '\n' => {
                    self.push_char('\\');
                    self.push_char('n');
                }
                c if c.is_control() => {}
                c => self.push_char(c),
            }
        }
        self.end_line();
    }

    pub fn finish(self) -> String {
        self.out
    }

    /// Appends lines already written (and folded) by another document.
    pub fn raw(&mut self, lines: &str) {
        self.out.push_str(lines);
        self.width = 0;
    }
}

/// `YYYYMMDDTHHMMSSZ`.
pub fn utc_stamp(instant: DateTime<Utc>) -> String {
    format!("{}Z", local_stamp(instant.naive_utc()))
}

/// `YYYYMMDDTHHMMSS` (a local time; the zone goes in TZID).
pub fn local_stamp(local: NaiveDateTime) -> String {
    // Written by hand: a feed writes tens of thousands of these, and strftime parses its pattern
    // every time.
    use chrono::Timelike;
    format!(
        "{}T{:02}{:02}{:02}",
        date_stamp(local.date()),
        local.hour(),
        local.minute(),
        local.second()
    )
}

pub fn date_stamp(date: NaiveDate) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// The DTSTART and DTEND lines of a timing in a zone.
pub fn start_end(doc: &mut Document, zone: Zone, timing: Timing) {
    match timing {
        Timing::At { start, end } => {
            doc.line(&format!(
                "DTSTART;TZID={}:{}",
                zone.name(),
                local_stamp(start)
            ));
            doc.line(&format!("DTEND;TZID={}:{}", zone.name(), local_stamp(end)));
        }
        Timing::AllDay { first, last } => {
            doc.line(&format!("DTSTART;VALUE=DATE:{}", date_stamp(first)));
            doc.line(&format!(
                "DTEND;VALUE=DATE:{}",
                date_stamp(last + Duration::days(1))
            ));
        }
    }
}

/// A RECURRENCE-ID, EXDATE or RDATE value for an occurrence named by its wall-clock start.
pub fn occurrence_id(zone: Zone, all_day: bool, local: NaiveDateTime) -> String {
    if all_day {
        format!(";VALUE=DATE:{}", date_stamp(local.date()))
    } else {
        format!(";TZID={}:{}", zone.name(), local_stamp(local))
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

fn offset_at(zone: Zone, instant: DateTime<Utc>) -> (i32, String, bool) {
    let offset = zone.tz().offset_from_utc_datetime(&instant.naive_utc());
    let dst = chrono_tz::OffsetComponents::dst_offset(&offset) != Duration::zero();
    let name = offset.abbreviation().unwrap_or("").to_owned();
    (offset.fix().local_minus_utc(), name, dst)
}

/// The instants in `[from, to)` when `zone`'s offset changes, found day by day and then to the
/// second by bisection.
fn transitions(zone: Zone, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut found = Vec::new();
    let mut day = from;
    let mut before = offset_at(zone, day).0;
    while day < to {
        let next = day + Duration::days(1);
        let after = offset_at(zone, next).0;
        if after != before {
            let (mut lo, mut hi) = (day, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(zone, mid).0 == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            found.push(hi);
            before = after;
        }
        day = next;
    }
    found
}

/// VTIMEZONEs already written, by zone and years: finding transitions takes a few thousand
/// offset lookups, and every feed of a zone needs the same text.
type Written = std::sync::Mutex<std::collections::HashMap<(Zone, i32, i32), String>>;
static VTIMEZONES: std::sync::LazyLock<Written> = std::sync::LazyLock::new(Default::default);

/// Writes a VTIMEZONE for `zone` covering the years `from_year..=to_year`: one STANDARD or
/// DAYLIGHT observance per transition, or a single one when the zone has none in that range.
pub fn vtimezone(doc: &mut Document, zone: Zone, from_year: i32, to_year: i32) {
    let key = (zone, from_year, to_year);
    if let Some(text) = VTIMEZONES.lock().ok().and_then(|m| m.get(&key).cloned()) {
        doc.raw(&text);
        return;
    }
    let mut own = Document::new();
    write_vtimezone(&mut own, zone, from_year, to_year);
    let text = own.finish();
    doc.raw(&text);
    if let Ok(mut known) = VTIMEZONES.lock() {
        // Zones × year ranges in use are few; the bound only guards against surprises.
        if known.len() > 1_000 {
            known.clear();
        }
        known.insert(key, text);
    }
}

fn write_vtimezone(doc: &mut Document, zone: Zone, from_year: i32, to_year: i32) {
    let from = Utc
        .with_ymd_and_hms(from_year, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let to = Utc
        .with_ymd_and_hms(to_year + 1, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(from);
    doc.line("BEGIN:VTIMEZONE");
    doc.line(&format!("TZID:{}", zone.name()));
    let changes = transitions(zone, from, to);
    if changes.is_empty() {
        let (offset, name, dst) = offset_at(zone, from);
        observance(
            doc,
            dst,
            from.naive_utc() + Duration::seconds(i64::from(offset)),
            offset,
            offset,
            &name,
        );
    } else {
        // The offset in force when the range starts, so occurrences before the first change
        // are placed too.
        let (first_offset, first_name, first_dst) = offset_at(zone, from);
        observance(
            doc,
            first_dst,
            from.naive_utc() + Duration::seconds(i64::from(first_offset)),
            first_offset,
            first_offset,
            &first_name,
        );
        for change in changes {
            let (from_offset, _, _) = offset_at(zone, change - Duration::seconds(1));
            let (to_offset, name, dst) = offset_at(zone, change);
            // DTSTART of an observance is the local time of the onset in the offset before it.
            let onset = change.naive_utc() + Duration::seconds(i64::from(from_offset));
            observance(doc, dst, onset, from_offset, to_offset, &name);
        }
    }
    doc.line("END:VTIMEZONE");
}

fn observance(doc: &mut Document, dst: bool, onset: NaiveDateTime, from: i32, to: i32, name: &str) {
    let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
    doc.line(&format!("BEGIN:{kind}"));
    doc.line(&format!("DTSTART:{}", local_stamp(onset)));
    doc.line(&format!("TZOFFSETFROM:{}", offset_text(from)));
    doc.line(&format!("TZOFFSETTO:{}", offset_text(to)));
    if !name.is_empty() {
        doc.text("TZNAME", name);
    }
    doc.line(&format!("END:{kind}"));
}

/// The years a feed's VTIMEZONEs must cover for instants between `first` and `last`.
pub fn year_range(first: DateTime<Utc>, last: DateTime<Utc>) -> (i32, i32) {
    (first.year() - 1, last.year() + 1)
}

/// Writes the value of a GEO property.
pub fn geo(lat: f64, lon: f64) -> String {
    let mut out = String::new();
    let _ = write!(out, "GEO:{lat:.6};{lon:.6}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_lines_are_folded_at_75_octets() {
        assert_eq!(escape("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        let mut doc = Document::new();
        doc.text("SUMMARY", &"ż".repeat(60));
        let out = doc.finish();
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{} octets", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "ż".repeat(60)));
    }

    #[test]
    fn warsaw_has_its_two_changes_a_year() {
        let zone = Zone::parse("tz", "Europe/Warsaw").unwrap();
        let mut doc = Document::new();
        vtimezone(&mut doc, zone, 2026, 2026);
        let out = doc.finish();
        assert!(out.contains("BEGIN:DAYLIGHT\r\nDTSTART:20260329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT"), "{out}");
        assert!(out.contains("BEGIN:STANDARD\r\nDTSTART:20261025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nEND:STANDARD"), "{out}");
    }

    #[test]
    fn a_zone_without_changes_has_one_observance() {
        let zone = Zone::parse("tz", "Africa/Nairobi").unwrap();
        let mut doc = Document::new();
        vtimezone(&mut doc, zone, 2026, 2027);
        let out = doc.finish();
        assert_eq!(out.matches("BEGIN:STANDARD").count(), 1);
        assert!(out.contains("TZOFFSETTO:+0300"));
    }
}
