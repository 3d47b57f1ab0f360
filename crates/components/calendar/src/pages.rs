//! The HTML pages of the calendar: month, week and agenda views with filters; an event's page
//! (joining as co-organiser); the planning form with its clash warnings; the coordination page;
//! the indicators with their chart. Every page works without JavaScript.

use crate::permissions::Action;
use crate::service::{self, allows, ClashFound, DraftClash, ServiceError, Window};
use crate::store::{self, EventRow};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use cospace_core::calendar::clash::{Place, Rules};
use cospace_core::calendar::event::{
    Audience, AudienceSet, EventDraft, EventInput, EventKind, EventStatus,
};
use cospace_core::calendar::indicators::{self, Happening, MonthFigures};
use cospace_core::calendar::recurrence::{Occurrence, Repeat};
use cospace_core::Invalid;
use cospace_web::error::PageError;
use cospace_web::pages::{redirect_with_flash, render, render_form, FormErrors, Page};
use cospace_web::platform::spaces::SpaceHeader;
use cospace_web::platform::FormData;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use serde::Deserialize;
use std::collections::HashMap;

pub(crate) fn base(context: &SpaceContext) -> String {
    format!("/spaces/{}/calendar", context.space.slug)
}

fn require(context: &SpaceContext, action: Action, here: &str) -> Result<(), PageError> {
    context.require_that(allows(context, action), here)
}

/// Options of a select: (value, label, selected).
type Options = Vec<(String, String, bool)>;

