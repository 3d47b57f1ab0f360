//! The JSON API, `/api/v1`: spaces and members, authenticated by personal API tokens
//! (`Authorization: Bearer csp_…`), errors as RFC 9457 problem details, and the OpenAPI 3.1
//! document generated from these handlers at `/api/openapi.json`.

use crate::context::Viewer;
use crate::error::{ApiError, PageError, ReportField};
use crate::platform::spaces as use_cases;
use crate::space_context::SpaceContext;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use cospace_core::permissions::{may_create_root_space, MemberRole, Role, SpaceAction};
use cospace_core::space::{SpaceDraft, SpaceInput, SpaceKind, Visibility};
use cospace_core::Lang;
use cospace_core::{Invalid, UserId};
use cospace_store::accounts::{self, User};
use cospace_store::spaces::{self, Space};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayItems, Object, ObjectBuilder, Schema, SchemaType, Type,
};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Ref, RefOr};
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

/// What the edge and the shared extractors enforce on every operation, written into the
/// document in one place rather than in each handler's annotation:
///
/// - 400 (`control-characters`, `invalid-utf8`, a malformed path, query or JSON body) and 401
///   (an `Authorization` header without a valid token) can answer any operation;
/// - 404 any operation on a `{slug}` path (no such space, or not visible to the caller);
/// - 413 and 415 any operation with a request body;
/// - every text parameter, property and property name holds no control characters, and a
///   `{slug}` is a space slug's shape.
pub struct EdgeRules;

impl Modify for EdgeRules {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::ParameterIn;
        for (path, item) in openapi.paths.paths.iter_mut() {
            let in_space = path.contains("{slug}");
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
                &mut item.head,
                &mut item.options,
                &mut item.trace,
            ];
            for operation in operations.into_iter().flatten() {
                let responses = &mut operation.responses.responses;
                let mut add = |status: &str, description: &str| {
                    responses
                        .entry(status.to_owned())
                        .or_insert_with(|| problem_response(description));
                };
                add("400", "The path, query or body is malformed, or holds control characters or bytes that are not UTF-8");
                add("401", "The `Authorization` header holds no valid token");
                if in_space {
                    add("404", "No such space, or not visible to the caller");
                }
                if operation.request_body.is_some() {
                    add("413", "The body is too large");
                    add("415", "The body is not `application/json`");
                }
                for parameter in operation.parameters.iter_mut().flatten() {
                    let slug = parameter.name == "slug"
                        && matches!(parameter.parameter_in, ParameterIn::Path);
                    if let Some(RefOr::T(Schema::Object(object))) = parameter.schema.as_mut() {
                        if slug && object.pattern.is_none() {
                            object.pattern = Some(cospace_core::space::SpaceSlug::PATTERN.into());
                            object.min_length = Some(cospace_core::space::SpaceSlug::MIN_LEN);
                            object.max_length = Some(cospace_core::space::SpaceSlug::MAX_LEN);
                        }
                    }
                    if let Some(schema) = parameter.schema.as_mut() {
                        clean_text(schema);
                    }
                }
                if let Some(body) = operation.request_body.as_mut() {
                    for content in body.content.values_mut() {
                        if let Some(schema) = content.schema.as_mut() {
                            clean_text(schema);
                        }
                    }
                }
            }
        }
        let components = openapi.components.get_or_insert_with(Default::default);
        for schema in components.schemas.values_mut() {
            clean_text(schema);
        }
        components
            .schemas
            .insert(ANY_JSON.to_owned(), RefOr::T(any_json()));
    }
}

fn problem_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    RefOr::T(
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/problem+json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("Problem")))
                    .build(),
            )
            .build(),
    )
}

fn has_type(schema_type: &SchemaType, wanted: Type) -> bool {
    match schema_type {
        SchemaType::Type(t) => *t == wanted,
        SchemaType::Array(types) => types.contains(&wanted),
        _ => false,
    }
}

