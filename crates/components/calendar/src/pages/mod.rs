//! The HTML pages of the calendar, one file per page group: the month, week and agenda views
//! (`views`), an event's page with joining and changing one date (`event`), the planning form
//! and its submissions with live clash warnings (`form`, `plan`), the coordination page
//! (`coordination`) and the indicators with their charts and CSV (`indicators`). Here: what
//! they share — the read-guard, dates and times as people read them, a listed occurrence, a
//! clash's reason, periods. Every page works without JavaScript.

mod coordination;
mod event;
mod form;
mod indicators;
mod plan;
mod views;

pub use coordination::coordination;
pub use event::{cancel_event, change_occurrence, event, join_event};
pub use form::{edit_event_form, new_event_form, FormValues};
pub use indicators::{indicators_csv, indicators_page};
pub use plan::{clash_check, create_event, edit_event};
pub use views::calendar;

use crate::permissions::Action;
use crate::service::{self, allows, Window};
use crate::store::EventRow;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use cospace_core::calendar::clash::Place;
use cospace_core::calendar::event::{AudienceSet, EventStatus};
use cospace_core::calendar::indicators::is_common;
use cospace_core::calendar::recurrence::Occurrence;
use cospace_core::calendar::report;
use cospace_web::error::PageError;
use cospace_web::pages::Page;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use serde::Deserialize;

pub use crate::indicators::instant;

pub(crate) fn base(context: &SpaceContext) -> String {
    format!("/spaces/{}/calendar", context.space.slug)
}

pub(crate) fn require(context: &SpaceContext, action: Action, here: &str) -> Result<(), PageError> {
    context.require_that(allows(context, action), here)
}

/// The guard of an event's editing pages: the event as seen from `context`, when the reader may
/// edit it (the use cases' own rule, `service::may_edit`); anyone else is refused before a form
/// or a clash report is shown.
pub(crate) async fn editable_event(
    state: &AppState,
    context: &SpaceContext,
    id: i64,
) -> Result<EventRow, PageError> {
    let event = service::event_in(state, context, id).await?;
    if !service::may_edit(state, context, &event).await? {
        return Err(PageError::Forbidden);
    }
    Ok(event)
}

/// Options of a select: (value, label, selected).
pub(crate) type Options = Vec<(String, String, bool)>;

pub(crate) fn vocabulary_options<T: Copy>(
    page: &Page,
    all: &[T],
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
    selected: &[String],
) -> Options {
    all.iter()
        .map(|v| {
            let code = value(*v);
            (
                code.to_owned(),
                page.t(&label(*v)),
                selected.iter().any(|s| s == code),
            )
        })
        .collect()
}

/// A date as people read it: "Tue 13 January 2026".
pub fn long_date(page: &Page, date: NaiveDate) -> String {
    format!(
        "{} {} {} {}",
        page.t(&format!(
            "weekday-short-{}",
            date.weekday().number_from_monday()
        )),
        date.day(),
        page.t(&format!("month-genitive-{}", date.month())),
        date.year()
    )
}

pub(crate) fn month_title(page: &Page, date: NaiveDate) -> String {
    format!(
        "{} {}",
        page.t(&format!("month-{}", date.month())),
        date.year()
    )
}

/// When an occurrence happens, in its own zone's wall-clock time.
pub fn when(page: &Page, row: &EventRow, occurrence: &Occurrence) -> String {
    let start = occurrence.local_start;
    let end = occurrence.local_end;
    if row.all_day {
        let last = (end - Duration::days(1)).date().max(start.date());
        if last == start.date() {
            return format!(
                "{} · {}",
                long_date(page, start.date()),
                page.t("calendar-all-day")
            );
        }
        return format!(
            "{} – {} · {}",
            long_date(page, start.date()),
            long_date(page, last),
            page.t("calendar-all-day")
        );
    }
    if start.date() == end.date() {
        format!(
            "{}, {}–{} ({})",
            long_date(page, start.date()),
            start.format("%H:%M"),
            end.format("%H:%M"),
            row.time_zone
        )
    } else {
        format!(
            "{}, {} – {}, {} ({})",
            long_date(page, start.date()),
            start.format("%H:%M"),
            long_date(page, end.date()),
            end.format("%H:%M"),
            row.time_zone
        )
    }
}

