//! Exports and lists at the scale of a city, on SQLite and PostgreSQL: contacts judged by the
//! reader's role in each organisation's own space on every channel, exports streamed batch by
//! batch without losing or repeating a row, the limit on concurrent exports, and API lists
//! paged by cursor with an absolute `Link` to the next page.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use axum::http::Method;
use cospace_core::permissions::MemberRole;
use cospace_core::stakeholders::ContactVisibility;
use cospace_core::SpaceId;
use cospace_stakeholders::csv_io;
use cospace_testkit::{db_tests, Client, TestApp, Value};
use std::collections::BTreeSet;

const PASSWORD: &str = "a long test password";

fn components() -> Vec<cospace_web::Component> {
    vec![
        cospace_about::component(),
        cospace_stakeholders::component(),
    ]
}

db_tests!(crate::components();
    a_childs_members_only_contacts_stay_with_the_childs_members,
    streamed_exports_hold_every_organization_once,
    exports_wait_when_every_slot_is_taken,
    api_lists_are_paged_with_a_link_to_the_next_page,
    bad_pages_are_refused_naming_the_field,
);

async fn space_id(app: &TestApp, slug: &str) -> SpaceId {
    cospace_store::spaces::space_by_slug(app.db(), slug)
        .await
        .unwrap()
        .id()
}

/// Adds an organisation through the form; returns its id.
async fn add_org(client: &mut Client, space: &str, name: &str) -> i64 {
    let response = client
        .post_form(
            &format!("/spaces/{space}/stakeholders/organizations/new"),
            &[
                ("name", name),
                ("sector", "ngo"),
                ("description", "Works in the neighbourhood"),
                ("languages", "pl"),
                ("address", "ul. Azory 1, Kraków"),
                ("lat", "50.0866"),
                ("lon", "19.9101"),
            ],
        )
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    let location = response.location().unwrap();
    location
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("organisation id in {location}"))
}

async fn add_contact(client: &mut Client, org: i64, person: &str, email: &str, visibility: &str) {
    let response = client
        .post_form(
            &format!("/spaces/azory/stakeholders/organizations/{org}/contacts"),
            &[
                ("person", person),
                ("email", email),
                ("visibility", visibility),
            ],
        )
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
}

async fn a_childs_members_only_contacts_stay_with_the_childs_members(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    for (email, space, role) in [
        ("coordinator@example.org", "krakow", Some(MemberRole::Admin)),
        ("city@example.org", "krakow", Some(MemberRole::Member)),
        ("member@example.org", "azory", Some(MemberRole::Member)),
        ("founder@example.org", "azory", None),
    ] {
        app.create_user(email, PASSWORD, false).await;
        if let Some(role) = role {
            app.add_member(space, email, role).await;
        }
    }
    let mut coordinator = app.signed_in("coordinator@example.org", PASSWORD).await;
    let lap = add_org(&mut coordinator, "azory", "Local Activity Point").await;
    add_contact(
        &mut coordinator,
        lap,
        "Public Paula",
        "paula@example.org",
        "public",
    )
    .await;
    add_contact(
        &mut coordinator,
        lap,
        "Member Marek",
        "marek@example.org",
        "members",
    )
    .await;
    add_contact(
        &mut coordinator,
        lap,
        "Admin Agata",
        "agata@example.org",
        "admins",
    )
    .await;
    // An organisation its founder registered and administers; approved by the coordinator.
    let mut founder = app.signed_in("founder@example.org", PASSWORD).await;
    let workshop = add_org(&mut founder, "azory", "Founder's Workshop").await;
    let approved = coordinator
        .post_form(
            &format!("/spaces/azory/stakeholders/organizations/{workshop}/approve"),
            &[],
        )
        .await;
    assert_eq!(approved.status, 303);
    add_contact(
        &mut founder,
        workshop,
        "Workshop Wanda",
        "wanda@example.org",
        "admins",
    )
    .await;

    // Every channel of the parent, which includes Azory's organisations.
    let channels = [
        "/spaces/krakow/stakeholders.csv",
        "/spaces/krakow/popolo.json",
        "/spaces/krakow/map.geojson",
        "/spaces/krakow/stakeholders/map",
        "/api/v1/spaces/krakow/organizations",
        "/api/v1/spaces/azory/organizations",
        "/spaces/azory/stakeholders.csv",
    ];
    for (email, sees_members, sees_admins, sees_wanda) in [
        // Kraków's member is no member of Azory: the role in the parent stays in the parent.
        ("city@example.org", false, false, false),
        ("member@example.org", true, false, false),
        ("founder@example.org", false, false, true),
        // A parent's admin administers the spaces below it.
        ("coordinator@example.org", true, true, true),
    ] {
        let mut client = app.signed_in(email, PASSWORD).await;
        let token = app.api_token(email).await;
        for channel in channels {
            let response = if channel.starts_with("/api/") {
                client.api(Method::GET, channel, Some(&token), None).await
            } else {
                client.get(channel).await
            };
            assert_eq!(response.status, 200, "{email} {channel}");
            let body = response.body;
            assert!(body.contains("paula@example.org"), "{email} {channel}");
            assert_eq!(
                body.contains("marek@example.org"),
                sees_members,
                "{email} {channel}"
            );
            assert_eq!(
                body.contains("agata@example.org"),
                sees_admins,
                "{email} {channel}"
            );
            assert_eq!(
                body.contains("wanda@example.org"),
                sees_wanda,
                "{email} {channel}"
            );
        }
    }
}

