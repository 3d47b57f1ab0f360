//! All-or-nothing import of iCalendar files (RFC 5545) as Google Calendar, Outlook, Thunderbird
//! or Apple Calendar export them — from the web form (`/spaces/{slug}/calendar/import`) and
//! from `cospace import calendar FILE --space SLUG --organization ID`.
//!
//! # What is read
//!
//! Every VEVENT becomes an event organised by the organisation the importer chooses:
//! SUMMARY → title, DESCRIPTION, LOCATION → address, GEO, CATEGORIES (the first one that names
//! one of our kinds, else `other`), STATUS (CANCELLED, CONFIRMED; anything else is planned),
//! DTSTART with DTEND or DURATION (with neither, a date lasts one day and a date-time is a
//! moment that ends at its start, RFC 5545 §3.6.1), RRULE (daily or coarser), EXDATE (lists too), and the UID.
//! A VEVENT with a RECURRENCE-ID changes one occurrence of its series: its new time, or its
//! cancellation (other changed properties of a single occurrence are not kept — the calendar
//! stores only moved and cancelled occurrences).
//!
//! Times: a TZID names an IANA zone (`Europe/Warsaw`), an old Mozilla-style path ending in one
//! (`/mozilla.org/20050126_1/Europe/Warsaw`), a Windows zone as Outlook writes it (`Central
//! European Standard Time`), or a VTIMEZONE of the file that says its IANA zone in
//! `X-LIC-LOCATION`. A floating time (no TZID, no `Z`) is read in the calendar's zone when
//! it names one (`X-WR-TIMEZONE`, as Google writes it), else in the default zone the importer
//! chooses; a UTC time (`…Z`) is shown in that default zone. A date (`VALUE=DATE`) makes an all-day event; its DTEND is exclusive.
//!
//! # All or nothing
//!
//! [`parse`] reads the whole file and validates every event with the rules of the planning form
//! ([`EventDraft::parse`]), reporting every problem with the event's position (the nth VEVENT),
//! line, SUMMARY and UID. [`check`] then asks the database what only it knows: which UIDs
//! exist. Only a file without a single problem is written, by [`write`], in one transaction
//! with one activity-log entry.
//!
//! # Importing the same file again
//!
//! UIDs are kept, so calendar programs recognise the events in our feeds. An event whose UID
//! already exists in the same space is updated from the file (its SEQUENCE goes up, its
//! excluded dates and changed occurrences are replaced, its organisers are kept and the
//! importing organisation added): importing a file again, or a newer export of the same
//! calendar, never duplicates. A UID used by an event of another space is a problem of the
//! file, as is updating an event the importer may not edit. An event without a UID gets one
//! derived from its calendar's PRODID, its DTSTART, SUMMARY and RRULE, so it too is found
//! again rather than duplicated.

use crate::permissions::{self, Action};
use crate::service::{self, allows};
use crate::store::{self, EventValues};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use cospace_core::calendar::event::{EventDraft, EventInput, EventKind};
use cospace_core::calendar::recurrence::{Change, Series, Timing};
use cospace_core::calendar::time::Zone;
use cospace_core::permissions::Role;
use cospace_core::space::Visibility;
use cospace_core::{FieldError, Invalid, SpaceId, UserId};
use cospace_store::activity::{self, Activity};
use cospace_store::{with_tx, Db, StoreError, Tx};
use cospace_web::error::PageError;
use cospace_web::i18n::Localizer;
use cospace_web::pages::{redirect_with_flash, render_form, FormErrors, Page};
use cospace_web::platform::spaces::SpaceHeader;
use cospace_web::platform::FormData;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use std::collections::{HashMap, HashSet};

/// The largest file accepted, in bytes. (The web form is also bounded by the server's body
/// limit, 1 MiB unless configured otherwise; the command line takes files up to this size.)
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The most events (VEVENTs) one file may hold.
pub const MAX_EVENTS: usize = 50_000;
/// The most excluded dates one series may list.
pub const MAX_EXDATES: usize = 1_000;
/// Validation stops after this many problems: enough to fix a file, bounded in memory.
pub const MAX_ERRORS: usize = 1_000;
/// How deep components may nest (VCALENDAR → VEVENT → VALARM is three).
const MAX_DEPTH: usize = 8;

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
// Reading content lines (RFC 5545 §3.1)

/// One content line, unfolded: `NAME;PARAM=a,b:value`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Property {
    /// Upper case.
    name: String,
    /// (upper-case name, values without quotes).
    params: Vec<(String, Vec<String>)>,
    value: String,
    line: u64,
}

impl Property {
    fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.first())
            .map(String::as_str)
    }

    /// The value as TEXT, unescaped (§3.3.11).
    fn text(&self) -> String {
        unescape(&self.value)
    }
}

fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a TEXT list at commas that are not escaped, unescaping each item.
fn text_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            current.push('\\');
            current.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ',' {
            items.push(unescape(&current));
            current.clear();
        } else {
            current.push(c);
        }
    }
    items.push(unescape(&current));
    items
}

