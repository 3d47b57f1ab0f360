//! The pure reader of `.ics` files (RFC 5545) behind the calendar import: from bytes to a
//! [`Plan`] of valid events, or every problem of the file. No database: what only the database
//! knows (existing UIDs, who may edit them) is for [`crate::import`].
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

mod lines;
#[cfg(test)]
mod tests;
mod zones;

use chrono::{Duration, NaiveDateTime, NaiveTime};
use cospace_core::calendar::event::{EventDraft, EventInput, EventKind};
use cospace_core::calendar::recurrence::{Change, Series, Timing};
use cospace_core::calendar::time::Zone;
use cospace_core::{FieldError, Invalid};
use cospace_web::i18n::Localizer;
use lines::{read_calendars, text_list, Block, Property};
use std::collections::{HashMap, HashSet};
use zones::{duration_value, when_value, ValueError, When, Zones};

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

// ---------------------------------------------------------------------------------------------
// Problems

/// One problem of a file: which event (its position among the VEVENTs, from 1; 0 for the file
/// as a whole), the line it was found on (0 when unknown), the event's SUMMARY and UID, the
/// iCalendar property at fault (with the parameter that matters, e.g. `DTSTART;TZID=Mars`) and
/// the reason as a field error, translated like the forms' errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventError {
    pub position: usize,
    pub line: u64,
    pub summary: String,
    pub uid: String,
    pub property: String,
    pub error: FieldError,
}

impl EventError {
    fn file(line: u64, key: &'static str) -> EventError {
        EventError {
            position: 0,
            line,
            summary: String::new(),
            uid: String::new(),
            property: String::new(),
            error: FieldError::new("file", key),
        }
    }

    /// The problem in words.
    pub fn message(&self, l: &Localizer) -> String {
        l.field_error(&self.error)
    }

    /// `event 3 (line 42, "Summer fair", UID x@y): DTEND: message`, for the command line.
    pub fn describe(&self, l: &Localizer) -> String {
        let mut out = String::new();
        let mut place = Vec::new();
        if self.line > 0 {
            place.push(format!("line {}", self.line));
        }
        if !self.summary.is_empty() {
            place.push(format!("\"{}\"", self.summary));
        }
        if !self.uid.is_empty() {
            place.push(format!("UID {}", self.uid));
        }
        if self.position > 0 {
            out.push_str(&format!("event {}", self.position));
            if !place.is_empty() {
                out.push_str(&format!(" ({})", place.join(", ")));
            }
        } else if !place.is_empty() {
            out.push_str(&place.join(", "));
        } else {
            out.push_str("file");
        }
        out.push_str(": ");
        if !self.property.is_empty() {
            out.push_str(&self.property);
            out.push_str(": ");
        }
        out.push_str(&self.message(l));
        out
    }
}

/// How many events `errors` are about. Problems of the whole file (bad UTF-8, not a
/// VCALENDAR, BEGIN/END that do not match) are about no event: they are reported as the file's,
/// never counted as a bad event.
pub fn bad_events(errors: &[EventError]) -> usize {
    errors
        .iter()
        .map(|e| e.position)
        .filter(|p| *p > 0)
        .collect::<HashSet<_>>()
        .len()
}

/// "N bad events", or "the file cannot be read" when the problems are the file's own.
pub fn summary(errors: &[EventError]) -> String {
    match bad_events(errors) {
        0 => "the file cannot be read as a calendar".to_owned(),
        1 => "1 bad event".to_owned(),
        n => format!("{n} bad events"),
    }
}

// ---------------------------------------------------------------------------------------------
// From VEVENTs to drafts

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

/// The iCalendar property a form field comes from, for reporting.
fn property_of(field: &str) -> &'static str {
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
struct Vevent<'a> {
    block: &'a Block,
    /// The PRODID of its calendar.
    prodid: &'a str,
    /// The zone of its floating times, when its calendar names one (X-WR-TIMEZONE).
    floating: Option<Zone>,
    position: usize,
    summary: String,
    uid: String,
}