/// The organisation names of a CSV export, each once.
fn csv_organizations(body: &str) -> Vec<String> {
    let plan = csv_io::parse(body.as_bytes()).unwrap();
    plan.organizations
        .iter()
        .map(|o| o.draft.name.clone())
        .collect()
}

async fn streamed_exports_hold_every_organization_once(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    // More than two batches, so that batch boundaries are crossed.
    let sample = csv_io::synthetic_csv(1234, 7);
    let original = csv_io::parse(sample.as_bytes()).unwrap();
    let azory = space_id(&app, "azory").await;
    csv_io::import_csv(app.db(), azory, None, "test", sample.as_bytes())
        .await
        .unwrap();
    let mut anonymous = app.client();
    let csv = anonymous.get("/spaces/krakow/stakeholders.csv").await;
    assert_eq!(csv.status, 200);
    let exported = csv_organizations(&csv.body);
    assert_eq!(exported.len(), 1234);
    let mut expected: Vec<String> = original
        .organizations
        .iter()
        .map(|o| o.draft.name.clone())
        .collect();
    let mut sorted = exported.clone();
    sorted.sort();
    expected.sort();
    assert_eq!(sorted, expected);
    // Every public contact, resource and need comes along.
    let parsed = csv_io::parse(csv.body.as_bytes()).unwrap();
    let public_contacts = original
        .contacts
        .iter()
        .filter(|c| c.draft.visibility == ContactVisibility::Public)
        .count();
    assert_eq!(parsed.contacts.len(), public_contacts);
    assert_eq!(parsed.resources.len(), original.resources.len());
    assert_eq!(parsed.needs.len(), original.needs.len());

    let popolo = anonymous.get("/spaces/krakow/popolo.json").await;
    assert_eq!(popolo.status, 200);
    let doc: Value = popolo.json();
    let ids: BTreeSet<&str> = doc["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 1234);
    let memberships = doc["memberships"].as_array().unwrap();
    assert_eq!(memberships.len(), 1234);
    assert!(memberships
        .iter()
        .all(|m| ids.contains(m["organization_id"].as_str().unwrap())));
}

async fn exports_wait_when_every_slot_is_taken(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    let mut anonymous = app.client();
    let mut held = Vec::new();
    while let Ok(slot) = app.state.exports.take() {
        held.push(slot);
    }
    assert_eq!(held.len(), 2, "two exports at once by default");
    for path in [
        "/spaces/krakow/stakeholders.csv",
        "/spaces/krakow/popolo.json",
    ] {
        let busy = anonymous.get(path).await;
        assert_eq!(busy.status, 503, "{path}");
        assert_eq!(busy.header("retry-after"), Some("10"), "{path}");
        assert!(busy.body.contains("try again in a minute"), "{}", busy.body);
    }
    held.pop();
    for path in [
        "/spaces/krakow/stakeholders.csv",
        "/spaces/krakow/popolo.json",
    ] {
        assert_eq!(anonymous.get(path).await.status, 200, "{path}");
    }
    // A finished export gives its slot back.
    assert!(app.state.exports.take().is_ok());
}

/// The address in a `Link: <…>; rel="next"` header.
fn next_link(link: Option<&str>) -> Option<String> {
    let link = link?;
    assert!(link.ends_with("; rel=\"next\""), "{link}");
    Some(
        link.trim_start_matches('<')
            .split('>')
            .next()
            .unwrap()
            .to_owned(),
    )
}

async fn api_lists_are_paged_with_a_link_to_the_next_page(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    let krakow = space_id(&app, "krakow").await;
    csv_io::import_csv(
        app.db(),
        krakow,
        None,
        "test",
        csv_io::synthetic_csv(23, 3).as_bytes(),
    )
    .await
    .unwrap();
    let public_url = app.state.config.public_url.clone();
    let mut anonymous = app.client();
    let mut seen = BTreeSet::new();
    let mut next = Some("/api/v1/spaces/krakow/organizations?limit=5".to_owned());
    let mut pages = 0;
    while let Some(address) = next {
        let path = address.trim_start_matches(&public_url).to_owned();
        // A forged Host header changes nothing in the links.
        let response = anonymous
            .request(
                Method::GET,
                &path,
                &[("host", "login-cospace.evil.example")],
                axum::body::Body::empty(),
            )
            .await;
        assert_eq!(response.status, 200, "{path}: {}", response.body);
        let items = response.json();
        let items = items.as_array().unwrap();
        assert!(items.len() <= 5);
        for item in items {
            assert!(seen.insert(item["id"].as_i64().unwrap()), "repeated {item}");
        }
        next = next_link(response.header("link"));
        if let Some(link) = &next {
            assert!(link.starts_with(&format!("{public_url}/api/v1/")), "{link}");
        }
        pages += 1;
    }
    assert_eq!(seen.len(), 23);
    assert_eq!(pages, 5);
    // Resources and needs page the same way and keep their filter in the link.
    let needs = anonymous
        .get("/api/v1/spaces/krakow/needs?status=open&limit=1")
        .await;
    assert_eq!(needs.status, 200);
    assert_eq!(needs.json().as_array().unwrap().len(), 1);
    let link = next_link(needs.header("link")).unwrap();
    assert!(link.contains("status=open") && link.contains("limit=1") && link.contains("cursor="));
    let resources = anonymous
        .get("/api/v1/spaces/krakow/resources?limit=1000")
        .await;
    assert_eq!(resources.status, 200);
    assert!(resources.header("link").is_none());
}

async fn bad_pages_are_refused_naming_the_field(app: TestApp) {
    app.create_space(None, "krakow", "Kraków").await;
    let mut anonymous = app.client();
    for (query, field) in [
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=ten", "limit"),
        ("cursor=-1", "cursor"),
        ("cursor=abc", "cursor"),
    ] {
        for list in ["organizations", "resources", "needs", "matches"] {
            let path = format!("/api/v1/spaces/krakow/{list}?{query}");
            let response = anonymous.get(&path).await;
            assert_eq!(response.status, 422, "{path}: {}", response.body);
            assert_eq!(
                response.content_type(),
                "application/problem+json",
                "{path}"
            );
            let problem = response.json();
            let errors = problem["errors"].as_array().unwrap();
            assert!(
                errors.iter().any(|e| e["field"] == field),
                "{path}: {problem}"
            );
        }
    }
}
