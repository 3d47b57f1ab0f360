//! Open data in and out, on SQLite and PostgreSQL: the all-or-nothing CSV import (from the
//! library and from the web form), the CSV export with only the contacts a reader may see, the
//! export → import round trip, and Popolo JSON.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use cospace_core::permissions::MemberRole;
use cospace_core::stakeholders::{ContactDraft, ItemDraft, NeedStatus, OrganizationDraft};
use cospace_core::SpaceId;
use cospace_stakeholders::csv_io::{self, ImportError, Plan, RowError};
use cospace_stakeholders::store::{self, ItemType};
use cospace_testkit::{db_tests, Client, TestApp};

const PASSWORD: &str = "a long test password";

const HEADER: &str = "record,org_ref,name,sector,level,description,website,languages,sdg_targets,address,lat,lon,person,role,email,phone,visibility,kind,title,capacity,availability,urgency,status";

fn components() -> Vec<cospace_web::Component> {
    vec![
        cospace_about::component(),
        cospace_stakeholders::component(),
    ]
}

db_tests!(crate::components();
    a_good_file_imports_everything_and_is_searchable,
    bad_rows_are_all_reported_and_nothing_is_written,
    broken_files_are_refused_with_a_clear_reason,
    exports_hold_only_the_contacts_the_reader_may_see,
    export_then_import_reproduces_the_organizations,
    popolo_lists_organizations_and_memberships,
    the_import_form_is_for_space_admins,
    a_large_sample_imports_in_one_go,
);

/// Kraków → Azory, a coordinator (admin of Kraków) and a member of Azory.
async fn world(app: &TestApp) -> (Client, Client) {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    app.create_user("coordinator@example.org", PASSWORD, false)
        .await;
    app.create_user("member@example.org", PASSWORD, false).await;
    app.add_member("krakow", "coordinator@example.org", MemberRole::Admin)
        .await;
    app.add_member("azory", "member@example.org", MemberRole::Member)
        .await;
    (
        app.signed_in("coordinator@example.org", PASSWORD).await,
        app.signed_in("member@example.org", PASSWORD).await,
    )
}

async fn space_id(app: &TestApp, slug: &str) -> SpaceId {
    cospace_store::spaces::space_by_slug(app.db(), slug)
        .await
        .unwrap()
        .id()
}

/// Rows in every table an import writes, and in the activity log.
async fn counts(app: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for table in [
        "organizations",
        "organization_spaces",
        "contacts",
        "resources",
        "needs",
        "stakeholder_search",
        "activity_log",
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let n: i64 = cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(&sql)
            .fetch_one(pool)
            .await)
        .unwrap();
        out.push(n);
    }
    out
}

