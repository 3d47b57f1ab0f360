//! Who sees which space: the rule of `cospace_core::visibility` as SQL, one text on both
//! databases. The queries that filter in SQL bind the onlooker as `$1` (user id, NULL when
//! anonymous) and `$2` (platform admin), so the two fragments read the same everywhere;
//! [`placed_by_slug`] reads the memberships along one chain and judges them with the core rule.
//! A test over random forests on both databases (`tests/app/visibility.rs`) keeps these
//! answers equal to the core's.

use super::{Space, SPACE_COLUMNS};
use crate::{with_db, Db, StoreError};
use cospace_core::permissions::{MemberRole, Role};
use cospace_core::visibility::{self, Onlooker, Step};
use cospace_core::SpaceId;

/// The spaces `$1` administers: admin of them or of a space above them, as deep as the walks up
/// the tree go ([`visibility::MAX_DEPTH`]).
const ADMINISTERED: &str = "administered(id, depth) AS (
        SELECT space_id, 0 FROM space_members WHERE user_id = $1 AND role = 'admin'
        UNION ALL
        SELECT s.id, a.depth + 1 FROM spaces s JOIN administered a ON s.parent_id = a.id
        WHERE a.depth < 64
    )";

/// Whether the onlooker sees space `s`: public, or a platform admin, or administered, or a
/// member of it — `visibility::may_see`, row by row.
const SEES: &str = "($2 OR s.visibility = 'public'
        OR s.id IN (SELECT id FROM administered)
        OR s.id IN (SELECT space_id FROM space_members WHERE user_id = $1))";

fn user_param(onlooker: &Onlooker) -> Option<i64> {
    onlooker.user.map(|u| u.0)
}

/// The spaces the onlooker may see, ordered by title: one query, whatever the size of the
/// platform.
pub async fn visible_spaces(db: &Db, onlooker: &Onlooker) -> Result<Vec<Space>, StoreError> {
    let columns = crate::accounts::qualified(SPACE_COLUMNS, "s");
    let sql = format!(
        "WITH RECURSIVE {ADMINISTERED} SELECT {columns} FROM spaces s WHERE {SEES} ORDER BY s.title"
    );
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Space>(&sql)
        .bind(user_param(onlooker))
        .bind(onlooker.platform_admin)
        .fetch_all(pool)
        .await)?)
}

/// The ids of the spaces the onlooker may see.
pub async fn visible_space_ids(db: &Db, onlooker: &Onlooker) -> Result<Vec<SpaceId>, StoreError> {
    let sql = format!("WITH RECURSIVE {ADMINISTERED} SELECT s.id FROM spaces s WHERE {SEES}");
    let ids: Vec<i64> = with_db!(db, |pool| sqlx::query_scalar(&sql)
        .bind(user_param(onlooker))
        .bind(onlooker.platform_admin)
        .fetch_all(pool)
        .await)?;
    Ok(ids.into_iter().map(SpaceId).collect())
}

/// `root` and every space below it that the onlooker may see: what a page about `root` covers
/// (a city's map and calendar include its neighbourhoods'). Empty when `root` is not there.
pub async fn visible_subtree(
    db: &Db,
    root: SpaceId,
    onlooker: &Onlooker,
) -> Result<Vec<SpaceId>, StoreError> {
    let sql = format!(
        "WITH RECURSIVE {ADMINISTERED},
         tree(id, depth) AS (
            SELECT id, 0 FROM spaces WHERE id = $3
            UNION ALL
            SELECT s.id, t.depth + 1 FROM spaces s JOIN tree t ON s.parent_id = t.id
            WHERE t.depth < 64
         )
         SELECT DISTINCT s.id FROM spaces s JOIN tree t ON t.id = s.id WHERE {SEES} ORDER BY s.id"
    );
    let ids: Vec<i64> = with_db!(db, |pool| sqlx::query_scalar(&sql)
        .bind(user_param(onlooker))
        .bind(onlooker.platform_admin)
        .bind(root.0)
        .fetch_all(pool)
        .await)?;
    Ok(ids.into_iter().map(SpaceId).collect())
}

