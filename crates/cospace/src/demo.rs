//! The demo world: Kraków → Azory (a platform of cooperation between the institutions of a
//! housing estate), World Urban Forum 11 → a co-creation roundtable, and a Global Action Plan on
//! slum upgrading with countries and cities. This file is the platform's part — accounts,
//! spaces, memberships; then each component's seed (its `demo.rs`, named in its manifest) adds
//! its data, after the seeds of the components it requires.
//! Loading is idempotent: whatever already exists is left as it is.

use cospace_core::account::Email;
use cospace_core::permissions::MemberRole;
use cospace_core::space::{SpaceDraft, SpaceInput};
use cospace_core::UserId;
use cospace_store::accounts::{self, NewUser};
use cospace_store::activity::{self, Activity};
use cospace_store::spaces::{self, Space};
use cospace_store::{secrets, StoreError};
use cospace_web::kit::demo::DemoWorld;
use cospace_web::platform::spaces::{create_space, put_member};
use cospace_web::AppState;

/// A demo account, printed at start so people can sign in.
pub struct DemoUser {
    pub email: &'static str,
    pub password: &'static str,
    pub name: &'static str,
    pub platform_admin: bool,
    pub what: &'static str,
}

pub const USERS: &[DemoUser] = &[
    DemoUser {
        email: "admin@example.org",
        password: "demo-admin-password",
        name: "Platform Admin",
        platform_admin: true,
        what: "platform admin",
    },
    DemoUser {
        email: "coordinator@example.org",
        password: "demo-coordinator-password",
        name: "Azory Coordinator",
        platform_admin: false,
        what: "admin of Kraków (and so of Azory)",
    },
    DemoUser {
        email: "organiser@example.org",
        password: "demo-organiser-password",
        name: "Roundtable Organiser",
        platform_admin: false,
        what: "admin of the co-creation roundtable; runs the Children Friends Society and the school in Azory",
    },
    DemoUser {
        email: "partner@example.org",
        password: "demo-partner-password",
        name: "Development Partner",
        platform_admin: false,
        what: "member of the Global Action Plan; runs the Seniors' Centre and the housing association in Azory",
    },
    DemoUser {
        email: "resident@example.org",
        password: "demo-resident-password",
        name: "Azory Resident",
        platform_admin: false,
        what: "member of Azory",
    },
];

struct DemoSpace {
    parent: Option<&'static str>,
    slug: &'static str,
    title: &'static str,
    kind: &'static str,
    languages: &'static [&'static str],
    description: &'static str,
}

const SPACES: &[DemoSpace] = &[
    DemoSpace {
        parent: None,
        slug: "krakow",
        title: "Kraków",
        kind: "city",
        languages: &["pl", "en"],
        description: "The City of Kraków and its neighbourhood programmes, including the Local Activity Programme of the Municipal Social Welfare Centre.",
    },
    DemoSpace {
        parent: Some("krakow"),
        slug: "azory",
        title: "Azory",
        kind: "neighbourhood",
        languages: &["pl", "en"],
        description: "A platform of cooperation between the institutions working in the Azory housing estate: the Local Activity Point, the Centre of Elderly People, the Children Friends Society and the schools.\n\nTogether we identify the stakeholders with their resources and needs, the problems to solve, a common calendar of planned actions, a resource map with all contacts, and regular meetings of local leaders.",
    },
    DemoSpace {
        parent: None,
        slug: "wuf11",
        title: "World Urban Forum 11",
        kind: "event",
        languages: &["en", "fr", "es", "pl"],
        description: "The eleventh session of the World Urban Forum, Katowice, 26–30 June 2022.",
    },
    DemoSpace {
        parent: Some("wuf11"),
        slug: "co-creation-roundtable",
        title: "Civil Society and Grassroots Organisations Roundtable",
        kind: "event",
        languages: &["en", "fr", "es"],
        description: "Co-creation to transform cities and communities towards a better urban future: what co-creation means, the pre-conditions and systems it needs, and how to scale it — with civil society and grassroots organisations at the heart of it.",
    },
    DemoSpace {
        parent: None,
        slug: "global-action-plan",
        title: "Global Action Plan on slum upgrading",
        kind: "programme",
        languages: &["en", "fr", "es"],
        description: "A visioning platform for multi-level partnerships for scaling slum upgrading: sharing experiences and lessons learned, identifying common visions and synergies, the technical and financial support that can be leveraged, and short-, medium- and long-term partnerships.",
    },
    DemoSpace {
        parent: Some("global-action-plan"),
        slug: "kenya",
        title: "Kenya",
        kind: "country",
        languages: &["en"],
        description: "National slum upgrading partners in Kenya.",
    },
    DemoSpace {
        parent: Some("kenya"),
        slug: "nairobi",
        title: "Nairobi",
        kind: "city",
        languages: &["en"],
        description: "Informal settlement upgrading in Nairobi.",
    },
    DemoSpace {
        parent: Some("kenya"),
        slug: "kisumu",
        title: "Kisumu",
        kind: "city",
        languages: &["en"],
        description: "Informal settlement upgrading in Kisumu.",
    },
    DemoSpace {
        parent: Some("global-action-plan"),
        slug: "brazil",
        title: "Brazil",
        kind: "country",
        languages: &["es", "en"],
        description: "National slum upgrading partners in Brazil.",
    },
    DemoSpace {
        parent: Some("brazil"),
        slug: "sao-paulo",
        title: "São Paulo",
        kind: "city",
        languages: &["es", "en"],
        description: "Favela upgrading in São Paulo.",
    },
    DemoSpace {
        parent: Some("brazil"),
        slug: "recife",
        title: "Recife",
        kind: "city",
        languages: &["es", "en"],
        description: "Favela upgrading in Recife.",
    },
];

