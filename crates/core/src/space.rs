//! Spaces: validated slugs, kinds and drafts, and the pure tree logic (breadcrumbs, nesting)
//! that the web layer renders.

use crate::ids::SpaceId;
use crate::lang::Lang;
use crate::validation::{bounded_text, FieldError, Invalid};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// A space's address segment: 2–60 characters of lower-case ASCII letters, digits and single
/// hyphens, starting with a letter. Kept ASCII so URLs stay readable when shared by SMS.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SpaceSlug(String);

impl SpaceSlug {
    pub const MIN_LEN: usize = 2;
    pub const MAX_LEN: usize = 60;
    /// The shape of a slug as a regular expression (ECMA-262 and most other dialects).
    pub const PATTERN: &'static str = "^[a-z][a-z0-9]*(-[a-z0-9]+)*$";

    pub fn parse(input: &str) -> Result<SpaceSlug, FieldError> {
        let value = input.trim();
        if value.is_empty() {
            return Err(FieldError::new("slug", "error-required"));
        }
        if value.len() < Self::MIN_LEN {
            return Err(FieldError::with_arg(
                "slug",
                "error-too-short",
                Self::MIN_LEN as i64,
            ));
        }
        if value.len() > Self::MAX_LEN {
            return Err(FieldError::with_arg(
                "slug",
                "error-too-long",
                Self::MAX_LEN as i64,
            ));
        }
        let well_formed = value.starts_with(|c: char| c.is_ascii_lowercase())
            && !value.ends_with('-')
            && !value.contains("--")
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            return Err(FieldError::new("slug", "error-slug-format"));
        }
        if RESERVED_SLUGS.contains(&value) {
            return Err(FieldError::new("slug", "error-slug-reserved"));
        }
        Ok(SpaceSlug(value.to_owned()))
    }

    /// Suggests a slug from a title (`Kraków – Azory` → `krakow-azory`), for pre-filling forms.
    pub fn suggest(title: &str) -> String {
        let mut slug = String::new();
        for c in crate::text::fold(title).chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c.to_ascii_lowercase());
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let trimmed = slug
            .trim_matches('-')
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
        trimmed.chars().take(Self::MAX_LEN).collect::<String>()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Slugs that would be confusing next to the platform's own pages.
const RESERVED_SLUGS: &[&str] = &["new", "admin", "api", "edit", "assets", "account"];

impl TryFrom<String> for SpaceSlug {
    type Error = FieldError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        SpaceSlug::parse(&value)
    }
}

impl From<SpaceSlug> for String {
    fn from(slug: SpaceSlug) -> String {
        slug.0
    }
}

impl fmt::Display for SpaceSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What a space stands for; it decides the icon and wording, never the permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpaceKind {
    Programme,
    Country,
    City,
    Neighbourhood,
    Event,
    Other,
}

impl SpaceKind {
    pub const ALL: [SpaceKind; 6] = [
        SpaceKind::Programme,
        SpaceKind::Country,
        SpaceKind::City,
        SpaceKind::Neighbourhood,
        SpaceKind::Event,
        SpaceKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SpaceKind::Programme => "programme",
            SpaceKind::Country => "country",
            SpaceKind::City => "city",
            SpaceKind::Neighbourhood => "neighbourhood",
            SpaceKind::Event => "event",
            SpaceKind::Other => "other",
        }
    }

    pub fn parse(input: &str) -> Result<SpaceKind, FieldError> {
        SpaceKind::ALL
            .into_iter()
            .find(|k| k.as_str() == input.trim())
            .ok_or_else(|| FieldError::new("kind", "error-choice"))
    }
}

/// Who can see a space. Private spaces are seen by their members and admins only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    Public,
    Private,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Private => "private",
        }
    }

    pub fn parse(input: &str) -> Result<Visibility, FieldError> {
        match input.trim() {
            "public" => Ok(Visibility::Public),
            "private" => Ok(Visibility::Private),
            _ => Err(FieldError::new("visibility", "error-choice")),
        }
    }
}

/// The languages a space's content is written in, kept in a fixed order without repeats.
pub fn parse_languages<'a>(
    inputs: impl IntoIterator<Item = &'a str>,
) -> Result<Vec<Lang>, FieldError> {
    let mut langs = Vec::new();
    for input in inputs {
        for part in input.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let lang = Lang::from_tag(part).ok_or(FieldError::new("languages", "error-choice"))?;
            if !langs.contains(&lang) {
                langs.push(lang);
            }
        }
    }
    if langs.is_empty() {
        return Err(FieldError::new("languages", "error-required"));
    }
    langs.sort();
    Ok(langs)
}

