//! The use cases of spaces, shared by the pages and the API: create, edit, members and enabled
//! components, each in one transaction with its activity-log entry; and what a reader may see,
//! asked of the store's one visibility query (the rule is `cospace_core::visibility`).

use super::super::FormData;
use crate::context::Viewer;
use crate::AppState;
use cospace_core::account::Email;
use cospace_core::permissions::{MemberRole, Role};
use cospace_core::space::{SpaceDraft, SpaceInput, SpaceSlug};
use cospace_core::{Invalid, SpaceId, UserId};
use cospace_store::activity::{self, Activity};
use cospace_store::spaces::{self, Space};
use cospace_store::{accounts, Db, StoreError};
use std::collections::HashSet;

/// The ids of the spaces `viewer` may see, from one query.
pub async fn visible_space_ids(db: &Db, viewer: &Viewer) -> Result<HashSet<i64>, StoreError> {
    Ok(spaces::visible_space_ids(db, &viewer.onlooker())
        .await?
        .into_iter()
        .map(|s| s.0)
        .collect())
}

/// `root` and every space below it that is among `visible` (from [`visible_space_ids`]), for a
/// caller that already holds that set. A page about the request's space asks its context
/// instead (`SpaceContext::visible_subtree`), which is one query.
pub async fn visible_subtree(
    db: &Db,
    root: SpaceId,
    visible: &HashSet<i64>,
) -> Result<Vec<SpaceId>, StoreError> {
    Ok(spaces::subtree(db, root)
        .await?
        .into_iter()
        .filter(|s| visible.contains(&s.0))
        .collect())
}

/// The spaces `viewer` may see, ordered by title: public ones; private ones they belong to or
/// administer (from above); all of them for a platform admin.
pub async fn visible_spaces(db: &Db, viewer: &Viewer) -> Result<Vec<Space>, StoreError> {
    spaces::visible_spaces(db, &viewer.onlooker()).await
}

/// The spaces where `viewer` is more than a signed-in reader (member, admin, platform admin),
/// with their role there; everywhere else they are `SignedIn` or `Anonymous`. A page covering
/// many spaces (a city's map includes its neighbourhoods') judges each item by the reader's role
/// in the item's own space, never by their role in the space whose page they read.
pub async fn roles_in_spaces(db: &Db, viewer: &Viewer) -> Result<Vec<(Space, Role)>, StoreError> {
    spaces::elevated_roles(db, &viewer.onlooker()).await
}

