//! Spaces, their members and their enabled components, and the one query that answers which
//! spaces a person may see (the rule of `cospace_core::visibility`, in SQL).

use crate::{in_ids, now, with_db, with_tx, Db, IdList, StoreError, Tx};
use chrono::{DateTime, Utc};
use cospace_core::permissions::{MemberRole, Standing};
use cospace_core::space::{SpaceDraft, SpaceKind, SpaceNode, Visibility};
use cospace_core::{Lang, SpaceId, UserId};

mod visible;
pub use visible::{
    elevated_roles, placed_by_slug, placed_with_children, visible_children, visible_space_ids,
    visible_spaces, visible_subtree, Placed,
};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Space {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub slug: String,
    pub kind: String,
    pub title: String,
    pub description: String,
    pub languages: String,
    pub visibility: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Space {
    pub fn id(&self) -> SpaceId {
        SpaceId(self.id)
    }

    pub fn parent(&self) -> Option<SpaceId> {
        self.parent_id.map(SpaceId)
    }

    pub fn kind(&self) -> SpaceKind {
        SpaceKind::parse(&self.kind).unwrap_or(SpaceKind::Other)
    }

    /// Stored values are checked by the schema; anything unexpected is treated as private,
    /// the safe side.
    pub fn visibility(&self) -> Visibility {
        Visibility::parse(&self.visibility).unwrap_or(Visibility::Private)
    }

    pub fn languages(&self) -> Vec<Lang> {
        self.languages
            .split(',')
            .filter_map(Lang::from_tag)
            .collect()
    }

    pub fn node(&self) -> SpaceNode {
        SpaceNode {
            id: self.id(),
            parent: self.parent(),
            slug: self.slug.clone(),
            title: self.title.clone(),
        }
    }
}

const SPACE_COLUMNS: &str =
    "id, parent_id, slug, kind, title, description, languages, visibility, created_at, updated_at";

fn languages_text(languages: &[Lang]) -> String {
    languages
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(",")
}

pub async fn create_space(
    tx: &mut Tx,
    parent: Option<SpaceId>,
    draft: &SpaceDraft,
) -> Result<SpaceId, StoreError> {
    let at = now();
    let id: i64 = with_tx!(tx, |conn| sqlx::query_scalar(
        "INSERT INTO spaces (parent_id, slug, kind, title, description, languages, visibility, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id"
    )
    .bind(parent.map(|p| p.0))
    .bind(draft.slug.as_str())
    .bind(draft.kind.as_str())
    .bind(&draft.title)
    .bind(&draft.description)
    .bind(languages_text(&draft.languages))
    .bind(draft.visibility.as_str())
    .bind(at)
    .fetch_one(&mut *conn)
    .await)
    .map_err(StoreError::conflict_on("slug"))?;
    Ok(SpaceId(id))
}

pub async fn update_space(tx: &mut Tx, id: SpaceId, draft: &SpaceDraft) -> Result<(), StoreError> {
    let result = with_tx!(tx, |conn| sqlx::query(
        "UPDATE spaces SET slug = $1, kind = $2, title = $3, description = $4, languages = $5,
                visibility = $6, updated_at = $7
         WHERE id = $8"
    )
    .bind(draft.slug.as_str())
    .bind(draft.kind.as_str())
    .bind(&draft.title)
    .bind(&draft.description)
    .bind(languages_text(&draft.languages))
    .bind(draft.visibility.as_str())
    .bind(now())
    .bind(id.0)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))
    .map_err(StoreError::conflict_on("slug"))?;
    if result == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

pub async fn space_by_slug(db: &Db, slug: &str) -> Result<Space, StoreError> {
    let sql = format!("SELECT {SPACE_COLUMNS} FROM spaces WHERE slug = $1");
    with_db!(db, |pool| sqlx::query_as::<_, Space>(&sql)
        .bind(slug)
        .fetch_optional(pool)
        .await)?
    .ok_or(StoreError::NotFound)
}

pub async fn space_by_id(db: &Db, id: SpaceId) -> Result<Space, StoreError> {
    let sql = format!("SELECT {SPACE_COLUMNS} FROM spaces WHERE id = $1");
    with_db!(db, |pool| sqlx::query_as::<_, Space>(&sql)
        .bind(id.0)
        .fetch_optional(pool)
        .await)?
    .ok_or(StoreError::NotFound)
}

/// Every space, whoever may see it: for administration and tests. Pages ask for what their
/// reader may see ([`visible_spaces`], [`visible_subtree`], [`visible_children`]).
pub async fn all_spaces(db: &Db) -> Result<Vec<Space>, StoreError> {
    let sql = format!("SELECT {SPACE_COLUMNS} FROM spaces ORDER BY title");
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Space>(&sql)
        .fetch_all(pool)
        .await)?)
}

