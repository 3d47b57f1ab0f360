//! Events in the API: the events and occurrences of a period, one event, and planning one
//! (answered with the clashes it has).

use super::clashes::{ClashOut, ClashSide};
use super::event_in::EventIn;
use super::{context, period, with_next, OrganizerOut, PeriodParams};
use crate::permissions::Action;
use crate::service::{self, allows};
use crate::store::{self, EventRow};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use cospace_core::calendar::event::{EventDraft, EventStatus};
use cospace_core::calendar::recurrence::Occurrence;
use cospace_web::error::ApiError;
use cospace_web::kit::{ApiCaller, ApiJson, Problem};
use cospace_web::AppState;
use serde::Serialize;
use utoipa::ToSchema;

/// An event (a series when it recurs).
#[derive(Serialize, ToSchema)]
pub struct EventOut {
    pub id: i64,
    pub uid: String,
    pub space: i64,
    pub title: String,
    pub description: String,
    pub kind: String,
    pub status: String,
    pub time_zone: String,
    pub all_day: bool,
    /// Wall-clock start of the first occurrence, in `time_zone`.
    pub start: String,
    pub end: String,
    /// RFC 5545 recurrence rule, when it recurs.
    pub rrule: Option<String>,
    pub venue: Option<i64>,
    pub place: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub organizers: Vec<OrganizerOut>,
    /// Two or more organising institutions.
    pub common_action: bool,
    pub audiences: Vec<String>,
    pub expected_participants: Option<i64>,
    pub actual_participants: Option<i64>,
    pub sequence: i64,
}

fn event_out(row: &EventRow, details: &store::Details) -> EventOut {
    let organizers: Vec<OrganizerOut> = details
        .organizers
        .get(&row.id)
        .into_iter()
        .flatten()
        .map(|(id, name)| OrganizerOut {
            id: *id,
            name: name.clone(),
        })
        .collect();
    let point = row.point();
    EventOut {
        id: row.id,
        uid: row.uid.clone(),
        space: row.space_id,
        title: row.title.clone(),
        description: row.description.clone(),
        kind: row.kind.as_str().to_owned(),
        status: row.status.as_str().to_owned(),
        time_zone: row.time_zone.clone(),
        all_day: row.all_day,
        start: row.start_local.clone(),
        end: row.end_local.clone(),
        rrule: row.rrule.clone(),
        venue: row.venue_id,
        place: row.place(),
        lat: point.map(|p| p.lat),
        lon: point.map(|p| p.lon),
        common_action: organizers.len() >= 2,
        organizers,
        audiences: details
            .audiences
            .get(&row.id)
            .into_iter()
            .flatten()
            .map(|a| a.as_str().to_owned())
            .collect(),
        expected_participants: row.expected_participants,
        actual_participants: row.actual_participants,
        sequence: row.sequence,
    }
}

/// One occurrence of an event in the period.
#[derive(Serialize, ToSchema)]
pub struct OccurrenceOut {
    pub event: i64,
    pub title: String,
    /// The original wall-clock start (iCalendar RECURRENCE-ID).
    pub recurrence_id: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub local_start: String,
    pub local_end: String,
    pub time_zone: String,
    pub changed: bool,
    pub cancelled: bool,
}

fn occurrence_out(row: &EventRow, o: &Occurrence) -> OccurrenceOut {
    OccurrenceOut {
        event: row.id,
        // A changed occurrence may have its own title.
        title: o.title.clone().unwrap_or_else(|| row.title.clone()),
        recurrence_id: store::local_text(o.recurrence_id),
        start: o.start,
        end: o.end,
        local_start: store::local_text(o.local_start),
        local_end: store::local_text(o.local_end),
        time_zone: row.time_zone.clone(),
        changed: o.changed,
        cancelled: o.cancelled || row.status == EventStatus::Cancelled,
    }
}

