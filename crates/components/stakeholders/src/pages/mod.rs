//! The HTML pages of the stakeholders component. Each handler parses, authorises through
//! `permissions`/`service`, calls one use case and renders; forms re-render with their errors.

use crate::listing;
use crate::permissions::{self, Action};
use crate::service::{self, Decision, ServiceError, Suggestion};
use crate::store::{self, Item, ItemType, LinkStatus};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use cospace_core::ids::{ContactId, MatchId};
use cospace_core::stakeholders::{
    ContactDraft, ContactInput, ItemDraft, ItemInput, Kind, Level, NeedStatus, OrganizationDraft,
    OrganizationInput, Sector, Urgency,
};
use cospace_core::synergy::Reason;
use cospace_core::{text, Invalid, Lang, SpaceId};
use cospace_store::accounts::User;
use cospace_store::StoreError;
use cospace_web::error::PageError;
use cospace_web::i18n::Localizer;
use cospace_web::kit::FormData;
use cospace_web::kit::SpaceHeader;
use cospace_web::pages::{redirect_with_flash, render, render_form, FormErrors, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use serde::Deserialize;
use std::collections::HashMap;

mod directory;
mod items;
mod matches;
mod organizations;
mod search;

pub use directory::*;
pub use items::*;
pub use matches::*;
pub use organizations::*;
pub use search::*;

fn signed_in(context: &SpaceContext, here: &str) -> Result<User, PageError> {
    context.signed_in_user(here)
}

/// The component's permission check as a page answers it.
pub(crate) fn require(context: &SpaceContext, action: Action, here: &str) -> Result<(), PageError> {
    context.require_that(
        permissions::allows(context.role, context.space.visibility(), action),
        here,
    )
}

fn base(context: &SpaceContext) -> String {
    format!("/spaces/{}/stakeholders", context.space.slug)
}

/// A reason for a suggestion, in words.
pub fn reason_text(l: &Localizer, reason: &Reason) -> String {
    match reason {
        Reason::SameKind { kind } => l.ta("reason-same-kind", "kind", &l.t(&kind.label_key())),
        Reason::RelatedKind { offer, .. } => {
            l.ta("reason-related-kind", "kind", &l.t(&offer.label_key()))
        }
        Reason::Distance { meters } => {
            if *meters < 1000 {
                l.ta("reason-distance-m", "meters", &meters.to_string())
            } else {
                l.ta(
                    "reason-distance-km",
                    "km",
                    &format!("{:.1}", f64::from(*meters) / 1000.0),
                )
            }
        }
        Reason::CommonWords { words } => l.ta("reason-common-words", "words", &words.join(", ")),
        Reason::CapacityFits { capacity, needed } => l.targs(
            "reason-capacity-fits",
            &[
                ("capacity", capacity.to_string()),
                ("needed", needed.to_string()),
            ],
        ),
        Reason::CapacityShort { capacity, needed } => l.targs(
            "reason-capacity-short",
            &[
                ("capacity", capacity.to_string()),
                ("needed", needed.to_string()),
            ],
        ),
    }
}

/// A resource or need as lists show it.
pub struct ItemRow {
    pub id: i64,
    pub href: String,
    pub title: String,
    pub kind: String,
    pub organization: String,
    pub organization_href: String,
    pub detail: String,
    pub urgent: bool,
    pub open: bool,
}

fn item_row(page: &Page, base: &str, item: &Item, item_type: ItemType) -> ItemRow {
    let detail = match item_type {
        ItemType::Resource => {
            let mut parts = Vec::new();
            if let Some(capacity) = item.capacity {
                parts.push(page.l.ta("capacity-of", "n", &capacity.to_string()));
            }
            if !item.availability.is_empty() {
                parts.push(item.availability.clone());
            }
            parts.join(" · ")
        }
        ItemType::Need => {
            let urgency = Urgency::parse(&item.urgency).unwrap_or(Urgency::Medium);
            let status = NeedStatus::parse(&item.status).unwrap_or(NeedStatus::Open);
            format!(
                "{} · {}",
                page.t(&urgency.label_key()),
                page.t(&status.label_key())
            )
        }
    };
    ItemRow {
        id: item.id,
        href: format!("{base}/{}s/{}", item_type.as_str(), item.id),
        title: item.title.clone(),
        kind: page.t(&item.kind().label_key()),
        organization: item.organization_name.clone(),
        organization_href: format!("{base}/organizations/{}", item.organization_id),
        detail,
        urgent: matches!(item.urgency.as_str(), "high" | "critical"),
        open: item_type == ItemType::Resource || item.is_open(),
    }
}

/// An organisation as lists show it.
pub struct OrgRow {
    pub href: String,
    pub name: String,
    pub sector: String,
    pub address: String,
    pub pending: bool,
    pub id: i64,
}

#[derive(Deserialize, Default)]
pub struct DirectoryQuery {
    #[serde(default)]
    sector: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    show: String,
    #[serde(default)]
    page: Option<i64>,
}

/// Options of a filter select: (value, label, selected).
type Options = Vec<(String, String, bool)>;

fn options<T: Copy>(
    page: &Page,
    all: &[T],
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
    selected: &str,
) -> Options {
    all.iter()
        .map(|v| {
            let code = value(*v);
            (code.to_owned(), page.t(&label(*v)), code == selected)
        })
        .collect()
}