/// Gives every free text in `schema` (no pattern, format or list of values of its own) and
/// every object's property names the [`TEXT_PATTERN`].
fn clean_text(schema: &mut RefOr<Schema>) {
    let RefOr::T(schema) = schema else { return };
    match schema {
        Schema::Object(object) => {
            if has_type(&object.schema_type, Type::String)
                && object.pattern.is_none()
                && object.format.is_none()
                && object.enum_values.is_none()
            {
                object.pattern = Some(TEXT_PATTERN.into());
            }
            if has_type(&object.schema_type, Type::Object) && object.property_names.is_none() {
                object.property_names = Some(Box::new(Schema::Object(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .pattern(Some(TEXT_PATTERN))
                        .build(),
                )));
            }
            for property in object.properties.values_mut() {
                clean_text(property);
            }
            match object.additional_properties.as_deref_mut() {
                Some(AdditionalProperties::RefOr(inner)) => clean_text(inner),
                Some(AdditionalProperties::FreeForm(false)) => {}
                // Properties it does not name are ignored, but still read as JSON text.
                Some(AdditionalProperties::FreeForm(true)) | None => {
                    if has_type(&object.schema_type, Type::Object) {
                        object.additional_properties = Some(Box::new(AdditionalProperties::RefOr(
                            Ref::from_schema_name(ANY_JSON).into(),
                        )));
                    }
                }
            }
        }
        Schema::Array(array) => {
            if let ArrayItems::RefOrSchema(items) = &mut array.items {
                clean_text(items);
            }
        }
        Schema::OneOf(one_of) => one_of.items.iter_mut().for_each(clean_text),
        Schema::AllOf(all_of) => all_of.items.iter_mut().for_each(clean_text),
        Schema::AnyOf(any_of) => any_of.items.iter_mut().for_each(clean_text),
        _ => {}
    }
}

/// The schema of any JSON value as the edge accepts it: no control characters in any string or
/// key, however deep.
const ANY_JSON: &str = "AnyJson";

fn any_json() -> Schema {
    use utoipa::openapi::schema::AnyOfBuilder;
    let text = || {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(TEXT_PATTERN))
    };
    Schema::AnyOf(
        AnyOfBuilder::new()
            .description(Some(
                "Any JSON value without control characters (but tab, line feed and carriage return) in its strings and keys",
            ))
            .item(ObjectBuilder::new().schema_type(SchemaType::from_iter([
                Type::Null,
                Type::Boolean,
                Type::Number,
            ])))
            .item(text())
            .item(
                utoipa::openapi::schema::ArrayBuilder::new()
                    .items(Ref::from_schema_name(ANY_JSON)),
            )
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Object)
                    .property_names(Some(text().build()))
                    .additional_properties(Some(Ref::from_schema_name(ANY_JSON))),
            )
            .build(),
    )
}

/// A text parameter or property that takes one of `values`.
pub fn choice(values: impl IntoIterator<Item = &'static str>) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
        .build()
}

fn text_builder(min: usize, max: usize) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length((min > 0).then_some(min))
        .max_length(Some(max))
        .pattern(Some(if min > 0 {
            FILLED_TEXT_PATTERN
        } else {
            TEXT_PATTERN
        }))
}

/// Free text of `min` to `max` characters, as the core's validators count them (after
/// trimming; with a minimum, white space alone is not enough). Schemas take their limits
/// from the core's constants through this, so the document and the validator cannot differ.
pub fn text(min: usize, max: usize) -> Object {
    text_builder(min, max).build()
}

/// [`text`] that may also be absent or null.
pub fn optional_text(min: usize, max: usize) -> Object {
    text_builder(min, max)
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .build()
}

/// A space's slug (`SpaceSlug`): its shape and length.
pub fn slug() -> Object {
    use cospace_core::space::SpaceSlug;
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(SpaceSlug::PATTERN))
        .min_length(Some(SpaceSlug::MIN_LEN))
        .max_length(Some(SpaceSlug::MAX_LEN))
        .examples([serde_json::json!("azory")])
        .build()
}

