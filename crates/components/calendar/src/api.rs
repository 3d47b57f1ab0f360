//! The calendar's JSON API under `/api/v1/spaces/{slug}/…`: occurrences of a period, one event,
//! planning an event (answered with the clashes it has), clashes of a period and the monthly
//! indicators.

use crate::permissions::Action;
use crate::service::{self, allows};
use crate::store::{self, EventRow};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use cospace_core::calendar::clash::{Place, Rules};
use cospace_core::calendar::event;
use cospace_core::calendar::event::{
    Audience, AudienceSet, EventDraft, EventInput, EventKind, EventStatus,
};
use cospace_core::calendar::indicators::MonthFigures;
use cospace_core::calendar::meeting::ActionStatus;
use cospace_core::calendar::recurrence::Occurrence;
use cospace_core::{FieldError, Invalid};
use cospace_web::error::ApiError;
use cospace_web::platform::api::{ApiCaller, ApiJson, Problem};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/spaces/{slug}/events",
            get(list_events).post(create_event),
        )
        .route("/api/v1/spaces/{slug}/events/{id}", get(get_event))
        .route("/api/v1/spaces/{slug}/clashes", get(list_clashes))
        .route("/api/v1/spaces/{slug}/indicators", get(get_indicators))
        .route(
            "/api/v1/spaces/{slug}/events/{id}/meetings",
            get(list_meetings),
        )
        .route("/api/v1/spaces/{slug}/action-items", get(list_action_items))
        .route(
            "/api/v1/spaces/{slug}/action-items/{id}",
            axum::routing::patch(update_action_item),
        )
}

#[derive(OpenApi)]
#[openapi(
    paths(list_events, create_event, get_event, list_clashes, get_indicators, list_meetings, list_action_items, update_action_item),
    components(schemas(EventIn, EventOut, OccurrenceOut, ClashOut, ClashSide, IndicatorOut, CreatedEvent, MeetingOut, ActionItemOut, ActionItemPatch)),
    tags((name = "calendar", description = "The common calendar: events, occurrences, clashes and indicators"))
)]
struct CalendarDoc;

pub fn openapi() -> utoipa::openapi::OpenApi {
    CalendarDoc::openapi()
}

async fn context(
    state: &AppState,
    caller: &ApiCaller,
    slug: &str,
) -> Result<SpaceContext, ApiError> {
    cospace_web::platform::api::load_space(state, caller, slug).await
}

/// A period given as `from` and `to` (dates, `to` inclusive).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodParams {
    /// First day (default: today; for indicators, 1 January of this year).
    #[param(format = Date)]
    from: Option<String>,
    /// Last day, not before `from` (default: 31 days after `from`; for indicators, 31 December
    /// of `from`'s year); at most 400 days after `from` (for indicators, 3 × 366).
    #[param(format = Date)]
    to: Option<String>,
}

/// How near two places must be to count as the same.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DistanceParams {
    /// The distance in metres within which two places count as the same (default 150).
    #[param(minimum = 0, maximum = 5000)]
    distance: Option<f64>,
}

impl PeriodParams {
    /// `from` and `to` as given: a 422 naming the field when either is not a date.
    fn dates(&self) -> Result<(Option<NaiveDate>, Option<NaiveDate>), ApiError> {
        let parse = |field: &'static str, text: &Option<String>| {
            text.as_deref()
                .map(|t| {
                    NaiveDate::parse_from_str(t, "%Y-%m-%d")
                        .map_err(|_| ApiError::Invalid(Invalid::one(field, "error-date")))
                })
                .transpose()
        };
        Ok((parse("from", &self.from)?, parse("to", &self.to)?))
    }
}

fn period(params: &PeriodParams) -> Result<(DateTime<Utc>, DateTime<Utc>), ApiError> {
    let (from, to) = params.dates()?;
    let from = from.unwrap_or_else(|| Utc::now().date_naive());
    let to = match to {
        Some(to) => to,
        None => from
            .checked_add_signed(Duration::days(31))
            .ok_or_else(|| ApiError::Invalid(Invalid::one("from", "error-date")))?,
    };
    if to < from {
        return Err(ApiError::Invalid(Invalid::one(
            "to",
            "error-end-before-start",
        )));
    }
    if (to - from).num_days() > 400 {
        return Err(ApiError::Invalid(Invalid(vec![FieldError::with_arg(
            "to",
            "error-period-too-long",
            400,
        )])));
    }
    let at = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    Ok((at(from), at(to + Duration::days(1))))
}

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

