//! The about component: a space's public face — its description, kind, languages, where it
//! sits in the tree, what is inside it — and its members directory.
//!
//! A vertical slice: its permissions, handlers, templates and translations live here, and
//! [`component`] is its one registration.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use cospace_core::permissions::{space_allows, Role, SpaceAction};
use cospace_core::space::Visibility;
use cospace_store::spaces::{self, Member, Space};
use cospace_web::error::PageError;
use cospace_web::pages::{render, Page};
use cospace_web::platform::spaces::SpaceHeader;
use cospace_web::space_context::SpaceContext;
use cospace_web::{translations, AppState, Component, Permission};

/// The registration of this component.
pub fn component() -> Component {
    Component {
        key: "about",
        name_key: "about-nav",
        description_key: "about-description",
        enabled_by_default: true,
        routes,
        space_routes: Router::new,
        open_routes: Router::new,
        openapi: cospace_web::no_api,
        translations: translations!("cospace-about"),
        migrations: &[],
        permissions: &[
            Permission {
                action: "read_about",
                allows: |role, visibility| allows(role, visibility, AboutAction::ReadAbout),
            },
            Permission {
                action: "read_members",
                allows: |role, visibility| allows(role, visibility, AboutAction::ReadMembers),
            },
            Permission {
                action: "read_member_contacts",
                allows: |role, visibility| {
                    allows(role, visibility, AboutAction::ReadMemberContacts)
                },
            },
        ],
        assets: &[],
    }
}

fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(about))
        .route("/members", get(members))
}

/// What can be done with this component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AboutAction {
    ReadAbout,
    ReadMembers,
    /// See members' e-mail addresses (to contact them).
    ReadMemberContacts,
}

/// This component's permissions, in one place: reading follows the space's own rules, and
/// contact details are for those who manage members.
pub fn allows(role: Role, visibility: Visibility, action: AboutAction) -> bool {
    match action {
        AboutAction::ReadAbout => space_allows(role, visibility, SpaceAction::View),
        AboutAction::ReadMembers => space_allows(role, visibility, SpaceAction::ViewMembers),
        AboutAction::ReadMemberContacts => {
            space_allows(role, visibility, SpaceAction::ManageMembers)
        }
    }
}

fn require(context: &SpaceContext, action: AboutAction) -> Result<(), PageError> {
    context.require_that(
        allows(context.role, context.space.visibility(), action),
        &format!("/spaces/{}/about", context.space.slug),
    )
}

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

async fn about(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    require(&context, AboutAction::ReadAbout)?;
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

async fn members(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    require(&context, AboutAction::ReadMembers)?;
    let members = spaces::members(&state.db, context.space.id()).await?;
    let show_contacts = allows(
        context.role,
        context.space.visibility(),
        AboutAction::ReadMemberContacts,
    );
    render(&MembersTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        members,
        show_contacts,
        can_manage: context.allows(SpaceAction::ManageMembers),
        slug: context.space.slug.clone(),
        page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use AboutAction::*;

    /// Role × action, for a public and a private space. Columns: Anonymous, SignedIn, Member,
    /// SpaceAdmin, PlatformAdmin.
    #[test]
    fn permission_table() {
        let table = [
            (Visibility::Public, ReadAbout, "YYYYY"),
            (Visibility::Public, ReadMembers, "YYYYY"),
            (Visibility::Public, ReadMemberContacts, "...YY"),
            (Visibility::Private, ReadAbout, "..YYY"),
            (Visibility::Private, ReadMembers, "..YYY"),
            (Visibility::Private, ReadMemberContacts, "...YY"),
        ];
        for (visibility, action, row) in table {
            for (role, cell) in Role::ALL.iter().zip(row.chars()) {
                assert_eq!(
                    allows(*role, visibility, action),
                    cell == 'Y',
                    "{visibility:?} {action:?} {role:?}"
                );
            }
        }
    }
}
