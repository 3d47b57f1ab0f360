//! Writing iCalendar (RFC 5545): content lines folded at 75 octets, text escaped, and a
//! VTIMEZONE for every zone used (written by [`super::vtimezone`]).

use super::recurrence::Timing;
use super::time::Zone;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use std::fmt::Write;

pub use super::vtimezone::vtimezone;

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

/// The first year a feed's VTIMEZONEs must cover for instants from `first` on: the year before,
/// since the wall-clock time of an instant early in January may still be in December elsewhere.
pub fn first_year(first: DateTime<Utc>) -> i32 {
    first.year() - 1
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
}
