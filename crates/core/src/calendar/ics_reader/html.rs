//! Plain text from the HTML that Google Calendar puts in DESCRIPTION.
//!
//! RFC 5545 makes DESCRIPTION plain text, but Google Calendar writes what its editor holds:
//! `<br>`, `<b>`, `<a href="…">` and entities. Our descriptions are Markdown rendered safely,
//! so the markup would show as literal tags; it is turned into the text a reader meant — line
//! breaks kept, a link as "text (url)", entities decoded, every other tag dropped. Text without
//! markup is left exactly as it is.

/// Whether `text` holds HTML markup (a tag we know), rather than a plain `<` or `&`.
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "<br", "<a ", "</a>", "<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<p>", "</p>", "<div",
        "</div>", "<span", "<ul>", "<ol>", "<li>", "<strong>", "<em>",
    ]
    .iter()
    .any(|tag| lower.contains(tag))
}

/// `text` as plain text when it is HTML, else unchanged.
pub fn plain(text: &str) -> String {
    if !looks_like_html(text) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    // The href of the link being read, and where its text began in `out`.
    let mut link: Option<(String, usize)> = None;
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode(&rest[..open]));
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else {
            // A lone `<`: text, not a tag.
            out.push_str(&decode(&rest[open..]));
            rest = "";
            break;
        };
        let tag = after[..close].trim();
        rest = &after[close + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("br", _) => out.push('\n'),
            ("p" | "div" | "ul" | "ol", true) => new_line(&mut out),
            ("li", false) => {
                new_line(&mut out);
                out.push_str("- ");
            }
            ("a", false) => link = href(tag).map(|url| (url, out.len())),
            ("a", true) => {
                if let Some((url, from)) = link.take() {
                    let shown = out[from..].trim().to_owned();
                    if shown.is_empty() {
                        out.push_str(&url);
                    } else if shown != url && shown != url.trim_start_matches("mailto:") {
                        out.push_str(&format!(" ({url})"));
                    }
                }
            }
            _ => {}
        }
    }
    out.push_str(&decode(rest));
    tidy(&out)
}

/// Ends the current line unless it is ended already.
fn new_line(out: &mut String) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

/// The `href` of an `a` tag, decoded.
fn href(tag: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find("href")?;
    let value = tag[at + 4..].trim_start().strip_prefix('=')?.trim_start();
    let url = match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next()?,
        _ => value.split(char::is_whitespace).next()?,
    };
    Some(decode(url)).filter(|u| !u.is_empty())
}

/// Decodes the entities Google writes: named ones for markup and spaces, and numeric ones.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let entity = after
            .find(';')
            .filter(|end| *end <= 10)
            .and_then(|end| entity(&after[..end]).map(|c| (c, end)));
        match entity {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|c| !c.is_control() || *c == '\n')?
        }
    })
}

/// Trailing spaces off each line, at most one empty line in a row, none at either end.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut empty = 0;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            empty += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if empty > 0 { "\n\n" } else { "\n" });
        }
        empty = 0;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_markup_becomes_plain_text() {
        let html = "<b>Porządek obrad</b><br>1. Budżet &amp; plany<br><br>Zapisy: <a href=\"https://azory.example/zapisy?a=1&amp;b=2\">formularz</a><br>Pytania: <a href=\"mailto:lap@azory.example\">lap@azory.example</a>&nbsp;&#8211; dziękujemy";
        assert_eq!(
            plain(html),
            "Porządek obrad\n1. Budżet & plany\n\nZapisy: formularz (https://azory.example/zapisy?a=1&b=2)\nPytania: lap@azory.example – dziękujemy"
        );
        assert_eq!(
            plain("<ul><li>one</li><li>two</li></ul><p>end</p>"),
            "- one\n- two\nend"
        );
        assert_eq!(
            plain("<a href=\"https://x.example\">https://x.example</a>"),
            "https://x.example"
        );
    }

    #[test]
    fn plain_text_is_left_alone() {
        for text in [
            "a < b & c > d",
            "Fish & chips\n\n\nat 5",
            "&amp; as written",
        ] {
            assert_eq!(plain(text), text);
        }
    }
}
