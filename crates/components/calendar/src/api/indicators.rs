//! The monthly indicators in the API: events, common actions, participants and organisations
//! involved, per month of a period (by default this calendar year).

use super::{context, PeriodParams};
use crate::permissions::Action;
use crate::service::allows;
use axum::extract::{Path, Query, State};
use axum::Json;
use chrono::Utc;
use cospace_core::calendar::indicators::MonthFigures;
use cospace_core::calendar::report;
use cospace_core::Invalid;
use cospace_web::error::ApiError;
use cospace_web::platform::api::{ApiCaller, Problem};
use cospace_web::AppState;
use serde::Serialize;
use utoipa::ToSchema;

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
        month: report::month_label(f),
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
pub(super) async fn get_indicators(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(params): Query<PeriodParams>,
) -> Result<Json<Vec<IndicatorOut>>, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    context.require_api(allows(&context, Action::Read))?;
    let (from, to) = params.dates()?;
    let (from, to) = report::year_period(from, to, Utc::now().date_naive())
        .map_err(|_| ApiError::Invalid(Invalid::one("to", "error-period")))?;
    let figures = crate::indicators::figures(&state, &context, from, to).await?;
    Ok(Json(figures.iter().map(indicator_out).collect()))
}
