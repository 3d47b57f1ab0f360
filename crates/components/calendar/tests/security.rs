//! Who may name whom on an event, on SQLite and PostgreSQL: organisers and venues must be
//! visible to every reader of the event and named only by their own admins (or a space admin);
//! other organisations are invited and join. Feeds and invitations link to the configured
//! public URL, never to the request's `Host`; an organisation's feed exists only where the
//! organisation is visible.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use axum::body::Body;
use axum::http::Method;
use cospace_core::permissions::MemberRole;
use cospace_core::stakeholders::{ItemDraft, Kind, OrganizationDraft, Sector, Urgency};
use cospace_core::SpaceId;
use cospace_stakeholders::store::{self as stakeholders, ItemType, LinkStatus};
use cospace_testkit::{db_tests, Client, TestApp};
use serde_json::json;

const PASSWORD: &str = "a long test password";

fn components() -> Vec<cospace_web::Component> {
    vec![
        cospace_about::component(),
        cospace_stakeholders::component(),
        cospace_calendar::component(),
    ]
}

db_tests!(crate::components();
    organisers_and_venues_must_be_visible_and_named_by_their_admins,
    other_organisations_are_invited_and_join,
    links_use_the_public_url_not_the_host_header,
    an_organisation_feed_exists_only_where_it_is_visible,
    the_web_import_refuses_text_that_is_not_utf8,
);

async fn space_id(app: &TestApp, slug: &str) -> SpaceId {
    cospace_store::spaces::space_by_slug(app.db(), slug)
        .await
        .unwrap()
        .id()
}

