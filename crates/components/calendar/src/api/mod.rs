//! The calendar's JSON API under `/api/v1/spaces/{slug}/…`, one file per resource: events and
//! their occurrences, and planning one (`events`, with the body it takes in `event_in`),
//! clashes of a period (`clashes`), the monthly indicators (`indicators`), meetings and their
//! action items (`meetings`). Here: the routes, the OpenAPI document and what the resources
//! share (the space of a request, a period).

mod clashes;
mod event_in;
mod events;
mod indicators;
mod meetings;

use axum::routing::get;
use axum::Router;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use clashes::{ClashOut, ClashSide};
use cospace_core::{FieldError, Invalid};
use cospace_web::error::ApiError;
use cospace_web::platform::api::ApiCaller;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use event_in::EventIn;
use events::{CreatedEvent, EventOut, OccurrenceOut};
use indicators::IndicatorOut;
use meetings::{ActionItemOut, ActionItemPatch, MeetingOut};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/spaces/{slug}/events",
            get(events::list_events).post(events::create_event),
        )
        .route("/api/v1/spaces/{slug}/events/{id}", get(events::get_event))
        .route("/api/v1/spaces/{slug}/clashes", get(clashes::list_clashes))
        .route(
            "/api/v1/spaces/{slug}/indicators",
            get(indicators::get_indicators),
        )
        .route(
            "/api/v1/spaces/{slug}/events/{id}/meetings",
            get(meetings::list_meetings),
        )
        .route(
            "/api/v1/spaces/{slug}/action-items",
            get(meetings::list_action_items),
        )
        .route(
            "/api/v1/spaces/{slug}/action-items/{id}",
            axum::routing::patch(meetings::update_action_item),
        )
}

#[derive(OpenApi)]
#[openapi(
    paths(
        events::list_events,
        events::create_event,
        events::get_event,
        clashes::list_clashes,
        indicators::get_indicators,
        meetings::list_meetings,
        meetings::list_action_items,
        meetings::update_action_item
    ),
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

#[derive(Serialize, ToSchema)]
pub struct OrganizerOut {
    pub id: i64,
    pub name: String,
}