/// Raw, untrusted input for creating or editing a space, as a form or the API delivers it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SpaceInput {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub visibility: String,
}

/// A validated space, ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpaceDraft {
    pub title: String,
    pub slug: SpaceSlug,
    pub kind: SpaceKind,
    pub description: String,
    pub languages: Vec<Lang>,
    pub visibility: Visibility,
}

impl SpaceDraft {
    pub const TITLE_MAX: usize = 120;
    pub const DESCRIPTION_MAX: usize = 20_000;

    /// Validates every field and reports every problem at once.
    pub fn parse(input: &SpaceInput) -> Result<SpaceDraft, Invalid> {
        let mut invalid = Invalid::default();
        let title = invalid.take(bounded_text("title", &input.title, 1, Self::TITLE_MAX));
        let slug = invalid.take(SpaceSlug::parse(&input.slug));
        let kind = invalid.take(SpaceKind::parse(&input.kind));
        let description = invalid.take(bounded_text(
            "description",
            &input.description,
            0,
            Self::DESCRIPTION_MAX,
        ));
        let languages = invalid.take(parse_languages(input.languages.iter().map(String::as_str)));
        let visibility = if input.visibility.trim().is_empty() {
            Some(Visibility::Public)
        } else {
            invalid.take(Visibility::parse(&input.visibility))
        };
        match (title, slug, kind, description, languages, visibility) {
            (
                Some(title),
                Some(slug),
                Some(kind),
                Some(description),
                Some(languages),
                Some(visibility),
            ) if invalid.is_empty() => Ok(SpaceDraft {
                title,
                slug,
                kind,
                description,
                languages,
                visibility,
            }),
            _ => Err(invalid),
        }
    }
}

/// The part of a space that tree logic needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpaceNode {
    pub id: SpaceId,
    pub parent: Option<SpaceId>,
    pub slug: String,
    pub title: String,
}

/// The chain from the root down to `id` (inclusive), for breadcrumbs. Stops on a cycle or a
/// missing parent rather than looping, since the data comes from storage.
pub fn ancestry(nodes: &[SpaceNode], id: SpaceId) -> Vec<SpaceNode> {
    let by_id: HashMap<SpaceId, &SpaceNode> = nodes.iter().map(|n| (n.id, n)).collect();
    let mut chain = Vec::new();
    let mut current = by_id.get(&id).copied();
    while let Some(node) = current {
        if chain.iter().any(|n: &SpaceNode| n.id == node.id) {
            break;
        }
        chain.push(node.clone());
        current = node.parent.and_then(|p| by_id.get(&p).copied());
    }
    chain.reverse();
    chain
}

/// One line of a space tree listing: the node and how deep it sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeLine {
    pub node: SpaceNode,
    pub depth: usize,
}

