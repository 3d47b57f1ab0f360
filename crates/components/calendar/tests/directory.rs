//! The calendar beside the stakeholders component without depending on it, on SQLite and
//! PostgreSQL: organisers are the platform's organisations, so planning works in a space where
//! stakeholders is disabled; venues come through the platform's directory; and links to the
//! pages of venues and organisers appear only where the component that has those pages is
//! enabled in the space.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use cospace_core::permissions::MemberRole;
use cospace_core::stakeholders::{ItemDraft, Kind, OrganizationDraft, Sector, Urgency};
use cospace_core::{ListingStatus, SpaceId};
use cospace_store::organizations;
use cospace_testkit::{db_tests, Client, TestApp};

const PASSWORD: &str = "a long test password";

fn components() -> Vec<cospace_web::Component> {
    vec![
        cospace_about::component(),
        cospace_stakeholders::component(),
        cospace_calendar::component(),
    ]
}

db_tests!(crate::components();
    the_calendar_works_where_stakeholders_is_disabled,
    venue_and_organiser_links_appear_only_where_stakeholders_is_enabled,
);

/// Azory, the Local Activity Point (approved there, administered by lap@) and its hall, a
/// venue offered in Azory; the LAP's admin signed in.
struct World {
    azory: SpaceId,
    lap: i64,
    hall: i64,
    lap_admin: Client,
}

async fn world(app: &TestApp) -> World {
    let azory = app.create_space(None, "azory", "Azory").await.id();
    let user = app.create_user("lap@example.org", PASSWORD, false).await;
    app.create_user("resident@example.org", PASSWORD, false)
        .await;
    app.add_member("azory", "resident@example.org", MemberRole::Member)
        .await;
    let mut tx = app.db().begin().await.unwrap();
    let lap = organizations::create(
        &mut tx,
        &OrganizationDraft {
            name: "Local Activity Point".into(),
            sector: Sector::Ngo,
            level: None,
            description: String::new(),
            website: None,
            languages: vec![],
            sdg_targets: vec![],
            address: "os. Azory 1".into(),
            location: None,
        },
        None,
    )
    .await
    .unwrap();
    organizations::list_in(&mut tx, lap, azory, ListingStatus::Approved)
        .await
        .unwrap();
    organizations::add_admin(&mut tx, lap, user).await.unwrap();
    // The venue is the stakeholders component's record: only the test reaches into it.
    let hall = cospace_stakeholders::store::create_item(
        &mut tx,
        cospace_stakeholders::store::ItemType::Resource,
        lap.0,
        azory,
        &ItemDraft {
            kind: Kind::Venue,
            title: "Community hall".into(),
            description: "A hall for 80 people".into(),
            capacity: Some(80),
            availability: String::new(),
            urgency: Urgency::Medium,
            address: "os. Azory 1".into(),
            location: None,
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    World {
        azory,
        lap: lap.0,
        hall,
        lap_admin: app.signed_in("lap@example.org", PASSWORD).await,
    }
}

async fn set_stakeholders(app: &TestApp, space: SpaceId, enabled: bool) {
    let mut tx = app.db().begin().await.unwrap();
    cospace_store::spaces::set_component(&mut tx, space, "stakeholders", enabled)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// Plans a festival at the hall and answers the event page's path.
async fn plan(w: &mut World, venue: Option<i64>) -> String {
    let lap = w.lap.to_string();
    let hall = venue.map(|v| v.to_string()).unwrap_or_default();
    let fields = [
        ("title", "Neighbourhood festival"),
        ("kind", "celebration"),
        ("time_zone", "Europe/Warsaw"),
        ("start_date", "2027-06-05"),
        ("start_time", "15:00"),
        ("end_time", "19:00"),
        ("organizers", lap.as_str()),
        ("audiences", "families"),
        ("venue", hall.as_str()),
    ];
    let response = w
        .lap_admin
        .post_form("/spaces/azory/calendar/events/new", &fields)
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    response.location().unwrap().to_owned()
}

async fn the_calendar_works_where_stakeholders_is_disabled(app: TestApp) {
    let mut w = world(&app).await;
    set_stakeholders(&app, w.azory, false).await;
    assert_eq!(
        w.lap_admin.get("/spaces/azory/stakeholders").await.status,
        404
    );

    // The planning form still offers the organisation and the venue to choose.
    let form = w.lap_admin.get("/spaces/azory/calendar/events/new").await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("Local Activity Point"), "{}", form.body);
    assert!(form.body.contains("Community hall"));

    let hall = w.hall;
    let event = plan(&mut w, Some(hall)).await;
    let page = w.lap_admin.get(&event).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Local Activity Point"));
    assert!(
        page.body.contains("Community hall, os. Azory 1"),
        "{}",
        page.body
    );
    // No link leads to pages that do not exist here.
    assert!(!page.body.contains("/stakeholders/"), "{}", page.body);

    // A member reads it in the month view and the feed, organiser and place included.
    let mut resident = app.signed_in("resident@example.org", PASSWORD).await;
    let month = resident
        .get("/spaces/azory/calendar?view=month&date=2027-06-01")
        .await;
    assert!(
        month.body.contains("Neighbourhood festival"),
        "{}",
        month.body
    );
    let feed = resident.get("/spaces/azory/calendar.ics").await;
    assert!(
        feed.body.contains("LOCATION:Community hall\\, os. Azory 1"),
        "{}",
        feed.body
    );
}

async fn venue_and_organiser_links_appear_only_where_stakeholders_is_enabled(app: TestApp) {
    let mut w = world(&app).await;
    let hall = w.hall;
    let event = plan(&mut w, Some(hall)).await;
    let venue_link = format!("href=\"/spaces/azory/stakeholders/resources/{}\"", w.hall);
    let organiser_link = format!(
        "href=\"/spaces/azory/stakeholders/organizations/{}\"",
        w.lap
    );

    let enabled = w.lap_admin.get(&event).await;
    assert!(enabled.body.contains(&venue_link), "{}", enabled.body);
    assert!(enabled.body.contains(&organiser_link));
    // The links lead to pages that exist.
    for path in [
        format!("/spaces/azory/stakeholders/resources/{}", w.hall),
        format!("/spaces/azory/stakeholders/organizations/{}", w.lap),
    ] {
        assert_eq!(w.lap_admin.get(&path).await.status, 200, "{path}");
    }

    set_stakeholders(&app, w.azory, false).await;
    let disabled = w.lap_admin.get(&event).await;
    assert!(!disabled.body.contains(&venue_link), "{}", disabled.body);
    assert!(!disabled.body.contains(&organiser_link));
    assert!(disabled.body.contains("Community hall"));
    assert!(disabled.body.contains("Local Activity Point"));

    set_stakeholders(&app, w.azory, true).await;
    assert!(w.lap_admin.get(&event).await.body.contains(&venue_link));
}
