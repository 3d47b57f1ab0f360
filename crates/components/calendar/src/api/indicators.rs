//! The monthly indicators in the API: events, common actions, participants and organisations
//! involved, per month of a period (by default this calendar year).

use super::{context, with_next, Days, PeriodParams};
use crate::permissions::Action;
use crate::service::allows;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{Datelike, NaiveDate, Utc};
use cospace_core::calendar::indicators::MonthFigures;
use cospace_core::calendar::report;
use cospace_web::error::ApiError;
use cospace_web::kit::{ApiCaller, Problem};
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
        (status = 200, description = "Per month: events, common actions, participants and organisations involved. Of a period longer than 3 × 366 days, the first 3 × 366 days; a `Link: <…>; rel=\"next\"` header gives the rest.", body = [IndicatorOut],
            headers(("Link" = String, description = "The rest of the period (RFC 8288), when the answer covers only its first part"))),
        (status = 422, description = "`from` or `to` is not a date", body = Problem, content_type = "application/problem+json"),
    ))]
pub(super) async fn get_indicators(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(params): Query<PeriodParams>,
) -> Result<Response, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    context.require_api(allows(&context, Action::Read))?;
    let (from, to) = params.dates()?;
    let today = Utc::now().date_naive();
    let from = from.unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today));
    let to = to.unwrap_or_else(|| NaiveDate::from_ymd_opt(from.year(), 12, 31).unwrap_or(from));
    let Some(days) = Days::cut(from, to, report::MAX_REPORT_DAYS) else {
        return Ok(Json(Vec::<IndicatorOut>::new()).into_response());
    };
    let figures = crate::indicators::figures(&state, &context, days.from, days.to).await?;
    let out: Vec<IndicatorOut> = figures.iter().map(indicator_out).collect();
    let path = format!("/api/v1/spaces/{slug}/indicators");
    Ok(with_next(&state, &path, Some(&days), out))
}
