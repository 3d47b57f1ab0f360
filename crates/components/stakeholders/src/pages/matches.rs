//! Synergies across a space and the matches proposed between needs and resources.

use super::*;

/// An open need with its best suggestions.
pub struct NeedSuggestions {
    pub need: ItemRow,
    pub suggestions: Vec<SuggestionRow>,
}

#[derive(Template)]
#[template(path = "synergies.html")]
pub(super) struct SynergiesTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    needs: Vec<NeedSuggestions>,
    can_propose: bool,
}

/// How many open needs the synergies page shows, most urgent first.
pub(super) const SYNERGY_NEEDS: usize = 50;

pub async fn synergies(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Read, &base)?;
    let readable = service::readable_spaces(&state, &context).await?;
    let scope = service::scope_within(&state, &context, &readable).await?;
    let mut open =
        store::items_in(&state.db, ItemType::Need, &scope, Some(NeedStatus::Open)).await?;
    open.sort_by_key(|n| {
        std::cmp::Reverse(cospace_core::synergy::urgency_weight(
            Urgency::parse(&n.urgency).unwrap_or(Urgency::Medium),
        ))
    });
    let mut needs = Vec::new();
    for need in open.iter().take(SYNERGY_NEEDS) {
        let suggestions = service::suggestions_for_need(&state, need, &readable, 3).await?;
        needs.push(NeedSuggestions {
            need: item_row(&page, &base, need, ItemType::Need),
            suggestions: suggestion_rows(&page, &base, &suggestions, ItemType::Resource),
        });
    }
    render(&SynergiesTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        can_propose: permissions::allows(
            context.role,
            context.space.visibility(),
            Action::ProposeMatch,
        ),
        base,
        needs,
        page,
    })
}

/// A match as pages show it.
pub struct MatchRow {
    pub id: MatchId,
    pub need: String,
    pub need_href: String,
    pub resource: String,
    pub resource_href: String,
    pub status_key: String,
    pub need_side_key: String,
    pub offer_side_key: String,
    pub note: String,
    pub can_answer: bool,
    pub can_finish: bool,
    pub reasons: Vec<String>,
}

pub(super) async fn match_rows(
    state: &AppState,
    page: &Page,
    context: &SpaceContext,
    matches: &[store::Match],
) -> Result<Vec<MatchRow>, PageError> {
    let base = base(context);
    let manager = permissions::allows(context.role, context.space.visibility(), Action::Manage);
    let mut rows = Vec::new();
    let mut titles: HashMap<(ItemType, i64), Item> = HashMap::new();
    for m in matches {
        for (item_type, id) in [
            (ItemType::Need, m.need_id),
            (ItemType::Resource, m.resource_id),
        ] {
            if let std::collections::hash_map::Entry::Vacant(entry) = titles.entry((item_type, id))
            {
                entry.insert(store::item(&state.db, item_type, id).await?);
            }
        }
        let need = &titles[&(ItemType::Need, m.need_id)];
        let resource = &titles[&(ItemType::Resource, m.resource_id)];
        let side_admin = match &context.viewer.user {
            Some(user) => {
                store::is_organization_admin(&state.db, need.organization_id, user.id()).await?
                    || store::is_organization_admin(&state.db, resource.organization_id, user.id())
                        .await?
            }
            None => false,
        };
        let status = m.status;
        let reasons: Vec<Reason> = serde_json::from_str(&m.reasons).unwrap_or_default();
        rows.push(MatchRow {
            id: m.id,
            need: need.title.clone(),
            need_href: format!("{base}/needs/{}", need.id),
            resource: format!("{} — {}", resource.title, resource.organization_name),
            resource_href: format!("{base}/resources/{}", resource.id),
            status_key: status.label_key(),
            need_side_key: m.need_side.label_key(),
            offer_side_key: m.offer_side.label_key(),
            note: m.note.clone(),
            can_answer: (manager || side_admin)
                && status == cospace_core::stakeholders::MatchStatus::Proposed,
            can_finish: (manager || side_admin)
                && status == cospace_core::stakeholders::MatchStatus::Accepted,
            reasons: reasons.iter().map(|r| reason_text(&page.l, r)).collect(),
        });
    }
    Ok(rows)
}

#[derive(Template)]
#[template(path = "matches.html")]
pub(super) struct MatchesTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    matches: Vec<MatchRow>,
    errors: FormErrors,
}

pub async fn matches(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    matches_page(&state, page, &context, Invalid::default()).await
}

pub(super) async fn matches_page(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    errors: Invalid,
) -> Result<Response, PageError> {
    let base = base(context);
    require(context, Action::Read, &base)?;
    let scope = service::scope(state, context).await?;
    let all = store::matches_in(&state.db, &scope).await?;
    let rows = match_rows(state, &page, context, &all).await?;
    let invalid = !errors.is_empty();
    let template = MatchesTemplate {
        header: SpaceHeader::new(state, &page, context),
        base,
        matches: rows,
        errors: FormErrors(errors),
        page,
    };
    render_form(&template, invalid)
}

pub async fn propose_match(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    let here = format!("{}/matches", base(&context));
    require(&context, Action::ProposeMatch, &here)?;
    let actor = signed_in(&context, &here)?;
    let need = form.get("need").parse::<i64>().unwrap_or(-1);
    let resource = form.get("resource").parse::<i64>().unwrap_or(-1);
    match service::propose_match(&state, &context, &actor, need, resource, form.get("note")).await {
        Ok(id) => Ok(redirect_with_flash(
            &state,
            &format!("{here}#match-{id}"),
            "flash-match-proposed",
        )),
        Err(ServiceError::Invalid(invalid)) => matches_page(&state, page, &context, invalid).await,
        Err(other) => Err(other.into()),
    }
}

pub async fn decide_match(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id, decision)): Path<(String, i64, String)>,
) -> Result<Response, PageError> {
    let here = format!("{}/matches", base(&context));
    let actor = signed_in(&context, &here)?;
    let decision = Decision::parse(&decision).ok_or(PageError::NotFound)?;
    match service::decide_match(&state, &context, &actor, MatchId(id), decision).await {
        Ok(_) => Ok(redirect_with_flash(
            &state,
            &format!("{here}#match-{id}"),
            "flash-match-updated",
        )),
        Err(ServiceError::Invalid(invalid)) => matches_page(&state, page, &context, invalid).await,
        Err(other) => Err(other.into()),
    }
}
