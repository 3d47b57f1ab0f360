//! Organisations, their admins and their listings in spaces: the platform's register of the
//! institutions, associations and groups that act in spaces. Every component names them
//! (organisers of events, owners of resources, parties to commitments) through the typed
//! functions here; this module is the only SQL that writes or reads the three tables
//! `organizations`, `organization_admins` and `organization_spaces` on their own (a
//! component's query may still join `organizations` for a name, as it joins `spaces`).
//!
//! One query text per operation for both databases; lists of ids travel as one parameter.

use crate::{in_ids, now, with_db, with_tx, Db, IdList, StoreError, Tx};
use chrono::{DateTime, Utc};
use cospace_core::geo::Point;
use cospace_core::stakeholders::OrganizationDraft;
use cospace_core::{ListingStatus, OrganizationId, SpaceId, UserId};
use std::collections::HashMap;

/// An organisation's record.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Organization {
    pub id: i64,
    pub name: String,
    pub sector: String,
    pub level: Option<String>,
    pub description: String,
    pub website: Option<String>,
    pub languages: String,
    pub sdg_targets: String,
    pub address: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Organization {
    pub fn organization_id(&self) -> OrganizationId {
        OrganizationId(self.id)
    }

    pub fn location(&self) -> Option<Point> {
        Some(Point {
            lat: self.lat?,
            lon: self.lon?,
        })
    }

    /// The searchable text: name, description, address, sector and SDG targets.
    pub fn search_text(&self) -> String {
        format!(
            "{} {} {} {}",
            self.name, self.description, self.address, self.sdg_targets
        )
    }
}

/// The columns of [`Organization`] from a table aliased `o`, for queries that join other
/// tables and read whole organisations.
pub const ORG_COLUMNS: &str =
    "o.id, o.name, o.sector, o.level, o.description, o.website, o.languages, \
    o.sdg_targets, o.address, o.lat, o.lon, o.created_at, o.updated_at";

/// An organisation as listed in one space.
#[derive(Debug, Clone)]
pub struct ListedOrganization {
    pub organization: Organization,
    pub space_id: i64,
    pub status: ListingStatus,
}

/// Read from [`ORG_COLUMNS`] followed by the listing's `space_id` and `status`; the status is
/// decoded here, at the store's edge, so no caller compares it as text.
impl<'r, R> sqlx::FromRow<'r, R> for ListedOrganization
where
    R: sqlx::Row,
    Organization: sqlx::FromRow<'r, R>,
    &'r str: sqlx::ColumnIndex<R>,
    i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        let status: String = row.try_get("status")?;
        Ok(ListedOrganization {
            organization: Organization::from_row(row)?,
            space_id: row.try_get("space_id")?,
            status: ListingStatus::try_from(status).map_err(|e| sqlx::Error::ColumnDecode {
                index: "status".into(),
                source: e.into(),
            })?,
        })
    }
}

/// An organisation by id and name: what a choice list or a byline shows.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct Named {
    pub id: i64,
    pub name: String,
}

impl Named {
    pub fn organization_id(&self) -> OrganizationId {
        OrganizationId(self.id)
    }
}

/// The condition on a listing `l` that keeps approved listings, unless pending ones are wanted
/// too.
fn listing_filter(include_pending: bool) -> &'static str {
    if include_pending {
        ""
    } else {
        "AND l.status = 'approved'"
    }
}

/// The spaces of a query as one id-list parameter (see [`in_ids`]).
fn space_list(spaces: &[SpaceId]) -> IdList {
    IdList::new(spaces.iter().map(|s| s.0))
}

fn lists(draft: &OrganizationDraft) -> (String, String) {
    (
        draft
            .languages
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(","),
        draft
            .sdg_targets
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(","),
    )
}

