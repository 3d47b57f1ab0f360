//! Who may do what in a space: the platform's permission rules in one place.
//!
//! A request's actor gets one effective [`Role`] per space; each component answers
//! "may this role do this action here?" with a plain function of the role and the space's
//! visibility, and falls back to [`space_allows`] for what the space itself decides.

use crate::space::Visibility;
use serde::Serialize;

/// A person's standing in one space, from least to most trusted. Ordered, so `role >= Member`
/// reads as "at least a member".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Anonymous,
    SignedIn,
    Member,
    SpaceAdmin,
    PlatformAdmin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Anonymous,
        Role::SignedIn,
        Role::Member,
        Role::SpaceAdmin,
        Role::PlatformAdmin,
    ];
}

/// A membership role as stored: what a space admin can grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MemberRole {
    Member,
    Admin,
}

impl MemberRole {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Member => "member",
            MemberRole::Admin => "admin",
        }
    }

    pub fn parse(input: &str) -> Result<MemberRole, crate::FieldError> {
        match input.trim() {
            "member" => Ok(MemberRole::Member),
            "admin" => Ok(MemberRole::Admin),
            _ => Err(crate::FieldError::new("role", "error-choice")),
        }
    }
}

/// What the facts about an actor and a space say about the actor's role there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    pub signed_in: bool,
    pub platform_admin: bool,
    /// Admin of this space or of any space above it: administration flows down the tree, so a
    /// city's coordinator administers its neighbourhoods.
    pub admin_here_or_above: bool,
    pub member_here: bool,
}

impl Standing {
    pub fn role(self) -> Role {
        if self.platform_admin {
            Role::PlatformAdmin
        } else if self.admin_here_or_above {
            Role::SpaceAdmin
        } else if self.member_here {
            Role::Member
        } else if self.signed_in {
            Role::SignedIn
        } else {
            Role::Anonymous
        }
    }
}

/// What can be done to a space itself (components have their own action enums).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpaceAction {
    /// See the space, its about page and its public content.
    View,
    /// See who the members are.
    ViewMembers,
    /// Change title, description, languages, visibility.
    Edit,
    /// Create a space inside this one.
    CreateChild,
    /// Add, remove or change the role of members.
    ManageMembers,
    /// Enable or disable components.
    ManageComponents,
    /// Read the space's activity log.
    ReadActivity,
}

impl SpaceAction {
    pub const ALL: [SpaceAction; 7] = [
        SpaceAction::View,
        SpaceAction::ViewMembers,
        SpaceAction::Edit,
        SpaceAction::CreateChild,
        SpaceAction::ManageMembers,
        SpaceAction::ManageComponents,
        SpaceAction::ReadActivity,
    ];
}

/// The platform's rule for each space action.
pub fn space_allows(role: Role, visibility: Visibility, action: SpaceAction) -> bool {
    let can_see = match visibility {
        Visibility::Public => true,
        Visibility::Private => role >= Role::Member,
    };
    match action {
        SpaceAction::View | SpaceAction::ViewMembers => can_see,
        SpaceAction::Edit
        | SpaceAction::CreateChild
        | SpaceAction::ManageMembers
        | SpaceAction::ManageComponents
        | SpaceAction::ReadActivity => role >= Role::SpaceAdmin,
    }
}

/// Only platform admins create top-level spaces (a new programme or city joins the platform).
pub fn may_create_root_space(role: Role) -> bool {
    role == Role::PlatformAdmin
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;
    use SpaceAction::*;

    /// The role × action table, read row by row: `Y` allowed, `.` refused.
    /// Columns: Anonymous, SignedIn, Member, SpaceAdmin, PlatformAdmin.
    const PUBLIC_TABLE: &[(SpaceAction, &str)] = &[
        (View, "YYYYY"),
        (ViewMembers, "YYYYY"),
        (Edit, "...YY"),
        (CreateChild, "...YY"),
        (ManageMembers, "...YY"),
        (ManageComponents, "...YY"),
        (ReadActivity, "...YY"),
    ];
    const PRIVATE_TABLE: &[(SpaceAction, &str)] = &[
        (View, "..YYY"),
        (ViewMembers, "..YYY"),
        (Edit, "...YY"),
        (CreateChild, "...YY"),
        (ManageMembers, "...YY"),
        (ManageComponents, "...YY"),
        (ReadActivity, "...YY"),
    ];

    fn check(visibility: Visibility, table: &[(SpaceAction, &str)]) {
        assert_eq!(table.len(), SpaceAction::ALL.len());
        for (action, row) in table {
            for (role, cell) in Role::ALL.iter().zip(row.chars()) {
                assert_eq!(
                    space_allows(*role, visibility, *action),
                    cell == 'Y',
                    "{visibility:?} {action:?} {role:?}"
                );
            }
        }
    }

    #[test]
    fn public_space_table() {
        check(Visibility::Public, PUBLIC_TABLE);
    }

    #[test]
    fn private_space_table() {
        check(Visibility::Private, PRIVATE_TABLE);
    }

    #[test]
    fn standing_gives_the_highest_role() {
        let s = Standing {
            signed_in: true,
            member_here: true,
            admin_here_or_above: true,
            platform_admin: false,
        };
        assert_eq!(s.role(), SpaceAdmin);
        assert_eq!(Standing::default().role(), Anonymous);
        assert!(may_create_root_space(PlatformAdmin));
        assert!(!may_create_root_space(SpaceAdmin));
    }
}
