//! The pages of meetings: a series read like seed 002's list ("1st meeting … 5th meeting", each
//! with its outcomes), one meeting's record (agenda, attendance, minutes, decisions, action
//! items), the action-item trackers of a series and of a space, and invitations.

use crate::meetings::{self, ActionItem, Record};
use crate::pages::{base, long_date, when};
use crate::permissions::Action;
use crate::service::{self, allows, ServiceError};
use crate::store::{self, local_text, EventRow};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::{Duration, Utc};
use cospace_core::calendar::meeting::{self, ActionItemDraft, ActionItemInput, ActionStatus};
use cospace_core::calendar::recurrence::Occurrence;
use cospace_core::Invalid;
use cospace_web::error::PageError;
use cospace_web::pages::{redirect_with_flash, render, render_form, FormErrors, Page};
use cospace_web::platform::spaces::SpaceHeader;
use cospace_web::platform::FormData;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use serde::Deserialize;

/// An action item as the trackers and meeting pages show it.
pub struct ActionRow {
    pub id: i64,
    pub title: String,
    pub owner: String,
    pub due: String,
    pub status: String,
    pub status_code: String,
    pub overdue: bool,
    pub meeting: String,
    pub meeting_href: String,
    pub follow_up: Option<(String, String)>,
}

fn action_row(
    page: &Page,
    base: &str,
    item: &ActionItem,
    numbers: &[(String, usize)],
) -> ActionRow {
    let today = Utc::now().date_naive();
    let key = store::parse_local(&item.recurrence_id)
        .map(meetings::occurrence_key)
        .unwrap_or_default();
    let number = numbers.iter().find(|(k, _)| *k == key).map(|(_, n)| *n);
    ActionRow {
        id: item.id,
        title: item.title.clone(),
        owner: item.owner_name.clone().unwrap_or_default(),
        due: item.due().map(|d| long_date(page, d)).unwrap_or_default(),
        status: page.t(&item.status().label_key()),
        status_code: item.status().as_str().to_owned(),
        overdue: meeting::is_overdue(item.due(), item.status(), today),
        meeting: number
            .map(|n| page.l.tn("meeting-number", n as i64))
            .unwrap_or_else(|| item.recurrence_id.replace('T', " ")),
        meeting_href: format!("{base}/events/{}/meetings/{key}", item.event_id),
        follow_up: item.follow_up_event_id.map(|id| {
            (
                format!("{base}/events/{id}"),
                item.follow_up_title.clone().unwrap_or_default(),
            )
        }),
    }
}

/// The occurrences of a series from its start to a year ahead, numbered from 1 (cancelled ones
/// are skipped, as a list of meetings that took place would).
fn numbered(event: &EventRow, details: &store::Details) -> Vec<(usize, Occurrence)> {
    let rule = event.rule();
    let series = store::series(event, rule.as_ref(), details);
    let first = event.zone().to_utc(event.timing().local_start());
    series
        .occurrences(
            first - Duration::days(1),
            Utc::now().max(first) + Duration::days(366),
        )
        .into_iter()
        .filter(|o| !o.cancelled)
        .enumerate()
        .map(|(i, o)| (i + 1, o))
        .collect()
}

fn numbers(list: &[(usize, Occurrence)]) -> Vec<(String, usize)> {
    list.iter()
        .map(|(n, o)| (meetings::occurrence_key(o.recurrence_id), *n))
        .collect()
}

/// One meeting of a series as the series page lists it.
pub struct MeetingSummary {
    pub title: String,
    pub href: String,
    pub when: String,
    pub past: bool,
    pub people: Option<i64>,
    pub agenda: Vec<String>,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionRow>,
    pub minutes_html: String,
}

#[derive(Template)]
#[template(path = "series.html")]
struct SeriesTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    event: EventRow,
    meetings: Vec<MeetingSummary>,
    invited: Vec<(i64, String)>,
    overdue: i64,
}

async fn load_event(
    state: &AppState,
    context: &SpaceContext,
    id: i64,
) -> Result<EventRow, PageError> {
    Ok(service::event_in(state, context, id).await?)
}