/// Records a new organisation; it is listed nowhere yet (see [`list_in`]).
pub async fn create(
    tx: &mut Tx,
    draft: &OrganizationDraft,
    created_by: Option<UserId>,
) -> Result<OrganizationId, StoreError> {
    let (languages, sdgs) = lists(draft);
    let at = now();
    let id: i64 = with_tx!(tx, |conn| {
        sqlx::query_scalar(
            "INSERT INTO organizations (name, sector, level, description, website, languages,
                sdg_targets, address, lat, lon, created_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
        )
        .bind(&draft.name)
        .bind(draft.sector.as_str())
        .bind(draft.level.map(|l| l.as_str()))
        .bind(&draft.description)
        .bind(&draft.website)
        .bind(&languages)
        .bind(&sdgs)
        .bind(&draft.address)
        .bind(draft.location.map(|p| p.lat))
        .bind(draft.location.map(|p| p.lon))
        .bind(created_by.map(|u| u.0))
        .bind(at)
        .fetch_one(&mut *conn)
        .await
    })?;
    Ok(OrganizationId(id))
}

/// Replaces an organisation's description. `NotFound` when there is no such organisation.
pub async fn update(
    tx: &mut Tx,
    id: OrganizationId,
    draft: &OrganizationDraft,
) -> Result<(), StoreError> {
    let (languages, sdgs) = lists(draft);
    let changed = with_tx!(tx, |conn| {
        sqlx::query(
            "UPDATE organizations SET name = $1, sector = $2, level = $3, description = $4,
                website = $5, languages = $6, sdg_targets = $7, address = $8, lat = $9, lon = $10,
                updated_at = $11
             WHERE id = $12",
        )
        .bind(&draft.name)
        .bind(draft.sector.as_str())
        .bind(draft.level.map(|l| l.as_str()))
        .bind(&draft.description)
        .bind(&draft.website)
        .bind(&languages)
        .bind(&sdgs)
        .bind(&draft.address)
        .bind(draft.location.map(|p| p.lat))
        .bind(draft.location.map(|p| p.lon))
        .bind(now())
        .bind(id.0)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    if changed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn get(db: &Db, id: OrganizationId) -> Result<Organization, StoreError> {
    let sql = format!("SELECT {ORG_COLUMNS} FROM organizations o WHERE o.id = $1");
    with_db!(db, |pool| sqlx::query_as::<_, Organization>(&sql)
        .bind(id.0)
        .fetch_optional(pool)
        .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn name(db: &Db, id: OrganizationId) -> Result<String, StoreError> {
    with_db!(db, |pool| sqlx::query_scalar::<_, String>(
        "SELECT name FROM organizations WHERE id = $1"
    )
    .bind(id.0)
    .fetch_optional(pool)
    .await)?
    .ok_or(StoreError::NotFound)
}

/// The names of `ids`, for what a component shows beside its own rows (an event's organisers,
/// an action item's owner). Ids of no organisation are missing from the map.
pub async fn names(db: &Db, ids: &[i64]) -> Result<HashMap<i64, String>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT id, name FROM organizations WHERE id {}",
        in_ids(db.backend(), 1)
    );
    let list = IdList::new(ids.iter().copied());
    let rows: Vec<(i64, String)> = with_db!(db, |pool| sqlx::query_as(&sql)
        .bind(list.clone())
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().collect())
}

/// When each of `ids` last changed, for caches of what shows their names (feeds).
pub async fn changed_at(db: &Db, ids: &[i64]) -> Result<HashMap<i64, DateTime<Utc>>, StoreError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT id, updated_at FROM organizations WHERE id {}",
        in_ids(db.backend(), 1)
    );
    let list = IdList::new(ids.iter().copied());
    let rows: Vec<(i64, DateTime<Utc>)> = with_db!(db, |pool| sqlx::query_as(&sql)
        .bind(list.clone())
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().collect())
}

/// Which of `ids` name no organisation at all, in the order given.
pub async fn unknown(db: &Db, ids: &[i64]) -> Result<Vec<i64>, StoreError> {
    let found = names(db, ids).await?;
    Ok(ids
        .iter()
        .copied()
        .filter(|id| !found.contains_key(id))
        .collect())
}

/// Lists `organization` in `space` with `status`, or changes its status there.
pub async fn list_in(
    tx: &mut Tx,
    organization: OrganizationId,
    space: SpaceId,
    status: ListingStatus,
) -> Result<(), StoreError> {
    with_tx!(tx, |conn| {
        sqlx::query(
            "INSERT INTO organization_spaces (space_id, organization_id, status, created_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (space_id, organization_id) DO UPDATE SET status = excluded.status",
        )
        .bind(space.0)
        .bind(organization.0)
        .bind(status.as_str())
        .bind(now())
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(())
}

/// The status of `organization` in `space`, if it is listed there.
pub async fn listing_status(
    db: &Db,
    organization: OrganizationId,
    space: SpaceId,
) -> Result<Option<ListingStatus>, StoreError> {
    let status: Option<String> = with_db!(db, |pool| sqlx::query_scalar(
        "SELECT status FROM organization_spaces WHERE organization_id = $1 AND space_id = $2"
    )
    .bind(organization.0)
    .bind(space.0)
    .fetch_optional(pool)
    .await)?;
    status
        .map(|s| ListingStatus::try_from(s).map_err(StoreError::Internal))
        .transpose()
}

/// The spaces where `organization` is listed and approved, by id.
pub async fn approved_spaces(
    db: &Db,
    organization: OrganizationId,
) -> Result<Vec<SpaceId>, StoreError> {
    let ids: Vec<i64> = with_db!(db, |pool| sqlx::query_scalar(
        "SELECT space_id FROM organization_spaces
         WHERE organization_id = $1 AND status = 'approved' ORDER BY space_id"
    )
    .bind(organization.0)
    .fetch_all(pool)
    .await)?;
    Ok(ids.into_iter().map(SpaceId).collect())
}

/// Organisations listed in any of `spaces`, by name; pending ones only when asked for.
pub async fn listed_in(
    db: &Db,
    spaces: &[SpaceId],
    include_pending: bool,
) -> Result<Vec<ListedOrganization>, StoreError> {
    if spaces.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {ORG_COLUMNS}, l.space_id, l.status FROM organization_spaces l
         JOIN organizations o ON o.id = l.organization_id
         WHERE l.space_id {} {}
         ORDER BY o.name, o.id",
        in_ids(db.backend(), 1),
        listing_filter(include_pending)
    );
    let spaces = space_list(spaces);
    Ok(with_db!(db, |pool| {
        sqlx::query_as::<_, ListedOrganization>(&sql)
            .bind(spaces.clone())
            .fetch_all(pool)
            .await
    })?)
}

/// A page of the organisations listed in `spaces`, by id: up to `limit` organisations with ids
/// above `after`, each with every listing among `spaces` (one row per listing, ordered by
/// organisation then space). Exports and API lists walk the whole set page by page, so memory
/// and response size stay bounded whatever the number of organisations.
pub async fn listed_page(
    db: &Db,
    spaces: &[SpaceId],
    include_pending: bool,
    after: i64,
    limit: i64,
) -> Result<Vec<ListedOrganization>, StoreError> {
    if spaces.is_empty() || limit <= 0 {
        return Ok(Vec::new());
    }
    let in_scope = in_ids(db.backend(), 3);
    let status = listing_filter(include_pending);
    // The page walks organisations by id and keeps those listed in scope: each page costs its
    // own rows whatever the size of the scope, and the walk over all pages reads each
    // organisation once.
    let sql = format!(
        "SELECT {ORG_COLUMNS}, l.space_id, l.status FROM organization_spaces l
         JOIN organizations o ON o.id = l.organization_id
         WHERE l.space_id {in_scope} {status} AND l.organization_id IN (
            SELECT p.id FROM organizations p WHERE p.id > $1 AND EXISTS (
                SELECT 1 FROM organization_spaces l WHERE l.organization_id = p.id
                AND l.space_id {in_scope} {status})
            ORDER BY p.id LIMIT $2)
         ORDER BY o.id, l.space_id"
    );
    let spaces = space_list(spaces);
    Ok(with_db!(db, |pool| {
        sqlx::query_as::<_, ListedOrganization>(&sql)
            .bind(after)
            .bind(limit)
            .bind(spaces.clone())
            .fetch_all(pool)
            .await
    })?)
}

/// One page of the organisations listed in `spaces` (approved, and pending when asked),
/// optionally of one sector, by name, with the total so pages can be offered.
pub async fn listed_by_name(
    db: &Db,
    spaces: &[SpaceId],
    include_pending: bool,
    sector: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<ListedOrganization>, i64), StoreError> {
    if spaces.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let in_scope = in_ids(db.backend(), 1);
    let mut next = 2;
    let sector_filter = match sector {
        Some(_) => {
            let clause = format!("AND o.sector = ${next}");
            next += 1;
            clause
        }
        None => String::new(),
    };
    let pending = listing_filter(include_pending);
    let from = format!(
        "FROM organization_spaces l JOIN organizations o ON o.id = l.organization_id
         WHERE l.space_id {in_scope} {pending} {sector_filter}"
    );
    let sql = format!(
        "SELECT {ORG_COLUMNS}, l.space_id, l.status {from} ORDER BY o.name, o.id
         LIMIT ${next} OFFSET ${}",
        next + 1
    );
    let count_sql = format!("SELECT COUNT(*) {from}");
    let spaces = space_list(spaces);
    Ok(with_db!(db, |pool| {
        let mut query = sqlx::query_as::<_, ListedOrganization>(&sql).bind(spaces.clone());
        let mut count = sqlx::query_scalar::<_, i64>(&count_sql).bind(spaces.clone());
        if let Some(sector) = sector {
            query = query.bind(sector);
            count = count.bind(sector);
        }
        let rows = query.bind(limit).bind(offset).fetch_all(pool).await?;
        let total = count.fetch_one(pool).await?;
        Ok::<_, sqlx::Error>((rows, total))
    })?)
}

/// The spaces among `spaces` that list at least one approved organisation.
pub async fn spaces_with_listings(db: &Db, spaces: &[SpaceId]) -> Result<Vec<SpaceId>, StoreError> {
    if spaces.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT s.id FROM spaces s WHERE s.id {} AND EXISTS (
            SELECT 1 FROM organization_spaces l WHERE l.space_id = s.id AND l.status = 'approved')
         ORDER BY s.id",
        in_ids(db.backend(), 1)
    );
    let spaces = space_list(spaces);
    let ids: Vec<i64> = with_db!(db, |pool| sqlx::query_scalar(&sql)
        .bind(spaces.clone())
        .fetch_all(pool)
        .await)?;
    Ok(ids.into_iter().map(SpaceId).collect())
}

/// Where an organisation may act for something of a space (organise its event, offer it a
/// venue): the space itself, and the public spaces among `nearby` (its ancestors and the spaces
/// below it), where the organisation is approved. Whatever a space shows is read by everyone
/// who may read the space, so it may only name what all of them may see. `$2` is the space,
/// `$3` the nearby spaces as one id list; `l` and `s` are the listing and its space.
fn may_act_condition(db: &Db) -> String {
    format!(
        "l.status = 'approved' AND (l.space_id = $2 OR (s.visibility = 'public' AND l.space_id {}))",
        in_ids(db.backend(), 3)
    )
}

/// The organisations that may act in `space` (see [`may_act_condition`]), by name.
pub async fn may_act_in(
    db: &Db,
    space: SpaceId,
    nearby: &[SpaceId],
    limit: i64,
) -> Result<Vec<Named>, StoreError> {
    let sql = format!(
        "SELECT DISTINCT o.id, o.name FROM organization_spaces l
         JOIN organizations o ON o.id = l.organization_id JOIN spaces s ON s.id = l.space_id
         WHERE {} ORDER BY o.name, o.id LIMIT $1",
        may_act_condition(db)
    );
    let nearby = IdList::new(nearby.iter().map(|s| s.0));
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Named>(&sql)
        .bind(limit)
        .bind(space.0)
        .bind(nearby.clone())
        .fetch_all(pool)
        .await)?)
}