/// The spaces among `ids`, whoever may see them: for naming (slugs in links) spaces that a
/// caller already knows its reader may see, without reading every space.
pub async fn by_ids(db: &Db, ids: &[SpaceId]) -> Result<Vec<Space>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {SPACE_COLUMNS} FROM spaces WHERE id {} ORDER BY title",
        in_ids(db.backend(), 1)
    );
    let ids = IdList::new(ids.iter().map(|s| s.0));
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Space>(&sql)
        .bind(ids.clone())
        .fetch_all(pool)
        .await)?)
}

/// The slugs of the spaces among `ids`, by id (a list may repeat an id).
pub async fn slugs_of(
    db: &Db,
    ids: &[SpaceId],
) -> Result<std::collections::HashMap<i64, String>, StoreError> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    let sql = format!(
        "SELECT id, slug FROM spaces WHERE id {}",
        in_ids(db.backend(), 1)
    );
    let ids = IdList::new(ids.iter().map(|s| s.0));
    let rows: Vec<(i64, String)> = with_db!(db, |pool| sqlx::query_as(&sql)
        .bind(ids.clone())
        .fetch_all(pool)
        .await)?;
    Ok(rows.into_iter().collect())
}

pub async fn children(db: &Db, id: SpaceId) -> Result<Vec<Space>, StoreError> {
    let sql = format!("SELECT {SPACE_COLUMNS} FROM spaces WHERE parent_id = $1 ORDER BY title");
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Space>(&sql)
        .bind(id.0)
        .fetch_all(pool)
        .await)?)
}

/// The walk up the tree from a space; depth-bounded so a corrupted parent link cannot loop.
const ANCESTRY_CTE: &str = "WITH RECURSIVE chain(id, parent_id, depth) AS (
        SELECT id, parent_id, 0 FROM spaces WHERE id = $1
        UNION ALL
        SELECT s.id, s.parent_id, c.depth + 1 FROM spaces s JOIN chain c ON s.id = c.parent_id
        WHERE c.depth < 64
    )";

/// The space and everything above it, root first.
pub async fn ancestors(db: &Db, id: SpaceId) -> Result<Vec<Space>, StoreError> {
    let columns = crate::accounts::qualified(SPACE_COLUMNS, "s");
    let sql = format!(
        "{ANCESTRY_CTE} SELECT {columns} FROM spaces s JOIN chain c ON s.id = c.id ORDER BY c.depth DESC"
    );
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Space>(&sql)
        .bind(id.0)
        .fetch_all(pool)
        .await)?)
}

/// The space and every space below it (ids), depth-bounded like [`ancestors`].
pub async fn subtree(db: &Db, id: SpaceId) -> Result<Vec<SpaceId>, StoreError> {
    let ids: Vec<i64> = with_db!(db, |pool| sqlx::query_scalar(
        "WITH RECURSIVE tree(id, depth) AS (
            SELECT id, 0 FROM spaces WHERE id = $1
            UNION ALL
            SELECT s.id, t.depth + 1 FROM spaces s JOIN tree t ON s.parent_id = t.id
            WHERE t.depth < 64
        )
        SELECT id FROM tree"
    )
    .bind(id.0)
    .fetch_all(pool)
    .await)?;
    Ok(ids.into_iter().map(SpaceId).collect())
}

/// Admins of a space or of any space above it: who acts for the space.
pub async fn admins_here_or_above(db: &Db, id: SpaceId) -> Result<Vec<UserId>, StoreError> {
    let sql = format!(
        "{ANCESTRY_CTE} SELECT DISTINCT m.user_id FROM space_members m JOIN chain c ON m.space_id = c.id
         WHERE m.role = 'admin' ORDER BY m.user_id"
    );
    let ids: Vec<i64> = with_db!(db, |pool| sqlx::query_scalar(&sql)
        .bind(id.0)
        .fetch_all(pool)
        .await)?;
    Ok(ids.into_iter().map(UserId).collect())
}

