//! The planning form of an event, new or edited: the organisers the planner may name, venues,
//! zones, repetition, and what was typed when it comes back with problems or clashes.

use super::{base, editable_event, require, vocabulary_options, ClashRow, Options};
use crate::permissions::{self, Action};
use crate::service;
use crate::store::{self, EventRow};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::{Duration, Utc};
use cospace_core::calendar::event::{Audience, EventInput, EventKind, EventStatus};
use cospace_core::calendar::recurrence::Repeat;
use cospace_core::Invalid;
use cospace_web::error::PageError;
use cospace_web::kit::FormData;
use cospace_web::kit::SpaceHeader;
use cospace_web::pages::{render_form, FormErrors, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

/// The values a form shows (what was typed, when re-rendered).
#[derive(Default, Clone)]
pub struct FormValues {
    pub input: EventInput,
}

impl FormValues {
    pub fn has_organizer(&self, id: &i64) -> bool {
        self.input
            .organizers
            .iter()
            .any(|o| o.trim() == id.to_string())
    }

    pub fn has_audience(&self, code: &str) -> bool {
        self.input.audiences.iter().any(|a| a == code)
    }

    pub fn all_day(&self) -> bool {
        self.input.all_day.as_deref().is_some_and(|v| !v.is_empty())
    }
}

pub fn event_input(form: &FormData) -> EventInput {
    EventInput {
        title: form.get("title").to_owned(),
        description: form.get("description").to_owned(),
        kind: form.get("kind").to_owned(),
        time_zone: form.get("time_zone").to_owned(),
        all_day: Some(form.get("all_day").to_owned()).filter(|v| !v.is_empty()),
        start_date: form.get("start_date").to_owned(),
        start_time: form.get("start_time").to_owned(),
        end_date: form.get("end_date").to_owned(),
        end_time: form.get("end_time").to_owned(),
        repeat: form.get("repeat").to_owned(),
        repeat_ends: form.get("repeat_ends").to_owned(),
        repeat_count: form.get("repeat_count").to_owned(),
        repeat_until: form.get("repeat_until").to_owned(),
        rrule: form.get("rrule").to_owned(),
        venue: form.get("venue").to_owned(),
        address: form.get("address").to_owned(),
        lat: form.get("lat").to_owned(),
        lon: form.get("lon").to_owned(),
        organizers: form.all("organizers"),
        audiences: form.all("audiences"),
        expected_participants: form.get("expected_participants").to_owned(),
        actual_participants: form.get("actual_participants").to_owned(),
        status: form.get("status").to_owned(),
    }
}

#[derive(Template)]
#[template(path = "event_form.html")]
struct EventFormTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    heading: String,
    action: String,
    values: FormValues,
    errors: FormErrors,
    kinds: Options,
    statuses: Options,
    audiences: Options,
    repeats: Options,
    /// The organisations the planner may name as organisers.
    organizers: Vec<store::Organizer>,
    venues: Vec<store::Venue>,
    venue: String,
    clashes: Vec<ClashRow>,
    /// The organisation the planner would join a clashing event for.
    joining_as: Vec<store::Organizer>,
    zones: Vec<&'static str>,
}

/// The zones offered first; any IANA name may be typed.
const COMMON_ZONES: &[&str] = &[
    "Europe/Warsaw",
    "Europe/London",
    "Europe/Paris",
    "Europe/Madrid",
    "Africa/Nairobi",
    "America/Recife",
    "America/Sao_Paulo",
    "America/Mexico_City",
    "Asia/Kolkata",
    "UTC",
];

