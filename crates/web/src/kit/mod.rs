//! The component kit: what a component builds its pages, API, seeds and commands on, apart
//! from the platform's own pages. A component imports from here (and from `space_context`,
//! `error` and `component`), never from `platform`.
//!
//! - pages: [`Page`] and [`render`], [`FormData`] for form posts, the [`SpaceHeader`],
//!   [`redirect_with_flash`] for the message shown after a redirect; every form carries
//!   `page.csrf` in a field named [`CSRF_FIELD`], which the request context checks before
//!   any handler runs;
//! - API: [`ApiCaller`] (the caller from the bearer token), [`ApiJson`] (bodies whose errors
//!   name the field), [`load_space`] (a space as the caller may see it), cursor [`paging`],
//!   [`Problem`] (the error document, for OpenAPI entries), [`text`], [`choice`] and their
//!   kin (schemas that state the limits the server enforces; [`together`] for two fields given
//!   only together);
//! - visibility: [`visible_spaces`], [`visible_space_ids`], [`visible_subtree`] (the spaces a
//!   reader may see, for pages that cover more than one space), [`roles_in_spaces`] (the
//!   reader's role in each space where it is more than a passer-by);
//! - files: [`download`] (CSV and JSON attachments);
//! - outside HTTP: [`demo`] (what a demo seed is given) and [`cli`] (a component's commands).

pub mod api;
pub mod cli;
pub mod demo;
pub mod download;
mod form;
mod header;
pub mod paging;

pub use crate::context::CSRF_FIELD;
pub use crate::pages::{redirect_with_flash, render, Page};
pub use crate::platform::api::{
    choice, email, optional_choice, optional_coordinate, optional_text, slug, text, together,
    Problem,
};
pub use crate::platform::spaces::{
    roles_in_spaces, visible_space_ids, visible_spaces, visible_subtree,
};
pub use api::{load_space, whole_number, ApiCaller, ApiJson};
pub use form::FormData;
pub use header::SpaceHeader;
pub use paging::{next_url, PageQuery, Paged, Paging};