/// Parses one unfolded content line; `None` when it is not one.
fn parse_line(text: &str, line: u64) -> Option<Property> {
    let end_of_name = text.find([';', ':'])?;
    let name = &text[..end_of_name];
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    let mut rest = &text[end_of_name..];
    let mut params = Vec::new();
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after.find('=')?;
        let param_name = &after[..eq];
        if param_name.is_empty()
            || !param_name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return None;
        }
        let mut values = Vec::new();
        let mut cursor = &after[eq + 1..];
        loop {
            if let Some(quoted) = cursor.strip_prefix('"') {
                let close = quoted.find('"')?;
                values.push(quoted[..close].to_owned());
                cursor = &quoted[close + 1..];
            } else {
                let stop = cursor.find([',', ';', ':'])?;
                values.push(cursor[..stop].to_owned());
                cursor = &cursor[stop..];
            }
            match cursor.strip_prefix(',') {
                Some(next) => cursor = next,
                None => break,
            }
        }
        params.push((param_name.to_ascii_uppercase(), values));
        rest = cursor;
    }
    let value = rest.strip_prefix(':')?;
    Some(Property {
        name: name.to_ascii_uppercase(),
        params,
        value: value.to_owned(),
        line,
    })
}

/// A component (`BEGIN:X` … `END:X`) with its properties and inner components.
#[derive(Debug, Clone, Default)]
struct Block {
    name: String,
    line: u64,
    properties: Vec<Property>,
    children: Vec<Block>,
}

impl Block {
    fn first(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }
}

