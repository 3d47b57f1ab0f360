//! The use cases of the stakeholders component, shared by pages, API and import: each checks
//! its rules, runs in one transaction, logs to the activity log and notifies who must know.
//! Here: the scope of a page, registering, approving and editing organisations, their contacts,
//! resources and needs; matching needs with offers is in `matches.rs`.

use crate::permissions::{self, Action, ContactReader};
use crate::store::{self, ItemType, LinkStatus};
use cospace_core::ids::ContactId;
use cospace_core::stakeholders::{ContactDraft, ItemDraft, OrganizationDraft};
use cospace_core::{Invalid, SpaceId};
use cospace_store::accounts::User;
use cospace_store::activity::{self, Activity};
use cospace_store::{notifications, spaces, StoreError, Tx};
use cospace_web::kit::{roles_in_spaces, visible_subtree};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use std::collections::HashSet;

mod matches;
pub use matches::*;

/// The errors of this layer, shared by every component; pages and the API turn them into
/// responses.
pub use cospace_web::ServiceError;

/// The spaces a page about `context` covers: the space and every space below it that the
/// reader may see (a city's map includes its neighbourhoods').
pub async fn scope(state: &AppState, context: &SpaceContext) -> Result<Vec<SpaceId>, StoreError> {
    context.visible_subtree(&state.db).await
}

/// [`scope`] for a handler that already knows the spaces the reader may read.
pub async fn scope_within(
    state: &AppState,
    context: &SpaceContext,
    readable: &HashSet<i64>,
) -> Result<Vec<SpaceId>, StoreError> {
    visible_subtree(&state.db, context.space.id(), readable).await
}

/// Whose contacts the reader of `context` may see: judged space by space (see
/// [`ContactReader`]).
pub async fn contact_reader(
    state: &AppState,
    context: &SpaceContext,
) -> Result<ContactReader, StoreError> {
    let roles = roles_in_spaces(&state.db, &context.viewer).await?;
    Ok(ContactReader::new(
        context.viewer.user.as_ref().map(|u| u.id().0),
        roles
            .iter()
            .map(|(space, role)| (space.id, *role, space.visibility())),
    ))
}

fn allows(context: &SpaceContext, action: Action) -> bool {
    permissions::allows(context.role, context.space.visibility(), action)
}

