//! Storage of the stakeholders component: contacts of organisations; resources and needs;
//! matches; the search index. Organisations, their admins and their listings in spaces are the
//! platform's (`cospace_store::organizations`): the functions here that name them delegate there,
//! and this component's own tables join `organizations` as they join `spaces`. One query text per operation for
//! both databases; full-text search is the one place they differ.

use crate::permissions::ContactReader;
use chrono::{DateTime, Utc};
use cospace_core::geo::Point;
use cospace_core::stakeholders::{
    ContactDraft, ItemDraft, Kind, MatchStatus, NeedStatus, OrganizationDraft,
};
use cospace_core::{text, OrganizationId, SpaceId, UserId};
use cospace_store::organizations;
use cospace_store::{in_ids, now, with_db, with_tx, Db, IdList, StoreError, Tx};

/// `$start, $start+1, …` for `n` values, for `IN (…)` lists.
pub(crate) fn placeholders(start: usize, n: usize) -> String {
    (start..start + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn ids(spaces: &[SpaceId]) -> Vec<i64> {
    spaces.iter().map(|s| s.0).collect()
}

// Organisations, their listings and their admins are the platform's
// (`cospace_store::organizations`); these names keep the component's own vocabulary for them.
pub use cospace_core::ListingStatus as LinkStatus;
pub use cospace_store::organizations::{ListedOrganization, Organization, ORG_COLUMNS};

pub async fn create_organization(
    tx: &mut Tx,
    draft: &OrganizationDraft,
    created_by: Option<UserId>,
) -> Result<i64, StoreError> {
    Ok(organizations::create(tx, draft, created_by).await?.0)
}

pub async fn update_organization(
    tx: &mut Tx,
    id: i64,
    draft: &OrganizationDraft,
) -> Result<(), StoreError> {
    organizations::update(tx, OrganizationId(id), draft).await
}

pub async fn organization(db: &Db, id: i64) -> Result<Organization, StoreError> {
    organizations::get(db, OrganizationId(id)).await
}

/// Lists `organization` in `space` (or changes its status there).
pub async fn link_organization(
    tx: &mut Tx,
    organization: i64,
    space: SpaceId,
    status: LinkStatus,
) -> Result<(), StoreError> {
    organizations::list_in(tx, OrganizationId(organization), space, status).await
}

/// The status of `organization` in `space`, if it is listed there.
pub async fn link_status(
    db: &Db,
    organization: i64,
    space: SpaceId,
) -> Result<Option<LinkStatus>, StoreError> {
    organizations::listing_status(db, OrganizationId(organization), space).await
}

/// Organisations listed in any of `spaces`; pending ones only when asked for.
pub async fn organizations_in(
    db: &Db,
    spaces: &[SpaceId],
    include_pending: bool,
) -> Result<Vec<ListedOrganization>, StoreError> {
    organizations::listed_in(db, spaces, include_pending).await
}

/// A page of the organisations listed in `spaces`, by id (see
/// [`organizations::listed_page`]).
pub async fn organizations_page(
    db: &Db,
    spaces: &[SpaceId],
    include_pending: bool,
    after: i64,
    limit: i64,
) -> Result<Vec<ListedOrganization>, StoreError> {
    organizations::listed_page(db, spaces, include_pending, after, limit).await
}

/// The resources or needs of `organizations` placed in `spaces`, by organisation then id.
pub async fn items_of_organizations(
    db: &Db,
    item_type: ItemType,
    organizations: &[i64],
    spaces: &[SpaceId],
) -> Result<Vec<Item>, StoreError> {
    if organizations.is_empty() || spaces.is_empty() {
        return Ok(Vec::new());
    }
    let in_scope = placeholders(2, spaces.len());
    let select = item_type.select();
    // `+i.space_id` keeps the planner off the (space, kind) index: without statistics SQLite
    // prefers it and reads every item of the space for each batch of an export (0.2 s per
    // batch at 200,000 organisations), where the organisation index reads only the batch's.
    let sql = format!(
        "{select} WHERE i.organization_id {} AND +i.space_id IN ({in_scope})
         ORDER BY i.organization_id, i.id",
        in_ids(db.backend(), 1)
    );
    let space_ids = ids(spaces);
    let organizations = IdList::new(organizations.iter().copied());
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, Item>(&sql).bind(organizations.clone());
        for id in &space_ids {
            query = query.bind(*id);
        }
        query.fetch_all(pool).await
    })?)
}

