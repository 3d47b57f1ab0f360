//! Paged, filtered lists for the directory and the API: a city with a hundred thousand
//! organisations is shown a page at a time, filtered in the database, never loaded whole.

use crate::store::space_list;
use crate::store::{Item, ItemType, ListedOrganization};
use cospace_core::stakeholders::{Kind, NeedStatus, Sector};
use cospace_core::{OrganizationId, SpaceId};
use cospace_store::{in_ids, with_db, Db, StoreError};

/// One page of a list, with the total so pages can be offered.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub total: i64,
}

/// Organisations approved (and pending, when asked) in `spaces`, optionally of one sector,
/// by name.
pub async fn organizations(
    db: &Db,
    spaces: &[SpaceId],
    include_pending: bool,
    sector: Option<Sector>,
    limit: i64,
    offset: i64,
) -> Result<Page<ListedOrganization>, StoreError> {
    let (rows, total) = cospace_store::organizations::listed_by_name(
        db,
        spaces,
        include_pending,
        sector.map(Sector::as_str),
        limit,
        offset,
    )
    .await?;
    Ok(Page { rows, total })
}

/// Resources or needs in `spaces`, newest first, optionally of one kind and (needs) status.
pub async fn items(
    db: &Db,
    item_type: ItemType,
    spaces: &[SpaceId],
    kind: Option<Kind>,
    status: Option<NeedStatus>,
    limit: i64,
    offset: i64,
) -> Result<Page<Item>, StoreError> {
    if spaces.is_empty() {
        return Ok(Page {
            rows: Vec::new(),
            total: 0,
        });
    }
    let table = match item_type {
        ItemType::Resource => "resources",
        ItemType::Need => "needs",
    };
    let in_scope = in_ids(db.backend(), 1);
    let mut next = 2;
    let mut filters = String::new();
    if kind.is_some() {
        filters.push_str(&format!(" AND i.kind = ${next}"));
        next += 1;
    }
    let status = status.filter(|_| item_type == ItemType::Need);
    if status.is_some() {
        filters.push_str(&format!(" AND i.status = ${next}"));
        next += 1;
    }
    let sql = format!(
        "{} WHERE i.space_id {in_scope}{filters} ORDER BY i.id DESC LIMIT ${} OFFSET ${}",
        item_type.select(),
        next,
        next + 1
    );
    let count_sql = format!("SELECT COUNT(*) FROM {table} i WHERE i.space_id {in_scope}{filters}");
    let (rows, total) = with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, Item>(&sql);
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
        query = query.bind(space_list(spaces));
        count = count.bind(space_list(spaces));
        if let Some(kind) = kind {
            query = query.bind(kind.as_str());
            count = count.bind(kind.as_str());
        }
        if let Some(status) = status {
            query = query.bind(status.as_str());
            count = count.bind(status.as_str());
        }
        let rows = query.bind(limit).bind(offset).fetch_all(pool).await?;
        let total = count.fetch_one(pool).await?;
        Ok::<_, sqlx::Error>((rows, total))
    })?;
    Ok(Page { rows, total })
}

/// The spaces an organisation is listed in (approved).
pub async fn organization_spaces(db: &Db, organization: i64) -> Result<Vec<SpaceId>, StoreError> {
    cospace_store::organizations::approved_spaces(db, OrganizationId(organization)).await
}