pub async fn series(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let base = base(&context);
    context.require_that(
        allows(&context, Action::Read),
        &format!("{base}/events/{id}/meetings"),
    )?;
    let event = load_event(&state, &context, id).await?;
    let details = store::details(&state.db, &[id]).await?;
    let list = numbered(&event, &details);
    let numbers = numbers(&list);
    let records = meetings::meetings_of(&state.db, id).await?;
    let agenda = meetings::lines(&state.db, "calendar_agenda_items", id).await?;
    let decisions = meetings::lines(&state.db, "calendar_decisions", id).await?;
    let actions = meetings::action_items_of_series(&state.db, id).await?;
    let now = Utc::now();
    let mut summaries = Vec::new();
    let mut upcoming = 0;
    for (number, occurrence) in &list {
        let past = occurrence.start <= now;
        if !past {
            upcoming += 1;
            if upcoming > 3 {
                break;
            }
        }
        let record = records
            .iter()
            .find(|m| m.recurrence_id == local_text(occurrence.recurrence_id));
        let meeting_id = record.map(|m| m.id);
        let key = meetings::occurrence_key(occurrence.recurrence_id);
        summaries.push(MeetingSummary {
            title: page.l.tn("meeting-number", *number as i64),
            href: format!("{base}/events/{id}/meetings/{key}"),
            when: when(&page, &event, occurrence),
            past,
            people: record.and_then(|m| m.people),
            agenda: agenda
                .iter()
                .filter(|l| Some(l.meeting_id) == meeting_id)
                .map(|l| l.text.clone())
                .collect(),
            decisions: decisions
                .iter()
                .filter(|l| Some(l.meeting_id) == meeting_id)
                .map(|l| l.text.clone())
                .collect(),
            actions: actions
                .iter()
                .filter(|a| Some(a.meeting_id) == meeting_id)
                .map(|a| action_row(&page, &base, a, &numbers))
                .collect(),
            minutes_html: record
                .map(|m| cospace_core::markdown::render(&m.minutes))
                .unwrap_or_default(),
        });
    }
    let today = now.date_naive();
    render(&SeriesTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        overdue: actions
            .iter()
            .filter(|a| meeting::is_overdue(a.due(), a.status(), today))
            .count() as i64,
        invited: meetings::invitations(&state.db, id).await?,
        meetings: summaries,
        base,
        event,
        page,
    })
}

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    event: EventRow,
    title: String,
    when: String,
    action: String,
    can_edit: bool,
    agenda: Vec<String>,
    decisions: Vec<String>,
    attendance: Vec<(String, i64)>,
    people: String,
    minutes: String,
    minutes_html: String,
    rows: Vec<ActionRow>,
    here: String,
    organizations: Vec<store::Organizer>,
    follow_ups: Vec<(i64, String)>,
    errors: FormErrors,
    statuses: Vec<(String, String)>,
}

fn occurrence_of(
    event: &EventRow,
    details: &store::Details,
    key: &str,
) -> Result<(usize, Occurrence), PageError> {
    let recurrence_id = meetings::parse_occurrence_key(key).ok_or(PageError::NotFound)?;
    numbered(event, details)
        .into_iter()
        .find(|(_, o)| o.recurrence_id == recurrence_id)
        .ok_or(PageError::NotFound)
}

async fn meeting_page(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    id: i64,
    key: &str,
    errors: Invalid,
) -> Result<Response, PageError> {
    let base = base(context);
    let event = load_event(state, context, id).await?;
    let details = store::details(&state.db, &[id]).await?;
    let list = numbered(&event, &details);
    let numbers = numbers(&list);
    let (number, occurrence) = occurrence_of(&event, &details, key)?;
    let stored = local_text(occurrence.recurrence_id);
    let record = meetings::meetings_of(&state.db, id)
        .await?
        .into_iter()
        .find(|m| m.recurrence_id == stored);
    let meeting_id = record.as_ref().map(|m| m.id);
    let of_this = |lines: Vec<meetings::Line>| -> Vec<String> {
        lines
            .into_iter()
            .filter(|l| Some(l.meeting_id) == meeting_id)
            .map(|l| l.text)
            .collect()
    };
    let scope = service::organizer_choices(state, context).await?;
    let window_from = Utc::now() - Duration::days(60);
    let follow_ups = service::window(
        state,
        &service::scope(state, context).await?,
        window_from,
        window_from + Duration::days(500),
    )
    .await?
    .events
    .iter()
    .filter(|e| e.id != id)
    .map(|e| (e.id, e.title.clone()))
    .collect();
    let invalid = !errors.is_empty();
    let template = MeetingTemplate {
        header: SpaceHeader::new(state, &page, context),
        title: page.l.tn("meeting-number", number as i64),
        when: when(&page, &event, &occurrence),
        action: format!("{base}/events/{id}/meetings/{key}"),
        can_edit: service::may_edit(state, context, &event).await?,
        agenda: of_this(meetings::lines(&state.db, "calendar_agenda_items", id).await?),
        decisions: of_this(meetings::lines(&state.db, "calendar_decisions", id).await?),
        attendance: meetings::attendance(&state.db, id)
            .await?
            .into_iter()
            .filter(|a| Some(a.meeting_id) == meeting_id)
            .map(|a| (a.organization_name, a.people))
            .collect(),
        people: record
            .as_ref()
            .and_then(|m| m.people)
            .map(|p| p.to_string())
            .unwrap_or_default(),
        minutes: record
            .as_ref()
            .map(|m| m.minutes.clone())
            .unwrap_or_default(),
        minutes_html: record
            .as_ref()
            .map(|m| cospace_core::markdown::render(&m.minutes))
            .unwrap_or_default(),
        here: format!("{base}/events/{id}/meetings/{key}"),
        rows: meetings::action_items_of_series(&state.db, id)
            .await?
            .iter()
            .filter(|a| Some(a.meeting_id) == meeting_id)
            .map(|a| action_row(&page, &base, a, &numbers))
            .collect(),
        organizations: scope,
        follow_ups,
        errors: FormErrors(errors),
        statuses: ActionStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), page.t(&s.label_key())))
            .collect(),
        base,
        event,
        page,
    };
    render_form(&template, invalid)
}