async fn organization(
    app: &TestApp,
    name: &str,
    space: SpaceId,
    status: LinkStatus,
    admin: &str,
) -> i64 {
    let user = cospace_store::accounts::user_by_email(app.db(), admin)
        .await
        .unwrap()
        .unwrap();
    let draft = OrganizationDraft {
        name: name.into(),
        sector: Sector::Ngo,
        level: None,
        description: String::new(),
        website: None,
        languages: vec![],
        sdg_targets: vec![],
        address: "Kraków".into(),
        location: None,
    };
    let mut tx = app.db().begin().await.unwrap();
    let id = stakeholders::create_organization(&mut tx, &draft, None)
        .await
        .unwrap();
    stakeholders::link_organization(&mut tx, id, space, status)
        .await
        .unwrap();
    stakeholders::add_organization_admin(&mut tx, id, user.id())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

async fn venue(
    app: &TestApp,
    organization: i64,
    space: SpaceId,
    title: &str,
    address: &str,
) -> i64 {
    let mut tx = app.db().begin().await.unwrap();
    let id = stakeholders::create_item(
        &mut tx,
        ItemType::Resource,
        organization,
        space,
        &ItemDraft {
            kind: Kind::Venue,
            title: title.into(),
            description: "A room".into(),
            capacity: Some(30),
            availability: String::new(),
            urgency: Urgency::Medium,
            address: address.into(),
            location: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

struct World {
    lap: i64,
    seniors: i64,
    newcomer_org: i64,
    hidden: i64,
    hall: i64,
    hidden_room: i64,
    coordinator: Client,
    lap_admin: Client,
    seniors_admin: Client,
    hidden_admin: Client,
    newcomer: Client,
}

/// Kraków → Azory (public) with the Local Activity Point (its hall a venue) and the Seniors
/// Club; a newcomer's organisation waiting for approval in Azory; a private space with an
/// organisation and a room of its own.
async fn world(app: &TestApp) -> World {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    app.create_space_with(None, "secret-garden", "Secret garden", "private")
        .await;
    for email in [
        "coordinator@example.org",
        "lap@example.org",
        "seniors@example.org",
        "hidden@example.org",
        "newcomer@example.org",
    ] {
        app.create_user(email, PASSWORD, false).await;
    }
    app.add_member("krakow", "coordinator@example.org", MemberRole::Admin)
        .await;
    app.add_member("secret-garden", "hidden@example.org", MemberRole::Member)
        .await;
    let azory = space_id(app, "azory").await;
    let secret = space_id(app, "secret-garden").await;
    let approved = LinkStatus::Approved;
    let lap = organization(
        app,
        "Local Activity Point",
        azory,
        approved,
        "lap@example.org",
    )
    .await;
    let seniors = organization(app, "Seniors Club", azory, approved, "seniors@example.org").await;
    let newcomer_org = organization(
        app,
        "Just registered",
        azory,
        LinkStatus::Pending,
        "newcomer@example.org",
    )
    .await;
    let hidden = organization(
        app,
        "Hidden Society",
        secret,
        approved,
        "hidden@example.org",
    )
    .await;
    let hall = venue(app, lap, azory, "Community hall", "os. Azory 1").await;
    let hidden_room = venue(app, hidden, secret, "Hidden room", "ul. Tajna 1").await;
    World {
        lap,
        seniors,
        newcomer_org,
        hidden,
        hall,
        hidden_room,
        coordinator: app.signed_in("coordinator@example.org", PASSWORD).await,
        lap_admin: app.signed_in("lap@example.org", PASSWORD).await,
        seniors_admin: app.signed_in("seniors@example.org", PASSWORD).await,
        hidden_admin: app.signed_in("hidden@example.org", PASSWORD).await,
        newcomer: app.signed_in("newcomer@example.org", PASSWORD).await,
    }
}

fn event(organizers: &[i64], venue: Option<i64>) -> serde_json::Value {
    json!({
        "title": "Neighbours' day",
        "kind": "celebration",
        "time_zone": "Europe/Warsaw",
        "start_date": "2027-06-12",
        "start_time": "10:00",
        "end_time": "12:00",
        "organizers": organizers.iter().map(|o| o.to_string()).collect::<Vec<_>>(),
        "venue": venue.map(|v| v.to_string()).unwrap_or_default(),
    })
}

async fn plan(app: &TestApp, email: &str, body: serde_json::Value) -> (u16, serde_json::Value) {
    let token = app.api_token(email).await;
    let response = app
        .client()
        .api(
            Method::POST,
            "/api/v1/spaces/azory/events",
            Some(&token),
            Some(body),
        )
        .await;
    let json = serde_json::from_str(&response.body).unwrap_or_default();
    (response.status.as_u16(), json)
}

fn field_codes(problem: &serde_json::Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or_default().to_owned(),
                        e["code"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn events(app: &TestApp) -> i64 {
    cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM calendar_events"
    )
    .fetch_one(pool)
    .await)
    .unwrap()
}

async fn organisers_and_venues_must_be_visible_and_named_by_their_admins(app: TestApp) {
    let w = world(&app).await;
    let not_listed = (
        "organizers".to_owned(),
        "error-organizer-not-listed".to_owned(),
    );
    let not_yours = (
        "organizers".to_owned(),
        "error-organizer-not-yours".to_owned(),
    );
    let bad_venue = ("venue".to_owned(), "error-unknown-venue".to_owned());

    // An organisation waiting for approval cannot organise yet.
    let (status, problem) =
        plan(&app, "newcomer@example.org", event(&[w.newcomer_org], None)).await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&problem), std::slice::from_ref(&not_listed));
    // The audited attack: one's own pending organisation, a private space's organisation and
    // an institution that did not agree, at a private space's venue.
    let attack = event(&[w.newcomer_org, w.hidden, w.seniors], Some(w.hidden_room));
    let (status, problem) = plan(&app, "newcomer@example.org", attack).await;
    assert_eq!(status, 422);
    assert!(field_codes(&problem).contains(&not_listed));
    assert!(field_codes(&problem).contains(&bad_venue));
    // An approved organisation's admin names only their own.
    let (status, problem) = plan(&app, "lap@example.org", event(&[w.lap, w.seniors], None)).await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&problem), [not_yours]);
    let (status, problem) = plan(&app, "lap@example.org", event(&[w.lap, w.hidden], None)).await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&problem), std::slice::from_ref(&not_listed));
    let (status, problem) = plan(
        &app,
        "lap@example.org",
        event(&[w.lap], Some(w.hidden_room)),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&problem), [bad_venue]);
    // A member of the private space is no exception: the event is public.
    let (status, _) = plan(&app, "hidden@example.org", event(&[w.hidden], None)).await;
    assert_eq!(status, 422);
    assert_eq!(events(&app).await, 0);

    // What is allowed: one's own approved organisation at a venue every reader may see; a
    // space admin naming any organisation of the space, but never a private space's.
    let (status, created) = plan(&app, "lap@example.org", event(&[w.lap], Some(w.hall))).await;
    assert_eq!(status, 201, "{created}");
    let (status, _) = plan(
        &app,
        "coordinator@example.org",
        event(&[w.lap, w.seniors], None),
    )
    .await;
    assert_eq!(status, 201);
    let (status, problem) = plan(
        &app,
        "coordinator@example.org",
        event(&[w.lap, w.hidden], None),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(field_codes(&problem), [not_listed]);
    assert_eq!(events(&app).await, 2);

    // Nothing of the private space reaches the public event page, API or feed.
    let mut anonymous = app.client();
    let url = created["url"].as_str().unwrap().to_owned();
    for path in [
        url.as_str(),
        "/spaces/azory/calendar.ics",
        "/api/v1/spaces/azory/events?from=2027-06-01&to=2027-06-30",
    ] {
        let body = anonymous.get(path).await.body;
        assert!(!body.contains("Hidden"), "{path}");
        assert!(!body.contains("Tajna"), "{path}");
    }

    // The planning form offers only what the planner may name.
    let mut lap_admin = w.lap_admin;
    let form = lap_admin.get("/spaces/azory/calendar/events/new").await;
    assert!(form.body.contains("Local Activity Point"));
    assert!(!form.body.contains("Seniors Club"));
    assert!(!form.body.contains("Hidden"));
    assert!(!form.body.contains("Just registered"));
    // The same rules hold for the form.
    let refused = lap_admin
        .post_form(
            "/spaces/azory/calendar/events/new",
            &[
                ("title", "Stolen names"),
                ("kind", "action"),
                ("time_zone", "Europe/Warsaw"),
                ("start_date", "2027-07-01"),
                ("start_time", "10:00"),
                ("end_time", "11:00"),
                ("organizers", &w.lap.to_string()),
                ("organizers", &w.hidden.to_string()),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("approved and listed in this space"));
    assert_eq!(events(&app).await, 2);
    let _ = (w.hidden_admin, w.newcomer, w.coordinator, w.seniors_admin);
}

async fn other_organisations_are_invited_and_join(app: TestApp) {
    let mut w = world(&app).await;
    let (status, created) = plan(&app, "lap@example.org", event(&[w.lap], Some(w.hall))).await;
    assert_eq!(status, 201);
    let url = created["url"].as_str().unwrap().to_owned();
    // A private space's organisation can neither be invited nor join.
    let refused = w
        .lap_admin
        .post_form(
            &format!("{url}/invite"),
            &[("organizations", &w.hidden.to_string())],
        )
        .await;
    assert_eq!(refused.status, 303);
    assert_eq!(app.count_activity("event.invite").await, 0);
    let hidden = w.hidden.to_string();
    let joined = w
        .hidden_admin
        .post_form(&format!("{url}/join"), &[("organization", &hidden)])
        .await;
    assert_eq!(joined.status, 400);
    let pending = w.newcomer_org.to_string();
    let joined = w
        .newcomer
        .post_form(&format!("{url}/join"), &[("organization", &pending)])
        .await;
    assert_eq!(joined.status, 400);
    // The Seniors Club is invited, and becomes an organiser by accepting.
    let seniors = w.seniors.to_string();
    let invited = w
        .lap_admin
        .post_form(&format!("{url}/invite"), &[("organizations", &seniors)])
        .await;
    assert_eq!(invited.status, 303);
    assert!(w.lap_admin.get(&url).await.body.contains("Seniors Club"));
    let accepted = w
        .seniors_admin
        .post_form(&format!("{url}/join"), &[("organization", &seniors)])
        .await;
    assert_eq!(accepted.status, 303);
    let left: i64 = cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM calendar_invitations"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(left, 0, "an accepted invitation is answered");
    let page = app.client().get(&url).await;
    assert!(page.body.contains("Seniors Club"));
    assert!(!page.body.contains("Hidden"));
}

async fn links_use_the_public_url_not_the_host_header(app: TestApp) {
    let mut w = world(&app).await;
    let (status, _) = plan(&app, "lap@example.org", event(&[w.lap], Some(w.hall))).await;
    assert_eq!(status, 201);
    let forged = [("host", "login-cospace.evil.example")];
    for path in [
        "/spaces/azory/calendar.ics".to_owned(),
        format!("/spaces/azory/calendar/organizations/{}.ics", w.lap),
    ] {
        let feed = w
            .lap_admin
            .request(Method::GET, &path, &forged, Body::empty())
            .await;
        assert_eq!(feed.status, 200, "{path}");
        assert!(!feed.body.contains("evil.example"), "{path}");
        assert!(feed
            .body
            .contains("http://127.0.0.1:8080/spaces/azory/calendar/events/"));
    }
    // The personal feed's address is shown once, under the public URL.
    w.lap_admin.get("/spaces/azory/calendar").await;
    let token = w.lap_admin.csrf.clone().unwrap();
    let body = format!("csrf_token={token}");
    let made = w
        .lap_admin
        .request(
            Method::POST,
            "/spaces/azory/calendar/my-feed",
            &[
                ("host", "login-cospace.evil.example"),
                ("content-type", "application/x-www-form-urlencoded"),
            ],
            Body::from(body),
        )
        .await;
    assert_eq!(made.status, 200, "{}", made.body);
    assert!(made.body.contains("http://127.0.0.1:8080/calendar/feeds/"));
    assert!(!made.body.contains("evil.example"));
}

async fn an_organisation_feed_exists_only_where_it_is_visible(app: TestApp) {
    let w = world(&app).await;
    let mut anonymous = app.client();
    let visible = anonymous
        .get(&format!(
            "/spaces/azory/calendar/organizations/{}.ics",
            w.lap
        ))
        .await;
    assert_eq!(visible.status, 200);
    for id in [w.hidden, w.newcomer_org, 987_654] {
        let probe = anonymous
            .get(&format!("/spaces/azory/calendar/organizations/{id}.ics"))
            .await;
        assert_eq!(probe.status, 404, "{id}");
        assert!(!probe.body.contains("Hidden"));
        assert!(!probe.body.contains("Just registered"));
    }
}

async fn the_web_import_refuses_text_that_is_not_utf8(app: TestApp) {
    let mut w = world(&app).await;
    w.lap_admin.get("/spaces/azory/calendar/import").await;
    let token = w.lap_admin.csrf.clone().unwrap();
    // "Kraków" in Latin-2 (ó is 0xF3): not UTF-8, refused rather than silently replaced.
    let body = format!(
        "csrf_token={token}&organization={}&time_zone=Europe%2FWarsaw&ics=BEGIN%3AVCALENDAR%0D%0ASUMMARY%3AKrak%F3w%0D%0AEND%3AVCALENDAR",
        w.lap
    );
    let response = w
        .lap_admin
        .request(
            Method::POST,
            "/spaces/azory/calendar/import",
            &[("content-type", "application/x-www-form-urlencoded")],
            Body::from(body),
        )
        .await;
    assert_eq!(response.status, 400);
    assert!(
        response.body.contains("not valid UTF-8"),
        "{}",
        response.body
    );
    assert_eq!(events(&app).await, 0);
}
