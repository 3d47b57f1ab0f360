//! The demo world, from the three documents cospace was designed from: Kraków → Azory (a
//! platform of cooperation between local institutions), World Urban Forum 11 → a co-creation
//! roundtable, and a Global Action Plan on slum upgrading with countries and cities. Azory
//! gets a year of its common calendar around the day the demo is loaded: regular activities,
//! feasts, Christmas events, citizens' budget meetings, a few clashes to coordinate, and the
//! five meetings of its local group of leaders with their records.
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
    load_organizations(state, admin).await?;
    load_organization_admins(state).await?;
    load_calendar(state, admin).await
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

/// Who administers which Azory institution, so that the demo users can plan events for them,
/// join others' events as co-organisers and move their action items on.
const ORGANIZATION_ADMINS: &[(&str, &str)] = &[
    ("Local Activity Point Azory", "coordinator@example.org"),
    ("Children Friends Society Azory", "organiser@example.org"),
    ("Primary School in Azory", "organiser@example.org"),
    (
        "Centre of Elderly People and Seniors' Club",
        "partner@example.org",
    ),
    ("Azory Housing Association", "partner@example.org"),
];

/// The approved organisations of Azory by name.
async fn azory_organizations(
    state: &AppState,
    azory: &Space,
) -> Result<std::collections::HashMap<String, i64>, StoreError> {
    Ok(
        cospace_stakeholders::store::organizations_in(&state.db, &[azory.id()], false)
            .await?
            .into_iter()
            .map(|o| (o.organization.name, o.organization.id))
            .collect(),
    )
}

async fn load_organization_admins(state: &AppState) -> Result<(), StoreError> {
    use cospace_stakeholders::store as directory;
    let Some(azory) = find_space(state, "azory").await? else {
        return Ok(());
    };
    let organizations = azory_organizations(state, &azory).await?;
    for (name, email) in ORGANIZATION_ADMINS {
        let (Some(&organization), Some(user)) = (
            organizations.get(*name),
            accounts::user_by_email(&state.db, email).await?,
        ) else {
            continue;
        };
        if directory::is_organization_admin(&state.db, organization, user.id()).await? {
            continue;
        }
        let mut tx = state.db.begin().await?;
        directory::add_organization_admin(&mut tx, organization, user.id()).await?;
        activity::record(
            &mut tx,
            Activity {
                actor: None,
                space: Some(azory.id()),
                action: "organization.admin_add",
                subject_type: "organization",
                subject_id: organization.to_string(),
                details: serde_json::json!({ "source": "demo", "user": user.id().0 }),
            },
        )
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Where the demo is served unless told otherwise (`cospace demo --listen`); the links of the
/// meeting invitations it sends point there.
const DEMO_BASE_URL: &str = "http://127.0.0.1:8080";

/// One event of Azory's year: dates are worked out from today, everything else is data.
struct DemoEvent {
    /// Stable part of the UID, so that loading again finds the event.
    key: &'static str,
    title: &'static str,
    description: &'static str,
    kind: &'static str,
    date: chrono::NaiveDate,
    start: &'static str,
    end: &'static str,
    /// A weekly series until this date.
    weekly_until: Option<chrono::NaiveDate>,
    /// The title of a venue of the resource registry.
    venue: Option<&'static str>,
    address: &'static str,
    organizers: &'static [&'static str],
    audiences: &'static [&'static str],
    expected: u32,
    /// The count recorded afterwards, for events that took place.
    actual: u32,
}

/// One meeting of the local group of leaders: what was planned, and, once it took place, who
/// came, what was said and decided and what was left to do.
struct DemoMeeting {
    agenda: &'static [&'static str],
    people: u32,
    attendance: &'static [(&'static str, u32)],
    minutes: &'static str,
    decisions: &'static [&'static str],
    /// (title, owner, due days after the meeting, status, followed up by the open day — then due
    /// just before it)
    actions: &'static [(&'static str, &'static str, i64, &'static str, bool)],
}

const LAP: &str = "Local Activity Point Azory";
const SENIORS: &str = "Centre of Elderly People and Seniors' Club";
const CHILDREN: &str = "Children Friends Society Azory";
const SCHOOL: &str = "Primary School in Azory";
const GREEN: &str = "Board of Green City Spaces";
const COUNCIL: &str = "District Council VI Bronowice";
const HOUSING: &str = "Azory Housing Association";
const SCHOOL_HALL: &str = "School hall for meetings and club events";
const COMMON_ROOM: &str = "Common room in block 12";

