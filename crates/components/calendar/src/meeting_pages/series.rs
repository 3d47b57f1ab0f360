//! A meeting series read as its list of meetings ("1st meeting … 5th meeting"), the past ones
//! with what they recorded and the next three.

use super::{action_row, load_event, numbered, numbers, ActionRow};
use crate::meetings;
use crate::pages::{base, when};
use crate::permissions::Action;
use crate::service::allows;
use crate::store::{self, local_text, EventRow};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::Utc;
use cospace_core::calendar::meeting;
use cospace_web::error::PageError;
use cospace_web::kit::SpaceHeader;
use cospace_web::pages::{render, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

/// One meeting of a series as the series page lists it.
pub struct MeetingSummary {
    pub title: String,
    pub href: String,
    pub when: String,
    pub past: bool,
    pub people: Option<i64>,
    pub agenda: Vec<String>,
    pub decisions: Vec<String>,
    pub actions: Vec<ActionRow>,
    pub minutes_html: String,
}

#[derive(Template)]
#[template(path = "series.html")]
struct SeriesTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    event: EventRow,
    meetings: Vec<MeetingSummary>,
    invited: Vec<(i64, String)>,
    overdue: i64,
}

pub async fn series(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let base = base(&context);
    context.require_that(
        allows(&context, Action::Read),
        &format!("{base}/events/{id}/meetings"),
    )?;
    let event = load_event(&state, &context, id).await?;
    let details = store::details(&state.db, &[id]).await?;
    let list = numbered(&event, &details);
    let numbers = numbers(&list);
    let records = meetings::meetings_of(&state.db, id).await?;
    let agenda = meetings::lines(&state.db, "calendar_agenda_items", id).await?;
    let decisions = meetings::lines(&state.db, "calendar_decisions", id).await?;
    let actions = meetings::action_items_of_series(&state.db, id).await?;
    let now = Utc::now();
    let mut summaries = Vec::new();
    let mut upcoming = 0;
    for (number, occurrence) in &list {
        let past = occurrence.start <= now;
        if !past {
            upcoming += 1;
            if upcoming > 3 {
                break;
            }
        }
        let record = records
            .iter()
            .find(|m| m.recurrence_id == local_text(occurrence.recurrence_id));
        let meeting_id = record.map(|m| m.id);
        let key = meetings::occurrence_key(occurrence.recurrence_id);
        summaries.push(MeetingSummary {
            title: page.l.tn("meeting-number", *number as i64),
            href: format!("{base}/events/{id}/meetings/{key}"),
            when: when(&page, &event, occurrence),
            past,
            people: record.and_then(|m| m.people),
            agenda: agenda
                .iter()
                .filter(|l| Some(l.meeting_id) == meeting_id)
                .map(|l| l.text.clone())
                .collect(),
            decisions: decisions
                .iter()
                .filter(|l| Some(l.meeting_id) == meeting_id)
                .map(|l| l.text.clone())
                .collect(),
            actions: actions
                .iter()
                .filter(|a| Some(a.meeting_id) == meeting_id)
                .map(|a| action_row(&page, &base, a, &numbers))
                .collect(),
            minutes_html: record
                .map(|m| cospace_core::markdown::render(&m.minutes))
                .unwrap_or_default(),
        });
    }
    let today = now.date_naive();
    render(&SeriesTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        overdue: actions
            .iter()
            .filter(|a| meeting::is_overdue(a.due(), *a.status, today))
            .count() as i64,
        invited: meetings::invitations(&state.db, id).await?,
        meetings: summaries,
        base,
        event,
        page,
    })
}