/// A CSV line from (column, value) pairs; cells are quoted when they need it.
fn row(values: &[(&str, &str)]) -> String {
    csv_io::COLUMNS
        .iter()
        .map(|column| {
            let value = values
                .iter()
                .find(|(c, _)| c == column)
                .map(|(_, v)| *v)
                .unwrap_or("");
            if value.contains([',', ';', '"', '\n']) {
                format!("\"{}\"", value.replace('"', "\"\""))
            } else {
                value.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The Local Activity Point of Azory with three contacts (one of each visibility), a resource
/// and a need.
fn lap_file() -> String {
    [
        HEADER.to_owned(),
        row(&[
            ("record", "organization"),
            ("org_ref", "lap"),
            ("name", "Local Activity Point Azory"),
            ("sector", "local_government"),
            ("level", "neighbourhood"),
            (
                "description",
                "Courses, a café and meetings;\nopen to every neighbour",
            ),
            ("website", "https://lap.example.org"),
            ("languages", "pl|en"),
            ("sdg_targets", "11.1|11.3"),
            ("address", "ul. Pachońskiego 2, Kraków"),
            ("lat", "50.0857"),
            ("lon", "19.9016"),
        ]),
        row(&[
            ("record", "contact"),
            ("org_ref", "lap"),
            ("person", "Anna Public"),
            ("role", "Coordinator"),
            ("email", "anna@example.org"),
            ("phone", "'+48 12 345 67 89"),
            ("visibility", "public"),
        ]),
        row(&[
            ("record", "contact"),
            ("org_ref", "lap"),
            ("person", "Maria Members"),
            ("email", "maria@example.org"),
            ("visibility", "members"),
        ]),
        row(&[
            ("record", "contact"),
            ("org_ref", "lap"),
            ("person", "Piotr Admins"),
            ("email", "piotr@example.org"),
            ("visibility", "admins"),
        ]),
        row(&[
            ("record", "resource"),
            ("org_ref", "lap"),
            ("kind", "venue"),
            ("title", "Meeting hall"),
            ("description", "A hall for 40 people with a projector"),
            ("capacity", "40"),
            ("availability", "weekdays after 16:00"),
            ("address", "ul. Pachońskiego 2, Kraków"),
            ("lat", "50.0857"),
            ("lon", "19.9016"),
        ]),
        row(&[
            ("record", "need"),
            ("org_ref", "lap"),
            ("kind", "equipment"),
            ("title", "Laptops for a computer course"),
            ("capacity", "8"),
            ("urgency", "high"),
        ]),
    ]
    .join("\n")
}

/// The same file separated by semicolons, with Windows line ends and a byte order mark.
fn semicolon_bom(file: &str) -> Vec<u8> {
    let mut out = String::new();
    let mut quoted = false;
    for c in file.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                out.push(c);
            }
            ',' if !quoted => out.push(';'),
            '\n' if !quoted => out.push_str("\r\n"),
            _ => out.push(c),
        }
    }
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(out.as_bytes());
    bytes
}

async fn search(app: &TestApp, slug: &str, query: &str) -> Vec<(String, i64)> {
    let terms = cospace_core::text::query_terms(query, 8);
    store::search(app.db(), &[space_id(app, slug).await], &terms, 50)
        .await
        .unwrap()
        .into_iter()
        .map(|h| (h.item_type, h.item_id))
        .collect()
}

async fn a_good_file_imports_everything_and_is_searchable(app: TestApp) {
    let (mut coordinator, _) = world(&app).await;
    app.create_space(Some("krakow"), "bronowice", "Bronowice")
        .await;
    let azory = space_id(&app, "azory").await;
    let imported = csv_io::import_csv(app.db(), azory, None, "test", lap_file().as_bytes())
        .await
        .unwrap();
    assert_eq!(
        imported,
        csv_io::Imported {
            organizations: 1,
            contacts: 3,
            resources: 1,
            needs: 1
        }
    );
    // The same data separated by semicolons, with a byte order mark, into another space.
    let bronowice = space_id(&app, "bronowice").await;
    let again = csv_io::import_csv(
        app.db(),
        bronowice,
        None,
        "test",
        &semicolon_bom(&lap_file()),
    )
    .await
    .unwrap();
    assert_eq!(again, imported);
    assert_eq!(app.count_activity("stakeholders.import").await, 2);

    let listed = store::organizations_in(app.db(), &[azory], false)
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    let org = &listed[0].organization;
    assert_eq!(listed[0].status, cospace_core::ListingStatus::Approved);
    assert_eq!(
        org.description,
        "Courses, a café and meetings;\nopen to every neighbour"
    );
    assert_eq!((org.languages.as_str(), org.lat), ("en,pl", Some(50.0857)));
    let contacts = store::contacts(
        app.db(),
        &[org.id],
        &cospace_stakeholders::permissions::ContactReader {
            admins_in: vec![azory.0],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(contacts.len(), 3);
    assert_eq!(contacts[0].phone.as_deref(), Some("+48 12 345 67 89"));
    let needs = store::items_of(app.db(), ItemType::Need, org.id)
        .await
        .unwrap();
    assert_eq!(
        (needs[0].urgency.as_str(), needs[0].status.as_str()),
        ("high", "open")
    );
    let resources = store::items_of(app.db(), ItemType::Resource, org.id)
        .await
        .unwrap();
    assert_eq!(resources[0].keywords, "40 hall meeting people projector");

    // Searchable like anything added through the forms, each in its own space.
    let mut hits = search(&app, "azory", "pachonskiego").await;
    hits.sort();
    assert_eq!(
        hits,
        [
            ("organization".to_owned(), org.id),
            ("resource".to_owned(), resources[0].id)
        ]
    );
    assert_eq!(search(&app, "azory", "laptops").await.len(), 1);
    assert_eq!(search(&app, "bronowice", "laptops").await.len(), 1);
    assert!(
        search(&app, "azory", "anna").await.is_empty(),
        "contacts are never indexed"
    );

    // The page shows it, and new rows after an import get new identifiers.
    let page = coordinator.get("/spaces/azory/stakeholders").await;
    assert!(page.body.contains("Local Activity Point Azory"));
    let added = coordinator
        .post_form(
            "/spaces/azory/stakeholders/organizations/new",
            &[("name", "After the import"), ("sector", "ngo")],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let resource = coordinator
        .post_form(
            &format!(
                "/spaces/azory/stakeholders/organizations/{}/resources",
                org.id
            ),
            &[("kind", "venue"), ("title", "Second hall")],
        )
        .await;
    assert_eq!(resource.status, 303, "{}", resource.body);
}

fn keys(errors: &[RowError]) -> Vec<(u64, Option<&str>, &str)> {
    errors
        .iter()
        .map(|e| (e.line, e.field.as_deref(), e.message_key.as_str()))
        .collect()
}

async fn rejected(app: &TestApp, input: &[u8]) -> Vec<RowError> {
    let azory = space_id(app, "azory").await;
    match csv_io::import_csv(app.db(), azory, None, "test", input).await {
        Err(ImportError::Rejected(errors)) => errors,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

async fn bad_rows_are_all_reported_and_nothing_is_written(app: TestApp) {
    world(&app).await;
    let before = counts(&app).await;
    let file = [
        lap_file(), // lines 1–8: good (the description spans lines 2 and 3)
        row(&[
            ("record", "organization"),
            ("org_ref", "x"),
            ("name", "Swapped"),
            ("sector", "space_agency"),
            ("lat", "120.5"),
            ("lon", "50.06"),
        ]),
        row(&[
            ("record", "contact"),
            ("org_ref", "lap"),
            ("person", "No Mail"),
            ("email", "not an e-mail"),
        ]),
        row(&[
            ("record", "resource"),
            ("org_ref", "lap"),
            ("kind", "spaceship"),
            ("title", "Rocket"),
            ("lat", "95"),
            ("lon", "120"),
        ]),
        row(&[
            ("record", "need"),
            ("org_ref", "nobody"),
            ("kind", "venue"),
            ("title", "A room"),
        ]),
    ]
    .join("\n");
    let errors = rejected(&app, file.as_bytes()).await;
    assert_eq!(
        keys(&errors),
        [
            (9, Some("sector"), "error-choice"),
            (9, Some("lat"), "error-coordinates-swapped"),
            (10, Some("email"), "error-email-format"),
            (11, Some("kind"), "error-choice"),
            (11, Some("lat"), "error-latitude-range"),
            (12, Some("org_ref"), "error-csv-unknown-org-ref"),
        ]
    );
    assert_eq!(csv_io::bad_rows(&errors), 4);
    assert_eq!(counts(&app).await, before, "nothing may be written");
    assert_eq!(app.count_activity("stakeholders.import").await, 0);
}

async fn broken_files_are_refused_with_a_clear_reason(app: TestApp) {
    world(&app).await;
    let before = counts(&app).await;
    // A missing column, named.
    let missing = lap_file().replacen(",phone", "", 1);
    let errors = rejected(&app, missing.as_bytes()).await;
    assert_eq!(keys(&errors), [(1, None, "error-csv-missing-columns")]);
    assert_eq!(errors[0].value.as_deref(), Some("phone"));
    // An unknown extra column, named.
    let extra = lap_file().replacen(",status", ",status,colour", 1);
    let errors = rejected(&app, extra.as_bytes()).await;
    assert_eq!(errors[0].message_key, "error-csv-unknown-column");
    assert_eq!(errors[0].value.as_deref(), Some("colour"));
    // Tabs are not a separator we read.
    let tabs = lap_file().replace(',', "\t");
    let errors = rejected(&app, tabs.as_bytes()).await;
    assert_eq!(keys(&errors), [(1, None, "error-csv-delimiter")]);
    // Invalid UTF-8 (Windows-1250 "ł"), by line.
    let mut latin2 = lap_file().into_bytes();
    latin2.extend_from_slice(b"\ncontact,lap,,,,,,,,,,,Pawe\xB3,,,,,,,,,,");
    let errors = rejected(&app, &latin2).await;
    assert_eq!(keys(&errors), [(9, None, "error-csv-utf8")]);
    // A line over 1 MiB.
    let long = "x".repeat(2 * 1024 * 1024);
    let overlong = format!(
        "{}\n{}",
        lap_file(),
        row(&[
            ("record", "resource"),
            ("org_ref", "lap"),
            ("kind", "venue"),
            ("title", "Long"),
            ("description", &long),
        ])
    );
    let errors = rejected(&app, overlong.as_bytes()).await;
    assert_eq!(keys(&errors), [(9, None, "error-csv-line-too-long")]);
    // A row with too few cells.
    let short = format!("{}\ncontact,lap,Anna", lap_file());
    let errors = rejected(&app, short.as_bytes()).await;
    assert_eq!(keys(&errors), [(9, None, "error-csv-field-count")]);
    assert_eq!(counts(&app).await, before);
    // Every message reads well in English.
    let i18n = &app.state.i18n;
    let text = errors[0].describe(i18n, cospace_core::Lang::En);
    assert_eq!(
        text,
        "line 9: This row has 3 columns where the header has 23."
    );
}

async fn exports_hold_only_the_contacts_the_reader_may_see(app: TestApp) {
    let (mut coordinator, mut member) = world(&app).await;
    let azory = space_id(&app, "azory").await;
    csv_io::import_csv(app.db(), azory, None, "test", lap_file().as_bytes())
        .await
        .unwrap();
    let mut anonymous = app.client();
    let public = anonymous.get("/spaces/azory/stakeholders.csv").await;
    assert_eq!(public.status, 200);
    assert_eq!(public.content_type(), "text/csv; charset=utf-8");
    assert_eq!(
        public.header("content-disposition"),
        Some("attachment; filename=\"azory-stakeholders.csv\"")
    );
    assert!(public.body.starts_with(HEADER));
    assert!(public.body.contains("anna@example.org"));
    assert!(public.body.contains("'+48 12 345 67 89"), "formula-safe");
    assert!(!public.body.contains("maria@example.org"));
    assert!(!public.body.contains("piotr@example.org"));
    assert!(!public.body.contains("Maria Members"));
    assert_eq!(public.header("cache-control"), Some("no-cache"));
    let members = member.get("/spaces/azory/stakeholders.csv").await;
    assert_eq!(members.header("cache-control"), Some("private, no-cache"));
    let members = members.body;
    assert!(members.contains("maria@example.org"));
    assert!(!members.contains("piotr@example.org"));
    // The coordinator administers Kraków, so Azory too; Kraków's export includes Azory.
    for path in [
        "/spaces/azory/stakeholders.csv",
        "/spaces/krakow/stakeholders.csv",
    ] {
        let all = coordinator.get(path).await.body;
        for email in ["anna@", "maria@", "piotr@"] {
            assert!(all.contains(email), "{path} {email}");
        }
        assert!(all.contains("Laptops for a computer course"));
    }
    // A private space is not exported to strangers.
    app.create_space_with(None, "closed", "Closed", "private")
        .await;
    assert_eq!(
        anonymous
            .get("/spaces/closed/stakeholders.csv")
            .await
            .status,
        404
    );
}

/// A plan with its organisations identified by name, sorted, for comparing two files.
type Normalised = (
    Vec<OrganizationDraft>,
    Vec<(String, String)>,
    Vec<(String, String)>,
    Vec<(String, String)>,
);

fn normalise(plan: &Plan) -> Normalised {
    let name = |i: usize| plan.organizations[i].draft.name.clone();
    let mut organizations: Vec<OrganizationDraft> =
        plan.organizations.iter().map(|o| o.draft.clone()).collect();
    organizations.sort_by(|a, b| a.name.cmp(&b.name));
    let mut contacts: Vec<(String, String)> = plan
        .contacts
        .iter()
        .map(|c| {
            let draft: &ContactDraft = &c.draft;
            (name(c.organization), format!("{draft:?}"))
        })
        .collect();
    contacts.sort();
    let items = |items: &[csv_io::PlannedItem]| {
        let mut out: Vec<(String, String)> = items
            .iter()
            .map(|i| {
                let draft: &ItemDraft = &i.draft;
                let status: NeedStatus = i.status;
                (name(i.organization), format!("{draft:?} {status:?}"))
            })
            .collect();
        out.sort();
        out
    };
    (
        organizations,
        contacts,
        items(&plan.resources),
        items(&plan.needs),
    )
}

async fn export_then_import_reproduces_the_organizations(app: TestApp) {
    let (mut coordinator, _) = world(&app).await;
    app.create_space(None, "gdansk", "Gdańsk").await;
    app.add_member("gdansk", "coordinator@example.org", MemberRole::Admin)
        .await;
    let sample = csv_io::synthetic_csv(40, 3);
    let original = csv_io::parse(sample.as_bytes()).unwrap();
    let azory = space_id(&app, "azory").await;
    csv_io::import_csv(app.db(), azory, None, "test", sample.as_bytes())
        .await
        .unwrap();
    let exported = coordinator.get("/spaces/azory/stakeholders.csv").await.body;
    let first = csv_io::parse(exported.as_bytes()).unwrap();
    assert_eq!(normalise(&first), normalise(&original));
    // Import the export elsewhere, through the form, and export again.
    let imported = coordinator
        .post_form("/spaces/gdansk/stakeholders/import", &[("csv", &exported)])
        .await;
    assert_eq!(imported.status, 303, "{}", imported.body);
    let again = coordinator
        .get("/spaces/gdansk/stakeholders.csv")
        .await
        .body;
    let second = csv_io::parse(again.as_bytes()).unwrap();
    assert_eq!(normalise(&second), normalise(&original));
    assert_eq!(second.rows(), original.rows());
}

async fn popolo_lists_organizations_and_memberships(app: TestApp) {
    let (mut coordinator, _) = world(&app).await;
    let azory = space_id(&app, "azory").await;
    csv_io::import_csv(app.db(), azory, None, "test", lap_file().as_bytes())
        .await
        .unwrap();
    let mut anonymous = app.client();
    let response = anonymous.get("/spaces/krakow/popolo.json").await;
    assert_eq!(response.status, 200);
    assert!(response.content_type().starts_with("application/json"));
    let doc = response.json();
    let orgs = doc["organizations"].as_array().unwrap();
    assert_eq!(orgs.len(), 1);
    let org = &orgs[0];
    let id = org["id"].as_str().unwrap();
    assert!(id.starts_with("organization/"));
    assert_eq!(org["name"], "Local Activity Point Azory");
    assert_eq!(org["classification"], "local_government");
    assert_eq!(org["area_id"], "area/azory");
    assert_eq!(
        org["links"],
        cospace_testkit::json!([{ "url": "https://lap.example.org", "note": "website" }])
    );
    let details = org["contact_details"].as_array().unwrap();
    assert!(details.contains(&cospace_testkit::json!({
        "type": "email", "value": "anna@example.org", "label": "Anna Public", "note": "Coordinator"
    })));
    assert!(details.contains(&cospace_testkit::json!({
        "type": "voice", "value": "+48 12 345 67 89", "label": "Anna Public", "note": "Coordinator"
    })));
    assert!(details.contains(&cospace_testkit::json!({
        "type": "address", "value": "ul. Pachońskiego 2, Kraków"
    })));
    assert!(!response.body.contains("maria@example.org"));
    assert!(!response.body.contains("piotr@example.org"));
    let memberships = doc["memberships"].as_array().unwrap();
    assert_eq!(memberships.len(), 1);
    assert_eq!(memberships[0]["organization_id"], id);
    assert_eq!(memberships[0]["role"], "member");
    assert_eq!(memberships[0]["area_id"], "area/azory");
    assert_eq!(
        doc["areas"],
        cospace_testkit::json!([{ "id": "area/azory", "name": "Azory", "classification": "neighbourhood" }])
    );
    let full = coordinator.get("/spaces/azory/popolo.json").await.body;
    assert!(full.contains("maria@example.org") && full.contains("piotr@example.org"));
}

async fn the_import_form_is_for_space_admins(app: TestApp) {
    let (mut coordinator, mut member) = world(&app).await;
    let path = "/spaces/azory/stakeholders/import";
    let mut anonymous = app.client();
    assert_eq!(anonymous.get(path).await.status, 303);
    assert_eq!(member.get(path).await.status, 403);
    assert_eq!(
        member.post_form(path, &[("csv", &lap_file())]).await.status,
        403
    );
    assert!(!member
        .get("/spaces/azory/stakeholders")
        .await
        .body
        .contains(path));
    let directory = coordinator.get("/spaces/azory/stakeholders").await;
    assert!(directory.body.contains(path));
    assert!(directory.body.contains("/spaces/azory/popolo.json"));
    let form = coordinator.get(path).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("<label for=\"csv\">"));
    assert!(form.body.contains("<textarea id=\"csv\" name=\"csv\""));
    // Bad rows: the form comes back with every problem and the text, and nothing is written.
    let before = counts(&app).await;
    let bad = format!(
        "{}\n{}\n{}",
        lap_file(),
        row(&[
            ("record", "contact"),
            ("org_ref", "lap"),
            ("person", "X"),
            ("email", "nope")
        ]),
        row(&[
            ("record", "need"),
            ("org_ref", "lap"),
            ("kind", "castle"),
            ("title", "T")
        ])
    );
    let refused = coordinator.post_form(path, &[("csv", &bad)]).await;
    assert_eq!(refused.status, 422);
    assert!(refused
        .body
        .contains("Nothing was imported: 2 rows have problems"));
    assert!(refused
        .body
        .contains("<td>9</td><td><code>email</code></td>"));
    assert!(refused
        .body
        .contains("<td>10</td><td><code>kind</code></td>"));
    assert!(refused
        .body
        .contains("Enter an e-mail address like name@example.org."));
    assert!(refused.body.contains(",castle,T,,,,</textarea>"));
    assert_eq!(counts(&app).await, before);
    let empty = coordinator.post_form(path, &[("csv", "")]).await;
    assert_eq!(empty.status, 422);
    // A good file: imported, with a confirmation.
    let done = coordinator.post_form(path, &[("csv", &lap_file())]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location(), Some("/spaces/azory/stakeholders"));
    let page = coordinator.get("/spaces/azory/stakeholders").await;
    assert!(page.body.contains("The organisations have been imported."));
    assert!(page.body.contains("Local Activity Point Azory"));
    assert_eq!(app.count_activity("stakeholders.import").await, 1);
}

async fn a_large_sample_imports_in_one_go(app: TestApp) {
    world(&app).await;
    let sample = csv_io::synthetic_csv(2_000, 42);
    let plan = csv_io::parse(sample.as_bytes()).unwrap();
    let total = plan.rows();
    assert!(total > 8_000, "{total} rows");
    let before = counts(&app).await;
    let azory = space_id(&app, "azory").await;
    let mut seen = Vec::new();
    let imported = csv_io::import(app.db(), azory, None, "test", &plan, &mut |done, all| {
        seen.push((done, all))
    })
    .await
    .unwrap();
    assert_eq!(imported.rows(), total);
    assert!(seen.len() > 5);
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0));
    assert_eq!(seen.last(), Some(&(total, total)));
    let after = counts(&app).await;
    let added: Vec<i64> = after.iter().zip(&before).map(|(a, b)| a - b).collect();
    let (o, c, r, n) = (
        plan.organizations.len() as i64,
        plan.contacts.len() as i64,
        plan.resources.len() as i64,
        plan.needs.len() as i64,
    );
    assert_eq!(added, [o, o, c, r, n, o + r + n, 1]);
    let met = store::items_in(app.db(), ItemType::Need, &[azory], Some(NeedStatus::Met))
        .await
        .unwrap()
        .len();
    assert_eq!(
        met,
        plan.needs
            .iter()
            .filter(|n| n.status == NeedStatus::Met)
            .count()
    );
}
