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

/// The contact visibilities a reader may see: by role, and all of them for the organisation's
/// own admins.
pub fn visible_contacts(
    role: Role,
    visibility: Visibility,
    org_admin: bool,
) -> Vec<ContactVisibility> {
    ContactVisibility::ALL
        .iter()
        .copied()
        .filter(|v| org_admin || allows(role, visibility, Action::ReadContacts(*v)))
        .collect()
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
    fn organization_admins() {
        assert_eq!(
            visible_contacts(Role::Anonymous, Visibility::Public, false),
            [PUBLIC]
        );
        assert_eq!(
            visible_contacts(Role::SignedIn, Visibility::Public, true).len(),
            3
        );
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
