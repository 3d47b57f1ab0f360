//! The stakeholders' part of the demo world: the institutions of the Azory estate and the
//! partners and cities of the Global Action Plan, with their contacts, resources and needs,
//! and who administers which institution. Added through the component's use cases, as people
//! add them; what already exists is left as it is.

use crate::service::{self, ServiceError};
use crate::store::{self as directory, ItemType};
use cospace_core::stakeholders::{
    ContactDraft, ContactInput, ItemDraft, ItemInput, OrganizationDraft, OrganizationInput,
};
use cospace_store::accounts;
use cospace_store::activity::{self, Activity};
use cospace_store::spaces::Space;
use cospace_store::StoreError;
use cospace_web::kit::demo::DemoWorld;
use cospace_web::{AppState, BoxFuture};

/// The component's demo seed.
pub fn seed<'a>(
    state: &'a AppState,
    world: &'a DemoWorld,
) -> BoxFuture<'a, Result<(), ServiceError>> {
    Box::pin(async move {
        load_organizations(state, world).await?;
        load_organization_admins(state, world).await
    })
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

/// The local institutions of the Azory estate, and the partners and cities of the Global
/// Action Plan. People and addresses are illustrative.
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

async fn load_organizations(state: &AppState, world: &DemoWorld) -> Result<(), ServiceError> {
    let admin_user = &world.admin;
    for demo in ORGANIZATIONS {
        let Some(space) = world.space(&state.db, demo.space).await? else {
            continue;
        };
        let existing = directory::organizations_in(&state.db, &[space.id()], true).await?;
        if existing.iter().any(|o| o.organization.name == demo.name) {
            continue;
        }
        let context = world.context(&state.db, demo.space).await?;
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
        let (org, _) = service::add_organization(state, &context, admin_user, &draft).await?;
        for (person, role, email, visibility) in demo.contacts {
            let contact = ContactDraft::parse(&ContactInput {
                person: (*person).into(),
                role: (*role).into(),
                email: (*email).into(),
                phone: String::new(),
                visibility: (*visibility).into(),
            })?;
            service::add_contact(state, &context, admin_user, org, &contact).await?;
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
            service::add_item(state, &context, admin_user, ItemType::Resource, org, &item).await?;
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
            service::add_item(state, &context, admin_user, ItemType::Need, org, &item).await?;
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
    Ok(directory::organizations_in(&state.db, &[azory.id()], false)
        .await?
        .into_iter()
        .map(|o| (o.organization.name, o.organization.id))
        .collect())
}

async fn load_organization_admins(state: &AppState, world: &DemoWorld) -> Result<(), ServiceError> {
    let Some(azory) = world.space(&state.db, "azory").await? else {
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