/// Reads the calendars of a file: unfolds lines (a line starting with a space or tab continues
/// the one before), parses each content line and nests components.
fn read_calendars(text: &str) -> Result<Vec<Block>, Vec<EventError>> {
    // (line number where the logical line starts, text).
    let mut lines: Vec<(u64, String)> = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let number = index as u64 + 1;
        if let Some(continued) = raw.strip_prefix([' ', '\t']) {
            if let Some((_, last)) = lines.last_mut() {
                last.push_str(continued);
                continue;
            }
        }
        if raw.trim().is_empty() {
            continue;
        }
        lines.push((number, raw.to_owned()));
    }
    let Some((first_line, first)) = lines.first() else {
        return Err(vec![EventError::file(0, "error-ics-not-calendar")]);
    };
    if !first.trim().eq_ignore_ascii_case("BEGIN:VCALENDAR") {
        return Err(vec![EventError::file(
            *first_line,
            "error-ics-not-calendar",
        )]);
    }
    let mut errors = Vec::new();
    let mut calendars = Vec::new();
    let mut stack: Vec<Block> = Vec::new();
    for (number, text) in &lines {
        let Some(property) = parse_line(text, *number) else {
            errors.push(EventError::file(*number, "error-ics-line"));
            if errors.len() >= MAX_ERRORS {
                break;
            }
            continue;
        };
        match property.name.as_str() {
            "BEGIN" => {
                if stack.len() >= MAX_DEPTH {
                    return Err(vec![EventError::file(*number, "error-ics-structure")]);
                }
                stack.push(Block {
                    name: property.value.trim().to_ascii_uppercase(),
                    line: *number,
                    ..Block::default()
                });
            }
            "END" => {
                let name = property.value.trim().to_ascii_uppercase();
                match stack.pop() {
                    Some(block) if block.name == name => match stack.last_mut() {
                        Some(parent) => parent.children.push(block),
                        None => calendars.push(block),
                    },
                    _ => return Err(vec![EventError::file(*number, "error-ics-structure")]),
                }
            }
            _ => match stack.last_mut() {
                Some(block) => block.properties.push(property),
                None => {
                    // Content after the last END:VCALENDAR.
                    errors.push(EventError::file(*number, "error-ics-structure"));
                }
            },
        }
    }
    if let Some(open) = stack.first() {
        errors.push(EventError::file(open.line, "error-ics-structure"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if calendars.iter().any(|c| c.name != "VCALENDAR") {
        return Err(vec![EventError::file(0, "error-ics-not-calendar")]);
    }
    Ok(calendars)
}

// ---------------------------------------------------------------------------------------------
// Time zones and times

/// Windows time-zone names (as Outlook and Exchange write them in TZID) and the IANA zone the
/// Unicode CLDR maps each to.
const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("Central European Standard Time", "Europe/Warsaw"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Romance Standard Time", "Europe/Paris"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
    ("Belarus Standard Time", "Europe/Minsk"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Azores Standard Time", "Atlantic/Azores"),
    ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
    ("UTC", "UTC"),
    ("Coordinated Universal Time", "UTC"),
    ("Morocco Standard Time", "Africa/Casablanca"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("E. Africa Standard Time", "Africa/Nairobi"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("Libya Standard Time", "Africa/Tripoli"),
    ("Namibia Standard Time", "Africa/Windhoek"),
    ("Sudan Standard Time", "Africa/Khartoum"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("Jordan Standard Time", "Asia/Amman"),
    ("Middle East Standard Time", "Asia/Beirut"),
    ("Arab Standard Time", "Asia/Riyadh"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Iran Standard Time", "Asia/Tehran"),
    ("Georgian Standard Time", "Asia/Tbilisi"),
    ("Caucasus Standard Time", "Asia/Yerevan"),
    ("Azerbaijan Standard Time", "Asia/Baku"),
    ("Afghanistan Standard Time", "Asia/Kabul"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("West Asia Standard Time", "Asia/Tashkent"),
    ("India Standard Time", "Asia/Kolkata"),
    ("Sri Lanka Standard Time", "Asia/Colombo"),
    ("Nepal Standard Time", "Asia/Kathmandu"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("Myanmar Standard Time", "Asia/Yangon"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("N. Central Asia Standard Time", "Asia/Novosibirsk"),
    ("North Asia Standard Time", "Asia/Krasnoyarsk"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("Fiji Standard Time", "Pacific/Fiji"),
    ("Tonga Standard Time", "Pacific/Tongatapu"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Pacific Standard Time (Mexico)", "America/Tijuana"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Mountain Standard Time", "America/Denver"),
    ("Mountain Standard Time (Mexico)", "America/Mazatlan"),
    ("Central America Standard Time", "America/Guatemala"),
    ("Central Standard Time", "America/Chicago"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("Canada Central Standard Time", "America/Regina"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("Eastern Standard Time", "America/New_York"),
    ("Eastern Standard Time (Mexico)", "America/Cancun"),
    ("Venezuela Standard Time", "America/Caracas"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("SA Western Standard Time", "America/La_Paz"),
    ("Pacific SA Standard Time", "America/Santiago"),
    ("Paraguay Standard Time", "America/Asuncion"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("SA Eastern Standard Time", "America/Cayenne"),
    ("Argentina Standard Time", "America/Buenos_Aires"),
    ("Montevideo Standard Time", "America/Montevideo"),
    ("Bahia Standard Time", "America/Bahia"),
    ("Greenland Standard Time", "America/Godthab"),
];

/// The IANA zone a TZID stands for, without looking at the file's VTIMEZONEs.
fn known_zone(tzid: &str) -> Option<Zone> {
    let tzid = tzid.trim();
    if let Ok(zone) = Zone::parse("time_zone", tzid) {
        return Some(zone);
    }
    if let Some((_, iana)) = WINDOWS_ZONES
        .iter()
        .find(|(windows, _)| windows.eq_ignore_ascii_case(tzid))
    {
        return Zone::parse("time_zone", iana).ok();
    }
    // A path that ends in an IANA name: `/mozilla.org/20050126_1/Europe/Warsaw`.
    tzid.match_indices('/')
        .find_map(|(i, _)| Zone::parse("time_zone", &tzid[i + 1..]).ok())
}

/// The zones of a file: each TZID its VTIMEZONEs define, mapped to an IANA zone when possible.
#[derive(Default)]
struct Zones {
    defined: HashMap<String, Option<Zone>>,
}

impl Zones {
    fn of(calendars: &[Block]) -> Zones {
        let mut zones = Zones::default();
        for vtimezone in calendars
            .iter()
            .flat_map(|c| c.children.iter())
            .filter(|b| b.name == "VTIMEZONE")
        {
            let Some(tzid) = vtimezone.first("TZID").map(|p| p.value.trim().to_owned()) else {
                continue;
            };
            let location = vtimezone
                .first("X-LIC-LOCATION")
                .and_then(|p| known_zone(&p.value));
            zones
                .defined
                .insert(tzid.clone(), location.or_else(|| known_zone(&tzid)));
        }
        zones
    }

    fn resolve(&self, tzid: &str) -> Option<Zone> {
        match self.defined.get(tzid.trim()) {
            Some(zone) => *zone,
            None => known_zone(tzid),
        }
    }
}

/// A DATE or DATE-TIME value as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Date(NaiveDate),
    Floating(NaiveDateTime),
    Utc(DateTime<Utc>),
    Zoned(NaiveDateTime, Zone),
}

impl When {
    /// The wall-clock time in `zone` (a date: its midnight; floating: as written).
    fn local_in(self, zone: Zone) -> NaiveDateTime {
        match self {
            When::Date(date) => date.and_time(NaiveTime::MIN),
            When::Floating(local) => local,
            When::Utc(instant) => zone.to_local(instant),
            When::Zoned(local, own) if own == zone => local,
            When::Zoned(local, own) => zone.to_local(own.to_utc(local)),
        }
    }
}

/// A value error: the key, and the property text to show.
type ValueError = (&'static str, String);

fn property_label(property: &Property, with: Option<&str>) -> String {
    match with.and_then(|p| property.param(p).map(|v| (p, v))) {
        Some((param, value)) => format!("{};{param}={value}", property.name),
        None => property.name.clone(),
    }
}

/// Reads one DATE or DATE-TIME value of `property` (a list item for EXDATE).
fn when_value(property: &Property, value: &str, zones: &Zones) -> Result<When, ValueError> {
    let value = value.trim();
    let bad = || ("error-ics-date", property_label(property, None));
    let is_date = property
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()));
    let year_ok = |year: i32| (1900..=2200).contains(&year);
    if is_date {
        let date = NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| bad())?;
        if !year_ok(chrono::Datelike::year(&date)) {
            return Err(bad());
        }
        return Ok(When::Date(date));
    }
    if let Some(utc) = value.strip_suffix(['Z', 'z']) {
        let local = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
        if !year_ok(chrono::Datelike::year(&local)) {
            return Err(bad());
        }
        return Ok(When::Utc(local.and_utc()));
    }
    let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
    if !year_ok(chrono::Datelike::year(&local)) {
        return Err(bad());
    }
    match property.param("TZID") {
        None => Ok(When::Floating(local)),
        Some(tzid) => zones
            .resolve(tzid)
            .map(|zone| When::Zoned(local, zone))
            .ok_or((
                "error-ics-time-zone",
                property_label(property, Some("TZID")),
            )),
    }
}

/// A DURATION value (§3.3.6): `P1D`, `PT1H30M`, `P1W`, `P1DT2H`.
fn duration_value(value: &str) -> Option<Duration> {
    let value = value.trim();
    let (negative, value) = match value.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, value.strip_prefix('+').unwrap_or(value)),
    };
    let body = value.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in body.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' if number.is_empty() && !in_time => in_time = true,
            'W' | 'D' | 'H' | 'M' | 'S' => {
                let n: i64 = number.parse().ok().filter(|n| *n <= 100_000)?;
                number.clear();
                total += match (c, in_time) {
                    ('W', false) => Duration::weeks(n),
                    ('D', false) => Duration::days(n),
                    ('H', true) => Duration::hours(n),
                    ('M', true) => Duration::minutes(n),
                    ('S', true) => Duration::seconds(n),
                    _ => return None,
                };
                any = true;
            }
            _ => return None,
        }
    }
    if !number.is_empty() || !any {
        return None;
    }
    Some(if negative { -total } else { total })
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

/// Checks one master VEVENT (no RECURRENCE-ID) into a draft and its excluded dates.
fn master(
    event: &Vevent<'_>,
    zones: &Zones,
    options: &Options,
    errors: &mut Vec<EventError>,
) -> Option<(EventDraft, Vec<NaiveDateTime>)> {
    let before = errors.len();
    for name in ["RDATE", "RRULE"] {
        let lines: Vec<&Property> = event.block.all(name).collect();
        if name == "RDATE" && !lines.is_empty() {
            errors.push(*event.error(
                lines[0].line,
                name.to_owned(),
                FieldError::new("ics", "error-ics-rdate"),
            ));
        }
        if name == "RRULE" && lines.len() > 1 {
            errors.push(*event.error(
                lines[1].line,
                name.to_owned(),
                FieldError::new("ics", "error-ics-many-rules"),
            ));
        }
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
    let mut exdates = Vec::new();
    for property in event.block.all("EXDATE") {
        for value in property.value.split(',') {
            match when_value(property, value, zones) {
                Ok(when) => {
                    let local = match when {
                        When::Date(date) if !times.all_day => date.and_time(times.start.time()),
                        other => other.local_in(times.zone),
                    };
                    if !exdates.contains(&local) {
                        exdates.push(local);
                    }
                }
                Err(e) => errors.push(*event.value_error(property, e)),
            }
        }
    }
    if exdates.len() > MAX_EXDATES {
        errors.push(*event.error(
            event.line_of("EXDATE"),
            "EXDATE".to_owned(),
            FieldError::with_arg("ics", "error-too-many", MAX_EXDATES as i64),
        ));
    }
    if errors.len() > before {
        return None;
    }
    draft.map(|d| (d, exdates))
}

/// Checks a VEVENT with a RECURRENCE-ID into a change of `draft`'s series.
fn change(
    event: &Vevent<'_>,
    zones: &Zones,
    draft: &EventDraft,
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
    Ok(Change {
        recurrence_id,
        start,
        end,
        cancelled,
    })
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
        let index = planned.map(|(draft, exdates)| {
            plan.events.push(PlannedEvent {
                position: event.position,
                line: event.block.line,
                uid: if event.uid.is_empty() {
                    derived_uid(event, &mut derived)
                } else {
                    event.uid.clone()
                },
                draft,
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
        match change(event, &zones, &plan.events[index].draft) {
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

// ---------------------------------------------------------------------------------------------
// What the database knows

/// Who imports: the system (the command line) or a person with their role in the space.
#[derive(Debug, Clone, Copy)]
pub enum Importer {
    System,
    Person {
        user: UserId,
        role: Role,
        visibility: Visibility,
    },
}

impl Importer {
    fn user(self) -> Option<UserId> {
        match self {
            Importer::System => None,
            Importer::Person { user, .. } => Some(user),
        }
    }
}

/// An event of the file that exists already (by UID) and will be updated.
#[derive(Debug, Clone, sqlx::FromRow)]
struct Existing {
    id: i64,
    uid: String,
    space_id: i64,
    created_by: Option<i64>,
}

/// A plan whose UIDs were looked up: the events to update, by UID.
#[derive(Debug)]
pub struct Checked {
    plan: Plan,
    existing: HashMap<String, i64>,
}

impl Checked {
    /// How many events will be created and how many updated.
    pub fn counts(&self) -> (usize, usize) {
        let updated = self.existing.len();
        (self.plan.events.len() - updated, updated)
    }
}

async fn existing_events(db: &Db, uids: &[String]) -> Result<Vec<Existing>, StoreError> {
    let mut found = Vec::new();
    for chunk in uids.chunks(5_000) {
        let rows: Vec<Existing> = match db {
            Db::Sqlite(pool) => {
                let list = serde_json::to_string(chunk)
                    .map_err(|e| StoreError::Internal(e.to_string()))?;
                sqlx::query_as::<_, Existing>(
                    "SELECT id, uid, space_id, created_by FROM calendar_events
                     WHERE uid IN (SELECT value FROM json_each($1))",
                )
                .bind(list)
                .fetch_all(pool)
                .await?
            }
            Db::Postgres(pool) => {
                sqlx::query_as::<_, Existing>(
                    "SELECT id, uid, space_id, created_by FROM calendar_events
                     WHERE uid = ANY($1)",
                )
                .bind(chunk.to_vec())
                .fetch_all(pool)
                .await?
            }
        };
        found.extend(rows);
    }
    Ok(found)
}

/// Looks the plan's UIDs up: an event of this space is updated (when the importer may edit
/// it); a UID of another space's event is a problem.
pub async fn check(
    db: &Db,
    space: SpaceId,
    importer: Importer,
    plan: Plan,
) -> Result<Result<Checked, Vec<EventError>>, StoreError> {
    let uids: Vec<String> = plan.events.iter().map(|e| e.uid.clone()).collect();
    let found = existing_events(db, &uids).await?;
    let administered: HashSet<i64> = match importer {
        Importer::Person { user, .. } => store::administered_organizations(db, user)
            .await?
            .into_iter()
            .map(|o| o.id)
            .collect(),
        Importer::System => HashSet::new(),
    };
    let ids: Vec<i64> = found
        .iter()
        .filter(|e| e.space_id == space.0)
        .map(|e| e.id)
        .collect();
    let details = store::details(db, &ids).await?;
    let by_uid: HashMap<&str, &Existing> = found.iter().map(|e| (e.uid.as_str(), e)).collect();
    let mut errors = Vec::new();
    let mut existing = HashMap::new();
    for event in &plan.events {
        let uid = event.uid.as_str();
        let Some(row) = by_uid.get(uid) else { continue };
        let error = |key: &'static str| EventError {
            position: event.position,
            line: event.line,
            summary: event.draft.title.chars().take(80).collect(),
            uid: uid.to_owned(),
            property: "UID".to_owned(),
            error: FieldError::new("ics", key),
        };
        if row.space_id != space.0 {
            errors.push(error("error-ics-uid-elsewhere"));
            continue;
        }
        let allowed = match importer {
            Importer::System => true,
            Importer::Person {
                user,
                role,
                visibility,
            } => permissions::may_edit(
                role,
                visibility,
                row.created_by == Some(user.0),
                details
                    .organizer_ids(row.id)
                    .iter()
                    .any(|o| administered.contains(o)),
            ),
        };
        if !allowed {
            errors.push(error("error-ics-not-yours"));
            continue;
        }
        existing.insert(uid.to_owned(), row.id);
    }
    if !errors.is_empty() {
        return Ok(Err(errors));
    }
    Ok(Ok(Checked { plan, existing }))
}

// ---------------------------------------------------------------------------------------------
// Writing

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Imported {
    pub created: u64,
    pub updated: u64,
}

/// Reports progress: (events written, events in all).
pub type Progress<'a> = &'a mut (dyn FnMut(u64, u64) + Send);

async fn clear_occurrences(tx: &mut Tx, event: i64) -> Result<(), StoreError> {
    for table in ["calendar_exdates", "calendar_changes"] {
        let sql = format!("DELETE FROM {table} WHERE event_id = $1");
        with_tx!(tx, |conn| sqlx::query(&sql)
            .bind(event)
            .execute(&mut *conn)
            .await
            .map(|r| r.rows_affected()))?;
    }
    Ok(())
}

async fn organizers_of(tx: &mut Tx, event: i64) -> Result<Vec<i64>, StoreError> {
    Ok(with_tx!(tx, |conn| sqlx::query_scalar::<_, i64>(
        "SELECT organization_id FROM calendar_event_organizers WHERE event_id = $1
         ORDER BY created_at, organization_id"
    )
    .bind(event)
    .fetch_all(&mut *conn)
    .await)?)
}

/// Writes a checked plan into `space` in one transaction, with one activity-log entry.
pub async fn write(
    db: &Db,
    space: SpaceId,
    importer: Importer,
    source: &str,
    checked: &Checked,
    progress: Progress<'_>,
) -> Result<Imported, StoreError> {
    let total = checked.plan.events.len() as u64;
    let mut imported = Imported::default();
    let mut tx = db.begin().await?;
    for (n, event) in checked.plan.events.iter().enumerate() {
        let series = Series {
            zone: event.draft.zone,
            timing: event.draft.timing,
            rule: event.draft.rule.as_ref(),
            exdates: &event.exdates,
            changes: &event.changes,
        };
        let span = store::span(&series);
        let existing = checked.existing.get(&event.uid);
        let id = match existing {
            Some(&id) => {
                // Organisers who joined stay; the importing organisation is added.
                let mut draft = event.draft.clone();
                let mut organizers = organizers_of(&mut tx, id).await?;
                for o in &draft.organizers {
                    if !organizers.contains(o) {
                        organizers.push(*o);
                    }
                }
                draft.organizers = organizers;
                store::update_event(
                    &mut tx,
                    id,
                    &EventValues {
                        draft: &draft,
                        span,
                    },
                )
                .await?;
                clear_occurrences(&mut tx, id).await?;
                imported.updated += 1;
                id
            }
            None => {
                let values = EventValues {
                    draft: &event.draft,
                    span,
                };
                imported.created += 1;
                store::create_event(&mut tx, space, &event.uid, &values, importer.user()).await?
            }
        };
        for exdate in &event.exdates {
            store::add_exdate(&mut tx, id, *exdate).await?;
        }
        for change in &event.changes {
            store::change_occurrence(&mut tx, id, change).await?;
        }
        if n % 200 == 0 {
            progress(n as u64, total);
        }
    }
    activity::record(
        &mut tx,
        Activity {
            actor: importer.user(),
            space: Some(space),
            action: "event.import",
            subject_type: "space",
            subject_id: space.0.to_string(),
            details: serde_json::json!({
                "source": source,
                "created": imported.created,
                "updated": imported.updated,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    progress(total, total);
    Ok(imported)
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has problems: every one of them.
    #[error("{}", summary(.0))]
    Rejected(Vec<EventError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Parses, checks and writes `input` — all of it, or nothing.
pub async fn import_ics(
    db: &Db,
    space: SpaceId,
    importer: Importer,
    source: &str,
    input: &[u8],
    options: &Options,
    progress: Progress<'_>,
) -> Result<Imported, ImportError> {
    let plan = parse(input, options).map_err(ImportError::Rejected)?;
    let checked = check(db, space, importer, plan)
        .await?
        .map_err(ImportError::Rejected)?;
    Ok(write(db, space, importer, source, &checked, progress).await?)
}

/// Whether organisation `id` may organise the events of `space`: approved and listed there, or
/// in a public space above or below it (the rule of `store::organizers_in`).
pub async fn organization_may_organize(
    db: &Db,
    space: SpaceId,
    id: i64,
) -> Result<bool, StoreError> {
    let mut nearby: Vec<SpaceId> = cospace_store::spaces::ancestors(db, space)
        .await?
        .iter()
        .map(|s| s.id())
        .collect();
    nearby.extend(cospace_store::spaces::subtree(db, space).await?);
    Ok(!store::allowed_organizers(db, space, &nearby, &[id])
        .await?
        .is_empty())
}

// ---------------------------------------------------------------------------------------------
// The import page

/// A problem as the import page shows it.
pub struct ErrorRow {
    pub event: String,
    pub line: String,
    pub summary: String,
    pub uid: String,
    pub property: String,
    pub message: String,
}

/// What the form was sent with, shown again.
#[derive(Default)]
struct ImportValues {
    organization: String,
    time_zone: String,
    ics: String,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    organizations: Vec<store::Organizer>,
    zones: &'static [&'static str],
    values: ImportValues,
    errors: FormErrors,
    rows: Vec<ErrorRow>,
    bad_events: i64,
}

/// The zones offered first; any IANA name may be typed.
const ZONES: &[&str] = &[
    "Europe/Warsaw",
    "Europe/London",
    "Europe/Paris",
    "Europe/Madrid",
    "Africa/Nairobi",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Asia/Kolkata",
    "UTC",
];

/// The organisations the reader may import for: any organiser of the space for a space admin,
/// else those they administer.
async fn choices(
    state: &AppState,
    context: &SpaceContext,
) -> Result<Vec<store::Organizer>, StoreError> {
    if allows(context, Action::Manage) {
        return service::organizer_choices(state, context).await;
    }
    match &context.viewer.user {
        Some(user) => store::administered_organizations(&state.db, user.id()).await,
        None => Ok(Vec::new()),
    }
}

async fn import_page(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    values: ImportValues,
    errors: Invalid,
    problems: &[EventError],
) -> Result<Response, PageError> {
    let invalid = !errors.is_empty() || !problems.is_empty();
    let rows = problems
        .iter()
        .map(|e| ErrorRow {
            event: if e.position > 0 {
                e.position.to_string()
            } else {
                "—".to_owned()
            },
            line: if e.line > 0 {
                e.line.to_string()
            } else {
                "—".to_owned()
            },
            summary: e.summary.clone(),
            uid: e.uid.clone(),
            property: e.property.clone(),
            message: e.message(&page.l),
        })
        .collect();
    let template = ImportTemplate {
        header: SpaceHeader::new(state, &page, context),
        base: crate::pages::base(context),
        organizations: choices(state, context).await?,
        zones: ZONES,
        values,
        errors: FormErrors(errors),
        rows,
        bad_events: bad_events(problems) as i64,
        page,
    };
    render_form(&template, invalid)
}

/// `GET /spaces/{slug}/calendar/import`: the form (whoever may plan).
pub async fn import_form(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    let here = format!("{}/import", crate::pages::base(&context));
    context.require_that(allows(&context, Action::Plan), &here)?;
    let organization = choices(&state, &context)
        .await?
        .first()
        .map(|o| o.id.to_string())
        .unwrap_or_default();
    let values = ImportValues {
        organization,
        time_zone: "Europe/Warsaw".to_owned(),
        ics: String::new(),
    };
    import_page(&state, page, &context, values, Invalid::default(), &[]).await
}

/// `POST /spaces/{slug}/calendar/import`: imports the file, or lists every problem.
pub async fn import_submit(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    let base = crate::pages::base(&context);
    let here = format!("{base}/import");
    context.require_that(allows(&context, Action::Plan), &here)?;
    let user = context.signed_in_user(&here)?;
    let values = ImportValues {
        organization: form.get("organization").trim().to_owned(),
        time_zone: form.get("time_zone").trim().to_owned(),
        ics: form.get("ics").to_owned(),
    };
    let mut invalid = Invalid::default();
    let organization = values.organization.parse::<i64>().ok().filter(|id| *id > 0);
    match organization {
        None => invalid.push(FieldError::new("organization", "error-organizer-required")),
        Some(id) if !organization_may_organize(&state.db, context.space.id(), id).await? => {
            invalid.push(FieldError::new(
                "organization",
                "error-organizer-not-listed",
            ));
        }
        Some(_) => {}
    }
    let zone = invalid.take(Zone::parse("time_zone", &values.time_zone));
    if values.ics.trim().is_empty() {
        invalid.push(FieldError::new("ics", "error-required"));
    }
    let (Some(organization), Some(zone), true) = (organization, zone, invalid.is_empty()) else {
        return import_page(&state, page, &context, values, invalid, &[]).await;
    };
    let administers = store::administered_organizations(&state.db, user.id())
        .await?
        .iter()
        .any(|o| o.id == organization);
    if !permissions::may_plan_for(context.role, context.space.visibility(), administers) {
        let invalid = Invalid::one("organization", "error-organizer-not-yours");
        return import_page(&state, page, &context, values, invalid, &[]).await;
    }
    let importer = Importer::Person {
        user: user.id(),
        role: context.role,
        visibility: context.space.visibility(),
    };
    let options = Options {
        organization,
        default_zone: zone,
    };
    match import_ics(
        &state.db,
        context.space.id(),
        importer,
        "web",
        values.ics.as_bytes(),
        &options,
        &mut |_, _| {},
    )
    .await
    {
        Ok(_) => Ok(redirect_with_flash(
            &state,
            &base,
            "flash-calendar-imported",
        )),
        Err(ImportError::Rejected(problems)) => {
            import_page(
                &state,
                page,
                &context,
                values,
                Invalid::default(),
                &problems,
            )
            .await
        }
        Err(ImportError::Store(error)) => Err(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            organization: 7,
            default_zone: Zone::parse("tz", "Europe/Warsaw").unwrap(),
        }
    }

    fn ics(events: &str) -> String {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n")
    }

    fn keys(input: &str) -> Vec<(usize, String, &'static str)> {
        parse(input.as_bytes(), &options())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.position, e.property, e.error.key))
            .collect()
    }

    #[test]
    fn content_lines_unfold_and_keep_quoted_parameters() {
        let p = parse_line(
            "ATTENDEE;CN=\"Nowak, Anna\";ROLE=REQ-PARTICIPANT:mailto:a@example.org",
            3,
        )
        .unwrap();
        assert_eq!(p.name, "ATTENDEE");
        assert_eq!(p.param("CN"), Some("Nowak, Anna"));
        assert_eq!(p.value, "mailto:a@example.org");
        assert!(parse_line("no colon here", 1).is_none());
        assert_eq!(
            text_list("one\\, two,three"),
            vec!["one, two".to_owned(), "three".to_owned()]
        );
        let folded = ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Sprzątanie \r\n osiedla\\, wiosna\r\nDTSTART;TZID=Europe/Warsaw:20270410T100000\r\nDTEND;TZID=Europe/Warsaw:20270410T130000\r\nEND:VEVENT\r\n");
        let plan = parse(folded.as_bytes(), &options()).unwrap();
        assert_eq!(plan.events[0].draft.title, "Sprzątanie osiedla, wiosna");
    }

    #[test]
    fn zones_are_found_by_iana_windows_and_mozilla_names() {
        assert_eq!(
            known_zone("Central European Standard Time").map(Zone::name),
            Some("Europe/Warsaw")
        );
        assert_eq!(
            known_zone("/mozilla.org/20050126_1/Europe/Madrid").map(Zone::name),
            Some("Europe/Madrid")
        );
        assert!(known_zone("Mars/Olympus").is_none());
        for (windows, iana) in WINDOWS_ZONES {
            assert!(Zone::parse("tz", iana).is_ok(), "{windows} → {iana}");
        }
    }

    #[test]
    fn durations_parse() {
        assert_eq!(duration_value("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(duration_value("P1W"), Some(Duration::days(7)));
        assert_eq!(duration_value("P1DT2H"), Some(Duration::hours(26)));
        assert_eq!(duration_value("P"), None);
        assert_eq!(duration_value("PT1D"), None);
    }

    #[test]
    fn utc_and_floating_times_are_read_in_the_default_zone() {
        let file = ics("BEGIN:VEVENT\r\nUID:u\r\nSUMMARY:Walk\r\nDTSTART:20270115T160000Z\r\nDURATION:PT2H\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:f\r\nSUMMARY:Talk\r\nDTSTART:20270115T180000\r\nDTEND:20270115T190000\r\nEND:VEVENT\r\n");
        let plan = parse(file.as_bytes(), &options()).unwrap();
        let walk = &plan.events[0].draft;
        assert_eq!(walk.zone.name(), "Europe/Warsaw");
        assert_eq!(
            walk.timing.local_start().format("%H:%M").to_string(),
            "17:00"
        );
        assert_eq!(walk.timing.local_end().format("%H:%M").to_string(), "19:00");
        assert_eq!(
            plan.events[1]
                .draft
                .timing
                .local_start()
                .format("%H:%M")
                .to_string(),
            "18:00"
        );
    }

    #[test]
    fn an_event_without_an_end_ends_at_its_start_or_lasts_its_day() {
        // Thunderbird writes a reminder as DTSTART alone; a holiday as a DATE alone.
        let file = ics("BEGIN:VEVENT\r\nUID:deadline\r\nSUMMARY:Termin zgłoszeń\r\nDTSTART;TZID=Europe/Warsaw:20270301T120000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:holiday\r\nSUMMARY:Dzień sąsiada\r\nDTSTART;VALUE=DATE:20270528\r\nEND:VEVENT\r\n");
        let plan = parse(file.as_bytes(), &options()).unwrap();
        let deadline = plan.events[0].draft.timing;
        assert_eq!(deadline.local_start(), deadline.local_end());
        assert_eq!(
            deadline.local_start().format("%Y-%m-%d %H:%M").to_string(),
            "2027-03-01 12:00"
        );
        let holiday = plan.events[1].draft.timing;
        assert!(holiday.is_all_day());
        assert_eq!(
            holiday.local_end() - holiday.local_start(),
            Duration::days(1)
        );
    }

    #[test]
    fn floating_times_are_read_in_the_calendars_own_zone() {
        // Google names the calendar's zone once, in X-WR-TIMEZONE.
        let file = "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nX-WR-CALNAME:Lisboa\r\nX-WR-TIMEZONE:Europe/Lisbon\r\nBEGIN:VEVENT\r\nUID:fl@google.com\r\nSUMMARY:Feira\r\nDTSTART:20270115T180000\r\nDTEND:20270115T200000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:utc@google.com\r\nSUMMARY:Walk\r\nDTSTART:20270115T160000Z\r\nDTEND:20270115T170000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let plan = parse(file.as_bytes(), &options()).unwrap();
        let fair = &plan.events[0].draft;
        assert_eq!(fair.zone.name(), "Europe/Lisbon");
        assert_eq!(
            fair.timing.local_start().format("%H:%M").to_string(),
            "18:00"
        );
        // A UTC time is an instant; it stays in the importer's zone.
        assert_eq!(plan.events[1].draft.zone.name(), "Europe/Warsaw");
        // An unknown calendar zone leaves the importer's choice.
        let odd = file.replace("Europe/Lisbon", "Mars/Olympus");
        let plan = parse(odd.as_bytes(), &options()).unwrap();
        assert_eq!(plan.events[0].draft.zone.name(), "Europe/Warsaw");
    }

    #[test]
    fn an_event_without_a_uid_gets_one_from_its_content() {
        let event = "BEGIN:VEVENT\r\nSUMMARY:Kawiarenka\r\nDTSTART;TZID=Europe/Warsaw:20270204T100000\r\nDTEND;TZID=Europe/Warsaw:20270204T120000\r\nRRULE:FREQ=WEEKLY;BYDAY=TH\r\nEND:VEVENT\r\n";
        let uids = |file: &str| -> Vec<String> {
            parse(file.as_bytes(), &options())
                .unwrap()
                .events
                .into_iter()
                .map(|e| e.uid)
                .collect()
        };
        let once = uids(&ics(event));
        assert!(once[0].ends_with("@import.cospace"), "{}", once[0]);
        assert_eq!(uids(&ics(event)), once, "stable");
        // Two identical events are two events; another title, program or start another one.
        let twice = uids(&ics(&format!("{event}{event}")));
        assert_eq!(twice[0], once[0]);
        assert_ne!(twice[1], twice[0]);
        assert_ne!(uids(&ics(&event.replace("Kawiarenka", "Kawiarnia"))), once);
        assert_ne!(uids(&ics(&event.replace("T100000", "T110000"))), once);
        assert_ne!(
            uids(&ics(event).replace("-//test//EN", "-//other//EN")),
            once
        );
    }

    #[test]
    fn problems_of_the_file_are_not_bad_events() {
        let errors = parse(b"BEGIN:VCALENDAR\r\nSUMMARY:\xff\r\n", &options()).unwrap_err();
        assert_eq!(errors[0].error.key, "error-ics-utf8");
        assert_eq!(bad_events(&errors), 0);
        assert_eq!(summary(&errors), "the file cannot be read as a calendar");
        let errors = parse(b"BEGIN:VCARD\r\nEND:VCARD\r\n", &options()).unwrap_err();
        assert_eq!(errors[0].error.key, "error-ics-not-calendar");
        assert_eq!(bad_events(&errors), 0);
        let errors = keys(&ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nEND:VEVENT\r\n"));
        assert_eq!(errors.len(), 1);
        let errors = parse(
            ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nEND:VEVENT\r\n").as_bytes(),
            &options(),
        )
        .unwrap_err();
        assert_eq!(summary(&errors), "1 bad event");
    }

    #[test]
    fn bad_files_are_refused_with_reasons() {
        assert_eq!(
            keys("name,email\nAnna,anna@example.org\n"),
            vec![(0, String::new(), "error-ics-not-calendar")]
        );
        assert_eq!(
            keys(&ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nDTSTART;TZID=Mars/Olympus:20270101T100000\r\nDTEND;TZID=Mars/Olympus:20270101T110000\r\nEND:VEVENT\r\n")),
            vec![(1, "DTSTART;TZID=Mars/Olympus".to_owned(), "error-ics-time-zone")]
        );
        assert_eq!(
            keys(&ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nDTSTART:20270101T100000\r\nDTEND:20270101T090000\r\nEND:VEVENT\r\n")),
            vec![(1, "DTEND".to_owned(), "error-end-before-start")]
        );
        assert_eq!(
            keys(&ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nDTSTART:20270101T100000\r\nDTEND:20270101T110000\r\nRRULE:FREQ=HOURLY\r\nEND:VEVENT\r\n")),
            vec![(1, "RRULE".to_owned(), "error-rrule-frequency")]
        );
        assert_eq!(
            keys(&ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nEND:VEVENT\r\n")),
            vec![(1, "DTSTART".to_owned(), "error-ics-no-start")]
        );
        assert_eq!(
            keys(&ics("BEGIN:VEVENT\r\nUID:a\r\nEND:VCALENDAR\r\n")),
            vec![(0, String::new(), "error-ics-structure")]
        );
        assert_eq!(
            keys(&ics("")),
            vec![(0, String::new(), "error-ics-no-events")]
        );
    }
}
