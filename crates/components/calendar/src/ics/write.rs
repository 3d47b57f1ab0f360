//! The calendar's events written as iCalendar (RFC 5545): a whole calendar with a VTIMEZONE
//! for every zone its events use, each event's VEVENTs (its series and changed dates), and an
//! invitation to answer (iTIP METHOD:REQUEST, RFC 5546). Pure: the rows and details in, text out;
//! the lines themselves are written by `cospace_core::calendar::ical`.

use crate::store::{Details, EventRow};
use chrono::{DateTime, Duration, Utc};
use cospace_core::calendar::event::EventStatus;
use cospace_core::calendar::ical::{self, Document};
use cospace_core::calendar::recurrence::Change;
use cospace_core::calendar::time::Zone;
use std::collections::BTreeSet;

/// What an iCalendar object is for: a feed to subscribe to, or an invitation to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Publish,
    Request,
}

/// Writes a whole calendar of `events`.
pub fn calendar(
    name: &str,
    events: &[EventRow],
    details: &Details,
    method: Method,
    url: &dyn Fn(&EventRow) -> String,
) -> String {
    calendar_with(name, events, details, method, url, None)
}

fn calendar_with(
    name: &str,
    events: &[EventRow],
    details: &Details,
    method: Method,
    url: &dyn Fn(&EventRow) -> String,
    itip: Option<&Itip<'_>>,
) -> String {
    let mut doc = Document::new();
    let shapes: Vec<Shape<'_>> = events.iter().map(Shape::of).collect();
    header(&mut doc, name, method, &shapes);
    for event in events {
        vevent(&mut doc, url, event, details, itip);
    }
    doc.line("END:VCALENDAR");
    doc.finish()
}

/// What the calendar's head needs to know of an event: its zone and first instant.
pub struct Shape<'a> {
    pub time_zone: &'a str,
    pub all_day: bool,
    pub starts_at: i64,
}

impl<'a> Shape<'a> {
    fn of(event: &'a EventRow) -> Shape<'a> {
        Shape {
            time_zone: &event.time_zone,
            all_day: event.all_day,
            starts_at: event.starts_at,
        }
    }
}

/// VCALENDAR's opening lines and a VTIMEZONE for every zone the events use, over their years.
pub(super) fn header(doc: &mut Document, name: &str, method: Method, events: &[Shape<'_>]) {
    doc.line("BEGIN:VCALENDAR");
    doc.line("VERSION:2.0");
    doc.line("PRODID:-//cospace//common calendar//EN");
    doc.line("CALSCALE:GREGORIAN");
    doc.line(match method {
        Method::Publish => "METHOD:PUBLISH",
        Method::Request => "METHOD:REQUEST",
    });
    doc.text("X-WR-CALNAME", name);
    let zones: BTreeSet<&str> = events
        .iter()
        .filter(|e| !e.all_day)
        .map(|e| e.time_zone)
        .collect();
    if let Some(first) = events.iter().map(|e| e.starts_at).min() {
        // The VTIMEZONEs hold for every year from the first event's on, without end, so the
        // events' last year does not matter.
        let first = DateTime::<Utc>::from_timestamp(first, 0).unwrap_or_default();
        let from_year = ical::first_year(first);
        for name in zones {
            if let Ok(zone) = Zone::parse("time_zone", name) {
                ical::vtimezone(doc, zone, from_year);
            }
        }
    }
}

/// The VEVENTs of one event (its series and changed dates), as feeds publish them.
pub fn vevent_text(
    url: &dyn Fn(&EventRow) -> String,
    event: &EventRow,
    details: &Details,
) -> String {
    let mut doc = Document::new();
    vevent(&mut doc, url, event, details, None);
    doc.finish()
}

fn status_text(status: EventStatus) -> &'static str {
    match status {
        EventStatus::Planned => "TENTATIVE",
        EventStatus::Confirmed | EventStatus::Done => "CONFIRMED",
        EventStatus::Cancelled => "CANCELLED",
    }
}

/// The lines every VEVENT of `event` has; a changed occurrence (`own`) writes its own
/// SUMMARY, DESCRIPTION and LOCATION where it has them.
fn common_lines(
    doc: &mut Document,
    url: &dyn Fn(&EventRow) -> String,
    event: &EventRow,
    details: &Details,
    own: Option<&Change>,
) {
    doc.field("UID", &event.uid);
    doc.line(&format!("DTSTAMP:{}", ical::utc_stamp(event.updated_at)));
    doc.line(&format!("CREATED:{}", ical::utc_stamp(event.created_at)));
    doc.line(&format!(
        "LAST-MODIFIED:{}",
        ical::utc_stamp(event.updated_at)
    ));
    doc.line(&format!("SEQUENCE:{}", event.sequence));
    doc.text(
        "SUMMARY",
        own.and_then(|c| c.title.as_deref()).unwrap_or(&event.title),
    );
    let organizers: Vec<String> = details
        .organizers
        .get(&event.id)
        .map(|o| o.iter().map(|(_, name)| name.clone()).collect())
        .unwrap_or_default();
    let mut description = own
        .and_then(|c| c.description.clone())
        .unwrap_or_else(|| event.description.clone());
    if !organizers.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&organizers.join(", "));
    }
    if !description.is_empty() {
        doc.text("DESCRIPTION", &description);
    }
    let place = own
        .and_then(|c| c.address.clone())
        .unwrap_or_else(|| event.place());
    if !place.is_empty() {
        doc.text("LOCATION", &place);
    }
    if let Some(point) = event.point() {
        doc.line(&ical::geo(point.lat, point.lon));
    }
    let kind = *event.kind;
    doc.text("CATEGORIES", kind.as_str());
    doc.field("URL", &url(event));
}

