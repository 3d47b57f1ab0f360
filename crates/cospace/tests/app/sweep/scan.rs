//! Every route of the application, read from the sources: each `.route("…", …)` call under
//! `crates/web/src` and `crates/components/*/src`, with its methods, mounted the way
//! `cospace_web::build_app` mounts it.
//!
//! A component's `routes` function is nested under `/spaces/{slug}/<key>`; its `space_routes`
//! and `open_routes` (and whatever they merge) are written with full paths. Axum cannot list a
//! router's routes, so the sources are the list; the sweep checks afterwards, from the
//! request metrics, that each pattern found here is one the router really matched.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The methods a method router may name.
const METHODS: &[(&str, &str)] = &[
    ("get", "GET"),
    ("post", "POST"),
    ("put", "PUT"),
    ("patch", "PATCH"),
    ("delete", "DELETE"),
];

/// Calls the scanner does not understand: mounting with them would hide routes from the sweep.
const UNSUPPORTED: &[&str] = &[".route_service(", ".nest_service(", ".fallback_service("];

/// `(method, full path pattern)` of every route, sorted.
pub fn routes() -> BTreeSet<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut found = BTreeSet::new();
    for file in rust_files(&root.join("crates/web/src")) {
        let text = source(&file);
        if file.ends_with("crates/web/src/lib.rs") {
            // `build_app` nests the components; nothing else may nest.
        } else {
            assert!(
                !text.contains(".nest("),
                "{}: `.nest(` — teach the sweep's scanner",
                file.display()
            );
        }
        for (_, path, methods) in route_calls(&file, &text) {
            for method in methods {
                found.insert((method, path.clone()));
            }
        }
    }
    let mut components: Vec<PathBuf> = std::fs::read_dir(root.join("crates/components"))
        .expect("crates/components")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.join("src/lib.rs").is_file())
        .collect();
    components.sort();
    assert!(!components.is_empty(), "no components found");
    for component in components {
        let src = component.join("src");
        let lib = source(&src.join("lib.rs"));
        let key = field(&lib, "key").unwrap_or_else(|| panic!("no key in {}", src.display()));
        let key = key.trim_matches('"').to_owned();
        // `routes,` or `routes: module::function,` in the `Component` value.
        let binding = field(&lib, "routes").unwrap_or_else(|| "routes".to_owned());
        let (module, function) = match binding.rsplit_once("::") {
            Some((module, function)) => (module.replace("::", "/"), function.to_owned()),
            None => (String::new(), binding.clone()),
        };
        let nested_file = if module.is_empty() {
            src.join("lib.rs")
        } else if src.join(format!("{module}.rs")).is_file() {
            src.join(format!("{module}.rs"))
        } else {
            src.join(format!("{module}/mod.rs"))
        };
        for file in rust_files(&src) {
            let text = source(&file);
            assert!(
                !text.contains(".nest("),
                "{}: `.nest(` — teach the sweep's scanner",
                file.display()
            );
            for (enclosing, path, methods) in route_calls(&file, &text) {
                let full = if file == nested_file && enclosing == function {
                    let prefix = format!("/spaces/{{slug}}/{key}");
                    if path == "/" {
                        prefix
                    } else {
                        format!("{prefix}{path}")
                    }
                } else {
                    path
                };
                for method in methods {
                    found.insert((method, full.clone()));
                }
            }
        }
    }
    found
}

