//! A series as a file states it (a VEVENT without RECURRENCE-ID): checked with the planning
//! form's own rules into a draft, with its extra dates (RDATE) and excluded dates (EXDATE).

use super::lines::{text_list, Property};
use super::vevent::{property_of, times, Times, Vevent};
use super::zones::{when_value, When, Zones};
use super::{EventError, Options, MAX_EXDATES, MAX_RDATES};
use crate::calendar::event::{EventDraft, EventInput, EventKind};
use crate::calendar::recurrence::Timing;
use crate::{FieldError, Invalid};
use chrono::{Duration, NaiveDateTime, NaiveTime};

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
        description: super::html::plain(&text("DESCRIPTION")),
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
pub(super) type Master = (EventDraft, Vec<NaiveDateTime>, Vec<NaiveDateTime>);

/// Checks one master VEVENT (no RECURRENCE-ID) into a draft, its extra dates and its excluded
/// dates.
pub(super) fn master(
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