#[derive(Serialize, ToSchema)]
pub struct EventsOut {
    pub events: Vec<EventOut>,
    pub occurrences: Vec<OccurrenceOut>,
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/events", tag = "calendar",
    params(("slug" = String, Path, description = "The space; its child spaces' events are included"), PeriodParams),
    responses(
        (status = 200, description = "The events with an occurrence in the period, and those occurrences in start order. Of a period longer than 400 days, the first 400 days; a `Link: <…>; rel=\"next\"` header gives the rest.", body = EventsOut,
            headers(("Link" = String, description = "The rest of the period (RFC 8288), when the answer covers only its first part"))),
        (status = 404, description = "No such space", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`from` or `to` is not a date", body = Problem, content_type = "application/problem+json"),
    ))]
pub(super) async fn list_events(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(params): Query<PeriodParams>,
) -> Result<Response, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    context.require_api(allows(&context, Action::Read))?;
    let Some(days) = period(&params)? else {
        let empty = EventsOut {
            events: Vec::new(),
            occurrences: Vec::new(),
        };
        return Ok(Json(empty).into_response());
    };
    let (from, to) = days.instants();
    let scope = service::scope(&state, &context).await?;
    let window = service::window(&state, &scope, from, to).await?;
    let occurrences = window
        .occurrences
        .iter()
        .map(|(i, o)| occurrence_out(window.event(*i), o))
        .collect();
    let events = window
        .events
        .iter()
        .map(|e| event_out(e, &window.details))
        .collect();
    let path = format!("/api/v1/spaces/{slug}/events");
    let body = EventsOut {
        events,
        occurrences,
    };
    Ok(with_next(&state, &path, Some(&days), body))
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/events/{id}", tag = "calendar",
    params(("slug" = String, Path, description = "The space"), ("id" = i64, Path, description = "The event")),
    responses(
        (status = 200, description = "The event", body = EventOut),
        (status = 404, description = "No such event here", body = Problem, content_type = "application/problem+json"),
    ))]
pub(super) async fn get_event(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<EventOut>, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    context.require_api(allows(&context, Action::Read))?;
    let event = service::event_in(&state, &context, id).await?;
    let details = store::details(&state.db, &[id]).await?;
    Ok(Json(event_out(&event, &details)))
}

/// An event was planned.
#[derive(Serialize, ToSchema)]
pub struct CreatedEvent {
    pub id: i64,
    pub url: String,
    /// Clashes it has with events already planned (it is planned all the same; the API leaves
    /// the decision to the caller, who may join one of them instead).
    pub clashes: Vec<ClashOut>,
}

#[utoipa::path(post, path = "/api/v1/spaces/{slug}/events", tag = "calendar",
    params(("slug" = String, Path, description = "The space")),
    request_body = EventIn,
    responses(
        (status = 201, description = "Planned", body = CreatedEvent),
        (status = 401, description = "No token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to plan for these organisers", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid input, field by field", body = Problem, content_type = "application/problem+json"),
    ))]
pub(super) async fn create_event(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<EventIn>,
) -> Result<(StatusCode, Json<CreatedEvent>), ApiError> {
    let context = context(&state, &caller, &slug).await?;
    context.require_api(allows(&context, Action::Plan))?;
    let actor = caller.0.clone().ok_or(ApiError::Unauthorized)?;
    let draft = EventDraft::parse(&input.into()).map_err(ApiError::Invalid)?;
    let venue_point = service::check_references(&state, &context, &actor, &draft, None).await?;
    let clashes = service::clashes_for_draft(&state, &context, &draft, venue_point, None).await?;
    let id = service::create_event(&state, &context, &actor, &draft)
        .await
        .map_err(ApiError::from)?;
    let clashes = clashes
        .iter()
        .map(|c| {
            ClashOut::new(
                ClashSide {
                    event: id,
                    title: draft.title.clone(),
                    start: draft.zone.to_utc(draft.timing.local_start()),
                    end: draft.zone.to_utc(draft.timing.local_end()),
                    organizers: Vec::new(),
                },
                ClashSide {
                    event: c.other.id,
                    title: c.other.title.clone(),
                    start: c.occurrence.start,
                    end: c.occurrence.end,
                    organizers: c.other_organizers.iter().map(|(_, n)| n.clone()).collect(),
                },
                c.place,
                c.audiences,
            )
        })
        .collect();
    Ok((
        StatusCode::CREATED,
        Json(CreatedEvent {
            id,
            url: format!("/spaces/{slug}/calendar/events/{id}"),
            clashes,
        }),
    ))
}
