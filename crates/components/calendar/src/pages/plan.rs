//! Submitting a plan: validation, the clash warnings (live while the form is filled in, and
//! before saving unless acknowledged), and saving a new or changed event through the use cases.

use super::form::{event_form, event_input, FormValues};
use super::{base, editable_event, reason, require, when, ClashRow};
use crate::permissions::Action;
use crate::service::{self, DraftClash, ServiceError};
use crate::store::{self, EventRow};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use cospace_core::calendar::event::EventDraft;
use cospace_core::Invalid;
use cospace_web::error::PageError;
use cospace_web::kit::FormData;
use cospace_web::pages::{redirect_with_flash, render, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

fn draft_clash_rows(page: &Page, base: &str, clashes: &[DraftClash]) -> Vec<ClashRow> {
    clashes
        .iter()
        .map(|c| ClashRow {
            other_title: c.other.title.clone(),
            other_href: format!("{base}/events/{}", c.other.id),
            other_id: c.other.id,
            when: when(page, &c.other, &c.occurrence),
            reason: reason(page, c.place, c.audiences),
            organizers: c
                .other_organizers
                .iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })
        .collect()
}

/// What happened to a submitted plan.
enum Checked {
    Invalid(Invalid),
    Clashes(Vec<DraftClash>),
    Ready(Box<EventDraft>),
}

async fn check(
    state: &AppState,
    context: &SpaceContext,
    form: &FormData,
    editing: Option<i64>,
) -> Result<Checked, PageError> {
    let input = event_input(form);
    let draft = match EventDraft::parse(&input) {
        Ok(draft) => draft,
        Err(invalid) => return Ok(Checked::Invalid(invalid)),
    };
    let actor = context.signed_in_user(&base(context))?;
    let editing_row = match editing {
        Some(id) => Some(store::event(&state.db, id).await?),
        None => None,
    };
    let venue_point =
        match service::check_references(state, context, &actor, &draft, editing_row.as_ref()).await
        {
            Ok(point) => point,
            Err(ServiceError::Invalid(invalid)) => return Ok(Checked::Invalid(invalid)),
            Err(other) => return Err(other.into()),
        };
    if form.get("confirm_clashes").is_empty() {
        let clashes =
            service::clashes_for_draft(state, context, &draft, venue_point, editing).await?;
        if !clashes.is_empty() {
            return Ok(Checked::Clashes(clashes));
        }
    }
    Ok(Checked::Ready(Box::new(draft)))
}

pub async fn create_event(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    let action = format!("{}/events/new", base(&context));
    require(&context, Action::Plan, &action)?;
    submit_plan(&state, page, &context, &form, action, None).await
}

/// Planning a new event (`editing` is `None`) or changing one: validate, warn of clashes
/// unless they were acknowledged, then save; the form comes back with whatever stopped it.
async fn submit_plan(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    form: &FormData,
    action: String,
    editing: Option<&EventRow>,
) -> Result<Response, PageError> {
    let base = base(context);
    let actor = context.signed_in_user(&action)?;
    let heading = if editing.is_some() {
        "event-edit"
    } else {
        "event-new"
    };
    let values = FormValues {
        input: event_input(form),
    };
    let (invalid, clashes) = match check(state, context, form, editing.map(|e| e.id)).await? {
        Checked::Invalid(invalid) => (invalid, Vec::new()),
        Checked::Clashes(clashes) => (Invalid::default(), draft_clash_rows(&page, &base, &clashes)),
        Checked::Ready(draft) => {
            let saved = match editing {
                None => service::create_event(state, context, &actor, &draft)
                    .await
                    .map(|id| (id, "flash-event-planned")),
                Some(event) => service::update_event(state, context, &actor, event, &draft)
                    .await
                    .map(|()| (event.id, "flash-event-saved")),
            };
            match saved {
                Ok((id, flash)) => {
                    return Ok(redirect_with_flash(
                        state,
                        &format!("{base}/events/{id}"),
                        flash,
                    ))
                }
                Err(ServiceError::Invalid(invalid)) => (invalid, Vec::new()),
                Err(other) => return Err(other.into()),
            }
        }
    };
    event_form(
        state, page, context, heading, action, values, invalid, clashes,
    )
    .await
}

#[derive(Template)]
#[template(path = "clash_check.html")]
struct ClashCheckTemplate {
    page: Page,
    clashes: Vec<ClashRow>,
    joining_as: Vec<store::Organizer>,
    checked: bool,
}

/// `POST …/calendar/clash-check`: the form's live warning (the script posts the form as it is
/// filled in and shows this fragment). Invalid input just shows nothing yet.
pub async fn clash_check(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Plan, &format!("{base}/events/new"))?;
    let editing: Option<i64> = form.get("editing").parse().ok();
    let (clashes, checked) = match check(&state, &context, &form, editing).await? {
        Checked::Clashes(clashes) => (draft_clash_rows(&page, &base, &clashes), true),
        Checked::Ready(_) => (Vec::new(), true),
        Checked::Invalid(_) => (Vec::new(), false),
    };
    let joining_as = service::my_organizations_here(&state, &context).await?;
    render(&ClashCheckTemplate {
        page,
        clashes,
        joining_as,
        checked,
    })
}

pub async fn edit_event(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let action = format!("{}/events/{id}/edit", base(&context));
    require(&context, Action::Plan, &action)?;
    context.signed_in_user(&action)?;
    // Refused before the draft is checked, as the form is: someone who may not edit the
    // event gets no clash report or re-rendered form for it.
    let event = editable_event(&state, &context, id).await?;
    submit_plan(&state, page, &context, &form, action, Some(&event)).await
}