/// The spaces among `spaces` that list at least one approved organisation.
pub async fn listed_spaces(db: &Db, spaces: &[SpaceId]) -> Result<Vec<i64>, StoreError> {
    Ok(organizations::spaces_with_listings(db, spaces)
        .await?
        .into_iter()
        .map(|s| s.0)
        .collect())
}

pub async fn add_organization_admin(
    tx: &mut Tx,
    organization: i64,
    user: UserId,
) -> Result<(), StoreError> {
    organizations::add_admin(tx, OrganizationId(organization), user).await
}

pub async fn organization_admins(db: &Db, organization: i64) -> Result<Vec<UserId>, StoreError> {
    organizations::admins(db, OrganizationId(organization)).await
}

pub async fn is_organization_admin(
    db: &Db,
    organization: i64,
    user: UserId,
) -> Result<bool, StoreError> {
    organizations::is_admin(db, OrganizationId(organization), user).await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Contact {
    pub id: i64,
    pub organization_id: i64,
    pub person: String,
    pub role: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub visibility: String,
}

pub async fn add_contact(
    tx: &mut Tx,
    organization: i64,
    draft: &ContactDraft,
) -> Result<i64, StoreError> {
    let id: i64 = with_tx!(tx, |conn| {
        sqlx::query_scalar(
        "INSERT INTO contacts (organization_id, person, role, email, phone, visibility, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id"
    )
    .bind(organization)
    .bind(&draft.person)
    .bind(&draft.role)
    .bind(&draft.email)
    .bind(&draft.phone)
    .bind(draft.visibility.as_str())
    .bind(now())
    .fetch_one(&mut *conn)
    .await
    })?;
    Ok(id)
}

pub async fn delete_contact(tx: &mut Tx, organization: i64, id: i64) -> Result<(), StoreError> {
    let n = with_tx!(tx, |conn| sqlx::query(
        "DELETE FROM contacts WHERE id = $1 AND organization_id = $2"
    )
    .bind(id)
    .bind(organization)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The contacts of `organizations` that `reader` may see (see [`ContactReader`]). The filter is
/// in the query, so a contact the reader may not see never leaves the database, and every
/// channel (pages, map, exports, API) applies the same rule.
pub async fn contacts(
    db: &Db,
    organizations: &[i64],
    reader: &ContactReader,
) -> Result<Vec<Contact>, StoreError> {
    if organizations.is_empty() {
        return Ok(Vec::new());
    }
    // Lists of ids travel as one parameter each (a JSON array on SQLite, an array on
    // PostgreSQL): binding thousands of numbered parameters is quadratic in sqlx's SQLite
    // driver, and a map asks for the contacts of thousands of organisations.
    let list = |n| in_ids(db.backend(), n);
    let sql = format!(
        "SELECT c.id, c.organization_id, c.person, c.role, c.email, c.phone, c.visibility
         FROM contacts c
         WHERE c.organization_id {orgs} AND (
            c.visibility = 'public'
            OR (c.visibility = 'members' AND EXISTS (SELECT 1 FROM organization_spaces l
                WHERE l.organization_id = c.organization_id AND l.status = 'approved'
                  AND l.space_id {members}))
            OR EXISTS (SELECT 1 FROM organization_spaces l
                WHERE l.organization_id = c.organization_id AND l.space_id {admins})
            OR EXISTS (SELECT 1 FROM organization_admins a
                WHERE a.organization_id = c.organization_id AND a.user_id = $4))
         ORDER BY c.organization_id, c.id",
        orgs = list(1),
        members = list(2),
        admins = list(3),
    );
    let (organizations, members, admins) = (
        IdList::new(organizations.iter().copied()),
        IdList::new(reader.members_in.iter().copied()),
        IdList::new(reader.admins_in.iter().copied()),
    );
    Ok(with_db!(db, |pool| {
        sqlx::query_as::<_, Contact>(&sql)
            .bind(organizations.clone())
            .bind(members.clone())
            .bind(admins.clone())
            .bind(reader.user)
            .fetch_all(pool)
            .await
    })?)
}

/// A resource or a need with the name of its organisation.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Item {
    pub id: i64,
    pub organization_id: i64,
    pub organization_name: String,
    pub space_id: i64,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub capacity: Option<i64>,
    /// Resources only ("" for needs).
    pub availability: String,
    /// Needs only ("" for resources).
    pub urgency: String,
    /// Needs only ("" for resources).
    pub status: String,
    pub address: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub keywords: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Item {
    pub fn location(&self) -> Option<Point> {
        Some(Point {
            lat: self.lat?,
            lon: self.lon?,
        })
    }

    pub fn kind(&self) -> Kind {
        Kind::parse(&self.kind).unwrap_or(Kind::Other)
    }

    pub fn is_open(&self) -> bool {
        self.status == NeedStatus::Open.as_str()
    }
}

/// Resources or needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemType {
    Resource,
    Need,
}

impl ItemType {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemType::Resource => "resource",
            ItemType::Need => "need",
        }
    }

    pub(crate) fn select(self) -> &'static str {
        match self {
            ItemType::Resource => {
                "SELECT i.id, i.organization_id, o.name AS organization_name, i.space_id, i.kind,
                    i.title, i.description, i.capacity, i.availability, '' AS urgency, '' AS status,
                    i.address, i.lat, i.lon, i.keywords, i.created_at, i.updated_at
                 FROM resources i JOIN organizations o ON o.id = i.organization_id"
            }
            ItemType::Need => {
                "SELECT i.id, i.organization_id, o.name AS organization_name, i.space_id, i.kind,
                    i.title, i.description, i.capacity, '' AS availability, i.urgency, i.status,
                    i.address, i.lat, i.lon, i.keywords, i.created_at, i.updated_at
                 FROM needs i JOIN organizations o ON o.id = i.organization_id"
            }
        }
    }
}

