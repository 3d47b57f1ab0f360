//! The interface languages cospace speaks, and how a request's language is chosen.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An interface language. Adding one means adding a variant here and a translation file per
/// crate; a test fails until every message exists in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Pl,
    Es,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Pl, Lang::Es, Lang::Fr];
    pub const DEFAULT: Lang = Lang::En;

    /// The BCP 47 tag, as used in `<html lang>` and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Pl => "pl",
            Lang::Es => "es",
            Lang::Fr => "fr",
        }
    }

    /// The language's own name for itself, shown in the language picker so that a reader
    /// finds their language without understanding the current one.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Pl => "Polski",
            Lang::Es => "Español",
            Lang::Fr => "Français",
        }
    }

    /// Parses a language tag, ignoring region and case (`pl-PL`, `PL`, `pl` all give Polish).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "pl" => Some(Lang::Pl),
            "es" => Some(Lang::Es),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// Picks the best supported language from an `Accept-Language` header value
    /// (RFC 9110 §12.5.4): highest quality first, earlier entries winning ties, `q=0` excluded.
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(u16, usize, Lang)> = None;
        for (position, item) in accept_language.split(',').enumerate() {
            let mut parts = item.split(';');
            let Some(tag) = parts.next() else { continue };
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .filter_map(|q| q.trim().parse::<f32>().ok())
                .next()
                .unwrap_or(1.0);
            if !(0.0..=1.0).contains(&quality) || quality == 0.0 {
                continue;
            }
            let Some(lang) = Lang::from_tag(tag) else {
                continue;
            };
            let q = (quality * 1000.0).round() as u16;
            let better = match best {
                None => true,
                Some((best_q, _, _)) => q > best_q,
            };
            if better {
                best = Some((q, position, lang));
            }
        }
        best.map(|(_, _, lang)| lang)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_tag(s).ok_or(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiation_respects_quality_and_order() {
        let cases = [
            ("pl-PL,pl;q=0.9,en;q=0.8", Some(Lang::Pl)),
            ("de-DE, fr;q=0.5, es;q=0.7", Some(Lang::Es)),
            ("en;q=0, fr", Some(Lang::Fr)),
            ("de, it", None),
            ("", None),
            ("es, fr", Some(Lang::Es)),
            ("*;q=0.5, FR-ca", Some(Lang::Fr)),
            ("pl;q=abc", Some(Lang::Pl)),
        ];
        for (header, expected) in cases {
            assert_eq!(Lang::negotiate(header), expected, "{header}");
        }
    }

    #[test]
    fn tags_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.code()), Some(lang));
        }
    }
}