impl Vevent<'_> {
    fn error(&self, line: u64, property: String, error: FieldError) -> Box<EventError> {
        Box::new(EventError {
            position: self.position,
            line: if line > 0 { line } else { self.block.line },
            summary: self.summary.chars().take(80).collect(),
            uid: self.uid.chars().take(200).collect(),
            property,
            error,
        })
    }

    fn value_error(&self, property: &Property, (key, label): ValueError) -> Box<EventError> {
        self.error(property.line, label, FieldError::new("ics", key))
    }

    fn line_of(&self, name: &str) -> u64 {
        self.block.first(name).map(|p| p.line).unwrap_or(0)
    }
}

/// The start and end of a VEVENT in one zone.
struct Times {
    zone: Zone,
    all_day: bool,
    start: NaiveDateTime,
    end: NaiveDateTime,
    /// Neither DTEND nor DURATION was given.
    open: bool,
}

/// (Problems are boxed: they are rare and large.)
fn times(event: &Vevent<'_>, zones: &Zones, default: Zone) -> Result<Times, Box<EventError>> {
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

fn input_of(event: &Vevent<'_>, times: &Times, options: &Options) -> EventInput {
    let block = event.block;
    let text = |name: &str| block.first(name).map(Property::text).unwrap_or_default();
    let kind = block
        .all("CATEGORIES")
        .flat_map(|p| text_list(&p.value))
        .find_map(|c| EventKind::parse(&c.trim().to_lowercase()).ok())
        .unwrap_or(EventKind::Other);
    let (lat, lon) = block
        .first("GEO")
        .and_then(|p| p.value.split_once([';', ',']))
        .map(|(lat, lon)| (lat.trim().to_owned(), lon.trim().to_owned()))
        .unwrap_or_default();
    let status = match block
        .first("STATUS")
        .map(|p| p.value.trim().to_ascii_uppercase())
    {
        Some(s) if s == "CANCELLED" => "cancelled",
        Some(s) if s == "CONFIRMED" => "confirmed",
        _ => "planned",
    };
    let (end_date, end_time) = if times.all_day {
        // DTEND of a date is exclusive: the last day is the one before.
        let last = (times.end - Duration::days(1)).date();
        (last.format("%Y-%m-%d").to_string(), String::new())
    } else {
        // The planning form wants a length; a moment is checked with one second of it and
        // made a moment again by `master`.
        let end = if times.end == times.start {
            times.end + Duration::seconds(1)
        } else {
            times.end
        };
        (
            end.format("%Y-%m-%d").to_string(),
            end.format("%H:%M:%S").to_string(),
        )
    };
    let rrule = block.first("RRULE").map(|p| p.value.trim().to_owned());
    EventInput {
        title: text("SUMMARY"),
        // Google writes its editor's HTML here.
        description: crate::html_text::plain(&text("DESCRIPTION")),
        kind: kind.as_str().to_owned(),
        time_zone: times.zone.name().to_owned(),
        all_day: times.all_day.then(|| "on".to_owned()),
        start_date: times.start.format("%Y-%m-%d").to_string(),
        start_time: if times.all_day {
            String::new()
        } else {
            times.start.format("%H:%M:%S").to_string()
        },
        end_date,
        end_time,
        repeat: if rrule.is_some() { "custom" } else { "" }.to_owned(),
        rrule: rrule.unwrap_or_default(),
        address: text("LOCATION"),
        lat,
        lon,
        organizers: vec![options.organization.to_string()],
        status: status.to_owned(),
        ..EventInput::default()
    }
}

/// A master VEVENT's draft with its extra and excluded dates.
type Master = (EventDraft, Vec<NaiveDateTime>, Vec<NaiveDateTime>);

/// Checks one master VEVENT (no RECURRENCE-ID) into a draft, its extra dates and its excluded
/// dates.
fn master(
    event: &Vevent<'_>,
    zones: &Zones,
    options: &Options,
    errors: &mut Vec<EventError>,
) -> Option<Master> {
    let before = errors.len();
    if let Some(second) = event.block.all("RRULE").nth(1) {
        errors.push(*event.error(
            second.line,
            "RRULE".to_owned(),
            FieldError::new("ics", "error-ics-many-rules"),
        ));
    }
    let times = match times(event, zones, options.default_zone) {
        Ok(times) => times,
        Err(error) => {
            errors.push(*error);
            return None;
        }
    };
    let input = input_of(event, &times, options);
    let draft = match EventDraft::parse(&input) {
        Ok(mut draft) if !times.all_day && times.end == times.start => {
            draft.timing = Timing::At {
                start: times.start,
                end: times.start,
            };
            Some(draft)
        }
        Ok(draft) => Some(draft),
        Err(Invalid(field_errors)) => {
            for error in field_errors {
                let property = property_of(error.field);
                errors.push(*event.error(event.line_of(property), property.to_owned(), error));
            }
            None
        }
    };
    let rdates = dates_of(event, "RDATE", MAX_RDATES, zones, &times, errors);
    let exdates = dates_of(event, "EXDATE", MAX_EXDATES, zones, &times, errors);
    if errors.len() > before {
        return None;
    }
    draft.map(|d| (d, rdates, exdates))
}

/// The dates of every `name` property (RDATE, EXDATE) as wall-clock starts in the event's zone,
/// once each and in order: a date alone names the series' time of day on that date (a whole
/// day for all-day events). A period (RDATE;VALUE=PERIOD) is refused: an occurrence of ours
/// lasts as the series does.
fn dates_of(
    event: &Vevent<'_>,
    name: &str,
    max: usize,
    zones: &Zones,
    times: &Times,
    errors: &mut Vec<EventError>,
) -> Vec<NaiveDateTime> {
    let mut dates = Vec::new();
    for property in event.block.all(name) {
        let period = name == "RDATE"
            && (property
                .param("VALUE")
                .is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"))
                || property.value.contains('/'));
        if period {
            errors.push(*event.error(
                property.line,
                name.to_owned(),
                FieldError::new("ics", "error-ics-rdate-period"),
            ));
            continue;
        }
        for value in property.value.split(',') {
            match when_value(property, value, zones) {
                Ok(when) => {
                    let local = match when {
                        When::Date(date) if !times.all_day => date.and_time(times.start.time()),
                        other if times.all_day => {
                            other.local_in(times.zone).date().and_time(NaiveTime::MIN)
                        }
                        other => other.local_in(times.zone),
                    };
                    if !dates.contains(&local) {
                        dates.push(local);
                    }
                }
                Err(e) => errors.push(*event.value_error(property, e)),
            }
        }
    }
    if dates.len() > max {
        errors.push(*event.error(
            event.line_of(name),
            name.to_owned(),
            FieldError::with_arg("ics", "error-too-many", max as i64),
        ));
    }
    dates.sort();
    dates
}

/// Checks a VEVENT with a RECURRENCE-ID into a change of `draft`'s series.
fn change(
    event: &Vevent<'_>,
    zones: &Zones,
    draft: &EventDraft,
    rdates: &[NaiveDateTime],
) -> Result<Change, Box<EventError>> {
    let Some(rid) = event.block.first("RECURRENCE-ID") else {
        return Err(event.error(
            0,
            "RECURRENCE-ID".to_owned(),
            FieldError::new("ics", "error-ics-date"),
        ));
    };
    let zone = draft.zone;
    let all_day = draft.timing.is_all_day();
    let recurrence_id =
        match when_value(rid, &rid.value, zones).map_err(|e| event.value_error(rid, e))? {
            When::Date(date) if !all_day => date.and_time(draft.timing.local_start().time()),
            other => other.local_in(zone),
        };
    // Does it name an occurrence of the series?
    let series = Series {
        zone,
        timing: draft.timing,
        rule: draft.rule.as_ref(),
        rdates,
        exdates: &[],
        changes: &[],
    };
    let at = zone.to_utc(recurrence_id);
    let named = series
        .occurrences(at - Duration::days(62), at + Duration::days(62))
        .iter()
        .any(|o| o.recurrence_id == recurrence_id);
    if !named {
        return Err(event.error(
            rid.line,
            "RECURRENCE-ID".to_owned(),
            FieldError::new("ics", "error-ics-not-an-occurrence"),
        ));
    }
    let cancelled = event
        .block
        .first("STATUS")
        .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCELLED"));
    let nominal = draft.timing.local_end() - draft.timing.local_start();
    let (start, end) = if event.block.first("DTSTART").is_some() {
        let mut times = times(event, zones, zone)?;
        // An occurrence without an end keeps the series' length.
        if times.open {
            times.end = times.start + nominal;
        }
        let start = if times.zone == zone {
            times.start
        } else {
            zone.to_local(times.zone.to_utc(times.start))
        };
        let end = if times.zone == zone {
            times.end
        } else {
            zone.to_local(times.zone.to_utc(times.end))
        };
        (start, end)
    } else {
        (recurrence_id, recurrence_id + nominal)
    };
    // A moment's occurrences may be moments too; others need a length.
    if end < start || (end == start && nominal > Duration::zero()) {
        return Err(event.error(
            event.line_of("DTEND"),
            "DTEND".to_owned(),
            FieldError::new("end_time", "error-end-before-start"),
        ));
    }
    if (end - start).num_days() > 60 {
        return Err(event.error(
            event.line_of("DTEND"),
            "DTEND".to_owned(),
            FieldError::new("end_date", "error-event-too-long"),
        ));
    }
    let own = |name: &str, field: &'static str, max: usize, series: &str| {
        own_text(event, name, field, max, series)
    };
    Ok(Change {
        recurrence_id,
        start,
        end,
        cancelled,
        title: own("SUMMARY", "title", 200, &draft.title)?,
        description: own(
            "DESCRIPTION",
            "description",
            cospace_core::calendar::event::MAX_DESCRIPTION,
            &draft.description,
        )?,
        address: own("LOCATION", "address", 300, &draft.address)?,
    })
}