/// The keywords matching compares, stored so that candidates need no re-folding.
fn item_keywords(draft: &ItemDraft) -> String {
    text::keywords(&format!("{} {}", draft.title, draft.description)).join(" ")
}

pub async fn create_item(
    tx: &mut Tx,
    item_type: ItemType,
    organization: i64,
    space: SpaceId,
    draft: &ItemDraft,
) -> Result<i64, StoreError> {
    let at = now();
    let keywords = item_keywords(draft);
    let id: i64 = match item_type {
        ItemType::Resource => with_tx!(tx, |conn| {
            sqlx::query_scalar(
            "INSERT INTO resources (organization_id, space_id, kind, title, description, capacity,
                availability, address, lat, lon, keywords, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id"
        )
        .bind(organization)
        .bind(space.0)
        .bind(draft.kind.as_str())
        .bind(&draft.title)
        .bind(&draft.description)
        .bind(draft.capacity)
        .bind(&draft.availability)
        .bind(&draft.address)
        .bind(draft.location.map(|p| p.lat))
        .bind(draft.location.map(|p| p.lon))
        .bind(&keywords)
        .bind(at)
        .fetch_one(&mut *conn)
        .await
        })?,
        ItemType::Need => with_tx!(tx, |conn| sqlx::query_scalar(
            "INSERT INTO needs (organization_id, space_id, kind, title, description, capacity,
                urgency, status, address, lat, lon, keywords, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $9, $10, $11, $12, $12) RETURNING id"
        )
        .bind(organization)
        .bind(space.0)
        .bind(draft.kind.as_str())
        .bind(&draft.title)
        .bind(&draft.description)
        .bind(draft.capacity)
        .bind(draft.urgency.as_str())
        .bind(&draft.address)
        .bind(draft.location.map(|p| p.lat))
        .bind(draft.location.map(|p| p.lon))
        .bind(&keywords)
        .bind(at)
        .fetch_one(&mut *conn)
        .await)?,
    };
    index(
        tx,
        item_type.as_str(),
        id,
        &[space],
        &format!(
            "{} {} {} {}",
            draft.title, draft.description, draft.address, draft.availability
        ),
    )
    .await?;
    Ok(id)
}