fn vocabulary_options<T: Copy>(
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

fn month_title(page: &Page, date: NaiveDate) -> String {
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

fn entry(
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
        kind: page.t(&EventKind::parse(&row.kind)
            .unwrap_or(EventKind::Other)
            .label_key()),
        place: occurrence.address.clone().unwrap_or_else(|| row.place()),
        organizers: organizers
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        common: indicators::is_common(&organizers.iter().map(|(id, _)| *id).collect::<Vec<_>>()),
        cancelled: occurrence.cancelled || row.status() == EventStatus::Cancelled,
        date: occurrence.local_start.date(),
    }
}

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
    pub date: NaiveDate,
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
    let slugs = crate::ics::slugs(&state).await?;
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
            || kind.is_some_and(|k| k.as_str() != row.kind)
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
                    date: day,
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

/// The values a form shows (what was typed, when re-rendered).
#[derive(Default, Clone)]
pub struct FormValues {
    pub input: EventInput,
}

impl FormValues {
    pub fn has_organizer(&self, id: &i64) -> bool {
        self.input
            .organizers
            .iter()
            .any(|o| o.trim() == id.to_string())
    }

    pub fn has_audience(&self, code: &str) -> bool {
        self.input.audiences.iter().any(|a| a == code)
    }

    pub fn all_day(&self) -> bool {
        self.input.all_day.as_deref().is_some_and(|v| !v.is_empty())
    }
}

pub fn event_input(form: &FormData) -> EventInput {
    EventInput {
        title: form.get("title").to_owned(),
        description: form.get("description").to_owned(),
        kind: form.get("kind").to_owned(),
        time_zone: form.get("time_zone").to_owned(),
        all_day: Some(form.get("all_day").to_owned()).filter(|v| !v.is_empty()),
        start_date: form.get("start_date").to_owned(),
        start_time: form.get("start_time").to_owned(),
        end_date: form.get("end_date").to_owned(),
        end_time: form.get("end_time").to_owned(),
        repeat: form.get("repeat").to_owned(),
        repeat_ends: form.get("repeat_ends").to_owned(),
        repeat_count: form.get("repeat_count").to_owned(),
        repeat_until: form.get("repeat_until").to_owned(),
        rrule: form.get("rrule").to_owned(),
        venue: form.get("venue").to_owned(),
        address: form.get("address").to_owned(),
        lat: form.get("lat").to_owned(),
        lon: form.get("lon").to_owned(),
        organizers: form.all("organizers"),
        audiences: form.all("audiences"),
        expected_participants: form.get("expected_participants").to_owned(),
        actual_participants: form.get("actual_participants").to_owned(),
        status: form.get("status").to_owned(),
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

fn draft_clash_rows(page: &Page, base: &str, clashes: &[DraftClash]) -> Vec<ClashRow> {
    clashes
        .iter()
        .map(|c| ClashRow {
            other_title: c.other.title.clone(),
            other_href: format!("{base}/events/{}", c.other.id),
            other_id: c.other.id,
            when: when(page, &c.other, &c.occurrence),
            reason: reason(page, c.place, c.audiences),
            organizers: c
                .other_organizers
                .iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "event_form.html")]
struct EventFormTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    heading: String,
    action: String,
    values: FormValues,
    errors: FormErrors,
    kinds: Options,
    statuses: Options,
    audiences: Options,
    repeats: Options,
    /// The organisations the planner may name as organisers.
    organizers: Vec<store::Organizer>,
    venues: Vec<store::Venue>,
    venue: String,
    clashes: Vec<ClashRow>,
    /// The organisation the planner would join a clashing event for.
    joining_as: Vec<store::Organizer>,
    zones: Vec<&'static str>,
}

/// The zones offered first; any IANA name may be typed.
const COMMON_ZONES: &[&str] = &[
    "Europe/Warsaw",
    "Europe/London",
    "Europe/Paris",
    "Europe/Madrid",
    "Africa/Nairobi",
    "America/Recife",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Asia/Kolkata",
    "UTC",
];

#[allow(clippy::too_many_arguments)]
async fn event_form(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    heading_key: &str,
    action: String,
    values: FormValues,
    errors: Invalid,
    clashes: Vec<ClashRow>,
) -> Result<Response, PageError> {
    let invalid = !errors.is_empty();
    let joining_as = service::my_organizations_here(state, context).await?;
    // Space admins name any organisation of the space; anyone else names their own (the ones
    // already on an edited event stay) and invites the others from the event's page.
    let name_any = allows(context, Action::Manage);
    let organizers: Vec<_> = service::organizer_choices(state, context)
        .await?
        .into_iter()
        .filter(|o| {
            name_any || values.has_organizer(&o.id) || joining_as.iter().any(|m| m.id == o.id)
        })
        .collect();
    let input = &values.input;
    let template = EventFormTemplate {
        header: SpaceHeader::new(state, &page, context),
        base: base(context),
        heading: page.t(heading_key),
        action,
        kinds: vocabulary_options(
            &page,
            EventKind::ALL,
            EventKind::as_str,
            EventKind::label_key,
            std::slice::from_ref(&input.kind),
        ),
        statuses: vocabulary_options(
            &page,
            EventStatus::ALL,
            EventStatus::as_str,
            EventStatus::label_key,
            std::slice::from_ref(&input.status),
        ),
        audiences: vocabulary_options(
            &page,
            Audience::ALL,
            Audience::as_str,
            Audience::label_key,
            &input.audiences,
        ),
        repeats: Repeat::ALL
            .iter()
            .map(|(_, code)| {
                (
                    code.to_string(),
                    page.t(&format!("repeat-{}", code.replace('_', "-"))),
                    input.repeat == *code,
                )
            })
            .chain(std::iter::once((
                "custom".to_owned(),
                page.t("repeat-custom"),
                input.repeat == "custom",
            )))
            .collect(),
        organizers,
        venues: service::venue_choices(state, context).await?,
        venue: input.venue.clone(),
        errors: FormErrors(errors),
        clashes,
        joining_as,
        zones: COMMON_ZONES.to_vec(),
        values,
        page,
    };
    render_form(&template, invalid)
}

pub async fn new_event_form(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    let action = format!("{}/events/new", base(&context));
    require(&context, Action::Plan, &action)?;
    let mine = service::my_organizations_here(&state, &context).await?;
    let values = FormValues {
        input: EventInput {
            time_zone: "Europe/Warsaw".to_owned(),
            kind: "action".to_owned(),
            start_date: (Utc::now().date_naive() + Duration::days(7))
                .format("%Y-%m-%d")
                .to_string(),
            start_time: "17:00".to_owned(),
            end_time: "19:00".to_owned(),
            organizers: mine
                .first()
                .map(|o| vec![o.id.to_string()])
                .unwrap_or_default(),
            ..EventInput::default()
        },
    };
    event_form(
        &state,
        page,
        &context,
        "event-new",
        action,
        values,
        Invalid::default(),
        Vec::new(),
    )
    .await
}

/// What happened to a submitted plan.
enum Checked {
    Invalid(Invalid),
    Clashes(Vec<DraftClash>),
    Ready(Box<EventDraft>),
}

async fn check(
    state: &AppState,
    context: &SpaceContext,
    form: &FormData,
    editing: Option<i64>,
) -> Result<Checked, PageError> {
    let input = event_input(form);
    let draft = match EventDraft::parse(&input) {
        Ok(draft) => draft,
        Err(invalid) => return Ok(Checked::Invalid(invalid)),
    };
    let actor = context.signed_in_user(&base(context))?;
    let editing_row = match editing {
        Some(id) => Some(store::event(&state.db, id).await?),
        None => None,
    };
    let venue_point =
        match service::check_references(state, context, &actor, &draft, editing_row.as_ref()).await
        {
            Ok(point) => point,
            Err(ServiceError::Invalid(invalid)) => return Ok(Checked::Invalid(invalid)),
            Err(other) => return Err(other.into()),
        };
    if form.get("confirm_clashes").is_empty() {
        let clashes =
            service::clashes_for_draft(state, context, &draft, venue_point, editing).await?;
        if !clashes.is_empty() {
            return Ok(Checked::Clashes(clashes));
        }
    }
    Ok(Checked::Ready(Box::new(draft)))
}

pub async fn create_event(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    let action = format!("{}/events/new", base(&context));
    require(&context, Action::Plan, &action)?;
    submit_plan(&state, page, &context, &form, action, None).await
}

/// Planning a new event (`editing` is `None`) or changing one: validate, warn of clashes
/// unless they were acknowledged, then save; the form comes back with whatever stopped it.
async fn submit_plan(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    form: &FormData,
    action: String,
    editing: Option<&EventRow>,
) -> Result<Response, PageError> {
    let base = base(context);
    let actor = context.signed_in_user(&action)?;
    let heading = if editing.is_some() {
        "event-edit"
    } else {
        "event-new"
    };
    let values = FormValues {
        input: event_input(form),
    };
    let (invalid, clashes) = match check(state, context, form, editing.map(|e| e.id)).await? {
        Checked::Invalid(invalid) => (invalid, Vec::new()),
        Checked::Clashes(clashes) => (Invalid::default(), draft_clash_rows(&page, &base, &clashes)),
        Checked::Ready(draft) => {
            let saved = match editing {
                None => service::create_event(state, context, &actor, &draft)
                    .await
                    .map(|id| (id, "flash-event-planned")),
                Some(event) => service::update_event(state, context, &actor, event, &draft)
                    .await
                    .map(|()| (event.id, "flash-event-saved")),
            };
            match saved {
                Ok((id, flash)) => {
                    return Ok(redirect_with_flash(
                        state,
                        &format!("{base}/events/{id}"),
                        flash,
                    ))
                }
                Err(ServiceError::Invalid(invalid)) => (invalid, Vec::new()),
                Err(other) => return Err(other.into()),
            }
        }
    };
    event_form(
        state, page, context, heading, action, values, invalid, clashes,
    )
    .await
}

#[derive(Template)]
#[template(path = "clash_check.html")]
struct ClashCheckTemplate {
    page: Page,
    clashes: Vec<ClashRow>,
    joining_as: Vec<store::Organizer>,
    checked: bool,
}

/// `POST …/calendar/clash-check`: the form's live warning (the script posts the form as it is
/// filled in and shows this fragment). Invalid input just shows nothing yet.
pub async fn clash_check(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Plan, &format!("{base}/events/new"))?;
    let editing: Option<i64> = form.get("editing").parse().ok();
    let (clashes, checked) = match check(&state, &context, &form, editing).await? {
        Checked::Clashes(clashes) => (draft_clash_rows(&page, &base, &clashes), true),
        Checked::Ready(_) => (Vec::new(), true),
        Checked::Invalid(_) => (Vec::new(), false),
    };
    let joining_as = service::my_organizations_here(&state, &context).await?;
    render(&ClashCheckTemplate {
        page,
        clashes,
        joining_as,
        checked,
    })
}

/// The input a stored event was made from, for its edit form.
fn input_of(event: &EventRow, details: &store::Details) -> EventInput {
    let timing = event.timing();
    let (start, end) = (timing.local_start(), timing.local_end());
    let end_shown = if event.all_day {
        end - Duration::days(1)
    } else {
        end
    };
    EventInput {
        title: event.title.clone(),
        description: event.description.clone(),
        kind: event.kind.clone(),
        time_zone: event.time_zone.clone(),
        all_day: event.all_day.then(|| "on".to_owned()),
        start_date: start.format("%Y-%m-%d").to_string(),
        start_time: if event.all_day {
            String::new()
        } else {
            start.format("%H:%M").to_string()
        },
        end_date: end_shown.format("%Y-%m-%d").to_string(),
        end_time: if event.all_day {
            String::new()
        } else {
            end.format("%H:%M").to_string()
        },
        repeat: if event.rrule.is_some() {
            "custom".to_owned()
        } else {
            String::new()
        },
        rrule: event.rrule.clone().unwrap_or_default(),
        venue: event.venue_id.map(|v| v.to_string()).unwrap_or_default(),
        address: event.address.clone(),
        lat: event.lat.map(|v| v.to_string()).unwrap_or_default(),
        lon: event.lon.map(|v| v.to_string()).unwrap_or_default(),
        organizers: details
            .organizer_ids(event.id)
            .iter()
            .map(|id| id.to_string())
            .collect(),
        audiences: details
            .audiences
            .get(&event.id)
            .into_iter()
            .flatten()
            .map(|a| a.as_str().to_owned())
            .collect(),
        expected_participants: event
            .expected_participants
            .map(|v| v.to_string())
            .unwrap_or_default(),
        actual_participants: event
            .actual_participants
            .map(|v| v.to_string())
            .unwrap_or_default(),
        status: event.status.clone(),
        ..EventInput::default()
    }
}

pub async fn edit_event_form(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let action = format!("{}/events/{id}/edit", base(&context));
    require(&context, Action::Plan, &action)?;
    let event = service::event_in(&state, &context, id).await?;
    if !service::may_edit(&state, &context, &event).await? {
        return Err(PageError::Forbidden);
    }
    let details = store::details(&state.db, &[id]).await?;
    let values = FormValues {
        input: input_of(&event, &details),
    };
    event_form(
        &state,
        page,
        &context,
        "event-edit",
        action,
        values,
        Invalid::default(),
        Vec::new(),
    )
    .await
}

pub async fn edit_event(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let action = format!("{}/events/{id}/edit", base(&context));
    require(&context, Action::Plan, &action)?;
    context.signed_in_user(&action)?;
    let event = service::event_in(&state, &context, id).await?;
    // Refused before the draft is checked, as the form is: someone who may not edit the
    // event gets no clash report or re-rendered form for it.
    if !service::may_edit(&state, &context, &event).await? {
        return Err(PageError::Forbidden);
    }
    submit_plan(&state, page, &context, &form, action, Some(&event)).await
}

/// One of the next dates of a series on its page, with what its change form starts from.
pub struct UpcomingDate {
    label: String,
    key: String,
    changed: bool,
    cancelled: bool,
    /// The date's own title and description, when a change gave it one.
    title: Option<String>,
    description: Option<String>,
    start_date: String,
    start_time: String,
    end_time: String,
}

#[derive(Template)]
#[template(path = "event.html")]
struct EventTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    event: EventRow,
    kind: String,
    status: String,
    cancelled: bool,
    when: String,
    rule: Option<String>,
    /// Next dates.
    upcoming: Vec<UpcomingDate>,
    recurring: bool,
    place: String,
    venue_href: Option<String>,
    organizers: Vec<(i64, String)>,
    /// Links to the organisers' pages, where the component that shows them is enabled.
    organizer_hrefs: std::collections::HashMap<i64, String>,
    common: bool,
    audiences: Vec<String>,
    description: Vec<String>,
    can_edit: bool,
    joinable: Vec<store::Organizer>,
    clashes: Vec<ClashRow>,
    /// Meetings and series have a page of their meetings with agenda, minutes and outcomes.
    has_meetings: bool,
    invitable: Vec<store::Organizer>,
    invited: Vec<(i64, String)>,
}

pub async fn event(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Read, &format!("{base}/events/{id}"))?;
    let event = service::event_in(&state, &context, id).await?;
    let details = store::details(&state.db, &[id]).await?;
    let rule = event.rule();
    let series = store::series(&event, rule.as_ref(), &details);
    let now = Utc::now();
    let first_start = event.zone().to_utc(event.timing().local_start());
    let from = if rule.is_some() {
        now.min(first_start)
    } else {
        first_start - Duration::days(1)
    };
    let occurrences = series.occurrences(from, from + Duration::days(800));
    let first = occurrences
        .iter()
        .find(|o| o.end >= now)
        .or(occurrences.first())
        .cloned()
        .unwrap_or(Occurrence {
            recurrence_id: event.timing().local_start(),
            start: first_start,
            end: first_start,
            local_start: event.timing().local_start(),
            local_end: event.timing().local_end(),
            changed: false,
            cancelled: false,
            title: None,
            description: None,
            address: None,
        });
    let organizers = details.organizers.get(&id).cloned().unwrap_or_default();
    let can_edit = service::may_edit(&state, &context, &event).await?;
    let joinable = if allows(&context, Action::Plan) {
        service::my_organizations_here(&state, &context)
            .await?
            .into_iter()
            .filter(|o| !organizers.iter().any(|(id, _)| *id == o.id))
            .collect()
    } else {
        Vec::new()
    };
    // Clashes of this event over the next year, as the coordination page finds them.
    let clash_from = now.min(first.start);
    let scope = service::clash_scope(&state, &context).await?;
    let window =
        service::window(&state, &scope, clash_from, clash_from + Duration::days(366)).await?;
    let clashes = service::clashes(&window, Rules::default());
    let clash_rows: Vec<ClashRow> = clashes
        .iter()
        .filter_map(|c| {
            let (a, b) = (&window.occurrences[c.first], &window.occurrences[c.second]);
            let (mine, other) = if window.event(a.0).id == id {
                (a, b)
            } else if window.event(b.0).id == id {
                (b, a)
            } else {
                return None;
            };
            let _ = mine;
            let row = window.event(other.0);
            Some(ClashRow {
                other_title: row.title.clone(),
                other_href: format!("{base}/events/{}", row.id),
                other_id: row.id,
                when: when(&page, row, &other.1),
                reason: reason(&page, c.place, c.audiences),
                organizers: window
                    .details
                    .organizers
                    .get(&row.id)
                    .map(|o| {
                        o.iter()
                            .map(|(_, n)| n.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default(),
            })
        })
        .take(20)
        .collect();
    let upcoming = occurrences
        .iter()
        .filter(|o| o.end >= now)
        .take(8)
        .map(|o| UpcomingDate {
            label: when(&page, &event, o),
            key: crate::meetings::occurrence_key(o.recurrence_id),
            changed: o.changed,
            cancelled: o.cancelled,
            title: o.title.clone(),
            description: o.description.clone(),
            start_date: o.local_start.format("%Y-%m-%d").to_string(),
            start_time: o.local_start.format("%H:%M").to_string(),
            end_time: o.local_end.format("%H:%M").to_string(),
        })
        .collect();
    render(&EventTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        kind: page.t(&EventKind::parse(&event.kind)
            .unwrap_or(EventKind::Other)
            .label_key()),
        status: page.t(&event.status().label_key()),
        cancelled: event.status() == EventStatus::Cancelled,
        when: when(&page, &event, &first),
        rule: event.rrule.clone(),
        upcoming,
        recurring: event.rrule.is_some() || details.rdates.contains_key(&id),
        place: event.place(),
        venue_href: event
            .venue_id
            .and_then(|v| crate::lookups::venue_href(&state, &context, v)),
        common: indicators::is_common(&organizers.iter().map(|(id, _)| *id).collect::<Vec<_>>()),
        audiences: details
            .audiences
            .get(&id)
            .into_iter()
            .flatten()
            .map(|a| page.t(&a.label_key()))
            .collect(),
        description: event.description.lines().map(str::to_owned).collect(),
        organizer_hrefs: crate::lookups::organization_hrefs(&state, &context, &organizers),
        organizers,
        can_edit,
        joinable,
        clashes: clash_rows,
        has_meetings: event.kind == "meeting" || event.rrule.is_some(),
        invitable: if can_edit {
            service::organizer_choices(&state, &context).await?
        } else {
            Vec::new()
        },
        invited: crate::meetings::invitations(&state.db, id).await?,
        base,
        event,
        page,
    })
}

pub async fn join_event(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let base = base(&context);
    let here = format!("{base}/events/{id}");
    require(&context, Action::Plan, &here)?;
    let actor = context.signed_in_user(&here)?;
    let event = service::event_in(&state, &context, id).await?;
    let organization: i64 = form
        .get("organization")
        .parse()
        .map_err(|_| PageError::BadRequest("error-invalid"))?;
    let added = service::join_event(&state, &context, &actor, &event, organization).await?;
    let flash = if added {
        "flash-event-joined"
    } else {
        "flash-event-already-organizer"
    };
    Ok(redirect_with_flash(&state, &here, flash))
}

pub async fn cancel_event(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let base = base(&context);
    let here = format!("{base}/events/{id}");
    require(&context, Action::Plan, &here)?;
    let actor = context.signed_in_user(&here)?;
    let event = service::event_in(&state, &context, id).await?;
    service::cancel_event(&state, &context, &actor, &event).await?;
    Ok(redirect_with_flash(&state, &here, "flash-event-cancelled"))
}

#[derive(Deserialize, Default)]
pub struct PeriodQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    distance: String,
}

/// A period of whole days, `[from, to]`, from query text (defaults: this month and the next).
pub fn period(query_from: &str, query_to: &str) -> Result<(NaiveDate, NaiveDate), PageError> {
    let today = Utc::now().date_naive();
    let from = if query_from.is_empty() {
        service::month_start(today)
    } else {
        NaiveDate::parse_from_str(query_from, "%Y-%m-%d")
            .map_err(|_| PageError::BadRequest("error-date"))?
    };
    let to = if query_to.is_empty() {
        (from + Duration::days(62)).with_day(1).unwrap_or(from) - Duration::days(1)
    } else {
        NaiveDate::parse_from_str(query_to, "%Y-%m-%d")
            .map_err(|_| PageError::BadRequest("error-date"))?
    };
    if to < from || (to - from).num_days() > 400 {
        return Err(PageError::BadRequest("error-period"));
    }
    Ok((from, to))
}

pub fn instant(date: NaiveDate) -> chrono::DateTime<Utc> {
    date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// A clash on the coordination page: both sides, why, and who could join whom.
pub struct CoordinationRow {
    pub date: String,
    pub first: (String, String, String, String),
    pub second: (String, String, String, String),
    pub reason: String,
    /// The event the later-planned one's organisers could join.
    pub join_target: i64,
    pub join_href: String,
    pub suggestion: String,
    /// Organisations the reader administers that could join it.
    pub can_join_as: Vec<store::Organizer>,
}

#[derive(Template)]
#[template(path = "coordination.html")]
struct CoordinationTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    from: String,
    to: String,
    distance: String,
    rows: Vec<CoordinationRow>,
    common: Vec<Entry>,
    clash_count: i64,
    common_count: i64,
}

pub async fn coordination(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Read, &format!("{base}/coordination"))?;
    let (from, to) = period(&query.from, &query.to)?;
    let distance = if query.distance.is_empty() {
        Rules::default().distance_m
    } else {
        query
            .distance
            .parse::<f64>()
            .ok()
            .filter(|d| (0.0..=5000.0).contains(d))
            .ok_or(PageError::BadRequest("error-distance"))?
    };
    let scope = service::scope(&state, &context).await?;
    let window = service::window(
        &state,
        &scope,
        instant(from),
        instant(to + Duration::days(1)),
    )
    .await?;
    let clashes = service::clashes(
        &window,
        Rules {
            distance_m: distance,
        },
    );
    let slugs = crate::ics::slugs(&state).await?;
    let base_of = |row: &EventRow| {
        format!(
            "/spaces/{}/calendar",
            slugs.get(&row.space_id).map(String::as_str).unwrap_or("")
        )
    };
    let mine = service::my_organizations_here(&state, &context).await?;
    let side = |index: usize, occurrence: &Occurrence| {
        let row = window.event(index);
        (
            row.title.clone(),
            format!("{}/events/{}", base_of(row), row.id),
            when(&page, row, occurrence),
            window
                .details
                .organizers
                .get(&row.id)
                .map(|o| {
                    o.iter()
                        .map(|(_, n)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default(),
        )
    };
    let rows: Vec<CoordinationRow> = clashes
        .iter()
        .take(500)
        .map(|c: &ClashFound| {
            let (a, b) = (&window.occurrences[c.first], &window.occurrences[c.second]);
            // The event planned first is the one to join.
            let (earlier, later) = if window.event(a.0).created_at <= window.event(b.0).created_at {
                (a, b)
            } else {
                (b, a)
            };
            let target = window.event(earlier.0);
            let joiner = window.event(later.0);
            let joiner_orgs = window.details.organizer_ids(joiner.id);
            let target_orgs = window.details.organizer_ids(target.id);
            CoordinationRow {
                date: long_date(&page, a.1.local_start.date()),
                first: side(a.0, &a.1),
                second: side(b.0, &b.1),
                reason: reason(&page, c.place, c.audiences),
                join_target: target.id,
                join_href: format!("{}/events/{}/join", base_of(target), target.id),
                suggestion: page.l.targs(
                    "coordination-suggestion",
                    &[
                        ("later", joiner.title.clone()),
                        ("earlier", target.title.clone()),
                    ],
                ),
                can_join_as: mine
                    .iter()
                    .filter(|o| joiner_orgs.contains(&o.id) && !target_orgs.contains(&o.id))
                    .cloned()
                    .collect(),
            }
        })
        .collect();
    let common: Vec<Entry> = window
        .occurrences
        .iter()
        .filter(|(index, o)| {
            let d = o.local_start.date();
            d >= from
                && d <= to
                && indicators::is_common(&window.details.organizer_ids(window.event(*index).id))
        })
        .map(|(index, o)| entry(&page, &window, &base_of, *index, o))
        .collect();
    render(&CoordinationTemplate {
        clash_count: clashes.len() as i64,
        common_count: common.len() as i64,
        header: SpaceHeader::new(&state, &page, &context),
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
        distance: format!("{distance:.0}"),
        rows,
        common,
        base,
        page,
    })
}

/// The monthly figures of a space (its children included) for the months of `[from, to]`.
pub async fn figures(
    state: &AppState,
    context: &SpaceContext,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MonthFigures>, cospace_store::StoreError> {
    let scope = service::scope(state, context).await?;
    let window = service::window(
        state,
        &scope,
        instant(from) - Duration::days(1),
        instant(to + Duration::days(2)),
    )
    .await?;
    let happenings: Vec<Happening> = window
        .occurrences
        .iter()
        .filter(|(index, o)| {
            !o.cancelled && window.event(*index).status() != EventStatus::Cancelled
        })
        .filter(|(_, o)| o.local_start.date() >= from && o.local_start.date() <= to)
        .map(|(index, o)| {
            let row = window.event(*index);
            Happening {
                date: o.local_start.date(),
                organizers: window.details.organizer_ids(row.id),
                participants: row
                    .actual_participants
                    .or(row.expected_participants)
                    .unwrap_or(0)
                    .clamp(0, i64::from(u32::MAX)) as u32,
            }
        })
        .collect();
    Ok(indicators::monthly(&happenings, from, to))
}

/// One bar group of the chart, positioned for the SVG.
pub struct Bar {
    pub label: String,
    pub x: u32,
    pub events_y: u32,
    pub events_h: u32,
    pub common_y: u32,
    pub common_h: u32,
    pub events_label: String,
    pub common_label: String,
    pub figures: MonthFigures,
}

#[derive(Template)]
#[template(path = "indicators.html")]
struct IndicatorsTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    slug: String,
    from: String,
    to: String,
    bars: Vec<Bar>,
    axis_max: u64,
    width: u32,
    totals: MonthFigures,
    /// Participants and organisations involved, a chart each.
    more_charts: Vec<SeriesChart>,
}

/// A one-series bar chart, positioned for the SVG.
pub struct SeriesChart {
    pub id: String,
    pub title: String,
    pub axis_max: u64,
    pub fill: &'static str,
    /// (month label, x, y, height, the bar's title).
    pub bars: Vec<(String, u32, u32, u32, String)>,
}

fn series_chart(
    page: &Page,
    id: &str,
    title_key: &str,
    fill: &'static str,
    figures: &[MonthFigures],
    value: impl Fn(&MonthFigures) -> u64,
    bar_key: &str,
) -> SeriesChart {
    let axis = indicators::nice_ceiling(figures.iter().map(&value).max().unwrap_or(0));
    SeriesChart {
        id: id.to_owned(),
        title: page.t(title_key),
        axis_max: axis,
        fill,
        bars: figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let v = value(f);
                let h = ((v * u64::from(CHART_HEIGHT)) / axis) as u32;
                let label = format!(
                    "{} {}",
                    page.t(&format!("month-short-{}", f.month)),
                    f.year % 100
                );
                let title = format!("{label}: {}", page.tn(bar_key, &(v as i64)));
                (
                    label,
                    50 + i as u32 * 48 + 10,
                    20 + CHART_HEIGHT - h,
                    h,
                    title,
                )
            })
            .collect(),
    }
}

pub const CHART_HEIGHT: u32 = 200;

pub fn bars(page: &Page, figures: &[MonthFigures]) -> (Vec<Bar>, u64) {
    let max = figures
        .iter()
        .map(|f| u64::from(f.events))
        .max()
        .unwrap_or(0);
    let axis = indicators::nice_ceiling(max);
    let scale = |v: u32| ((u64::from(v) * u64::from(CHART_HEIGHT)) / axis) as u32;
    let bars = figures
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let (events_h, common_h) = (scale(f.events), scale(f.common_actions));
            Bar {
                label: format!(
                    "{} {}",
                    page.t(&format!("month-short-{}", f.month)),
                    f.year % 100
                ),
                x: 50 + i as u32 * 48,
                events_y: 20 + CHART_HEIGHT - events_h,
                events_h,
                common_y: 20 + CHART_HEIGHT - common_h,
                common_h,
                events_label: page.tn("indicators-events-n", &i64::from(f.events)),
                common_label: page.tn("indicators-common-n", &i64::from(f.common_actions)),
                figures: *f,
            }
        })
        .collect();
    (bars, axis)
}

