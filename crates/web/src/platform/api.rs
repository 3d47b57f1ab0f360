//! The JSON API, `/api/v1`: spaces and members, authenticated by personal API tokens
//! (`Authorization: Bearer csp_…`), errors as RFC 9457 problem details, and the OpenAPI 3.1
//! document generated from these handlers at `/api/openapi.json`.

use crate::error::ApiError;
use crate::platform::spaces as use_cases;
use crate::space_context::SpaceContext;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use cospace_core::permissions::{may_create_root_space, MemberRole, Role, SpaceAction};
use cospace_core::space::{SpaceDraft, SpaceInput, SpaceKind, Visibility};
use cospace_core::Lang;
use cospace_core::{Invalid, UserId};
use cospace_store::spaces::{self, Space};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{Object, SchemaType, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi_json))
        .route("/api/v1/me", get(me))
        .route("/api/v1/spaces", get(list_spaces).post(create_space))
        .route("/api/v1/spaces/{slug}", get(get_space).patch(update_space))
        .route(
            "/api/v1/spaces/{slug}/members",
            get(list_members).put(put_member),
        )
        .route(
            "/api/v1/spaces/{slug}/members/{user_id}",
            delete(remove_member),
        )
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "cospace API",
        version = "1",
        description = "Spaces of co-creation and their members. Authenticate with a personal API token: `Authorization: Bearer csp_…` (create one with `cospace token create --user EMAIL`). Errors are RFC 9457 problem details (`application/problem+json`)."
    ),
    paths(me, list_spaces, get_space, create_space, update_space, list_members, put_member, remove_member),
    components(schemas(SpaceOut, SpaceDetail, Crumb, SpaceCreate, SpaceUpdate, MemberOut, MemberPut, Me, Problem, ProblemField)),
    modifiers(&BearerToken),
    tags((name = "spaces", description = "Nested spaces: programmes, countries, cities, neighbourhoods, events"))
)]
pub struct ApiDoc;

struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("csp_…")
                    .build(),
            ),
        );
    }
}

/// The whole API's document: the platform's operations and every component's, with what the
/// edge enforces on all of them stated once ([`EdgeRules`]).
pub fn document(state: &AppState) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    for component in state.registry.all() {
        doc.merge((component.openapi)());
    }
    EdgeRules.modify(&mut doc);
    doc
}

async fn openapi_json(State(state): State<AppState>) -> Response {
    let doc = document(&state);
    match doc.to_pretty_json() {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(error) => ApiError::Internal(error.to_string()).into_response(),
    }
}

/// Text as the edge accepts it anywhere (path, query, JSON strings and keys): no control
/// characters but tab, line feed and carriage return (`cospace_core::text::forbidden_control`).
pub const TEXT_PATTERN: &str = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";

