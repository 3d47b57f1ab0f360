//! Writing a [`Plan`](super::Plan): one transaction, multi-row `INSERT`s with ids reserved
//! up front, the search index and one activity-log entry.

use super::parse::*;
use crate::store::{self, ItemType, LinkStatus};
use chrono::{DateTime, Utc};
use cospace_core::stakeholders::{ItemDraft, OrganizationDraft};
use cospace_core::{text, SpaceId, UserId};
use cospace_store::activity::{self, Activity};
use cospace_store::{now, with_tx, Backend, Db, StoreError, Tx};

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Imported {
    pub organizations: u64,
    pub contacts: u64,
    pub resources: u64,
    pub needs: u64,
}

impl Imported {
    pub fn rows(&self) -> u64 {
        self.organizations + self.contacts + self.resources + self.needs
    }
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has bad rows: every one of them.
    #[error("{} bad rows", bad_rows(.0))]
    Rejected(Vec<RowError>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reports progress: (records written, records in all).
pub type Progress<'a> = &'a mut (dyn FnMut(u64, u64) + Send);

/// Validates `input` and, when every row is good, imports it into `space`. `actor` is who
/// imports (`None`: the system, as from the command line); `source` is recorded in the
/// activity log ("web", "cli").
pub async fn import_csv(
    db: &Db,
    space: SpaceId,
    actor: Option<UserId>,
    source: &str,
    input: &[u8],
) -> Result<Imported, ImportError> {
    let plan = parse(input).map_err(ImportError::Rejected)?;
    Ok(import(db, space, actor, source, &plan, &mut |_, _| {}).await?)
}

/// One value of a multi-row insert.
#[derive(Debug, Clone, Copy)]
enum Cell<'a> {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<&'a str>),
    At(DateTime<Utc>),
}

/// Bound parameters per statement: under SQLite's limit (32,766) and PostgreSQL's (65,535).
const MAX_PARAMS: usize = 30_000;
/// Rows per statement at most; larger statements gain nothing.
const MAX_ROWS_PER_STATEMENT: usize = 1_000;

/// `head VALUES (…), (…)` for `rows` rows of `width` parameters: numbered (`$1`) on
/// PostgreSQL; anonymous (`?`) on SQLite, where binding a numbered parameter looks its name up
/// in a list, which makes large statements quadratic.
pub(super) fn values_sql(head: &str, width: usize, rows: usize, backend: Backend) -> String {
    let mut sql = String::with_capacity(head.len() + rows * width * 6);
    sql.push_str(head);
    sql.push_str(" VALUES ");
    let mut n = 0;
    for row in 0..rows {
        if row > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for column in 0..width {
            if column > 0 {
                sql.push_str(", ");
            }
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    n += 1;
                    sql.push('$');
                    sql.push_str(&n.to_string());
                }
            }
        }
        sql.push(')');
    }
    sql
}

/// Inserts `cells` (rows of `width` values, flat) with `head` (`INSERT INTO t (a, b)`), in
/// statements of as many rows as the parameter limit allows. Statements of the same size have
/// the same text, so each is prepared once per connection and reused.
async fn insert_rows(
    tx: &mut Tx,
    head: &str,
    width: usize,
    cells: &[Cell<'_>],
    done: &mut (dyn FnMut(u64) + Send),
) -> Result<(), StoreError> {
    if cells.is_empty() {
        return Ok(());
    }
    let per_statement = (MAX_PARAMS / width).clamp(1, MAX_ROWS_PER_STATEMENT);
    let backend = tx.backend();
    let full = values_sql(head, width, per_statement, backend);
    for chunk in cells.chunks(per_statement * width) {
        let rows = chunk.len() / width;
        let partial;
        let sql = if rows == per_statement {
            &full
        } else {
            partial = values_sql(head, width, rows, backend);
            &partial
        };
        with_tx!(tx, |conn| {
            let mut query = sqlx::query(sql);
            for cell in chunk {
                query = match *cell {
                    Cell::Int(v) => query.bind(v),
                    Cell::Real(v) => query.bind(v),
                    Cell::Text(v) => query.bind(v),
                    Cell::At(v) => query.bind(v),
                };
            }
            query.execute(&mut *conn).await.map(|r| r.rows_affected())
        })?;
        done(rows as u64);
    }
    Ok(())
}

/// Reserves `n` new identifiers of `table` (one of ours, named in code): a sequence
/// reservation on PostgreSQL; on SQLite, whose writer holds the database lock for the whole
/// transaction, the numbers after the highest ever used (AUTOINCREMENT never reuses one, and
/// advances past the ones inserted here).
async fn reserve_ids(tx: &mut Tx, table: &str, n: usize) -> Result<Vec<i64>, StoreError> {
    if n == 0 {
        return Ok(Vec::new());
    }
    match tx.backend() {
        Backend::Sqlite => {
            let sql = format!(
                "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0),
                            COALESCE((SELECT MAX(id) FROM {table}), 0))"
            );
            let last: i64 = with_tx!(tx, |conn| sqlx::query_scalar(&sql)
                .fetch_one(&mut *conn)
                .await)?;
            Ok((1..=n as i64).map(|i| last + i).collect())
        }
        Backend::Postgres => {
            let sql = format!(
                "SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, $1)"
            );
            let ids: Vec<i64> = with_tx!(tx, |conn| sqlx::query_scalar(&sql)
                .bind(n as i64)
                .fetch_all(&mut *conn)
                .await)?;
            if ids.len() != n {
                return Err(StoreError::Internal(format!(
                    "reserved {} identifiers of {table} instead of {n}",
                    ids.len()
                )));
            }
            Ok(ids)
        }
    }
}

