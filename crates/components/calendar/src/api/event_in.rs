//! The body that plans an event: every value as text, as the planning form sends them, with
//! the limits the server enforces stated in its schema.

use cospace_core::calendar::event;
use cospace_core::calendar::event::{Audience, EventInput, EventKind, EventStatus};
use serde::Deserialize;
use utoipa::ToSchema;

/// A new event: every value as text, as the planning form sends them; `start_date` and
/// `start_time` as `YYYY-MM-DD` and `HH:MM` in `time_zone` (an IANA name).
#[derive(Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct EventIn {
    #[schema(schema_with = event_title, required = true)]
    pub title: String,
    #[schema(schema_with = event_description)]
    pub description: String,
    #[schema(schema_with = event_kind, required = true)]
    pub kind: String,
    #[schema(example = "Europe/Warsaw", required = true)]
    pub time_zone: String,
    /// Present (any text) for an all-day event.
    pub all_day: Option<String>,
    #[schema(example = "2026-05-12", required = true)]
    pub start_date: String,
    #[schema(example = "18:00")]
    pub start_time: String,
    pub end_date: String,
    pub end_time: String,
    /// Empty for once; daily, weekly, fortnightly, monthly_weekday, monthly_date, yearly, or
    /// custom (then `rrule` holds the rule).
    pub repeat: String,
    /// never, count or until.
    pub repeat_ends: String,
    pub repeat_count: String,
    pub repeat_until: String,
    pub rrule: String,
    /// The venue's id (a resource of kind venue).
    pub venue: String,
    #[schema(schema_with = event_address)]
    pub address: String,
    pub lat: String,
    pub lon: String,
    /// Ids of the organising organisations.
    #[schema(schema_with = organizers, required = true)]
    pub organizers: Vec<String>,
    #[schema(schema_with = audiences)]
    pub audiences: Vec<String>,
    pub expected_participants: String,
    pub actual_participants: String,
    #[schema(schema_with = event_status)]
    pub status: String,
}

fn event_title() -> utoipa::openapi::schema::Object {
    cospace_web::kit::text(1, event::MAX_TITLE)
}

fn event_description() -> utoipa::openapi::schema::Object {
    cospace_web::kit::text(0, event::MAX_DESCRIPTION)
}

fn event_address() -> utoipa::openapi::schema::Object {
    cospace_web::kit::text(0, event::MAX_ADDRESS)
}

/// One to `MAX_ORGANIZERS` organisation ids.
fn organizers() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(
            utoipa::openapi::schema::ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::String)
                .pattern(Some("^[ \\t\\n\\r]*[1-9][0-9]{0,17}[ \\t\\n\\r]*$")),
        )
        .min_items(Some(1))
        .max_items(Some(event::MAX_ORGANIZERS))
        .build()
}

fn event_kind() -> utoipa::openapi::schema::Object {
    cospace_web::kit::choice(EventKind::ALL.iter().map(|k| k.as_str()))
}

fn event_status() -> utoipa::openapi::schema::Object {
    cospace_web::kit::choice(EventStatus::ALL.iter().map(|k| k.as_str()))
}

fn audiences() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(cospace_web::kit::choice(
            Audience::ALL.iter().map(|a| a.as_str()),
        ))
        .build()
}

impl From<EventIn> for EventInput {
    fn from(e: EventIn) -> Self {
        EventInput {
            title: e.title,
            description: e.description,
            kind: e.kind,
            time_zone: e.time_zone,
            all_day: e.all_day,
            start_date: e.start_date,
            start_time: e.start_time,
            end_date: e.end_date,
            end_time: e.end_time,
            repeat: e.repeat,
            repeat_ends: e.repeat_ends,
            repeat_count: e.repeat_count,
            repeat_until: e.repeat_until,
            rrule: e.rrule,
            venue: e.venue,
            address: e.address,
            lat: e.lat,
            lon: e.lon,
            organizers: e.organizers,
            audiences: e.audiences,
            expected_participants: e.expected_participants,
            actual_participants: e.actual_participants,
            status: e.status,
        }
    }
}
