//! The page of one resource or need, with its synergies.

use super::*;

/// A suggestion as pages show it.
pub struct SuggestionRow {
    pub item: ItemRow,
    pub score: String,
    pub reasons: Vec<String>,
}

pub(super) fn suggestion_rows(
    page: &Page,
    base: &str,
    suggestions: &[Suggestion],
    item_type: ItemType,
) -> Vec<SuggestionRow> {
    suggestions
        .iter()
        .map(|s| SuggestionRow {
            item: item_row(page, base, &s.item, item_type),
            score: format!("{:.0}", s.score.total),
            reasons: s
                .score
                .reasons
                .iter()
                .map(|r| reason_text(&page.l, r))
                .collect(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "item.html")]
pub(super) struct ItemTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    is_need: bool,
    item: Item,
    row: ItemRow,
    suggestions: Vec<SuggestionRow>,
    matches: Vec<MatchRow>,
    can_propose: bool,
    description: String,
}

pub(super) async fn item_page(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    item_type: ItemType,
    id: i64,
) -> Result<Response, PageError> {
    let base = base(context);
    require(context, Action::Read, &base)?;
    let readable = service::readable_spaces(state, context).await?;
    let scope = service::scope_within(state, context, &readable).await?;
    let item = store::item(&state.db, item_type, id).await?;
    if !scope.contains(&SpaceId(item.space_id)) {
        return Err(PageError::NotFound);
    }
    let (suggestions, matches) = match item_type {
        ItemType::Need => {
            let suggestions = if item.is_open() {
                service::suggestions_for_need(state, &item, &readable, 10).await?
            } else {
                Vec::new()
            };
            let all = store::matches_in(&state.db, &scope).await?;
            let mine: Vec<store::Match> = all.into_iter().filter(|m| m.need_id == id).collect();
            (
                suggestion_rows(&page, &base, &suggestions, ItemType::Resource),
                match_rows(state, &page, context, &mine).await?,
            )
        }
        ItemType::Resource => {
            let suggestions = service::needs_for_resource(state, &item, &scope, 10).await?;
            (
                suggestion_rows(&page, &base, &suggestions, ItemType::Need),
                Vec::new(),
            )
        }
    };
    render(&ItemTemplate {
        header: SpaceHeader::new(state, &page, context),
        row: item_row(&page, &base, &item, item_type),
        is_need: item_type == ItemType::Need,
        can_propose: permissions::allows(
            context.role,
            context.space.visibility(),
            Action::ProposeMatch,
        ),
        description: item.description.clone(),
        item,
        base,
        suggestions,
        matches,
        page,
    })
}

pub async fn resource(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    item_page(&state, page, &context, ItemType::Resource, id).await
}

pub async fn need(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    item_page(&state, page, &context, ItemType::Need, id).await
}
