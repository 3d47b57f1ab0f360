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

mod page;
mod parse;
mod sample;
#[cfg(test)]
mod tests;
mod write;

pub use page::{import_form, import_submit, ErrorRow};
pub use parse::*;
pub use sample::synthetic_csv;
pub use write::{import, import_csv, ImportError, Imported};
