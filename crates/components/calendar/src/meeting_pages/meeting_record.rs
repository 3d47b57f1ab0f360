//! One meeting's record — agenda, attendance, minutes, decisions and action items — and the
//! forms that add to it, one per part.

use super::{action_row, load_event, numbered, numbers};
use crate::meetings::{self, Record};
use crate::pages::{base, when};
use crate::permissions::Action;
use crate::service::{self, allows, ServiceError};
use crate::store::{self, local_text, EventRow};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::{Duration, Utc};
use cospace_core::calendar::meeting::{self, ActionItemDraft, ActionItemInput, ActionStatus};
use cospace_core::calendar::recurrence::Occurrence;
use cospace_core::Invalid;
use cospace_web::error::PageError;
use cospace_web::kit::FormData;
use cospace_web::kit::SpaceHeader;
use cospace_web::pages::{redirect_with_flash, render_form, FormErrors, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

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
    rows: Vec<super::ActionRow>,
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
