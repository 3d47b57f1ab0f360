//! Open data in and out as CSV: the export of a space's organisations with their contacts,
//! resources and needs, and an all-or-nothing import of the same format — from the web form
//! (`/spaces/{slug}/stakeholders/import`) and from `cospace import stakeholders FILE`.
//!
//! # The format
//!
//! One file, a header row, then one row per record. The `record` column says what a row is:
//! `organization`, `contact`, `resource` or `need`. The header must name every one of these
//! columns, in any order, and no other:
//!
//! `record,org_ref,name,sector,level,description,website,languages,sdg_targets,address,lat,lon,person,role,email,phone,visibility,kind,title,capacity,availability,urgency,status`
//!
//! - `org_ref` is a free key that ties contact, resource and need rows to their organisation
//!   row in the same file (say `lap` for the Local Activity Point); the organisation row must
//!   come first, and no two organisation rows may share a key.
//! - An organisation row fills `name`, `sector` (grassroots, ngo, local_government, …),
//!   `level`, `description`, `website`, `languages` and `sdg_targets` (lists separated by `|`
//!   inside the cell: `pl|en`, `11.1|11.3`), `address`, `lat`, `lon`.
//! - A contact row fills `person`, `role`, `email`, `phone` and `visibility` (public, members
//!   or admins; members when empty).
//! - A resource row fills `kind`, `title`, `description`, `capacity`, `availability`,
//!   `address`, `lat`, `lon`; a need row the same with `urgency` and `status` (open or met)
//!   instead of `availability`.
//! - A cell of a column that does not apply to the row's record must stay empty.
//!
//! Comma or semicolon separated (recognised from the header), UTF-8 with or without a byte
//! order mark, quoted cells may hold separators, quotes (doubled) and new lines. A record may
//! be at most 1 MiB long and the file at most 200 MiB. The export quotes a text cell that a
//! spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) with a leading `'`, and the
//! import removes that quote again, so an export imports unchanged.
//!
//! # All or nothing
//!
//! [`parse`] reads and validates every row first (with the same rules as the forms) and
//! reports every bad row with its line number and reason; only a file without a single bad row
//! becomes a [`Plan`], which [`import`] writes in one transaction with one activity-log entry.
//! Writing uses multi-row `INSERT`s with identifiers reserved up front, so no row needs a
//! query of its own.

use crate::export::{csv_header, Row};
use crate::pages::require;
use crate::permissions::Action;
use crate::store::{self, ItemType, LinkStatus};
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use cospace_core::stakeholders::{
    ContactDraft, ContactInput, ItemDraft, ItemInput, NeedStatus, OrganizationDraft,
    OrganizationInput,
};
use cospace_core::{text, FieldError, Lang, SpaceId, UserId};
use cospace_store::activity::{self, Activity};
use cospace_store::{now, with_tx, Backend, Db, StoreError, Tx};
use cospace_web::error::PageError;
use cospace_web::i18n::I18n;
use cospace_web::pages::{redirect_with_flash, render, render_invalid, Page};
use cospace_web::platform::spaces::SpaceHeader;
use cospace_web::platform::FormData;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;
use fluent_bundle::{FluentArgs, FluentValue};
use std::collections::{HashMap, HashSet};

/// The columns of the format, in the order the export writes them.
pub const COLUMNS: [&str; 23] = [
    "record",
    "org_ref",
    "name",
    "sector",
    "level",
    "description",
    "website",
    "languages",
    "sdg_targets",
    "address",
    "lat",
    "lon",
    "person",
    "role",
    "email",
    "phone",
    "visibility",
    "kind",
    "title",
    "capacity",
    "availability",
    "urgency",
    "status",
];

/// The longest record accepted, in bytes.
pub const MAX_RECORD_BYTES: usize = 1024 * 1024;
/// The largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;
/// Validation stops after this many problems: enough to fix a file, bounded in memory.
pub const MAX_ERRORS: usize = 10_000;

/// Column positions in [`COLUMNS`].
pub(crate) mod col {
    pub const RECORD: usize = 0;
    pub const ORG_REF: usize = 1;
    pub const NAME: usize = 2;
    pub const SECTOR: usize = 3;
    pub const LEVEL: usize = 4;
    pub const DESCRIPTION: usize = 5;
    pub const WEBSITE: usize = 6;
    pub const LANGUAGES: usize = 7;
    pub const SDG_TARGETS: usize = 8;
    pub const ADDRESS: usize = 9;
    pub const LAT: usize = 10;
    pub const LON: usize = 11;
    pub const PERSON: usize = 12;
    pub const ROLE: usize = 13;
    pub const EMAIL: usize = 14;
    pub const PHONE: usize = 15;
    pub const VISIBILITY: usize = 16;
    pub const KIND: usize = 17;
    pub const TITLE: usize = 18;
    pub const CAPACITY: usize = 19;
    pub const AVAILABILITY: usize = 20;
    pub const URGENCY: usize = 21;
    pub const STATUS: usize = 22;
}

/// What one row of the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordType {
    Organization,
    Contact,
    Resource,
    Need,
}

impl RecordType {
    pub const ALL: [RecordType; 4] = [
        RecordType::Organization,
        RecordType::Contact,
        RecordType::Resource,
        RecordType::Need,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::Organization => "organization",
            RecordType::Contact => "contact",
            RecordType::Resource => "resource",
            RecordType::Need => "need",
        }
    }

    pub fn parse(input: &str) -> Option<RecordType> {
        let input = input.trim();
        RecordType::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(input))
    }

    /// The columns a row of this record may fill (besides `record` and `org_ref`).
    fn columns(self) -> &'static [usize] {
        use col::*;
        match self {
            RecordType::Organization => &[
                NAME,
                SECTOR,
                LEVEL,
                DESCRIPTION,
                WEBSITE,
                LANGUAGES,
                SDG_TARGETS,
                ADDRESS,
                LAT,
                LON,
            ],
            RecordType::Contact => &[PERSON, ROLE, EMAIL, PHONE, VISIBILITY],
            RecordType::Resource => &[
                KIND,
                TITLE,
                DESCRIPTION,
                CAPACITY,
                AVAILABILITY,
                ADDRESS,
                LAT,
                LON,
            ],
            RecordType::Need => &[
                KIND,
                TITLE,
                DESCRIPTION,
                CAPACITY,
                URGENCY,
                STATUS,
                ADDRESS,
                LAT,
                LON,
            ],
        }
    }
}

