//! Spaces as the platform manages them: the space home page, creating nested spaces, editing,
//! members, enabled components and the activity log. The use cases behind them, shared with
//! the JSON API, sit in `use_cases`; the pages in `pages` (home, create, edit) and `admin`
//! (members, components, activity); the header every space page shows is the kit's.

mod admin;
mod pages;
mod use_cases;

pub use admin::{ComponentRow, LogLine};
pub use pages::{create_root, new_root_form, SpaceFormValues};
pub use use_cases::{
    create_space, put_member, remove_member, roles_in_spaces, set_components, space_input,
    suggest_slug, update_space, visible_space_ids, visible_spaces, visible_subtree,
};

use crate::context::Viewer;
use crate::error::PageError;
use crate::AppState;
use axum::Router;
use cospace_core::UserId;

/// The routes of every space page the platform itself serves.
pub fn router() -> Router<AppState> {
    pages::routes().merge(admin::routes())
}

/// The signed-in actor of a form, or a request to sign in and come back to `here`.
fn require_signed_in(viewer: &Viewer, here: &str) -> Result<UserId, PageError> {
    viewer
        .user
        .as_ref()
        .map(|u| u.id())
        .ok_or_else(|| PageError::SignInRequired {
            next: here.to_owned(),
        })
}