#[derive(Serialize, ToSchema)]
pub struct OrganizerOut {
    pub id: i64,
    pub name: String,
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
        kind: row.kind.clone(),
        status: row.status.clone(),
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
        cancelled: o.cancelled || row.status == "cancelled",
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
        (status = 200, description = "The events with an occurrence in the period, and those occurrences in start order", body = EventsOut),
        (status = 404, description = "No such space", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A bad period", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_events(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(params): Query<PeriodParams>,
) -> Result<Json<EventsOut>, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    context.require_api(allows(&context, Action::Read))?;
    let (from, to) = period(&params)?;
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
    Ok(Json(EventsOut {
        events,
        occurrences,
    }))
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/events/{id}", tag = "calendar",
    params(("slug" = String, Path, description = "The space"), ("id" = i64, Path, description = "The event")),
    responses(
        (status = 200, description = "The event", body = EventOut),
        (status = 404, description = "No such event here", body = Problem, content_type = "application/problem+json"),
    ))]
async fn get_event(
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

/// One side of a clash.
#[derive(Serialize, ToSchema)]
pub struct ClashSide {
    pub event: i64,
    pub title: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub organizers: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ClashOut {
    pub first: ClashSide,
    pub second: ClashSide,
    /// `same_venue`, `nearby` or none.
    pub place: Option<String>,
    /// For `nearby`: how far apart, in metres.
    pub metres: Option<u32>,
    /// The audiences both compete for on the same day.
    pub audiences: Vec<String>,
}

impl ClashOut {
    fn new(
        first: ClashSide,
        second: ClashSide,
        place: Option<Place>,
        audiences: AudienceSet,
    ) -> ClashOut {
        let (place, metres) = match place {
            Some(Place::SameVenue) => (Some("same_venue".to_owned()), None),
            Some(Place::Nearby { metres }) => (Some("nearby".to_owned()), Some(metres)),
            None => (None, None),
        };
        ClashOut {
            first,
            second,
            place,
            metres,
            audiences: audiences
                .audiences()
                .iter()
                .map(|a| a.as_str().to_owned())
                .collect(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/clashes", tag = "calendar",
    params(("slug" = String, Path, description = "The space; its child spaces' events are included"), PeriodParams, DistanceParams),
    responses(
        (status = 200, description = "Every clash in the period: same place (venue, or within the distance) at overlapping times, or the same audience on the same day", body = [ClashOut]),
        (status = 422, description = "A bad period", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_clashes(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(params): Query<PeriodParams>,
    Query(near): Query<DistanceParams>,
) -> Result<Json<Vec<ClashOut>>, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    context.require_api(allows(&context, Action::Read))?;
    let (from, to) = period(&params)?;
    let distance = near.distance.unwrap_or(Rules::default().distance_m);
    if !(0.0..=5000.0).contains(&distance) {
        return Err(ApiError::Invalid(Invalid(vec![FieldError::with_arg(
            "distance",
            "error-distance",
            5000,
        )])));
    }
    let scope = service::scope(&state, &context).await?;
    let window = service::window(&state, &scope, from, to).await?;
    let side = |n: usize| {
        let (index, o) = &window.occurrences[n];
        let row = window.event(*index);
        ClashSide {
            event: row.id,
            title: row.title.clone(),
            start: o.start,
            end: o.end,
            organizers: window
                .details
                .organizers
                .get(&row.id)
                .into_iter()
                .flatten()
                .map(|(_, n)| n.clone())
                .collect(),
        }
    };
    Ok(Json(
        service::clashes(
            &window,
            Rules {
                distance_m: distance,
            },
        )
        .iter()
        .map(|c| ClashOut::new(side(c.first), side(c.second), c.place, c.audiences))
        .collect(),
    ))
}

/// A new event: every value as text, as the planning form sends them; `start_date` and
/// `start_time` as `YYYY-MM-DD` and `HH:MM` in `time_zone` (an IANA name).
#[derive(Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct EventIn {
    #[schema(schema_with = event_title, required = true)]
    pub title: String,
    #[schema(schema_with = event_description)]
    pub description: String,
    #[schema(schema_with = event_kind, required = true)]
    pub kind: String,
    #[schema(example = "Europe/Warsaw", required = true)]
    pub time_zone: String,
    /// Present (any text) for an all-day event.
    pub all_day: Option<String>,
    #[schema(example = "2026-05-12", required = true)]
    pub start_date: String,
    #[schema(example = "18:00")]
    pub start_time: String,
    pub end_date: String,
    pub end_time: String,
    /// Empty for once; daily, weekly, fortnightly, monthly_weekday, monthly_date, yearly, or
    /// custom (then `rrule` holds the rule).
    pub repeat: String,
    /// never, count or until.
    pub repeat_ends: String,
    pub repeat_count: String,
    pub repeat_until: String,
    pub rrule: String,
    /// The venue's id (a resource of kind venue).
    pub venue: String,
    #[schema(schema_with = event_address)]
    pub address: String,
    pub lat: String,
    pub lon: String,
    /// Ids of the organising organisations.
    #[schema(schema_with = organizers, required = true)]
    pub organizers: Vec<String>,
    #[schema(schema_with = audiences)]
    pub audiences: Vec<String>,
    pub expected_participants: String,
    pub actual_participants: String,
    #[schema(schema_with = event_status)]
    pub status: String,
}

fn event_title() -> utoipa::openapi::schema::Object {
    cospace_web::platform::api::text(1, event::MAX_TITLE)
}

fn event_description() -> utoipa::openapi::schema::Object {
    cospace_web::platform::api::text(0, event::MAX_DESCRIPTION)
}

fn event_address() -> utoipa::openapi::schema::Object {
    cospace_web::platform::api::text(0, event::MAX_ADDRESS)
}

/// One to `MAX_ORGANIZERS` organisation ids.
fn organizers() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(
            utoipa::openapi::schema::ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::String)
                .pattern(Some("^[ \\t\\n\\r]*[1-9][0-9]{0,17}[ \\t\\n\\r]*$")),
        )
        .min_items(Some(1))
        .max_items(Some(event::MAX_ORGANIZERS))
        .build()
}

fn event_kind() -> utoipa::openapi::schema::Object {
    cospace_web::platform::api::choice(EventKind::ALL.iter().map(|k| k.as_str()))
}

fn event_status() -> utoipa::openapi::schema::Object {
    cospace_web::platform::api::choice(EventStatus::ALL.iter().map(|k| k.as_str()))
}

fn audiences() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(cospace_web::platform::api::choice(
            Audience::ALL.iter().map(|a| a.as_str()),
        ))
        .build()
}

impl From<EventIn> for EventInput {
    fn from(e: EventIn) -> Self {
        EventInput {
            title: e.title,
            description: e.description,
            kind: e.kind,
            time_zone: e.time_zone,
            all_day: e.all_day,
            start_date: e.start_date,
            start_time: e.start_time,
            end_date: e.end_date,
            end_time: e.end_time,
            repeat: e.repeat,
            repeat_ends: e.repeat_ends,
            repeat_count: e.repeat_count,
            repeat_until: e.repeat_until,
            rrule: e.rrule,
            venue: e.venue,
            address: e.address,
            lat: e.lat,
            lon: e.lon,
            organizers: e.organizers,
            audiences: e.audiences,
            expected_participants: e.expected_participants,
            actual_participants: e.actual_participants,
            status: e.status,
        }
    }
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
async fn create_event(
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

/// One month's figures.
#[derive(Serialize, ToSchema)]
pub struct IndicatorOut {
    /// `YYYY-MM`
    pub month: String,
    pub events: u32,
    pub common_actions: u32,
    pub participants: u64,
    pub organizations: u32,
}

fn indicator_out(f: &MonthFigures) -> IndicatorOut {
    IndicatorOut {
        month: format!("{}-{:02}", f.year, f.month),
        events: f.events,
        common_actions: f.common_actions,
        participants: f.participants,
        organizations: f.organizations,
    }
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/indicators", tag = "calendar",
    params(("slug" = String, Path, description = "The space; its children roll up into it"), PeriodParams),
    responses(
        (status = 200, description = "Per month: events, common actions, participants and organisations involved", body = [IndicatorOut]),
        (status = 422, description = "A bad period", body = Problem, content_type = "application/problem+json"),
    ))]
async fn get_indicators(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(params): Query<PeriodParams>,
) -> Result<Json<Vec<IndicatorOut>>, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    context.require_api(allows(&context, Action::Read))?;
    params.dates()?;
    let (from, to) = crate::pages::year_period(
        params.from.as_deref().unwrap_or(""),
        params.to.as_deref().unwrap_or(""),
    )
    .map_err(|_| ApiError::Invalid(Invalid::one("to", "error-period")))?;
    let figures = crate::pages::figures(&state, &context, from, to).await?;
    Ok(Json(figures.iter().map(indicator_out).collect()))
}

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
        status: item.status.clone(),
        overdue: cospace_core::calendar::meeting::is_overdue(item.due(), item.status(), today),
        follow_up_event: item.follow_up_event_id,
    }
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/events/{id}/meetings", tag = "calendar",
    params(("slug" = String, Path, description = "The space"), ("id" = i64, Path, description = "The meeting series (an event)")),
    responses(
        (status = 200, description = "The meetings of the series so far and the next ones, numbered, with agenda, attendance, minutes, decisions and action items", body = [MeetingOut]),
        (status = 404, description = "No such event here", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_meetings(
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
    cospace_web::platform::api::choice(ActionStatus::ALL.iter().map(|s| s.as_str()))
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
async fn list_action_items(
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
async fn update_action_item(
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
