//! The about component's use cases: each checks permission, writes, notifies and logs in one
//! transaction.

use crate::permissions::{self, AboutAction};
use cospace_store::accounts::User;
use cospace_store::activity::{self, Activity};
use cospace_store::{notifications, spaces};
use cospace_web::space_context::SpaceContext;
use cospace_web::{AppState, ServiceError};

/// The message of a welcome.
pub const WELCOME: &str = "about-welcome";

/// Welcomes each member of the space not welcomed yet with a notification that points to the
/// about page; logs how many. Returns that number (0: nothing was written).
pub async fn welcome_members(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
) -> Result<usize, ServiceError> {
    permissions::check(context, AboutAction::WelcomeMembers)?;
    let space = &context.space;
    let link = format!("/spaces/{}/about", space.slug);
    let mut newcomers = Vec::new();
    for member in spaces::members(&state.db, space.id()).await? {
        let user = cospace_core::UserId(member.user_id);
        let welcomed = notifications::recent(&state.db, user, 100)
            .await?
            .iter()
            .any(|n| n.message_key == WELCOME && n.link == link);
        if !welcomed {
            newcomers.push(user);
        }
    }
    if newcomers.is_empty() {
        return Ok(0);
    }
    let mut tx = state.db.begin().await?;
    for user in &newcomers {
        let args = serde_json::json!({ "space": space.title });
        notifications::notify(&mut tx, *user, WELCOME, args, &link).await?;
    }
    activity::record(
        &mut tx,
        Activity {
            actor: Some(actor.id()),
            space: Some(space.id()),
            action: "about.welcome",
            subject_type: "space",
            subject_id: space.id.to_string(),
            details: serde_json::json!({ "members": newcomers.len() }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(newcomers.len())
}
