//! Storage of the stakeholders component: contacts of organisations, resources and needs here;
//! the search index (`search.rs`) and matches (`matches.rs`) beside. Organisations, their
//! admins and their listings in spaces are the platform's (`cospace_store::organizations`):
//! the functions in `organizations.rs` keep this component's names for them and delegate
//! there, and this component's own tables join `organizations` as they join `spaces`. One query
//! text per operation for both databases; full-text search is the one place they differ.

use crate::permissions::ContactReader;
use chrono::{DateTime, Utc};
use cospace_core::geo::Point;
use cospace_core::ids::ContactId;
use cospace_core::stakeholders::{ContactDraft, ContactVisibility, ItemDraft, Kind, NeedStatus};
use cospace_core::{text, SpaceId};
use cospace_store::{in_ids, now, with_db, with_tx, Db, IdList, StoreError, Tx};

/// The spaces of a query as one id-list parameter, compared with [`in_ids`].
pub(crate) fn space_list(spaces: &[SpaceId]) -> IdList {
    IdList::new(spaces.iter().map(|s| s.0))
}

mod matches;
mod organizations;
mod search;
pub use matches::*;
pub use organizations::*;
pub use search::*;

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
    let in_scope = in_ids(db.backend(), 2);
    let select = item_type.select();
    // `+i.space_id` keeps the planner off the (space, kind) index: without statistics SQLite
    // prefers it and reads every item of the space for each batch of an export (0.2 s per
    // batch at 200,000 organisations), where the organisation index reads only the batch's.
    let sql = format!(
        "{select} WHERE i.organization_id {} AND +i.space_id {in_scope}
         ORDER BY i.organization_id, i.id",
        in_ids(db.backend(), 1)
    );
    let organizations = IdList::new(organizations.iter().copied());
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, Item>(&sql).bind(organizations.clone());
        query = query.bind(space_list(spaces));
        query.fetch_all(pool).await
    })?)
}

#[derive(Debug, Clone)]
pub struct Contact {
    pub id: ContactId,
    pub organization_id: i64,
    pub person: String,
    pub role: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub visibility: ContactVisibility,
}

impl<'r, R> sqlx::FromRow<'r, R> for Contact
where
    R: sqlx::Row,
    &'static str: sqlx::ColumnIndex<R>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        Ok(Contact {
            id: ContactId(row.try_get("id")?),
            organization_id: row.try_get("organization_id")?,
            person: row.try_get("person")?,
            role: row.try_get("role")?,
            email: row.try_get("email")?,
            phone: row.try_get("phone")?,
            visibility: cospace_store::stored::column(row, "visibility")?,
        })
    }
}

pub async fn add_contact(
    tx: &mut Tx,
    organization: i64,
    draft: &ContactDraft,
) -> Result<ContactId, StoreError> {
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
    Ok(ContactId(id))
}

pub async fn delete_contact(
    tx: &mut Tx,
    organization: i64,
    id: ContactId,
) -> Result<(), StoreError> {
    let n = with_tx!(tx, |conn| sqlx::query(
        "DELETE FROM contacts WHERE id = $1 AND organization_id = $2"
    )
    .bind(id.0)
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
        "{} WHERE i.space_id {} {status_filter} AND i.id < $1 ORDER BY i.id DESC LIMIT $2",
        item_type.select(),
        in_ids(db.backend(), 3)
    );
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, Item>(&sql)
            .bind(before.unwrap_or(i64::MAX))
            .bind(limit);
        query = query.bind(space_list(spaces));
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
