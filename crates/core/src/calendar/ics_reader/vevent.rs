//! One VEVENT while it is read: where its problems point (position, line, SUMMARY, UID), its
//! start and end in one zone, and the UID derived for an event that has none.

use super::lines::{Block, Property};
use super::zones::{duration_value, when_value, ValueError, When, Zones};
use super::EventError;
use crate::calendar::time::Zone;
use crate::FieldError;
use chrono::{Duration, NaiveDateTime};
use std::collections::HashSet;

/// The iCalendar property a form field comes from, for reporting.
pub(super) fn property_of(field: &str) -> &'static str {
    match field {
        "title" => "SUMMARY",
        "description" => "DESCRIPTION",
        "kind" => "CATEGORIES",
        "time_zone" | "start_date" | "start_time" => "DTSTART",
        "end_date" | "end_time" => "DTEND",
        "rrule" | "repeat" | "repeat_ends" | "repeat_count" | "repeat_until" => "RRULE",
        "address" => "LOCATION",
        "lat" | "lon" => "GEO",
        "status" => "STATUS",
        _ => "",
    }
}

/// What is known of one VEVENT while it is checked.
pub(super) struct Vevent<'a> {
    pub(super) block: &'a Block,
    /// The PRODID of its calendar.
    pub(super) prodid: &'a str,
    /// The zone of its floating times, when its calendar names one (X-WR-TIMEZONE).
    pub(super) floating: Option<Zone>,
    pub(super) position: usize,
    pub(super) summary: String,
    pub(super) uid: String,
}

impl Vevent<'_> {
    pub(super) fn error(&self, line: u64, property: String, error: FieldError) -> Box<EventError> {
        Box::new(EventError {
            position: self.position,
            line: if line > 0 { line } else { self.block.line },
            summary: self.summary.chars().take(80).collect(),
            uid: self.uid.chars().take(200).collect(),
            property,
            error,
        })
    }

    pub(super) fn value_error(
        &self,
        property: &Property,
        (key, label): ValueError,
    ) -> Box<EventError> {
        self.error(property.line, label, FieldError::new("ics", key))
    }

    pub(super) fn line_of(&self, name: &str) -> u64 {
        self.block.first(name).map(|p| p.line).unwrap_or(0)
    }
}

/// The start and end of a VEVENT in one zone.
pub(super) struct Times {
    pub(super) zone: Zone,
    pub(super) all_day: bool,
    pub(super) start: NaiveDateTime,
    pub(super) end: NaiveDateTime,
    /// Neither DTEND nor DURATION was given.
    pub(super) open: bool,
}

/// (Problems are boxed: they are rare and large.)
pub(super) fn times(
    event: &Vevent<'_>,
    zones: &Zones,
    default: Zone,
) -> Result<Times, Box<EventError>> {
    let Some(dtstart) = event.block.first("DTSTART") else {
        return Err(event.error(
            0,
            "DTSTART".to_owned(),
            FieldError::new("ics", "error-ics-no-start"),
        ));
    };
    let start =
        when_value(dtstart, &dtstart.value, zones).map_err(|e| event.value_error(dtstart, e))?;
    let zone = match start {
        When::Zoned(_, zone) => zone,
        When::Floating(_) => event.floating.unwrap_or(default),
        _ => default,
    };
    let all_day = matches!(start, When::Date(_));
    let start_local = start.local_in(zone);
    let end_local = if let Some(dtend) = event.block.first("DTEND") {
        let end =
            when_value(dtend, &dtend.value, zones).map_err(|e| event.value_error(dtend, e))?;
        if all_day != matches!(end, When::Date(_)) {
            return Err(event.error(
                dtend.line,
                "DTEND".to_owned(),
                FieldError::new("ics", "error-ics-date-kinds"),
            ));
        }
        match end {
            When::Floating(local) => local,
            other => other.local_in(zone),
        }
    } else if let Some(duration) = event.block.first("DURATION") {
        let length = duration_value(&duration.value).ok_or_else(|| {
            event.error(
                duration.line,
                "DURATION".to_owned(),
                FieldError::new("ics", "error-ics-duration"),
            )
        })?;
        if all_day {
            start_local + length
        } else {
            // An exact duration: the end is that much later in real time.
            zone.to_local(zone.to_utc(start_local) + length)
        }
    } else if all_day {
        // RFC 5545 §3.6.1: a date without an end lasts that one day.
        start_local + Duration::days(1)
    } else {
        // RFC 5545 §3.6.1: a date-time without an end ends at its start — a moment.
        start_local
    };
    Ok(Times {
        zone,
        all_day,
        start: start_local,
        end: end_local,
        open: event.block.first("DTEND").is_none() && event.block.first("DURATION").is_none(),
    })
}

/// The UID of a VEVENT that has none (RFC 5545 makes UID required, yet some exports omit it):
/// a hash of what identifies the event in its file — the calendar's PRODID, DTSTART as written
/// (with its TZID), SUMMARY and RRULE — so importing the same file again finds the event
/// instead of creating it twice. Events identical in all of these are told apart by their
/// order among them.
pub(super) fn derived_uid(event: &Vevent<'_>, taken: &mut HashSet<String>) -> String {
    use sha2::{Digest, Sha256};
    let raw = |name: &str| {
        event.block.first(name).map_or(String::new(), |p| {
            let tzid = p.param("TZID").unwrap_or("");
            format!("{tzid}:{}", p.value.trim())
        })
    };
    let mut hash = Sha256::new();
    for part in [
        event.prodid.to_owned(),
        raw("DTSTART"),
        event.summary.trim().to_owned(),
        raw("RRULE"),
    ] {
        // Lengths first, so that no two different inputs hash the same text.
        hash.update((part.len() as u64).to_be_bytes());
        hash.update(part.as_bytes());
    }
    let digest: String = hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let base = format!("{digest}@import.cospace");
    let mut uid = base.clone();
    let mut n = 1;
    while !taken.insert(uid.clone()) {
        n += 1;
        uid = format!("{digest}-{n}@import.cospace");
    }
    uid
}
