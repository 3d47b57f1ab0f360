//! An event's page — when, where, who, its next dates with their changes, its clashes — and
//! what is done from it: joining as co-organiser, cancelling, changing or cancelling one date.

use super::{base, reason, require, when, ClashRow};
use crate::permissions::Action;
use crate::service::{self, allows};
use crate::store::{self, EventRow};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::{Duration, Utc};
use cospace_core::calendar::clash::Rules;
use cospace_core::calendar::event::{EventKind, EventStatus};
use cospace_core::calendar::indicators;
use cospace_core::calendar::recurrence::Occurrence;
use cospace_web::error::PageError;
use cospace_web::kit::FormData;
use cospace_web::kit::SpaceHeader;
use cospace_web::pages::{redirect_with_flash, render, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

/// One of the next dates of a series on its page, with what its change form starts from.
pub struct UpcomingDate {
    label: String,
    key: String,
    changed: bool,
    cancelled: bool,
    /// The date's own title and description, when a change gave it one.
    title: Option<String>,
    description: Option<String>,
    start_date: String,
    start_time: String,
    end_time: String,
}

#[derive(Template)]
#[template(path = "event.html")]
struct EventTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    event: EventRow,
    kind: String,
    status: String,
    cancelled: bool,
    when: String,
    rule: Option<String>,
    /// Next dates.
    upcoming: Vec<UpcomingDate>,
    recurring: bool,
    place: String,
    venue_href: Option<String>,
    organizers: Vec<(i64, String)>,
    /// Links to the organisers' pages, where the component that shows them is enabled.
    organizer_hrefs: std::collections::HashMap<i64, String>,
    common: bool,
    audiences: Vec<String>,
    description: Vec<String>,
    can_edit: bool,
    joinable: Vec<store::Organizer>,
    clashes: Vec<ClashRow>,
    /// Meetings and series have a page of their meetings with agenda, minutes and outcomes.
    has_meetings: bool,
    invitable: Vec<store::Organizer>,
    invited: Vec<(i64, String)>,
}

pub async fn event(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Read, &format!("{base}/events/{id}"))?;
    let event = service::event_in(&state, &context, id).await?;
    let details = store::details(&state.db, &[id]).await?;
    let rule = event.rule();
    let series = store::series(&event, rule.as_ref(), &details);
    let now = Utc::now();
    let first_start = event.zone().to_utc(event.timing().local_start());
    let from = if rule.is_some() {
        now.min(first_start)
    } else {
        first_start - Duration::days(1)
    };
    let occurrences = series.occurrences(from, from + Duration::days(800));
    let first = occurrences
        .iter()
        .find(|o| o.end >= now)
        .or(occurrences.first())
        .cloned()
        .unwrap_or(Occurrence {
            recurrence_id: event.timing().local_start(),
            start: first_start,
            end: first_start,
            local_start: event.timing().local_start(),
            local_end: event.timing().local_end(),
            changed: false,
            cancelled: false,
            title: None,
            description: None,
            address: None,
        });
    let organizers = details.organizers.get(&id).cloned().unwrap_or_default();
    let can_edit = service::may_edit(&state, &context, &event).await?;
    let joinable = if allows(&context, Action::Plan) {
        service::my_organizations_here(&state, &context)
            .await?
            .into_iter()
            .filter(|o| !organizers.iter().any(|(id, _)| *id == o.id))
            .collect()
    } else {
        Vec::new()
    };
    // Clashes of this event over the next year, as the coordination page finds them.
    let clash_from = now.min(first.start);
    let scope = service::clash_scope(&state, &context).await?;
    let window =
        service::window(&state, &scope, clash_from, clash_from + Duration::days(366)).await?;
    let clashes = service::clashes(&window, Rules::default());
    let clash_rows: Vec<ClashRow> = clashes
        .iter()
        .filter_map(|c| {
            let (a, b) = (&window.occurrences[c.first], &window.occurrences[c.second]);
            let (mine, other) = if window.event(a.0).id == id {
                (a, b)
            } else if window.event(b.0).id == id {
                (b, a)
            } else {
                return None;
            };
            let _ = mine;
            let row = window.event(other.0);
            Some(ClashRow {
                other_title: row.title.clone(),
                other_href: format!("{base}/events/{}", row.id),
                other_id: row.id,
                when: when(&page, row, &other.1),
                reason: reason(&page, c.place, c.audiences),
                organizers: window
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
            })
        })
        .take(20)
        .collect();
    let upcoming = occurrences
        .iter()
        .filter(|o| o.end >= now)
        .take(8)
        .map(|o| UpcomingDate {
            label: when(&page, &event, o),
            key: crate::meetings::occurrence_key(o.recurrence_id),
            changed: o.changed,
            cancelled: o.cancelled,
            title: o.title.clone(),
            description: o.description.clone(),
            start_date: o.local_start.format("%Y-%m-%d").to_string(),
            start_time: o.local_start.format("%H:%M").to_string(),
            end_time: o.local_end.format("%H:%M").to_string(),
        })
        .collect();
    render(&EventTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        kind: page.t(&event.kind.label_key()),
        status: page.t(&event.status.label_key()),
        cancelled: event.status == EventStatus::Cancelled,
        when: when(&page, &event, &first),
        rule: event.rrule.clone(),
        upcoming,
        recurring: event.rrule.is_some() || details.rdates.contains_key(&id),
        place: event.place(),
        venue_href: event
            .venue_id
            .and_then(|v| crate::lookups::venue_href(&state, &context, v)),
        common: indicators::is_common(&organizers.iter().map(|(id, _)| *id).collect::<Vec<_>>()),
        audiences: details
            .audiences
            .get(&id)
            .into_iter()
            .flatten()
            .map(|a| page.t(&a.label_key()))
            .collect(),
        description: event.description.lines().map(str::to_owned).collect(),
        organizer_hrefs: crate::lookups::organization_hrefs(&state, &context, &organizers),
        organizers,
        can_edit,
        joinable,
        clashes: clash_rows,
        has_meetings: event.kind == EventKind::Meeting || event.rrule.is_some(),
        invitable: if can_edit {
            service::organizer_choices(&state, &context).await?
        } else {
            Vec::new()
        },
        invited: crate::meetings::invitations(&state.db, id).await?,
        base,
        event,
        page,
    })
}

