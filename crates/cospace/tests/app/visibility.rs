//! The one visibility rule, twice written: the core's pure rule (`cospace_core::visibility`)
//! and the store's queries must give the same answers, here over random forests of public and
//! private spaces with random memberships, on both databases.

use cospace_core::permissions::{MemberRole, Role};
use cospace_core::space::{SpaceDraft, SpaceInput};
use cospace_core::visibility::{self, Onlooker, TreeSpace};
use cospace_core::{SpaceId, UserId};
use cospace_store::spaces;
use cospace_testkit::{db_tests, TestApp};
use std::collections::{BTreeSet, HashMap, HashSet};

db_tests!(cospace::components();
    store_queries_agree_with_the_core_rule,
);

/// A small deterministic generator, so a failure names its seed and can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

fn draft(slug: &str, visibility: &str) -> SpaceDraft {
    SpaceDraft::parse(&SpaceInput {
        title: slug.to_uppercase(),
        slug: slug.into(),
        kind: "city".into(),
        description: String::new(),
        languages: vec!["en".into()],
        visibility: visibility.into(),
    })
    .unwrap()
}

type Memberships = HashMap<UserId, HashMap<SpaceId, MemberRole>>;

/// Adds `count` spaces under random earlier spaces (or at the top), each public or private, and
/// gives `people` random memberships in them.
async fn grow(
    app: &TestApp,
    rng: &mut Rng,
    round: u64,
    count: u64,
    forest: &mut Vec<TreeSpace>,
    people: &[UserId],
    memberships: &mut Memberships,
) {
    let mut tx = app.db().begin().await.unwrap();
    for i in 0..count {
        let parent = if forest.is_empty() || rng.next(5) == 0 {
            None
        } else {
            Some(forest[rng.next(forest.len() as u64) as usize].id)
        };
        let visibility = if rng.next(2) == 0 {
            "public"
        } else {
            "private"
        };
        let slug = format!("s-{round}-{i}");
        let id = spaces::create_space(&mut tx, parent, &draft(&slug, visibility))
            .await
            .unwrap();
        forest.push(TreeSpace {
            id,
            parent,
            visibility: cospace_core::space::Visibility::parse(visibility).unwrap(),
        });
        for person in people {
            let role = match rng.next(8) {
                0 => Some(MemberRole::Admin),
                1 | 2 => Some(MemberRole::Member),
                _ => None,
            };
            if let Some(role) = role {
                spaces::put_member(&mut tx, id, *person, role)
                    .await
                    .unwrap();
                memberships.entry(*person).or_default().insert(id, role);
            }
        }
    }
    tx.commit().await.unwrap();
}