pub async fn item(db: &Db, item_type: ItemType, id: i64) -> Result<Item, StoreError> {
    let sql = format!("{} WHERE i.id = $1", item_type.select());
    with_db!(db, |pool| sqlx::query_as::<_, Item>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// Resources or needs in any of `spaces`, newest first; needs filtered by status if given.
pub async fn items_in(
    db: &Db,
    item_type: ItemType,
    spaces: &[SpaceId],
    status: Option<NeedStatus>,
) -> Result<Vec<Item>, StoreError> {
    items_page(db, item_type, spaces, status, None, i64::MAX).await
}

/// A page of [`items_in`]: up to `limit` items older (lower id) than `before`.
pub async fn items_page(
    db: &Db,
    item_type: ItemType,
    spaces: &[SpaceId],
    status: Option<NeedStatus>,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<Item>, StoreError> {
    if spaces.is_empty() {
        return Ok(Vec::new());
    }
    let status_filter = match (item_type, status) {
        (ItemType::Need, Some(status)) => format!("AND i.status = '{}'", status.as_str()),
        _ => String::new(),
    };
    let sql = format!(
        "{} WHERE i.space_id IN ({}) {status_filter} AND i.id < $1 ORDER BY i.id DESC LIMIT $2",
        item_type.select(),
        placeholders(3, spaces.len())
    );
    let space_ids = ids(spaces);
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, Item>(&sql)
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit);
        for id in &space_ids {
            query = query.bind(*id);
        }
        query.fetch_all(pool).await
    })?)
}

/// Resources or needs of one organisation.
pub async fn items_of(
    db: &Db,
    item_type: ItemType,
    organization: i64,
) -> Result<Vec<Item>, StoreError> {
    let sql = format!(
        "{} WHERE i.organization_id = $1 ORDER BY i.id DESC",
        item_type.select()
    );
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Item>(&sql)
        .bind(organization)
        .fetch_all(pool)
        .await)?)
}

pub async fn set_need_status(tx: &mut Tx, need: i64, status: NeedStatus) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "UPDATE needs SET status = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(status.as_str())
    .bind(now())
    .bind(need)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// Replaces the search rows of one item with `text`, folded, in each of `spaces`.
pub async fn index(
    tx: &mut Tx,
    item_type: &str,
    item_id: i64,
    spaces: &[SpaceId],
    text: &str,
) -> Result<(), StoreError> {
    unindex(tx, item_type, item_id).await?;
    let body = text::words(text).join(" ");
    for space in spaces {
        with_tx!(tx, |conn| {
            sqlx::query(
            "INSERT INTO stakeholder_search (item_type, item_id, space_id, body) VALUES ($1, $2, $3, $4)"
        )
        .bind(item_type)
        .bind(item_id)
        .bind(space.0)
        .bind(&body)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

pub async fn unindex(tx: &mut Tx, item_type: &str, item_id: i64) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "DELETE FROM stakeholder_search WHERE item_type = $1 AND item_id = $2"
    )
    .bind(item_type)
    .bind(item_id)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// How many full-text matches are ranked at most. SQLite takes the best this many by bm25
/// before filtering by space (FTS5's top-k path keeps that cheap even when a common prefix
/// matches tens of thousands of rows); PostgreSQL, which has no ranked index, ranks the first
/// this many matches in scope.
const SEARCH_DEPTH: i64 = 2_000;

/// One search hit: what it is, which record, and its relevance (higher is better).
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub item_type: String,
    pub item_id: i64,
    pub rank: f64,
}

/// Full-text search in `spaces` for every one of `terms` as a word prefix, best first. SQLite
/// uses FTS5 with bm25, PostgreSQL a `simple` tsvector with ts_rank; both see the same folded
/// words, so "lodz" finds "Łódź" and "sen" finds "seniors" on either.
pub async fn search(
    db: &Db,
    spaces: &[SpaceId],
    terms: &[String],
    limit: i64,
) -> Result<Vec<Hit>, StoreError> {
    if spaces.is_empty() || terms.is_empty() {
        return Ok(Vec::new());
    }
    // Terms are folded words (letters and digits only), so quoting them is enough.
    let space_list = placeholders(2, spaces.len());
    let limit_at = 2 + spaces.len();
    let space_ids = ids(spaces);
    let rows: Vec<(String, i64, f64)> = match db {
        Db::Sqlite(pool) => {
            let query_text = terms
                .iter()
                .map(|t| format!("\"{t}\"*"))
                .collect::<Vec<_>>()
                .join(" AND ");
            let sql = format!(
                // Ranking is bounded as on PostgreSQL: bm25 is computed only for the first
                // SEARCH_DEPTH matches FTS5 yields (all of them when there are fewer), instead
                // of ranking every match of a common prefix to keep the best SEARCH_DEPTH.
                "WITH found AS MATERIALIZED (
                    SELECT rowid AS row_id, -bm25(stakeholder_search_fts) AS relevance
                    FROM stakeholder_search_fts WHERE stakeholder_search_fts MATCH $1
                    LIMIT {top}
                 )
                 SELECT s.item_type, s.item_id, MAX(f.relevance) AS relevance
                 FROM found f JOIN stakeholder_search s ON s.id = f.row_id
                 WHERE s.space_id IN ({space_list})
                 GROUP BY s.item_type, s.item_id
                 ORDER BY relevance DESC, s.item_type, s.item_id LIMIT ${limit_at}",
                top = SEARCH_DEPTH
            );
            let mut query = sqlx::query_as(&sql).bind(query_text);
            for id in &space_ids {
                query = query.bind(*id);
            }
            query.bind(limit).fetch_all(pool).await?
        }
        Db::Postgres(pool) => {
            let query_text = terms
                .iter()
                .map(|t| format!("{t}:*"))
                .collect::<Vec<_>>()
                .join(" & ");
            // Ranking is bounded as on SQLite: ts_rank reads each match's document, and a
            // common prefix matches tens of thousands of rows, so only the first
            // SEARCH_DEPTH matches the index yields in scope are ranked (all of them when
            // there are fewer, which is the usual case for a word and a half of query).
            let sql = format!(
                "WITH found AS MATERIALIZED (
                    SELECT item_type, item_id, document FROM stakeholder_search
                    WHERE document @@ to_tsquery('simple', $1) AND space_id IN ({space_list})
                    LIMIT {depth}
                 )
                 SELECT item_type, item_id, MAX(ts_rank(document, to_tsquery('simple', $1)))::FLOAT8 AS relevance
                 FROM found
                 GROUP BY item_type, item_id
                 ORDER BY relevance DESC, item_type, item_id LIMIT ${limit_at}",
                depth = SEARCH_DEPTH
            );
            let mut query = sqlx::query_as(&sql).bind(query_text);
            for id in &space_ids {
                query = query.bind(*id);
            }
            query.bind(limit).fetch_all(pool).await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|(item_type, item_id, rank)| Hit {
            item_type,
            item_id,
            rank,
        })
        .collect())
}

