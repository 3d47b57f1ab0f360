//! The stakeholders JSON API under `/api/v1/spaces/{slug}/…`: organisations (with the contacts
//! the caller may see), resources, needs, synergies with scores and reasons, matches, search.

use crate::permissions::{self, Action};
use crate::service::{self, ServiceError};
use crate::store::{self, Item, ItemType, LinkStatus};
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use cospace_core::stakeholders::{Level, NeedStatus, OrganizationDraft, OrganizationInput, Sector};
use cospace_core::synergy::Reason;
use cospace_core::text;
use cospace_web::error::ApiError;
use cospace_web::kit::paging::{next_url, PageQuery, Paged};
use cospace_web::kit::{
    choice, optional_choice, optional_coordinate, text, whole_number, ApiCaller, ApiJson, Problem,
};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/spaces/{slug}/organizations",
            get(list_organizations).post(create_organization),
        )
        .route("/api/v1/spaces/{slug}/resources", get(list_resources))
        .route("/api/v1/spaces/{slug}/needs", get(list_needs))
        .route("/api/v1/spaces/{slug}/synergies", get(list_synergies))
        .route(
            "/api/v1/spaces/{slug}/matches",
            get(list_matches).post(propose_match),
        )
        .route("/api/v1/spaces/{slug}/search", get(search))
}

#[derive(OpenApi)]
#[openapi(
    paths(list_organizations, create_organization, list_resources, list_needs, list_synergies, list_matches, propose_match, search),
    components(schemas(OrganizationOut, ContactOut, ItemOut, SynergyOut, SuggestionOut, MatchOut, MatchIn, SearchHitOut, OrganizationIn)),
    tags((name = "stakeholders", description = "Organisations, their contacts, resources and needs; synergies and matches"))
)]
struct StakeholdersDoc;

/// This component's part of the OpenAPI document.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = StakeholdersDoc::openapi();
    cospace_web::kit::together(&mut doc, "OrganizationIn", "lat", "lon");
    doc
}

async fn context(
    state: &AppState,
    caller: &ApiCaller,
    slug: &str,
) -> Result<SpaceContext, ApiError> {
    cospace_web::kit::load_space(state, caller, slug).await
}

fn require(context: &SpaceContext, action: Action) -> Result<(), ApiError> {
    context.require_api(permissions::allows(
        context.role,
        context.space.visibility(),
        action,
    ))
}

/// A contact the caller may see.
#[derive(Serialize, ToSchema)]
pub struct ContactOut {
    pub person: String,
    pub role: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// public, members or admins.
    pub visibility: String,
}

