//! Meetings in the API: the numbered meetings of a series with what each recorded, and the
//! action items they left — listed across a space tree, and moved on one at a time.

use super::{context, OrganizerOut};
use crate::permissions::Action;
use crate::service::{self, allows};
use crate::store;
use axum::extract::{Path, Query, State};
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use cospace_core::calendar::meeting::ActionStatus;
use cospace_core::calendar::recurrence::Occurrence;
use cospace_core::Invalid;
use cospace_web::error::ApiError;
use cospace_web::kit::{ApiCaller, ApiJson, Problem};
use cospace_web::AppState;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// One meeting of a series, with what it recorded.
#[derive(Serialize, ToSchema)]
pub struct MeetingOut {
    /// 1 for the first meeting of the series, and so on.
    pub number: usize,
    /// The occurrence's original wall-clock start (iCalendar RECURRENCE-ID).
    pub recurrence_id: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub agenda: Vec<String>,
    pub people: Option<i64>,
    /// Markdown.
    pub minutes: String,
    pub decisions: Vec<String>,
    pub action_items: Vec<ActionItemOut>,
}

/// An action item left by a meeting.
#[derive(Serialize, ToSchema)]
pub struct ActionItemOut {
    pub id: i64,
    pub event: i64,
    pub meeting: String,
    pub title: String,
    pub owner: Option<OrganizerOut>,
    /// `YYYY-MM-DD`
    pub due_date: Option<String>,
    /// open, in_progress, done or dropped.
    pub status: String,
    pub overdue: bool,
    pub follow_up_event: Option<i64>,
}

fn action_item_out(item: &crate::meetings::ActionItem) -> ActionItemOut {
    let today = Utc::now().date_naive();
    ActionItemOut {
        id: item.id,
        event: item.event_id,
        meeting: item.recurrence_id.clone(),
        title: item.title.clone(),
        owner: item.owner_organization_id.map(|id| OrganizerOut {
            id,
            name: item.owner_name.clone().unwrap_or_default(),
        }),
        due_date: item.due_date.clone(),
        status: item.status.as_str().to_owned(),
        overdue: cospace_core::calendar::meeting::is_overdue(item.due(), *item.status, today),
        follow_up_event: item.follow_up_event_id,
    }
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/events/{id}/meetings", tag = "calendar",
    params(("slug" = String, Path, description = "The space"), ("id" = i64, Path, description = "The meeting series (an event)")),
    responses(
        (status = 200, description = "The meetings of the series so far and the next ones, numbered, with agenda, attendance, minutes, decisions and action items", body = [MeetingOut]),
        (status = 404, description = "No such event here", body = Problem, content_type = "application/problem+json"),
    ))]
pub(super) async fn list_meetings(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<Vec<MeetingOut>>, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    context.require_api(allows(&context, Action::Read))?;
    let event = service::event_in(&state, &context, id).await?;
    let details = store::details(&state.db, &[id]).await?;
    let rule = event.rule();
    let series = store::series(&event, rule.as_ref(), &details);
    let first = event.zone().to_utc(event.timing().local_start());
    let occurrences: Vec<Occurrence> = series
        .occurrences(
            first - Duration::days(1),
            Utc::now().max(first) + Duration::days(366),
        )
        .into_iter()
        .filter(|o| !o.cancelled)
        .collect();
    let records = crate::meetings::meetings_of(&state.db, id).await?;
    let agenda = crate::meetings::lines(&state.db, "calendar_agenda_items", id).await?;
    let decisions = crate::meetings::lines(&state.db, "calendar_decisions", id).await?;
    let items = crate::meetings::action_items_of_series(&state.db, id).await?;
    Ok(Json(
        occurrences
            .iter()
            .enumerate()
            .map(|(n, o)| {
                let key = store::local_text(o.recurrence_id);
                let record = records.iter().find(|m| m.recurrence_id == key);
                let meeting = record.map(|m| m.id);
                MeetingOut {
                    number: n + 1,
                    recurrence_id: key.clone(),
                    start: o.start,
                    end: o.end,
                    agenda: agenda
                        .iter()
                        .filter(|l| Some(l.meeting_id) == meeting)
                        .map(|l| l.text.clone())
                        .collect(),
                    people: record.and_then(|m| m.people),
                    minutes: record.map(|m| m.minutes.clone()).unwrap_or_default(),
                    decisions: decisions
                        .iter()
                        .filter(|l| Some(l.meeting_id) == meeting)
                        .map(|l| l.text.clone())
                        .collect(),
                    action_items: items
                        .iter()
                        .filter(|a| Some(a.meeting_id) == meeting)
                        .map(action_item_out)
                        .collect(),
                }
            })
            .collect(),
    ))
}

/// An action item's status: one of the closed vocabulary.
fn action_status() -> utoipa::openapi::schema::Object {
    cospace_web::kit::choice(ActionStatus::ALL.iter().map(|s| s.as_str()))
}

/// Which action items to list.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionItemParams {
    /// Only the items of this status; all when absent.
    #[param(schema_with = action_status)]
    status: Option<String>,
    /// Only those past their due date and not done.
    #[serde(default)]
    overdue: bool,
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/action-items", tag = "calendar",
    params(("slug" = String, Path, description = "The space; its child spaces' meetings are included"), ActionItemParams),
    responses(
        (status = 200, description = "Action items of every meeting, by due date", body = [ActionItemOut]),
        (status = 422, description = "An unknown status", body = Problem, content_type = "application/problem+json"),
    ))]
pub(super) async fn list_action_items(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(params): Query<ActionItemParams>,
) -> Result<Json<Vec<ActionItemOut>>, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    context.require_api(allows(&context, Action::Read))?;
    let status = params
        .status
        .as_deref()
        .map(|s| ActionStatus::parse(s).map_err(|e| ApiError::Invalid(Invalid(vec![e]))))
        .transpose()?;
    let scope = service::scope(&state, &context).await?;
    let items = crate::meetings::action_items_in(&state.db, &scope).await?;
    Ok(Json(
        items
            .iter()
            .map(action_item_out)
            .filter(|a| status.is_none_or(|s| s.as_str() == a.status))
            .filter(|a| !params.overdue || a.overdue)
            .collect(),
    ))
}

/// A change to an action item.
#[derive(Deserialize, ToSchema)]
pub struct ActionItemPatch {
    #[schema(schema_with = action_status)]
    pub status: String,
}

#[utoipa::path(patch, path = "/api/v1/spaces/{slug}/action-items/{id}", tag = "calendar",
    params(("slug" = String, Path, description = "The space"), ("id" = i64, Path, description = "The action item")),
    request_body = ActionItemPatch,
    responses(
        (status = 200, description = "Updated", body = ActionItemOut),
        (status = 401, description = "No token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither an editor of the series nor an admin of the owner", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown status", body = Problem, content_type = "application/problem+json"),
    ))]
pub(super) async fn update_action_item(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(patch): ApiJson<ActionItemPatch>,
) -> Result<Json<ActionItemOut>, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    context.require_api(allows(&context, Action::Plan))?;
    let actor = caller.0.clone().ok_or(ApiError::Unauthorized)?;
    let status =
        ActionStatus::parse(&patch.status).map_err(|e| ApiError::Invalid(Invalid(vec![e])))?;
    let item = crate::meetings::action_item(&state.db, id).await?;
    service::event_in(&state, &context, item.event_id).await?;
    crate::meetings::set_action_status(&state, &context, &actor, &item, status).await?;
    Ok(Json(action_item_out(
        &crate::meetings::action_item(&state.db, id).await?,
    )))
}
