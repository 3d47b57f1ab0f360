//! The organisations of a space as CSV (the format [`csv_io`](crate::csv_io) describes), and
//! the batches every export reads.
//!
//! An export walks the scope's organisations by id, [`BATCH`] at a time, each with its
//! listings, the contacts the reader may see, its resources and needs, and sends each batch as
//! soon as it is written ([`streamed_body`]): the server holds one batch whatever the number
//! of organisations, and only `max_concurrent_exports` exports run at once per node. The walk
//! reads the tables as they are while it runs; an organisation added meanwhile may or may not
//! be in the file.

use crate::csv_io::{col, RecordType, COLUMNS};
use crate::pages::require;
use crate::permissions::{Action, ContactReader};
use crate::service;
use crate::store::{self, Contact, Item, ItemType, Organization};
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::Response;
use cospace_core::SpaceId;
use cospace_store::{Db, StoreError};
use cospace_web::error::PageError;
use cospace_web::kit::download;
use cospace_web::space_context::SpaceContext;
use cospace_web::streaming::streamed_body;
use cospace_web::AppState;
use std::collections::HashMap;

/// Organisations per batch: large enough that the queries per organisation stay few, small
/// enough that a batch is a few hundred kilobytes.
pub const BATCH: i64 = 500;

/// One batch of an export: organisations approved in the scope, with the contacts the reader
/// may see, their resources and needs.
#[derive(Debug, Clone, Default)]
pub struct Export {
    pub organizations: Vec<Organization>,
    /// (organisation, space) for every approved listing in the scope.
    pub listings: Vec<(i64, i64)>,
    pub contacts: Vec<Contact>,
    pub resources: Vec<Item>,
    pub needs: Vec<Item>,
}

/// The batches of an export, in organisation id order.
pub struct Batches {
    db: Db,
    scope: Vec<SpaceId>,
    reader: ContactReader,
    /// Whether to read the contacts (not for listings alone).
    contacts: bool,
    /// Whether to read resources and needs (not for formats without them).
    items: bool,
    after: i64,
    done: bool,
}

impl Batches {
    pub fn new(db: Db, scope: Vec<SpaceId>, reader: ContactReader) -> Batches {
        Batches {
            db,
            scope,
            reader,
            contacts: true,
            items: true,
            after: 0,
            done: false,
        }
    }

    /// Organisations and their listings only.
    pub fn listings_only(mut self) -> Batches {
        self.contacts = false;
        self.items = false;
        self
    }

    /// Organisations, listings and contacts, without resources and needs.
    pub fn without_items(mut self) -> Batches {
        self.items = false;
        self
    }

    /// The next batch, or `None` after the last.
    pub async fn next(&mut self) -> Result<Option<Export>, StoreError> {
        if self.done {
            return Ok(None);
        }
        let listed =
            store::organizations_page(&self.db, &self.scope, false, self.after, BATCH).await?;
        let mut batch = Export::default();
        for l in listed {
            batch.listings.push((l.organization.id, l.space_id));
            if batch.organizations.last().map(|o| o.id) != Some(l.organization.id) {
                batch.organizations.push(l.organization);
            }
        }
        let Some(last) = batch.organizations.last() else {
            self.done = true;
            return Ok(None);
        };
        self.after = last.id;
        let ids: Vec<i64> = batch.organizations.iter().map(|o| o.id).collect();
        if self.contacts {
            batch.contacts = store::contacts(&self.db, &ids, &self.reader).await?;
        }
        if self.items {
            batch.resources =
                store::items_of_organizations(&self.db, ItemType::Resource, &ids, &self.scope)
                    .await?;
            batch.needs =
                store::items_of_organizations(&self.db, ItemType::Need, &ids, &self.scope).await?;
        }
        Ok(Some(batch))
    }

    /// Every batch at once, for small scopes and tests.
    pub async fn collect(mut self) -> Result<Export, StoreError> {
        let mut all = Export::default();
        while let Some(batch) = self.next().await? {
            all.organizations.extend(batch.organizations);
            all.listings.extend(batch.listings);
            all.contacts.extend(batch.contacts);
            all.resources.extend(batch.resources);
            all.needs.extend(batch.needs);
        }
        Ok(all)
    }
}

/// Whether a spreadsheet would take this cell for a formula.
fn looks_like_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Appends one cell, quoted when it holds a comma, a quote or a line break.
pub(crate) fn push_cell(out: &mut String, cell: &str) {
    if cell.contains([',', '"', '\n', '\r', ';']) {
        out.push('"');
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(cell);
    }
}

/// Appends a text cell that people wrote: one that looks like a formula gets a leading `'`.
pub(crate) fn push_text(out: &mut String, cell: &str) {
    if looks_like_formula(cell) {
        push_cell(out, &format!("'{cell}"));
    } else {
        push_cell(out, cell);
    }
}

/// One row, by column, as cells; `text` marks the cells people wrote.
pub(crate) struct Row {
    cells: [(String, bool); COLUMNS.len()],
}

impl Row {
    pub(crate) fn new(record: RecordType, org_ref: &str) -> Row {
        let mut row = Row {
            cells: std::array::from_fn(|_| (String::new(), false)),
        };
        row.cells[col::RECORD] = (record.as_str().to_owned(), false);
        row.cells[col::ORG_REF] = (org_ref.to_owned(), false);
        row
    }