/// The five meetings of the local group of leaders in seed 002, in order.
const MEETINGS: &[DemoMeeting] = &[
    DemoMeeting {
        agenda: &[
            "Welcome and a round of introductions of the Azory institutions",
            "Why a platform of cooperation: actions that met at the same place and time by accident",
            "First list of who works in Azory, with their resources and needs",
        ],
        people: 16,
        attendance: &[(LAP, 3), (SENIORS, 2), (CHILDREN, 2), (SCHOOL, 2), (GREEN, 1), (COUNCIL, 2), (HOUSING, 1)],
        minutes: "## Setting up the group\n\nThe Local Activity Point opened the first meeting of the **local group of leaders** of Azory and told every partner about the start of the project.\n\n- Each institution presented what it does in the estate and for whom.\n- Several partners noted that their activities had overlapped by accident last year: two events on the same afternoon, for the same families.\n- The group agreed to meet **every second Tuesday of the month at 17:00** in the school hall.\n\nNext meeting: the citizens' budget, the Social Centre and the pocket park.",
        decisions: &[
            "The local group of leaders of Azory is set up; it meets every second Tuesday of the month at 17:00 in the school hall",
            "Every institution names one contact person for the group",
            "The Local Activity Point keeps the common calendar and the resource map up to date",
        ],
        actions: &[
            ("Collect every institution's resources and needs for the resource map", LAP, 21, "done", false),
            ("Enter each institution's planned activities in the common calendar", LAP, 14, "done", false),
        ],
    },
    DemoMeeting {
        agenda: &[
            "One joint project of the Azory institutions for the citizens' budget",
            "A Social Centre in Azory: needs, possible rooms, who could run it",
            "Presentation of the pocket park project by the Board of Green City Spaces",
        ],
        people: 19,
        attendance: &[(LAP, 3), (SENIORS, 3), (CHILDREN, 2), (SCHOOL, 1), (GREEN, 3), (COUNCIL, 2), (HOUSING, 2)],
        minutes: "## Citizens' budget, Social Centre, pocket park\n\nInstead of each institution filing its own project, the partners will prepare **one joint project** for the participatory budget, built on what residents asked for.\n\nThe District Council and the Local Activity Point summarised the case for a **Social Centre** in Azory; running costs remain an open question.\n\nThe Board of Green City Spaces presented the **pocket park**: a consultation with residents comes first, then a poll on the design, then works with volunteers.",
        decisions: &[
            "The institutions of Azory prepare one joint citizens' budget project answering residents' needs",
            "The District Council and the Local Activity Point gather support for a Social Centre in Azory",
            "Residents are consulted and polled on the pocket park design before works start",
        ],
        actions: &[
            ("Poll residents on the pocket park design", GREEN, 28, "done", false),
            ("Ask the housing association for a room for the future Social Centre", COUNCIL, 21, "open", false),
            ("Draft the joint citizens' budget project with the seniors of the Centre", SENIORS, 75, "in_progress", false),
        ],
    },
    DemoMeeting {
        agenda: &[
            "Social economy: could a social cooperative run services of the Social Centre?",
            "Who could offer work to residents at risk of exclusion",
            "The common calendar: autumn and winter events",
        ],
        people: 15,
        attendance: &[(LAP, 2), (SENIORS, 2), (CHILDREN, 1), (SCHOOL, 1), (COUNCIL, 2), (HOUSING, 3)],
        minutes: "## Social economy\n\nGuests from the Municipal Social Welfare Centre explained how a **social cooperative** could run the café and small repairs of a future Social Centre, offering work to residents at risk of exclusion.\n\nThe meeting started late: the school hall had also been booked for a parents' meeting. *This is exactly the clash the common calendar should show before anyone books.*\n\nThe partners went through the autumn and winter events together and agreed to hold an open day of the Local Activity Point with all institutions.",
        decisions: &[
            "A working group (Local Activity Point, housing association) studies a social cooperative for the Social Centre",
            "Before fixing a date or booking a room, institutions check the common calendar for clashes",
            "An open day of the Local Activity Point presents every institution of Azory to residents",
        ],
        actions: &[
            ("Prepare the open day of the Local Activity Point with all institutions", LAP, 30, "in_progress", true),
            ("Put every autumn and winter event in the common calendar", LAP, 10, "done", false),
            ("Write a first plan of a social cooperative for the Social Centre", HOUSING, 90, "open", false),
        ],
    },
    DemoMeeting {
        agenda: &[
            "Meeting with the partner cities of the URBinclusion network during their seminar in Kraków",
            "What the Azory platform of cooperation has achieved so far",
            "Questions from partner cities: should the platform become formal?",
        ],
        people: 24,
        attendance: &[(LAP, 3), (SENIORS, 2), (CHILDREN, 2), (SCHOOL, 1), (GREEN, 1), (COUNCIL, 3), (HOUSING, 1)],
        minutes: "## With the partner cities\n\nPartners of the URBinclusion network visiting Kraków joined the group. The Local Activity Point showed the resource map and the common calendar; the seniors told how the family feasts brought generations together.\n\nThe visitors asked whether the platform should be **formalised**. The group prefers to stay an informal cooperation built on good relations for now, and to come back to it once the Social Centre exists.",
        decisions: &[
            "The platform stays an informal cooperation for now; the question comes back with the Social Centre",
            "The resource map of Azory is shared with the partner cities as an example",
        ],
        actions: &[
            ("Send the resource map and calendar to the partner cities", LAP, 14, "open", false),
        ],
    },
    DemoMeeting {
        agenda: &[
            "Christmas events: one plan for the tree decoration, the Christmas party and Christmas Eve for lonely seniors",
            "Who brings what: volunteers, tables and benches, the sound system",
            "A look back at the year and the next series of meetings",
        ],
        people: 0,
        attendance: &[],
        minutes: "",
        decisions: &[],
        actions: &[],
    },
];