/// Which of `organizations` may act in `space` (see [`may_act_condition`]).
pub async fn allowed_in(
    db: &Db,
    space: SpaceId,
    nearby: &[SpaceId],
    organizations: &[i64],
) -> Result<Vec<i64>, StoreError> {
    if organizations.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT DISTINCT l.organization_id FROM organization_spaces l
         JOIN spaces s ON s.id = l.space_id
         WHERE l.organization_id {} AND {}",
        in_ids(db.backend(), 1),
        may_act_condition(db)
    );
    let (organizations, nearby) = (
        IdList::new(organizations.iter().copied()),
        IdList::new(nearby.iter().map(|s| s.0)),
    );
    Ok(with_db!(db, |pool| sqlx::query_scalar::<_, i64>(&sql)
        .bind(organizations.clone())
        .bind(space.0)
        .bind(nearby.clone())
        .fetch_all(pool)
        .await)?)
}

/// The name of `organization` if it is approved and listed in one of `spaces`: what readers of
/// those spaces may know of it.
pub async fn listed_name(
    db: &Db,
    organization: OrganizationId,
    spaces: &[SpaceId],
) -> Result<Option<String>, StoreError> {
    let sql = format!(
        "SELECT o.name FROM organizations o WHERE o.id = $1 AND EXISTS (
           SELECT 1 FROM organization_spaces l WHERE l.organization_id = o.id
           AND l.status = 'approved' AND l.space_id {})",
        in_ids(db.backend(), 2)
    );
    let spaces = IdList::new(spaces.iter().map(|s| s.0));
    Ok(with_db!(db, |pool| sqlx::query_scalar::<_, String>(&sql)
        .bind(organization.0)
        .bind(spaces.clone())
        .fetch_optional(pool)
        .await)?)
}