    pub(crate) fn code(&mut self, column: usize, value: impl Into<String>) -> &mut Row {
        self.cells[column] = (value.into(), false);
        self
    }

    pub(crate) fn text(&mut self, column: usize, value: impl Into<String>) -> &mut Row {
        self.cells[column] = (value.into(), true);
        self
    }

    pub(crate) fn write(&self, out: &mut String) {
        for (i, (cell, is_text)) in self.cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if *is_text {
                push_text(out, cell);
            } else {
                push_cell(out, cell);
            }
        }
        out.push('\n');
    }
}

fn number(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The header row.
pub fn csv_header(out: &mut String) {
    out.push_str(&COLUMNS.join(","));
    out.push('\n');
}

/// The rows of one batch (no header), appended to `out`.
pub fn csv_rows(export: &Export, out: &mut String) {
    let mut contacts: HashMap<i64, Vec<&Contact>> = HashMap::new();
    for c in &export.contacts {
        contacts.entry(c.organization_id).or_default().push(c);
    }
    let mut items: HashMap<(i64, ItemType), Vec<&Item>> = HashMap::new();
    for (item_type, list) in [
        (ItemType::Resource, &export.resources),
        (ItemType::Need, &export.needs),
    ] {
        for i in list {
            items
                .entry((i.organization_id, item_type))
                .or_default()
                .push(i);
        }
    }
    for org in &export.organizations {
        let org_ref = format!("org-{}", org.id);
        Row::new(RecordType::Organization, &org_ref)
            .text(col::NAME, org.name.as_str())
            .code(col::SECTOR, org.sector.as_str())
            .code(col::LEVEL, org.level.clone().unwrap_or_default())
            .text(col::DESCRIPTION, org.description.as_str())
            .text(col::WEBSITE, org.website.clone().unwrap_or_default())
            .code(col::LANGUAGES, org.languages.replace(',', "|"))
            .code(col::SDG_TARGETS, org.sdg_targets.replace(',', "|"))
            .text(col::ADDRESS, org.address.as_str())
            .code(col::LAT, number(org.lat))
            .code(col::LON, number(org.lon))
            .write(out);
        for c in contacts.get(&org.id).into_iter().flatten() {
            Row::new(RecordType::Contact, &org_ref)
                .text(col::PERSON, c.person.as_str())
                .text(col::ROLE, c.role.as_str())
                .text(col::EMAIL, c.email.clone().unwrap_or_default())
                .text(col::PHONE, c.phone.clone().unwrap_or_default())
                .code(col::VISIBILITY, c.visibility.as_str())
                .write(out);
        }
        for item_type in [ItemType::Resource, ItemType::Need] {
            for i in items.get(&(org.id, item_type)).into_iter().flatten() {
                let record = match item_type {
                    ItemType::Resource => RecordType::Resource,
                    ItemType::Need => RecordType::Need,
                };
                let mut row = Row::new(record, &org_ref);
                row.code(col::KIND, i.kind.as_str())
                    .text(col::TITLE, i.title.as_str())
                    .text(col::DESCRIPTION, i.description.as_str())
                    .code(
                        col::CAPACITY,
                        i.capacity.map(|c| c.to_string()).unwrap_or_default(),
                    )
                    .text(col::ADDRESS, i.address.as_str())
                    .code(col::LAT, number(i.lat))
                    .code(col::LON, number(i.lon));
                match item_type {
                    ItemType::Resource => row.text(col::AVAILABILITY, i.availability.as_str()),
                    ItemType::Need => row
                        .code(col::URGENCY, i.urgency.as_str())
                        .code(col::STATUS, i.status.as_str()),
                };
                row.write(out);
            }
        }
    }
}

/// The export as CSV text (comma separated, no byte order mark).
pub fn to_csv(export: &Export) -> String {
    let mut out = String::new();
    csv_header(&mut out);
    csv_rows(export, &mut out);
    out
}

/// Shared caches may keep what anyone may read, never contacts kept to members or admins.
pub fn cache_control(reader: &ContactReader) -> &'static str {
    if reader.public_only() {
        "no-cache"
    } else {
        "private, no-cache"
    }
}

/// `GET /spaces/{slug}/stakeholders.csv`: the space's organisations (and those of the spaces
/// below it that the reader may see) with only the contacts the reader may see, streamed.
pub async fn export(
    State(state): State<AppState>,
    context: SpaceContext,
) -> Result<Response, PageError> {
    let here = format!("/spaces/{}/stakeholders.csv", context.space.slug);
    require(&context, Action::Read, &here)?;
    let slot = state.exports.take()?;
    let scope = service::scope(&state, &context).await?;
    let reader = service::contact_reader(&state, &context).await?;
    let cache = cache_control(&reader);
    let mut batches = Batches::new(state.db.clone(), scope, reader);
    let body = streamed_body(slot, move |out| async move {
        let mut text = String::new();
        csv_header(&mut text);
        while let Some(batch) = batches.next().await? {
            csv_rows(&batch, &mut text);
            out.send(std::mem::take(&mut text)).await?;
        }
        if !text.is_empty() {
            out.send(text).await?;
        }
        Ok(())
    });
    let mut response = download::csv(&format!("{}-stakeholders.csv", context.space.slug), body);
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    Ok(response)
}