/// One problem found in a file: where (the line a record starts on; 0 for the file as a
/// whole), which column, and why (a message key, with `$n` and `$value` where it has them).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowError {
    pub line: u64,
    pub field: Option<String>,
    pub message_key: String,
    /// The message's `$n`: a length limit, or the number of columns expected.
    pub n: Option<i64>,
    /// The message's `$value`: a column name, a key or a count found.
    pub value: Option<String>,
}

impl RowError {
    fn new(line: u64, field: Option<&str>, message_key: &str) -> RowError {
        RowError {
            line,
            field: field.map(str::to_owned),
            message_key: message_key.to_owned(),
            n: None,
            value: None,
        }
    }

    fn with_value(mut self, value: impl Into<String>) -> RowError {
        self.value = Some(value.into());
        self
    }

    fn with_n(mut self, n: i64) -> RowError {
        self.n = Some(n);
        self
    }

    fn from_field(line: u64, error: &FieldError) -> RowError {
        RowError {
            line,
            field: Some(error.field.to_owned()),
            message_key: error.key.to_owned(),
            n: error.arg,
            value: None,
        }
    }

    /// The problem in words, in `lang`.
    pub fn message(&self, i18n: &I18n, lang: Lang) -> String {
        let mut args = FluentArgs::new();
        if let Some(n) = self.n {
            args.set("n", FluentValue::from(n));
        }
        if let Some(value) = &self.value {
            args.set("value", FluentValue::from(value.clone()));
        }
        i18n.message(lang, &self.message_key, Some(&args))
    }

    /// `line N: field: message`, for the command line.
    pub fn describe(&self, i18n: &I18n, lang: Lang) -> String {
        let mut out = String::new();
        if self.line > 0 {
            out.push_str(&format!("line {}: ", self.line));
        }
        if let Some(field) = &self.field {
            out.push_str(field);
            out.push_str(": ");
        }
        out.push_str(&self.message(i18n, lang));
        out
    }
}

/// How many distinct rows (lines) `errors` are about; problems of the whole file count once.
pub fn bad_rows(errors: &[RowError]) -> usize {
    errors.iter().map(|e| e.line).collect::<HashSet<_>>().len()
}

/// A valid organisation row.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedOrganization {
    pub line: u64,
    pub org_ref: String,
    pub draft: OrganizationDraft,
}

/// A valid contact row, tied to `organization` (an index into [`Plan::organizations`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedContact {
    pub organization: usize,
    pub draft: ContactDraft,
}

/// A valid resource or need row, tied to `organization` (an index into
/// [`Plan::organizations`]). `status` is always open for resources.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedItem {
    pub organization: usize,
    pub draft: ItemDraft,
    pub status: NeedStatus,
}

/// A file that validated: everything to write, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub organizations: Vec<PlannedOrganization>,
    pub contacts: Vec<PlannedContact>,
    pub resources: Vec<PlannedItem>,
    pub needs: Vec<PlannedItem>,
}

impl Plan {
    /// The number of records.
    pub fn rows(&self) -> u64 {
        (self.organizations.len() + self.contacts.len() + self.resources.len() + self.needs.len())
            as u64
    }
}

/// A byte order mark, which some spreadsheets put first.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The lines (1-based) holding bytes that are not UTF-8, at most `limit` of them.
fn invalid_utf8_lines(mut input: &[u8], limit: usize) -> Vec<u64> {
    let mut lines = Vec::new();
    let mut line = 1u64;
    while let Err(error) = std::str::from_utf8(input) {
        let good = error.valid_up_to();
        line += input[..good].iter().filter(|b| **b == b'\n').count() as u64;
        if lines.last() != Some(&line) {
            lines.push(line);
            if lines.len() >= limit {
                break;
            }
        }
        let skip = error.error_len().unwrap_or(input.len() - good).max(1);
        let rest = &input[good..(good + skip).min(input.len())];
        line += rest.iter().filter(|b| **b == b'\n').count() as u64;
        input = &input[(good + skip).min(input.len())..];
    }
    lines
}

/// Physical line numbers of byte offsets, for offsets that only grow. The CSV reader's own line
/// count lags behind after a CR LF, so lines are counted here: LF, CR LF and a lone CR each end
/// one; a record that starts with line breaks (blank lines) starts after them.
struct Lines<'a> {
    input: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(input: &'a [u8]) -> Self {
        Lines {
            input,
            offset: 0,
            line: 1,
        }
    }

    fn at(&mut self, byte: u64) -> u64 {
        let mut target = (byte as usize).min(self.input.len());
        while target < self.input.len() && matches!(self.input[target], b'\r' | b'\n') {
            target += 1;
        }
        if target < self.offset {
            return self.line;
        }
        for i in self.offset..target {
            match self.input[i] {
                b'\n' => self.line += 1,
                b'\r' if self.input.get(i + 1) != Some(&b'\n') => self.line += 1,
                _ => {}
            }
        }
        self.offset = target;
        self.line
    }
}

/// The separator of the file, recognised from its header line: comma or semicolon.
fn delimiter(header: &[u8]) -> Option<u8> {
    let commas = header.iter().filter(|b| **b == b',').count();
    let semicolons = header.iter().filter(|b| **b == b';').count();
    match (commas, semicolons) {
        (0, 0) => None,
        (c, s) if s > c => Some(b';'),
        _ => Some(b','),
    }
}