pub async fn meeting(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id, key)): Path<(String, i64, String)>,
) -> Result<Response, PageError> {
    context.require_that(
        allows(&context, Action::Read),
        &format!("{}/events/{id}/meetings/{key}", base(&context)),
    )?;
    meeting_page(&state, page, &context, id, &key, Invalid::default()).await
}

/// `POST …/events/{id}/meetings/{occurrence}`: one form per part of the record, told apart by
/// the `part` field.
pub async fn record(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id, key)): Path<(String, i64, String)>,
    form: FormData,
) -> Result<Response, PageError> {
    let here = format!("{}/events/{id}/meetings/{key}", base(&context));
    context.require_that(allows(&context, Action::Plan), &here)?;
    let actor = context.signed_in_user(&here)?;
    let event = load_event(&state, &context, id).await?;
    let details = store::details(&state.db, &[id]).await?;
    let (_, occurrence) = occurrence_of(&event, &details, &key)?;
    let parsed: Result<(), Invalid> = async {
        let text;
        let draft;
        let change = match form.get("part") {
            "agenda" => {
                text = meeting::parse_line("agenda", form.get("agenda"))?;
                Record::AgendaItem(&text)
            }
            "decision" => {
                text = meeting::parse_line("decision", form.get("decision"))?;
                Record::Decision(&text)
            }
            "minutes" => {
                text = meeting::parse_minutes(form.get("minutes"))?;
                Record::Minutes(&text)
            }
            "people" => Record::People(
                meeting::parse_people("people", form.get("people"))
                    .map_err(|e| Invalid(vec![e]))?,
            ),
            "attendance" => {
                let organization = form
                    .get("organization")
                    .parse::<i64>()
                    .map_err(|_| Invalid::one("organization", "error-choice"))?;
                let people =
                    meeting::parse_people("attendance_people", form.get("attendance_people"))
                        .map_err(|e| Invalid(vec![e]))?
                        .ok_or(Invalid::one("attendance_people", "error-required"))?;
                Record::Attendance {
                    organization,
                    people,
                }
            }
            "action" => {
                draft = ActionItemDraft::parse(&ActionItemInput {
                    title: form.get("title").to_owned(),
                    owner: form.get("owner").to_owned(),
                    due_date: form.get("due_date").to_owned(),
                    follow_up: form.get("follow_up").to_owned(),
                })?;
                Record::ActionItem(&draft)
            }
            _ => return Err(Invalid::one("part", "error-choice")),
        };
        match meetings::record(
            &state,
            &context,
            &actor,
            &event,
            occurrence.recurrence_id,
            change,
        )
        .await
        {
            Ok(()) => Ok(()),
            Err(ServiceError::Invalid(invalid)) => Err(invalid),
            Err(ServiceError::Forbidden) => Err(Invalid::one("part", "error-forbidden")),
            Err(ServiceError::Store(e)) => Err(Invalid::one(
                "part",
                if matches!(e, cospace_store::StoreError::NotFound) {
                    "error-not-found"
                } else {
                    "error-internal"
                },
            )),
        }
    }
    .await;
    match parsed {
        Ok(()) => Ok(redirect_with_flash(&state, &here, "flash-meeting-saved")),
        Err(invalid)
            if invalid
                .for_field("part")
                .is_some_and(|e| e.key == "error-forbidden") =>
        {
            Err(PageError::Forbidden)
        }
        Err(invalid) => meeting_page(&state, page, &context, id, &key, invalid).await,
    }
}