fn optional_slug() -> Object {
    let mut object = slug();
    object.schema_type = SchemaType::from_iter([Type::String, Type::Null]);
    object
}

/// An e-mail address (`cospace_core::account::Email`).
pub fn email() -> Object {
    use utoipa::openapi::schema::{KnownFormat, SchemaFormat};
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Email)))
        .max_length(Some(cospace_core::account::Email::MAX_LEN))
        .build()
}

/// A latitude (`limit` [`cospace_core::geo::Point::LAT_MAX`]) or longitude, or null.
pub fn optional_coordinate(limit: f64) -> Object {
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Number, Type::Null]))
        .minimum(Some(-limit))
        .maximum(Some(limit))
        .build()
}

/// A text property that may be absent or null, or else takes one of `values`.
pub fn optional_choice(values: impl IntoIterator<Item = &'static str>) -> Object {
    let mut values: Vec<serde_json::Value> = values.into_iter().map(Into::into).collect();
    values.push(serde_json::Value::Null);
    ObjectBuilder::new()
        .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
        .enum_values(Some(values))
        .build()
}

/// An RFC 9457 problem-details document (as sent with `application/problem+json`).
#[derive(Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    pub problem_type: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub instance: String,
    /// Present when fields of the request were invalid.
    pub errors: Option<Vec<ProblemField>>,
}

#[derive(Serialize, ToSchema)]
pub struct ProblemField {
    /// Where in the input: `title`, `organizers[1]`, `$` for the body as a whole.
    pub field: String,
    /// Stable machine-readable code (`error-slug-format`).
    pub code: String,
    /// The problem in the request's language.
    pub message: String,
}

/// The caller of an API request, from its bearer token (cookies are never accepted here).
/// Resolved once per request: later extractions reuse it.
#[derive(Clone)]
pub struct ApiCaller(pub Option<User>);

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(caller) = parts.extensions.get::<ApiCaller>() {
            return Ok(caller.clone());
        }
        let caller = match parts.headers.get(header::AUTHORIZATION) {
            None => ApiCaller(None),
            Some(value) => {
                let token = value
                    .to_str()
                    .ok()
                    .and_then(|v| v.strip_prefix("Bearer "))
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .ok_or(ApiError::Unauthorized)?;
                match accounts::api_token_user(&state.db, token).await? {
                    Some(user) => ApiCaller(Some(user)),
                    None => return Err(ApiError::Unauthorized),
                }
            }
        };
        parts.extensions.insert(caller.clone());
        Ok(caller)
    }
}

/// The methods of each path of the API document (`/api/v1/spaces/{slug}` → PATCH, GET).
pub type DocumentedMethods = std::collections::HashMap<String, Vec<axum::http::Method>>;

/// The methods the document lists for each path, for [`writes_need_token`].
pub fn documented_methods(state: &AppState) -> DocumentedMethods {
    use axum::http::Method;
    document(state)
        .paths
        .paths
        .iter()
        .map(|(path, item)| {
            let methods = [
                (Method::GET, item.get.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::DELETE, item.delete.is_some()),
                (Method::PATCH, item.patch.is_some()),
            ];
            let methods = methods
                .into_iter()
                .filter(|(_, present)| *present)
                .map(|(method, _)| method)
                .collect();
            (path.clone(), methods)
        })
        .collect()
}

/// Every write to the API (any method but GET, HEAD and OPTIONS on a route under `/api`) needs
/// a valid token, checked here before the route's guards, its path or its body are looked at:
/// an anonymous write answers 401 whatever it sends. Applied once to every route
/// (`build_app`), so a new write operation is covered without a word in its handler. A method
/// the document does not list for a documented path is left to the router, which answers 405.
pub async fn writes_need_token(
    state: AppState,
    documented: &DocumentedMethods,
    request: Request,
    next: axum::middleware::Next,
) -> Response {
    let method = request.method();
    let write = !matches!(
        *method,
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    );
    let routed = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .and_then(|path| documented.get(path.as_str()))
        .is_none_or(|methods| methods.contains(method));
    if !write || !routed || !crate::context::is_api(request.uri().path()) {
        return next.run(request).await;
    }
    let (mut parts, body) = request.into_parts();
    match ApiCaller::from_request_parts(&mut parts, &state).await {
        Ok(ApiCaller(Some(_))) => next.run(Request::from_parts(parts, body)).await,
        Ok(ApiCaller(None)) => ApiError::Unauthorized.into_response(),
        Err(error) => error.into_response(),
    }
}

