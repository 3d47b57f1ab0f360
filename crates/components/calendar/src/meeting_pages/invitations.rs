//! Inviting organisations to an event by e-mail, with an iCalendar invitation they can accept.

use super::load_event;
use crate::meetings;
use crate::pages::base;
use crate::permissions::Action;
use crate::service::{allows, ServiceError};
use axum::extract::{Path, State};
use axum::response::Response;
use cospace_web::error::PageError;
use cospace_web::kit::FormData;
use cospace_web::pages::redirect_with_flash;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

/// `POST …/events/{id}/invite`: invites organisations by e-mail.
pub async fn invite(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    let base = base(&context);
    let here = format!("{base}/events/{id}");
    context.require_that(allows(&context, Action::Plan), &here)?;
    let actor = context.signed_in_user(&here)?;
    let event = load_event(&state, &context, id).await?;
    let organizations: Vec<i64> = form
        .all("organizations")
        .iter()
        .filter_map(|o| o.parse().ok())
        .collect();
    let url = state.absolute_url(&here);
    match meetings::invite(&state, &context, &actor, &event, &organizations, &url).await {
        Ok(_) => Ok(redirect_with_flash(&state, &here, "flash-invitations-sent")),
        Err(ServiceError::Invalid(_)) => {
            Ok(redirect_with_flash(&state, &here, "flash-invitations-none"))
        }
        Err(other) => Err(other.into()),
    }
}
