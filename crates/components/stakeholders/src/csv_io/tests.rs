//! The parser and the sample generator, row by row.

use super::parse::*;
use super::sample::*;
use super::write::values_sql;
use crate::export::{push_cell, push_text};
use cospace_core::stakeholders::{Kind, NeedStatus, Sector};
use cospace_core::Lang;
use cospace_store::Backend;

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
