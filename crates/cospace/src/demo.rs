//! The demo world, from the three documents cospace was designed from: Kraków → Azory (a
//! platform of cooperation between local institutions), World Urban Forum 11 → a co-creation
//! roundtable, and a Global Action Plan on slum upgrading with countries and cities.
//! Loading is idempotent: whatever already exists is left as it is.

use cospace_core::account::Email;
use cospace_core::permissions::MemberRole;
use cospace_core::space::{SpaceDraft, SpaceInput};
use cospace_core::UserId;
use cospace_store::accounts::{self, NewUser};
use cospace_store::activity::{self, Activity};
use cospace_store::spaces::{self, Space};
use cospace_store::{secrets, StoreError};
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
        what: "admin of the co-creation roundtable",
    },
    DemoUser {
        email: "partner@example.org",
        password: "demo-partner-password",
        name: "Development Partner",
        platform_admin: false,
        what: "member of the Global Action Plan",
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
    load_organizations(state, admin).await
}

/// One demo organisation: where it is listed, who it is, its contacts, resources and needs.
struct DemoOrganization {
    space: &'static str,
    name: &'static str,
    sector: &'static str,
    level: &'static str,
    description: &'static str,
    address: &'static str,
    at: Option<(f64, f64)>,
    sdgs: &'static str,
    /// (person, role, email, visibility)
    contacts: &'static [(&'static str, &'static str, &'static str, &'static str)],
    /// (kind, title, description, capacity, availability)
    resources: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    )],
    /// (kind, title, description, capacity, urgency)
    needs: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    )],
}

