//! The about component's API: `GET /api/v1/spaces/{slug}/about`, a space's description and
//! member count as the caller may see them (a space the caller may not see is 404), with its
//! OpenAPI entry.

use crate::permissions::{self, AboutAction};
use axum::extract::{Path, State};
use axum::routing::get;
use axum::{Json, Router};
use cospace_web::error::ApiError;
use cospace_web::kit::Problem;
use cospace_web::kit::{load_space, ApiCaller};
use cospace_web::AppState;
use serde::Serialize;
use utoipa::{OpenApi, ToSchema};

/// The routes, at full paths within a space (the registry adds "404 where not enabled").
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/v1/spaces/{slug}/about", get(about))
}

#[derive(OpenApi)]
#[openapi(
    paths(about),
    components(schemas(AboutOut)),
    tags((name = "about", description = "A space's description and members"))
)]
struct AboutDoc;

/// This component's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    AboutDoc::openapi()
}

/// A space as its about page describes it.
#[derive(Serialize, ToSchema)]
pub struct AboutOut {
    pub slug: String,
    pub title: String,
    /// programme, country, city, neighbourhood, event or other.
    pub kind: String,
    /// Markdown.
    pub description: String,
    /// The codes of the languages the space works in.
    pub languages: Vec<String>,
    /// public or private.
    pub visibility: String,
    /// The slug of the space it is part of, if any the caller may see.
    pub parent: Option<String>,
    pub member_count: i64,
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/about", tag = "about",
    params(("slug" = String, Path, description = "The space")),
    responses(
        (status = 200, description = "The space's description and member count", body = AboutOut),
        (status = 404, description = "No such space, or one the caller may not see", body = Problem, content_type = "application/problem+json"),
    ))]
async fn about(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
) -> Result<Json<AboutOut>, ApiError> {
    let context = load_space(&state, &caller, &slug).await?;
    permissions::require_api(&context, AboutAction::ReadAbout)?;
    let space = &context.space;
    let parent = context
        .trail
        .iter()
        .rev()
        .nth(1)
        .filter(|p| Some(p.id) == space.parent_id)
        .map(|p| p.slug.clone());
    Ok(Json(AboutOut {
        slug: space.slug.clone(),
        title: space.title.clone(),
        kind: space.kind().as_str().to_owned(),
        description: space.description.clone(),
        languages: space
            .languages()
            .iter()
            .map(|l| l.code().to_owned())
            .collect(),
        visibility: space.visibility().as_str().to_owned(),
        parent,
        member_count: context.member_count,
    }))
}
