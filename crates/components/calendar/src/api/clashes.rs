//! Clashes in the API: every clash of a period — same place at overlapping times, or the same
//! audience on the same day — and the shape a clash has wherever the API reports one.

use super::{context, period, with_next, PeriodParams};
use crate::permissions::Action;
use crate::service::{self, allows};
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use cospace_core::calendar::clash::{Place, Rules};
use cospace_core::calendar::event::AudienceSet;
use cospace_core::{FieldError, Invalid};
use cospace_web::error::ApiError;
use cospace_web::kit::{ApiCaller, Problem};
use cospace_web::AppState;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// How near two places must be to count as the same.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DistanceParams {
    /// The distance in metres within which two places count as the same (default 150).
    #[param(minimum = 0, maximum = 5000)]
    pub(super) distance: Option<f64>,
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
    pub(super) fn new(
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
        (status = 200, description = "Every clash in the period: same place (venue, or within the distance) at overlapping times, or the same audience on the same day. Of a period longer than 400 days, the first 400 days; a `Link: <…>; rel=\"next\"` header gives the rest.", body = [ClashOut],
            headers(("Link" = String, description = "The rest of the period (RFC 8288), when the answer covers only its first part"))),
        (status = 422, description = "`from` or `to` is not a date, or the distance is out of range", body = Problem, content_type = "application/problem+json"),
    ))]
pub(super) async fn list_clashes(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(params): Query<PeriodParams>,
    Query(near): Query<DistanceParams>,
) -> Result<Response, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    context.require_api(allows(&context, Action::Read))?;
    let days = period(&params)?;
    let distance = near.distance.unwrap_or(Rules::default().distance_m);
    if !(0.0..=5000.0).contains(&distance) {
        return Err(ApiError::Invalid(Invalid(vec![FieldError::with_arg(
            "distance",
            "error-distance",
            5000,
        )])));
    }
    let Some(days) = days else {
        return Ok(Json(Vec::<ClashOut>::new()).into_response());
    };
    let (from, to) = days.instants();
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
    let clashes: Vec<ClashOut> = service::clashes(
        &window,
        Rules {
            distance_m: distance,
        },
    )
    .iter()
    .map(|c| ClashOut::new(side(c.first), side(c.second), c.place, c.audiences))
    .collect();
    let path = format!("/api/v1/spaces/{slug}/clashes");
    Ok(with_next(&state, &path, Some(&days), clashes))
}