/// An occurrence as the views list it.
pub struct Entry {
    pub href: String,
    pub title: String,
    pub time: String,
    pub kind: String,
    pub place: String,
    pub organizers: String,
    pub common: bool,
    pub cancelled: bool,
    pub date: NaiveDate,
}

pub(crate) fn entry(
    page: &Page,
    window: &Window,
    base_of: &dyn Fn(&EventRow) -> String,
    index: usize,
    occurrence: &Occurrence,
) -> Entry {
    let row = window.event(index);
    let organizers = window
        .details
        .organizers
        .get(&row.id)
        .cloned()
        .unwrap_or_default();
    Entry {
        href: format!("{}/events/{}", base_of(row), row.id),
        // A changed date may have its own title and place.
        title: occurrence
            .title
            .clone()
            .unwrap_or_else(|| row.title.clone()),
        time: if row.all_day {
            page.t("calendar-all-day")
        } else {
            occurrence.local_start.format("%H:%M").to_string()
        },
        kind: page.t(&row.kind.label_key()),
        place: occurrence.address.clone().unwrap_or_else(|| row.place()),
        organizers: organizers
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        common: is_common(&organizers.iter().map(|(id, _)| *id).collect::<Vec<_>>()),
        cancelled: occurrence.cancelled || row.status == EventStatus::Cancelled,
        date: occurrence.local_start.date(),
    }
}

/// A clash as the form and the coordination page show it.
pub struct ClashRow {
    pub other_title: String,
    pub other_href: String,
    pub other_id: i64,
    pub when: String,
    pub reason: String,
    pub organizers: String,
}

pub fn reason(page: &Page, place: Option<Place>, audiences: AudienceSet) -> String {
    let mut parts = Vec::new();
    match place {
        Some(Place::SameVenue) => parts.push(page.t("clash-same-venue")),
        Some(Place::Nearby { metres }) => {
            parts.push(page.ta("clash-nearby", "metres", &metres.to_string()))
        }
        None => {}
    }
    if !audiences.is_empty() {
        let names: Vec<String> = audiences
            .audiences()
            .iter()
            .map(|a| page.t(&a.label_key()))
            .collect();
        parts.push(page.ta("clash-same-audience", "audiences", &names.join(", ")));
    }
    parts.join(" · ")
}

#[derive(Deserialize, Default)]
pub struct PeriodQuery {
    #[serde(default)]
    pub(crate) from: String,
    #[serde(default)]
    pub(crate) to: String,
    #[serde(default)]
    pub(crate) distance: String,
}

/// The two dates of a period query, each blank (absent) or `YYYY-MM-DD`.
pub(crate) fn query_dates(
    query_from: &str,
    query_to: &str,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>), PageError> {
    let date = |text: &str| report::query_date(text).map_err(|e| PageError::BadRequest(e.key()));
    Ok((date(query_from)?, date(query_to)?))
}

/// A period of whole days, `[from, to]`, from query text (defaults: this month and the next).
pub fn period(query_from: &str, query_to: &str) -> Result<(NaiveDate, NaiveDate), PageError> {
    let (from, to) = query_dates(query_from, query_to)?;
    report::coordination_period(from, to, Utc::now().date_naive())
        .map_err(|e| PageError::BadRequest(e.key()))
}

/// The period of the indicators: by default the current calendar year.
pub fn year_period(query_from: &str, query_to: &str) -> Result<(NaiveDate, NaiveDate), PageError> {
    let (from, to) = query_dates(query_from, query_to)?;
    report::year_period(from, to, Utc::now().date_naive())
        .map_err(|e| PageError::BadRequest(e.key()))
}
