//! The home page, the tree of spaces, and the language switch.

use crate::context::{set_cookie, Viewer, LANG_COOKIE};
use crate::error::PageError;
use crate::kit::FormData;
use crate::pages::{render, safe_next, Page};
use crate::platform::spaces::visible_spaces;
use crate::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use cookie::SameSite;
use cospace_core::space::{tree_lines, SpaceNode};
use cospace_core::Lang;
use std::collections::HashMap;

/// One line of the space tree as the templates show it.
#[derive(Clone, Debug)]
pub struct TreeItem {
    pub slug: String,
    pub title: String,
    pub kind: String,
    pub depth: usize,
    pub private: bool,
}

/// The spaces `viewer` may see, as an indented tree.
pub async fn tree_items(state: &AppState, viewer: &Viewer) -> Result<Vec<TreeItem>, PageError> {
    let spaces = visible_spaces(&state.db, viewer).await?;
    let nodes: Vec<SpaceNode> = spaces.iter().map(|s| s.node()).collect();
    let by_id: HashMap<i64, &cospace_store::spaces::Space> =
        spaces.iter().map(|s| (s.id, s)).collect();
    Ok(tree_lines(&nodes)
        .into_iter()
        .filter_map(|line| {
            let space = by_id.get(&line.node.id.0)?;
            Some(TreeItem {
                slug: space.slug.clone(),
                title: space.title.clone(),
                kind: format!("kind-{}", space.kind().as_str()),
                depth: line.depth.min(5),
                private: space.visibility() == cospace_core::space::Visibility::Private,
            })
        })
        .collect())
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomeTemplate {
    pub page: Page,
    pub tree: Vec<TreeItem>,
}

pub async fn home(
    State(state): State<AppState>,
    page: Page,
    viewer: Viewer,
) -> Result<Response, PageError> {
    let tree = tree_items(&state, &viewer)
        .await?
        .into_iter()
        .filter(|item| item.depth <= 1)
        .collect();
    render(&HomeTemplate { page, tree })
}

#[derive(Template)]
#[template(path = "spaces/tree.html")]
pub struct TreeTemplate {
    pub page: Page,
    pub tree: Vec<TreeItem>,
    pub can_create: bool,
}

pub async fn tree(
    State(state): State<AppState>,
    page: Page,
    viewer: Viewer,
) -> Result<Response, PageError> {
    let tree = tree_items(&state, &viewer).await?;
    render(&TreeTemplate {
        page,
        tree,
        can_create: viewer.is_platform_admin(),
    })
}

/// `POST /language`: remembers the choice (on the account when signed in, in a cookie
/// otherwise) and goes back to the page the reader was on.
pub async fn set_language(
    State(state): State<AppState>,
    viewer: Viewer,
    form: FormData,
) -> Result<Response, PageError> {
    let lang = Lang::from_tag(form.get("lang")).ok_or(PageError::BadRequest("error-choice"))?;
    if let Some(user) = &viewer.user {
        super::accounts::save_language(&state, user.id(), lang).await?;
    }
    let mut response = Redirect::to(&safe_next(Some(form.get("next")))).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(
            LANG_COOKIE,
            lang.code(),
            Some(365 * 24 * 3600),
            SameSite::Lax,
            state.config.secure_cookies,
        ),
    );
    Ok(response)
}
