//! The coordination page: every clash of a period in the space and the spaces below it, with
//! who could join whom, and the common actions already planned together.

use super::{base, entry, instant, long_date, period, reason, require, when, Entry, PeriodQuery};
use crate::permissions::Action;
use crate::service::{self, ClashFound};
use crate::store::{self, EventRow};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use chrono::Duration;
use cospace_core::calendar::clash::Rules;
use cospace_core::calendar::indicators;
use cospace_core::calendar::recurrence::Occurrence;
use cospace_web::error::PageError;
use cospace_web::kit::SpaceHeader;
use cospace_web::pages::{render, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

/// A clash on the coordination page: both sides, why, and who could join whom.
pub struct CoordinationRow {
    pub date: String,
    pub first: (String, String, String, String),
    pub second: (String, String, String, String),
    pub reason: String,
    /// Where the later-planned event's organisers join the earlier one.
    pub join_href: String,
    pub suggestion: String,
    /// Organisations the reader administers that could join it.
    pub can_join_as: Vec<store::Organizer>,
}

#[derive(Template)]
#[template(path = "coordination.html")]
struct CoordinationTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    from: String,
    to: String,
    distance: String,
    rows: Vec<CoordinationRow>,
    common: Vec<Entry>,
    clash_count: i64,
    common_count: i64,
}

pub async fn coordination(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Read, &format!("{base}/coordination"))?;
    let (from, to) = period(&query.from, &query.to)?;
    let distance = if query.distance.is_empty() {
        Rules::default().distance_m
    } else {
        query
            .distance
            .parse::<f64>()
            .ok()
            .filter(|d| (0.0..=5000.0).contains(d))
            .ok_or(PageError::BadRequest("error-distance"))?
    };
    let scope = service::scope(&state, &context).await?;
    let window = service::window(
        &state,
        &scope,
        instant(from),
        instant(to + Duration::days(1)),
    )
    .await?;
    let clashes = service::clashes(
        &window,
        Rules {
            distance_m: distance,
        },
    );
    let slugs = crate::ics::slugs(&state, scope.iter().map(|s| s.0)).await?;
    let base_of = |row: &EventRow| {
        format!(
            "/spaces/{}/calendar",
            slugs.get(&row.space_id).map(String::as_str).unwrap_or("")
        )
    };
    let mine = service::my_organizations_here(&state, &context).await?;
    let side = |index: usize, occurrence: &Occurrence| {
        let row = window.event(index);
        (
            row.title.clone(),
            format!("{}/events/{}", base_of(row), row.id),
            when(&page, row, occurrence),
            window
                .details
                .organizers
                .get(&row.id)
                .map(|o| {
                    o.iter()
                        .map(|(_, n)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default(),
        )
    };
    let rows: Vec<CoordinationRow> = clashes
        .iter()
        .take(500)
        .map(|c: &ClashFound| {
            let (a, b) = (&window.occurrences[c.first], &window.occurrences[c.second]);
            // The event planned first is the one to join.
            let (earlier, later) = if window.event(a.0).created_at <= window.event(b.0).created_at {
                (a, b)
            } else {
                (b, a)
            };
            let target = window.event(earlier.0);
            let joiner = window.event(later.0);
            let joiner_orgs = window.details.organizer_ids(joiner.id);
            let target_orgs = window.details.organizer_ids(target.id);
            CoordinationRow {
                date: long_date(&page, a.1.local_start.date()),
                first: side(a.0, &a.1),
                second: side(b.0, &b.1),
                reason: reason(&page, c.place, c.audiences),
                join_href: format!("{}/events/{}/join", base_of(target), target.id),
                suggestion: page.l.targs(
                    "coordination-suggestion",
                    &[
                        ("later", joiner.title.clone()),
                        ("earlier", target.title.clone()),
                    ],
                ),
                can_join_as: mine
                    .iter()
                    .filter(|o| joiner_orgs.contains(&o.id) && !target_orgs.contains(&o.id))
                    .cloned()
                    .collect(),
            }
        })
        .collect();
    let common: Vec<Entry> = window
        .occurrences
        .iter()
        .filter(|(index, o)| {
            let d = o.local_start.date();
            d >= from
                && d <= to
                && indicators::is_common(&window.details.organizer_ids(window.event(*index).id))
        })
        .map(|(index, o)| entry(&page, &window, &base_of, *index, o))
        .collect();
    render(&CoordinationTemplate {
        clash_count: clashes.len() as i64,
        common_count: common.len() as i64,
        header: SpaceHeader::new(&state, &page, &context),
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
        distance: format!("{distance:.0}"),
        rows,
        common,
        base,
        page,
    })
}
