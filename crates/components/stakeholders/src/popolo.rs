//! The organisations of a space as Popolo JSON (<https://www.popoloproject.com/specs/>), the
//! open standard for people, organisations and their memberships that civic-tech tools read.
//!
//! `GET /spaces/{slug}/popolo.json` answers with three lists, for the space and the spaces
//! below it that the reader may see:
//!
//! - `areas`: one [Area](https://www.popoloproject.com/specs/area.html) per space that lists
//!   an organisation — `id` (`area/azory`), `name`, `classification` (the kind of space:
//!   city, neighbourhood, …) and `parent_id` when the parent space is in the list too.
//! - `organizations`: one [Organization](https://www.popoloproject.com/specs/organization.html)
//!   per approved organisation — `id` (`organization/12`), `name`, `classification` (its
//!   sector: ngo, local_government, …), `description`, `area_id` (the first space it is listed
//!   in), `contact_details` (its address, and for each contact the reader may see an `email`
//!   and a `voice` entry whose `label` is the person and `note` their role) and `links` (its
//!   website).
//! - `memberships`: one [Membership](https://www.popoloproject.com/specs/membership.html) per
//!   listing of an organisation in a space — `id` (`membership/12/azory`), `organization_id`
//!   (the organisation), `role` `member` and `area_id` (the space). cospace spaces are places
//!   and communities rather than organisations, so they appear as areas, not as the
//!   organisation of the membership.
//!
//! Contacts follow the same rule as everywhere: only those the reader may see, never a
//! members-only or admins-only one to an anonymous reader.

use crate::export::{self, Batches, Export};
use crate::permissions::{self, Action};
use crate::service;
use crate::store;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use cospace_store::spaces::Space;
use cospace_web::error::PageError;
use cospace_web::space_context::SpaceContext;
use cospace_web::streaming::streamed_body;
use cospace_web::AppState;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

fn organization_id(id: i64) -> String {
    format!("organization/{id}")
}

fn area_id(slug: &str) -> String {
    format!("area/{slug}")
}

/// The areas: every space in `listed` (the spaces that list an organisation), by slug, with
/// its parent when that is listed too.
fn areas(listed: &HashSet<i64>, spaces: &HashMap<i64, Space>) -> Vec<Value> {
    let mut areas: Vec<&Space> = listed.iter().filter_map(|id| spaces.get(id)).collect();
    areas.sort_by(|a, b| a.slug.cmp(&b.slug));
    areas
        .into_iter()
        .map(|space| {
            let mut area = json!({
                "id": area_id(&space.slug),
                "name": space.title,
                "classification": space.kind,
            });
            if let Some(parent) = space
                .parent_id
                .filter(|p| listed.contains(p))
                .and_then(|p| spaces.get(&p))
            {
                area["parent_id"] = json!(area_id(&parent.slug));
            }
            area
        })
        .collect()
}

/// The organisations of one batch.
fn organizations(batch: &Export, spaces: &HashMap<i64, Space>) -> Vec<Value> {
    let mut first_area: HashMap<i64, &str> = HashMap::new();
    for (organization, space) in &batch.listings {
        if let Some(space) = spaces.get(space) {
            first_area.entry(*organization).or_insert(&space.slug);
        }
    }
    batch
        .organizations
        .iter()
        .map(|org| {
            let mut contact_details = Vec::new();
            if !org.address.is_empty() {
                contact_details.push(json!({ "type": "address", "value": org.address }));
            }
            for contact in batch
                .contacts
                .iter()
                .filter(|c| c.organization_id == org.id)
            {
                for (kind, value) in [("email", &contact.email), ("voice", &contact.phone)] {
                    if let Some(value) = value {
                        contact_details.push(json!({
                            "type": kind,
                            "value": value,
                            "label": contact.person,
                            "note": contact.role,
                        }));
                    }
                }
            }
            let links: Vec<Value> = org
                .website
                .iter()
                .map(|url| json!({ "url": url, "note": "website" }))
                .collect();
            let mut out = json!({
                "id": organization_id(org.id),
                "name": org.name,
                "classification": org.sector,
                "description": org.description,
                "contact_details": contact_details,
                "links": links,
            });
            if let Some(slug) = first_area.get(&org.id) {
                out["area_id"] = json!(area_id(slug));
            }
            out
        })
        .collect()
}

/// The memberships of one batch: one per listing.
fn memberships(batch: &Export, spaces: &HashMap<i64, Space>) -> Vec<Value> {
    batch
        .listings
        .iter()
        .filter_map(|(organization, space)| {
            let space = spaces.get(space)?;
            Some(json!({
                "id": format!("membership/{organization}/{}", space.slug),
                "organization_id": organization_id(*organization),
                "role": "member",
                "area_id": area_id(&space.slug),
            }))
        })
        .collect()
}

/// Appends `values` to a JSON array being written; `first` says whether none came before.
fn push_elements(out: &mut String, values: &[Value], first: &mut bool) {
    for value in values {
        if !std::mem::take(first) {
            out.push(',');
        }
        out.push_str(&value.to_string());
    }
}

/// `GET /spaces/{slug}/popolo.json`, streamed: the areas, then the organisations batch by
/// batch, then a second walk for the memberships.
pub async fn export(
    State(state): State<AppState>,
    context: SpaceContext,
) -> Result<Response, PageError> {
    if !permissions::allows(context.role, context.space.visibility(), Action::Read) {
        return Err(if context.viewer.signed_in() {
            PageError::Forbidden
        } else {
            PageError::SignInRequired {
                next: format!("/spaces/{}/popolo.json", context.space.slug),
            }
        });
    }
    let slot = state.exports.take()?;
    let scope = service::scope(&state, &context).await?;
    let reader = service::contact_reader(&state, &context).await?;
    let cache = export::cache_control(&reader);
    // The scope and the trail above it: every space a listing names, and every parent of one.
    let named: Vec<cospace_core::SpaceId> = scope
        .iter()
        .copied()
        .chain(context.trail.iter().map(|s| s.id()))
        .collect();
    let spaces: HashMap<i64, Space> = cospace_store::spaces::by_ids(&state.db, &named)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let listed: HashSet<i64> = store::listed_spaces(&state.db, &scope)
        .await?
        .into_iter()
        .collect();
    let db = state.db.clone();
    let body = streamed_body(slot, move |out| async move {
        let mut text = String::from("{\"areas\":");
        text.push_str(&Value::Array(areas(&listed, &spaces)).to_string());
        text.push_str(",\"organizations\":[");
        let mut first = true;
        let mut batches = Batches::new(db.clone(), scope.clone(), reader.clone()).without_items();
        while let Some(batch) = batches.next().await? {
            push_elements(&mut text, &organizations(&batch, &spaces), &mut first);
            out.send(std::mem::take(&mut text)).await?;
        }
        text.push_str("],\"memberships\":[");
        let mut first = true;
        let mut batches = Batches::new(db, scope, reader).listings_only();
        while let Some(batch) = batches.next().await? {
            push_elements(&mut text, &memberships(&batch, &spaces), &mut first);
            out.send(std::mem::take(&mut text)).await?;
        }
        text.push_str("]}");
        out.send(text).await?;
        Ok(())
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, cache),
        ],
        body,
    )
        .into_response())
}
