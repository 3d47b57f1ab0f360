//! Typed identifiers, so that the id of one kind of record is never passed as another's.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

typed_id!(
    /// A person's account.
    UserId
);
typed_id!(
    /// A space: a programme, country, city, neighbourhood, event or other place of co-creation.
    SpaceId
);
typed_id!(
    /// A personal API token.
    TokenId
);

typed_id!(
    /// An organisation: an institution, association, company or informal group.
    OrganizationId
);

// The stakeholders component's records.
typed_id!(
    /// A contact person of an organisation.
    ContactId
);
typed_id!(
    /// A resource an organisation offers in a space.
    ResourceId
);
typed_id!(
    /// A need an organisation has in a space.
    NeedId
);
typed_id!(
    /// A proposed pairing of a need with a resource.
    MatchId
);