/// The names of organisations, or titles of resources and needs, by (type, id): what a list of
/// search hits shows, in one query per type.
pub async fn hit_titles(
    db: &Db,
    hits: &[Hit],
) -> Result<std::collections::HashMap<(String, i64), String>, StoreError> {
    let mut titles = std::collections::HashMap::new();
    let organization_ids: Vec<i64> = hits
        .iter()
        .filter(|h| h.item_type == "organization")
        .map(|h| h.item_id)
        .collect();
    titles.extend(
        organizations::names(db, &organization_ids)
            .await?
            .into_iter()
            .map(|(id, name)| (("organization".to_owned(), id), name)),
    );
    for (item_type, sql) in [
        ("resource", "SELECT id, title FROM resources"),
        ("need", "SELECT id, title FROM needs"),
    ] {
        let ids: Vec<i64> = hits
            .iter()
            .filter(|h| h.item_type == item_type)
            .map(|h| h.item_id)
            .collect();
        if ids.is_empty() {
            continue;
        }
        let sql = format!("{sql} WHERE id IN ({})", placeholders(1, ids.len()));
        let rows: Vec<(i64, String)> = with_db!(db, |pool| {
            let mut query = sqlx::query_as(&sql);
            for id in &ids {
                query = query.bind(*id);
            }
            query.fetch_all(pool).await
        })?;
        titles.extend(
            rows.into_iter()
                .map(|(id, title)| ((item_type.to_owned(), id), title)),
        );
    }
    Ok(titles)
}

/// A proposed match between a need and a resource.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Match {
    pub id: i64,
    pub need_id: i64,
    pub resource_id: i64,
    pub proposed_by: Option<i64>,
    pub status: String,
    pub need_side: String,
    pub offer_side: String,
    pub score: f64,
    /// The reasons, as JSON ([`cospace_core::synergy::Reason`]).
    pub reasons: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Match {
    pub fn status(&self) -> MatchStatus {
        MatchStatus::parse(&self.status).unwrap_or(MatchStatus::Proposed)
    }
}

const MATCH_COLUMNS: &str =
    "m.id, m.need_id, m.resource_id, m.proposed_by, m.status, m.need_side, \
    m.offer_side, m.score, m.reasons, m.note, m.created_at, m.updated_at";