impl ApiCaller {
    fn required(&self) -> Result<&User, ApiError> {
        self.0.as_ref().ok_or(ApiError::Unauthorized)
    }

    /// The caller as a [`Viewer`], for the rules shared with pages.
    pub fn viewer(&self) -> Viewer {
        Viewer {
            user: self.0.clone(),
            ..Viewer::default()
        }
    }
}

/// Whether any string of `value` (or any key) holds a control character no text may hold.
fn holds_forbidden_control(value: &serde_json::Value) -> bool {
    use cospace_core::text::forbidden_control;
    match value {
        serde_json::Value::String(s) => forbidden_control(s).is_some(),
        serde_json::Value::Array(items) => items.iter().any(holds_forbidden_control),
        serde_json::Value::Object(map) => map
            .iter()
            .any(|(k, v)| forbidden_control(k).is_some() || holds_forbidden_control(v)),
        _ => false,
    }
}

/// A JSON request body: 415 unless `application/json`, 413 over the size limit, 400 when it
/// does not parse or has not the expected shape, naming the field and the reason in the
/// problem's `errors`. (A write reaches it only with a valid token: [`writes_need_token`].)
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| {
                let ct = ct.split(';').next().unwrap_or("").trim();
                ct == "application/json" || ct.ends_with("+json")
            });
        if !json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| ApiError::TooLarge)?;
        let value: serde_json::Value = serde_json::from_slice(&bytes)
            .map_err(|error| ApiError::MalformedBody(body_problem(String::new(), &error)))?;
        if holds_forbidden_control(&value) {
            return Err(ApiError::Malformed("error-control-characters"));
        }
        // Read again from the text, not the value, so a problem has its line and column too.
        let mut reader = serde_json::Deserializer::from_slice(&bytes);
        serde_path_to_error::deserialize(&mut reader)
            .map(ApiJson)
            .map_err(|error| {
                ApiError::MalformedBody(body_problem(field_path(error.path()), error.inner()))
            })
    }
}

/// Reads an integer property, also when written with a zero fraction (`7.0`), which JSON Schema
/// counts as an integer too: `#[serde(deserialize_with = "whole_number")]`.
pub fn whole_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    use serde::de::{Error, Unexpected, Visitor};
    struct Whole;
    impl Visitor<'_> for Whole {
        type Value = i64;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("i64")
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
        }

        fn visit_f64<E: Error>(self, v: f64) -> Result<i64, E> {
            let whole = v.fract() == 0.0 && v >= i64::MIN as f64 && v < i64::MAX as f64;
            if whole {
                Ok(v as i64)
            } else {
                Err(E::invalid_type(Unexpected::Float(v), &self))
            }
        }
    }
    deserializer.deserialize_any(Whole)
}

/// `organizers[1]`, `address.city`; empty for the body as a whole.
fn field_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    out
}

