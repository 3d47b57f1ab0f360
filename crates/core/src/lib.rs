//! The domain of cospace: identifiers, validated values, roles and the permission rules of the
//! platform, and the pure logic of the activity log.
//!
//! Invariant: this crate performs no I/O and knows nothing about HTTP or databases, so every
//! rule here is a plain function that can be unit- and property-tested.

#[macro_use]
mod vocabulary;

pub mod account;
pub mod activity;
pub mod calendar;
pub mod geo;
pub mod ids;
pub mod lang;
pub mod markdown;
pub mod organization;
pub mod permissions;
pub mod space;
pub mod stakeholders;
pub mod synergy;
pub mod text;
pub mod validation;
pub mod visibility;

pub use ids::{SpaceId, UserId};
pub use lang::Lang;
pub use organization::{ListingStatus, OrganizationId};
pub use validation::{FieldError, Invalid};