pub async fn join_event(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let base = base(&context);
    let here = format!("{base}/events/{id}");
    require(&context, Action::Plan, &here)?;
    let actor = context.signed_in_user(&here)?;
    let event = service::event_in(&state, &context, id).await?;
    let organization: i64 = form
        .get("organization")
        .parse()
        .map_err(|_| PageError::BadRequest("error-invalid"))?;
    let added = service::join_event(&state, &context, &actor, &event, organization).await?;
    let flash = if added {
        "flash-event-joined"
    } else {
        "flash-event-already-organizer"
    };
    Ok(redirect_with_flash(&state, &here, flash))
}

pub async fn cancel_event(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let base = base(&context);
    let here = format!("{base}/events/{id}");
    require(&context, Action::Plan, &here)?;
    let actor = context.signed_in_user(&here)?;
    let event = service::event_in(&state, &context, id).await?;
    service::cancel_event(&state, &context, &actor, &event).await?;
    Ok(redirect_with_flash(&state, &here, "flash-event-cancelled"))
}

/// A date's own text from the form: blank keeps the series' text (`Some(None)`), too long is
/// refused (`None`).
fn own_text(input: &str, max: usize) -> Option<Option<String>> {
    let text = input.trim();
    if text.chars().count() > max {
        return None;
    }
    Some((!text.is_empty()).then(|| text.to_owned()))
}

/// `POST …/events/{id}/occurrences/{occurrence}`: cancels or moves one date of a series (it
/// is published as a changed occurrence with its RECURRENCE-ID, so subscribers see it too).
pub async fn change_occurrence(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, id, key)): Path<(String, i64, String)>,
    form: FormData,
) -> Result<Response, PageError> {
    let base = base(&context);
    let here = format!("{base}/events/{id}");
    require(&context, Action::Plan, &here)?;
    let actor = context.signed_in_user(&here)?;
    let event = service::event_in(&state, &context, id).await?;
    let recurrence_id = crate::meetings::parse_occurrence_key(&key).ok_or(PageError::NotFound)?;
    let change = match form.get("change") {
        "cancel" => service::OccurrenceChange::Cancel,
        "restore" => service::OccurrenceChange::Restore,
        "move" => {
            let date =
                cospace_core::calendar::time::parse_date("start_date", form.get("start_date"));
            let start =
                cospace_core::calendar::time::parse_time("start_time", form.get("start_time"));
            let end = cospace_core::calendar::time::parse_time("end_time", form.get("end_time"));
            let (Some(title), Some(description)) = (
                own_text(form.get("title"), 200),
                own_text(
                    form.get("description"),
                    cospace_core::calendar::event::MAX_DESCRIPTION,
                ),
            ) else {
                return Ok(redirect_with_flash(
                    &state,
                    &here,
                    "flash-occurrence-text-invalid",
                ));
            };
            match (date, start, end) {
                (Ok(date), Ok(start), Ok(end)) if end > start => service::OccurrenceChange::Move {
                    start: date.and_time(start),
                    end: date.and_time(end),
                    title,
                    description,
                },
                _ => {
                    return Ok(redirect_with_flash(
                        &state,
                        &here,
                        "flash-occurrence-invalid",
                    ))
                }
            }
        }
        _ => return Err(PageError::BadRequest("error-invalid")),
    };
    service::change_occurrence(&state, &context, &actor, &event, recurrence_id, change).await?;
    Ok(redirect_with_flash(
        &state,
        &here,
        "flash-occurrence-changed",
    ))
}
