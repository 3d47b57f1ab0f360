//! Content lines and components (RFC 5545 §3.1, §3.4): unfolding, `NAME;PARAM=value:text`,
//! TEXT escapes, and the nesting of `BEGIN`/`END` — the file's structure, before any meaning.

use super::{EventError, MAX_DEPTH, MAX_ERRORS};

// ---------------------------------------------------------------------------------------------
// Reading content lines (RFC 5545 §3.1)

/// One content line, unfolded: `NAME;PARAM=a,b:value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Property {
    /// Upper case.
    pub(super) name: String,
    /// (upper-case name, values without quotes).
    pub(super) params: Vec<(String, Vec<String>)>,
    pub(super) value: String,
    pub(super) line: u64,
}

impl Property {
    pub(super) fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.first())
            .map(String::as_str)
    }

    /// The value as TEXT, unescaped (§3.3.11).
    pub(super) fn text(&self) -> String {
        unescape(&self.value)
    }
}

pub(super) fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Splits a TEXT list at commas that are not escaped, unescaping each item.
pub(super) fn text_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut escaped = false;
    for c in value.chars() {
        if escaped {
            current.push('\\');
            current.push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == ',' {
            items.push(unescape(&current));
            current.clear();
        } else {
            current.push(c);
        }
    }
    items.push(unescape(&current));
    items
}

/// Parses one unfolded content line; `None` when it is not one.
pub(super) fn parse_line(text: &str, line: u64) -> Option<Property> {
    let end_of_name = text.find([';', ':'])?;
    let name = &text[..end_of_name];
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return None;
    }
    let mut rest = &text[end_of_name..];
    let mut params = Vec::new();
    while let Some(after) = rest.strip_prefix(';') {
        let eq = after.find('=')?;
        let param_name = &after[..eq];
        if param_name.is_empty()
            || !param_name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return None;
        }
        let mut values = Vec::new();
        let mut cursor = &after[eq + 1..];
        loop {
            if let Some(quoted) = cursor.strip_prefix('"') {
                let close = quoted.find('"')?;
                values.push(quoted[..close].to_owned());
                cursor = &quoted[close + 1..];
            } else {
                let stop = cursor.find([',', ';', ':'])?;
                values.push(cursor[..stop].to_owned());
                cursor = &cursor[stop..];
            }
            match cursor.strip_prefix(',') {
                Some(next) => cursor = next,
                None => break,
            }
        }
        params.push((param_name.to_ascii_uppercase(), values));
        rest = cursor;
    }
    let value = rest.strip_prefix(':')?;
    Some(Property {
        name: name.to_ascii_uppercase(),
        params,
        value: value.to_owned(),
        line,
    })
}

/// A component (`BEGIN:X` … `END:X`) with its properties and inner components.
#[derive(Debug, Clone, Default)]
pub(super) struct Block {
    pub(super) name: String,
    pub(super) line: u64,
    pub(super) properties: Vec<Property>,
    pub(super) children: Vec<Block>,
}

impl Block {
    pub(super) fn first(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    pub(super) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }
}

/// Reads the calendars of a file: unfolds lines (a line starting with a space or tab continues
/// the one before), parses each content line and nests components.
pub(super) fn read_calendars(text: &str) -> Result<Vec<Block>, Vec<EventError>> {
    // (line number where the logical line starts, text).
    let mut lines: Vec<(u64, String)> = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let number = index as u64 + 1;
        if let Some(continued) = raw.strip_prefix([' ', '\t']) {
            if let Some((_, last)) = lines.last_mut() {
                last.push_str(continued);
                continue;
            }
        }
        if raw.trim().is_empty() {
            continue;
        }
        lines.push((number, raw.to_owned()));
    }
    let Some((first_line, first)) = lines.first() else {
        return Err(vec![EventError::file(0, "error-ics-not-calendar")]);
    };
    if !first.trim().eq_ignore_ascii_case("BEGIN:VCALENDAR") {
        return Err(vec![EventError::file(
            *first_line,
            "error-ics-not-calendar",
        )]);
    }
    let mut errors = Vec::new();
    let mut calendars = Vec::new();
    let mut stack: Vec<Block> = Vec::new();
    for (number, text) in &lines {
        let Some(property) = parse_line(text, *number) else {
            errors.push(EventError::file(*number, "error-ics-line"));
            if errors.len() >= MAX_ERRORS {
                break;
            }
            continue;
        };
        match property.name.as_str() {
            "BEGIN" => {
                if stack.len() >= MAX_DEPTH {
                    return Err(vec![EventError::file(*number, "error-ics-structure")]);
                }
                stack.push(Block {
                    name: property.value.trim().to_ascii_uppercase(),
                    line: *number,
                    ..Block::default()
                });
            }
            "END" => {
                let name = property.value.trim().to_ascii_uppercase();
                match stack.pop() {
                    Some(block) if block.name == name => match stack.last_mut() {
                        Some(parent) => parent.children.push(block),
                        None => calendars.push(block),
                    },
                    _ => return Err(vec![EventError::file(*number, "error-ics-structure")]),
                }
            }
            _ => match stack.last_mut() {
                Some(block) => block.properties.push(property),
                None => {
                    // Content after the last END:VCALENDAR.
                    errors.push(EventError::file(*number, "error-ics-structure"));
                }
            },
        }
    }
    if let Some(open) = stack.first() {
        errors.push(EventError::file(open.line, "error-ics-structure"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if calendars.iter().any(|c| c.name != "VCALENDAR") {
        return Err(vec![EventError::file(0, "error-ics-not-calendar")]);
    }
    Ok(calendars)
}