/// The local institutions of Azory (seed 002) around the estate, and the partners and cities
/// of the Global Action Plan (seed 001). People and addresses are illustrative.
const ORGANIZATIONS: &[DemoOrganization] = &[
    DemoOrganization {
        space: "azory",
        name: "Local Activity Point Azory",
        sector: "local_government",
        level: "neighbourhood",
        description: "The Municipal Social Welfare Centre's point for residents of Azory: activities, advice and the Local Activity Programme.",
        address: "ul. Doktora Twardego 6, Kraków",
        at: Some((50.0869, 19.8983)),
        sdgs: "11.1, 11.3",
        contacts: &[
            ("Local Activity Point", "reception", "lap.azory@example.org", "public"),
            ("Azory Coordinator", "neighbourhood coordinator", "coordinator@example.org", "members"),
        ],
        resources: &[
            ("skills", "Volunteer team for family feasts", "Experienced volunteers who run family feasts and Christmas events in the estate.", "15", "weekends"),
            ("knowledge", "Help writing citizens' budget projects", "Advice on preparing a project for Kraków's participatory budget.", "", "Tuesdays 10:00–14:00"),
        ],
        needs: &[],
    },
    DemoOrganization {
        space: "azory",
        name: "Centre of Elderly People and Seniors' Club",
        sector: "local_government",
        level: "neighbourhood",
        description: "Day centre for elderly residents, home of the Seniors' Club (5th anniversary celebrated with the neighbours).",
        address: "ul. Stawowa 23, Kraków",
        at: Some((50.0879, 19.8962)),
        sdgs: "11.7",
        contacts: &[
            ("Centre of Elderly People", "office", "seniors.azory@example.org", "public"),
            ("Club leader", "Seniors' Club", "club.leader@example.org", "admins"),
        ],
        resources: &[("service", "Tea afternoons open to neighbours", "Weekly afternoons where seniors welcome residents of every age.", "25", "Thursdays 15:00")],
        needs: &[
            ("venue", "Room for the Seniors' Club monthly meetings", "A room for about 30 people for the club's monthly meetings, ground floor, near Azory.", "30", "high"),
            ("skills", "Volunteers for the Christmas party", "Young volunteers to help prepare and serve the seniors' Christmas party.", "6", "medium"),
        ],
    },
    DemoOrganization {
        space: "azory",
        name: "Children Friends Society Azory",
        sector: "ngo",
        level: "neighbourhood",
        description: "After-school club and family activities for children of the estate.",
        address: "ul. Fiedlera 3, Kraków",
        at: Some((50.0858, 19.8991)),
        sdgs: "11.7, 4.2",
        contacts: &[("Children Friends Society", "club", "tpd.azory@example.org", "public")],
        resources: &[("service", "Afternoon club for children", "Homework help and games for children aged 6–12.", "20", "weekdays 14:00–18:00")],
        needs: &[("equipment", "Tables and benches for the neighbourly feast", "Tables and benches for about 80 people for the autumn neighbourly feast.", "80", "high")],
    },
    DemoOrganization {
        space: "azory",
        name: "Primary School in Azory",
        sector: "local_government",
        level: "neighbourhood",
        description: "The estate's primary school; its hall hosts meetings of local leaders.",
        address: "ul. Wojciechowskiego 1, Kraków",
        at: Some((50.0889, 19.8977)),
        sdgs: "4.1",
        contacts: &[("School office", "secretariat", "school.azory@example.org", "public")],
        resources: &[
            ("venue", "School hall for meetings and club events", "Hall for up to 120 people with chairs, available for community meetings.", "120", "weekdays after 16:00, Saturdays"),
            ("equipment", "Sound system and projector", "Portable sound system and projector for outdoor events.", "", "on request"),
        ],
        needs: &[],
    },
    DemoOrganization {
        space: "azory",
        name: "Board of Green City Spaces",
        sector: "local_government",
        level: "city",
        description: "The city's board for parks and green spaces; led the pocket park and social garden projects.",
        address: "ul. Reymonta 20, Kraków",
        at: Some((50.0846, 19.9002)),
        sdgs: "11.7",
        contacts: &[("Board of Green City Spaces", "community projects", "green@example.org", "public")],
        resources: &[
            ("knowledge", "Design support for the pocket park", "Landscape designers who co-design small green spaces with residents.", "", ""),
            ("equipment", "Garden tools for the social garden", "Tools and seedlings lent for community gardening days.", "30", "spring and summer"),
        ],
        needs: &[],
    },
    DemoOrganization {
        space: "azory",
        name: "District Council VI Bronowice",
        sector: "local_government",
        level: "neighbourhood",
        description: "The elected district council, supporting local initiatives and the Local Activity Centre.",
        address: "ul. Wiedeńska 72, Kraków",
        at: Some((50.0838, 19.8949)),
        sdgs: "16.7",
        contacts: &[("District Council office", "office", "district6@example.org", "public")],
        resources: &[("funding", "Small grants from the district budget", "Small grants for neighbourhood initiatives and events.", "", "yearly call")],
        needs: &[],
    },
    DemoOrganization {
        space: "azory",
        name: "Azory Housing Association",
        sector: "private_sector",
        level: "neighbourhood",
        description: "Housing association managing most of the estate's blocks.",
        address: "ul. Kaczorówka 14, Kraków",
        at: Some((50.0873, 19.9011)),
        sdgs: "11.1",
        contacts: &[("Administration", "office", "housing.azory@example.org", "public")],
        resources: &[("venue", "Common room in block 12", "A ground-floor common room for residents' meetings.", "40", "evenings")],
        needs: &[("funding", "Funding for the Social Centre's running costs", "Co-funding for managing and running the planned Social Centre in Azory.", "", "medium")],
    },
    DemoOrganization {
        space: "global-action-plan",
        name: "Cities Alliance",
        sector: "international_organisation",
        level: "international",
        description: "Global partnership supporting cities to deliver on the promise of sustainable urban development.",
        address: "Brussels",
        at: None,
        sdgs: "11.1, 11.3",
        contacts: &[("Programme team", "partnerships", "partners@example.org", "public")],
        resources: &[("funding", "Catalytic fund for city-wide slum upgrading", "Grants that leverage city and national investment in integrated upgrading.", "", "calls twice a year")],
        needs: &[],
    },
    DemoOrganization {
        space: "global-action-plan",
        name: "Habitat for Humanity International",
        sector: "ngo",
        level: "international",
        description: "Housing NGO offering technical assistance for incremental housing and settlement upgrading.",
        address: "",
        at: None,
        sdgs: "11.1",
        contacts: &[("Technical assistance desk", "technical support", "ta@example.org", "public")],
        resources: &[("technical_support", "Technical assistance for incremental housing", "Engineers and planners supporting community-led housing and upgrading plans.", "", "")],
        needs: &[],
    },
    DemoOrganization {
        space: "global-action-plan",
        name: "Slum Dwellers International",
        sector: "grassroots",
        level: "international",
        description: "Federations of the urban poor; community-led enumeration, profiling and mapping of settlements.",
        address: "",
        at: None,
        sdgs: "11.1, 1.4",
        contacts: &[("Know Your City team", "data", "kyc@example.org", "members")],
        resources: &[("knowledge", "Community-led enumeration and settlement profiling", "Training community teams to profile and map their settlements.", "", "")],
        needs: &[],
    },
    DemoOrganization {
        space: "nairobi",
        name: "Nairobi City County Housing Department",
        sector: "local_government",
        level: "city",
        description: "City department leading the special planning area for informal settlements.",
        address: "City Hall, Nairobi",
        at: Some((-1.2841, 36.8233)),
        sdgs: "11.1, 6.2",
        contacts: &[("Housing department", "planning", "housing.nairobi@example.org", "public")],
        resources: &[],
        needs: &[
            ("technical_support", "Technical support for the special planning area", "Planners to support the integrated upgrading plan for informal settlements.", "", "critical"),
            ("funding", "Funding for water and sanitation upgrades", "Co-funding for water points and sanitation blocks.", "", "high"),
        ],
    },
    DemoOrganization {
        space: "kisumu",
        name: "Kisumu Urban Development Office",
        sector: "local_government",
        level: "city",
        description: "City office preparing settlement upgrading with community federations.",
        address: "Kisumu",
        at: Some((-0.0917, 34.7680)),
        sdgs: "11.1",
        contacts: &[("Urban development office", "office", "kisumu@example.org", "public")],
        resources: &[],
        needs: &[("knowledge", "Training in community enumeration and settlement profiling", "Training for community teams to enumerate and profile three settlements.", "", "high")],
    },
    DemoOrganization {
        space: "recife",
        name: "Recife Housing Secretariat",
        sector: "local_government",
        level: "city",
        description: "Municipal secretariat for housing and favela upgrading.",
        address: "Recife",
        at: Some((-8.0476, -34.8770)),
        sdgs: "11.1",
        contacts: &[("Secretariat", "office", "recife@example.org", "public")],
        resources: &[],
        needs: &[("funding", "Catalytic funding for city-wide upgrading", "Seed funding to prepare a city-wide upgrading programme.", "", "medium")],
    },
];