/// Removes the quote the export puts before a cell a spreadsheet would run as a formula.
fn unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Reads and validates a whole file. Either every row is valid and the result is the plan to
/// write, or the result is every problem found (up to [`MAX_ERRORS`]) and nothing may be
/// written.
pub fn parse(input: &[u8]) -> Result<Plan, Vec<RowError>> {
    if input.len() > MAX_FILE_BYTES {
        return Err(vec![RowError::new(0, None, "error-csv-file-too-large")
            .with_n((MAX_FILE_BYTES >> 20) as i64)]);
    }
    let input = input.strip_prefix(BOM).unwrap_or(input);
    let bad_lines = invalid_utf8_lines(input, 100);
    if !bad_lines.is_empty() {
        return Err(bad_lines
            .into_iter()
            .map(|line| RowError::new(line, None, "error-csv-utf8"))
            .collect());
    }
    // The header is the first line that is not blank (the reader skips blank lines too).
    let Some(header_start) = input.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Err(vec![RowError::new(1, None, "error-csv-empty")]);
    };
    let header_end = input[header_start..]
        .iter()
        .position(|b| *b == b'\n' || *b == b'\r')
        .map_or(input.len(), |end| header_start + end);
    let Some(delimiter) = delimiter(&input[header_start..header_end]) else {
        let line = Lines::new(input).at(header_start as u64);
        return Err(vec![RowError::new(line, None, "error-csv-delimiter")]);
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(false)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let mut errors = Vec::new();
    // The header: every column once, no other.
    let header_read = reader.read_byte_record(&mut record);
    if !matches!(header_read, Ok(true)) {
        return Err(vec![RowError::new(1, None, "error-csv-empty")]);
    }
    let mut lines = Lines::new(input);
    let header_line = lines.at(record.position().map(|p| p.byte()).unwrap_or(0));
    let mut positions: [Option<usize>; COLUMNS.len()] = [None; COLUMNS.len()];
    for (index, name) in record.iter().enumerate() {
        let name = String::from_utf8_lossy(name);
        let name = name.trim();
        match COLUMNS.iter().position(|c| *c == name) {
            Some(column) if positions[column].is_none() => positions[column] = Some(index),
            Some(_) => errors.push(
                RowError::new(header_line, Some(name), "error-csv-duplicate-column")
                    .with_value(name),
            ),
            None => errors.push(
                RowError::new(header_line, None, "error-csv-unknown-column").with_value(name),
            ),
        }
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(positions.iter())
        .filter(|(_, p)| p.is_none())
        .map(|(c, _)| *c)
        .collect();
    if !missing.is_empty() {
        errors.push(
            RowError::new(header_line, None, "error-csv-missing-columns")
                .with_value(missing.join(", ")),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let positions: Vec<usize> = positions.iter().flatten().copied().collect();

    let mut plan = Plan::default();
    // org_ref → index in plan.organizations (None: its row was invalid, so rows that refer to
    // it are not reported a second time).
    let mut refs: HashMap<String, Option<usize>> = HashMap::new();
    let mut rows = 0usize;
    loop {
        if errors.len() >= MAX_ERRORS {
            errors.push(
                RowError::new(0, None, "error-csv-too-many-errors").with_n(MAX_ERRORS as i64),
            );
            break;
        }
        let read = reader.read_byte_record(&mut record);
        let start = record.position().map(|p| p.byte()).unwrap_or(0);
        let size = record.as_slice().len() + record.len();
        let line = lines.at(start);
        if size > MAX_RECORD_BYTES {
            errors.push(
                RowError::new(line, None, "error-csv-line-too-long")
                    .with_n((MAX_RECORD_BYTES >> 20) as i64),
            );
            if matches!(read, Ok(false)) {
                break;
            }
            continue;
        }
        match read {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => match error.kind() {
                csv::ErrorKind::UnequalLengths {
                    pos,
                    expected_len,
                    len,
                } => {
                    let line = pos.as_ref().map(|p| lines.at(p.byte())).unwrap_or(line);
                    errors.push(
                        RowError::new(line, None, "error-csv-field-count")
                            .with_n(*expected_len as i64)
                            .with_value(len.to_string()),
                    );
                    continue;
                }
                _ => {
                    errors.push(RowError::new(line, None, "error-csv-unreadable"));
                    break;
                }
            },
        }
        // Cells, by column; the whole input is UTF-8 and the separators are ASCII.
        let mut cells: [&str; COLUMNS.len()] = [""; COLUMNS.len()];
        for (column, index) in positions.iter().enumerate() {
            let bytes = record.get(*index).unwrap_or_default();
            cells[column] = unescape(std::str::from_utf8(bytes).unwrap_or_default());
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue; // a blank row, as spreadsheets leave at the end
        }
        rows += 1;
        row(line, &cells, &mut plan, &mut refs, &mut errors);
    }
    if errors.is_empty() && rows == 0 {
        errors.push(RowError::new(header_line, None, "error-csv-no-rows"));
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// Validates one row into `plan`, or records its problems.
fn row(
    line: u64,
    cells: &[&str; COLUMNS.len()],
    plan: &mut Plan,
    refs: &mut HashMap<String, Option<usize>>,
    errors: &mut Vec<RowError>,
) {
    let cell = |c: usize| cells[c].to_owned();
    let Some(record) = RecordType::parse(cells[col::RECORD]) else {
        errors.push(
            RowError::new(line, Some("record"), "error-csv-record-type")
                .with_value(cells[col::RECORD].trim()),
        );
        return;
    };
    let before = errors.len();
    let org_ref = cells[col::ORG_REF].trim();
    if org_ref.is_empty() {
        errors.push(RowError::new(line, Some("org_ref"), "error-required"));
    }
    for (column, name) in COLUMNS.iter().enumerate().skip(2) {
        if !record.columns().contains(&column) && !cells[column].trim().is_empty() {
            errors.push(
                RowError::new(line, Some(name), "error-csv-not-applicable")
                    .with_value(record.as_str()),
            );
        }
    }
    let field_errors = |errors: &mut Vec<RowError>, invalid: cospace_core::Invalid| {
        errors.extend(invalid.0.iter().map(|e| RowError::from_field(line, e)));
    };
    if record == RecordType::Organization {
        let input = OrganizationInput {
            name: cell(col::NAME),
            sector: cell(col::SECTOR),
            level: cell(col::LEVEL),
            description: cell(col::DESCRIPTION),
            website: cell(col::WEBSITE),
            languages: cells[col::LANGUAGES]
                .split('|')
                .map(str::to_owned)
                .collect(),
            sdg_targets: cells[col::SDG_TARGETS].replace('|', ","),
            address: cell(col::ADDRESS),
            lat: cell(col::LAT),
            lon: cell(col::LON),
        };
        let draft = OrganizationDraft::parse(&input);
        if !org_ref.is_empty() && refs.contains_key(org_ref) {
            errors.push(
                RowError::new(line, Some("org_ref"), "error-csv-duplicate-org-ref")
                    .with_value(org_ref),
            );
        }
        match draft {
            Ok(draft) if errors.len() == before => {
                refs.insert(org_ref.to_owned(), Some(plan.organizations.len()));
                plan.organizations.push(PlannedOrganization {
                    line,
                    org_ref: org_ref.to_owned(),
                    draft,
                });
            }
            other => {
                if let Err(invalid) = other {
                    field_errors(errors, invalid);
                }
                if !org_ref.is_empty() {
                    refs.entry(org_ref.to_owned()).or_insert(None);
                }
            }
        }
        return;
    }
    let organization = match refs.get(org_ref) {
        Some(found) => *found,
        None => {
            if !org_ref.is_empty() {
                errors.push(
                    RowError::new(line, Some("org_ref"), "error-csv-unknown-org-ref")
                        .with_value(org_ref),
                );
            }
            None
        }
    };
    match record {
        RecordType::Contact => {
            let draft = ContactDraft::parse(&ContactInput {
                person: cell(col::PERSON),
                role: cell(col::ROLE),
                email: cell(col::EMAIL),
                phone: cell(col::PHONE),
                visibility: cell(col::VISIBILITY),
            });
            match (draft, organization) {
                (Ok(draft), Some(organization)) if errors.len() == before => {
                    plan.contacts.push(PlannedContact {
                        organization,
                        draft,
                    })
                }
                (Err(invalid), _) => field_errors(errors, invalid),
                _ => {}
            }
        }
        RecordType::Resource | RecordType::Need => {
            let draft = ItemDraft::parse(&ItemInput {
                kind: cell(col::KIND),
                title: cell(col::TITLE),
                description: cell(col::DESCRIPTION),
                capacity: cell(col::CAPACITY),
                availability: cell(col::AVAILABILITY),
                urgency: cell(col::URGENCY),
                address: cell(col::ADDRESS),
                lat: cell(col::LAT),
                lon: cell(col::LON),
            });
            let status = if cells[col::STATUS].trim().is_empty() {
                Some(NeedStatus::Open)
            } else {
                match NeedStatus::parse(cells[col::STATUS]) {
                    Ok(status) => Some(status),
                    Err(error) => {
                        errors.push(RowError::from_field(line, &error));
                        None
                    }
                }
            };
            match (draft, organization, status) {
                (Ok(draft), Some(organization), Some(status)) if errors.len() == before => {
                    let planned = PlannedItem {
                        organization,
                        draft,
                        status,
                    };
                    if record == RecordType::Resource {
                        plan.resources.push(planned);
                    } else {
                        plan.needs.push(planned);
                    }
                }
                (Err(invalid), _, _) => field_errors(errors, invalid),
                _ => {}
            }
        }
        RecordType::Organization => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Writing

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
fn values_sql(head: &str, width: usize, rows: usize, backend: Backend) -> String {
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

/// A problem as the import page shows it.
pub struct ErrorRow {
    pub line: String,
    pub field: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    slug: String,
    csv: String,
    errors: Vec<ErrorRow>,
    bad_rows: i64,
}

fn import_page(
    state: &AppState,
    page: Page,
    context: &SpaceContext,
    csv: String,
    errors: &[RowError],
) -> Result<Response, PageError> {
    let lang = page.l.lang();
    let template = ImportTemplate {
        header: SpaceHeader::new(state, &page, context),
        base: format!("/spaces/{}/stakeholders", context.space.slug),
        slug: context.space.slug.clone(),
        csv,
        bad_rows: bad_rows(errors) as i64,
        errors: errors
            .iter()
            .map(|e| ErrorRow {
                line: if e.line > 0 {
                    e.line.to_string()
                } else {
                    "—".to_owned()
                },
                field: e.field.clone().unwrap_or_default(),
                message: e.message(&state.i18n, lang),
            })
            .collect(),
        page,
    };
    if errors.is_empty() {
        render(&template)
    } else {
        render_invalid(&template)
    }
}

/// `GET /spaces/{slug}/stakeholders/import`: the form (space admins).
pub async fn import_form(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
) -> Result<Response, PageError> {
    let here = format!("/spaces/{}/stakeholders/import", context.space.slug);
    require(&context, Action::Manage, &here)?;
    import_page(&state, page, &context, String::new(), &[])
}

/// `POST /spaces/{slug}/stakeholders/import`: imports the pasted CSV, or shows every bad row.
pub async fn import_submit(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    form: FormData,
) -> Result<Response, PageError> {
    let base = format!("/spaces/{}/stakeholders", context.space.slug);
    require(&context, Action::Manage, &format!("{base}/import"))?;
    let actor = context.viewer.user.as_ref().map(|u| u.id());
    let csv = form.get("csv");
    match import_csv(&state.db, context.space.id(), actor, "web", csv.as_bytes()).await {
        Ok(_) => Ok(redirect_with_flash(&state, &base, "flash-import-done")),
        Err(ImportError::Rejected(errors)) => {
            import_page(&state, page, &context, csv.to_owned(), &errors)
        }
        Err(ImportError::Store(error)) => Err(error.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Sample data, for benchmarks and tests

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A value in [-1, 1).
    fn signed_unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 52) as f64 - 1.0
    }
}

const SAMPLE_ORGANIZATIONS: &[(&str, &str, &str)] = &[
    ("Stowarzyszenie Mieszkańców", "ngo", "neighbourhood"),
    ("Fundacja Dobrego Sąsiedztwa", "ngo", "city"),
    ("Klub Seniora", "grassroots", "neighbourhood"),
    ("Rada Dzielnicy", "local_government", "neighbourhood"),
    (
        "Spółdzielnia Mieszkaniowa",
        "private_sector",
        "neighbourhood",
    ),
    ("Dom Kultury", "local_government", "city"),
    ("Community Garden", "grassroots", "neighbourhood"),
    ("Neighbourhood Association", "grassroots", "neighbourhood"),
    ("Youth Centre", "ngo", "city"),
    ("Uniwersytet Trzeciego Wieku", "academia", "city"),
    ("Bank Żywności", "ngo", "regional"),
    ("Makerspace", "private_sector", "city"),
    ("Biblioteka Publiczna", "local_government", "city"),
    ("Instytut Badań Miejskich", "academia", "regional"),
    ("Green City Fund", "funder", "national"),
    ("Parafialny Zespół Caritas", "grassroots", "neighbourhood"),
];

const SAMPLE_PLACES: &[&str] = &[
    "Azory",
    "Krowodrza",
    "Bronowice",
    "Prądnik Biały",
    "Nowa Huta",
    "Podgórze",
    "Kazimierz",
    "Zabłocie",
    "Dębniki",
    "Łagiewniki",
    "Czyżyny",
    "Grzegórzki",
    "Olsza",
    "Ruczaj",
    "Bieńczyce",
    "Wola Justowska",
];

const SAMPLE_STREETS: &[&str] = &[
    "Pachońskiego",
    "Makowskiego",
    "Kazimierza Wielkiego",
    "Królewska",
    "Długa",
    "Wielicka",
    "Kalwaryjska",
    "Mogilska",
    "Lea",
    "Armii Krajowej",
    "Opolska",
    "Josepha Conrada",
];

const SAMPLE_FIRST_NAMES: &[&str] = &[
    "Anna",
    "Katarzyna",
    "Małgorzata",
    "Agnieszka",
    "Piotr",
    "Krzysztof",
    "Tomasz",
    "Paweł",
    "Magdalena",
    "Joanna",
    "Michał",
    "Łukasz",
    "Emma",
    "Oliver",
];

const SAMPLE_LAST_NAMES: &[&str] = &[
    "Nowak",
    "Wójcik",
    "Kowalczyk",
    "Mazur",
    "Krawczyk",
    "Kaczmarek",
    "Zając",
    "Król",
    "Wróbel",
    "Pawlak",
    "Walczak",
    "Stępień",
    "Smith",
    "Brown",
];

const SAMPLE_ROLES: &[&str] = &[
    "Prezes zarządu",
    "Koordynatorka",
    "Coordinator",
    "Volunteer lead",
    "Sekretarz",
    "Director",
];

/// (kind, title, description, capacity, availability)
const SAMPLE_RESOURCES: &[(&str, &str, &str, Option<u32>, &str)] = &[
    (
        "venue",
        "Sala spotkań",
        "Sala na 40 osób z rzutnikiem i nagłośnieniem",
        Some(40),
        "dni robocze po 16:00",
    ),
    (
        "venue",
        "Community hall",
        "Hall with a kitchen; step-free access",
        Some(80),
        "weekends",
    ),
    (
        "equipment",
        "Namiot i stoły",
        "Namiot 6x3 m, 10 stołów, 40 krzeseł",
        None,
        "po uzgodnieniu",
    ),
    (
        "equipment",
        "Projector and screen",
        "A portable projector, a screen and a speaker",
        None,
        "on request",
    ),
    (
        "skills",
        "Wolontariusze do drobnych remontów",
        "Ekipa złotych rączek: malowanie, naprawy, montaż",
        Some(6),
        "soboty",
    ),
    (
        "skills",
        "Grant writing support",
        "Help with applications to city and EU funds",
        None,
        "Tuesdays",
    ),
    (
        "funding",
        "Mikrogranty sąsiedzkie",
        "Do 5000 zł na inicjatywy lokalne",
        None,
        "nabór co kwartał",
    ),
    (
        "technical_support",
        "IT help desk for seniors",
        "Smartphones, e-mail and online forms, explained patiently",
        Some(10),
        "Thursdays 10:00-13:00",
    ),
    (
        "knowledge",
        "Warsztaty z ogrodnictwa miejskiego",
        "Kompostowanie, zioła na balkonie, łąki kwietne",
        Some(25),
        "wiosną i latem",
    ),
    (
        "service",
        "Transport dla seniorów",
        "Bus 8-osobowy z kierowcą",
        Some(8),
        "wtorki i czwartki",
    ),
];

/// (kind, title, description, capacity, urgency)
const SAMPLE_NEEDS: &[(&str, &str, &str, Option<u32>, &str)] = &[
    (
        "venue",
        "Sala na próby chóru",
        "Potrzebujemy sali z pianinem raz w tygodniu",
        Some(30),
        "medium",
    ),
    (
        "equipment",
        "Laptopy do kursu",
        "Kilka laptopów do kursu obsługi komputera",
        Some(8),
        "high",
    ),
    (
        "skills",
        "Volunteers for the food bank",
        "Sorting and delivering parcels on Saturdays",
        Some(12),
        "high",
    ),
    (
        "funding",
        "Funding for a playground renovation",
        "New surface and two benches",
        None,
        "low",
    ),
    (
        "technical_support",
        "Pomoc przy stronie internetowej",
        "Aktualizacja strony i kalendarza wydarzeń",
        None,
        "medium",
    ),
    (
        "knowledge",
        "Training in first aid",
        "A course for our volunteers",
        Some(15),
        "critical",
    ),
    (
        "service",
        "Catering na festyn",
        "Poczęstunek dla 200 osób na festynie sąsiedzkim",
        Some(200),
        "medium",
    ),
    (
        "other",
        "Miejsce do przechowywania",
        "Piwnica lub garaż na sprzęt festynowy",
        None,
        "low",
    ),
];

const SAMPLE_SDGS: &[&str] = &[
    "11.1", "11.3", "11.7", "3.4", "4.4", "1.4", "10.2", "13.3", "5.5", "17.17",
];

/// A realistic sample file of `organizations` organisations around Kraków (a 10 km box around
/// 50.06 N, 19.94 E), each with 0–2 contacts and 3 resources and needs on average: about five
/// rows per organisation. The same `seed` gives the same file.
pub fn synthetic_csv(organizations: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(organizations * 900);
    csv_header(&mut out);
    // ±5 km: 0.045° of latitude, 0.07° of longitude at 50° N.
    let point = |rng: &mut Rng| {
        (
            format!("{:.5}", 50.06 + 0.045 * rng.signed_unit()),
            format!("{:.5}", 19.94 + 0.07 * rng.signed_unit()),
        )
    };
    for n in 1..=organizations {
        let org_ref = format!("o{n}");
        let (prefix, sector, level) = *rng.pick(SAMPLE_ORGANIZATIONS);
        let place = *rng.pick(SAMPLE_PLACES);
        let street = *rng.pick(SAMPLE_STREETS);
        let address = format!("ul. {street} {}, Kraków", 1 + rng.below(120));
        let (lat, lon) = point(&mut rng);
        let description = if rng.below(4) == 0 {
            format!(
                "Działamy od {} r.; prowadzimy \"Kawiarenkę\" dla sąsiadów,\nwarsztaty i spacery po dzielnicy {place}.",
                1990 + rng.below(34)
            )
        } else {
            format!("{prefix} {place}: spotkania, pomoc sąsiedzka i wydarzenia dla mieszkańców.")
        };
        let languages = ["pl", "pl|en", "pl|en|es", "en"][rng.below(4)];
        let mut sdgs: Vec<&str> = (0..1 + rng.below(3))
            .map(|_| *rng.pick(SAMPLE_SDGS))
            .collect();
        sdgs.sort();
        sdgs.dedup();
        let website = if rng.below(2) == 0 {
            format!("https://org{n}.example.org")
        } else {
            String::new()
        };
        Row::new(RecordType::Organization, &org_ref)
            .text(col::NAME, format!("{prefix} {place} {n}"))
            .code(col::SECTOR, sector)
            .code(col::LEVEL, level)
            .text(col::DESCRIPTION, description)
            .text(col::WEBSITE, website)
            .code(col::LANGUAGES, languages)
            .code(col::SDG_TARGETS, sdgs.join("|"))
            .text(col::ADDRESS, address.as_str())
            .code(col::LAT, lat.as_str())
            .code(col::LON, lon.as_str())
            .write(&mut out);
        for _ in 0..rng.below(3) {
            let first = *rng.pick(SAMPLE_FIRST_NAMES);
            let last = *rng.pick(SAMPLE_LAST_NAMES);
            let email = format!("{}.{}@example.org", text::fold(first), text::fold(last));
            Row::new(RecordType::Contact, &org_ref)
                .text(col::PERSON, format!("{first} {last}"))
                .text(col::ROLE, *rng.pick(SAMPLE_ROLES))
                .text(col::EMAIL, email)
                .text(
                    col::PHONE,
                    format!(
                        "+48 12 {:03} {:02} {:02}",
                        rng.below(1000),
                        rng.below(100),
                        rng.below(100)
                    ),
                )
                .code(
                    col::VISIBILITY,
                    ["public", "members", "admins"][rng.below(3)],
                )
                .write(&mut out);
        }
        for _ in 0..rng.below(4) {
            let (kind, title, description, capacity, availability) = *rng.pick(SAMPLE_RESOURCES);
            let located = kind != "funding" && rng.below(4) != 0;
            let (lat, lon) = if located {
                point(&mut rng)
            } else {
                Default::default()
            };
            Row::new(RecordType::Resource, &org_ref)
                .code(col::KIND, kind)
                .text(col::TITLE, title)
                .text(col::DESCRIPTION, description)
                .code(
                    col::CAPACITY,
                    capacity.map(|c| c.to_string()).unwrap_or_default(),
                )
                .text(col::AVAILABILITY, availability)
                .text(col::ADDRESS, if located { address.as_str() } else { "" })
                .code(col::LAT, lat)
                .code(col::LON, lon)
                .write(&mut out);
        }
        for _ in 0..rng.below(4) {
            let (kind, title, description, capacity, urgency) = *rng.pick(SAMPLE_NEEDS);
            let located = kind != "funding" && rng.below(3) != 0;
            let (lat, lon) = if located {
                point(&mut rng)
            } else {
                Default::default()
            };
            Row::new(RecordType::Need, &org_ref)
                .code(col::KIND, kind)
                .text(col::TITLE, title)
                .text(col::DESCRIPTION, description)
                .code(
                    col::CAPACITY,
                    capacity.map(|c| c.to_string()).unwrap_or_default(),
                )
                .code(col::URGENCY, urgency)
                .code(col::STATUS, if rng.below(10) == 0 { "met" } else { "open" })
                .text(col::ADDRESS, if located { address.as_str() } else { "" })
                .code(col::LAT, lat)
                .code(col::LON, lon)
                .write(&mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{push_cell, push_text};
    use cospace_core::stakeholders::{Kind, Sector};

    const HEADER: &str = "record,org_ref,name,sector,level,description,website,languages,sdg_targets,address,lat,lon,person,role,email,phone,visibility,kind,title,capacity,availability,urgency,status";

    /// A row from `(column, value)` pairs, comma separated, quoting as needed.
    fn line(values: &[(&str, &str)]) -> String {
        let mut out = String::new();
        for (i, column) in COLUMNS.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            if let Some((_, v)) = values.iter().find(|(c, _)| c == column) {
                push_cell(&mut out, v);
            }
        }
        out
    }

    fn good_file() -> String {
        [
            HEADER.to_owned(),
            line(&[
                ("record", "organization"),
                ("org_ref", "lap"),
                ("name", "Local Activity Point Azory"),
                ("sector", "local_government"),
                ("level", "neighbourhood"),
                (
                    "description",
                    "Meetings, courses;\nand a \"café\", for everyone",
                ),
                ("languages", "pl|en"),
                ("sdg_targets", "11.1|11.3"),
                ("address", "ul. Pachońskiego 2, Kraków"),
                ("lat", "50.0857"),
                ("lon", "19.9016"),
            ]),
            line(&[
                ("record", "contact"),
                ("org_ref", "lap"),
                ("person", "Anna Nowak"),
                ("email", "anna@example.org"),
                ("phone", "'+48 12 345 67 89"),
                ("visibility", "public"),
            ]),
            line(&[
                ("record", "resource"),
                ("org_ref", "lap"),
                ("kind", "venue"),
                ("title", "Hall"),
                ("capacity", "40"),
                ("availability", "weekdays after 16:00"),
            ]),
            line(&[
                ("record", "need"),
                ("org_ref", "lap"),
                ("kind", "equipment"),
                ("title", "Laptops"),
                ("urgency", "high"),
                ("status", "met"),
            ]),
        ]
        .join("\n")
    }

    #[test]
    fn a_good_file_becomes_a_plan() {
        let plan = parse(good_file().as_bytes()).unwrap();
        assert_eq!(plan.rows(), 4);
        let org = &plan.organizations[0];
        assert_eq!((org.line, org.org_ref.as_str()), (2, "lap"));
        assert_eq!(org.draft.sector, Sector::LocalGovernment);
        assert_eq!(
            org.draft.description,
            "Meetings, courses;\nand a \"café\", for everyone"
        );
        assert_eq!(org.draft.languages, vec![Lang::En, Lang::Pl]);
        assert_eq!(org.draft.sdg_targets.len(), 2);
        assert_eq!(
            plan.contacts[0].draft.phone.as_deref(),
            Some("+48 12 345 67 89")
        );
        assert_eq!(plan.resources[0].draft.kind, Kind::Venue);
        assert_eq!(plan.needs[0].status, NeedStatus::Met);
    }

    #[test]
    fn semicolons_bom_and_crlf_are_fine() {
        let file = good_file();
        // Swap separators outside quotes: the cells with commas or semicolons are quoted.
        let mut semicolons = String::new();
        let mut quoted = false;
        for c in file.chars() {
            match c {
                '"' => {
                    quoted = !quoted;
                    semicolons.push(c);
                }
                ',' if !quoted => semicolons.push(';'),
                '\n' if !quoted => semicolons.push_str("\r\n"),
                _ => semicolons.push(c),
            }
        }
        let mut bytes = BOM.to_vec();
        bytes.extend_from_slice(semicolons.as_bytes());
        let plan = parse(&bytes).unwrap();
        assert_eq!(plan, parse(file.as_bytes()).unwrap());
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let file = [
            HEADER.to_owned(),
            line(&[
                ("record", "organization"),
                ("org_ref", "a"),
                ("name", "Good"),
                ("sector", "ngo"),
            ]),
            // line 3: unknown sector, swapped coordinates
            line(&[
                ("record", "organization"),
                ("org_ref", "b"),
                ("name", "Bad"),
                ("sector", "aliens"),
                ("lat", "120.5"),
                ("lon", "50.06"),
            ]),
            // line 4: a description over two lines, then line 6: a bad e-mail
            line(&[
                ("record", "resource"),
                ("org_ref", "a"),
                ("kind", "venue"),
                ("title", "Hall"),
                ("description", "two\nlines"),
            ]),
            line(&[
                ("record", "contact"),
                ("org_ref", "a"),
                ("person", "X"),
                ("email", "not-mail"),
            ]),
            // line 7: unknown kind and an unknown organisation
            line(&[
                ("record", "need"),
                ("org_ref", "zzz"),
                ("kind", "castle"),
                ("title", "T"),
            ]),
            // line 8: unknown record type; line 9: too few fields
            line(&[("record", "person"), ("org_ref", "a")]),
            "organization,c,Short".to_owned(),
            // line 10: a column that does not apply; latitude out of range
            line(&[
                ("record", "contact"),
                ("org_ref", "a"),
                ("person", "Y"),
                ("title", "Boss"),
            ]),
            line(&[
                ("record", "organization"),
                ("org_ref", "a"),
                ("name", "Again"),
                ("sector", "ngo"),
                ("lat", "95"),
                ("lon", "200"),
            ]),
        ]
        .join("\n");
        let errors = parse(file.as_bytes()).unwrap_err();
        let found: Vec<(u64, Option<&str>, &str)> = errors
            .iter()
            .map(|e| (e.line, e.field.as_deref(), e.message_key.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (3, Some("sector"), "error-choice"),
                (3, Some("lat"), "error-coordinates-swapped"),
                (6, Some("email"), "error-email-format"),
                (7, Some("org_ref"), "error-csv-unknown-org-ref"),
                (7, Some("kind"), "error-choice"),
                (8, Some("record"), "error-csv-record-type"),
                (9, None, "error-csv-field-count"),
                (10, Some("title"), "error-csv-not-applicable"),
                (11, Some("org_ref"), "error-csv-duplicate-org-ref"),
                (11, Some("lat"), "error-latitude-range"),
            ]
        );
        assert_eq!(bad_rows(&errors), 7);
        // The same lines with Windows line ends.
        let crlf = parse(file.replace('\n', "\r\n").as_bytes()).unwrap_err();
        let lines = |errors: &[RowError]| errors.iter().map(|e| e.line).collect::<Vec<_>>();
        assert_eq!(lines(&crlf), lines(&errors));
        assert_eq!(errors[6].n, Some(23));
        assert_eq!(errors[6].value.as_deref(), Some("3"));
    }

    #[test]
    fn rows_of_an_invalid_organization_are_not_reported_twice() {
        let file = [
            HEADER.to_owned(),
            line(&[
                ("record", "organization"),
                ("org_ref", "a"),
                ("sector", "ngo"),
            ]),
            line(&[("record", "contact"), ("org_ref", "a"), ("person", "Y")]),
        ]
        .join("\n");
        let errors = parse(file.as_bytes()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field.as_deref(), Some("name"));
    }

    #[test]
    fn the_header_must_name_every_column_and_no_other() {
        let missing = HEADER.replace(",phone", "").replace(",sector", "");
        let errors = parse(missing.as_bytes()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message_key, "error-csv-missing-columns");
        assert_eq!(errors[0].value.as_deref(), Some("sector, phone"));
        let extra = format!("{HEADER},colour,name");
        let keys: Vec<(String, Option<String>)> = parse(extra.as_bytes())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.message_key, e.value))
            .collect();
        assert_eq!(
            keys,
            [
                ("error-csv-unknown-column".into(), Some("colour".into())),
                ("error-csv-duplicate-column".into(), Some("name".into())),
            ]
        );
    }

    #[test]
    fn other_separators_are_refused() {
        let tabs = good_file().replace(',', "\t");
        let errors = parse(tabs.as_bytes()).unwrap_err();
        assert_eq!(errors[0].message_key, "error-csv-delimiter");
        assert_eq!(errors[0].line, 1);
        let late = format!("\n\n{tabs}");
        assert_eq!(parse(late.as_bytes()).unwrap_err()[0].line, 3);
        let blank_first = format!("\r\n{}", good_file());
        assert_eq!(
            parse(blank_first.as_bytes()).unwrap().organizations[0].line,
            3
        );
        for empty in ["", "\n\n", "   "] {
            assert_eq!(
                parse(empty.as_bytes()).unwrap_err()[0].message_key,
                "error-csv-empty"
            );
        }
        assert_eq!(
            parse(HEADER.as_bytes()).unwrap_err()[0].message_key,
            "error-csv-no-rows"
        );
    }

    #[test]
    fn invalid_utf8_is_reported_by_line() {
        let mut bytes = good_file().into_bytes();
        let third_line = bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(1)
            .map(|(i, _)| i + 5)
            .unwrap();
        bytes[third_line] = 0xFF;
        bytes.extend_from_slice(b"\nneed,lap,\xC3");
        let errors = parse(&bytes).unwrap_err();
        let lines: Vec<(u64, &str)> = errors
            .iter()
            .map(|e| (e.line, e.message_key.as_str()))
            .collect();
        // The description of line 2 spans two physical lines; the byte is on the second.
        assert_eq!(lines, [(3, "error-csv-utf8"), (7, "error-csv-utf8")]);
    }

    #[test]
    fn an_overlong_record_is_refused_without_reading_on_forever() {
        let long = "x".repeat(50 * 1024 * 1024);
        let file = [
            HEADER.to_owned(),
            line(&[
                ("record", "organization"),
                ("org_ref", "a"),
                ("name", "Good"),
                ("sector", "ngo"),
            ]),
            line(&[
                ("record", "organization"),
                ("org_ref", "b"),
                ("name", "Long"),
                ("sector", "ngo"),
                ("description", &long),
            ]),
            line(&[
                ("record", "contact"),
                ("org_ref", "a"),
                ("person", "Y"),
                ("email", "x"),
            ]),
        ]
        .join("\n");
        let errors = parse(file.as_bytes()).unwrap_err();
        let found: Vec<(u64, &str)> = errors
            .iter()
            .map(|e| (e.line, e.message_key.as_str()))
            .collect();
        assert_eq!(
            found,
            [(3, "error-csv-line-too-long"), (4, "error-email-format")]
        );
        // An unclosed quote swallows the rest of the file into one record.
        let unclosed = format!(
            "{HEADER}\norganization,a,\"Good,ngo{}\n",
            ",".repeat(20) + &"y\n".repeat(600 * 1024)
        );
        let errors = parse(unclosed.as_bytes()).unwrap_err();
        assert_eq!(errors[0].message_key, "error-csv-line-too-long");
        assert_eq!(errors[0].line, 2);
    }

    #[test]
    fn formulas_are_quoted_on_the_way_out_and_unquoted_on_the_way_in() {
        let mut out = String::new();
        push_text(&mut out, "=HYPERLINK(\"http://x\")");
        assert_eq!(out, "\"'=HYPERLINK(\"\"http://x\"\")\"");
        assert_eq!(unescape("'=1+2"), "=1+2");
        assert_eq!(unescape("'quoted'"), "'quoted'");
    }

    #[test]
    fn the_sample_is_valid_and_deterministic() {
        let sample = synthetic_csv(300, 7);
        assert_eq!(sample, synthetic_csv(300, 7));
        assert_ne!(sample, synthetic_csv(300, 8));
        let plan = parse(sample.as_bytes()).unwrap();
        assert_eq!(plan.organizations.len(), 300);
        let items = (plan.resources.len() + plan.needs.len()) as f64 / 300.0;
        assert!(
            (2.5..3.5).contains(&items),
            "{items} items per organisation"
        );
        for org in &plan.organizations {
            let p = org.draft.location.unwrap();
            assert!((p.lat - 50.06).abs() < 0.0451 && (p.lon - 19.94).abs() < 0.0701);
        }
    }

    #[test]
    fn values_statements_number_their_parameters() {
        assert_eq!(
            values_sql("INSERT INTO t (a, b)", 2, 2, Backend::Postgres),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(
            values_sql("INSERT INTO t (a)", 1, 3, Backend::Sqlite),
            "INSERT INTO t (a) VALUES (?), (?), (?)"
        );
    }
}