/// A new proposal. `Conflict` when the pair was proposed before.
#[allow(clippy::too_many_arguments)]
pub async fn create_match(
    tx: &mut Tx,
    need: i64,
    resource: i64,
    proposed_by: UserId,
    need_side: &str,
    offer_side: &str,
    score: f64,
    reasons: &str,
    note: &str,
) -> Result<i64, StoreError> {
    let at = now();
    let id: i64 = with_tx!(tx, |conn| sqlx::query_scalar(
        "INSERT INTO matches (need_id, resource_id, proposed_by, status, need_side, offer_side,
            score, reasons, note, created_at, updated_at)
         VALUES ($1, $2, $3, 'proposed', $4, $5, $6, $7, $8, $9, $9) RETURNING id"
    )
    .bind(need)
    .bind(resource)
    .bind(proposed_by.0)
    .bind(need_side)
    .bind(offer_side)
    .bind(score)
    .bind(reasons)
    .bind(note)
    .bind(at)
    .fetch_one(&mut *conn)
    .await)
    .map_err(StoreError::conflict_on("resource"))?;
    Ok(id)
}

pub async fn match_by_id(db: &Db, id: i64) -> Result<Match, StoreError> {
    let sql = format!("SELECT {MATCH_COLUMNS} FROM matches m WHERE m.id = $1");
    with_db!(db, |pool| sqlx::query_as::<_, Match>(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// Matches whose need is in one of `spaces`, newest first.
pub async fn matches_in(db: &Db, spaces: &[SpaceId]) -> Result<Vec<Match>, StoreError> {
    matches_page(db, spaces, None, i64::MAX).await
}

/// A page of [`matches_in`]: up to `limit` matches older (lower id) than `before`.
pub async fn matches_page(
    db: &Db,
    spaces: &[SpaceId],
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<Match>, StoreError> {
    if spaces.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {MATCH_COLUMNS} FROM matches m JOIN needs n ON n.id = m.need_id
         WHERE n.space_id IN ({}) AND m.id < $1 ORDER BY m.id DESC LIMIT $2",
        placeholders(3, spaces.len())
    );
    let space_ids = ids(spaces);
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, Match>(&sql)
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit);
        for id in &space_ids {
            query = query.bind(*id);
        }
        query.fetch_all(pool).await
    })?)
}

/// Pairs already proposed for a need (any status), so suggestions do not repeat them.
pub async fn proposed_resources(db: &Db, need: i64) -> Result<Vec<i64>, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_scalar(
        "SELECT resource_id FROM matches WHERE need_id = $1"
    )
    .bind(need)
    .fetch_all(pool)
    .await)?)
}

pub async fn update_match(
    tx: &mut Tx,
    id: i64,
    status: MatchStatus,
    need_side: &str,
    offer_side: &str,
) -> Result<(), StoreError> {
    with_tx!(tx, |conn| {
        sqlx::query(
        "UPDATE matches SET status = $1, need_side = $2, offer_side = $3, updated_at = $4 WHERE id = $5"
    )
    .bind(status.as_str())
    .bind(need_side)
    .bind(offer_side)
    .bind(now())
    .bind(id)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// After a bulk import, PostgreSQL's planner statistics describe the tables as they were: until
/// autovacuum catches up, queries planned on them walk whole tables (measured: searches and
/// synergies several times slower right after importing a city). An import that grows the
/// tables by a tenth or more — autovacuum's own threshold — refreshes them at once; smaller ones
/// leave it to autovacuum, so many small imports do not pay for many ANALYZEs. SQLite plans
/// without table statistics here, so it has nothing to do.
pub async fn refresh_statistics(db: &Db, rows: u64) -> Result<(), StoreError> {
    if rows < 1_000 {
        return Ok(());
    }
    if let Db::Postgres(pool) = db {
        let estimated: f32 = sqlx::query_scalar(
            "SELECT GREATEST(reltuples, 0)::REAL FROM pg_class WHERE relname = 'stakeholder_search'",
        )
        .fetch_optional(pool)
        .await?
        .unwrap_or(0.0);
        // `rows` were just added: compare with what the statistics knew before.
        if (rows as f32) >= 0.1 * estimated {
            sqlx::query(
                "ANALYZE organizations, organization_spaces, contacts, resources, needs, stakeholder_search",
            )
            .execute(pool)
            .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholder_lists() {
        assert_eq!(placeholders(1, 3), "$1, $2, $3");
        assert_eq!(placeholders(4, 1), "$4");
    }
}