/// The facts that decide a user's role in a space.
pub async fn standing(
    db: &Db,
    user: Option<(UserId, bool)>,
    space: SpaceId,
) -> Result<Standing, StoreError> {
    let Some((user, platform_admin)) = user else {
        return Ok(Standing::default());
    };
    let sql = format!(
        "{ANCESTRY_CTE}
         SELECT
            (SELECT COUNT(*) FROM space_members m JOIN chain c ON m.space_id = c.id
              WHERE m.user_id = $2 AND m.role = 'admin'),
            (SELECT COUNT(*) FROM space_members WHERE space_id = $1 AND user_id = $2)"
    );
    let (admin, member): (i64, i64) = with_db!(db, |pool| sqlx::query_as(&sql)
        .bind(space.0)
        .bind(user.0)
        .fetch_one(pool)
        .await)?;
    Ok(Standing {
        signed_in: true,
        platform_admin,
        admin_here_or_above: admin > 0,
        member_here: member > 0,
    })
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Member {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub created_at: DateTime<Utc>,
}

impl Member {
    pub fn role(&self) -> MemberRole {
        MemberRole::parse(&self.role).unwrap_or(MemberRole::Member)
    }
}

pub async fn members(db: &Db, space: SpaceId) -> Result<Vec<Member>, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Member>(
        "SELECT m.user_id, u.display_name, u.email, m.role, m.created_at
         FROM space_members m JOIN users u ON u.id = m.user_id
         WHERE m.space_id = $1
         ORDER BY CASE m.role WHEN 'admin' THEN 0 ELSE 1 END, u.display_name"
    )
    .bind(space.0)
    .fetch_all(pool)
    .await)?)
}

pub async fn count_members(db: &Db, space: SpaceId) -> Result<i64, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM space_members WHERE space_id = $1"
    )
    .bind(space.0)
    .fetch_one(pool)
    .await)?)
}

/// Adds `user` to `space` with `role`, or changes their role. Returns the previous role.
pub async fn put_member(
    tx: &mut Tx,
    space: SpaceId,
    user: UserId,
    role: MemberRole,
) -> Result<Option<MemberRole>, StoreError> {
    let previous: Option<String> = with_tx!(tx, |conn| sqlx::query_scalar(
        "SELECT role FROM space_members WHERE space_id = $1 AND user_id = $2"
    )
    .bind(space.0)
    .bind(user.0)
    .fetch_optional(&mut *conn)
    .await)?;
    with_tx!(tx, |conn| sqlx::query(
        "INSERT INTO space_members (space_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (space_id, user_id) DO UPDATE SET role = excluded.role"
    )
    .bind(space.0)
    .bind(user.0)
    .bind(role.as_str())
    .bind(now())
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    Ok(previous.and_then(|r| MemberRole::parse(&r).ok()))
}

/// Removes `user` from `space`; `NotFound` if they were not a member.
pub async fn remove_member(tx: &mut Tx, space: SpaceId, user: UserId) -> Result<(), StoreError> {
    let result = with_tx!(tx, |conn| sqlx::query(
        "DELETE FROM space_members WHERE space_id = $1 AND user_id = $2"
    )
    .bind(space.0)
    .bind(user.0)
    .execute(&mut *conn)
    .await
    .map(|r| r.rows_affected()))?;
    if result == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The spaces a user belongs to, with their role in each.
pub async fn memberships(db: &Db, user: UserId) -> Result<Vec<(SpaceId, MemberRole)>, StoreError> {
    let rows: Vec<(i64, String)> = with_db!(db, |pool| sqlx::query_as(
        "SELECT space_id, role FROM space_members WHERE user_id = $1"
    )
    .bind(user.0)
    .fetch_all(pool)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, role)| {
            (
                SpaceId(id),
                MemberRole::parse(&role).unwrap_or(MemberRole::Member),
            )
        })
        .collect())
}

pub async fn enabled_components(db: &Db, space: SpaceId) -> Result<Vec<String>, StoreError> {
    Ok(with_db!(db, |pool| sqlx::query_scalar(
        "SELECT component FROM space_components WHERE space_id = $1 ORDER BY component"
    )
    .bind(space.0)
    .fetch_all(pool)
    .await)?)
}

/// Turns a component on or off in a space. Returns whether anything changed.
pub async fn set_component(
    tx: &mut Tx,
    space: SpaceId,
    component: &str,
    enabled: bool,
) -> Result<bool, StoreError> {
    let result = if enabled {
        with_tx!(tx, |conn| sqlx::query(
            "INSERT INTO space_components (space_id, component, enabled_at) VALUES ($1, $2, $3)
             ON CONFLICT (space_id, component) DO NOTHING"
        )
        .bind(space.0)
        .bind(component)
        .bind(now())
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?
    } else {
        with_tx!(tx, |conn| sqlx::query(
            "DELETE FROM space_components WHERE space_id = $1 AND component = $2"
        )
        .bind(space.0)
        .bind(component)
        .execute(&mut *conn)
        .await
        .map(|r| r.rows_affected()))?
    };
    Ok(result > 0)
}