fn source(file: &Path) -> String {
    let text = std::fs::read_to_string(file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    for call in UNSUPPORTED {
        assert!(
            !text.contains(call),
            "{}: `{call}` — teach the sweep's scanner",
            file.display()
        );
    }
    // Unit tests at the end of a file build no routes of the application.
    match text.find("#[cfg(test)]") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The value of `name: value,` (or `name,` shorthand, giving `name`) in a struct literal.
fn field(text: &str, name: &str) -> Option<String> {
    text.lines().map(str::trim).find_map(|line| {
        if line == format!("{name},") {
            return Some(name.to_owned());
        }
        let value = line.strip_prefix(name)?.trim_start().strip_prefix(':')?;
        Some(value.trim().trim_end_matches(',').to_owned())
    })
}

/// `(enclosing function, path, methods)` of each `.route(` call in `text`.
fn route_calls(file: &Path, text: &str) -> Vec<(String, String, Vec<String>)> {
    let code = strip_comments(text);
    let mut calls = Vec::new();
    let mut from = 0;
    while let Some(found) = code[from..].find(".route(") {
        let start = from + found + ".route(".len();
        let (arguments, end) = balanced(&code, start)
            .unwrap_or_else(|| panic!("{}: unbalanced `.route(` call", file.display()));
        from = end;
        let arguments = arguments.trim();
        let path = arguments
            .strip_prefix('"')
            .and_then(|rest| rest.split_once('"'))
            .map(|(path, _)| path.to_owned())
            .unwrap_or_else(|| {
                panic!(
                    "{}: a route whose path is not a string literal: {arguments}",
                    file.display()
                )
            });
        let router = arguments[path.len() + 2..]
            .trim_start()
            .strip_prefix(',')
            .unwrap_or_else(|| panic!("{}: `.route(\"{path}\"` without a router", file.display()));
        let methods = method_names(router)
            .into_iter()
            .map(|name| {
                METHODS
                    .iter()
                    .find(|(call, _)| *call == name)
                    .map(|(_, method)| (*method).to_owned())
                    .unwrap_or_else(|| {
                        panic!(
                            "{}: route {path} uses `{name}(…)` — teach the sweep's scanner",
                            file.display()
                        )
                    })
            })
            .collect();
        calls.push((enclosing_function(&code[..start]), path, methods));
    }
    calls
}

/// The source without comments, with string and character literals kept as they are, so
/// that the parentheses and quotes left are the code's own.
fn strip_comments(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == 'r'
            && !out.ends_with(|p: char| p.is_alphanumeric() || p == '_')
            && raw_string_hashes(&chars[i + 1..]).is_some()
        {
            // A raw string: kept as an empty string.
            let hashes = raw_string_hashes(&chars[i + 1..]).unwrap_or(0);
            let closing: String = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            let body = i + 2 + hashes;
            let rest: String = chars[body.min(chars.len())..].iter().collect();
            let length = rest
                .find(&closing)
                .map_or(rest.len(), |at| at + closing.len());
            out.push_str("\"\"");
            i = body + rest[..length].chars().count();
        } else if c == '"' {
            // A string: copy it through its closing quote.
            out.push(c);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(chars[i]);
                    i += 1;
                }
                if let Some(&c) = chars.get(i) {
                    out.push(c);
                }
                i += 1;
            }
            out.push('"');
            i += 1;
        } else if c == '\'' && (chars.get(i + 2) == Some(&'\'') || next == Some('\\')) {
            // A character literal (not a lifetime): replaced by a harmless one.
            let close = (i + 2..chars.len()).find(|&j| chars[j] == '\'' && j > i + 1);
            out.push_str("'_'");
            i = close.map_or(chars.len(), |j| j + 1);
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// After an `r`: the number of `#` opening a raw string, if one opens here.
fn raw_string_hashes(after: &[char]) -> Option<usize> {
    let hashes = after.iter().take_while(|&&c| c == '#').count();
    (after.get(hashes) == Some(&'"')).then_some(hashes)
}

/// The text up to the `)` closing the parenthesis opened just before `start`, and the index
/// after it (in `code` without comments, where a quote always opens or closes a string).
fn balanced(code: &str, start: usize) -> Option<(&str, usize)> {
    let mut depth = 1;
    let mut in_string = false;
    let mut escaped = false;
    for (i, c) in code[start..].char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&code[start..start + i], start + i + 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// The names called at the top level of a method router: `get(a).post(b)` gives `get`, `post`;
/// `axum::routing::patch(c)` gives `patch`.
fn method_names(router: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut depth = 0;
    let mut name = String::new();
    for c in router.chars() {
        match c {
            '(' => {
                if depth == 0 && !name.is_empty() {
                    names.push(name.rsplit("::").next().unwrap_or("").to_owned());
                }
                depth += 1;
                name.clear();
            }
            ')' => depth -= 1,
            c if depth == 0 && (c.is_alphanumeric() || c == '_' || c == ':') => name.push(c),
            _ if depth == 0 => name.clear(),
            _ => {}
        }
    }
    names
}

/// The name of the last `fn` declared before the end of `code`.
fn enclosing_function(code: &str) -> String {
    let at = code.rfind("fn ").expect("a route outside any function");
    code[at + 3..]
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}