/// A changed occurrence's own text of `name`, checked as the series' is: `None` when it is
/// absent, blank or the series' own (exports repeat the series' SUMMARY in every overriding
/// VEVENT; keeping only what differs lets a later edit of the series reach those dates).
fn own_text(
    event: &Vevent<'_>,
    name: &str,
    field: &'static str,
    max: usize,
    series: &str,
) -> Result<Option<String>, Box<EventError>> {
    let Some(property) = event.block.first(name) else {
        return Ok(None);
    };
    let raw = if name == "DESCRIPTION" {
        crate::html_text::plain(&property.text())
    } else {
        property.text()
    };
    let text = cospace_core::validation::bounded_text(field, &raw, 0, max)
        .map_err(|error| event.error(property.line, name.to_owned(), error))?;
    Ok((!text.is_empty() && text != series).then_some(text))
}

/// The UID of a VEVENT that has none (RFC 5545 makes UID required, yet some exports omit it):
/// a hash of what identifies the event in its file — the calendar's PRODID, DTSTART as written
/// (with its TZID), SUMMARY and RRULE — so importing the same file again finds the event
/// instead of creating it twice. Events identical in all of these are told apart by their
/// order among them.
fn derived_uid(event: &Vevent<'_>, taken: &mut HashSet<String>) -> String {
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
        let planned = master(event, &zones, options, &mut errors);
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
        match change(event, &zones, &planned.draft, &planned.rdates) {
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
