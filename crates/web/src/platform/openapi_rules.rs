//! The rules every operation of the OpenAPI document states once: the edge's answers
//! (400, 401, 404, 413, 415 as problem details), text without control characters, and the
//! schema helpers that take their limits from the core validators.

#[allow(unused_imports)]
use super::api::*;
use serde::Serialize;
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayItems, Object, ObjectBuilder, Schema, SchemaType, Type,
};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{Modify, ToSchema};

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

pub(crate) fn problem_response(description: &str) -> RefOr<utoipa::openapi::Response> {
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

pub(crate) fn has_type(schema_type: &SchemaType, wanted: Type) -> bool {
    match schema_type {
        SchemaType::Type(t) => *t == wanted,
        SchemaType::Array(types) => types.contains(&wanted),
        _ => false,
    }
}

/// Gives every free text in `schema` (no pattern, format or list of values of its own) and
/// every object's property names the [`TEXT_PATTERN`].
pub(crate) fn clean_text(schema: &mut RefOr<Schema>) {
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
pub(crate) const ANY_JSON: &str = "AnyJson";

pub(crate) fn any_json() -> Schema {
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

pub(crate) fn text_builder(min: usize, max: usize) -> ObjectBuilder {
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

pub(crate) fn optional_slug() -> Object {
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

/// Makes the properties `a` and `b` of the component schema `name` come together, as
/// [`cospace_core::geo::Point::parse`] takes a latitude and a longitude: both numbers, or
/// both absent or null. The object's own schema is kept; the rule is added beside it.
pub fn together(openapi: &mut utoipa::openapi::OpenApi, name: &str, a: &str, b: &str) {
    use utoipa::openapi::schema::{AllOfBuilder, AnyOfBuilder};
    let Some(components) = openapi.components.as_mut() else {
        return;
    };
    let Some(schema) = components.schemas.get_mut(name) else {
        return;
    };
    let of = |t: Type| ObjectBuilder::new().schema_type(t).build();
    let neither = ObjectBuilder::new()
        .schema_type(Type::Object)
        .property(a, of(Type::Null))
        .property(b, of(Type::Null));
    let both = ObjectBuilder::new()
        .schema_type(Type::Object)
        .property(a, of(Type::Number))
        .property(b, of(Type::Number))
        .required(a)
        .required(b);
    let own = std::mem::replace(schema, RefOr::T(Schema::Object(Object::new())));
    *schema = RefOr::T(Schema::AllOf(
        AllOfBuilder::new()
            .item(own)
            .item(AnyOfBuilder::new().item(neither).item(both))
            .build(),
    ));
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
