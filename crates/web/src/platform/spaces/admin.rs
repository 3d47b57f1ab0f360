//! A space's administration pages: members and their roles, enabled components, and the
//! activity log.

use super::super::FormData;
use super::require_signed_in;
use super::use_cases::{put_member, remove_member, set_components};
use crate::error::PageError;
use crate::kit::SpaceHeader;
use crate::pages::{redirect_with_flash, render, render_form, FormErrors, Page};
use crate::space_context::SpaceContext;
use crate::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use cospace_core::permissions::{MemberRole, SpaceAction};
use cospace_core::{Invalid, UserId};
use cospace_store::activity;
use cospace_store::spaces::{self, Member};
use cospace_store::StoreError;
use serde::Deserialize;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/spaces/{slug}/admin", get(admin_home))
        .route(
            "/spaces/{slug}/admin/members",
            get(members_admin).post(add_member),
        )
        .route(
            "/spaces/{slug}/admin/members/{user_id}/role",
            post(change_member_role),
        )
        .route(
            "/spaces/{slug}/admin/members/{user_id}/remove",
            post(remove_member_form),
        )
        .route(
            "/spaces/{slug}/admin/components",
            get(components_admin).post(save_components),
        )
        .route("/spaces/{slug}/admin/activity", get(activity_log))
}

#[derive(Template)]
#[template(path = "admin/home.html")]
struct AdminHomeTemplate {
    page: Page,
    header: SpaceHeader,
    slug: String,
}

async fn admin_home(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    context.require(SpaceAction::Edit)?;
    render(&AdminHomeTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        slug: context.space.slug.clone(),
        page,
    })
}

#[derive(Template)]
#[template(path = "admin/members.html")]
struct MembersAdminTemplate {
    page: Page,
    header: SpaceHeader,
    slug: String,
    members: Vec<Member>,
    errors: FormErrors,
    email: String,
}

async fn members_page(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    errors: Invalid,
    email: String,
) -> Result<Response, PageError> {
    let members = spaces::members(&state.db, context.space.id()).await?;
    let invalid = !errors.is_empty();
    let template = MembersAdminTemplate {
        header: SpaceHeader::new(state, &page, context),
        slug: context.space.slug.clone(),
        members,
        errors: FormErrors(errors),
        email,
        page,
    };
    render_form(&template, invalid)
}

async fn members_admin(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    context.require(SpaceAction::ManageMembers)?;
    members_page(&state, page, &context, Invalid::default(), String::new()).await
}

async fn add_member(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    context.require(SpaceAction::ManageMembers)?;
    let actor = require_signed_in(&context.viewer, "/")?;
    let role = match MemberRole::parse(form.get("role")) {
        Ok(role) => role,
        Err(error) => {
            return members_page(
                &state,
                page,
                &context,
                Invalid(vec![error]),
                form.get("email").into(),
            )
            .await
        }
    };
    match put_member(&state, actor, &context.space, form.get("email"), role).await {
        Ok(_) => Ok(redirect_with_flash(
            &state,
            &format!("/spaces/{}/admin/members", context.space.slug),
            "flash-member-saved",
        )),
        Err(StoreError::Invalid(invalid)) => {
            members_page(&state, page, &context, invalid, form.get("email").into()).await
        }
        Err(other) => Err(other.into()),
    }
}

async fn change_member_role(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, user_id)): Path<(String, i64)>,
    form: FormData,
) -> Result<Response, PageError> {
    context.require(SpaceAction::ManageMembers)?;
    let actor = require_signed_in(&context.viewer, "/")?;
    let role =
        MemberRole::parse(form.get("role")).map_err(|_| PageError::BadRequest("error-choice"))?;
    let members = spaces::members(&state.db, context.space.id()).await?;
    let member = members
        .iter()
        .find(|m| m.user_id == user_id)
        .ok_or(PageError::NotFound)?;
    put_member(&state, actor, &context.space, &member.email, role).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/spaces/{}/admin/members", context.space.slug),
        "flash-member-saved",
    ))
}

async fn remove_member_form(
    State(state): State<AppState>,
    context: SpaceContext,
    Path((_, user_id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    context.require(SpaceAction::ManageMembers)?;
    let actor = require_signed_in(&context.viewer, "/")?;
    remove_member(&state, actor, &context.space, UserId(user_id)).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/spaces/{}/admin/members", context.space.slug),
        "flash-member-removed",
    ))
}

/// A component as the admin page lists it.
pub struct ComponentRow {
    pub key: &'static str,
    pub name: String,
    pub description: String,
    pub enabled: bool,
}

#[derive(Template)]
#[template(path = "admin/components.html")]
struct ComponentsAdminTemplate {
    page: Page,
    header: SpaceHeader,
    slug: String,
    components: Vec<ComponentRow>,
}

async fn components_admin(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    context.require(SpaceAction::ManageComponents)?;
    let components = state
        .registry
        .all()
        .iter()
        .map(|c| ComponentRow {
            key: c.key,
            name: page.t(c.name_key),
            description: page.t(c.description_key),
            enabled: context.is_enabled(c.key),
        })
        .collect();
    render(&ComponentsAdminTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        slug: context.space.slug.clone(),
        components,
        page,
    })
}

async fn save_components(
    State(state): State<AppState>,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    context.require(SpaceAction::ManageComponents)?;
    let actor = require_signed_in(&context.viewer, "/")?;
    let ticked = form.all("components");
    if ticked.iter().any(|w| state.registry.get(w).is_none()) {
        return Err(PageError::BadRequest("error-choice"));
    }
    // A component works only with those it builds on: enabling it enables them, and says so.
    let wanted = state.registry.with_requirements(&ticked);
    set_components(&state, actor, &context.space, &wanted).await?;
    Ok(redirect_with_flash(
        &state,
        &format!("/spaces/{}/admin/components", context.space.slug),
        if wanted.len() > ticked.len() {
            "flash-components-saved-with-required"
        } else {
            "flash-components-saved"
        },
    ))
}

/// A log entry as the activity page shows it.
pub struct LogLine {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub details: String,
    pub hash: String,
}

#[derive(Template)]
#[template(path = "admin/activity.html")]
struct ActivityTemplate {
    page: Page,
    header: SpaceHeader,
    lines: Vec<LogLine>,
    older: Option<String>,
}

#[derive(Deserialize)]
struct ActivityQuery {
    before: Option<i64>,
}

const ACTIVITY_PAGE: i64 = 50;

async fn activity_log(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<ActivityQuery>,
) -> Result<Response, PageError> {
    context.require(SpaceAction::ReadActivity)?;
    let entries =
        activity::for_space(&state.db, context.space.id(), query.before, ACTIVITY_PAGE).await?;
    let older = (entries.len() as i64 == ACTIVITY_PAGE)
        .then(|| entries.last().map(|e| e.id))
        .flatten()
        .map(|id| format!("/spaces/{}/admin/activity?before={id}", context.space.slug));
    let lines = entries
        .into_iter()
        .map(|e| {
            let action_key = format!("action-{}", e.action.replace(['.', '_'], "-"));
            LogLine {
                id: e.id,
                at: page.date(&e.occurred_at),
                actor: e.actor_name.unwrap_or_else(|| page.t("activity-system")),
                action: if page.l.has(&action_key) {
                    page.t(&action_key)
                } else {
                    e.action.clone()
                },
                subject: format!("{} {}", e.subject_type, e.subject_id),
                details: e.details,
                hash: e.hash.chars().take(12).collect(),
            }
        })
        .collect();
    render(&ActivityTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        lines,
        older,
        page,
    })
}
