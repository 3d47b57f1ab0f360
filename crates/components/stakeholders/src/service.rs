//! The use cases of the stakeholders component, shared by pages, API and import: each checks
//! its rules, runs in one transaction, logs to the activity log and notifies who must know.

use crate::permissions::{self, Action, ContactReader};
use crate::store::{self, Item, ItemType, LinkStatus};
use cospace_core::stakeholders::{
    ContactDraft, ItemDraft, MatchStatus, NeedStatus, OrganizationDraft,
};
use cospace_core::synergy::{self, Facts, Score};
use cospace_core::{Invalid, SpaceId, UserId};
use cospace_store::accounts::User;
use cospace_store::activity::{self, Activity};
use cospace_store::{notifications, spaces, StoreError, Tx};
use cospace_web::platform::spaces::{roles_in_spaces, visible_space_ids, visible_subtree};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use std::collections::HashSet;

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
) -> Result<i64, ServiceError> {
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
    contact: i64,
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

/// What matching knows about an item.
pub fn facts(item: &Item) -> Facts {
    Facts {
        organization: item.organization_id,
        kind: item.kind(),
        location: item.location(),
        keywords: item
            .keywords
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
        capacity: item.capacity,
    }
}

/// A resource that could meet a need, with its score and reasons.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub item: Item,
    pub score: Score,
}

/// The spaces whose offers may meet needs of `space`: everything in the tree it belongs to
/// (a partner of the global programme can meet a city's need), as far as `viewer_scope`
/// allows the reader to see.
async fn offer_spaces(
    state: &AppState,
    space: SpaceId,
    readable: &HashSet<i64>,
) -> Result<Vec<SpaceId>, StoreError> {
    let chain = spaces::ancestors(&state.db, space).await?;
    let root = chain.first().map(|s| s.id()).unwrap_or(space);
    Ok(spaces::subtree(&state.db, root)
        .await?
        .into_iter()
        .filter(|s| readable.contains(&s.0))
        .collect())
}

/// The spaces `viewer` may read, as a set of ids.
pub async fn readable_spaces(
    state: &AppState,
    context: &SpaceContext,
) -> Result<HashSet<i64>, StoreError> {
    visible_space_ids(&state.db, &context.viewer).await
}

/// The best offers for `need`, skipping pairs already proposed.
pub async fn suggestions_for_need(
    state: &AppState,
    need: &Item,
    readable: &HashSet<i64>,
    limit: usize,
) -> Result<Vec<Suggestion>, StoreError> {
    let need_facts = facts(need);
    let spaces = offer_spaces(state, SpaceId(need.space_id), readable).await?;
    let candidates = crate::candidates::find(
        &state.db,
        ItemType::Resource,
        &synergy::kinds_for(need_facts.kind),
        &spaces,
        need_facts.location,
        &need_facts.keywords,
        crate::candidates::Limits::default(),
    )
    .await?;
    let proposed: HashSet<i64> = store::proposed_resources(&state.db, need.id)
        .await?
        .into_iter()
        .collect();
    let pool: Vec<(i64, Facts)> = candidates
        .iter()
        .filter(|c| !proposed.contains(&c.id))
        .map(|c| (c.id, facts(c)))
        .collect();
    let ranked = synergy::rank(&need_facts, &pool, limit);
    let by_id: std::collections::HashMap<i64, &Item> =
        candidates.iter().map(|c| (c.id, c)).collect();
    Ok(ranked
        .into_iter()
        .filter_map(|(id, score)| {
            by_id.get(&id).map(|item| Suggestion {
                item: (*item).clone(),
                score,
            })
        })
        .collect())
}