fn join_field(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// The names between backticks in a serde message (`` `a`, `b` `` → `a, b`).
fn quoted_names(text: &str) -> String {
    text.split('`')
        .skip(1)
        .step_by(2)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The JSON type a serde expectation (`a string`, `i64`, `struct SpaceCreate`) stands for.
fn json_type(expected: &str) -> &str {
    let e = expected.trim();
    let integer = ["i8", "i16", "i32", "i64", "i128", "isize"]
        .iter()
        .chain(&["u8", "u16", "u32", "u64", "u128", "usize"])
        .any(|t| e == *t)
        || e.contains("integer");
    if e.starts_with("struct ") || e.contains("map") {
        "object"
    } else if e.contains("sequence") || e.contains("array") || e.contains("tuple") {
        "array"
    } else if integer {
        "integer"
    } else if e == "f32" || e == "f64" || e.contains("floating point") || e.contains("number") {
        "number"
    } else if e.contains("bool") {
        "boolean"
    } else if e.contains("string") || e.contains("char") {
        "string"
    } else if e.contains("unit") || e.contains("null") {
        "null"
    } else {
        e
    }
}

/// Where the body went wrong (`path`, from [`field_path`]) and which class of problem it is:
/// not JSON at all (with line and column), a required field missing, a field of the wrong type,
/// an unknown value or field, an invalid value.
fn body_problem(path: String, error: &serde_json::Error) -> ReportField {
    use serde_json::error::Category;
    let at = |field: String| {
        if field.is_empty() {
            "$".to_owned()
        } else {
            field
        }
    };
    if !matches!(error.classify(), Category::Data) {
        return ReportField::new(at(path), "error-json-syntax")
            .arg("line", error.line().to_string())
            .arg("column", error.column().to_string());
    }
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(end) if error.line() != 0 => &text[..end],
        _ => text.as_str(),
    };
    let expected = text.split_once(", expected ").map(|(_, e)| e).unwrap_or("");
    if let Some(rest) = text.strip_prefix("missing field ") {
        ReportField::new(join_field(&path, &quoted_names(rest)), "error-json-missing")
    } else if text.starts_with("unknown field ") {
        // The path already ends with the unknown field's name.
        ReportField::new(at(path), "error-json-unknown-field")
    } else if text.starts_with("unknown variant ") {
        ReportField::new(at(path), "error-json-unknown-value")
            .arg("expected", quoted_names(expected))
    } else if text.starts_with("invalid type: ") || text.starts_with("invalid length ") {
        ReportField::new(at(path), "error-json-type").arg("expected", json_type(expected))
    } else if text.starts_with("invalid value: ") && !expected.is_empty() {
        ReportField::new(at(path), "error-json-invalid-value").arg("expected", expected)
    } else {
        ReportField::new(at(path), "error-json-invalid")
    }
}

fn from_page_error(error: PageError) -> ApiError {
    match error {
        PageError::NotFound => ApiError::NotFound,
        PageError::Forbidden => ApiError::Forbidden,
        PageError::SignInRequired { .. } => ApiError::Unauthorized,
        other => ApiError::Internal(other.to_string()),
    }
}

/// The space `slug` as the API caller sees it (404 when they may not see it).
pub async fn load_space(
    state: &AppState,
    caller: &ApiCaller,
    slug: &str,
) -> Result<SpaceContext, ApiError> {
    SpaceContext::load(&state.db, &caller.viewer(), slug)
        .await
        .map_err(from_page_error)
}

fn require(context: &SpaceContext, action: SpaceAction) -> Result<(), ApiError> {
    context.require_api(context.allows(action))
}

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

async fn detail(
    state: &AppState,
    caller: &ApiCaller,
    context: &SpaceContext,
) -> Result<SpaceDetail, ApiError> {
    let visible = use_cases::visible_spaces(&state.db, &caller.viewer()).await?;
    let slugs: std::collections::HashMap<i64, String> =
        visible.iter().map(|s| (s.id, s.slug.clone())).collect();
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
        children: visible
            .iter()
            .filter(|s| s.parent_id == Some(context.space.id))
            .map(|s| s.slug.clone())
            .collect(),
        components: context.enabled.clone(),
        member_count: spaces::count_members(&state.db, context.space.id()).await?,
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
    Ok(Json(detail(&state, &caller, &context).await?))
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
    let body = detail(&state, &caller, &context).await?;
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
    Ok(Json(detail(&state, &caller, &context).await?))
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
        (status = 422, description = "Unknown e-mail or role", body = Problem, content_type = "application/problem+json"),
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
    use_cases::put_member(&state, user.id(), &context.space, &body.email, role).await?;
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