pub async fn indicators_page(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Read, &format!("{base}/indicators"))?;
    let (from, to) = year_period(&query.from, &query.to)?;
    let figures = figures(&state, &context, from, to).await?;
    let totals = MonthFigures {
        year: from.year(),
        month: from.month(),
        events: figures.iter().map(|f| f.events).sum(),
        common_actions: figures.iter().map(|f| f.common_actions).sum(),
        participants: figures.iter().map(|f| f.participants).sum(),
        organizations: 0,
    };
    let (bars, axis_max) = bars(&page, &figures);
    let more_charts = vec![
        series_chart(
            &page,
            "participants-chart",
            "indicators-participants-chart",
            "#3f8f5b",
            &figures,
            |f| f.participants,
            "indicators-participants-n",
        ),
        series_chart(
            &page,
            "organizations-chart",
            "indicators-organizations-chart",
            "#8a5cb8",
            &figures,
            |f| u64::from(f.organizations),
            "indicators-organizations-n",
        ),
    ];
    render(&IndicatorsTemplate {
        more_charts,
        header: SpaceHeader::new(&state, &page, &context),
        slug: context.space.slug.clone(),
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
        width: 60 + bars.len() as u32 * 48,
        bars,
        axis_max,
        totals,
        base,
        page,
    })
}

