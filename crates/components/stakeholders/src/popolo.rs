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

use crate::csv_io::{self, Export};
use crate::permissions::{self, Action};
use crate::service;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use cospace_store::spaces::Space;
use cospace_web::error::PageError;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

fn organization_id(id: i64) -> String {
    format!("organization/{id}")
}

fn area_id(slug: &str) -> String {
    format!("area/{slug}")
}

/// The Popolo document of `export`; `spaces` names the spaces its listings refer to.
pub fn document(export: &Export, spaces: &HashMap<i64, Space>) -> Value {
    let listed_spaces: HashSet<i64> = export.listings.iter().map(|(_, s)| *s).collect();
    let mut areas: Vec<&Space> = listed_spaces
        .iter()
        .filter_map(|id| spaces.get(id))
        .collect();
    areas.sort_by(|a, b| a.slug.cmp(&b.slug));
    let areas: Vec<Value> = areas
        .into_iter()
        .map(|space| {
            let mut area = json!({
                "id": area_id(&space.slug),
                "name": space.title,
                "classification": space.kind,
            });
            if let Some(parent) = space
                .parent_id
                .filter(|p| listed_spaces.contains(p))
                .and_then(|p| spaces.get(&p))
            {
                area["parent_id"] = json!(area_id(&parent.slug));
            }
            area
        })
        .collect();
    let mut first_area: HashMap<i64, &str> = HashMap::new();
    let mut memberships = Vec::new();
    for (organization, space) in &export.listings {
        let Some(space) = spaces.get(space) else {
            continue;
        };
        first_area.entry(*organization).or_insert(&space.slug);
        memberships.push(json!({
            "id": format!("membership/{organization}/{}", space.slug),
            "organization_id": organization_id(*organization),
            "role": "member",
            "area_id": area_id(&space.slug),
        }));
    }
    let organizations: Vec<Value> = export
        .organizations
        .iter()
        .map(|org| {
            let mut contact_details = Vec::new();
            if !org.address.is_empty() {
                contact_details.push(json!({ "type": "address", "value": org.address }));
            }
            for contact in export
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
        .collect();
    json!({
        "areas": areas,
        "organizations": organizations,
        "memberships": memberships,
    })
}

/// `GET /spaces/{slug}/popolo.json`.
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
    let scope = service::scope(&state, &context).await?;
    let allowed = permissions::visible_contacts(context.role, context.space.visibility(), false);
    let export = csv_io::load(&state.db, &scope, &allowed).await?;
    let spaces: HashMap<i64, Space> = cospace_store::spaces::all_spaces(&state.db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let body = document(&export, &spaces).to_string();
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (header::CACHE_CONTROL, csv_io::cache_control(&allowed)),
        ],
        body,
    )
        .into_response())
}