/// Makes `user` an admin of `organization` (nothing changes if they are one already).
pub async fn add_admin(
    tx: &mut Tx,
    organization: OrganizationId,
    user: UserId,
) -> Result<(), StoreError> {
    with_tx!(tx, |conn| sqlx::query(
        "INSERT INTO organization_admins (organization_id, user_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (organization_id, user_id) DO NOTHING"
    )
    .bind(organization.0)
    .bind(user.0)
    .bind(now())
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(())
}

/// The admins of `organization`, by account id.
pub async fn admins(db: &Db, organization: OrganizationId) -> Result<Vec<UserId>, StoreError> {
    let ids: Vec<i64> = with_db!(db, |pool| sqlx::query_scalar(
        "SELECT user_id FROM organization_admins WHERE organization_id = $1 ORDER BY user_id"
    )
    .bind(organization.0)
    .fetch_all(pool)
    .await)?;
    Ok(ids.into_iter().map(UserId).collect())
}

/// One admin's account as a message to them needs it: id, e-mail, name and language tag.
pub type AdminAccount = (UserId, String, String, Option<String>);

/// The accounts that administer `organization`, as the transaction sees them: what a use case
/// that writes to them (mail, notifications) reads inside its own transaction.
pub async fn admin_accounts(
    tx: &mut Tx,
    organization: OrganizationId,
) -> Result<Vec<AdminAccount>, StoreError> {
    let rows: Vec<(i64, String, String, Option<String>)> = with_tx!(tx, |conn| sqlx::query_as(
        "SELECT u.id, u.email, u.display_name, u.language FROM organization_admins a
         JOIN users u ON u.id = a.user_id WHERE a.organization_id = $1 ORDER BY u.id"
    )
    .bind(organization.0)
    .fetch_all(&mut *conn)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, email, name, language)| (UserId(id), email, name, language))
        .collect())
}

pub async fn is_admin(
    db: &Db,
    organization: OrganizationId,
    user: UserId,
) -> Result<bool, StoreError> {
    let n: i64 = with_db!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM organization_admins WHERE organization_id = $1 AND user_id = $2"
    )
    .bind(organization.0)
    .bind(user.0)
    .fetch_one(pool)
    .await)?;
    Ok(n > 0)
}

/// The organisations `user` administers, by name.
pub async fn administered_by(db: &Db, user: UserId) -> Result<Vec<Named>, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Named>(
        "SELECT o.id, o.name FROM organization_admins a
         JOIN organizations o ON o.id = a.organization_id
         WHERE a.user_id = $1 ORDER BY o.name, o.id"
    )
    .bind(user.0)
    .fetch_all(pool)
    .await)?)
}