async fn load_organizations(state: &AppState, admin: UserId) -> Result<(), StoreError> {
    use cospace_core::stakeholders::{
        ContactDraft, ContactInput, ItemDraft, ItemInput, OrganizationDraft, OrganizationInput,
    };
    use cospace_stakeholders::store::ItemType;
    use cospace_stakeholders::{service, store as directory};
    let admin_user = accounts::user_by_id(&state.db, admin).await?;
    let viewer = cospace_web::context::Viewer {
        user: Some(admin_user.clone()),
        ..Default::default()
    };
    let fail = |e: service::ServiceError| StoreError::Internal(format!("demo: {e}"));
    for demo in ORGANIZATIONS {
        let Some(space) = find_space(state, demo.space).await? else {
            continue;
        };
        let existing = directory::organizations_in(&state.db, &[space.id()], true).await?;
        if existing.iter().any(|o| o.organization.name == demo.name) {
            continue;
        }
        let context =
            cospace_web::space_context::SpaceContext::load(&state.db, &viewer, demo.space)
                .await
                .map_err(|e| StoreError::Internal(format!("demo: {e}")))?;
        let (lat, lon) = demo
            .at
            .map(|(lat, lon)| (lat.to_string(), lon.to_string()))
            .unwrap_or_default();
        let draft = OrganizationDraft::parse(&OrganizationInput {
            name: demo.name.into(),
            sector: demo.sector.into(),
            level: demo.level.into(),
            description: demo.description.into(),
            languages: vec![if demo.space == "azory" { "pl,en" } else { "en" }.into()],
            sdg_targets: demo.sdgs.into(),
            address: demo.address.into(),
            lat,
            lon,
            ..Default::default()
        })?;
        let (org, _) = service::add_organization(state, &context, &admin_user, &draft)
            .await
            .map_err(fail)?;
        for (person, role, email, visibility) in demo.contacts {
            let contact = ContactDraft::parse(&ContactInput {
                person: (*person).into(),
                role: (*role).into(),
                email: (*email).into(),
                phone: String::new(),
                visibility: (*visibility).into(),
            })?;
            service::add_contact(state, &context, &admin_user, org, &contact)
                .await
                .map_err(fail)?;
        }
        let place = |extra: usize| {
            demo.at.map(|(lat, lon)| {
                // Spread an organisation's items a few metres apart so markers do not overlap.
                let offset = 0.0002 * (extra as f64 + 1.0);
                ((lat + offset).to_string(), (lon - offset).to_string())
            })
        };
        for (i, (kind, title, description, capacity, availability)) in
            demo.resources.iter().enumerate()
        {
            let (lat, lon) = place(i).unwrap_or_default();
            let item = ItemDraft::parse(&ItemInput {
                kind: (*kind).into(),
                title: (*title).into(),
                description: (*description).into(),
                capacity: (*capacity).into(),
                availability: (*availability).into(),
                address: demo.address.into(),
                lat,
                lon,
                ..Default::default()
            })?;
            service::add_item(state, &context, &admin_user, ItemType::Resource, org, &item)
                .await
                .map_err(fail)?;
        }
        for (i, (kind, title, description, capacity, urgency)) in demo.needs.iter().enumerate() {
            let (lat, lon) = place(i + demo.resources.len()).unwrap_or_default();
            let item = ItemDraft::parse(&ItemInput {
                kind: (*kind).into(),
                title: (*title).into(),
                description: (*description).into(),
                capacity: (*capacity).into(),
                urgency: (*urgency).into(),
                address: demo.address.into(),
                lat,
                lon,
                ..Default::default()
            })?;
            service::add_item(state, &context, &admin_user, ItemType::Need, org, &item)
                .await
                .map_err(fail)?;
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
