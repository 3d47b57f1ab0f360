//! The about component's part of the demo world: every member of a demo space is welcomed with
//! a notification pointing to its about page. The spaces and members are the platform's seed;
//! this one only calls the component's own use case, so running it again adds nothing.

use crate::service;
use cospace_web::kit::demo::DemoWorld;
use cospace_web::{AppState, BoxFuture, ServiceError};

/// The spaces whose members the demo welcomes.
const WELCOMING: &[&str] = &["azory", "co-creation-roundtable"];

/// The component's demo seed.
pub fn seed<'a>(
    state: &'a AppState,
    world: &'a DemoWorld,
) -> BoxFuture<'a, Result<(), ServiceError>> {
    Box::pin(async move {
        for slug in WELCOMING {
            if world.space(&state.db, slug).await?.is_none() {
                continue;
            }
            let context = world.context(&state.db, slug).await?;
            service::welcome_members(state, &context, &world.admin).await?;
        }
        Ok(())
    })
}
