//! The space's own pages: its home (description, the sub-spaces the reader may see, member
//! count), and the forms that create a space (at the top or inside another) and edit one.

use super::super::FormData;
use super::require_signed_in;
use super::use_cases::{create_space, space_input, update_space};
use crate::context::Viewer;
use crate::error::PageError;
use crate::kit::SpaceHeader;
use crate::pages::{redirect_with_flash, render, render_invalid, FormErrors, Page};
use crate::space_context::SpaceContext;
use crate::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use cospace_core::permissions::{may_create_root_space, SpaceAction};
use cospace_core::space::{SpaceDraft, SpaceInput, SpaceKind};
use cospace_core::{Invalid, Lang, UserId};
use cospace_store::spaces::Space;
use cospace_store::StoreError;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/spaces/{slug}", get(space_home))
        .route("/spaces/{slug}/new", get(new_child_form).post(create_child))
        .route("/spaces/{slug}/edit", get(edit_form).post(edit))
}

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
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    // The home page reads its space and the children the reader may see in one statement.
    let (context, children) = SpaceContext::load_with_children(&state.db, &viewer, &slug).await?;
    render(&SpaceHomeTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        slug: context.space.slug.clone(),
        description: context.space.description.clone(),
        children,
        member_count: context.member_count,
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