/// The spaces right below `parent` that the onlooker may see, ordered by title.
pub async fn visible_children(
    db: &Db,
    parent: SpaceId,
    onlooker: &Onlooker,
) -> Result<Vec<Space>, StoreError> {
    let columns = crate::accounts::qualified(SPACE_COLUMNS, "s");
    let sql = format!(
        "WITH RECURSIVE {ADMINISTERED}
         SELECT {columns} FROM spaces s WHERE s.parent_id = $3 AND {SEES} ORDER BY s.title"
    );
    Ok(with_db!(db, |pool| sqlx::query_as::<_, Space>(&sql)
        .bind(user_param(onlooker))
        .bind(onlooker.platform_admin)
        .bind(parent.0)
        .fetch_all(pool)
        .await)?)
}

/// The spaces where the onlooker is more than a signed-in reader (member, admin of them or
/// from above; every space for a platform admin), with their role there. Everywhere else
/// their role is `SignedIn` or `Anonymous`, which a caller knows without asking.
pub async fn elevated_roles(
    db: &Db,
    onlooker: &Onlooker,
) -> Result<Vec<(Space, Role)>, StoreError> {
    if onlooker.user.is_none() {
        return Ok(Vec::new());
    }
    let columns = crate::accounts::qualified(SPACE_COLUMNS, "s");
    let sql = format!(
        "WITH RECURSIVE {ADMINISTERED}
         SELECT {columns},
            CASE WHEN s.id IN (SELECT id FROM administered) THEN 'admin'
                 WHEN s.id IN (SELECT space_id FROM space_members WHERE user_id = $1) THEN 'member'
                 ELSE NULL END AS membership
         FROM spaces s
         WHERE $2 OR s.id IN (SELECT id FROM administered)
            OR s.id IN (SELECT space_id FROM space_members WHERE user_id = $1)
         ORDER BY s.title"
    );
    let rows = with_db!(db, |pool| sqlx::query_as::<_, SpaceWithMembership>(&sql)
        .bind(user_param(onlooker))
        .bind(onlooker.platform_admin)
        .fetch_all(pool)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            // `membership` is already "admin" for spaces administered from above, so the
            // one-step chain gives the whole rule.
            let step = row.step();
            (row.space, visibility::role_at_end(onlooker, &[step]))
        })
        .collect())
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct SpaceWithMembership {
    #[sqlx(flatten)]
    space: Space,
    membership: Option<String>,
}

impl SpaceWithMembership {
    fn step(&self) -> Step {
        Step {
            visibility: self.space.visibility(),
            membership: self
                .membership
                .as_deref()
                .and_then(|r| MemberRole::parse(r).ok()),
        }
    }
}

/// A space as a request about it needs it: the space, the visible spaces above it for
/// breadcrumbs, the onlooker's role in it, its enabled components and its member count.
#[derive(Debug, Clone)]
pub struct Placed {
    pub space: Space,
    /// The spaces from the root down to this one (inclusive) that the onlooker may see.
    pub trail: Vec<Space>,
    pub role: Role,
    /// Keys of the components enabled in the space, in order.
    pub enabled: Vec<String>,
    pub member_count: i64,
}

/// One row of [`placed_by_slug`]: a space of the chain with the onlooker's membership; the
/// space itself (depth 0) comes once per enabled component, carrying its count of members.
#[derive(Debug, Clone, sqlx::FromRow)]
struct ChainRow {
    #[sqlx(flatten)]
    placed: SpaceWithMembership,
    depth: i32,
    member_count: i64,
    component: Option<String>,
}

/// The statement that places a space: its chain to the root with the onlooker's membership in
/// each space, the space itself once per enabled component, with its member count.
fn placing_sql() -> String {
    let columns = crate::accounts::qualified(SPACE_COLUMNS, "s");
    format!(
        "WITH RECURSIVE chain(id, parent_id, depth) AS (
            SELECT id, parent_id, 0 FROM spaces WHERE slug = $2
            UNION ALL
            SELECT s.id, s.parent_id, c.depth + 1 FROM spaces s JOIN chain c ON s.id = c.parent_id
            WHERE c.depth < 64
         )
         SELECT {columns},
            (SELECT m.role FROM space_members m WHERE m.space_id = s.id AND m.user_id = $1)
                AS membership,
            c.depth AS depth,
            CASE WHEN c.depth = 0
                 THEN (SELECT COUNT(*) FROM space_members m WHERE m.space_id = s.id)
                 ELSE 0 END AS member_count,
            sc.component AS component
         FROM spaces s JOIN chain c ON s.id = c.id
         LEFT JOIN space_components sc ON sc.space_id = s.id AND c.depth = 0"
    )
}