/// The period of the indicators: by default the current calendar year.
pub fn year_period(query_from: &str, query_to: &str) -> Result<(NaiveDate, NaiveDate), PageError> {
    let year = Utc::now().year();
    let from = if query_from.is_empty() {
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default()
    } else {
        NaiveDate::parse_from_str(query_from, "%Y-%m-%d")
            .map_err(|_| PageError::BadRequest("error-date"))?
    };
    let to = if query_to.is_empty() {
        NaiveDate::from_ymd_opt(from.year(), 12, 31).unwrap_or(from)
    } else {
        NaiveDate::parse_from_str(query_to, "%Y-%m-%d")
            .map_err(|_| PageError::BadRequest("error-date"))?
    };
    if to < from || (to - from).num_days() > 3 * 366 {
        return Err(PageError::BadRequest("error-period"));
    }
    Ok((from, to))
}

/// `GET /spaces/{slug}/calendar/indicators.csv`
pub async fn indicators_csv(
    State(state): State<AppState>,
    context: SpaceContext,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, PageError> {
    require(
        &context,
        Action::Read,
        &format!("{}/indicators", base(&context)),
    )?;
    let (from, to) = year_period(&query.from, &query.to)?;
    let figures = figures(&state, &context, from, to).await?;
    let mut out = String::from("month,events,common_actions,participants,organizations\r\n");
    for f in figures {
        out.push_str(&format!(
            "{}-{:02},{},{},{},{}\r\n",
            f.year, f.month, f.events, f.common_actions, f.participants, f.organizations
        ));
    }
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/csv; charset=utf-8".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}-indicators.csv\"",
                    context.space.slug
                ),
            ),
        ],
        out,
    )
        .into_response())
}

