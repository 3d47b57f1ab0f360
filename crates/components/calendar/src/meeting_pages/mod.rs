//! The pages of meetings, one file per page group: a series read as a numbered list of
//! meetings, each with its outcomes (`series`), one meeting's record — agenda, attendance,
//! minutes, decisions, action items (`meeting_record`), the action-item trackers of a series
//! and of a space (`trackers`), and e-mail invitations (`invitations`). Here: what they share.

mod invitations;
mod meeting_record;
mod series;
mod trackers;

pub use invitations::invite;
pub use meeting_record::{meeting, record};
pub use series::series;
pub use trackers::{series_actions, set_action_status, space_actions, TrackerQuery};

use crate::meetings::{self, ActionItem};
use crate::pages::long_date;
use crate::service;
use crate::store::{self, EventRow};
use chrono::{Duration, Utc};
use cospace_core::calendar::meeting;
use cospace_core::calendar::recurrence::Occurrence;
use cospace_web::error::PageError;
use cospace_web::pages::Page;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

/// An action item as the trackers and meeting pages show it.
pub struct ActionRow {
    pub id: i64,
    pub title: String,
    pub owner: String,
    pub due: String,
    pub status: String,
    pub status_code: String,
    /// The status itself, for filtering.
    pub state: meeting::ActionStatus,
    pub overdue: bool,
    pub meeting: String,
    pub meeting_href: String,
    pub follow_up: Option<(String, String)>,
}

pub(super) fn action_row(
    page: &Page,
    base: &str,
    item: &ActionItem,
    numbers: &[(String, usize)],
) -> ActionRow {
    let today = Utc::now().date_naive();
    let key = store::parse_local(&item.recurrence_id)
        .map(meetings::occurrence_key)
        .unwrap_or_default();
    let number = numbers.iter().find(|(k, _)| *k == key).map(|(_, n)| *n);
    ActionRow {
        id: item.id,
        title: item.title.clone(),
        owner: item.owner_name.clone().unwrap_or_default(),
        due: item.due().map(|d| long_date(page, d)).unwrap_or_default(),
        status: page.t(&item.status.label_key()),
        status_code: item.status.as_str().to_owned(),
        state: *item.status,
        overdue: meeting::is_overdue(item.due(), *item.status, today),
        meeting: number
            .map(|n| page.l.tn("meeting-number", n as i64))
            .unwrap_or_else(|| item.recurrence_id.replace('T', " ")),
        meeting_href: format!("{base}/events/{}/meetings/{key}", item.event_id),
        follow_up: item.follow_up_event_id.map(|id| {
            (
                format!("{base}/events/{id}"),
                item.follow_up_title.clone().unwrap_or_default(),
            )
        }),
    }
}

/// The occurrences of a series from its start to a year ahead, numbered from 1 (cancelled ones
/// are skipped, as a list of meetings that took place would).
pub(super) fn numbered(event: &EventRow, details: &store::Details) -> Vec<(usize, Occurrence)> {
    let rule = event.rule();
    let series = store::series(event, rule.as_ref(), details);
    let first = event.zone().to_utc(event.timing().local_start());
    series
        .occurrences(
            first - Duration::days(1),
            Utc::now().max(first) + Duration::days(366),
        )
        .into_iter()
        .filter(|o| !o.cancelled)
        .enumerate()
        .map(|(i, o)| (i + 1, o))
        .collect()
}

pub(super) fn numbers(list: &[(usize, Occurrence)]) -> Vec<(String, usize)> {
    list.iter()
        .map(|(n, o)| (meetings::occurrence_key(o.recurrence_id), *n))
        .collect()
}

pub(super) async fn load_event(
    state: &AppState,
    context: &SpaceContext,
    id: i64,
) -> Result<EventRow, PageError> {
    Ok(service::event_in(state, context, id).await?)
}
