//! Spaces as the platform manages them: the space home page, creating nested spaces, editing,
//! members, enabled components and the activity log — and the use cases behind them, shared
//! with the JSON API.

use super::FormData;
use crate::context::Viewer;
use crate::error::PageError;
use crate::pages::{redirect_with_flash, render, render_form, render_invalid, FormErrors, Page};
use crate::space_context::SpaceContext;
use crate::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use cospace_core::account::Email;
use cospace_core::permissions::{
    may_create_root_space, space_allows, MemberRole, Role, SpaceAction, Standing,
};
use cospace_core::space::{SpaceDraft, SpaceInput, SpaceKind, SpaceSlug};
use cospace_core::{Invalid, Lang, SpaceId, UserId};
use cospace_store::activity::{self, Activity};
use cospace_store::spaces::{self, Member, Space};
use cospace_store::{accounts, Db, StoreError};
use serde::Deserialize;
use std::collections::{HashMap, HashSet};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/spaces/{slug}", get(space_home))
        .route("/spaces/{slug}/new", get(new_child_form).post(create_child))
        .route("/spaces/{slug}/edit", get(edit_form).post(edit))
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

// ---------------------------------------------------------------------------------------------
// Queries and use cases, shared by the pages and the API.

/// The ids of the spaces `viewer` may see (see [`visible_spaces`]).
pub async fn visible_space_ids(db: &Db, viewer: &Viewer) -> Result<HashSet<i64>, StoreError> {
    Ok(visible_spaces(db, viewer)
        .await?
        .iter()
        .map(|s| s.id)
        .collect())
}

/// `root` and every space below it that is among `visible`: what a page about `root` covers
/// (a city's map and calendar include its neighbourhoods').
pub async fn visible_subtree(
    db: &Db,
    root: SpaceId,
    visible: &HashSet<i64>,
) -> Result<Vec<SpaceId>, StoreError> {
    Ok(spaces::subtree(db, root)
        .await?
        .into_iter()
        .filter(|s| visible.contains(&s.0))
        .collect())
}

/// The spaces `viewer` may see: public ones; private ones they belong to or administer (from
/// above); all of them for a platform admin.
pub async fn visible_spaces(db: &Db, viewer: &Viewer) -> Result<Vec<Space>, StoreError> {
    Ok(roles_in_spaces(db, viewer)
        .await?
        .into_iter()
        .filter(|(space, role)| space_allows(*role, space.visibility(), SpaceAction::View))
        .map(|(space, _)| space)
        .collect())
}

/// Every space with `viewer`'s role in it, from one read of the spaces and one of the viewer's
/// memberships. A page covering many spaces (a city's map includes its neighbourhoods') judges
/// each item by the reader's role in the item's own space, never by their role in the space
/// whose page they read.
pub async fn roles_in_spaces(db: &Db, viewer: &Viewer) -> Result<Vec<(Space, Role)>, StoreError> {
    let all = spaces::all_spaces(db).await?;
    let Some(user) = &viewer.user else {
        return Ok(all.into_iter().map(|s| (s, Role::Anonymous)).collect());
    };
    let memberships = if user.is_platform_admin {
        Vec::new()
    } else {
        spaces::memberships(db, user.id()).await?
    };
    let member: HashSet<i64> = memberships.iter().map(|(id, _)| id.0).collect();
    let admin: HashSet<i64> = memberships
        .iter()
        .filter(|(_, role)| *role == MemberRole::Admin)
        .map(|(id, _)| id.0)
        .collect();
    let parent: HashMap<i64, Option<i64>> = all.iter().map(|s| (s.id, s.parent_id)).collect();
    let administered = |mut id: i64| {
        for _ in 0..64 {
            if admin.contains(&id) {
                return true;
            }
            match parent.get(&id).copied().flatten() {
                Some(up) => id = up,
                None => return false,
            }
        }
        false
    };
    Ok(all
        .into_iter()
        .map(|space| {
            let role = Standing {
                signed_in: true,
                platform_admin: user.is_platform_admin,
                admin_here_or_above: administered(space.id),
                member_here: member.contains(&space.id),
            }
            .role();
            (space, role)
        })
        .collect())
}

