//! The calendar's month, week and agenda views of a space (its children included), filtered by
//! organiser, kind and audience.

use super::{base, entry, long_date, month_title, require, vocabulary_options, Entry, Options};
use crate::permissions::Action;
use crate::service::{self, allows};
use crate::store::EventRow;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use cospace_core::calendar::event::{Audience, EventKind};
use cospace_web::error::PageError;
use cospace_web::kit::SpaceHeader;
use cospace_web::pages::{render, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize, Default)]
pub struct CalendarQuery {
    #[serde(default)]
    view: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    organizer: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    audience: String,
}

/// A day of the month grid.
pub struct Day {
    pub number: u32,
    pub in_month: bool,
    pub today: bool,
    pub entries: Vec<Entry>,
}

/// A day of the agenda or week list.
pub struct DayList {
    pub title: String,
    pub today: bool,
    pub entries: Vec<Entry>,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    slug: String,
    view: String,
    title: String,
    weekdays: Vec<String>,
    weeks: Vec<Vec<Day>>,
    days: Vec<DayList>,
    previous: String,
    next: String,
    today: String,
    view_links: Vec<(String, String, bool)>,
    organizers: Options,
    kinds: Options,
    audiences: Options,
    filter_date: String,
    can_plan: bool,
    count: i64,
    /// When the calendar shows one organiser's events: their feed's address and name.
    organizer_feed: Option<(String, String)>,
}

pub async fn calendar(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<CalendarQuery>,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Read, &base)?;
    let today = Utc::now().date_naive();
    let date = NaiveDate::parse_from_str(&query.date, "%Y-%m-%d").unwrap_or(today);
    let view = match query.view.as_str() {
        "week" | "agenda" => query.view.clone(),
        _ => "month".to_owned(),
    };
    let (first, last, previous, next) = match view.as_str() {
        "week" => {
            let monday = date - Duration::days(i64::from(date.weekday().num_days_from_monday()));
            (
                monday,
                monday + Duration::days(6),
                monday - Duration::days(7),
                monday + Duration::days(7),
            )
        }
        "agenda" => (
            date,
            date + Duration::days(29),
            date - Duration::days(30),
            date + Duration::days(30),
        ),
        _ => {
            let start = service::month_start(date);
            let next = (start + Duration::days(32)).with_day(1).unwrap_or(start);
            let previous = (start - Duration::days(1)).with_day(1).unwrap_or(start);
            (start, next - Duration::days(1), previous, next)
        }
    };
    let scope = service::scope(&state, &context).await?;
    // Occurrences are placed by their own wall-clock date; a day of margin on each side covers
    // every zone.
    let from = first.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc() - Duration::days(1);
    let to = (last + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc()
        + Duration::days(1);
    let window = service::window(&state, &scope, from, to).await?;
    let organizer: Option<i64> = query.organizer.parse().ok();
    let kind = EventKind::parse(&query.kind).ok();
    let audience = Audience::parse(&query.audience).ok();
    let slugs = crate::ics::slugs(&state, scope.iter().map(|s| s.0)).await?;
    let base_of = |row: &EventRow| {
        format!(
            "/spaces/{}/calendar",
            slugs.get(&row.space_id).map(String::as_str).unwrap_or("")
        )
    };
    let mut entries: Vec<Entry> = Vec::new();
    for (index, occurrence) in &window.occurrences {
        let row = window.event(*index);
        let day = occurrence.local_start.date();
        if day < first || day > last {
            continue;
        }
        if organizer.is_some_and(|o| !window.details.organizer_ids(row.id).contains(&o))
            || kind.is_some_and(|k| row.kind != k)
            || audience.is_some_and(|a| !window.details.audience_set(row.id).contains(a))
        {
            continue;
        }
        entries.push(entry(&page, &window, &base_of, *index, occurrence));
    }
    let count = entries.len() as i64;
    let mut by_day: HashMap<NaiveDate, Vec<Entry>> = HashMap::new();
    for e in entries {
        by_day.entry(e.date).or_default().push(e);
    }
    let mut weeks = Vec::new();
    let mut days = Vec::new();
    if view == "month" {
        let mut day = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
        while day <= last {
            let mut week = Vec::new();
            for _ in 0..7 {
                week.push(Day {
                    number: day.day(),
                    in_month: day.month() == first.month(),
                    today: day == today,
                    entries: by_day.remove(&day).unwrap_or_default(),
                });
                day += Duration::days(1);
            }
            weeks.push(week);
        }
    } else {
        let mut day = first;
        while day <= last {
            let entries = by_day.remove(&day).unwrap_or_default();
            if view == "week" || !entries.is_empty() {
                days.push(DayList {
                    title: long_date(&page, day),
                    today: day == today,
                    entries,
                });
            }
            day += Duration::days(1);
        }
    }
    let filters = format!(
        "&organizer={}&kind={}&audience={}",
        query.organizer, query.kind, query.audience
    );
    let link = |view: &str, date: NaiveDate| {
        format!(
            "{base}?view={view}&date={}{filters}",
            date.format("%Y-%m-%d")
        )
    };
    let title = match view.as_str() {
        "month" => month_title(&page, first),
        _ => format!("{} – {}", long_date(&page, first), long_date(&page, last)),
    };
    let organizers = service::organizer_choices(&state, &context).await?;
    let organizer_feed = organizers
        .iter()
        .find(|o| query.organizer == o.id.to_string())
        .map(|o| (format!("{base}/organizations/{}.ics", o.id), o.name.clone()));
    render(&CalendarTemplate {
        organizer_feed,
        header: SpaceHeader::new(&state, &page, &context),
        slug: context.space.slug.clone(),
        title,
        weekdays: (1..=7)
            .map(|d| page.t(&format!("weekday-short-{d}")))
            .collect(),
        weeks,
        days,
        previous: link(&view, previous),
        next: link(&view, next),
        today: link(&view, today),
        view_links: ["month", "week", "agenda"]
            .iter()
            .map(|v| {
                (
                    link(v, date),
                    page.t(&format!("calendar-view-{v}")),
                    *v == view,
                )
            })
            .collect(),
        organizers: organizers
            .iter()
            .map(|o| {
                (
                    o.id.to_string(),
                    o.name.clone(),
                    query.organizer == o.id.to_string(),
                )
            })
            .collect(),
        kinds: vocabulary_options(
            &page,
            EventKind::ALL,
            EventKind::as_str,
            EventKind::label_key,
            std::slice::from_ref(&query.kind),
        ),
        audiences: vocabulary_options(
            &page,
            Audience::ALL,
            Audience::as_str,
            Audience::label_key,
            std::slice::from_ref(&query.audience),
        ),
        filter_date: date.format("%Y-%m-%d").to_string(),
        can_plan: allows(&context, Action::Plan),
        view,
        count,
        base,
        page,
    })
}