/// A date's own text from the form: blank keeps the series' text (`Some(None)`), too long is
/// refused (`None`).
fn own_text(input: &str, max: usize) -> Option<Option<String>> {
    let text = input.trim();
    if text.chars().count() > max {
        return None;
    }
    Some((!text.is_empty()).then(|| text.to_owned()))
}

/// `POST …/events/{id}/occurrences/{occurrence}`: cancels or moves one date of a series (it
/// is published as a changed occurrence with its RECURRENCE-ID, so subscribers see it too).
pub async fn change_occurrence(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, id, key)): Path<(String, i64, String)>,
    form: FormData,
) -> Result<Response, PageError> {
    let base = base(&context);
    let here = format!("{base}/events/{id}");
    require(&context, Action::Plan, &here)?;
    let actor = context.signed_in_user(&here)?;
    let event = service::event_in(&state, &context, id).await?;
    let recurrence_id = crate::meetings::parse_occurrence_key(&key).ok_or(PageError::NotFound)?;
    let change = match form.get("change") {
        "cancel" => service::OccurrenceChange::Cancel,
        "restore" => service::OccurrenceChange::Restore,
        "move" => {
            let date =
                cospace_core::calendar::time::parse_date("start_date", form.get("start_date"));
            let start =
                cospace_core::calendar::time::parse_time("start_time", form.get("start_time"));
            let end = cospace_core::calendar::time::parse_time("end_time", form.get("end_time"));
            let (Some(title), Some(description)) = (
                own_text(form.get("title"), 200),
                own_text(
                    form.get("description"),
                    cospace_core::calendar::event::MAX_DESCRIPTION,
                ),
            ) else {
                return Ok(redirect_with_flash(
                    &state,
                    &here,
                    "flash-occurrence-text-invalid",
                ));
            };
            match (date, start, end) {
                (Ok(date), Ok(start), Ok(end)) if end > start => service::OccurrenceChange::Move {
                    start: date.and_time(start),
                    end: date.and_time(end),
                    title,
                    description,
                },
                _ => {
                    return Ok(redirect_with_flash(
                        &state,
                        &here,
                        "flash-occurrence-invalid",
                    ))
                }
            }
        }
        _ => return Err(PageError::BadRequest("error-invalid")),
    };
    service::change_occurrence(&state, &context, &actor, &event, recurrence_id, change).await?;
    Ok(redirect_with_flash(
        &state,
        &here,
        "flash-occurrence-changed",
    ))
}