/// An organisation listed in the space or below it.
#[derive(Serialize, ToSchema)]
pub struct OrganizationOut {
    pub id: i64,
    pub name: String,
    pub sector: String,
    pub level: Option<String>,
    pub description: String,
    pub website: Option<String>,
    pub languages: Vec<String>,
    pub sdg_targets: Vec<String>,
    pub address: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// The space (slug) it is listed in.
    pub space: String,
    /// approved, or pending (shown to space admins only).
    pub status: String,
    /// Only the contacts the caller may see.
    pub contacts: Vec<ContactOut>,
    pub url: String,
}

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/organizations", tag = "stakeholders",
    params(("slug" = String, Path, description = "The space; organisations of the spaces inside it are included"), PageQuery),
    responses(
        (status = 200, description = "Organisations by id with the contacts the caller may see, one entry per listing (an organisation listed in two spaces of the scope appears twice); `limit` counts organisations. A `Link: <…>; rel=\"next\"` header gives the next page.", body = [OrganizationOut],
            headers(("Link" = String, description = "The next page (RFC 8288), when there is one"))),
        (status = 404, description = "No such space", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`limit` or `cursor` not valid", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_organizations(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(page): Query<PageQuery>,
) -> Result<Paged<OrganizationOut>, ApiError> {
    let paging = page.paging()?;
    let context = context(&state, &caller, &slug).await?;
    require(&context, Action::Read)?;
    let scope = service::scope(&state, &context).await?;
    let manage = permissions::allows(context.role, context.space.visibility(), Action::Manage);
    let mut listed = store::organizations_page(
        &state.db,
        &scope,
        manage,
        paging.cursor.unwrap_or(0),
        paging.fetch(),
    )
    .await?;
    let mut org_ids: Vec<i64> = listed.iter().map(|l| l.organization.id).collect();
    org_ids.dedup();
    let mut next = None;
    if org_ids.len() as i64 > paging.limit {
        // One organisation more than the page was read: it starts the next page.
        let first_of_next = org_ids.pop().unwrap_or_default();
        listed.retain(|l| l.organization.id != first_of_next);
        next = org_ids.last().map(|last| {
            next_url(
                &state,
                &format!("/api/v1/spaces/{slug}/organizations"),
                &[],
                paging.limit,
                *last,
            )
        });
    }
    let reader = service::contact_reader(&state, &context).await?;
    let contacts = store::contacts(&state.db, &org_ids, &reader).await?;
    let spaces: Vec<cospace_core::SpaceId> = listed
        .iter()
        .map(|l| cospace_core::SpaceId(l.space_id))
        .collect();
    let slugs = cospace_store::spaces::slugs_of(&state.db, &spaces).await?;
    Ok(Paged {
        next,
        items: listed
            .into_iter()
            .map(|l| {
                let o = l.organization;
                let space = slugs.get(&l.space_id).cloned().unwrap_or_default();
                OrganizationOut {
                    contacts: contacts
                        .iter()
                        .filter(|c| c.organization_id == o.id)
                        .map(|c| ContactOut {
                            person: c.person.clone(),
                            role: c.role.clone(),
                            email: c.email.clone(),
                            phone: c.phone.clone(),
                            visibility: c.visibility.as_str().to_owned(),
                        })
                        .collect(),
                    url: format!("/spaces/{space}/stakeholders/organizations/{}", o.id),
                    id: o.id,
                    name: o.name,
                    sector: o.sector,
                    level: o.level,
                    description: o.description,
                    website: o.website,
                    languages: list(&o.languages),
                    sdg_targets: list(&o.sdg_targets),
                    address: o.address,
                    lat: o.lat,
                    lon: o.lon,
                    space,
                    status: l.status.as_str().to_owned(),
                }
            })
            .collect(),
    })
}

fn sector() -> utoipa::openapi::schema::Object {
    choice(Sector::ALL.iter().map(|s| s.as_str()))
}

fn level() -> utoipa::openapi::schema::Object {
    optional_choice(Level::ALL.iter().map(|s| s.as_str()))
}

fn need_status() -> utoipa::openapi::schema::Object {
    choice(NeedStatus::ALL.iter().map(|s| s.as_str()))
}

/// A new organisation (space admins list it at once; others register their own, pending).
#[derive(Deserialize, ToSchema)]
pub struct OrganizationIn {
    #[schema(schema_with = organization_name)]
    pub name: String,
    #[schema(schema_with = sector)]
    pub sector: String,
    #[serde(default)]
    #[schema(schema_with = level)]
    pub level: Option<String>,
    #[serde(default)]
    #[schema(schema_with = organization_description)]
    pub description: String,
    /// An http or https address.
    #[serde(default)]
    #[schema(schema_with = website)]
    pub website: String,
    /// Language tags (`en`, `pl-PL`); an entry may also list several, separated by commas,
    /// semicolons, spaces or line feeds.
    #[serde(default)]
    #[schema(schema_with = languages)]
    pub languages: Vec<String>,
    /// Targets of the Sustainable Development Goals, like `11.1` or `11.a`.
    #[serde(default)]
    #[schema(schema_with = sdg_targets)]
    pub sdg_targets: Vec<String>,
    #[serde(default)]
    #[schema(schema_with = address)]
    pub address: String,
    /// Latitude and longitude come together, or not at all.
    #[serde(default)]
    #[schema(schema_with = latitude)]
    pub lat: Option<f64>,
    #[serde(default)]
    #[schema(schema_with = longitude)]
    pub lon: Option<f64>,
}

/// Each entry as `OrganizationDraft::parse` reads it: split at `,` `;` space or line feed,
/// every part a tag whose primary subtag (before `-` or `_`) is a language of the platform, in
/// any case; white space around the parts is ignored.
fn languages() -> utoipa::openapi::schema::Array {
    const SPACE: &str =
        "\\t\\n\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
    const REST: &str = "[^,; \\n\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]";
    let tag = format!("(?:[eE][nN]|[pP][lL]|[eE][sS]|[fF][rR])(?:[-_]{REST}*)?");
    let gap = format!("[,;{SPACE}]*");
    let pattern = format!("^{gap}(?:{tag}(?:{gap}[,; \\n]{gap}{tag})*{gap})?$");
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(
            utoipa::openapi::schema::ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::String)
                .pattern(Some(pattern)),
        )
        .build()
}