/// The open needs in `scope` that `resource` could meet, best first.
pub async fn needs_for_resource(
    state: &AppState,
    resource: &Item,
    scope: &[SpaceId],
    limit: usize,
) -> Result<Vec<Suggestion>, StoreError> {
    let offer = facts(resource);
    // The needs an offer of this kind could meet: those whose kind lists it.
    let kinds: Vec<cospace_core::stakeholders::Kind> = cospace_core::stakeholders::Kind::ALL
        .iter()
        .copied()
        .filter(|need_kind| synergy::kinds_for(*need_kind).contains(&offer.kind))
        .collect();
    let needs = crate::candidates::find(
        &state.db,
        ItemType::Need,
        &kinds,
        scope,
        offer.location,
        &offer.keywords,
        crate::candidates::Limits::default(),
    )
    .await?;
    let mut scored: Vec<Suggestion> = needs
        .into_iter()
        .filter_map(|need| {
            synergy::score(&facts(&need), &offer).map(|score| Suggestion { item: need, score })
        })
        .collect();
    scored.sort_by(|a, b| {
        b.score
            .total
            .total_cmp(&a.score.total)
            .then(a.item.id.cmp(&b.item.id))
    });
    scored.truncate(limit);
    Ok(scored)
}

/// Who answers for one side of a match: the organisation's admins, or, when it has none, the
/// space's admins.
async fn side_deciders(
    state: &AppState,
    organization: i64,
    space: SpaceId,
) -> Result<Vec<UserId>, StoreError> {
    let admins = store::organization_admins(&state.db, organization).await?;
    if admins.is_empty() {
        spaces::admins_here_or_above(&state.db, space).await
    } else {
        Ok(admins)
    }
}

