//! Who may do what with the calendar, in one place. Space roles decide reading and managing;
//! planning and editing also depend on which organisations the person administers, because an
//! event is planned by institutions, and institutions act through their admins.

use cospace_core::permissions::{space_allows, Role, SpaceAction};
use cospace_core::space::Visibility;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// See the calendar, events, clashes, indicators and feeds.
    Read,
    /// Plan events for an organisation one administers (or any, with `Manage`).
    Plan,
    /// Edit, cancel and join any event of the space on behalf of any organisation.
    Manage,
}

pub fn allows(role: Role, visibility: Visibility, action: Action) -> bool {
    if !space_allows(role, visibility, SpaceAction::View) {
        return false;
    }
    match action {
        Action::Read => true,
        Action::Plan => role >= Role::SignedIn,
        Action::Manage => role >= Role::SpaceAdmin,
    }
}

/// Planning an event with these organisers: a space admin for anyone; anyone else signed in
/// only when one of the organisers is an organisation they administer.
pub fn may_plan_for(role: Role, visibility: Visibility, administers_an_organizer: bool) -> bool {
    allows(role, visibility, Action::Manage)
        || (allows(role, visibility, Action::Plan) && administers_an_organizer)
}

/// Naming organisers (on a plan or an import): a space admin names any organisation that may
/// organise events in the space; anyone else only those they administer, and invites the others
/// from the event's page.
pub fn names_any_organizer(role: Role, visibility: Visibility) -> bool {
    allows(role, visibility, Action::Manage)
}

/// Importing a calendar file whose events `organization` organises: as planning for it.
pub fn may_import_for(role: Role, visibility: Visibility, administers_it: bool) -> bool {
    may_plan_for(role, visibility, administers_it)
}

/// Editing or cancelling an event: a space admin, whoever created it, or an admin of one of its
/// organising organisations.
pub fn may_edit(
    role: Role,
    visibility: Visibility,
    created_it: bool,
    administers_an_organizer: bool,
) -> bool {
    allows(role, visibility, Action::Manage)
        || (allows(role, visibility, Action::Plan) && (created_it || administers_an_organizer))
}

/// Joining an event as co-organiser on behalf of an organisation: its admins, or a space admin.
pub fn may_join_for(role: Role, visibility: Visibility, administers_joining: bool) -> bool {
    may_plan_for(role, visibility, administers_joining)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Columns: Anonymous, SignedIn, Member, SpaceAdmin, PlatformAdmin.
    #[test]
    fn role_action_table() {
        let table = [
            (Visibility::Public, Action::Read, "YYYYY"),
            (Visibility::Public, Action::Plan, ".YYYY"),
            (Visibility::Public, Action::Manage, "...YY"),
            (Visibility::Private, Action::Read, "..YYY"),
            (Visibility::Private, Action::Plan, "..YYY"),
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
    fn institutions_act_through_their_admins() {
        let public = Visibility::Public;
        assert!(!may_plan_for(Role::Anonymous, public, true));
        assert!(!may_plan_for(Role::Member, public, false));
        assert!(may_plan_for(Role::SignedIn, public, true));
        assert!(may_plan_for(Role::SpaceAdmin, public, false));
        assert!(may_edit(Role::SignedIn, public, true, false));
        assert!(may_edit(Role::SignedIn, public, false, true));
        assert!(!may_edit(Role::Member, public, false, false));
        assert!(!may_edit(Role::SignedIn, Visibility::Private, true, true));
        assert!(may_join_for(Role::SignedIn, public, true));
        assert!(names_any_organizer(Role::SpaceAdmin, public));
        assert!(!names_any_organizer(Role::Member, public));
        assert!(may_import_for(Role::SignedIn, public, true));
        assert!(!may_import_for(Role::Member, public, false));
        assert!(!may_import_for(Role::SignedIn, Visibility::Private, true));
        assert!(!may_join_for(Role::Member, public, false));
    }
}
