//! Text folding for search and matching: lower case, accents and Polish letters folded to
//! ASCII (so "Łódź", "lodz" and "ŁÓDŹ" meet), words split on anything that is not a letter or a
//! digit, and the commonest words of our four languages left out of matching.

/// The first character of `text` that no stored text may hold: a control character other than
/// tab, line feed and carriage return. NUL cannot be stored by PostgreSQL at all, and the others
/// are invisible and only ever arrive by accident or malice, so every edge refuses them.
pub fn forbidden_control(text: &str) -> Option<char> {
    text.chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Folds one character to ASCII letters where it has an obvious base letter.
pub fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'ą' | 'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Ą' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => {
            "a"
        }
        'ć' | 'ç' | 'č' | 'Ć' | 'Ç' | 'Č' => "c",
        'ď' | 'Ď' => "d",
        'ę' | 'é' | 'è' | 'ê' | 'ë' | 'ě' | 'Ę' | 'É' | 'È' | 'Ê' | 'Ë' | 'Ě' => "e",
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => "i",
        'ł' | 'Ł' => "l",
        'ń' | 'ñ' | 'ň' | 'Ń' | 'Ñ' | 'Ň' => "n",
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' => "o",
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'Ś' | 'Š' => "s",
        'ß' => "ss",
        'ť' | 'Ť' => "t",
        'ú' | 'ù' | 'û' | 'ü' | 'ů' | 'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ů' => "u",
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        _ => return None,
    })
}

/// Lower case with accents folded; other characters kept. Each character is lowered before
/// it is folded, so an upper-case letter the table does not name still meets its lower-case
/// form, and folding twice changes nothing.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match fold_char(c) {
            Some(folded) => out.push_str(folded),
            None => out.push(c),
        }
    }
    out
}

/// The folded words of `text`, in order (repeats kept).
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Words common enough in English, Polish, Spanish or French to say nothing about a match.
const STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "of",
    "on", "or", "our", "the", "their", "this", "to", "we", "with", "i", "w", "z", "na", "do",
    "dla", "od", "po", "sie", "oraz", "jest", "nie", "ze", "o", "el", "la", "los", "las", "de",
    "del", "en", "y", "un", "una", "para", "con", "por", "que", "le", "les", "des", "du", "et",
    "au", "aux", "pour", "avec", "dans", "sur", "une",
];

/// The distinct, meaningful folded words of `text` (no stopwords, at least two characters),
/// sorted: what matching compares.
pub fn keywords(text: &str) -> Vec<String> {
    let mut out: Vec<String> = words(text)
        .into_iter()
        .filter(|w| w.chars().count() >= 2 && !STOPWORDS.contains(&w.as_str()))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The terms of a search query, folded, at most `limit` of them. Empty when the query has no
/// searchable word. Each term is matched as a prefix ("sen" finds "senior").
pub fn query_terms(query: &str, limit: usize) -> Vec<String> {
    let mut terms: Vec<String> = words(query).into_iter().take(limit).collect();
    terms.dedup();
    terms
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn control_characters_other_than_line_breaks_are_forbidden() {
        assert_eq!(forbidden_control("Łódź\tmarket\r\nday"), None);
        assert_eq!(forbidden_control("a\0b"), Some('\0'));
        assert_eq!(forbidden_control("bell\u{7}"), Some('\u{7}'));
        assert_eq!(forbidden_control("vt\u{b}"), Some('\u{b}'));
        assert_eq!(forbidden_control("c1\u{85}"), Some('\u{85}'));
        assert_eq!(forbidden_control("emoji 🌳 and ZWJ \u{200d}"), None);
    }

    #[test]
    fn folds_accents_and_polish_letters() {
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("ŻÓŁW"), "zolw");
        assert_eq!(
            fold("Salle polyvalente à Besançon"),
            "salle polyvalente a besancon"
        );
        assert_eq!(fold("Niño"), "nino");
        // Upper-case letters fold as their lower-case forms do.
        assert_eq!(fold("ŸVES ŐRS"), fold("ÿves őrs"));
        assert_eq!(fold("Ÿ"), "y");
    }

    #[test]
    fn keywords_drop_noise() {
        assert_eq!(
            keywords("A room for the seniors' club, w Azorach"),
            ["azorach", "club", "room", "seniors"]
        );
    }

    #[test]
    fn query_terms_are_folded_words() {
        assert_eq!(query_terms("  Sala  ŁÓDŹ!! ", 8), ["sala", "lodz"]);
        assert!(query_terms(" ,.; ", 8).is_empty());
        assert_eq!(query_terms("a b c d", 2), ["a", "b"]);
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(text in "\\PC{0,60}") {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn keywords_are_sorted_and_unique(text in "\\PC{0,80}") {
            let k = keywords(&text);
            let mut sorted = k.clone();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(k, sorted);
        }
    }
}