/// Creates a space (under `parent`, or at the top), enables the default components, and logs it.
pub async fn create_space(
    state: &AppState,
    actor: UserId,
    parent: Option<&Space>,
    draft: &SpaceDraft,
) -> Result<SpaceId, StoreError> {
    let mut tx = state.db.begin().await?;
    let id = spaces::create_space(&mut tx, parent.map(Space::id), draft).await?;
    let defaults = state.registry.enabled_by_default();
    for key in &defaults {
        spaces::set_component(&mut tx, id, key, true).await?;
    }
    activity::record(
        &mut tx,
        Activity {
            actor: Some(actor),
            space: Some(id),
            action: "space.create",
            subject_type: "space",
            subject_id: id.to_string(),
            details: serde_json::json!({
                "slug": draft.slug.as_str(),
                "title": draft.title,
                "kind": draft.kind.as_str(),
                "parent": parent.map(|p| p.slug.clone()),
                "visibility": draft.visibility.as_str(),
                "components": defaults,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves an edited space and logs what changed.
pub async fn update_space(
    state: &AppState,
    actor: UserId,
    before: &Space,
    draft: &SpaceDraft,
) -> Result<(), StoreError> {
    let mut changed = serde_json::Map::new();
    let langs = draft
        .languages
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(",");
    for (field, old, new) in [
        ("title", before.title.as_str(), draft.title.as_str()),
        ("slug", before.slug.as_str(), draft.slug.as_str()),
        ("kind", before.kind.as_str(), draft.kind.as_str()),
        (
            "description",
            before.description.as_str(),
            draft.description.as_str(),
        ),
        ("languages", before.languages.as_str(), langs.as_str()),
        (
            "visibility",
            before.visibility.as_str(),
            draft.visibility.as_str(),
        ),
    ] {
        if old != new {
            changed.insert(field.into(), serde_json::json!({ "from": old, "to": new }));
        }
    }
    let mut tx = state.db.begin().await?;
    spaces::update_space(&mut tx, before.id(), draft).await?;
    activity::record(
        &mut tx,
        Activity {
            actor: Some(actor),
            space: Some(before.id()),
            action: "space.update",
            subject_type: "space",
            subject_id: before.id.to_string(),
            details: serde_json::Value::Object(changed),
        },
    )
    .await?;
    tx.commit().await
}

/// Adds a member or changes their role, by e-mail. `Invalid` when no account has that e-mail.
pub async fn put_member(
    state: &AppState,
    actor: UserId,
    space: &Space,
    email: &str,
    role: MemberRole,
) -> Result<UserId, StoreError> {
    let email = Email::parse("email", email).map_err(|e| Invalid(vec![e]))?;
    let user = accounts::user_by_email(&state.db, email.as_str())
        .await?
        .ok_or_else(|| Invalid::one("email", "error-no-such-user"))?;
    let mut tx = state.db.begin().await?;
    let previous = spaces::put_member(&mut tx, space.id(), user.id(), role).await?;
    let action = if previous.is_some() {
        "member.role"
    } else {
        "member.add"
    };
    activity::record(
        &mut tx,
        Activity {
            actor: Some(actor),
            space: Some(space.id()),
            action,
            subject_type: "user",
            subject_id: user.id.to_string(),
            details: serde_json::json!({
                "role": role.as_str(),
                "previous_role": previous.map(MemberRole::as_str),
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(user.id())
}

pub async fn remove_member(
    state: &AppState,
    actor: UserId,
    space: &Space,
    user: UserId,
) -> Result<(), StoreError> {
    let mut tx = state.db.begin().await?;
    spaces::remove_member(&mut tx, space.id(), user).await?;
    activity::record(
        &mut tx,
        Activity {
            actor: Some(actor),
            space: Some(space.id()),
            action: "member.remove",
            subject_type: "user",
            subject_id: user.to_string(),
            details: serde_json::json!({}),
        },
    )
    .await?;
    tx.commit().await
}

/// Makes exactly `wanted` (known component keys) the enabled set, logging each change.
pub async fn set_components(
    state: &AppState,
    actor: UserId,
    space: &Space,
    wanted: &[String],
) -> Result<(), StoreError> {
    let mut tx = state.db.begin().await?;
    for component in state.registry.all() {
        let enable = wanted.iter().any(|w| w == component.key);
        if spaces::set_component(&mut tx, space.id(), component.key, enable).await? {
            activity::record(
                &mut tx,
                Activity {
                    actor: Some(actor),
                    space: Some(space.id()),
                    action: if enable {
                        "component.enable"
                    } else {
                        "component.disable"
                    },
                    subject_type: "component",
                    subject_id: component.key.to_owned(),
                    details: serde_json::json!({}),
                },
            )
            .await?;
        }
    }
    tx.commit().await
}

/// Reads a space form: repeated `languages` checkboxes are kept.
pub fn space_input(form: &FormData) -> SpaceInput {
    SpaceInput {
        title: form.get("title").to_owned(),
        slug: form.get("slug").to_owned(),
        kind: form.get("kind").to_owned(),
        description: form.get("description").to_owned(),
        languages: form.all("languages"),
        visibility: form.get("visibility").to_owned(),
    }
}

// ---------------------------------------------------------------------------------------------
// Pages.

pub use crate::kit::SpaceHeader;

#[derive(Template)]
#[template(path = "spaces/home.html")]
struct SpaceHomeTemplate {
    page: Page,
    header: SpaceHeader,
    slug: String,
    description: String,
    children: Vec<Space>,
    member_count: i64,
    can_create_child: bool,
    can_edit: bool,
}

async fn space_home(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    let viewer = context.viewer.clone();
    let visible: HashSet<i64> = visible_spaces(&state.db, &viewer)
        .await?
        .iter()
        .map(|s| s.id)
        .collect();
    let children = spaces::children(&state.db, context.space.id())
        .await?
        .into_iter()
        .filter(|c| visible.contains(&c.id))
        .collect();
    let member_count = spaces::count_members(&state.db, context.space.id()).await?;
    render(&SpaceHomeTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        slug: context.space.slug.clone(),
        description: context.space.description.clone(),
        children,
        member_count,
        can_create_child: context.allows(SpaceAction::CreateChild),
        can_edit: context.allows(SpaceAction::Edit),
        page,
    })
}

/// The values a space form shows.
pub struct SpaceFormValues {
    pub title: String,
    pub slug: String,
    pub kind: String,
    pub description: String,
    pub languages: Vec<String>,
    pub visibility: String,
}

impl SpaceFormValues {
    fn blank(default_lang: Lang) -> Self {
        Self {
            title: String::new(),
            slug: String::new(),
            kind: String::new(),
            description: String::new(),
            languages: vec![default_lang.code().to_owned()],
            visibility: "public".into(),
        }
    }

    fn from_input(input: &SpaceInput) -> Self {
        Self {
            title: input.title.clone(),
            slug: input.slug.clone(),
            kind: input.kind.clone(),
            description: input.description.clone(),
            languages: input.languages.clone(),
            visibility: input.visibility.clone(),
        }
    }

    fn from_space(space: &Space) -> Self {
        Self {
            title: space.title.clone(),
            slug: space.slug.clone(),
            kind: space.kind.clone(),
            description: space.description.clone(),
            languages: space
                .languages()
                .iter()
                .map(|l| l.code().to_owned())
                .collect(),
            visibility: space.visibility.clone(),
        }
    }

    pub fn has_language(&self, code: &&str) -> bool {
        self.languages.iter().any(|l| l == code)
    }
}

#[derive(Template)]
#[template(path = "spaces/form.html")]
struct SpaceFormTemplate {
    page: Page,
    heading: String,
    action: String,
    parent: Option<(String, String)>,
    values: SpaceFormValues,
    errors: FormErrors,
    kinds: Vec<(&'static str, String)>,
    languages: Vec<(&'static str, &'static str)>,
    submit: String,
}

impl SpaceFormTemplate {
    fn new(
        page: Page,
        heading_key: &str,
        action: String,
        parent: Option<&Space>,
        values: SpaceFormValues,
        errors: Invalid,
        submit_key: &str,
    ) -> Self {
        let kinds = SpaceKind::ALL
            .iter()
            .map(|k| (k.as_str(), page.t(&format!("kind-{}", k.as_str()))))
            .collect();
        let languages = Lang::ALL.iter().map(|l| (l.code(), l.endonym())).collect();
        SpaceFormTemplate {
            heading: page.t(heading_key),
            submit: page.t(submit_key),
            action,
            parent: parent.map(|p| (format!("/spaces/{}", p.slug), p.title.clone())),
            values,
            errors: FormErrors(errors),
            kinds,
            languages,
            page,
        }
    }
}

fn require_signed_in(viewer: &Viewer, here: &str) -> Result<UserId, PageError> {
    viewer
        .user
        .as_ref()
        .map(|u| u.id())
        .ok_or_else(|| PageError::SignInRequired {
            next: here.to_owned(),
        })
}

pub async fn new_root_form(page: Page, viewer: Viewer) -> Result<Response, PageError> {
    require_signed_in(&viewer, "/spaces/new")?;
    if !may_create_root_space(role_outside_spaces(&viewer)) {
        return Err(PageError::Forbidden);
    }
    let values = SpaceFormValues::blank(page.l.lang());
    render(&SpaceFormTemplate::new(
        page,
        "space-new-root",
        "/spaces/new".into(),
        None,
        values,
        Invalid::default(),
        "space-create-submit",
    ))
}

fn role_outside_spaces(viewer: &Viewer) -> cospace_core::permissions::Role {
    use cospace_core::permissions::Role;
    match &viewer.user {
        Some(u) if u.is_platform_admin => Role::PlatformAdmin,
        Some(_) => Role::SignedIn,
        None => Role::Anonymous,
    }
}

pub async fn create_root(
    State(state): State<AppState>,
    page: Page,
    viewer: Viewer,
    form: FormData,
) -> Result<Response, PageError> {
    let actor = require_signed_in(&viewer, "/spaces/new")?;
    if !may_create_root_space(role_outside_spaces(&viewer)) {
        return Err(PageError::Forbidden);
    }
    create_from_form(state, page, actor, None, form, "/spaces/new".into()).await
}

async fn create_from_form(
    state: AppState,
    page: Page,
    actor: UserId,
    parent: Option<&Space>,
    form: FormData,
    action: String,
) -> Result<Response, PageError> {
    let input = space_input(&form);
    let heading = if parent.is_some() {
        "space-new-child"
    } else {
        "space-new-root"
    };
    let again = |page: Page, invalid: Invalid| {
        render_invalid(&SpaceFormTemplate::new(
            page,
            heading,
            action.clone(),
            parent,
            SpaceFormValues::from_input(&input),
            invalid,
            "space-create-submit",
        ))
    };
    let draft = match SpaceDraft::parse(&input) {
        Ok(draft) => draft,
        Err(invalid) => return again(page, invalid),
    };
    match create_space(&state, actor, parent, &draft).await {
        Ok(_) => Ok(redirect_with_flash(
            &state,
            &format!("/spaces/{}", draft.slug),
            "flash-space-created",
        )),
        Err(StoreError::Conflict { field }) => again(page, Invalid::one(field, "error-taken")),
        Err(other) => Err(other.into()),
    }
}

async fn new_child_form(page: Page, context: SpaceContext) -> Result<Response, PageError> {
    context.require(SpaceAction::CreateChild)?;
    let values = SpaceFormValues::blank(page.l.lang());
    render(&SpaceFormTemplate::new(
        page,
        "space-new-child",
        format!("/spaces/{}/new", context.space.slug),
        Some(&context.space),
        values,
        Invalid::default(),
        "space-create-submit",
    ))
}

async fn create_child(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    context.require(SpaceAction::CreateChild)?;
    let actor = require_signed_in(&context.viewer, "/")?;
    let action = format!("/spaces/{}/new", context.space.slug);
    create_from_form(state, page, actor, Some(&context.space), form, action).await
}

async fn edit_form(page: Page, context: SpaceContext) -> Result<Response, PageError> {
    context.require(SpaceAction::Edit)?;
    render(&SpaceFormTemplate::new(
        page,
        "space-edit-title",
        format!("/spaces/{}/edit", context.space.slug),
        None,
        SpaceFormValues::from_space(&context.space),
        Invalid::default(),
        "space-save-submit",
    ))
}

async fn edit(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    context.require(SpaceAction::Edit)?;
    let actor = require_signed_in(&context.viewer, "/")?;
    let input = space_input(&form);
    let action = format!("/spaces/{}/edit", context.space.slug);
    let again = |page: Page, invalid: Invalid| {
        render_invalid(&SpaceFormTemplate::new(
            page,
            "space-edit-title",
            action.clone(),
            None,
            SpaceFormValues::from_input(&input),
            invalid,
            "space-save-submit",
        ))
    };
    let draft = match SpaceDraft::parse(&input) {
        Ok(draft) => draft,
        Err(invalid) => return again(page, invalid),
    };
    match update_space(&state, actor, &context.space, &draft).await {
        Ok(()) => Ok(redirect_with_flash(
            &state,
            &format!("/spaces/{}", draft.slug),
            "flash-space-saved",
        )),
        Err(StoreError::Conflict { field }) => again(page, Invalid::one(field, "error-taken")),
        Err(other) => Err(other.into()),
    }
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

/// Suggested slug for a title, for the API and forms.
pub fn suggest_slug(title: &str) -> String {
    SpaceSlug::suggest(title)
}