#[allow(clippy::too_many_arguments)]
pub(super) async fn event_form(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    heading_key: &str,
    action: String,
    values: FormValues,
    errors: Invalid,
    clashes: Vec<ClashRow>,
) -> Result<Response, PageError> {
    let invalid = !errors.is_empty();
    let joining_as = service::my_organizations_here(state, context).await?;
    // Space admins name any organisation of the space; anyone else names their own (the ones
    // already on an edited event stay) and invites the others from the event's page.
    let name_any = permissions::names_any_organizer(context.role, context.space.visibility());
    let organizers: Vec<_> = service::organizer_choices(state, context)
        .await?
        .into_iter()
        .filter(|o| {
            name_any || values.has_organizer(&o.id) || joining_as.iter().any(|m| m.id == o.id)
        })
        .collect();
    let input = &values.input;
    let template = EventFormTemplate {
        header: SpaceHeader::new(state, &page, context),
        base: base(context),
        heading: page.t(heading_key),
        action,
        kinds: vocabulary_options(
            &page,
            EventKind::ALL,
            EventKind::as_str,
            EventKind::label_key,
            std::slice::from_ref(&input.kind),
        ),
        statuses: vocabulary_options(
            &page,
            EventStatus::ALL,
            EventStatus::as_str,
            EventStatus::label_key,
            std::slice::from_ref(&input.status),
        ),
        audiences: vocabulary_options(
            &page,
            Audience::ALL,
            Audience::as_str,
            Audience::label_key,
            &input.audiences,
        ),
        repeats: Repeat::ALL
            .iter()
            .map(|(_, code)| {
                (
                    code.to_string(),
                    page.t(&format!("repeat-{}", code.replace('_', "-"))),
                    input.repeat == *code,
                )
            })
            .chain(std::iter::once((
                "custom".to_owned(),
                page.t("repeat-custom"),
                input.repeat == "custom",
            )))
            .collect(),
        organizers,
        venues: service::venue_choices(state, context).await?,
        venue: input.venue.clone(),
        errors: FormErrors(errors),
        clashes,
        joining_as,
        zones: COMMON_ZONES.to_vec(),
        values,
        page,
    };
    render_form(&template, invalid)
}

pub async fn new_event_form(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    let action = format!("{}/events/new", base(&context));
    require(&context, Action::Plan, &action)?;
    let mine = service::my_organizations_here(&state, &context).await?;
    let values = FormValues {
        input: EventInput {
            time_zone: "Europe/Warsaw".to_owned(),
            kind: "action".to_owned(),
            start_date: (Utc::now().date_naive() + Duration::days(7))
                .format("%Y-%m-%d")
                .to_string(),
            start_time: "17:00".to_owned(),
            end_time: "19:00".to_owned(),
            organizers: mine
                .first()
                .map(|o| vec![o.id.to_string()])
                .unwrap_or_default(),
            ..EventInput::default()
        },
    };
    event_form(
        &state,
        page,
        &context,
        "event-new",
        action,
        values,
        Invalid::default(),
        Vec::new(),
    )
    .await
}

/// The input a stored event was made from, for its edit form.
fn input_of(event: &EventRow, details: &store::Details) -> EventInput {
    let timing = event.timing();
    let (start, end) = (timing.local_start(), timing.local_end());
    let end_shown = if event.all_day {
        end - Duration::days(1)
    } else {
        end
    };
    EventInput {
        title: event.title.clone(),
        description: event.description.clone(),
        kind: event.kind.as_str().to_owned(),
        time_zone: event.time_zone.clone(),
        all_day: event.all_day.then(|| "on".to_owned()),
        start_date: start.format("%Y-%m-%d").to_string(),
        start_time: if event.all_day {
            String::new()
        } else {
            start.format("%H:%M").to_string()
        },
        end_date: end_shown.format("%Y-%m-%d").to_string(),
        end_time: if event.all_day {
            String::new()
        } else {
            end.format("%H:%M").to_string()
        },
        repeat: if event.rrule.is_some() {
            "custom".to_owned()
        } else {
            String::new()
        },
        rrule: event.rrule.clone().unwrap_or_default(),
        venue: event.venue_id.map(|v| v.to_string()).unwrap_or_default(),
        address: event.address.clone(),
        lat: event.lat.map(|v| v.to_string()).unwrap_or_default(),
        lon: event.lon.map(|v| v.to_string()).unwrap_or_default(),
        organizers: details
            .organizer_ids(event.id)
            .iter()
            .map(|id| id.to_string())
            .collect(),
        audiences: details
            .audiences
            .get(&event.id)
            .into_iter()
            .flatten()
            .map(|a| a.as_str().to_owned())
            .collect(),
        expected_participants: event
            .expected_participants
            .map(|v| v.to_string())
            .unwrap_or_default(),
        actual_participants: event
            .actual_participants
            .map(|v| v.to_string())
            .unwrap_or_default(),
        status: event.status.as_str().to_owned(),
        ..EventInput::default()
    }
}

pub async fn edit_event_form(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    let action = format!("{}/events/{id}/edit", base(&context));
    require(&context, Action::Plan, &action)?;
    let event = editable_event(&state, &context, id).await?;
    let details = store::details(&state.db, &[id]).await?;
    let values = FormValues {
        input: input_of(&event, &details),
    };
    event_form(
        &state,
        page,
        &context,
        "event-edit",
        action,
        values,
        Invalid::default(),
        Vec::new(),
    )
    .await
}
