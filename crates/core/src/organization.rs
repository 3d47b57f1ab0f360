//! Organisations as the platform knows them: the typed id, and whether an organisation is
//! listed in a space yet. Every component names organisations (organisers of events, parties
//! to commitments, funders); the platform keeps them, their admins and their listings.

use serde::{Deserialize, Serialize};
use std::fmt;

pub use crate::ids::OrganizationId;

/// Whether an organisation is listed in a space: it registered itself and waits for a space
/// admin, or it is approved and shown to the space's readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ListingStatus {
    Pending,
    Approved,
}

impl ListingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ListingStatus::Pending => "pending",
            ListingStatus::Approved => "approved",
        }
    }

    pub fn parse(text: &str) -> Option<ListingStatus> {
        match text {
            "pending" => Some(ListingStatus::Pending),
            "approved" => Some(ListingStatus::Approved),
            _ => None,
        }
    }

    pub fn is_pending(self) -> bool {
        self == ListingStatus::Pending
    }
}

impl fmt::Display for ListingStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Decoding a stored status: the schema allows only the two values, so anything else is a
/// broken database and reported as such rather than guessed.
impl TryFrom<String> for ListingStatus {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        ListingStatus::parse(&text).ok_or_else(|| format!("unknown listing status '{text}'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_back_what_they_write() {
        for status in [ListingStatus::Pending, ListingStatus::Approved] {
            assert_eq!(ListingStatus::parse(status.as_str()), Some(status));
            assert_eq!(ListingStatus::try_from(status.to_string()), Ok(status));
        }
        assert_eq!(ListingStatus::parse("Approved"), None);
        assert!(ListingStatus::try_from("rejected".to_owned()).is_err());
    }

    #[test]
    fn ids_serialise_as_plain_numbers() {
        assert_eq!(
            serde_json::to_string(&OrganizationId(7)).ok(),
            Some("7".into())
        );
    }
}