pub fn require(context: &SpaceContext, action: Action) -> Result<(), ServiceError> {
    if allows(context, action) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

async fn log(
    tx: &mut Tx,
    actor: &User,
    space: SpaceId,
    action: &str,
    subject_type: &str,
    subject_id: i64,
    details: serde_json::Value,
) -> Result<(), StoreError> {
    activity::record(
        tx,
        Activity {
            actor: Some(actor.id()),
            space: Some(space),
            action,
            subject_type,
            subject_id: subject_id.to_string(),
            details,
        },
    )
    .await?;
    Ok(())
}

/// Adds an organisation to the space. Space admins add it listed at once; anyone else signed
/// in registers their own, becomes its admin, and waits for a space admin's approval.
pub async fn add_organization(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    draft: &OrganizationDraft,
) -> Result<(i64, LinkStatus), ServiceError> {
    require(context, Action::Register)?;
    let managing = allows(context, Action::Manage);
    let status = if managing {
        LinkStatus::Approved
    } else {
        LinkStatus::Pending
    };
    let space = context.space.id();
    let admins = spaces::admins_here_or_above(&state.db, space).await?;
    let mut tx = state.db.begin().await?;
    let id = store::create_organization(&mut tx, draft, Some(actor.id())).await?;
    store::link_organization(&mut tx, id, space, status).await?;
    if !managing {
        store::add_organization_admin(&mut tx, id, actor.id()).await?;
        let link = format!(
            "/spaces/{}/stakeholders/organizations/{id}",
            context.space.slug
        );
        for admin in admins.iter().filter(|a| **a != actor.id()) {
            notifications::notify(
                &mut tx,
                *admin,
                "notify-organization-registered",
                serde_json::json!({ "organization": draft.name, "space": context.space.title }),
                &link,
            )
            .await?;
        }
    } else {
        store::index(&mut tx, "organization", id, &[space], &search_text(draft)).await?;
    }
    log(
        &mut tx,
        actor,
        space,
        if managing {
            "organization.add"
        } else {
            "organization.register"
        },
        "organization",
        id,
        serde_json::json!({ "name": draft.name, "sector": draft.sector.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok((id, status))
}

fn search_text(draft: &OrganizationDraft) -> String {
    let sdgs: Vec<&str> = draft.sdg_targets.iter().map(|t| t.as_str()).collect();
    format!(
        "{} {} {} {}",
        draft.name,
        draft.description,
        draft.address,
        sdgs.join(" ")
    )
}

/// A space admin lists a registered organisation; its admins are told.
pub async fn approve_organization(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    organization: i64,
) -> Result<(), ServiceError> {
    require(context, Action::Manage)?;
    let space = context.space.id();
    if store::link_status(&state.db, organization, space).await? != Some(LinkStatus::Pending) {
        return Err(StoreError::NotFound.into());
    }
    let org = store::organization(&state.db, organization).await?;
    let org_admins = store::organization_admins(&state.db, organization).await?;
    let mut tx = state.db.begin().await?;
    store::link_organization(&mut tx, organization, space, LinkStatus::Approved).await?;
    store::index(
        &mut tx,
        "organization",
        organization,
        &[space],
        &org.search_text(),
    )
    .await?;
    let link = format!(
        "/spaces/{}/stakeholders/organizations/{organization}",
        context.space.slug
    );
    for admin in org_admins {
        notifications::notify(
            &mut tx,
            admin,
            "notify-organization-approved",
            serde_json::json!({ "organization": org.name, "space": context.space.title }),
            &link,
        )
        .await?;
    }
    log(
        &mut tx,
        actor,
        space,
        "organization.approve",
        "organization",
        organization,
        serde_json::json!({ "name": org.name }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `user` may edit `organization` in this space (its admins, or the space's).
pub async fn may_edit(
    state: &AppState,
    context: &SpaceContext,
    organization: i64,
) -> Result<bool, StoreError> {
    let org_admin = match &context.viewer.user {
        Some(user) => store::is_organization_admin(&state.db, organization, user.id()).await?,
        None => false,
    };
    Ok(permissions::may_edit_organization(
        context.role,
        context.space.visibility(),
        org_admin,
    ))
}

/// The organisation, if it is listed in the space (approved, or pending for those who may see
/// pending ones: the space's managers and the organisation's admins).
pub async fn listed_organization(
    state: &AppState,
    context: &SpaceContext,
    organization: i64,
) -> Result<(store::Organization, LinkStatus), ServiceError> {
    let status = store::link_status(&state.db, organization, context.space.id())
        .await?
        .ok_or(StoreError::NotFound)?;
    if status == LinkStatus::Pending && !may_edit(state, context, organization).await? {
        return Err(StoreError::NotFound.into());
    }
    Ok((store::organization(&state.db, organization).await?, status))
}

pub async fn edit_organization(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    organization: i64,
    draft: &OrganizationDraft,
) -> Result<(), ServiceError> {
    let (_, status) = listed_organization(state, context, organization).await?;
    if !may_edit(state, context, organization).await? {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = state.db.begin().await?;
    store::update_organization(&mut tx, organization, draft).await?;
    if status == LinkStatus::Approved {
        store::index(
            &mut tx,
            "organization",
            organization,
            &[context.space.id()],
            &search_text(draft),
        )
        .await?;
    }
    log(
        &mut tx,
        actor,
        context.space.id(),
        "organization.update",
        "organization",
        organization,
        serde_json::json!({ "name": draft.name }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Lists an organisation already listed in this space in another space too (an organisation
/// works in many places: a national partner in several cities). The actor must speak for the
/// organisation here (its admin, or an admin of this space) — listing it elsewhere shows it
/// to that space's readers — and administer the other space.
pub async fn list_elsewhere(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    organization: i64,
    target_slug: &str,
) -> Result<(), ServiceError> {
    let (org, status) = listed_organization(state, context, organization).await?;
    if !may_edit(state, context, organization).await? {
        return Err(ServiceError::Forbidden);
    }
    if status != LinkStatus::Approved {
        return Err(Invalid::one("space", "error-organization-pending").into());
    }
    let target = spaces::space_by_slug(&state.db, target_slug)
        .await
        .map_err(|_| Invalid::one("space", "error-choice"))?;
    let standing = spaces::standing(
        &state.db,
        Some((actor.id(), actor.is_platform_admin)),
        target.id(),
    )
    .await?;
    if standing.role() < cospace_core::permissions::Role::SpaceAdmin {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = state.db.begin().await?;
    store::link_organization(&mut tx, organization, target.id(), LinkStatus::Approved).await?;
    let mut listed_in: Vec<SpaceId> = Vec::new();
    for space in crate::listing::organization_spaces(&state.db, organization).await? {
        if !listed_in.contains(&space) {
            listed_in.push(space);
        }
    }
    if !listed_in.contains(&target.id()) {
        listed_in.push(target.id());
    }
    store::index(
        &mut tx,
        "organization",
        organization,
        &listed_in,
        &org.search_text(),
    )
    .await?;
    log(
        &mut tx,
        actor,
        target.id(),
        "organization.list",
        "organization",
        organization,
        serde_json::json!({ "name": org.name, "from": context.space.slug }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The spaces `user` administers (directly, or from above), other than `except`, as
/// (slug, title) for a form.
pub async fn administered_spaces(
    state: &AppState,
    user: &User,
    except: SpaceId,
) -> Result<Vec<(String, String)>, StoreError> {
    let onlooker = cospace_core::visibility::Onlooker::signed_in(user.id(), user.is_platform_admin);
    Ok(spaces::elevated_roles(&state.db, &onlooker)
        .await?
        .into_iter()
        .filter(|(space, role)| {
            space.id() != except && *role >= cospace_core::permissions::Role::SpaceAdmin
        })
        .map(|(space, _)| (space.slug, space.title))
        .collect())
}

pub async fn add_contact(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    organization: i64,
    draft: &ContactDraft,
) -> Result<ContactId, ServiceError> {
    listed_organization(state, context, organization).await?;
    if !may_edit(state, context, organization).await? {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = state.db.begin().await?;
    let id = store::add_contact(&mut tx, organization, draft).await?;
    log(
        &mut tx,
        actor,
        context.space.id(),
        "contact.add",
        "organization",
        organization,
        serde_json::json!({ "contact": id, "visibility": draft.visibility.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn delete_contact(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    organization: i64,
    contact: ContactId,
) -> Result<(), ServiceError> {
    listed_organization(state, context, organization).await?;
    if !may_edit(state, context, organization).await? {
        return Err(ServiceError::Forbidden);
    }
    let mut tx = state.db.begin().await?;
    store::delete_contact(&mut tx, organization, contact).await?;
    log(
        &mut tx,
        actor,
        context.space.id(),
        "contact.remove",
        "organization",
        organization,
        serde_json::json!({ "contact": contact }),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a resource or a need of an organisation listed (approved) in the space.
pub async fn add_item(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    item_type: ItemType,
    organization: i64,
    draft: &ItemDraft,
) -> Result<i64, ServiceError> {
    let (_, status) = listed_organization(state, context, organization).await?;
    if !may_edit(state, context, organization).await? {
        return Err(ServiceError::Forbidden);
    }
    if status != LinkStatus::Approved {
        return Err(Invalid::one("organization", "error-organization-pending").into());
    }
    let mut tx = state.db.begin().await?;
    let id =
        store::create_item(&mut tx, item_type, organization, context.space.id(), draft).await?;
    log(
        &mut tx,
        actor,
        context.space.id(),
        match item_type {
            ItemType::Resource => "resource.add",
            ItemType::Need => "need.add",
        },
        item_type.as_str(),
        id,
        serde_json::json!({ "organization": organization, "kind": draft.kind.as_str(), "title": draft.title }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}
