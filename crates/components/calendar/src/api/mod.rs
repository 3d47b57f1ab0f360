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

use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use clashes::{ClashOut, ClashSide};
use cospace_core::Invalid;
use cospace_web::error::ApiError;
use cospace_web::kit::ApiCaller;
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
    cospace_web::kit::load_space(state, caller, slug).await
}

/// A period given as `from` and `to` (dates, `to` inclusive).
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PeriodParams {
    /// First day (default: today; for indicators, 1 January of this year).
    #[param(format = Date)]
    from: Option<String>,
    /// Last day (default: 31 days after `from`; for indicators, 31 December of `from`'s year).
    /// Before `from`, the period holds no day and the answer is empty. More than 400 days after
    /// `from` (for indicators, 3 × 366), the answer covers those days and a
    /// `Link: <…>; rel="next"` header gives the rest.
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

/// The longest period one answer covers; a longer one is answered in pages of this length.
const MAX_PERIOD_DAYS: i64 = 400;

/// The days `[from, to]` one answer covers, and the rest of the period asked for, if any: the
/// next page, named by the `Link: <…>; rel="next"` header.
struct Days {
    from: NaiveDate,
    to: NaiveDate,
    next: Option<(NaiveDate, NaiveDate)>,
}

impl Days {
    /// `[from, to]` cut to at most `max_days` after `from`; `None` when `to` is before `from`
    /// (a period without a day, answered with an empty result).
    fn cut(from: NaiveDate, to: NaiveDate, max_days: i64) -> Option<Days> {
        if to < from {
            return None;
        }
        let last = from
            .checked_add_signed(Duration::days(max_days))
            .unwrap_or(NaiveDate::MAX);
        if to <= last {
            return Some(Days {
                from,
                to,
                next: None,
            });
        }
        let next = last.succ_opt().map(|first| (first, to));
        Some(Days {
            from,
            to: last,
            next,
        })
    }

    /// The period as instants: from the start of `from` to the end of `to` (UTC).
    fn instants(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let at = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
        let end = self
            .to
            .succ_opt()
            .map(at)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        (at(self.from), end)
    }
}

/// The events' and clashes' period: by default 31 days from today.
fn period(params: &PeriodParams) -> Result<Option<Days>, ApiError> {
    let (from, to) = params.dates()?;
    let from = from.unwrap_or_else(|| Utc::now().date_naive());
    let to = to.unwrap_or_else(|| {
        from.checked_add_signed(Duration::days(31))
            .unwrap_or(NaiveDate::MAX)
    });
    Ok(Days::cut(from, to, MAX_PERIOD_DAYS))
}

/// `body` as JSON, with a `Link: <…>; rel="next"` header (absolute from the public URL) to
/// the rest of the period when the answer covers only its first part.
fn with_next<T: Serialize>(state: &AppState, path: &str, days: Option<&Days>, body: T) -> Response {
    let mut response = Json(body).into_response();
    if let Some((from, to)) = days.and_then(|d| d.next) {
        let url = state.absolute_url(&format!("{path}?from={from}&to={to}"));
        if let Ok(value) = format!("<{url}>; rel=\"next\"").parse() {
            response.headers_mut().insert(header::LINK, value);
        }
    }
    response
}

#[derive(Serialize, ToSchema)]
pub struct OrganizerOut {
    pub id: i64,
    pub name: String,
}
