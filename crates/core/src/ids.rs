//! Typed identifiers, so that the id of one kind of record is never passed as another's.
//!
//! With the `sqlx` feature (which the store and the components turn on; core itself does no
//! I/O) every id is also a database column type on both backends: rows read `EventId`, binds take
//! it, and the number stored is the plain `i64`.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        #[cfg_attr(feature = "sqlx", derive(sqlx::Type), sqlx(transparent))]
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
/// Declares typed ids read from and written to the database as `i64`: `From<i64>` for the
/// store's rows (`#[sqlx(try_from = "i64")]`) and `get` for its binds.
macro_rules! stored_id {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {
        $(
            typed_id!($(#[$meta])* $name);

            impl From<i64> for $name {
                fn from(id: i64) -> $name {
                    $name(id)
                }
            }

            impl $name {
                /// The number the database stores.
                pub fn get(self) -> i64 {
                    self.0
                }
            }
        )+
    };
}

stored_id!(
    /// An event of the common calendar (a series counts as one event).
    EventId,
    /// A meeting: an event of kind meeting or one occurrence of a series, with its record.
    MeetingId,
    /// An item on a meeting's agenda.
    AgendaItemId,
    /// A decision recorded in a meeting's minutes.
    DecisionId,
    /// An action item agreed in a meeting.
    ActionItemId,
    /// An e-mail invitation to an event.
    InvitationId,
    /// The secret address of a personal calendar feed.
    FeedTokenId,
);

#[cfg(test)]
mod stored_id_tests {
    use super::*;

    #[test]
    fn stored_ids_are_plain_numbers_on_the_wire_and_in_the_database() {
        let id = EventId::from(42);
        assert_eq!(id.get(), 42);
        assert_eq!(serde_json::to_string(&id).ok().as_deref(), Some("42"));
        assert_eq!(
            serde_json::from_str::<ActionItemId>("7").ok(),
            Some(ActionItemId(7))
        );
    }
}