fn vevent(
    doc: &mut Document,
    url: &dyn Fn(&EventRow) -> String,
    event: &EventRow,
    details: &Details,
    itip: Option<&Itip<'_>>,
) {
    let zone = event.zone();
    let status = *event.status;
    doc.line("BEGIN:VEVENT");
    common_lines(doc, url, event, details, None);
    if let Some(itip) = itip {
        doc.line(&format!("ORGANIZER:mailto:{}", itip.organizer));
        doc.line(&format!(
            "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{}",
            ical::param(&itip.attendee.name),
            itip.attendee.email
        ));
    }
    ical::start_end(doc, zone, event.timing());
    if let Some(rule) = &event.rrule {
        doc.field("RRULE", rule);
    }
    // Extra dates in DTSTART's form (its TZID, or VALUE=DATE), as EXDATE is written.
    for rdate in details.rdates.get(&event.id).into_iter().flatten() {
        doc.line(&format!(
            "RDATE{}",
            ical::occurrence_id(zone, event.all_day, *rdate)
        ));
    }
    for exdate in details.exdates.get(&event.id).into_iter().flatten() {
        doc.line(&format!(
            "EXDATE{}",
            ical::occurrence_id(zone, event.all_day, *exdate)
        ));
    }
    doc.line(&format!("STATUS:{}", status_text(status)));
    doc.line("END:VEVENT");
    // Changed occurrences: the same UID with the RECURRENCE-ID they replace.
    for change in details.changes.get(&event.id).into_iter().flatten() {
        doc.line("BEGIN:VEVENT");
        common_lines(doc, url, event, details, Some(change));
        doc.line(&format!(
            "RECURRENCE-ID{}",
            ical::occurrence_id(zone, event.all_day, change.recurrence_id)
        ));
        let timing = if event.all_day {
            cospace_core::calendar::recurrence::Timing::AllDay {
                first: change.start.date(),
                last: (change.end - Duration::days(1))
                    .date()
                    .max(change.start.date()),
            }
        } else {
            cospace_core::calendar::recurrence::Timing::At {
                start: change.start,
                end: change.end,
            }
        };
        ical::start_end(doc, zone, timing);
        let status = if change.cancelled {
            EventStatus::Cancelled
        } else {
            status
        };
        doc.line(&format!("STATUS:{}", status_text(status)));
        doc.line("END:VEVENT");
    }
}

/// Who an invitation is for.
pub struct Attendee {
    pub email: String,
    pub name: String,
}

/// An invitation to `event` for one attendee (iTIP METHOD:REQUEST, RFC 5546): the event with
/// its ORGANIZER and an ATTENDEE asked to reply, which Outlook, Gmail and Thunderbird offer to
/// accept or decline.
pub fn invitation(
    event: &EventRow,
    details: &Details,
    organizer_email: &str,
    attendee: &Attendee,
    url: &str,
) -> String {
    let itip = Itip {
        organizer: organizer_email.to_owned(),
        attendee,
    };
    let link = |_: &EventRow| url.to_owned();
    calendar_with(
        &event.title,
        std::slice::from_ref(event),
        details,
        Method::Request,
        &link,
        Some(&itip),
    )
}

struct Itip<'a> {
    organizer: String,
    attendee: &'a Attendee,
}