#[derive(Deserialize, Default)]
pub struct TrackerQuery {
    #[serde(default)]
    show: String,
}

#[derive(Template)]
#[template(path = "actions.html")]
struct ActionsTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    heading: String,
    here: String,
    show: String,
    rows: Vec<ActionRow>,
    overdue: i64,
    statuses: Vec<(String, String)>,
}

fn tracker(
    page: Page,
    header: SpaceHeader,
    base: String,
    heading: String,
    here: String,
    show: &str,
    rows: Vec<ActionRow>,
) -> Result<Response, PageError> {
    let overdue = rows.iter().filter(|r| r.overdue).count() as i64;
    let show = match show {
        "overdue" | "all" => show.to_owned(),
        _ => "open".to_owned(),
    };
    let rows = rows
        .into_iter()
        .filter(|r| match show.as_str() {
            "overdue" => r.overdue,
            "open" => r.status_code == "open" || r.status_code == "in_progress",
            _ => true,
        })
        .collect();
    render(&ActionsTemplate {
        statuses: ActionStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), page.t(&s.label_key())))
            .collect(),
        header,
        base,
        heading,
        here,
        show,
        rows,
        overdue,
        page,
    })
}

/// `GET …/events/{id}/actions`: every action item of a series.
pub async fn series_actions(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    Query(query): Query<TrackerQuery>,
) -> Result<Response, PageError> {
    let base = base(&context);
    let here = format!("{base}/events/{id}/actions");
    context.require_that(allows(&context, Action::Read), &here)?;
    let event = load_event(&state, &context, id).await?;
    let details = store::details(&state.db, &[id]).await?;
    let numbers = numbers(&numbered(&event, &details));
    let items = meetings::action_items_of_series(&state.db, id).await?;
    let rows = items
        .iter()
        .map(|a| action_row(&page, &base, a, &numbers))
        .collect();
    let heading = page.ta("actions-of-series", "event", &event.title);
    let header = SpaceHeader::new(&state, &page, &context);
    tracker(page, header, base, heading, here, &query.show, rows)
}

/// `GET …/calendar/actions`: every action item of the space's events (children included).
pub async fn space_actions(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<TrackerQuery>,
) -> Result<Response, PageError> {
    let base = base(&context);
    let here = format!("{base}/actions");
    context.require_that(allows(&context, Action::Read), &here)?;
    let scope = service::scope(&state, &context).await?;
    let items = meetings::action_items_in(&state.db, &scope).await?;
    let rows = items
        .iter()
        .map(|a| action_row(&page, &base, a, &[]))
        .collect();
    let heading = page.t("actions-heading");
    let header = SpaceHeader::new(&state, &page, &context);
    tracker(page, header, base, heading, here, &query.show, rows)
}

/// `POST …/calendar/actions/{item}`: moves an action item on.
pub async fn set_action_status(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, item)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let base = base(&context);
    let back = match form.get("back") {
        b if b.starts_with(&format!("{base}/")) => b.to_owned(),
        _ => format!("{base}/actions"),
    };
    context.require_that(allows(&context, Action::Plan), &back)?;
    let actor = context.signed_in_user(&back)?;
    let item = meetings::action_item(&state.db, item).await?;
    service::event_in(&state, &context, item.event_id).await?;
    let status = ActionStatus::parse(form.get("status"))
        .map_err(|_| PageError::BadRequest("error-invalid"))?;
    meetings::set_action_status(&state, &context, &actor, &item, status).await?;
    Ok(redirect_with_flash(&state, &back, "flash-action-updated"))
}

/// `POST …/events/{id}/invite`: invites organisations by e-mail.
pub async fn invite(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let base = base(&context);
    let here = format!("{base}/events/{id}");
    context.require_that(allows(&context, Action::Plan), &here)?;
    let actor = context.signed_in_user(&here)?;
    let event = load_event(&state, &context, id).await?;
    let organizations: Vec<i64> = form
        .all("organizations")
        .iter()
        .filter_map(|o| o.parse().ok())
        .collect();
    let url = state.absolute_url(&here);
    match meetings::invite(&state, &context, &actor, &event, &organizations, &url).await {
        Ok(_) => Ok(redirect_with_flash(&state, &here, "flash-invitations-sent")),
        Err(ServiceError::Invalid(_)) => {
            Ok(redirect_with_flash(&state, &here, "flash-invitations-none"))
        }
        Err(other) => Err(other.into()),
    }
}
