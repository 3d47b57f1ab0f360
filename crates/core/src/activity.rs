//! The activity log's tamper evidence: every entry carries the SHA-256 of its content and of
//! the entry before it, so altering or removing a past entry breaks every hash after it.

use sha2::{Digest, Sha256};

/// The hash that stands before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The fields of an entry that its hash covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryContent<'a> {
    /// RFC 3339 with microseconds, UTC: the exact text stored, so verification re-hashes
    /// the same bytes.
    pub occurred_at: &'a str,
    pub actor: Option<i64>,
    pub space: Option<i64>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: &'a str,
    pub details: &'a str,
}

/// SHA-256 over the previous hash and the entry's fields, each length-prefixed so that no two
/// different entries can produce the same byte stream.
pub fn entry_hash(previous: &str, entry: &EntryContent<'_>) -> String {
    let mut hasher = Sha256::new();
    let actor = entry.actor.map(|a| a.to_string()).unwrap_or_default();
    let space = entry.space.map(|s| s.to_string()).unwrap_or_default();
    for field in [
        previous,
        entry.occurred_at,
        &actor,
        &space,
        entry.action,
        entry.subject_type,
        entry.subject_id,
        entry.details,
    ] {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A stored entry as verification sees it.
#[derive(Debug, Clone)]
pub struct StoredEntry {
    pub id: i64,
    pub occurred_at: String,
    pub actor: Option<i64>,
    pub space: Option<i64>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub details: String,
    pub previous_hash: String,
    pub hash: String,
}

/// Checks a run of consecutive entries (in id order, starting after `previous`). Returns the id
/// of the first entry that does not verify.
pub fn first_broken(previous: &str, entries: &[StoredEntry]) -> Option<i64> {
    let mut expected_previous = previous.to_owned();
    for entry in entries {
        let content = EntryContent {
            occurred_at: &entry.occurred_at,
            actor: entry.actor,
            space: entry.space,
            action: &entry.action,
            subject_type: &entry.subject_type,
            subject_id: &entry.subject_id,
            details: &entry.details,
        };
        if entry.previous_hash != expected_previous
            || entry_hash(&expected_previous, &content) != entry.hash
        {
            return Some(entry.id);
        }
        expected_previous = entry.hash.clone();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: usize) -> Vec<StoredEntry> {
        let mut previous = GENESIS.to_string();
        (0..n)
            .map(|i| {
                let occurred_at = format!("2026-11-22T10:00:0{i}.000000Z");
                let details = format!("{{\"n\":{i}}}");
                let content = EntryContent {
                    occurred_at: &occurred_at,
                    actor: Some(1),
                    space: Some(2),
                    action: "space.create",
                    subject_type: "space",
                    subject_id: "2",
                    details: &details,
                };
                let hash = entry_hash(&previous, &content);
                let entry = StoredEntry {
                    id: i as i64 + 1,
                    occurred_at,
                    actor: Some(1),
                    space: Some(2),
                    action: "space.create".into(),
                    subject_type: "space".into(),
                    subject_id: "2".into(),
                    details,
                    previous_hash: previous.clone(),
                    hash: hash.clone(),
                };
                previous = hash;
                entry
            })
            .collect()
    }

    #[test]
    fn an_intact_chain_verifies() {
        assert_eq!(first_broken(GENESIS, &chain(5)), None);
    }

    #[test]
    fn tampering_is_found() {
        let mut entries = chain(5);
        entries[2].details = "{\"n\":99}".into();
        assert_eq!(first_broken(GENESIS, &entries), Some(3));

        let mut entries = chain(5);
        entries.remove(1);
        assert_eq!(first_broken(GENESIS, &entries), Some(3));
    }

    #[test]
    fn fields_are_not_ambiguous() {
        let a = EntryContent {
            occurred_at: "t",
            actor: None,
            space: None,
            action: "ab",
            subject_type: "c",
            subject_id: "",
            details: "",
        };
        let b = EntryContent {
            action: "a",
            subject_type: "bc",
            ..a.clone()
        };
        assert_ne!(entry_hash(GENESIS, &a), entry_hash(GENESIS, &b));
    }
}
