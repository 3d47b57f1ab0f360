//! Who may do what with stakeholders, in one place. Space roles decide most things; being an
//! admin of an organisation adds the right to edit that organisation and to answer matches on
//! its behalf.

use cospace_core::permissions::{space_allows, Role, SpaceAction};
use cospace_core::space::Visibility;
use cospace_core::stakeholders::ContactVisibility;

pub const PUBLIC: ContactVisibility = ContactVisibility::Public;
pub const MEMBERS: ContactVisibility = ContactVisibility::Members;
pub const ADMINS: ContactVisibility = ContactVisibility::Admins;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See organisations, resources, needs, the map, search and synergies.
    Read,
    /// See contacts of this visibility.
    ReadContacts(ContactVisibility),
    /// Register one's own organisation (it waits for approval).
    Register,
    /// Propose a match between a need and a resource.
    ProposeMatch,
    /// Add, approve and edit any organisation of the space; decide matches for either side.
    Manage,
}

pub fn allows(role: Role, visibility: Visibility, action: Action) -> bool {
    if !space_allows(role, visibility, SpaceAction::View) {
        return false;
    }
    match action {
        Action::Read => true,
        Action::ReadContacts(ContactVisibility::Public) => true,
        Action::ReadContacts(ContactVisibility::Members) => role >= Role::Member,
        Action::ReadContacts(ContactVisibility::Admins) => role >= Role::SpaceAdmin,
        Action::Register => role >= Role::SignedIn,
        Action::ProposeMatch => role >= Role::Member,
        Action::Manage => role >= Role::SpaceAdmin,
    }
}

/// Whose contacts a reader may see, as the store's query applies it. A contact is judged by the
/// reader's role in the spaces its organisation is listed in — never by their role in the space
/// whose page they read, which may be a parent of the organisation's own space (a city's member
/// does not see a neighbourhood's members-only contacts). An organisation's admins see all its
/// contacts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactReader {
    /// Spaces whose approved organisations show their members-only contacts to this reader.
    pub members_in: Vec<i64>,
    /// Spaces whose organisations (approved or waiting) show their admins-only contacts too.
    pub admins_in: Vec<i64>,
    /// The reader, whose own organisations show every contact.
    pub user: Option<i64>,
}

impl ContactReader {
    /// From the reader's role in each space (with the space's visibility).
    pub fn new(
        user: Option<i64>,
        roles: impl IntoIterator<Item = (i64, Role, Visibility)>,
    ) -> ContactReader {
        let mut reader = ContactReader {
            user,
            ..ContactReader::default()
        };
        for (space, role, visibility) in roles {
            if allows(role, visibility, Action::ReadContacts(MEMBERS)) {
                reader.members_in.push(space);
            }
            if allows(role, visibility, Action::ReadContacts(ADMINS)) {
                reader.admins_in.push(space);
            }
        }
        reader
    }

    /// Whether this reader may see no more than public contacts (what shared caches may keep).
    pub fn public_only(&self) -> bool {
        self.user.is_none() && self.members_in.is_empty() && self.admins_in.is_empty()
    }
}

/// Editing an organisation: its own admins, or whoever manages the space.
pub fn may_edit_organization(role: Role, visibility: Visibility, org_admin: bool) -> bool {
    allows(role, visibility, Action::Manage)
        || (org_admin && allows(role, visibility, Action::Read))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns: Anonymous, SignedIn, Member, SpaceAdmin, PlatformAdmin.
    #[test]
    fn role_action_table() {
        let table = [
            (Visibility::Public, Action::Read, "YYYYY"),
            (Visibility::Public, Action::ReadContacts(PUBLIC), "YYYYY"),
            (Visibility::Public, Action::ReadContacts(MEMBERS), "..YYY"),
            (Visibility::Public, Action::ReadContacts(ADMINS), "...YY"),
            (Visibility::Public, Action::Register, ".YYYY"),
            (Visibility::Public, Action::ProposeMatch, "..YYY"),
            (Visibility::Public, Action::Manage, "...YY"),
            (Visibility::Private, Action::Read, "..YYY"),
            (Visibility::Private, Action::ReadContacts(PUBLIC), "..YYY"),
            (Visibility::Private, Action::Register, "..YYY"),
            (Visibility::Private, Action::Manage, "...YY"),
        ];
        for (visibility, action, row) in table {
            for (role, cell) in Role::ALL.iter().zip(row.chars()) {
                assert_eq!(
                    allows(*role, visibility, action),
                    cell == 'Y',
                    "{visibility:?} {action:?} {role:?}"
                );
            }
        }
    }

    #[test]
    fn contacts_are_judged_by_the_role_in_each_space() {
        let reader = ContactReader::new(
            Some(7),
            [
                (1, Role::Member, Visibility::Public),
                (2, Role::SignedIn, Visibility::Public),
                (3, Role::SpaceAdmin, Visibility::Private),
                (4, Role::Anonymous, Visibility::Private),
            ],
        );
        assert_eq!(reader.members_in, [1, 3]);
        assert_eq!(reader.admins_in, [3]);
        assert!(!reader.public_only());
        let anonymous = ContactReader::new(None, [(1, Role::Anonymous, Visibility::Public)]);
        assert!(anonymous.public_only());
    }

    #[test]
    fn organization_admins() {
        assert!(may_edit_organization(
            Role::SignedIn,
            Visibility::Public,
            true
        ));
        assert!(!may_edit_organization(
            Role::Member,
            Visibility::Public,
            false
        ));
        assert!(!may_edit_organization(
            Role::SignedIn,
            Visibility::Private,
            true
        ));
    }
}
