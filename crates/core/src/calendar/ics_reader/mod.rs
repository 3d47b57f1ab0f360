//! The pure reader of `.ics` files (RFC 5545) behind the calendar import: from bytes to a
//! [`Plan`] of valid events, or every problem of the file. No database: what only the database
//! knows (existing UIDs, who may edit them) is for the calendar component's import.
//!
//! # What is read
//!
//! Every VEVENT becomes an event organised by the organisation the importer chooses:
//! SUMMARY → title, DESCRIPTION (Google's HTML made plain text), LOCATION → address, GEO,
//! CATEGORIES (the first one that names one of our kinds, else `other`), STATUS (CANCELLED,
//! CONFIRMED; anything else is planned), DTSTART with DTEND or DURATION (with neither, a date
//! lasts one day and a date-time is a moment that ends at its start, RFC 5545 §3.6.1), RRULE
//! (daily or coarser), RDATE (dates and date-times, lists too; periods are refused), EXDATE
//! (lists too), and the UID. A VEVENT with a RECURRENCE-ID changes
//! one occurrence of its series: its new time, its cancellation, and its own SUMMARY,
//! DESCRIPTION and LOCATION where they differ from the series' (other changed properties of a
//! single occurrence are not kept).
//!
//! Times: a TZID names an IANA zone (`Europe/Warsaw`), an old Mozilla-style path ending in one
//! (`/mozilla.org/20050126_1/Europe/Warsaw`), a Windows zone as Outlook writes it (`Central
//! European Standard Time`), or a VTIMEZONE of the file that says its IANA zone in
//! `X-LIC-LOCATION`. A floating time (no TZID, no `Z`) is read in the calendar's zone when it
//! names one (`X-WR-TIMEZONE`, as Google writes it), else in the default zone the importer
//! chooses; a UTC time (`…Z`) is shown in that default zone. A date (`VALUE=DATE`) makes an
//! all-day event; its DTEND is exclusive.
//!
//! [`parse`] validates every event with the rules of the planning form
//! ([`EventDraft::parse`]), reporting every problem with the event's position (the nth
//! VEVENT), line, SUMMARY and UID. An event without a UID gets one derived from its content,
//! so importing the same file again finds it.

mod changes;
pub mod html;
mod lines;
mod master;
mod problems;
#[cfg(test)]
mod tests;
mod vevent;
mod zones;

use crate::calendar::event::EventDraft;
use crate::calendar::recurrence::Change;
use crate::calendar::time::Zone;
use crate::FieldError;
use chrono::NaiveDateTime;
use lines::{read_calendars, Block, Property};
pub use problems::{bad_events, summary, EventError};
use std::collections::{HashMap, HashSet};
use vevent::{derived_uid, Vevent};
use zones::Zones;

/// The largest file accepted, in bytes. (The web form is also bounded by the server's body
/// limit, 1 MiB unless configured otherwise; the command line takes files up to this size.)
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The most events (VEVENTs) one file may hold.
pub const MAX_EVENTS: usize = 50_000;
/// The most excluded dates one series may list.
pub const MAX_EXDATES: usize = 1_000;
/// The most extra dates one series may list.
pub const MAX_RDATES: usize = 1_000;
/// Validation stops after this many problems: enough to fix a file, bounded in memory.
pub const MAX_ERRORS: usize = 1_000;
/// How deep components may nest (VCALENDAR → VEVENT → VALARM is three).
pub(super) const MAX_DEPTH: usize = 8;

/// The choices of whoever imports.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The organisation that organises every imported event.
    pub organization: i64,
    /// The zone of UTC and floating times.
    pub default_zone: Zone,
}

/// A valid event of the file, ready to write.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedEvent {
    /// Its position among the file's VEVENTs, from 1.
    pub position: usize,
    pub line: u64,
    /// Its own UID, or one derived from its content ([`derived_uid`]).
    pub uid: String,
    pub draft: EventDraft,
    /// Extra dates (RDATE), in order.
    pub rdates: Vec<NaiveDateTime>,
    pub exdates: Vec<NaiveDateTime>,
    pub changes: Vec<Change>,
}

/// A file that validated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub events: Vec<PlannedEvent>,
}

