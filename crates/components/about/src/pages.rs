//! The about component's pages: a space's about page (description, kind, languages, where
//! it sits in the tree, what is inside it) and its members directory.

use crate::permissions::{self, AboutAction};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use cospace_core::permissions::SpaceAction;
use cospace_store::spaces::{self, Member, Space};
use cospace_web::error::PageError;
use cospace_web::kit::{render, Page, SpaceHeader};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

#[derive(Template)]
#[template(path = "about.html")]
struct AboutTemplate {
    page: Page,
    header: SpaceHeader,
    space: Space,
    parent: Option<(String, String)>,
    children: Vec<Space>,
    languages: Vec<&'static str>,
    member_count: i64,
}

pub async fn about(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    permissions::require(&context, AboutAction::ReadAbout)?;
    let children =
        spaces::visible_children(&state.db, context.space.id(), &context.onlooker()).await?;
    let parent = context
        .trail
        .iter()
        .rev()
        .nth(1)
        .filter(|p| Some(p.id) == context.space.parent_id)
        .map(|p| (format!("/spaces/{}", p.slug), p.title.clone()));
    let member_count = context.member_count;
    render(&AboutTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        languages: context
            .space
            .languages()
            .iter()
            .map(|l| l.endonym())
            .collect(),
        space: context.space.clone(),
        parent,
        children,
        member_count,
        page,
    })
}

#[derive(Template)]
#[template(path = "members.html")]
struct MembersTemplate {
    page: Page,
    header: SpaceHeader,
    members: Vec<Member>,
    show_contacts: bool,
    can_manage: bool,
    slug: String,
}

pub async fn members(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    permissions::require(&context, AboutAction::ReadMembers)?;
    let members = spaces::members(&state.db, context.space.id()).await?;
    let show_contacts = permissions::allowed(&context, AboutAction::ReadMemberContacts);
    render(&MembersTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        members,
        show_contacts,
        can_manage: context.allows(SpaceAction::ManageMembers),
        slug: context.space.slug.clone(),
        page,
    })
}
