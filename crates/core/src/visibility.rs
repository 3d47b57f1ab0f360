//! Which spaces a person may see: the platform's one visibility rule.
//!
//! A space is seen by everyone when it is public; a private space only by its members, by the
//! admins of it or of any space above it (administration flows down the tree), and by platform
//! admins. A space's ancestors do not hide it: a public neighbourhood of a private city is
//! public. The store answers the same question in SQL (`cospace_store::spaces`, the
//! `VISIBLE_TO` filter); a test over random trees on both databases keeps the two equal.

use crate::ids::{SpaceId, UserId};
use crate::permissions::{space_allows, MemberRole, Role, SpaceAction, Standing};
use crate::space::Visibility;
use std::collections::{HashMap, HashSet};

/// The person looking, as far as the rule cares: who they are, if anyone, and whether they
/// administer the whole platform.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Onlooker {
    pub user: Option<UserId>,
    pub platform_admin: bool,
}

impl Onlooker {
    pub const ANONYMOUS: Onlooker = Onlooker {
        user: None,
        platform_admin: false,
    };

    pub fn signed_in(user: UserId, platform_admin: bool) -> Onlooker {
        Onlooker {
            user: Some(user),
            platform_admin,
        }
    }
}

/// One space on the way from the root down to the space judged, with the onlooker's
/// membership in it (if any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub visibility: Visibility,
    pub membership: Option<MemberRole>,
}

/// The onlooker's role in the last space of `chain` (root first): admin of it or of any space
/// above it, member of it, or just signed in or anonymous. Someone not signed in has no
/// memberships, whatever the chain says.
pub fn role_at_end(onlooker: &Onlooker, chain: &[Step]) -> Role {
    if onlooker.user.is_none() {
        return Role::Anonymous;
    }
    Standing {
        signed_in: onlooker.user.is_some(),
        platform_admin: onlooker.platform_admin,
        admin_here_or_above: chain
            .iter()
            .any(|s| s.membership == Some(MemberRole::Admin)),
        member_here: chain.last().is_some_and(|s| s.membership.is_some()),
    }
    .role()
}

/// The onlooker's role in every space of `chain` (root first), in the same order: one walk
/// down instead of one question per space, for breadcrumbs.
pub fn roles_along(onlooker: &Onlooker, chain: &[Step]) -> Vec<Role> {
    (1..=chain.len())
        .map(|end| role_at_end(onlooker, &chain[..end]))
        .collect()
}

/// Whether a reader with `role` sees a space of `visibility`.
pub fn sees(role: Role, visibility: Visibility) -> bool {
    space_allows(role, visibility, SpaceAction::View)
}

/// Whether the onlooker may see the last space of `chain` (root first). An empty chain is no
/// space at all, and is not seen.
pub fn may_see(onlooker: &Onlooker, chain: &[Step]) -> bool {
    chain
        .last()
        .is_some_and(|last| sees(role_at_end(onlooker, chain), last.visibility))
}

/// A space as the rule over a whole tree needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeSpace {
    pub id: SpaceId,
    pub parent: Option<SpaceId>,
    pub visibility: Visibility,
}

/// How far up a chain is followed: the store's queries stop at the same depth, so a corrupted
/// parent link can neither loop nor make the two answers differ.
pub const MAX_DEPTH: usize = 64;

/// The chain from the root down to `id` as the rule reads it, at most [`MAX_DEPTH`] spaces
/// above `id`; stops at a missing parent or a cycle.
pub fn chain_to(
    spaces: &HashMap<SpaceId, TreeSpace>,
    memberships: &HashMap<SpaceId, MemberRole>,
    id: SpaceId,
) -> Vec<Step> {
    let mut chain = Vec::new();
    let mut seen = HashSet::new();
    let mut current = spaces.get(&id);
    while let Some(space) = current {
        if !seen.insert(space.id) || chain.len() > MAX_DEPTH {
            break;
        }
        chain.push(Step {
            visibility: space.visibility,
            membership: memberships.get(&space.id).copied(),
        });
        current = space.parent.and_then(|p| spaces.get(&p));
    }
    chain.reverse();
    chain
}

/// The spaces of a whole tree the onlooker may see: the rule applied to each space in turn.
/// The store answers this with one query; this is what that query must equal.
pub fn visible_ids(
    spaces: &[TreeSpace],
    memberships: &HashMap<SpaceId, MemberRole>,
    onlooker: &Onlooker,
) -> HashSet<SpaceId> {
    let by_id: HashMap<SpaceId, TreeSpace> = spaces.iter().map(|s| (s.id, *s)).collect();
    spaces
        .iter()
        .filter(|s| may_see(onlooker, &chain_to(&by_id, memberships, s.id)))
        .map(|s| s.id)
        .collect()
}