/// A byte order mark, which some programs put first.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads and validates a whole file. Either every event is valid and the result is the plan to
/// write, or the result is every problem found (up to [`MAX_ERRORS`]) and nothing may be
/// written.
pub fn parse(input: &[u8], options: &Options) -> Result<Plan, Vec<EventError>> {
    if input.len() > MAX_FILE_BYTES {
        return Err(vec![EventError {
            error: FieldError::with_arg(
                "file",
                "error-ics-too-large",
                (MAX_FILE_BYTES >> 20) as i64,
            ),
            ..EventError::file(0, "error-ics-too-large")
        }]);
    }
    let input = input.strip_prefix(BOM).unwrap_or(input);
    let text = match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(error) => {
            let line = input[..error.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64
                + 1;
            return Err(vec![EventError::file(line, "error-ics-utf8")]);
        }
    };
    let calendars = read_calendars(text)?;
    let zones = Zones::of(&calendars);
    // Each VEVENT with what its calendar says of all its events: the PRODID (for the UID of
    // an event without one) and, in Google's exports, the calendar's zone (X-WR-TIMEZONE), in
    // which its floating times are meant. An unknown zone there leaves the importer's choice.
    let blocks: Vec<(&Block, &str, Option<Zone>)> = calendars
        .iter()
        .flat_map(|c| {
            let prodid = c.first("PRODID").map_or("", |p| p.value.trim());
            let zone = c
                .first("X-WR-TIMEZONE")
                .and_then(|p| zones.resolve(&p.text()));
            c.children.iter().map(move |b| (b, prodid, zone))
        })
        .filter(|(b, _, _)| b.name == "VEVENT")
        .collect();
    if blocks.is_empty() {
        return Err(vec![EventError::file(0, "error-ics-no-events")]);
    }
    if blocks.len() > MAX_EVENTS {
        return Err(vec![EventError {
            error: FieldError::with_arg("file", "error-ics-too-many-events", MAX_EVENTS as i64),
            ..EventError::file(0, "error-ics-too-many-events")
        }]);
    }
    let events: Vec<Vevent<'_>> = blocks
        .iter()
        .enumerate()
        .map(|(i, (block, prodid, floating))| Vevent {
            block,
            prodid,
            floating: *floating,
            position: i + 1,
            summary: block
                .first("SUMMARY")
                .map(Property::text)
                .unwrap_or_default(),
            uid: block
                .first("UID")
                .map(|p| p.text().trim().to_owned())
                .unwrap_or_default(),
        })
        .collect();
    let mut errors = Vec::new();
    let mut plan = Plan::default();
    // UID → index into plan.events, for the changes that follow.
    let mut masters: HashMap<&str, Option<usize>> = HashMap::new();
    // UIDs derived for events without one, so that identical events get distinct ones.
    let mut derived: HashSet<String> = HashSet::new();
    for event in events
        .iter()
        .filter(|e| e.block.first("RECURRENCE-ID").is_none())
    {
        if errors.len() >= MAX_ERRORS {
            break;
        }
        if event.uid.chars().count() > 255 {
            errors.push(*event.error(
                event.line_of("UID"),
                "UID".to_owned(),
                FieldError::with_arg("ics", "error-too-long", 255),
            ));
            continue;
        }
        if !event.uid.is_empty() && masters.contains_key(event.uid.as_str()) {
            errors.push(*event.error(
                event.line_of("UID"),
                "UID".to_owned(),
                FieldError::new("ics", "error-ics-duplicate-uid"),
            ));
            continue;
        }
        let planned = master::master(event, &zones, options, &mut errors);
        let index = planned.map(|(draft, rdates, exdates)| {
            plan.events.push(PlannedEvent {
                position: event.position,
                line: event.block.line,
                uid: if event.uid.is_empty() {
                    derived_uid(event, &mut derived)
                } else {
                    event.uid.clone()
                },
                draft,
                rdates,
                exdates,
                changes: Vec::new(),
            });
            plan.events.len() - 1
        });
        if !event.uid.is_empty() {
            masters.insert(event.uid.as_str(), index);
        }
    }
    for event in events
        .iter()
        .filter(|e| e.block.first("RECURRENCE-ID").is_some())
    {
        if errors.len() >= MAX_ERRORS {
            break;
        }
        let Some(master) = masters.get(event.uid.as_str()) else {
            errors.push(*event.error(
                event.line_of("RECURRENCE-ID"),
                "RECURRENCE-ID".to_owned(),
                FieldError::new("ics", "error-ics-no-series"),
            ));
            continue;
        };
        // A series that has problems of its own is reported already.
        let Some(index) = *master else { continue };
        let planned = &plan.events[index];
        match changes::change(event, &zones, &planned.draft, &planned.rdates) {
            Ok(change) => {
                let changes = &mut plan.events[index].changes;
                if changes
                    .iter()
                    .any(|c| c.recurrence_id == change.recurrence_id)
                {
                    errors.push(*event.error(
                        event.line_of("RECURRENCE-ID"),
                        "RECURRENCE-ID".to_owned(),
                        FieldError::new("ics", "error-ics-duplicate-uid"),
                    ));
                } else {
                    changes.push(change);
                }
            }
            Err(error) => errors.push(*error),
        }
    }
    errors.truncate(MAX_ERRORS);
    if errors.is_empty() {
        Ok(plan)
    } else {
        errors.sort_by_key(|e| (e.position, e.line));
        Err(errors)
    }
}