/// Text that must hold more than white space: what [`cospace_core::validation::bounded_text`]
/// requires of a field with a minimum length, since it trims first.
pub const FILLED_TEXT_PATTERN: &str = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F][^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$";

// The document's rules and the handlers' ground live beside this file; their public parts
// are reached through here, as before.
pub use super::api_edge::*;
#[allow(unused_imports)]
use super::api_edge::*;
pub use super::openapi_rules::*;
#[allow(unused_imports)]
use super::openapi_rules::*;
#[allow(unused_imports)]
use crate::kit::api::*;

/// A space as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct SpaceOut {
    pub id: i64,
    #[schema(example = "azory")]
    pub slug: String,
    #[schema(example = "Azory")]
    pub title: String,
    /// programme, country, city, neighbourhood, event or other.
    #[schema(example = "neighbourhood")]
    pub kind: String,
    pub description: String,
    #[schema(example = json!(["en", "pl"]))]
    pub languages: Vec<String>,
    /// public or private.
    pub visibility: String,
    /// The parent space's slug; absent for a top-level space.
    pub parent: Option<String>,
    pub url: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn space_out(space: &Space, parents: &std::collections::HashMap<i64, String>) -> SpaceOut {
    SpaceOut {
        id: space.id,
        slug: space.slug.clone(),
        title: space.title.clone(),
        kind: space.kind.clone(),
        description: space.description.clone(),
        languages: space
            .languages()
            .iter()
            .map(|l| l.code().to_owned())
            .collect(),
        visibility: space.visibility.clone(),
        parent: space.parent_id.and_then(|p| parents.get(&p).cloned()),
        url: format!("/spaces/{}", space.slug),
        created_at: space.created_at,
        updated_at: space.updated_at,
    }
}

#[derive(Serialize, ToSchema)]
pub struct Crumb {
    pub slug: String,
    pub title: String,
}

/// A space with its place in the tree.
#[derive(Serialize, ToSchema)]
pub struct SpaceDetail {
    #[serde(flatten)]
    pub space: SpaceOut,
    /// From the top of the tree down to this space.
    pub breadcrumbs: Vec<Crumb>,
    /// Slugs of the visible spaces directly inside this one.
    pub children: Vec<String>,
    /// Keys of the enabled components.
    pub components: Vec<String>,
    pub member_count: i64,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only the spaces directly inside this one (by slug).
    parent: Option<String>,
}

/// The signed-in caller.
#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub platform_admin: bool,
    pub language: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "spaces",
    security(("token" = [])),
    responses(
        (status = 200, description = "The caller's account", body = Me),
        (status = 401, description = "Missing or invalid token", body = Problem, content_type = "application/problem+json"),
    ))]
async fn me(caller: ApiCaller) -> Result<Json<Me>, ApiError> {
    let user = caller.required()?;
    Ok(Json(Me {
        id: user.id,
        email: user.email.clone(),
        display_name: user.display_name.clone(),
        platform_admin: user.is_platform_admin,
        language: user.language.clone(),
    }))
}

#[utoipa::path(get, path = "/api/v1/spaces", tag = "spaces", params(ListQuery),
    responses(
        (status = 200, description = "The spaces the caller may see (public ones without a token)", body = [SpaceOut]),
        (status = 401, description = "Invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such parent", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_spaces(
    State(state): State<AppState>,
    caller: ApiCaller,
    Query(query): Query<ListQuery>,
) -> Result<Json<Vec<SpaceOut>>, ApiError> {
    let visible = use_cases::visible_spaces(&state.db, &caller.viewer()).await?;
    let slugs: std::collections::HashMap<i64, String> =
        visible.iter().map(|s| (s.id, s.slug.clone())).collect();
    let parent_id = match &query.parent {
        Some(slug) => Some(
            visible
                .iter()
                .find(|s| &s.slug == slug)
                .map(|s| s.id)
                .ok_or(ApiError::NotFound)?,
        ),
        None => None,
    };
    Ok(Json(
        visible
            .iter()
            .filter(|s| parent_id.is_none() || s.parent_id == parent_id)
            .map(|s| space_out(s, &slugs))
            .collect(),
    ))
}

async fn detail(state: &AppState, context: &SpaceContext) -> Result<SpaceDetail, ApiError> {
    // The parent is named only when the caller may see it, that is when it is on the trail.
    let slugs: std::collections::HashMap<i64, String> = context
        .trail
        .iter()
        .map(|s| (s.id, s.slug.clone()))
        .collect();
    let children =
        spaces::visible_children(&state.db, context.space.id(), &context.onlooker()).await?;
    Ok(SpaceDetail {
        space: space_out(&context.space, &slugs),
        breadcrumbs: context
            .trail
            .iter()
            .map(|s| Crumb {
                slug: s.slug.clone(),
                title: s.title.clone(),
            })
            .collect(),
        children: children.into_iter().map(|s| s.slug).collect(),
        components: context.enabled.clone(),
        member_count: context.member_count,
    })
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}", tag = "spaces",
    params(("slug" = String, Path, description = "The space's slug")),
    responses(
        (status = 200, description = "The space", body = SpaceDetail),
        (status = 404, description = "No such space, or not visible to the caller", body = Problem, content_type = "application/problem+json"),
    ))]
async fn get_space(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
) -> Result<Json<SpaceDetail>, ApiError> {
    let context = load_space(&state, &caller, &slug).await?;
    Ok(Json(detail(&state, &context).await?))
}