/// `root` and every space below it that the onlooker may see (empty when `root` is unknown).
pub fn visible_subtree(
    spaces: &[TreeSpace],
    memberships: &HashMap<SpaceId, MemberRole>,
    onlooker: &Onlooker,
    root: SpaceId,
) -> HashSet<SpaceId> {
    let mut children: HashMap<SpaceId, Vec<SpaceId>> = HashMap::new();
    for space in spaces {
        if let Some(parent) = space.parent {
            children.entry(parent).or_default().push(space.id);
        }
    }
    let mut below = HashSet::new();
    let mut frontier: Vec<(SpaceId, usize)> = Vec::new();
    if spaces.iter().any(|s| s.id == root) {
        frontier.push((root, 0));
    }
    while let Some((id, depth)) = frontier.pop() {
        if !below.insert(id) || depth >= MAX_DEPTH {
            continue;
        }
        for child in children.get(&id).into_iter().flatten() {
            frontier.push((*child, depth + 1));
        }
    }
    let visible = visible_ids(spaces, memberships, onlooker);
    below.retain(|id| visible.contains(id));
    below
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use MemberRole::{Admin, Member};
    use Visibility::{Private, Public};

    fn step(visibility: Visibility, membership: Option<MemberRole>) -> Step {
        Step {
            visibility,
            membership,
        }
    }

    const SOMEONE: Onlooker = Onlooker {
        user: Some(UserId(7)),
        platform_admin: false,
    };

    #[test]
    fn public_spaces_are_seen_by_everyone() {
        let chain = [step(Private, None), step(Public, None)];
        assert!(may_see(&Onlooker::ANONYMOUS, &chain));
        assert!(may_see(&SOMEONE, &chain));
    }

    #[test]
    fn private_spaces_are_seen_by_members_admins_from_above_and_platform_admins() {
        let alone = [step(Public, None), step(Private, None)];
        assert!(!may_see(&Onlooker::ANONYMOUS, &alone));
        assert!(!may_see(&SOMEONE, &alone));
        assert!(may_see(&Onlooker::signed_in(UserId(1), true), &alone));
        assert!(may_see(
            &SOMEONE,
            &[step(Public, None), step(Private, Some(Member))]
        ));
        assert!(may_see(
            &SOMEONE,
            &[step(Public, Some(Admin)), step(Private, None)]
        ));
        // Membership flows neither up nor down: a member of the city is no member of its
        // neighbourhoods, and a neighbourhood's member is none of the city's.
        assert!(!may_see(
            &SOMEONE,
            &[step(Public, Some(Member)), step(Private, None)]
        ));
        assert!(!may_see(&SOMEONE, &[step(Private, None)]));
        assert!(!may_see(&SOMEONE, &[]));
    }

    #[test]
    fn roles_along_a_chain() {
        let chain = [
            step(Public, Some(Member)),
            step(Private, Some(Admin)),
            step(Private, None),
        ];
        assert_eq!(
            roles_along(&SOMEONE, &chain),
            [Role::Member, Role::SpaceAdmin, Role::SpaceAdmin]
        );
        assert_eq!(
            roles_along(&Onlooker::ANONYMOUS, &chain[..1]),
            [Role::Anonymous]
        );
    }

    #[test]
    fn subtree_of_a_tree() {
        let tree = [
            TreeSpace {
                id: SpaceId(1),
                parent: None,
                visibility: Public,
            },
            TreeSpace {
                id: SpaceId(2),
                parent: Some(SpaceId(1)),
                visibility: Private,
            },
            TreeSpace {
                id: SpaceId(3),
                parent: Some(SpaceId(2)),
                visibility: Public,
            },
            TreeSpace {
                id: SpaceId(4),
                parent: None,
                visibility: Public,
            },
        ];
        let none = HashMap::new();
        let ids = |set: HashSet<SpaceId>| {
            let mut v: Vec<i64> = set.into_iter().map(|s| s.0).collect();
            v.sort();
            v
        };
        assert_eq!(
            ids(visible_subtree(&tree, &none, &SOMEONE, SpaceId(1))),
            [1, 3]
        );
        let admin_of_2 = HashMap::from([(SpaceId(2), Admin)]);
        assert_eq!(
            ids(visible_subtree(&tree, &admin_of_2, &SOMEONE, SpaceId(1))),
            [1, 2, 3]
        );
        assert!(visible_subtree(&tree, &none, &SOMEONE, SpaceId(9)).is_empty());
    }

    fn arb_visibility() -> impl Strategy<Value = Visibility> {
        prop_oneof![Just(Public), Just(Private)]
    }

    fn arb_membership() -> impl Strategy<Value = Option<MemberRole>> {
        prop_oneof![Just(None), Just(Some(Member)), Just(Some(Admin))]
    }

    fn arb_onlooker() -> impl Strategy<Value = Onlooker> {
        (any::<bool>(), any::<bool>()).prop_map(|(signed_in, platform_admin)| Onlooker {
            user: signed_in.then_some(UserId(1)),
            platform_admin: signed_in && platform_admin,
        })
    }

    fn arb_chain() -> impl Strategy<Value = Vec<Step>> {
        proptest::collection::vec(
            (arb_visibility(), arb_membership()).prop_map(|(v, m)| step(v, m)),
            1..8,
        )
    }

    /// A random forest: each space's parent is an earlier space or none.
    fn arb_tree() -> impl Strategy<Value = (Vec<TreeSpace>, HashMap<SpaceId, MemberRole>)> {
        proptest::collection::vec(
            (
                proptest::option::of(0usize..30),
                arb_visibility(),
                arb_membership(),
            ),
            1..30,
        )
        .prop_map(|rows| {
            let mut spaces = Vec::new();
            let mut memberships = HashMap::new();
            for (i, (parent, visibility, membership)) in rows.into_iter().enumerate() {
                let id = SpaceId(i as i64 + 1);
                spaces.push(TreeSpace {
                    id,
                    parent: parent.filter(|p| *p < i).map(|p| SpaceId(p as i64 + 1)),
                    visibility,
                });
                if let Some(role) = membership {
                    memberships.insert(id, role);
                }
            }
            (spaces, memberships)
        })
    }

    proptest! {
        #[test]
        fn the_rule_is_the_permission_table(onlooker in arb_onlooker(), chain in arb_chain()) {
            let last = chain[chain.len() - 1];
            let expected = space_allows(role_at_end(&onlooker, &chain), last.visibility, SpaceAction::View);
            prop_assert_eq!(may_see(&onlooker, &chain), expected);
            prop_assert_eq!(roles_along(&onlooker, &chain).last().copied(), Some(role_at_end(&onlooker, &chain)));
        }

        #[test]
        fn public_is_seen_and_platform_admins_see_all(onlooker in arb_onlooker(), chain in arb_chain()) {
            let last = chain[chain.len() - 1];
            if last.visibility == Public || onlooker.platform_admin {
                prop_assert!(may_see(&onlooker, &chain));
            }
            if onlooker.user.is_none() {
                prop_assert_eq!(may_see(&onlooker, &chain), last.visibility == Public);
            }
        }

        #[test]
        fn an_admin_above_sees_everything_below(chain in arb_chain(), at in 0usize..8) {
            let mut chain = chain;
            let at = at % chain.len();
            chain[at].membership = Some(Admin);
            for end in at + 1..=chain.len() {
                prop_assert!(may_see(&SOMEONE, &chain[..end]));
            }
        }

        #[test]
        fn more_membership_never_hides(chain in arb_chain(), at in 0usize..8) {
            let at = at % chain.len();
            let before = may_see(&SOMEONE, &chain);
            let mut more = chain.clone();
            more[at].membership = Some(match more[at].membership {
                None => Member,
                Some(_) => Admin,
            });
            prop_assert!(!before || may_see(&SOMEONE, &more));
        }

        #[test]
        fn roles_grow_down_a_chain_for_admins(chain in arb_chain()) {
            let roles = roles_along(&SOMEONE, &chain);
            for pair in roles.windows(2) {
                if pair[0] >= Role::SpaceAdmin {
                    prop_assert!(pair[1] >= Role::SpaceAdmin);
                }
            }
        }

        #[test]
        fn a_subtree_is_what_the_rule_sees_below_its_root(
            (spaces, memberships) in arb_tree(),
            onlooker in arb_onlooker(),
            root in 1i64..30,
        ) {
            let visible = visible_ids(&spaces, &memberships, &onlooker);
            let subtree = visible_subtree(&spaces, &memberships, &onlooker, SpaceId(root));
            prop_assert!(subtree.is_subset(&visible));
            let by_id: HashMap<SpaceId, TreeSpace> = spaces.iter().map(|s| (s.id, *s)).collect();
            for id in &visible {
                // Under the root exactly when the root is on its way up.
                let mut up = Some(*id);
                let mut under = false;
                while let Some(current) = up {
                    if current == SpaceId(root) {
                        under = true;
                        break;
                    }
                    up = by_id.get(&current).and_then(|s| s.parent);
                }
                prop_assert_eq!(subtree.contains(id), under);
            }
        }
    }
}
