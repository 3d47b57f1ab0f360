//! Search across a space and the spaces below it that the reader may see.

use super::*;

/// A search result as the page shows it.
pub struct HitRow {
    pub href: String,
    pub title: String,
    pub what: String,
    pub detail: String,
}

#[derive(Template)]
#[template(path = "search.html")]
pub(super) struct SearchTemplate {
    page: Page,
    header: SpaceHeader,
    slug: String,
    query: String,
    hits: Vec<HitRow>,
    searched: bool,
}

#[derive(Deserialize, Default)]
pub struct SearchQuery {
    #[serde(default)]
    q: String,
}

/// Search results turned into rows (each hit re-read, so what is shown is current).
pub async fn resolve_hits(
    state: &AppState,
    page: &Page,
    context: &SpaceContext,
    hits: &[store::Hit],
) -> Result<Vec<HitRow>, StoreError> {
    let base = base(context);
    let mut rows = Vec::new();
    for hit in hits {
        match hit.item_type.as_str() {
            "organization" => {
                let org = store::organization(&state.db, hit.item_id).await?;
                rows.push(HitRow {
                    href: format!("{base}/organizations/{}", org.id),
                    what: page.t("search-organization"),
                    detail: org.address.clone(),
                    title: org.name,
                });
            }
            "resource" | "need" => {
                let item_type = if hit.item_type == "need" {
                    ItemType::Need
                } else {
                    ItemType::Resource
                };
                let item = store::item(&state.db, item_type, hit.item_id).await?;
                let row = item_row(page, &base, &item, item_type);
                rows.push(HitRow {
                    href: row.href,
                    title: row.title,
                    what: page.t(&format!("search-{}", item_type.as_str())),
                    detail: format!("{} · {}", row.kind, row.organization),
                });
            }
            _ => {}
        }
    }
    Ok(rows)
}

/// How many results a search shows.
pub const SEARCH_LIMIT: i64 = 50;

pub async fn search(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<SearchQuery>,
) -> Result<Response, PageError> {
    require(
        &context,
        Action::Read,
        &format!("/spaces/{}/search", context.space.slug),
    )?;
    let terms = text::query_terms(&query.q, 8);
    let hits = if terms.is_empty() {
        Vec::new()
    } else {
        let scope = service::scope(&state, &context).await?;
        let hits = store::search(&state.db, &scope, &terms, SEARCH_LIMIT).await?;
        resolve_hits(&state, &page, &context, &hits).await?
    };
    render(&SearchTemplate {
        header: SpaceHeader::new(&state, &page, &context),
        slug: context.space.slug.clone(),
        searched: !terms.is_empty(),
        query: query.q.clone(),
        hits,
        page,
    })
}