/// Proposes that `resource` meets `need`. Both sides are notified; a side whose admin proposes
/// has accepted already.
pub async fn propose_match(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    need_id: i64,
    resource_id: i64,
    note: &str,
) -> Result<i64, ServiceError> {
    require(context, Action::ProposeMatch)?;
    let readable = readable_spaces(state, context).await?;
    let scope: HashSet<i64> = scope_within(state, context, &readable)
        .await?
        .iter()
        .map(|s| s.0)
        .collect();
    let need = store::item(&state.db, ItemType::Need, need_id)
        .await
        .map_err(|_| Invalid::one("need", "error-not-found"))?;
    if !scope.contains(&need.space_id) {
        return Err(Invalid::one("need", "error-not-found").into());
    }
    let resource = store::item(&state.db, ItemType::Resource, resource_id)
        .await
        .map_err(|_| Invalid::one("resource", "error-not-found"))?;
    if !readable.contains(&resource.space_id) {
        return Err(Invalid::one("resource", "error-not-found").into());
    }
    if !need.is_open() {
        return Err(Invalid::one("need", "error-need-met").into());
    }
    if need.organization_id == resource.organization_id {
        return Err(Invalid::one("resource", "error-match-own-organization").into());
    }
    let note = cospace_core::validation::bounded_text("note", note, 0, 1000)
        .map_err(|e| Invalid(vec![e]))?;
    let score = synergy::score(&facts(&need), &facts(&resource))
        .ok_or_else(|| Invalid::one("resource", "error-match-incompatible"))?;
    let need_deciders = side_deciders(state, need.organization_id, SpaceId(need.space_id)).await?;
    let offer_deciders =
        side_deciders(state, resource.organization_id, SpaceId(resource.space_id)).await?;
    let need_side =
        if store::is_organization_admin(&state.db, need.organization_id, actor.id()).await? {
            "accepted"
        } else {
            "pending"
        };
    let offer_side =
        if store::is_organization_admin(&state.db, resource.organization_id, actor.id()).await? {
            "accepted"
        } else {
            "pending"
        };
    let reasons =
        serde_json::to_string(&score.reasons).map_err(|e| StoreError::Internal(e.to_string()))?;
    let mut tx = state.db.begin().await?;
    let id = store::create_match(
        &mut tx,
        need.id,
        resource.id,
        actor.id(),
        need_side,
        offer_side,
        score.total,
        &reasons,
        &note,
    )
    .await
    .map_err(|e| match e {
        StoreError::Conflict { .. } => {
            ServiceError::Invalid(Invalid::one("resource", "error-match-exists"))
        }
        other => other.into(),
    })?;
    let link = format!(
        "/spaces/{}/stakeholders/matches#match-{id}",
        context.space.slug
    );
    let mut told = HashSet::new();
    for user in need_deciders.iter().chain(offer_deciders.iter()) {
        if *user != actor.id() && told.insert(*user) {
            notifications::notify(
                &mut tx,
                *user,
                "notify-match-proposed",
                serde_json::json!({ "need": need.title, "resource": resource.title, "organization": resource.organization_name }),
                &link,
            )
            .await?;
        }
    }
    log(
        &mut tx,
        actor,
        context.space.id(),
        "match.propose",
        "match",
        id,
        serde_json::json!({ "need": need.id, "resource": resource.id, "score": score.total }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// What someone answers to a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Accept,
    Decline,
    Done,
}

impl Decision {
    pub fn parse(input: &str) -> Option<Decision> {
        match input {
            "accept" => Some(Decision::Accept),
            "decline" => Some(Decision::Decline),
            "done" => Some(Decision::Done),
            _ => None,
        }
    }
}

/// Records a side's answer. A match is accepted when both sides have accepted (a space admin
/// answers for both); accepting it closes the need. Either side may later mark it done.
pub async fn decide_match(
    state: &AppState,
    context: &SpaceContext,
    actor: &User,
    match_id: i64,
    decision: Decision,
) -> Result<MatchStatus, ServiceError> {
    let found = store::match_by_id(&state.db, match_id).await?;
    let need = store::item(&state.db, ItemType::Need, found.need_id).await?;
    let resource = store::item(&state.db, ItemType::Resource, found.resource_id).await?;
    let scope: HashSet<i64> = scope(state, context).await?.iter().map(|s| s.0).collect();
    if !scope.contains(&need.space_id) {
        return Err(StoreError::NotFound.into());
    }
    let manager = allows(context, Action::Manage);
    let for_need = manager
        || store::is_organization_admin(&state.db, need.organization_id, actor.id()).await?;
    let for_offer = manager
        || store::is_organization_admin(&state.db, resource.organization_id, actor.id()).await?;
    if !for_need && !for_offer {
        return Err(ServiceError::Forbidden);
    }
    let current = found.status();
    let (mut need_side, mut offer_side) = (found.need_side.clone(), found.offer_side.clone());
    let next = match decision {
        Decision::Accept | Decision::Decline => {
            if current != MatchStatus::Proposed {
                return Err(Invalid::one("status", "error-match-state").into());
            }
            let answer = if decision == Decision::Accept {
                "accepted"
            } else {
                "declined"
            };
            if for_need {
                need_side = answer.to_owned();
            }
            if for_offer {
                offer_side = answer.to_owned();
            }
            if need_side == "declined" || offer_side == "declined" {
                MatchStatus::Declined
            } else if need_side == "accepted" && offer_side == "accepted" {
                MatchStatus::Accepted
            } else {
                MatchStatus::Proposed
            }
        }
        Decision::Done => {
            if !current.can_become(MatchStatus::Done) {
                return Err(Invalid::one("status", "error-match-state").into());
            }
            MatchStatus::Done
        }
    };
    let mut tx = state.db.begin().await?;
    store::update_match(&mut tx, match_id, next, &need_side, &offer_side).await?;
    if next == MatchStatus::Accepted {
        store::set_need_status(&mut tx, need.id, NeedStatus::Met).await?;
    }
    if next != current {
        let link = format!(
            "/spaces/{}/stakeholders/matches#match-{match_id}",
            context.space.slug
        );
        let mut told = HashSet::new();
        let mut people = side_deciders(state, need.organization_id, SpaceId(need.space_id)).await?;
        people.extend(
            side_deciders(state, resource.organization_id, SpaceId(resource.space_id)).await?,
        );
        people.extend(found.proposed_by.map(UserId));
        for user in people {
            if user != actor.id() && told.insert(user) {
                notifications::notify(
                    &mut tx,
                    user,
                    "notify-match-status",
                    serde_json::json!({ "need": need.title, "resource": resource.title, "status": next.as_str() }),
                    &link,
                )
                .await?;
            }
        }
    }
    log(
        &mut tx,
        actor,
        context.space.id(),
        match decision {
            Decision::Accept => "match.accept",
            Decision::Decline => "match.decline",
            Decision::Done => "match.done",
        },
        "match",
        match_id,
        serde_json::json!({ "status": next.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}