fn organization_name() -> utoipa::openapi::schema::Object {
    text(1, OrganizationDraft::NAME_MAX)
}

fn organization_description() -> utoipa::openapi::schema::Object {
    text(0, OrganizationDraft::DESCRIPTION_MAX)
}

fn address() -> utoipa::openapi::schema::Object {
    text(0, OrganizationDraft::ADDRESS_MAX)
}

/// Empty, or http(s):// and printable ASCII without spaces (`parse_website`).
fn website() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .pattern(Some("^([hH][tT][tT][pP][sS]?://[!-~]+)?$"))
        .max_length(Some(cospace_core::stakeholders::WEBSITE_MAX))
        .build()
}

/// Each an SDG target as `SdgTarget::parse` reads it (goal 1–17, then target 1–20 or a–d).
fn sdg_targets() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(
            utoipa::openapi::schema::ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::String)
                .pattern(Some(
                    "^[ \\t\\n\\r]*((1[0-7]|[1-9])\\.(20|1[0-9]|[1-9]|[a-dA-D]))?[ \\t\\n\\r]*$",
                )),
        )
        .build()
}

fn latitude() -> utoipa::openapi::schema::Object {
    optional_coordinate(cospace_core::geo::Point::LAT_MAX)
}

fn longitude() -> utoipa::openapi::schema::Object {
    optional_coordinate(cospace_core::geo::Point::LON_MAX)
}