/// The same day of the year nearest to `today` (so within about six months of it).
fn nearest(today: chrono::NaiveDate, month: u32, day: u32) -> chrono::NaiveDate {
    use chrono::Datelike;
    [today.year() - 1, today.year(), today.year() + 1]
        .into_iter()
        .filter_map(|year| chrono::NaiveDate::from_ymd_opt(year, month, day))
        .min_by_key(|date| (*date - today).num_days().abs())
        .unwrap_or(today)
}

fn on_or_after(date: chrono::NaiveDate, weekday: chrono::Weekday) -> chrono::NaiveDate {
    use chrono::Datelike;
    let ahead = (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date + chrono::Duration::days(i64::from(ahead))
}

/// The first `weekday` on or after `date` that no other one-off event of the demo uses, so that
/// only the clashes meant to be there are.
fn free_day(
    taken: &mut std::collections::BTreeSet<chrono::NaiveDate>,
    date: chrono::NaiveDate,
    weekday: chrono::Weekday,
) -> chrono::NaiveDate {
    let mut day = on_or_after(date, weekday);
    while taken.contains(&day) {
        day += chrono::Duration::days(7);
    }
    taken.insert(day);
    day
}

/// The second Tuesday of the month `offset` months from `today`'s.
fn second_tuesday(today: chrono::NaiveDate, offset: i32) -> chrono::NaiveDate {
    use chrono::Datelike;
    let months = today.year() * 12 + today.month0() as i32 + offset;
    chrono::NaiveDate::from_weekday_of_month_opt(
        months.div_euclid(12),
        months.rem_euclid(12) as u32 + 1,
        chrono::Weekday::Tue,
        2,
    )
    .unwrap_or(today)
}

/// The events of Azory's year, from six months ago to six months ahead, with the deliberate
/// clashes the coordination page shows.
fn azory_year(today: chrono::NaiveDate) -> Vec<DemoEvent> {
    use chrono::{Datelike, Duration, Weekday};
    let first = today - Duration::days(182);
    let last = today + Duration::days(183);
    let mut taken = std::collections::BTreeSet::new();
    // All Christmas events of the same December, whichever is nearest.
    let christmas = nearest(today, 12, 15).year();
    let date = |month, day| chrono::NaiveDate::from_ymd_opt(christmas, month, day).unwrap_or(today);
    let christmas_eve = date(12, 24);
    taken.insert(christmas_eve);
    // The seniors' club meets on Thursdays, unless Christmas Eve is one.
    let club_day = if christmas_eve.weekday() == Weekday::Thu {
        Weekday::Wed
    } else {
        Weekday::Thu
    };
    let tree = free_day(&mut taken, date(12, 5), Weekday::Sat);
    let party = free_day(&mut taken, date(12, 12), Weekday::Sat);
    let pocket_park = free_day(&mut taken, nearest(today, 5, 9), Weekday::Sat);
    let summer_feast = free_day(&mut taken, nearest(today, 6, 20), Weekday::Sat);
    let autumn_feast = free_day(&mut taken, nearest(today, 9, 19), Weekday::Sat);
    let garden = free_day(&mut taken, nearest(today, 4, 18), Weekday::Sat);
    let mapping_walk = free_day(&mut taken, nearest(today, 3, 21), Weekday::Sat);
    let anniversary = free_day(&mut taken, nearest(today, 10, 9), Weekday::Fri);
    let budget = free_day(&mut taken, nearest(today, 2, 16), Weekday::Mon);
    let budget_2 = free_day(&mut taken, budget + Duration::days(14), Weekday::Mon);
    let budget_3 = free_day(&mut taken, budget + Duration::days(28), Weekday::Mon);
    let open_day = free_day(&mut taken, today + Duration::days(10), Weekday::Sat);
    let third_meeting = second_tuesday(today, -1);
    vec![
        DemoEvent {
            key: "seniors-club",
            title: "Seniors' Club afternoon",
            description: "The weekly afternoon of the Seniors' Club: tea, talks, games and gymnastics. Neighbours of every age are welcome.",
            kind: "action",
            date: on_or_after(first, club_day),
            start: "15:00",
            end: "17:00",
            weekly_until: Some(last),
            venue: None,
            address: "ul. Stawowa 23, Kraków",
            organizers: &[SENIORS],
            audiences: &["seniors"],
            expected: 25,
            actual: 0,
        },
        DemoEvent {
            key: "children-workshops",
            title: "Creative workshops for children",
            description: "Art, music and homework help for children aged 6–12, run together by the Children Friends Society and teachers of the primary school.",
            kind: "training",
            date: on_or_after(first, Weekday::Wed),
            start: "16:00",
            end: "17:30",
            weekly_until: Some(last),
            venue: None,
            address: "ul. Fiedlera 3, Kraków",
            organizers: &[CHILDREN, SCHOOL],
            audiences: &["children"],
            expected: 18,
            actual: 0,
        },
        DemoEvent {
            key: "budget-1",
            title: "Citizens' budget: residents' needs (1 of 3)",
            description: "First of three meetings with residents from the Senior Activity Centre to prepare the joint project for the citizens' budget: what the estate needs most.",
            kind: "consultation",
            date: budget,
            start: "17:00",
            end: "19:00",
            weekly_until: None,
            venue: None,
            address: "ul. Stawowa 23, Kraków",
            organizers: &[LAP, SENIORS],
            audiences: &["seniors", "adults"],
            expected: 20,
            actual: 23,
        },
        DemoEvent {
            key: "budget-2",
            title: "Citizens' budget: choosing our project (2 of 3)",
            description: "Second meeting: from the list of needs to one project, its place and its rough cost.",
            kind: "consultation",
            date: budget_2,
            start: "17:00",
            end: "19:00",
            weekly_until: None,
            venue: None,
            address: "ul. Stawowa 23, Kraków",
            organizers: &[LAP, SENIORS],
            audiences: &["seniors", "adults"],
            expected: 20,
            actual: 18,
        },
        DemoEvent {
            key: "budget-3",
            title: "Citizens' budget: writing the application (3 of 3)",
            description: "Third meeting: writing and filing the application together, with advice from the Local Activity Point.",
            kind: "consultation",
            date: budget_3,
            start: "17:00",
            end: "19:00",
            weekly_until: None,
            venue: None,
            address: "ul. Stawowa 23, Kraków",
            organizers: &[LAP, SENIORS, COUNCIL],
            audiences: &["seniors", "adults"],
            expected: 20,
            actual: 21,
        },
        DemoEvent {
            key: "mapping-walk",
            title: "Mapping walk: the resources of Azory",
            description: "A walk through the estate with residents to add places, rooms and people to the resource map of Azory.",
            kind: "action",
            date: mapping_walk,
            start: "10:00",
            end: "13:00",
            weekly_until: None,
            venue: None,
            address: "Meeting point: ul. Doktora Twardego 6, Kraków",
            organizers: &[LAP, GREEN],
            audiences: &["everyone"],
            expected: 30,
            actual: 34,
        },
        DemoEvent {
            key: "social-garden",
            title: "Social garden: spring planting day",
            description: "Residents plant the social garden together; tools and seedlings lent by the Board of Green City Spaces.",
            kind: "action",
            date: garden,
            start: "10:00",
            end: "14:00",
            weekly_until: None,
            venue: None,
            address: "Social garden, ul. Kaczorówka 14, Kraków",
            organizers: &[GREEN, HOUSING, CHILDREN],
            audiences: &["families"],
            expected: 40,
            actual: 46,
        },
        DemoEvent {
            key: "pocket-park",
            title: "Opening of the pocket park",
            description: "Opening of the pocket park designed with residents: music, a picnic and the first bench signed by its neighbours.",
            kind: "celebration",
            date: pocket_park,
            start: "11:00",
            end: "14:00",
            weekly_until: None,
            venue: None,
            address: "Pocket park, ul. Stawowa, Kraków",
            organizers: &[GREEN, COUNCIL, LAP],
            audiences: &["everyone"],
            expected: 150,
            actual: 180,
        },
        DemoEvent {
            key: "summer-feast",
            title: "Family feast to welcome the summer",
            description: "An outdoor family feast run by the institutions of Azory together: games for children, a seniors' café, music and information stands.",
            kind: "celebration",
            date: summer_feast,
            start: "15:00",
            end: "19:00",
            weekly_until: None,
            venue: None,
            address: "Playing field of the primary school, ul. Wojciechowskiego 1, Kraków",
            organizers: &[LAP, CHILDREN, SENIORS, HOUSING],
            audiences: &["families", "children"],
            expected: 250,
            actual: 310,
        },
        DemoEvent {
            key: "autumn-feast",
            title: "Neighbourly feast to welcome the autumn",
            description: "Neighbours meet before the autumn: a harvest table from the social garden, games and a concert.",
            kind: "celebration",
            date: autumn_feast,
            start: "14:00",
            end: "18:00",
            weekly_until: None,
            venue: None,
            address: "Courtyard of block 12, ul. Kaczorówka 14, Kraków",
            organizers: &[LAP, COUNCIL, HOUSING, SENIORS],
            audiences: &["families", "children"],
            expected: 250,
            actual: 270,
        },
        // Deliberate clash: the same children, the same Saturday, planned apart.
        DemoEvent {
            key: "autumn-games",
            title: "Autumn outdoor games for children",
            description: "Outdoor games for pupils and their younger siblings, planned by the school on its own.",
            kind: "action",
            date: autumn_feast,
            start: "10:00",
            end: "13:00",
            weekly_until: None,
            venue: None,
            address: "School yard, ul. Wojciechowskiego 1, Kraków",
            organizers: &[SCHOOL],
            audiences: &["children"],
            expected: 60,
            actual: 41,
        },
        DemoEvent {
            key: "seniors-anniversary",
            title: "5th anniversary of the Seniors' Club",
            description: "Five years of the Seniors' Club, celebrated with the neighbours: a photo exhibition, a cake and a dance.",
            kind: "celebration",
            date: anniversary,
            start: "16:00",
            end: "19:00",
            weekly_until: None,
            venue: Some(COMMON_ROOM),
            address: "",
            organizers: &[SENIORS, LAP],
            audiences: &["seniors"],
            expected: 60,
            actual: 72,
        },
        // Deliberate clash: the school hall booked twice at the time of the 3rd meeting.
        DemoEvent {
            key: "parents-meeting",
            title: "Parents' meeting",
            description: "The school's meeting with parents of the younger classes.",
            kind: "meeting",
            date: third_meeting,
            start: "17:30",
            end: "19:00",
            weekly_until: None,
            venue: Some(SCHOOL_HALL),
            address: "",
            organizers: &[SCHOOL],
            audiences: &["adults"],
            expected: 60,
            actual: 55,
        },
        DemoEvent {
            key: "open-day",
            title: "Open day of the Local Activity Point",
            description: "Every institution of Azory presents what it offers to residents: stands, short talks and a children's corner.",
            kind: "action",
            date: open_day,
            start: "11:00",
            end: "14:00",
            weekly_until: None,
            venue: Some(SCHOOL_HALL),
            address: "",
            organizers: &[LAP, COUNCIL],
            audiences: &["everyone"],
            expected: 100,
            actual: 0,
        },
        // Deliberate clash ahead: planned later for the same hall and the same Saturday; its
        // organisers may join the open day instead.
        DemoEvent {
            key: "toy-swap",
            title: "Toy and book swap",
            description: "Families swap toys and children's books they no longer need.",
            kind: "action",
            date: open_day,
            start: "12:00",
            end: "15:00",
            weekly_until: None,
            venue: Some(SCHOOL_HALL),
            address: "",
            organizers: &[CHILDREN, HOUSING],
            audiences: &["families", "children"],
            expected: 60,
            actual: 0,
        },
        DemoEvent {
            key: "christmas-tree",
            title: "Decorating the estate's Christmas tree",
            description: "Children and seniors decorate the Christmas tree in the courtyard with ornaments made at the workshops.",
            kind: "celebration",
            date: tree,
            start: "12:00",
            end: "14:00",
            weekly_until: None,
            venue: None,
            address: "Courtyard of block 12, ul. Kaczorówka 14, Kraków",
            organizers: &[HOUSING, CHILDREN, LAP],
            audiences: &["everyone"],
            expected: 80,
            actual: 95,
        },
        DemoEvent {
            key: "christmas-party",
            title: "Christmas party of the neighbours",
            description: "Carols, a nativity play by the pupils and a shared table, for families and seniors together.",
            kind: "celebration",
            date: party,
            start: "15:00",
            end: "18:00",
            weekly_until: None,
            venue: Some(SCHOOL_HALL),
            address: "",
            organizers: &[SENIORS, LAP, SCHOOL],
            audiences: &["families", "seniors"],
            expected: 120,
            actual: 140,
        },
        DemoEvent {
            key: "christmas-eve",
            title: "Christmas Eve for lonely seniors",
            description: "A Christmas Eve supper for seniors who would otherwise spend it alone; volunteers bring those who cannot walk.",
            kind: "celebration",
            date: christmas_eve,
            start: "15:00",
            end: "19:00",
            weekly_until: None,
            venue: Some(COMMON_ROOM),
            address: "",
            organizers: &[LAP, SENIORS, COUNCIL],
            audiences: &["seniors"],
            expected: 40,
            actual: 38,
        },
    ]
}

fn demo_uid(key: &str) -> String {
    format!("azory-{key}@demo.cospace")
}

/// Azory's common calendar: regular activities, feasts, Christmas events, citizens' budget
/// meetings, a few clashes, and the series of meetings of the local group of leaders with
/// their records. Events are built as user input and validated like it.
async fn load_calendar(state: &AppState, admin: UserId) -> Result<(), StoreError> {
    use chrono::{Duration, Utc};
    use cospace_calendar::meetings::{self, Record};
    use cospace_calendar::{service, store as calendar};
    use cospace_core::calendar::event::{EventDraft, EventInput};
    use cospace_core::calendar::meeting::{ActionItemDraft, ActionItemInput, ActionStatus};
    use cospace_core::calendar::time::Zone;
    let Some(azory) = find_space(state, "azory").await? else {
        return Ok(());
    };
    let fail = |e: service::ServiceError| StoreError::Internal(format!("demo calendar: {e}"));
    let organizations = azory_organizations(state, &azory).await?;
    let org = |name: &str| {
        organizations
            .get(name)
            .copied()
            .ok_or_else(|| StoreError::Internal(format!("demo organisation {name} missing")))
    };
    let venues: std::collections::HashMap<String, i64> =
        cospace_calendar::lookups::usable_venues(state, azory.id(), &[], 100)
            .await?
            .into_iter()
            .map(|v| (v.title, v.id))
            .collect();
    let admin_user = accounts::user_by_id(&state.db, admin).await?;
    let viewer = cospace_web::context::Viewer {
        user: Some(admin_user.clone()),
        ..Default::default()
    };
    let context = cospace_web::space_context::SpaceContext::load(&state.db, &viewer, "azory")
        .await
        .map_err(|e| StoreError::Internal(format!("demo: {e}")))?;
    let zone =
        Zone::parse("time_zone", "Europe/Warsaw").map_err(|e| cospace_core::Invalid(vec![e]))?;
    let now = Utc::now();
    let today = zone.to_local(now).date();
    let day = |date: chrono::NaiveDate| date.format("%Y-%m-%d").to_string();

    // The meetings of the local group of leaders: five, every second Tuesday at 17:00, from
    // three months ago; the Local Activity Point organises them and invites the others.
    // It is planned first: the events booked later in its hall are the ones that clash.
    let uid = demo_uid("leaders-meetings");
    let new_series = calendar::event_by_uid(&state.db, &uid).await?.is_none();
    if new_series {
        let first_meeting = second_tuesday(today, -3);
        let input = EventInput {
            title: "Meeting of the local group of leaders".into(),
            description: "The local group of leaders of Azory: the institutions of the estate meet to plan together, share resources and coordinate their events.".into(),
            kind: "meeting".into(),
            time_zone: zone.name().into(),
            start_date: day(first_meeting),
            start_time: "17:00".into(),
            end_time: "19:00".into(),
            repeat: "custom".into(),
            rrule: format!("FREQ=MONTHLY;BYDAY=2TU;COUNT={}", MEETINGS.len()),
            venue: venues
                .get(SCHOOL_HALL)
                .map(|v| v.to_string())
                .unwrap_or_default(),
            organizers: vec![org(LAP)?.to_string(), org(COUNCIL)?.to_string()],
            audiences: vec!["adults".into()],
            expected_participants: "20".into(),
            status: "confirmed".into(),
            ..Default::default()
        };
        let draft = EventDraft::parse(&input)?;
        service::check_references(state, &context, &admin_user, &draft, None)
            .await
            .map_err(fail)?;
        let series =
            service::create_unchecked(state, azory.id(), Some(&admin_user), &draft, Some(&uid))
                .await
                .map_err(fail)?;
        let row = calendar::event(&state.db, series).await?;
        let invited = [SENIORS, CHILDREN, SCHOOL, GREEN, HOUSING]
            .iter()
            .map(|name| org(name))
            .collect::<Result<Vec<_>, _>>()?;
        meetings::invite(
            state,
            &context,
            &admin_user,
            &row,
            &invited,
            &format!("{DEMO_BASE_URL}/spaces/azory/calendar/events/{series}"),
        )
        .await
        .map_err(fail)?;
        // An extra meeting off the rule (RDATE, the fourth Tuesday of this month) and a last
        // meeting with its own title (a changed occurrence): the feeds publish both, so the
        // outside parsers check them too.
        let at_five = |date: chrono::NaiveDate| date.and_hms_opt(17, 0, 0).unwrap_or_default();
        let extra = at_five(second_tuesday(today, 0) + Duration::days(14));
        let mut details = calendar::details(&state.db, &[series]).await?;
        details.rdates.insert(series, vec![extra]);
        let rule = row.rule();
        let span = calendar::span(&calendar::series(&row, rule.as_ref(), &details));
        let mut tx = state.db.begin().await?;
        calendar::add_rdate(&mut tx, series, extra).await?;
        calendar::set_span(&mut tx, series, span).await?;
        tx.commit().await?;
        let last = at_five(second_tuesday(today, MEETINGS.len() as i32 - 4));
        service::change_occurrence(
            state,
            &context,
            &admin_user,
            &row,
            last,
            service::OccurrenceChange::Move {
                start: last,
                end: last + Duration::hours(2),
                title: Some("Local leaders: the Social Centre plan".into()),
                description: Some(
                    "The last meeting of the season: the partners agree the plan of the Social Centre."
                        .into(),
                ),
            },
        )
        .await
        .map_err(fail)?;
    }

    let mut open_day = None;
    for event in azory_year(today) {
        let uid = demo_uid(event.key);
        if let Some(existing) = calendar::event_by_uid(&state.db, &uid).await? {
            if event.key == "open-day" {
                open_day = Some((existing.id, event.date));
            }
            continue;
        }
        let start = chrono::NaiveTime::parse_from_str(event.start, "%H:%M")
            .map_err(|e| StoreError::Internal(e.to_string()))?;
        let past = event.weekly_until.is_none() && zone.to_utc(event.date.and_time(start)) < now;
        let venue = match event.venue {
            Some(title) => Some(
                venues
                    .get(title)
                    .copied()
                    .ok_or_else(|| StoreError::Internal(format!("demo venue {title} missing")))?,
            ),
            None => None,
        };
        let input = EventInput {
            title: event.title.into(),
            description: event.description.into(),
            kind: event.kind.into(),
            time_zone: zone.name().into(),
            start_date: day(event.date),
            start_time: event.start.into(),
            end_time: event.end.into(),
            repeat: if event.weekly_until.is_some() {
                "weekly".into()
            } else {
                String::new()
            },
            repeat_ends: if event.weekly_until.is_some() {
                "until".into()
            } else {
                String::new()
            },
            repeat_until: event.weekly_until.map(day).unwrap_or_default(),
            venue: venue.map(|v| v.to_string()).unwrap_or_default(),
            address: event.address.into(),
            organizers: event
                .organizers
                .iter()
                .map(|name| org(name).map(|id| id.to_string()))
                .collect::<Result<_, _>>()?,
            audiences: event.audiences.iter().map(|a| a.to_string()).collect(),
            expected_participants: event.expected.to_string(),
            actual_participants: if past && event.actual > 0 {
                event.actual.to_string()
            } else {
                String::new()
            },
            status: if past { "done" } else { "confirmed" }.into(),
            ..Default::default()
        };
        let draft = EventDraft::parse(&input)?;
        service::check_references(state, &context, &admin_user, &draft, None)
            .await
            .map_err(fail)?;
        let id =
            service::create_unchecked(state, azory.id(), Some(&admin_user), &draft, Some(&uid))
                .await
                .map_err(fail)?;
        if event.key == "open-day" {
            open_day = Some((id, event.date));
        }
    }

    // The record of each meeting, once the series is new.
    let Some(row) = calendar::event_by_uid(&state.db, &uid).await? else {
        return Ok(());
    };
    if !new_series {
        return Ok(());
    }
    let series = row.id;
    for (n, meeting) in MEETINGS.iter().enumerate() {
        let date = second_tuesday(today, n as i32 - 3);
        let at = date.and_hms_opt(17, 0, 0).unwrap_or_default();
        macro_rules! record {
            ($change:expr) => {
                meetings::record(state, &context, &admin_user, &row, at, $change)
                    .await
                    .map_err(fail)
            };
        }
        for item in meeting.agenda {
            record!(Record::AgendaItem(item))?;
        }
        if zone.to_utc(at) >= now {
            continue;
        }
        record!(Record::People(Some(meeting.people)))?;
        for (name, people) in meeting.attendance {
            record!(Record::Attendance {
                organization: org(name)?,
                people: *people,
            })?;
        }
        record!(Record::Minutes(meeting.minutes))?;
        for decision in meeting.decisions {
            record!(Record::Decision(decision))?;
        }
        for (title, owner, due, status, follow_up) in meeting.actions {
            let draft = ActionItemDraft::parse(&ActionItemInput {
                title: (*title).into(),
                owner: org(owner)?.to_string(),
                // An item followed up by an event is due a few days before it.
                due_date: day(match open_day {
                    Some((_, on)) if *follow_up => on - Duration::days(3),
                    _ => date + Duration::days(*due),
                }),
                follow_up: match open_day {
                    Some((id, _)) if *follow_up => id.to_string(),
                    _ => String::new(),
                },
            })?;
            record!(Record::ActionItem(&draft))?;
            let status = ActionStatus::parse(status)
                .map_err(|_| StoreError::Internal(format!("demo status {status}")))?;
            if status == ActionStatus::Open {
                continue;
            }
            let items = meetings::action_items_of_series(&state.db, series).await?;
            if let Some(item) = items.iter().find(|i| i.title == *title) {
                meetings::set_action_status(state, &context, &admin_user, item, status)
                    .await
                    .map_err(fail)?;
            }
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
