//! Reading the CSV format: every row parsed and validated, every bad row reported, and a
//! [`Plan`] only for a file without one. Pure: no I/O.

use cospace_core::stakeholders::{
    ContactDraft, ContactInput, ItemDraft, ItemInput, NeedStatus, OrganizationDraft,
    OrganizationInput,
};
use cospace_core::{FieldError, Lang};
use cospace_web::i18n::I18n;
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
pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

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
pub(super) fn unescape(cell: &str) -> &str {
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