/// Orders `nodes` as a depth-first tree, siblings by title. A node whose parent is not in the
/// list (not visible to the reader, say) is shown as a root, so nothing visible is hidden.
pub fn tree_lines(nodes: &[SpaceNode]) -> Vec<TreeLine> {
    let present: std::collections::HashSet<SpaceId> = nodes.iter().map(|n| n.id).collect();
    let mut children: HashMap<Option<SpaceId>, Vec<&SpaceNode>> = HashMap::new();
    for node in nodes {
        let parent = node.parent.filter(|p| present.contains(p));
        children.entry(parent).or_default().push(node);
    }
    for list in children.values_mut() {
        list.sort_by_key(|n| n.title.to_lowercase());
    }
    let mut lines = Vec::with_capacity(nodes.len());
    let mut stack: Vec<(&SpaceNode, usize)> = children
        .get(&None)
        .map(|roots| roots.iter().rev().map(|n| (*n, 0)).collect())
        .unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    while let Some((node, depth)) = stack.pop() {
        if !seen.insert(node.id) {
            continue;
        }
        lines.push(TreeLine {
            node: node.clone(),
            depth,
        });
        if let Some(kids) = children.get(&Some(node.id)) {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
    }
    lines
}

/// Whether making `new_parent` the parent of `id` would put `id` inside its own subtree.
pub fn would_create_cycle(nodes: &[SpaceNode], id: SpaceId, new_parent: SpaceId) -> bool {
    ancestry(nodes, new_parent).iter().any(|n| n.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn node(id: i64, parent: Option<i64>, title: &str) -> SpaceNode {
        SpaceNode {
            id: SpaceId(id),
            parent: parent.map(SpaceId),
            slug: title.to_lowercase(),
            title: title.into(),
        }
    }

    #[test]
    fn slugs() {
        for good in ["azory", "krakow-azory", "wuf11", "a1"] {
            assert!(SpaceSlug::parse(good).is_ok(), "{good}");
        }
        let cases = [
            ("", "error-required"),
            ("a", "error-too-short"),
            ("Azory", "error-slug-format"),
            ("my space", "error-slug-format"),
            ("1abc", "error-slug-format"),
            ("ab-", "error-slug-format"),
            ("a--b", "error-slug-format"),
            ("żółw", "error-slug-format"),
            ("new", "error-slug-reserved"),
        ];
        for (input, key) in cases {
            assert_eq!(
                SpaceSlug::parse(input).map_err(|e| e.key),
                Err(key),
                "{input}"
            );
        }
    }

    #[test]
    fn slug_suggestions() {
        assert_eq!(SpaceSlug::suggest("Kraków – Azory"), "krakow-azory");
        assert_eq!(
            SpaceSlug::suggest("World Urban Forum 11"),
            "world-urban-forum-11"
        );
        assert_eq!(SpaceSlug::suggest("11th Forum"), "th-forum");
        assert_eq!(SpaceSlug::suggest("Łódź"), "lodz");
    }

    proptest! {
        #[test]
        fn suggested_slugs_parse_or_are_empty(title in "\\PC{0,80}") {
            let slug = SpaceSlug::suggest(&title);
            if slug.len() >= SpaceSlug::MIN_LEN && !RESERVED_SLUGS.contains(&slug.as_str()) {
                prop_assert!(SpaceSlug::parse(&slug).is_ok(), "{slug}");
            }
        }

        #[test]
        fn tree_lists_every_node_once(parents in proptest::collection::vec(proptest::option::of(0i64..20), 0..20)) {
            let nodes: Vec<SpaceNode> = parents
                .iter()
                .enumerate()
                .map(|(i, p)| node(i as i64, *p, &format!("n{i}")))
                .collect();
            let lines = tree_lines(&nodes);
            // Nodes caught in a parent cycle with no root cannot be reached; all others appear once.
            let mut ids: Vec<i64> = lines.iter().map(|l| l.node.id.0).collect();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), lines.len());
        }
    }

    #[test]
    fn draft_reports_every_field() {
        let input = SpaceInput {
            title: " ".into(),
            slug: "Bad Slug".into(),
            kind: "planet".into(),
            description: String::new(),
            languages: vec![],
            visibility: "secret".into(),
        };
        let invalid = SpaceDraft::parse(&input).unwrap_err();
        let fields: Vec<&str> = invalid.0.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title", "slug", "kind", "languages", "visibility"]);
    }

    #[test]
    fn draft_accepts_good_input() {
        let input = SpaceInput {
            title: "Azory".into(),
            slug: "azory".into(),
            kind: "neighbourhood".into(),
            description: "Housing estate".into(),
            languages: vec!["pl".into(), "en".into(), "pl".into()],
            visibility: String::new(),
        };
        let draft = SpaceDraft::parse(&input).unwrap();
        assert_eq!(draft.languages, vec![Lang::En, Lang::Pl]);
        assert_eq!(draft.visibility, Visibility::Public);
    }

    #[test]
    fn ancestry_and_tree() {
        let nodes = vec![
            node(1, None, "Kraków"),
            node(2, Some(1), "Azory"),
            node(3, Some(1), "Nowa Huta"),
            node(4, None, "Global"),
            node(5, Some(2), "Block 7"),
        ];
        let chain: Vec<i64> = ancestry(&nodes, SpaceId(5))
            .iter()
            .map(|n| n.id.0)
            .collect();
        assert_eq!(chain, [1, 2, 5]);
        let lines: Vec<(i64, usize)> = tree_lines(&nodes)
            .iter()
            .map(|l| (l.node.id.0, l.depth))
            .collect();
        assert_eq!(lines, [(4, 0), (1, 0), (2, 1), (5, 2), (3, 1)]);
        assert!(would_create_cycle(&nodes, SpaceId(1), SpaceId(5)));
        assert!(!would_create_cycle(&nodes, SpaceId(5), SpaceId(3)));
    }

    #[test]
    fn ancestry_survives_cycles() {
        let nodes = vec![node(1, Some(2), "a"), node(2, Some(1), "b")];
        assert_eq!(ancestry(&nodes, SpaceId(1)).len(), 2);
    }
}