/// A new space.
#[derive(Deserialize, ToSchema)]
pub struct SpaceCreate {
    /// Slug of the space to create it in; omit for a top-level space (platform admins only).
    pub parent: Option<String>,
    #[schema(schema_with = space_title)]
    pub title: String,
    /// 2–60 lower-case letters, digits and single hyphens, starting with a letter.
    #[schema(schema_with = slug)]
    pub slug: String,
    #[schema(example = "neighbourhood", schema_with = space_kind)]
    pub kind: String,
    #[serde(default)]
    #[schema(schema_with = space_description)]
    pub description: String,
    #[schema(example = json!(["pl", "en"]), schema_with = languages)]
    pub languages: Vec<String>,
    /// public (default) or private.
    #[serde(default)]
    #[schema(schema_with = visibility)]
    pub visibility: String,
}

#[utoipa::path(post, path = "/api/v1/spaces", tag = "spaces", request_body = SpaceCreate,
    security(("token" = [])),
    responses(
        (status = 201, description = "Created; `Location` names the new space", body = SpaceDetail),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Missing or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not create spaces here", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such parent space, or not visible to the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The slug is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
async fn create_space(
    State(state): State<AppState>,
    caller: ApiCaller,
    ApiJson(body): ApiJson<SpaceCreate>,
) -> Result<Response, ApiError> {
    let user = caller.required()?.clone();
    let parent = match &body.parent {
        Some(slug) => {
            let context = load_space(&state, &caller, slug).await?;
            require(&context, SpaceAction::CreateChild)?;
            Some(context.space)
        }
        None => {
            let role = if user.is_platform_admin {
                Role::PlatformAdmin
            } else {
                Role::SignedIn
            };
            if !may_create_root_space(role) {
                return Err(ApiError::Forbidden);
            }
            None
        }
    };
    let draft = SpaceDraft::parse(&SpaceInput {
        title: body.title,
        slug: body.slug,
        kind: body.kind,
        description: body.description,
        languages: body.languages,
        visibility: body.visibility,
    })
    .map_err(ApiError::Invalid)?;
    use_cases::create_space(&state, user.id(), parent.as_ref(), &draft).await?;
    let context = load_space(&state, &caller, draft.slug.as_str()).await?;
    let body = detail(&state, &context).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/spaces/{}", draft.slug))],
        Json(body),
    )
        .into_response())
}

/// Changes to a space; absent fields keep their value.
#[derive(Deserialize, ToSchema)]
pub struct SpaceUpdate {
    #[schema(schema_with = optional_space_title)]
    pub title: Option<String>,
    #[schema(schema_with = optional_slug)]
    pub slug: Option<String>,
    #[schema(schema_with = optional_space_kind)]
    pub kind: Option<String>,
    #[schema(schema_with = optional_space_description)]
    pub description: Option<String>,
    #[schema(schema_with = optional_languages)]
    pub languages: Option<Vec<String>>,
    #[schema(schema_with = optional_visibility)]
    pub visibility: Option<String>,
}

fn space_title() -> Object {
    text(1, SpaceDraft::TITLE_MAX)
}

fn optional_space_title() -> Object {
    optional_text(1, SpaceDraft::TITLE_MAX)
}

fn space_description() -> Object {
    text(0, SpaceDraft::DESCRIPTION_MAX)
}

fn optional_space_description() -> Object {
    optional_text(0, SpaceDraft::DESCRIPTION_MAX)
}

fn space_kind() -> Object {
    choice(SpaceKind::ALL.iter().map(|k| k.as_str()))
}

fn optional_space_kind() -> Object {
    optional_choice(SpaceKind::ALL.iter().map(|k| k.as_str()))
}

fn visibility() -> Object {
    choice([Visibility::Public.as_str(), Visibility::Private.as_str()])
}

fn optional_visibility() -> Object {
    optional_choice([Visibility::Public.as_str(), Visibility::Private.as_str()])
}

