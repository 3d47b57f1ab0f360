//! Who may do what with the about component, in one function: reading follows the space's own
//! rules, contact details and welcoming members are for those who manage members. Handlers and
//! use cases ask [`allows`] (through [`require`] or [`require_api`]); the manifest lists the
//! same function, so the platform's checks and these cannot drift apart.

use cospace_core::permissions::{space_allows, Role, SpaceAction};
use cospace_core::space::Visibility;
use cospace_web::error::{ApiError, PageError};
use cospace_web::space_context::SpaceContext;
use cospace_web::ServiceError;

/// What can be done with this component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AboutAction {
    /// See the description, kind, languages and place in the tree (page and API).
    ReadAbout,
    ReadMembers,
    /// See members' e-mail addresses (to contact them).
    ReadMemberContacts,
    /// Send each member a welcome pointing to the about page.
    WelcomeMembers,
}

/// This component's permissions.
pub fn allows(role: Role, visibility: Visibility, action: AboutAction) -> bool {
    match action {
        AboutAction::ReadAbout => space_allows(role, visibility, SpaceAction::View),
        AboutAction::ReadMembers => space_allows(role, visibility, SpaceAction::ViewMembers),
        AboutAction::ReadMemberContacts | AboutAction::WelcomeMembers => {
            space_allows(role, visibility, SpaceAction::ManageMembers)
        }
    }
}

/// Whether the reader of `context` may do `action`.
pub fn allowed(context: &SpaceContext, action: AboutAction) -> bool {
    allows(context.role, context.space.visibility(), action)
}

/// For pages: refused readers are asked to sign in, or get 403.
pub fn require(context: &SpaceContext, action: AboutAction) -> Result<(), PageError> {
    context.require_that(
        allowed(context, action),
        &format!("/spaces/{}/about", context.space.slug),
    )
}

/// For the API: 401 without a token, 403 with one.
pub fn require_api(context: &SpaceContext, action: AboutAction) -> Result<(), ApiError> {
    context.require_api(allowed(context, action))
}

/// For use cases.
pub fn check(context: &SpaceContext, action: AboutAction) -> Result<(), ServiceError> {
    if allowed(context, action) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use AboutAction::*;

    /// Role × action, for a public and a private space. Columns: Anonymous, SignedIn, Member,
    /// SpaceAdmin, PlatformAdmin.
    #[test]
    fn permission_table() {
        let table = [
            (Visibility::Public, ReadAbout, "YYYYY"),
            (Visibility::Public, ReadMembers, "YYYYY"),
            (Visibility::Public, ReadMemberContacts, "...YY"),
            (Visibility::Public, WelcomeMembers, "...YY"),
            (Visibility::Private, ReadAbout, "..YYY"),
            (Visibility::Private, ReadMembers, "..YYY"),
            (Visibility::Private, ReadMemberContacts, "...YY"),
            (Visibility::Private, WelcomeMembers, "...YY"),
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
}
