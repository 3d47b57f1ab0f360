//! The header every space page shows: breadcrumbs, title, kind, and the space's navigation.

use crate::pages::Page;
use crate::space_context::{NavItem, SpaceContext};
use crate::AppState;

/// What the space header (breadcrumbs, title, navigation) needs.
pub struct SpaceHeader {
    pub crumbs: Vec<(String, String)>,
    pub title: String,
    pub kind_key: String,
    pub private: bool,
    pub nav: Vec<NavItem>,
}

impl SpaceHeader {
    pub fn new(state: &AppState, page: &Page, context: &SpaceContext) -> SpaceHeader {
        SpaceHeader {
            crumbs: context
                .trail
                .iter()
                .map(|s| (format!("/spaces/{}", s.slug), s.title.clone()))
                .collect(),
            title: context.space.title.clone(),
            kind_key: format!("kind-{}", context.space.kind().as_str()),
            private: context.is_private(),
            nav: context.nav(state, &page.l, page.here.split('?').next().unwrap_or("")),
        }
    }
}