#[utoipa::path(post, path = "/api/v1/spaces/{slug}/organizations", tag = "stakeholders", request_body = OrganizationIn,
    security(("token" = [])),
    params(("slug" = String, Path, description = "The space")),
    responses(
        (status = 201, description = "Created (approved for space admins, pending otherwise)", body = OrganizationOut),
        (status = 401, description = "Missing or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ))]
async fn create_organization(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<OrganizationIn>,
) -> Result<Response, ApiError> {
    let user = caller.0.clone().ok_or(ApiError::Unauthorized)?;
    let context = context(&state, &caller, &slug).await?;
    require(&context, Action::Register)?;
    let draft = OrganizationDraft::parse(&OrganizationInput {
        name: body.name,
        sector: body.sector,
        level: body.level.unwrap_or_default(),
        description: body.description,
        website: body.website,
        languages: body.languages,
        sdg_targets: body.sdg_targets.join(","),
        address: body.address,
        lat: body.lat.map(|v| v.to_string()).unwrap_or_default(),
        lon: body.lon.map(|v| v.to_string()).unwrap_or_default(),
    })
    .map_err(ApiError::Invalid)?;
    let (id, status) = service::add_organization(&state, &context, &user, &draft).await?;
    let org = store::organization(&state.db, id).await?;
    let body = OrganizationOut {
        id,
        url: format!("/spaces/{slug}/stakeholders/organizations/{id}"),
        name: org.name,
        sector: org.sector,
        level: org.level,
        description: org.description,
        website: org.website,
        languages: list(&org.languages),
        sdg_targets: list(&org.sdg_targets),
        address: org.address,
        lat: org.lat,
        lon: org.lon,
        space: slug.clone(),
        status: match status {
            LinkStatus::Approved => "approved".into(),
            LinkStatus::Pending => "pending".into(),
        },
        contacts: Vec::new(),
    };
    Ok((
        StatusCode::CREATED,
        [(
            header::LOCATION,
            format!("/api/v1/spaces/{slug}/organizations"),
        )],
        Json(body),
    )
        .into_response())
}

/// A resource on offer or a need.
#[derive(Serialize, ToSchema)]
pub struct ItemOut {
    pub id: i64,
    pub organization_id: i64,
    pub organization: String,
    /// venue, equipment, skills, funding, technical_support, knowledge, service or other.
    pub kind: String,
    pub title: String,
    pub description: String,
    pub capacity: Option<i64>,
    /// Resources: when it is available.
    pub availability: Option<String>,
    /// Needs: low, medium, high or critical.
    pub urgency: Option<String>,
    /// Needs: open or met.
    pub status: Option<String>,
    pub address: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub created_at: DateTime<Utc>,
}

fn item_out(item: Item, item_type: ItemType) -> ItemOut {
    let need = item_type == ItemType::Need;
    ItemOut {
        id: item.id,
        organization_id: item.organization_id,
        organization: item.organization_name,
        kind: item.kind,
        title: item.title,
        description: item.description,
        capacity: item.capacity,
        availability: (!need).then_some(item.availability),
        urgency: need.then_some(item.urgency),
        status: need.then_some(item.status),
        address: item.address,
        lat: item.lat,
        lon: item.lon,
        created_at: item.created_at,
    }
}

async fn items(
    state: &AppState,
    caller: &ApiCaller,
    slug: &str,
    item_type: ItemType,
    status: Option<NeedStatus>,
    page: &PageQuery,
) -> Result<Paged<ItemOut>, ApiError> {
    let paging = page.paging()?;
    let context = context(state, caller, slug).await?;
    require(&context, Action::Read)?;
    let scope = service::scope(state, &context).await?;
    let rows = store::items_page(
        &state.db,
        item_type,
        &scope,
        status,
        paging.cursor,
        paging.fetch(),
    )
    .await?;
    let path = match item_type {
        ItemType::Resource => format!("/api/v1/spaces/{slug}/resources"),
        ItemType::Need => format!("/api/v1/spaces/{slug}/needs"),
    };
    let status = status.map(|s| s.as_str()).unwrap_or_default();
    let page = Paged::cut(state, rows, paging, |i| i.id, &path, &[("status", status)]);
    Ok(Paged {
        items: page
            .items
            .into_iter()
            .map(|i| item_out(i, item_type))
            .collect(),
        next: page.next,
    })
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/resources", tag = "stakeholders",
    params(("slug" = String, Path, description = "The space; resources of the spaces inside it are included"), PageQuery),
    responses(
        (status = 200, description = "Resources on offer, newest first. A `Link: <…>; rel=\"next\"` header gives the next page.", body = [ItemOut],
            headers(("Link" = String, description = "The next page (RFC 8288), when there is one"))),
        (status = 404, description = "No such space", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`limit` or `cursor` not valid", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_resources(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(page): Query<PageQuery>,
) -> Result<Paged<ItemOut>, ApiError> {
    items(&state, &caller, &slug, ItemType::Resource, None, &page).await
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NeedsQuery {
    /// Only the needs of this status; both when absent.
    #[param(schema_with = need_status)]
    status: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/needs", tag = "stakeholders",
    params(("slug" = String, Path, description = "The space"), NeedsQuery, PageQuery),
    responses(
        (status = 200, description = "Needs, newest first. A `Link: <…>; rel=\"next\"` header gives the next page.", body = [ItemOut],
            headers(("Link" = String, description = "The next page (RFC 8288), when there is one"))),
        (status = 404, description = "No such space", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown status, or `limit` or `cursor` not valid", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_needs(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(query): Query<NeedsQuery>,
    Query(page): Query<PageQuery>,
) -> Result<Paged<ItemOut>, ApiError> {
    let status = match query.status.as_deref() {
        None => None,
        Some(s) => Some(
            NeedStatus::parse(s).map_err(|e| ApiError::Invalid(cospace_core::Invalid(vec![e])))?,
        ),
    };
    items(&state, &caller, &slug, ItemType::Need, status, &page).await
}

/// A resource that could meet a need, with its score (0–100) and the reasons.
#[derive(Serialize, ToSchema)]
pub struct SuggestionOut {
    pub resource: ItemOut,
    pub score: f64,
    /// Structured reasons: same_kind, related_kind, distance (meters), common_words,
    /// capacity_fits, capacity_short.
    #[schema(value_type = Vec<Object>)]
    pub reasons: Vec<Reason>,
    /// The reasons in the caller's language.
    pub explanation: Vec<String>,
}

/// An open need with its best suggestions.
#[derive(Serialize, ToSchema)]
pub struct SynergyOut {
    pub need: ItemOut,
    pub suggestions: Vec<SuggestionOut>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SynergiesQuery {
    /// Only this need (its top 10 suggestions); otherwise every open need with its top 3.
    need: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/synergies", tag = "stakeholders",
    params(("slug" = String, Path, description = "The space"), SynergiesQuery),
    responses(
        (status = 200, description = "Open needs with ranked suggestions and reasons", body = [SynergyOut]),
        (status = 404, description = "No such space or need", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_synergies(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(query): Query<SynergiesQuery>,
    l: cospace_web::i18n::Localizer,
) -> Result<Json<Vec<SynergyOut>>, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    require(&context, Action::Read)?;
    let readable = service::readable_spaces(&state, &context).await?;
    let scope = service::scope_within(&state, &context, &readable).await?;
    let (needs, limit) = match query.need {
        Some(id) => {
            let need = store::item(&state.db, ItemType::Need, id).await?;
            if !scope.contains(&cospace_core::SpaceId(need.space_id)) {
                return Err(ApiError::NotFound);
            }
            (vec![need], 10)
        }
        None => (
            store::items_in(&state.db, ItemType::Need, &scope, Some(NeedStatus::Open)).await?,
            3,
        ),
    };
    let mut out = Vec::new();
    for need in needs {
        let suggestions = if need.is_open() {
            service::suggestions_for_need(&state, &need, &readable, limit).await?
        } else {
            Vec::new()
        };
        out.push(SynergyOut {
            need: item_out(need, ItemType::Need),
            suggestions: suggestions
                .into_iter()
                .map(|s| SuggestionOut {
                    explanation: s
                        .score
                        .reasons
                        .iter()
                        .map(|r| crate::pages::reason_text(&l, r))
                        .collect(),
                    score: s.score.total,
                    reasons: s.score.reasons,
                    resource: item_out(s.item, ItemType::Resource),
                })
                .collect(),
        });
    }
    Ok(Json(out))
}

/// A proposed match and where it stands.
#[derive(Serialize, ToSchema)]
pub struct MatchOut {
    pub id: i64,
    pub need_id: i64,
    pub resource_id: i64,
    /// proposed, accepted, declined or done.
    pub status: String,
    /// pending, accepted or declined.
    pub need_side: String,
    pub offer_side: String,
    pub score: f64,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

fn match_out(m: store::Match) -> MatchOut {
    MatchOut {
        id: m.id.0,
        need_id: m.need_id,
        resource_id: m.resource_id,
        status: m.status.as_str().to_owned(),
        need_side: m.need_side.as_str().to_owned(),
        offer_side: m.offer_side.as_str().to_owned(),
        score: m.score,
        note: m.note,
        created_at: m.created_at,
    }
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/matches", tag = "stakeholders",
    params(("slug" = String, Path, description = "The space"), PageQuery),
    responses(
        (status = 200, description = "Matches of needs in the space, newest first. A `Link: <…>; rel=\"next\"` header gives the next page.", body = [MatchOut],
            headers(("Link" = String, description = "The next page (RFC 8288), when there is one"))),
        (status = 404, description = "No such space", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`limit` or `cursor` not valid", body = Problem, content_type = "application/problem+json"),
    ))]
async fn list_matches(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(page): Query<PageQuery>,
) -> Result<Paged<MatchOut>, ApiError> {
    let paging = page.paging()?;
    let context = context(&state, &caller, &slug).await?;
    require(&context, Action::Read)?;
    let scope = service::scope(&state, &context).await?;
    let rows = store::matches_page(&state.db, &scope, paging.cursor, paging.fetch()).await?;
    let path = format!("/api/v1/spaces/{slug}/matches");
    let page = Paged::cut(&state, rows, paging, |m| m.id.0, &path, &[]);
    Ok(Paged {
        items: page.items.into_iter().map(match_out).collect(),
        next: page.next,
    })
}

/// A proposal: this resource could meet this need.
#[derive(Deserialize, ToSchema)]
pub struct MatchIn {
    #[serde(deserialize_with = "whole_number")]
    pub need: i64,
    #[serde(deserialize_with = "whole_number")]
    pub resource: i64,
    #[serde(default)]
    #[schema(schema_with = match_note)]
    pub note: String,
}

fn match_note() -> utoipa::openapi::schema::Object {
    text(0, 1000)
}

#[utoipa::path(post, path = "/api/v1/spaces/{slug}/matches", tag = "stakeholders", request_body = MatchIn,
    security(("token" = [])),
    params(("slug" = String, Path, description = "The space")),
    responses(
        (status = 201, description = "Proposed; both sides are notified", body = MatchOut),
        (status = 401, description = "Missing or invalid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Members only", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No such need or resource visible here, the need is already met, both belong to the same organisation, they do not fit, or this match was proposed before (`errors` names the field and why)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The note is not valid", body = Problem, content_type = "application/problem+json"),
    ))]
async fn propose_match(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    ApiJson(body): ApiJson<MatchIn>,
) -> Result<Response, ApiError> {
    let user = caller.0.clone().ok_or(ApiError::Unauthorized)?;
    let context = context(&state, &caller, &slug).await?;
    require(&context, Action::ProposeMatch)?;
    let id = service::propose_match(
        &state,
        &context,
        &user,
        body.need,
        body.resource,
        &body.note,
    )
    .await
    .map_err(|e: ServiceError| {
        ApiError::from(e).refused_when(&[
            "error-not-found",
            "error-need-met",
            "error-match-own-organization",
            "error-match-incompatible",
            "error-match-exists",
        ])
    })?;
    let created = store::match_by_id(&state.db, id).await?;
    Ok((StatusCode::CREATED, Json(match_out(created))).into_response())
}

/// A search hit.
#[derive(Serialize, ToSchema)]
pub struct SearchHitOut {
    /// organization, resource or need.
    #[serde(rename = "type")]
    pub item_type: String,
    pub id: i64,
    pub title: String,
    pub url: String,
    /// Relevance, higher is better (comparable within one response only).
    pub rank: f64,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words to find (accents folded, each matched as a prefix).
    q: String,
}

#[utoipa::path(get, path = "/api/v1/spaces/{slug}/search", tag = "stakeholders",
    params(("slug" = String, Path, description = "The space; the spaces inside it are searched too"), SearchQuery),
    responses((status = 200, description = "Matches, best first", body = [SearchHitOut])))]
async fn search(
    State(state): State<AppState>,
    caller: ApiCaller,
    Path(slug): Path<String>,
    Query(query): Query<SearchQuery>,
) -> Result<Json<Vec<SearchHitOut>>, ApiError> {
    let context = context(&state, &caller, &slug).await?;
    require(&context, Action::Read)?;
    let terms = text::query_terms(&query.q, 8);
    if terms.is_empty() {
        return Ok(Json(Vec::new()));
    }
    let scope = service::scope(&state, &context).await?;
    let hits = store::search(&state.db, &scope, &terms, crate::pages::SEARCH_LIMIT).await?;
    let base = format!("/spaces/{slug}/stakeholders");
    let mut titles = store::hit_titles(&state.db, &hits).await?;
    let mut out = Vec::new();
    for hit in hits {
        // A hit whose record is gone (deleted meanwhile) is left out.
        let Some(title) = titles.remove(&(hit.item_type.clone(), hit.item_id)) else {
            continue;
        };
        let section = match hit.item_type.as_str() {
            "organization" => "organizations",
            "need" => "needs",
            _ => "resources",
        };
        out.push(SearchHitOut {
            url: format!("{base}/{section}/{}", hit.item_id),
            item_type: hit.item_type,
            id: hit.item_id,
            title,
            rank: hit.rank,
        });
    }
    Ok(Json(out))
}
