//! A changed occurrence (a VEVENT with RECURRENCE-ID): which date of its series it replaces,
//! its new time or its cancellation, and its own SUMMARY, DESCRIPTION and LOCATION.

use super::vevent::{times, Vevent};
use super::zones::{when_value, When, Zones};
use super::EventError;
use crate::calendar::event::EventDraft;
use crate::calendar::recurrence::{Change, Series};
use crate::FieldError;
use chrono::{Duration, NaiveDateTime};

/// Checks a VEVENT with a RECURRENCE-ID into a change of `draft`'s series.
pub(super) fn change(
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
            crate::calendar::event::MAX_DESCRIPTION,
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
        super::html::plain(&property.text())
    } else {
        property.text()
    };
    let text = crate::validation::bounded_text(field, &raw, 0, max)
        .map_err(|error| event.error(property.line, name.to_owned(), error))?;
    Ok((!text.is_empty() && text != series).then_some(text))
}