async fn check(
    app: &TestApp,
    forest: &[TreeSpace],
    onlooker: &Onlooker,
    memberships: &Memberships,
) {
    let none = HashMap::new();
    let mine = onlooker
        .user
        .and_then(|u| memberships.get(&u))
        .unwrap_or(&none);
    let label = format!("{onlooker:?}");
    let expected = visibility::visible_ids(forest, mine, onlooker);
    let ids = |v: Vec<SpaceId>| v.into_iter().collect::<HashSet<SpaceId>>();

    let got = ids(spaces::visible_space_ids(app.db(), onlooker).await.unwrap());
    assert_eq!(got, expected, "visible ids, {label}");
    let rows = spaces::visible_spaces(app.db(), onlooker).await.unwrap();
    assert_eq!(
        ids(rows.iter().map(|s| s.id()).collect()),
        expected,
        "visible spaces, {label}"
    );

    let by_id: HashMap<SpaceId, TreeSpace> = forest.iter().map(|s| (s.id, *s)).collect();
    let elevated: BTreeSet<(i64, Role)> = spaces::elevated_roles(app.db(), onlooker)
        .await
        .unwrap()
        .into_iter()
        .map(|(s, role)| (s.id, role))
        .collect();
    let mut expected_elevated = BTreeSet::new();
    for space in forest {
        let chain = visibility::chain_to(&by_id, mine, space.id);
        let role = visibility::role_at_end(onlooker, &chain);
        if role > Role::SignedIn {
            expected_elevated.insert((space.id.0, role));
        }

        let subtree = ids(spaces::visible_subtree(app.db(), space.id, onlooker)
            .await
            .unwrap());
        let expected_subtree = visibility::visible_subtree(forest, mine, onlooker, space.id);
        assert_eq!(
            subtree, expected_subtree,
            "subtree of {}, {label}",
            space.id
        );

        let children = ids(spaces::visible_children(app.db(), space.id, onlooker)
            .await
            .unwrap()
            .iter()
            .map(|s| s.id())
            .collect());
        let expected_children: HashSet<SpaceId> = forest
            .iter()
            .filter(|s| s.parent == Some(space.id) && expected.contains(&s.id))
            .map(|s| s.id)
            .collect();
        assert_eq!(
            children, expected_children,
            "children of {}, {label}",
            space.id
        );

        let slug = spaces::space_by_id(app.db(), space.id).await.unwrap().slug;
        match spaces::placed_by_slug(app.db(), &slug, onlooker).await {
            Ok(placed) => {
                assert!(
                    expected.contains(&space.id),
                    "{slug} placed but hidden, {label}"
                );
                assert_eq!(placed.role, role, "role in {slug}, {label}");
                let trail: Vec<SpaceId> = placed.trail.iter().map(|s| s.id()).collect();
                let mut up = Vec::new();
                let mut current = Some(space.id);
                while let Some(id) = current {
                    up.push(id);
                    current = by_id[&id].parent;
                }
                up.reverse();
                let expected_trail: Vec<SpaceId> =
                    up.into_iter().filter(|id| expected.contains(id)).collect();
                assert_eq!(trail, expected_trail, "trail of {slug}, {label}");
            }
            Err(cospace_store::StoreError::NotFound) => {
                assert!(
                    !expected.contains(&space.id),
                    "{slug} hidden but visible, {label}"
                )
            }
            Err(other) => panic!("{other}"),
        }
        match spaces::placed_with_children(app.db(), &slug, onlooker).await {
            Ok((placed, children)) => {
                assert_eq!(placed.space.id, space.id.0);
                let got: HashSet<SpaceId> = children.iter().map(|s| s.id()).collect();
                assert_eq!(got, expected_children, "home children of {slug}, {label}");
            }
            Err(cospace_store::StoreError::NotFound) => {
                assert!(!expected.contains(&space.id), "{slug} hidden, {label}")
            }
            Err(other) => panic!("{other}"),
        }
    }
    assert_eq!(elevated, expected_elevated, "elevated roles, {label}");
}

async fn store_queries_agree_with_the_core_rule(app: TestApp) {
    let alice = app
        .create_user("alice@example.org", crate::PASSWORD, false)
        .await;
    let bob = app
        .create_user("bob@example.org", crate::PASSWORD, false)
        .await;
    let root = app
        .create_user("root@example.org", crate::PASSWORD, true)
        .await;
    let onlookers = [
        Onlooker::ANONYMOUS,
        Onlooker::signed_in(alice, false),
        Onlooker::signed_in(bob, false),
        Onlooker::signed_in(root, true),
    ];
    let mut forest = Vec::new();
    let mut memberships = Memberships::new();
    for (round, seed) in [0x9e37_79b9_7f4a_7c15_u64, 0x2545_f491_4f6c_dd1d, 7]
        .into_iter()
        .enumerate()
    {
        let mut rng = Rng(seed);
        grow(
            &app,
            &mut rng,
            round as u64,
            15,
            &mut forest,
            &[alice, bob],
            &mut memberships,
        )
        .await;
        for onlooker in &onlookers {
            check(&app, &forest, onlooker, &memberships).await;
        }
    }
}