/// Creates a space (under `parent`, or at the top), enables the default components, and logs it.
pub async fn create_space(
    state: &AppState,
    actor: UserId,
    parent: Option<&Space>,
    draft: &SpaceDraft,
) -> Result<SpaceId, StoreError> {
    let mut tx = state.db.begin().await?;
    let id = spaces::create_space(&mut tx, parent.map(Space::id), draft).await?;
    let defaults = state.registry.enabled_by_default();
    for key in &defaults {
        spaces::set_component(&mut tx, id, key, true).await?;
    }
    activity::record(
        &mut tx,
        Activity {
            actor: Some(actor),
            space: Some(id),
            action: "space.create",
            subject_type: "space",
            subject_id: id.to_string(),
            details: serde_json::json!({
                "slug": draft.slug.as_str(),
                "title": draft.title,
                "kind": draft.kind.as_str(),
                "parent": parent.map(|p| p.slug.clone()),
                "visibility": draft.visibility.as_str(),
                "components": defaults,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves an edited space and logs what changed.
pub async fn update_space(
    state: &AppState,
    actor: UserId,
    before: &Space,
    draft: &SpaceDraft,
) -> Result<(), StoreError> {
    let mut changed = serde_json::Map::new();
    let langs = draft
        .languages
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(",");
    for (field, old, new) in [
        ("title", before.title.as_str(), draft.title.as_str()),
        ("slug", before.slug.as_str(), draft.slug.as_str()),
        ("kind", before.kind.as_str(), draft.kind.as_str()),
        (
            "description",
            before.description.as_str(),
            draft.description.as_str(),
        ),
        ("languages", before.languages.as_str(), langs.as_str()),
        (
            "visibility",
            before.visibility.as_str(),
            draft.visibility.as_str(),
        ),
    ] {
        if old != new {
            changed.insert(field.into(), serde_json::json!({ "from": old, "to": new }));
        }
    }
    let mut tx = state.db.begin().await?;
    spaces::update_space(&mut tx, before.id(), draft).await?;
    activity::record(
        &mut tx,
        Activity {
            actor: Some(actor),
            space: Some(before.id()),
            action: "space.update",
            subject_type: "space",
            subject_id: before.id.to_string(),
            details: serde_json::Value::Object(changed),
        },
    )
    .await?;
    tx.commit().await
}

/// Adds a member or changes their role, by e-mail. `Invalid` when no account has that e-mail.
pub async fn put_member(
    state: &AppState,
    actor: UserId,
    space: &Space,
    email: &str,
    role: MemberRole,
) -> Result<UserId, StoreError> {
    let email = Email::parse("email", email).map_err(|e| Invalid(vec![e]))?;
    let user = accounts::user_by_email(&state.db, email.as_str())
        .await?
        .ok_or_else(|| Invalid::one("email", "error-no-such-user"))?;
    let mut tx = state.db.begin().await?;
    let previous = spaces::put_member(&mut tx, space.id(), user.id(), role).await?;
    let action = if previous.is_some() {
        "member.role"
    } else {
        "member.add"
    };
    activity::record(
        &mut tx,
        Activity {
            actor: Some(actor),
            space: Some(space.id()),
            action,
            subject_type: "user",
            subject_id: user.id.to_string(),
            details: serde_json::json!({
                "role": role.as_str(),
                "previous_role": previous.map(MemberRole::as_str),
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(user.id())
}

pub async fn remove_member(
    state: &AppState,
    actor: UserId,
    space: &Space,
    user: UserId,
) -> Result<(), StoreError> {
    let mut tx = state.db.begin().await?;
    spaces::remove_member(&mut tx, space.id(), user).await?;
    activity::record(
        &mut tx,
        Activity {
            actor: Some(actor),
            space: Some(space.id()),
            action: "member.remove",
            subject_type: "user",
            subject_id: user.to_string(),
            details: serde_json::json!({}),
        },
    )
    .await?;
    tx.commit().await
}

/// Makes exactly `wanted` (known component keys) the enabled set, logging each change.
pub async fn set_components(
    state: &AppState,
    actor: UserId,
    space: &Space,
    wanted: &[String],
) -> Result<(), StoreError> {
    let mut tx = state.db.begin().await?;
    for component in state.registry.all() {
        let enable = wanted.iter().any(|w| w == component.key);
        if spaces::set_component(&mut tx, space.id(), component.key, enable).await? {
            activity::record(
                &mut tx,
                Activity {
                    actor: Some(actor),
                    space: Some(space.id()),
                    action: if enable {
                        "component.enable"
                    } else {
                        "component.disable"
                    },
                    subject_type: "component",
                    subject_id: component.key.to_owned(),
                    details: serde_json::json!({}),
                },
            )
            .await?;
        }
    }
    tx.commit().await
}

/// Reads a space form: repeated `languages` checkboxes are kept.
pub fn space_input(form: &FormData) -> SpaceInput {
    SpaceInput {
        title: form.get("title").to_owned(),
        slug: form.get("slug").to_owned(),
        kind: form.get("kind").to_owned(),
        description: form.get("description").to_owned(),
        languages: form.all("languages"),
        visibility: form.get("visibility").to_owned(),
    }
}

/// Suggested slug for a title, for the API and forms.
pub fn suggest_slug(title: &str) -> String {
    SpaceSlug::suggest(title)
}
