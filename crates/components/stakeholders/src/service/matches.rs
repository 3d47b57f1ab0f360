//! Matching needs with offers: the facts synergy ranking reads, suggestions both ways, and
//! proposing and deciding a match — each side answered for by its organisation's admins.

use super::{allows, log, require, scope, scope_within, ServiceError};
use crate::permissions::Action;
use crate::store::{self, Item, ItemType};
use cospace_core::ids::MatchId;
use cospace_core::stakeholders::{MatchSide, MatchStatus, NeedStatus};
use cospace_core::synergy::{self, Facts, Score};
use cospace_core::{Invalid, SpaceId, UserId};
use cospace_store::accounts::User;
use cospace_store::{notifications, spaces, StoreError};
use cospace_web::kit::visible_space_ids;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use std::collections::HashSet;

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
) -> Result<MatchId, ServiceError> {
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
            MatchSide::Accepted
        } else {
            MatchSide::Pending
        };
    let offer_side =
        if store::is_organization_admin(&state.db, resource.organization_id, actor.id()).await? {
            MatchSide::Accepted
        } else {
            MatchSide::Pending
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
        id.0,
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
    match_id: MatchId,
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
    let current = found.status;
    let (mut need_side, mut offer_side) = (found.need_side, found.offer_side);
    let next = match decision {
        Decision::Accept | Decision::Decline => {
            if current != MatchStatus::Proposed {
                return Err(Invalid::one("status", "error-match-state").into());
            }
            let answer = if decision == Decision::Accept {
                MatchSide::Accepted
            } else {
                MatchSide::Declined
            };
            if for_need {
                need_side = answer;
            }
            if for_offer {
                offer_side = answer;
            }
            if need_side == MatchSide::Declined || offer_side == MatchSide::Declined {
                MatchStatus::Declined
            } else if need_side == MatchSide::Accepted && offer_side == MatchSide::Accepted {
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
    store::update_match(&mut tx, match_id, next, need_side, offer_side).await?;
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
        people.extend(found.proposed_by);
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
        match_id.0,
        serde_json::json!({ "status": next.as_str() }),
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}