/// The searchable text of an organisation, as the forms index it.
fn organization_search_text(draft: &OrganizationDraft) -> String {
    let sdgs: Vec<&str> = draft.sdg_targets.iter().map(|t| t.as_str()).collect();
    format!(
        "{} {} {} {}",
        draft.name,
        draft.description,
        draft.address,
        sdgs.join(" ")
    )
}

/// The searchable text of a resource or need, as [`store::create_item`] indexes it.
fn item_search_text(draft: &ItemDraft) -> String {
    format!(
        "{} {} {} {}",
        draft.title, draft.description, draft.address, draft.availability
    )
}

fn join_codes<'a>(codes: impl Iterator<Item = &'a str>) -> String {
    codes.collect::<Vec<_>>().join(",")
}

/// Writes `plan` into `space` in one transaction: organisations listed (approved) and indexed
/// for search, their contacts, resources and needs, and one activity-log entry. `progress`
/// hears how far it is after each statement.
pub async fn import(
    db: &Db,
    space: SpaceId,
    actor: Option<UserId>,
    source: &str,
    plan: &Plan,
    progress: Progress<'_>,
) -> Result<Imported, StoreError> {
    let at = now();
    let total_rows = plan.rows();
    // Work in inserted rows: organisations are written three times (row, listing, index),
    // resources and needs twice (row, index), contacts once.
    let total_work = (plan.organizations.len() * 3
        + plan.contacts.len()
        + (plan.resources.len() + plan.needs.len()) * 2)
        .max(1) as u64;
    let mut work = 0u64;
    let mut done = |rows: u64| {
        work += rows;
        progress(total_rows * work / total_work, total_rows);
    };
    let org_lists: Vec<(String, String)> = plan
        .organizations
        .iter()
        .map(|o| {
            (
                join_codes(o.draft.languages.iter().map(|l| l.code())),
                join_codes(o.draft.sdg_targets.iter().map(|t| t.as_str())),
            )
        })
        .collect();
    let org_bodies: Vec<String> = plan
        .organizations
        .iter()
        .map(|o| text::words(&organization_search_text(&o.draft)).join(" "))
        .collect();
    // (keywords, search body) of each resource or need.
    let item_texts = |items: &[PlannedItem]| -> (Vec<String>, Vec<String>) {
        items
            .iter()
            .map(|i| {
                (
                    text::keywords(&format!("{} {}", i.draft.title, i.draft.description)).join(" "),
                    text::words(&item_search_text(&i.draft)).join(" "),
                )
            })
            .unzip()
    };
    let (resource_keywords, resource_bodies) = item_texts(&plan.resources);
    let (need_keywords, need_bodies) = item_texts(&plan.needs);

    let mut tx = db.begin().await?;
    let org_ids = reserve_ids(&mut tx, "organizations", plan.organizations.len()).await?;
    let resource_ids = reserve_ids(&mut tx, "resources", plan.resources.len()).await?;
    let need_ids = reserve_ids(&mut tx, "needs", plan.needs.len()).await?;
    let created_by = actor.map(|u| u.0);

    let mut cells = Vec::with_capacity(plan.organizations.len() * 14);
    for ((org, id), (languages, sdgs)) in plan.organizations.iter().zip(&org_ids).zip(&org_lists) {
        let d = &org.draft;
        cells.extend([
            Cell::Int(Some(*id)),
            Cell::Text(Some(&d.name)),
            Cell::Text(Some(d.sector.as_str())),
            Cell::Text(d.level.map(|l| l.as_str())),
            Cell::Text(Some(&d.description)),
            Cell::Text(d.website.as_deref()),
            Cell::Text(Some(languages)),
            Cell::Text(Some(sdgs)),
            Cell::Text(Some(&d.address)),
            Cell::Real(d.location.map(|p| p.lat)),
            Cell::Real(d.location.map(|p| p.lon)),
            Cell::Int(created_by),
            Cell::At(at),
            Cell::At(at),
        ]);
    }
    insert_rows(
        &mut tx,
        "INSERT INTO organizations (id, name, sector, level, description, website, languages,
            sdg_targets, address, lat, lon, created_by, created_at, updated_at)",
        14,
        &cells,
        &mut done,
    )
    .await?;

    let mut cells = Vec::with_capacity(org_ids.len() * 4);
    for id in &org_ids {
        cells.extend([
            Cell::Int(Some(space.0)),
            Cell::Int(Some(*id)),
            Cell::Text(Some(LinkStatus::Approved.as_str())),
            Cell::At(at),
        ]);
    }
    insert_rows(
        &mut tx,
        "INSERT INTO organization_spaces (space_id, organization_id, status, created_at)",
        4,
        &cells,
        &mut done,
    )
    .await?;

    let mut cells = Vec::with_capacity(plan.contacts.len() * 7);
    for contact in &plan.contacts {
        let d = &contact.draft;
        cells.extend([
            Cell::Int(Some(org_ids[contact.organization])),
            Cell::Text(Some(&d.person)),
            Cell::Text(Some(&d.role)),
            Cell::Text(d.email.as_deref()),
            Cell::Text(d.phone.as_deref()),
            Cell::Text(Some(d.visibility.as_str())),
            Cell::At(at),
        ]);
    }
    insert_rows(
        &mut tx,
        "INSERT INTO contacts (organization_id, person, role, email, phone, visibility, created_at)",
        7,
        &cells,
        &mut done,
    )
    .await?;

    for (item_type, items, ids, keywords) in [
        (
            ItemType::Resource,
            &plan.resources,
            &resource_ids,
            &resource_keywords,
        ),
        (ItemType::Need, &plan.needs, &need_ids, &need_keywords),
    ] {
        let mut cells = Vec::with_capacity(items.len() * 15);
        for ((item, id), keywords) in items.iter().zip(ids.iter()).zip(keywords.iter()) {
            let d = &item.draft;
            let last = match item_type {
                ItemType::Resource => Cell::Text(Some(&d.availability)),
                ItemType::Need => Cell::Text(Some(d.urgency.as_str())),
            };
            cells.extend([
                Cell::Int(Some(*id)),
                Cell::Int(Some(org_ids[item.organization])),
                Cell::Int(Some(space.0)),
                Cell::Text(Some(d.kind.as_str())),
                Cell::Text(Some(&d.title)),
                Cell::Text(Some(&d.description)),
                Cell::Int(d.capacity),
                last,
                Cell::Text(Some(&d.address)),
                Cell::Real(d.location.map(|p| p.lat)),
                Cell::Real(d.location.map(|p| p.lon)),
                Cell::Text(Some(keywords)),
                Cell::At(at),
                Cell::At(at),
            ]);
            if item_type == ItemType::Need {
                cells.push(Cell::Text(Some(item.status.as_str())));
            }
        }
        let (head, width) = match item_type {
            ItemType::Resource => (
                "INSERT INTO resources (id, organization_id, space_id, kind, title, description,
                    capacity, availability, address, lat, lon, keywords, created_at, updated_at)",
                14,
            ),
            ItemType::Need => (
                "INSERT INTO needs (id, organization_id, space_id, kind, title, description,
                    capacity, urgency, address, lat, lon, keywords, created_at, updated_at, status)",
                15,
            ),
        };
        insert_rows(&mut tx, head, width, &cells, &mut done).await?;
    }

    let mut cells = Vec::with_capacity((org_ids.len() + resource_ids.len() + need_ids.len()) * 4);
    let searchable = [
        ("organization", &org_ids, &org_bodies),
        ("resource", &resource_ids, &resource_bodies),
        ("need", &need_ids, &need_bodies),
    ];
    for (item_type, ids, bodies) in &searchable {
        for (id, body) in ids.iter().zip(bodies.iter()) {
            cells.extend([
                Cell::Text(Some(*item_type)),
                Cell::Int(Some(*id)),
                Cell::Int(Some(space.0)),
                Cell::Text(Some(body.as_str())),
            ]);
        }
    }
    insert_rows(
        &mut tx,
        "INSERT INTO stakeholder_search (item_type, item_id, space_id, body)",
        4,
        &cells,
        &mut done,
    )
    .await?;

    let imported = Imported {
        organizations: plan.organizations.len() as u64,
        contacts: plan.contacts.len() as u64,
        resources: plan.resources.len() as u64,
        needs: plan.needs.len() as u64,
    };
    activity::record(
        &mut tx,
        Activity {
            actor,
            space: Some(space),
            action: "stakeholders.import",
            subject_type: "space",
            subject_id: space.0.to_string(),
            details: serde_json::json!({
                "source": source,
                "organizations": imported.organizations,
                "contacts": imported.contacts,
                "resources": imported.resources,
                "needs": imported.needs,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    store::refresh_statistics(db, total_rows).await?;
    progress(total_rows, total_rows);
    Ok(imported)
}

// ---------------------------------------------------------------------------------------------
// The import page