/// The space `slug` with everything above it, the onlooker's membership in each, its enabled
/// components and its member count — one statement, judged by the core rule. `NotFound` when
/// there is no such space or the onlooker may not see it, so private spaces do not reveal that
/// they exist.
pub async fn placed_by_slug(
    db: &Db,
    slug: &str,
    onlooker: &Onlooker,
) -> Result<Placed, StoreError> {
    let sql = format!("{} ORDER BY depth DESC, component", placing_sql());
    let rows = with_db!(db, |pool| sqlx::query_as::<_, ChainRow>(&sql)
        .bind(user_param(onlooker))
        .bind(slug)
        .fetch_all(pool)
        .await)?;
    place(rows, onlooker).map(|(placed, _)| placed)
}

/// [`placed_by_slug`] with the spaces right below it that the onlooker may see (ordered by
/// title), still one statement: what the space's home page shows.
pub async fn placed_with_children(
    db: &Db,
    slug: &str,
    onlooker: &Onlooker,
) -> Result<(Placed, Vec<Space>), StoreError> {
    let columns = crate::accounts::qualified(SPACE_COLUMNS, "s");
    // Children come as rows of depth -1, judged below by the rule along the chain plus
    // themselves.
    let sql = format!(
        "{} UNION ALL
         SELECT {columns},
            (SELECT m.role FROM space_members m WHERE m.space_id = s.id AND m.user_id = $1),
            -1, 0, NULL
         FROM spaces s WHERE s.parent_id = (SELECT id FROM spaces WHERE slug = $2)
         ORDER BY depth DESC, component, title",
        placing_sql()
    );
    let rows = with_db!(db, |pool| sqlx::query_as::<_, ChainRow>(&sql)
        .bind(user_param(onlooker))
        .bind(slug)
        .fetch_all(pool)
        .await)?;
    place(rows, onlooker)
}

/// Judges the rows of a placing statement: the chain (depth 0 and up, root first, the space
/// itself once per component) and the children (depth -1).
fn place(rows: Vec<ChainRow>, onlooker: &Onlooker) -> Result<(Placed, Vec<Space>), StoreError> {
    let enabled: Vec<String> = rows
        .iter()
        .filter(|r| r.depth == 0)
        .filter_map(|r| r.component.clone())
        .collect();
    let member_count = rows
        .iter()
        .rfind(|r| r.depth == 0)
        .map_or(0, |r| r.member_count);
    let mut chain: Vec<SpaceWithMembership> = Vec::with_capacity(rows.len());
    let mut children: Vec<SpaceWithMembership> = Vec::new();
    for row in rows {
        if row.depth < 0 {
            children.push(row.placed);
        } else if chain
            .last()
            .is_none_or(|last| last.space.id != row.placed.space.id)
        {
            // One entry per space: the space itself repeats once per component.
            chain.push(row.placed);
        }
    }
    let mut steps: Vec<Step> = chain.iter().map(SpaceWithMembership::step).collect();
    if !visibility::may_see(onlooker, &steps) {
        return Err(StoreError::NotFound);
    }
    let roles = visibility::roles_along(onlooker, &steps);
    let role = roles.last().copied().unwrap_or(Role::Anonymous);
    let trail: Vec<Space> = chain
        .into_iter()
        .zip(roles)
        .filter(|(row, role)| visibility::sees(*role, row.space.visibility()))
        .map(|(row, _)| row.space)
        .collect();
    // The last space is the one asked for (depth 0), seen as `may_see` just said.
    let space = trail.last().cloned().ok_or(StoreError::NotFound)?;
    let children = children
        .into_iter()
        .filter(|child| {
            steps.push(child.step());
            let seen = visibility::may_see(onlooker, &steps);
            steps.pop();
            seen
        })
        .map(|child| child.space)
        .collect();
    Ok((
        Placed {
            space,
            trail,
            role,
            enabled,
            member_count,
        },
        children,
    ))
}
