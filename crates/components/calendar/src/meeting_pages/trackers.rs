//! The action-item trackers: every item of a series, or of a space and the spaces below it —
//! open, overdue or all — and moving an item on.

use super::{action_row, load_event, numbered, numbers, ActionRow};
use crate::meetings;
use crate::pages::base;
use crate::permissions::Action;
use crate::service::{self, allows};
use crate::store;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use cospace_core::calendar::meeting::ActionStatus;
use cospace_web::error::PageError;
use cospace_web::kit::FormData;
use cospace_web::kit::SpaceHeader;
use cospace_web::pages::{redirect_with_flash, render, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct TrackerQuery {
    #[serde(default)]
    show: String,
}

#[derive(Template)]
#[template(path = "actions.html")]
struct ActionsTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    heading: String,
    here: String,
    show: String,
    rows: Vec<ActionRow>,
    overdue: i64,
    statuses: Vec<(String, String)>,
}

fn tracker(
    page: Page,
    header: SpaceHeader,
    base: String,
    heading: String,
    here: String,
    show: &str,
    rows: Vec<ActionRow>,
) -> Result<Response, PageError> {
    let overdue = rows.iter().filter(|r| r.overdue).count() as i64;
    let show = match show {
        "overdue" | "all" => show.to_owned(),
        _ => "open".to_owned(),
    };
    let rows = rows
        .into_iter()
        .filter(|r| match show.as_str() {
            "overdue" => r.overdue,
            "open" => !r.state.is_closed(),
            _ => true,
        })
        .collect();
    render(&ActionsTemplate {
        statuses: ActionStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), page.t(&s.label_key())))
            .collect(),
        header,
        base,
        heading,
        here,
        show,
        rows,
        overdue,
        page,
    })
}

/// `GET …/events/{id}/actions`: every action item of a series.
pub async fn series_actions(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    Query(query): Query<TrackerQuery>,
) -> Result<Response, PageError> {
    let base = base(&context);
    let here = format!("{base}/events/{id}/actions");
    context.require_that(allows(&context, Action::Read), &here)?;
    let event = load_event(&state, &context, id).await?;
    let details = store::details(&state.db, &[id]).await?;
    let numbers = numbers(&numbered(&event, &details));
    let items = meetings::action_items_of_series(&state.db, id).await?;
    let rows = items
        .iter()
        .map(|a| action_row(&page, &base, a, &numbers))
        .collect();
    let heading = page.ta("actions-of-series", "event", &event.title);
    let header = SpaceHeader::new(&state, &page, &context);
    tracker(page, header, base, heading, here, &query.show, rows)
}

/// `GET …/calendar/actions`: every action item of the space's events (children included).
pub async fn space_actions(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<TrackerQuery>,
) -> Result<Response, PageError> {
    let base = base(&context);
    let here = format!("{base}/actions");
    context.require_that(allows(&context, Action::Read), &here)?;
    let scope = service::scope(&state, &context).await?;
    let items = meetings::action_items_in(&state.db, &scope).await?;
    let rows = items
        .iter()
        .map(|a| action_row(&page, &base, a, &[]))
        .collect();
    let heading = page.t("actions-heading");
    let header = SpaceHeader::new(&state, &page, &context);
    tracker(page, header, base, heading, here, &query.show, rows)
}

/// `POST …/calendar/actions/{item}`: moves an action item on.
pub async fn set_action_status(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, item)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let base = base(&context);
    let back = match form.get("back") {
        b if b.starts_with(&format!("{base}/")) => b.to_owned(),
        _ => format!("{base}/actions"),
    };
    context.require_that(allows(&context, Action::Plan), &back)?;
    let actor = context.signed_in_user(&back)?;
    let item = meetings::action_item(&state.db, item).await?;
    service::event_in(&state, &context, item.event_id).await?;
    let status = ActionStatus::parse(form.get("status"))
        .map_err(|_| PageError::BadRequest("error-invalid"))?;
    meetings::set_action_status(&state, &context, &actor, &item, status).await?;
    Ok(redirect_with_flash(&state, &back, "flash-action-updated"))
}
