//! The components' boundaries, read from the sources: a component builds on the core, the store
//! and the web crate's kit — never on the platform's own pages, never on another component's
//! crate, never on another component's tables. A new component is checked as soon as its folder
//! exists.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every component folder, by crate name (`cospace-calendar` → its folder).
fn components() -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(root().join("crates/components")).unwrap() {
        let dir = entry.unwrap().path();
        if dir.join("Cargo.toml").exists() {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            found.insert(format!("cospace-{name}"), dir);
        }
    }
    assert!(
        found.len() >= 3,
        "components not found under crates/components"
    );
    found
}

fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                out.push(path);
            }
        }
    }
    out
}

/// The `[dependencies]` table of a manifest (dev-dependencies may name another component, to
/// test the two together).
fn dependencies(manifest: &str) -> Vec<String> {
    let mut inside = false;
    let mut names = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == "[dependencies]";
        } else if inside && !line.is_empty() && !line.starts_with('#') {
            let name = line.split(['=', '.']).next().unwrap().trim();
            names.push(name.to_owned());
        }
    }
    names
}

/// The tables a component's migrations create.
fn tables(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for file in files(&dir.join("migrations"), "sql") {
        let sql = std::fs::read_to_string(&file).unwrap();
        for word in sql.split("CREATE TABLE").skip(1) {
            let name = word
                .trim_start()
                .trim_start_matches("IF NOT EXISTS")
                .trim_start()
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap()
                .to_owned();
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// Whether `code` uses `table` in SQL: after FROM, JOIN, INTO, UPDATE or REFERENCES.
fn names_table(code: &str, table: &str) -> bool {
    let words: Vec<&str> = code
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).any(|pair| {
        ["FROM", "JOIN", "INTO", "UPDATE", "REFERENCES"].contains(&pair[0]) && pair[1] == table
    })
}

#[test]
fn components_build_on_the_kit_and_not_on_each_other() {
    let components = components();
    let mut problems = Vec::new();
    for (name, dir) in &components {
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        for dependency in dependencies(&manifest) {
            if dependency != *name && components.contains_key(&dependency) {
                problems.push(format!("{name} depends on {dependency}"));
            }
        }
        let others: Vec<(&String, Vec<String>)> = components
            .iter()
            .filter(|(other, _)| *other != name)
            .map(|(other, dir)| (other, tables(dir)))
            .collect();
        for file in files(&dir.join("src"), "rs") {
            let code = std::fs::read_to_string(&file).unwrap();
            let shown = file
                .strip_prefix(root())
                .unwrap_or(&file)
                .display()
                .to_string();
            if code.contains("cospace_web::platform") {
                problems.push(format!("{shown} imports the platform's pages, not the kit"));
            }
            for (other, tables) in &others {
                let module = other.replace('-', "_");
                if code.contains(&format!("{module}::")) {
                    problems.push(format!("{shown} imports {other}"));
                }
                for table in tables {
                    if names_table(&code, table) {
                        problems.push(format!("{shown} names {other}'s table {table}"));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_table_check_sees_sql_and_not_prose() {
    assert!(names_table("SELECT 1 FROM resources r", "resources"));
    assert!(names_table(
        "LEFT JOIN resources v ON v.id = e.venue_id",
        "resources"
    ));
    assert!(!names_table("the resources of kind venue", "resources"));
    assert!(!names_table("/stakeholders/resources/{id}", "resources"));
}