const MEMBERSHIPS: &[(&str, &str, MemberRole)] = &[
    ("krakow", "coordinator@example.org", MemberRole::Admin),
    ("azory", "resident@example.org", MemberRole::Member),
    (
        "co-creation-roundtable",
        "organiser@example.org",
        MemberRole::Admin,
    ),
    (
        "global-action-plan",
        "partner@example.org",
        MemberRole::Member,
    ),
];

async fn ensure_user(state: &AppState, user: &DemoUser) -> Result<UserId, StoreError> {
    if let Some(existing) = accounts::user_by_email(&state.db, user.email).await? {
        return Ok(existing.id());
    }
    let email = Email::parse("email", user.email).map_err(|e| cospace_core::Invalid(vec![e]))?;
    let hash = secrets::hash_password(user.password).await?;
    let mut tx = state.db.begin().await?;
    let id = accounts::create_user(
        &mut tx,
        NewUser {
            email: &email,
            display_name: user.name,
            password_hash: &hash,
            platform_admin: user.platform_admin,
            language: None,
        },
    )
    .await?;
    activity::record(
        &mut tx,
        Activity {
            actor: None,
            space: None,
            action: "account.create",
            subject_type: "user",
            subject_id: id.to_string(),
            details: serde_json::json!({ "source": "demo" }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn find_space(state: &AppState, slug: &str) -> Result<Option<Space>, StoreError> {
    match spaces::space_by_slug(&state.db, slug).await {
        Ok(space) => Ok(Some(space)),
        Err(StoreError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Loads the demo world into `state`'s database, creating only what is missing.
pub async fn load(state: &AppState) -> Result<(), StoreError> {
    let mut admin = None;
    for user in USERS {
        let id = ensure_user(state, user).await?;
        if user.platform_admin {
            admin = Some(id);
        }
    }
    let admin = admin.ok_or_else(|| StoreError::Internal("no demo admin".into()))?;
    for demo in SPACES {
        if find_space(state, demo.slug).await?.is_some() {
            continue;
        }
        let parent = match demo.parent {
            Some(slug) => Some(
                find_space(state, slug)
                    .await?
                    .ok_or_else(|| StoreError::Internal(format!("demo parent {slug} missing")))?,
            ),
            None => None,
        };
        let draft = SpaceDraft::parse(&SpaceInput {
            title: demo.title.into(),
            slug: demo.slug.into(),
            kind: demo.kind.into(),
            description: demo.description.into(),
            languages: demo.languages.iter().map(|l| l.to_string()).collect(),
            visibility: "public".into(),
        })?;
        create_space(state, admin, parent.as_ref(), &draft).await?;
    }
    for (slug, email, role) in MEMBERSHIPS {
        let Some(space) = find_space(state, slug).await? else {
            continue;
        };
        let already = spaces::members(&state.db, space.id())
            .await?
            .iter()
            .any(|m| m.email == *email);
        if !already {
            put_member(state, admin, &space, email, *role).await?;
        }
    }
    let world = DemoWorld {
        admin: accounts::user_by_id(&state.db, admin).await?,
        base_url: state.config.public_url.clone(),
    };
    for component in state
        .registry
        .in_dependency_order()
        .map_err(StoreError::Internal)?
    {
        if let Some(seed) = component.demo {
            seed(state, &world).await.map_err(|e| {
                StoreError::Internal(format!("the demo of '{}' failed: {e}", component.key))
            })?;
        }
    }
    Ok(())
}

/// The lines printed at start so that people know how to sign in.
pub fn sign_in_lines(base_url: &str) -> Vec<String> {
    let mut lines = vec![format!(
        "Demo world loaded. Open {base_url} and sign in as:"
    )];
    for user in USERS {
        lines.push(format!(
            "  {:<26} password {:<28} ({})",
            user.email, user.password, user.what
        ));
    }
    lines
}