/// At least one of the platform's language codes.
fn languages() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(choice(Lang::ALL.iter().map(|l| l.code())))
        .min_items(Some(1))
        .build()
}

fn optional_languages() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
        .items(choice(Lang::ALL.iter().map(|l| l.code())))
        .min_items(Some(1))
        .build()
}

fn member_role() -> Object {
    choice([MemberRole::Member.as_str(), MemberRole::Admin.as_str()])
}

#[utoipa::path(patch, path = "/api/v1/spaces/{slug}", tag = "spaces", request_body = SpaceUpdate,
    security(("token" = [])),
    params(("slug" = String, Path, description = "The space's slug")),
    responses(
        (status = 200, description = "The updated space", body = SpaceDetail),
        (status = 401, description = "Missing or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not edit this space", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such space", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The new slug is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
async fn update_space(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<SpaceUpdate>,
) -> Result<Json<SpaceDetail>, ApiError> {
    let user = caller.required()?.clone();
    let context = load_space(&state, &caller, &slug).await?;
    require(&context, SpaceAction::Edit)?;
    let space = &context.space;
    let draft = SpaceDraft::parse(&SpaceInput {
        title: body.title.unwrap_or_else(|| space.title.clone()),
        slug: body.slug.unwrap_or_else(|| space.slug.clone()),
        kind: body.kind.unwrap_or_else(|| space.kind.clone()),
        description: body
            .description
            .unwrap_or_else(|| space.description.clone()),
        languages: body.languages.unwrap_or_else(|| {
            space
                .languages()
                .iter()
                .map(|l| l.code().to_owned())
                .collect()
        }),
        visibility: body.visibility.unwrap_or_else(|| space.visibility.clone()),
    })
    .map_err(ApiError::Invalid)?;
    use_cases::update_space(&state, user.id(), space, &draft).await?;
    let context = load_space(&state, &caller, draft.slug.as_str()).await?;
    Ok(Json(detail(&state, &context).await?))
}

/// A member of a space. `email` is shown to those who manage members only.
#[derive(Serialize, ToSchema)]
pub struct MemberOut {
    pub user_id: i64,
    pub display_name: String,
    /// member or admin.
    pub role: String,
    pub email: Option<String>,
    pub since: DateTime<Utc>,
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/members", tag = "spaces",
    params(("slug" = String, Path, description = "The space's slug")),
    responses(
        (status = 200, description = "The members", body = [MemberOut]),
        (status = 404, description = "No such space", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_members(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
) -> Result<Json<Vec<MemberOut>>, ApiError> {
    let context = load_space(&state, &caller, &slug).await?;
    require(&context, SpaceAction::ViewMembers)?;
    let show_email = context.allows(SpaceAction::ManageMembers);
    let members = spaces::members(&state.db, context.space.id()).await?;
    Ok(Json(
        members
            .into_iter()
            .map(|m| MemberOut {
                user_id: m.user_id,
                display_name: m.display_name,
                role: m.role,
                email: show_email.then_some(m.email),
                since: m.created_at,
            })
            .collect(),
    ))
}

/// Adds a member or changes their role.
#[derive(Deserialize, ToSchema)]
pub struct MemberPut {
    /// The e-mail of an existing account.
    #[schema(schema_with = email)]
    pub email: String,
    #[schema(schema_with = member_role)]
    pub role: String,
}

#[utoipa::path(put, path = "/api/v1/spaces/{slug}/members", tag = "spaces", request_body = MemberPut,
    security(("token" = [])),
    params(("slug" = String, Path, description = "The space's slug")),
    responses(
        (status = 200, description = "The space's members after the change", body = [MemberOut]),
        (status = 401, description = "Missing or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not manage members here", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No account has this e-mail (`errors` names `email`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The e-mail or role is not valid", body = Problem, content_type = "application/problem+json"),
    ))]
async fn put_member(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<MemberPut>,
) -> Result<Json<Vec<MemberOut>>, ApiError> {
    let user = caller.required()?.clone();
    let context = load_space(&state, &caller, &slug).await?;
    require(&context, SpaceAction::ManageMembers)?;
    let role = MemberRole::parse(&body.role).map_err(|e| ApiError::Invalid(Invalid(vec![e])))?;
    // No account with that e-mail: well-formed input the current state refuses.
    use_cases::put_member(&state, user.id(), &context.space, &body.email, role)
        .await
        .map_err(|e| ApiError::from(e).refused_when(&["error-no-such-user"]))?;
    list_members(State(state), caller, Path(slug)).await
}

#[utoipa::path(delete, path = "/api/v1/spaces/{slug}/members/{user_id}", tag = "spaces",
    security(("token" = [])),
    params(("slug" = String, Path, description = "The space's slug"), ("user_id" = i64, Path, description = "The member's user id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Missing or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not manage members here", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such space or member", body = Problem, content_type = "application/problem+json"),
    ))]
async fn remove_member(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path((slug, user_id)): Path<(String, i64)>,
) -> Result<StatusCode, ApiError> {
    let user = caller.required()?.clone();
    let context = load_space(&state, &caller, &slug).await?;
    require(&context, SpaceAction::ManageMembers)?;
    use_cases::remove_member(&state, user.id(), &context.space, UserId(user_id)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ReportField;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        name: String,
        count: i64,
        tags: Vec<String>,
        colour: Option<Colour>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Colour {
        Red,
        Green,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Item>,
    }

    fn problem(text: &str) -> ReportField {
        let mut reader = serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, Outer>(&mut reader) {
            Ok(_) => panic!("{text} was accepted"),
            Err(error) => body_problem(field_path(error.path()), error.inner()),
        }
    }

    #[test]
    fn body_problems_name_the_field_and_the_reason() {
        let ok = r#"{"name": "a", "count": 1, "tags": []}"#;
        let wrong_type = problem(&format!(
            r#"{{"items": [{ok}, {{"name": "b", "count": 1, "tags": ["x", 2]}}]}}"#
        ));
        assert_eq!(wrong_type.field, "items[1].tags[1]");
        assert_eq!(wrong_type.key, "error-json-type");
        assert_eq!(wrong_type.args, [("expected", "string".to_owned())]);
        let number = problem(r#"{"items": [{"name": "b", "count": "1", "tags": []}]}"#);
        assert_eq!(
            (number.field.as_str(), number.args[0].1.as_str()),
            ("items[0].count", "integer")
        );
        let missing = problem(r#"{"items": [{"name": "b", "tags": []}]}"#);
        assert_eq!(missing.field, "items[0].count");
        assert_eq!(missing.key, "error-json-missing");
        assert_eq!(problem("{}").field, "items");
        let unknown =
            problem(r#"{"items": [{"name": "b", "count": 1, "tags": [], "colour": "blue"}]}"#);
        assert_eq!(unknown.field, "items[0].colour");
        assert_eq!(unknown.key, "error-json-unknown-value");
        assert_eq!(unknown.args, [("expected", "red, green".to_owned())]);
        let extra = problem(r#"{"items": [{"name": "b", "count": 1, "tags": [], "size": 2}]}"#);
        assert_eq!(extra.field, "items[0].size");
        assert_eq!(extra.key, "error-json-unknown-field");
        let root = problem("[]");
        assert_eq!((root.field.as_str(), root.key), ("$", "error-json-type"));
        assert_eq!(root.args[0].1, "object");
        #[derive(Debug, Deserialize)]
        struct Id {
            #[serde(deserialize_with = "whole_number")]
            id: i64,
        }
        let id = |text: &str| serde_json::from_str::<Id>(text).map(|i| i.id);
        assert_eq!(id(r#"{"id": 7}"#).ok(), Some(7));
        assert_eq!(id(r#"{"id": 4024.0}"#).ok(), Some(4024));
        assert!(id(r#"{"id": 1.5}"#).is_err());
        assert!(id(r#"{"id": "7"}"#).is_err());
        let syntax = problem("{\n  \"items\": [,]\n}");
        assert_eq!(syntax.key, "error-json-syntax");
        assert_eq!(
            syntax.args,
            [("line", "2".to_owned()), ("column", "13".to_owned())]
        );
    }
}
