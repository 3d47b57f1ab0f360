//! The common calendar over HTTP, on SQLite and PostgreSQL: planning with clash warnings and
//! joining as co-organiser (a common action), views with filters, permissions per role, bad
//! input, the iCalendar feed read back by a real parser, the API and the indicators.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use axum::http::Method;
use cospace_core::geo::Point;
use cospace_core::permissions::MemberRole;
use cospace_core::stakeholders::{ItemDraft, Kind, OrganizationDraft, Sector, Urgency};
use cospace_core::SpaceId;
use cospace_stakeholders::store::{self as stakeholders, ItemType, LinkStatus};
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
    a_clash_is_warned_and_joining_makes_a_common_action,
    plans_are_checked_field_by_field_and_nothing_is_written,
    only_admins_of_an_organiser_or_space_admins_plan_and_edit,
    views_show_occurrences_with_filters_and_a_city_includes_its_neighbourhoods,
    the_feed_is_valid_icalendar_with_timezones_and_sequence,
    the_api_lists_events_and_clashes_and_refuses_bad_periods,
    indicators_count_events_common_actions_and_people,
    one_date_of_a_series_is_cancelled_or_moved,
    a_personal_feed_holds_what_ones_organisations_organise,
);

struct World {
    lap: i64,
    seniors: i64,
    hall: i64,
    coordinator: Client,
    lap_admin: Client,
    seniors_admin: Client,
}

async fn space_id(app: &TestApp, slug: &str) -> SpaceId {
    cospace_store::spaces::space_by_slug(app.db(), slug)
        .await
        .unwrap()
        .id()
}

async fn organization(app: &TestApp, name: &str, space: SpaceId, admin: &str) -> i64 {
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
        address: "Azory, Kraków".into(),
        location: None,
    };
    let mut tx = app.db().begin().await.unwrap();
    let id = stakeholders::create_organization(&mut tx, &draft, None)
        .await
        .unwrap();
    stakeholders::link_organization(&mut tx, id, space, LinkStatus::Approved)
        .await
        .unwrap();
    stakeholders::add_organization_admin(&mut tx, id, user.id())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    id
}

/// Kraków → Azory; the Local Activity Point with its hall (a venue) and the Seniors Club,
/// each with its own admin; a coordinator who administers Kraków.
async fn world(app: &TestApp) -> World {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    for email in [
        "coordinator@example.org",
        "lap@example.org",
        "seniors@example.org",
        "resident@example.org",
    ] {
        app.create_user(email, PASSWORD, false).await;
    }
    app.add_member("krakow", "coordinator@example.org", MemberRole::Admin)
        .await;
    app.add_member("azory", "resident@example.org", MemberRole::Member)
        .await;
    let azory = space_id(app, "azory").await;
    let lap = organization(app, "Local Activity Point", azory, "lap@example.org").await;
    let seniors = organization(app, "Seniors Club", azory, "seniors@example.org").await;
    let mut tx = app.db().begin().await.unwrap();
    let hall = stakeholders::create_item(
        &mut tx,
        ItemType::Resource,
        lap,
        azory,
        &ItemDraft {
            kind: Kind::Venue,
            title: "Community hall".into(),
            description: "A hall for 80 people".into(),
            capacity: Some(80),
            availability: String::new(),
            urgency: Urgency::Medium,
            address: "os. Azory 1".into(),
            location: Some(Point {
                lat: 50.0876,
                lon: 19.9060,
            }),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    World {
        lap,
        seniors,
        hall,
        coordinator: app.signed_in("coordinator@example.org", PASSWORD).await,
        lap_admin: app.signed_in("lap@example.org", PASSWORD).await,
        seniors_admin: app.signed_in("seniors@example.org", PASSWORD).await,
    }
}

fn event_fields<'a>(
    title: &'a str,
    organizer: &'a str,
    date: &'a str,
    start: &'a str,
    end: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("kind", "celebration"),
        ("time_zone", "Europe/Warsaw"),
        ("start_date", date),
        ("start_time", start),
        ("end_time", end),
        ("organizers", organizer),
        ("audiences", "families"),
        ("expected_participants", "120"),
    ]
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(&sql)
        .fetch_one(pool)
        .await)
    .unwrap()
}

async fn a_clash_is_warned_and_joining_makes_a_common_action(app: TestApp) {
    let mut w = world(&app).await;
    let (lap, seniors, hall) = (w.lap.to_string(), w.seniors.to_string(), w.hall.to_string());
    let mut first = event_fields("Family feast", &lap, "2027-06-05", "15:00", "19:00");
    first.push(("venue", &hall));
    let response = w
        .lap_admin
        .post_form("/spaces/azory/calendar/events/new", &first)
        .await;
    assert_eq!(response.status, 303, "{}", response.body);
    let feast_url = response.location().unwrap().to_owned();
    let feast_id: i64 = feast_url.rsplit('/').next().unwrap().parse().unwrap();

    // The Seniors Club plans a picnic in the same hall, overlapping: warned, nothing written.
    let mut second = event_fields("Seniors picnic", &seniors, "2027-06-05", "17:00", "20:00");
    second.push(("venue", &hall));
    let warned = w
        .seniors_admin
        .post_form("/spaces/azory/calendar/events/new", &second)
        .await;
    assert_eq!(warned.status, 200);
    assert!(
        warned.body.contains("This clashes with what others plan"),
        "{}",
        warned.body
    );
    assert!(warned.body.contains("Family feast"));
    assert!(warned.body.contains("same venue at the same time"));
    assert!(warned
        .body
        .contains("same audience on the same day: Families"));
    assert!(warned.body.contains(&format!("{feast_url}/join")));
    assert_eq!(count(&app, "calendar_events").await, 1);

    // The live check says the same.
    let live = w
        .seniors_admin
        .post_form("/spaces/azory/calendar/clash-check", &second)
        .await;
    assert!(live.body.contains("Family feast"));

    // Joining instead: the feast has two organisers, a common action; the LAP's admin is told.
    let joined = w
        .seniors_admin
        .post_form(&format!("{feast_url}/join"), &[("organization", &seniors)])
        .await;
    assert_eq!(joined.status, 303);
    let page = w.seniors_admin.get(&feast_url).await;
    assert!(page.body.contains("Common action"), "{}", page.body);
    assert!(page.body.contains("Seniors&#x27; Club") || page.body.contains("Seniors Club"));
    let notified: i64 = cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE message_key = 'notify-event-joined'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(notified, 1);
    assert_eq!(app.count_activity("event.join").await, 1);
    let sequence: i64 = cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT sequence FROM calendar_events WHERE id = $1"
    )
    .bind(feast_id)
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(sequence, 1);

    // Planning anyway is possible once the clashes are acknowledged.
    second.push(("confirm_clashes", "yes"));
    let planned = w
        .seniors_admin
        .post_form("/spaces/azory/calendar/events/new", &second)
        .await;
    assert_eq!(planned.status, 303);
    let coordination = w
        .coordinator
        .get("/spaces/krakow/calendar/coordination?from=2027-06-01&to=2027-06-30")
        .await;
    assert!(
        coordination.body.contains("Seniors&#x27; picnic")
            || coordination.body.contains("Seniors picnic")
    );
    assert!(coordination.body.contains("same venue at the same time"));
}

async fn plans_are_checked_field_by_field_and_nothing_is_written(app: TestApp) {
    let mut w = world(&app).await;
    let lap = w.lap.to_string();
    let cases: Vec<(Vec<(&str, &str)>, &str)> = vec![
        (
            vec![("end_time", "09:00")],
            "The end must come after the start.",
        ),
        (
            vec![("time_zone", "Europe/Atlantis")],
            "This is not a time zone name",
        ),
        (
            vec![("repeat", "custom"), ("rrule", "FREQ=SOMETIMES")],
            "Events can repeat daily, weekly, monthly or yearly.",
        ),
        (
            vec![("repeat", "custom"), ("rrule", "BYDAY=TU;FREQ")],
            "This recurrence rule does not parse",
        ),
        (vec![("organizers", "999999")], "No such organisation."),
        (vec![("venue", "424242")], "No such venue in the registry."),
    ];
    for (changes, message) in cases {
        let mut fields = event_fields("Workshop", &lap, "2027-03-02", "10:00", "12:00");
        for (name, value) in &changes {
            fields.retain(|(n, _)| n != name);
            fields.push((name, value));
        }
        let response = w
            .lap_admin
            .post_form("/spaces/azory/calendar/events/new", &fields)
            .await;
        assert_eq!(response.status, 422, "{changes:?}");
        assert!(
            response.body.contains(message),
            "{changes:?}: {}",
            response.body
        );
    }
    let huge = "x".repeat(20_001);
    let mut fields = event_fields("Workshop", &lap, "2027-03-02", "10:00", "12:00");
    fields.push(("description", &huge));
    let response = w
        .lap_admin
        .post_form("/spaces/azory/calendar/events/new", &fields)
        .await;
    assert_eq!(response.status, 422);
    assert_eq!(count(&app, "calendar_events").await, 0);
    assert_eq!(count(&app, "calendar_event_organizers").await, 0);
}

async fn only_admins_of_an_organiser_or_space_admins_plan_and_edit(app: TestApp) {
    let mut w = world(&app).await;
    let lap = w.lap.to_string();
    let fields = event_fields("Workshop", &lap, "2027-03-02", "10:00", "12:00");
    // Anonymous: asked to sign in; a member who administers no organiser: told to include one.
    let anonymous = app
        .client()
        .post_form("/spaces/azory/calendar/events/new", &fields)
        .await;
    assert_eq!(anonymous.status, 303);
    assert!(anonymous.location().unwrap().contains("sign-in"));
    let mut resident = app.signed_in("resident@example.org", PASSWORD).await;
    let refused = resident
        .post_form("/spaces/azory/calendar/events/new", &fields)
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused
        .body
        .contains("Name as organisers only organisations you administer"));
    // The Seniors Club's admin cannot plan for the LAP alone either.
    let refused = w
        .seniors_admin
        .post_form("/spaces/azory/calendar/events/new", &fields)
        .await;
    assert_eq!(refused.status, 422);
    // The coordinator (a space admin above) may plan for anyone.
    let planned = w
        .coordinator
        .post_form("/spaces/azory/calendar/events/new", &fields)
        .await;
    assert_eq!(planned.status, 303);
    let url = planned.location().unwrap().to_owned();
    // The LAP's admin edits it; the Seniors Club's admin may not.
    let mut edited = fields.clone();
    edited.retain(|(n, _)| *n != "title");
    edited.push(("title", "Workshop on gardening"));
    assert_eq!(
        w.seniors_admin
            .post_form(&format!("{url}/edit"), &edited)
            .await
            .status,
        403
    );
    assert_eq!(
        w.lap_admin
            .post_form(&format!("{url}/edit"), &edited)
            .await
            .status,
        303
    );
    assert!(app
        .client()
        .get(&url)
        .await
        .body
        .contains("Workshop on gardening"));
    assert_eq!(
        w.seniors_admin
            .post_form(&format!("{url}/cancel"), &[])
            .await
            .status,
        403
    );
    assert_eq!(
        w.lap_admin
            .post_form(&format!("{url}/cancel"), &[])
            .await
            .status,
        303
    );
    assert!(app.client().get(&url).await.body.contains("Cancelled"));
    // Joining for an organisation one does not administer is refused.
    let other = w.seniors.to_string();
    assert_eq!(
        resident
            .post_form(&format!("{url}/join"), &[("organization", &other)])
            .await
            .status,
        403
    );
}

async fn views_show_occurrences_with_filters_and_a_city_includes_its_neighbourhoods(app: TestApp) {
    let mut w = world(&app).await;
    let (lap, seniors) = (w.lap.to_string(), w.seniors.to_string());
    let mut meeting = event_fields(
        "Local leaders' meeting",
        &lap,
        "2027-01-12",
        "17:00",
        "19:00",
    );
    meeting.retain(|(n, _)| *n != "kind" && *n != "audiences");
    meeting.extend([
        ("kind", "meeting"),
        ("repeat", "monthly_weekday"),
        ("repeat_ends", "count"),
        ("repeat_count", "5"),
        ("audiences", "adults"),
    ]);
    assert_eq!(
        w.lap_admin
            .post_form("/spaces/azory/calendar/events/new", &meeting)
            .await
            .status,
        303
    );
    let club = event_fields(
        "Seniors club anniversary",
        &seniors,
        "2027-03-20",
        "12:00",
        "15:00",
    );
    assert_eq!(
        w.seniors_admin
            .post_form("/spaces/azory/calendar/events/new", &club)
            .await
            .status,
        303
    );

    let march = app
        .client()
        .get("/spaces/krakow/calendar?view=month&date=2027-03-01")
        .await;
    assert_eq!(march.status, 200);
    assert!(march.body.contains("March 2027"));
    assert!(march.body.contains("17:00 Local leaders"), "{}", march.body);
    assert!(
        march.body.contains("Seniors&#x27; club anniversary")
            || march.body.contains("Seniors club anniversary")
    );
    // Filters: only meetings; only the Seniors Club.
    let meetings = app
        .client()
        .get("/spaces/krakow/calendar?view=month&date=2027-03-01&kind=meeting")
        .await;
    assert!(meetings.body.contains("Local leaders"));
    assert!(!meetings.body.contains("anniversary"));
    let club_only = app
        .client()
        .get(&format!(
            "/spaces/krakow/calendar?view=agenda&date=2027-03-01&organizer={seniors}"
        ))
        .await;
    assert!(club_only.body.contains("anniversary"));
    assert!(!club_only.body.contains("Local leaders"));
    // Filtered by one organiser, the page offers that organiser's own feed, which holds the
    // same events.
    let feed = format!("/spaces/krakow/calendar/organizations/{seniors}.ics");
    assert!(
        club_only.body.contains(&format!("href=\"{feed}\"")),
        "{}",
        club_only.body
    );
    assert!(!meetings.body.contains("/calendar/organizations/"));
    let ics = app.client().get(&feed).await;
    assert_eq!(ics.status, 200);
    assert!(ics.body.contains("anniversary") && !ics.body.contains("Local leaders"));
    // Second Tuesdays: 9 March 2027 in the week view, not the week after.
    let week = app
        .client()
        .get("/spaces/azory/calendar?view=week&date=2027-03-10")
        .await;
    assert!(week.body.contains("Local leaders"));
    let next_week = app
        .client()
        .get("/spaces/azory/calendar?view=week&date=2027-03-16")
        .await;
    assert!(!next_week.body.contains("Local leaders"));
    // After five meetings the series ends.
    let june = app
        .client()
        .get("/spaces/azory/calendar?view=month&date=2027-06-01")
        .await;
    assert!(!june.body.contains("Local leaders"));
}

async fn the_feed_is_valid_icalendar_with_timezones_and_sequence(app: TestApp) {
    use icalendar::{Calendar, CalendarComponent, Component};
    let mut w = world(&app).await;
    let lap = w.lap.to_string();
    let mut meeting = event_fields(
        "Local leaders' meeting; agenda, minutes",
        &lap,
        "2027-01-12",
        "17:00",
        "19:00",
    );
    meeting.extend([
        ("repeat", "monthly_weekday"),
        ("description", "Line one\nLine two, with a comma"),
    ]);
    let planned = w
        .lap_admin
        .post_form("/spaces/azory/calendar/events/new", &meeting)
        .await;
    let url = planned.location().unwrap().to_owned();
    let once = event_fields(
        "Christmas Eve for lonely people",
        &lap,
        "2027-12-24",
        "14:00",
        "18:00",
    );
    w.lap_admin
        .post_form("/spaces/azory/calendar/events/new", &once)
        .await;
    let cancelled = w.lap_admin.post_form(&format!("{url}/cancel"), &[]).await;
    assert_eq!(cancelled.status, 303);

    let feed = app.client().get("/spaces/krakow/calendar.ics").await;
    assert_eq!(feed.status, 200);
    assert!(feed.content_type().starts_with("text/calendar"));
    assert!(feed.body.lines().all(|l| l.len() <= 76), "lines are folded");
    let parsed: Calendar = feed
        .body
        .parse()
        .expect("a real iCalendar parser reads the feed");
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 2);
    let leaders = events
        .iter()
        .find(|e| e.get_summary() == Some("Local leaders' meeting; agenda, minutes"))
        .expect("summary unescaped");
    assert_eq!(
        leaders.get_description(),
        Some("Line one\nLine two, with a comma\n\nLocal Activity Point")
    );
    assert_eq!(
        leaders.property_value("RRULE"),
        Some("FREQ=MONTHLY;BYDAY=2TU")
    );
    assert_eq!(leaders.property_value("STATUS"), Some("CANCELLED"));
    assert_eq!(leaders.property_value("SEQUENCE"), Some("1"));
    let dtstart = leaders.properties().get("DTSTART").unwrap();
    assert_eq!(dtstart.value(), "20270112T170000");
    assert_eq!(
        dtstart.params().get("TZID").map(|p| p.value()),
        Some("Europe/Warsaw")
    );
    let uid = leaders.get_uid().unwrap().to_owned();
    // The rule means to a real recurrence library what it means to us.
    let set: rrule::RRuleSet = format!(
        "DTSTART;TZID=Europe/Warsaw:20270112T170000\nRRULE:{}",
        leaders.property_value("RRULE").unwrap()
    )
    .parse()
    .unwrap();
    let dates = set.all(3).dates;
    assert_eq!(dates[1].to_rfc3339(), "2027-02-09T17:00:00+01:00");
    assert_eq!(dates[2].to_rfc3339(), "2027-03-09T17:00:00+01:00");
    assert!(feed.body.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Warsaw"));
    assert!(feed.body.contains("TZOFFSETTO:+0200"));
    // UIDs are stable across fetches; unchanged feeds answer 304 to their ETag.
    let again = app.client().get("/spaces/krakow/calendar.ics").await;
    assert!(again.body.contains(&format!("UID:{uid}")));
    let etag = feed.header("etag").unwrap().to_owned();
    let mut client = app.client();
    let not_modified = client
        .request(
            axum::http::Method::GET,
            "/spaces/krakow/calendar.ics",
            &[("if-none-match", &etag)],
            axum::body::Body::empty(),
        )
        .await;
    assert_eq!(not_modified.status, 304);
    // A change shows at once: a new co-organiser bumps the event's SEQUENCE and the feed's tag.
    let christmas = again
        .body
        .split("BEGIN:VEVENT")
        .find(|v| v.contains("Christmas Eve"))
        .unwrap()
        .to_owned();
    assert!(christmas.contains("SEQUENCE:0"));
    let christmas_url = christmas
        .replace("\r\n ", "")
        .lines()
        .find_map(|l| l.strip_prefix("URL:").map(str::to_owned))
        .unwrap();
    let path = christmas_url.trim_start_matches("http://localhost");
    let seniors = w.seniors.to_string();
    let joined = w
        .seniors_admin
        .post_form(&format!("{path}/join"), &[("organization", &seniors)])
        .await;
    assert_eq!(joined.status, 303, "{path}");
    let changed = client
        .request(
            axum::http::Method::GET,
            "/spaces/krakow/calendar.ics",
            &[("if-none-match", &etag)],
            axum::body::Body::empty(),
        )
        .await;
    assert_eq!(changed.status, 200);
    let christmas = changed
        .body
        .split("BEGIN:VEVENT")
        .find(|v| v.contains("Christmas Eve"))
        .unwrap()
        .to_owned();
    assert!(christmas.contains("SEQUENCE:1"), "{christmas}");
    // Renaming an organisation shows in the events it organises.
    cospace_store::with_db!(app.db(), |pool| sqlx::query(
        "UPDATE organizations SET name = 'Local Activity Point Azory', updated_at = $1 WHERE id = $2"
    )
    .bind(chrono::Utc::now())
    .bind(w.lap)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))
    .unwrap();
    let renamed = app.client().get("/spaces/krakow/calendar.ics").await;
    assert!(renamed
        .body
        .replace("\r\n ", "")
        .contains("Local Activity Point Azory"));
    // The organisation's own feed has both.
    let org_feed = app
        .client()
        .get(&format!("/spaces/krakow/calendar/organizations/{lap}.ics"))
        .await;
    assert_eq!(org_feed.status, 200);
    assert_eq!(org_feed.body.matches("BEGIN:VEVENT").count(), 2);
    assert_eq!(
        app.client()
            .get("/spaces/krakow/calendar/organizations/987654.ics")
            .await
            .status,
        404
    );
}

async fn the_api_lists_events_and_clashes_and_refuses_bad_periods(app: TestApp) {
    let w = world(&app).await;
    let token = app.api_token("lap@example.org").await;
    let mut client = app.client();
    let body = serde_json::json!({
        "title": "Pocket park opening", "kind": "celebration", "time_zone": "Europe/Warsaw",
        "start_date": "2027-05-15", "start_time": "11:00", "end_time": "14:00",
        "organizers": [w.lap.to_string()], "audiences": ["everyone"], "venue": w.hall.to_string()
    });
    let created = client
        .api(
            Method::POST,
            "/api/v1/spaces/azory/events",
            Some(&token),
            Some(body.clone()),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert!(created.json()["clashes"].as_array().unwrap().is_empty());
    let mut second = body.clone();
    second["title"] = "Clean-up".into();
    second["start_time"] = "13:00".into();
    second["end_time"] = "15:00".into();
    let clashing = client
        .api(
            Method::POST,
            "/api/v1/spaces/azory/events",
            Some(&token),
            Some(second),
        )
        .await;
    assert_eq!(clashing.status, 201);
    assert_eq!(clashing.json()["clashes"][0]["place"], "same_venue");

    let listed = client
        .api(
            Method::GET,
            "/api/v1/spaces/krakow/events?from=2027-05-01&to=2027-05-31",
            None,
            None,
        )
        .await;
    assert_eq!(listed.status, 200);
    assert_eq!(listed.json()["occurrences"].as_array().unwrap().len(), 2);
    assert_eq!(
        listed.json()["occurrences"][0]["start"],
        "2027-05-15T09:00:00Z"
    );
    let clashes = client
        .api(
            Method::GET,
            "/api/v1/spaces/krakow/clashes?from=2027-05-01&to=2027-05-31",
            None,
            None,
        )
        .await;
    assert_eq!(clashes.status, 200);
    let list = clashes.json();
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["place"], "same_venue");
    assert_eq!(list[0]["audiences"], serde_json::json!(["everyone"]));

    let bad = client
        .api(
            Method::GET,
            "/api/v1/spaces/krakow/events?from=2027-05-31&to=2027-05-01",
            None,
            None,
        )
        .await;
    // A period that ends before it starts holds no day: an empty answer.
    assert_eq!(bad.status, 200, "{}", bad.body);
    assert_eq!(
        bad.json(),
        serde_json::json!({"events": [], "occurrences": []})
    );
    // A period longer than 400 days is answered in pages: its first 400 days, then the rest
    // at the address of the `Link: rel="next"` header, absolute from the public URL.
    let first = client
        .api(
            Method::GET,
            "/api/v1/spaces/krakow/events?from=2026-04-01&to=2028-01-01",
            None,
            None,
        )
        .await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(first.json()["occurrences"].as_array().unwrap().is_empty());
    let public_url = app.state.config.public_url.clone();
    assert_eq!(
        first.header("link"),
        Some(
            format!(
                "<{public_url}/api/v1/spaces/krakow/events?from=2027-05-07&to=2028-01-01>; rel=\"next\""
            )
            .as_str()
        )
    );
    let rest = client
        .api(
            Method::GET,
            "/api/v1/spaces/krakow/events?from=2027-05-07&to=2028-01-01",
            None,
            None,
        )
        .await;
    assert_eq!(rest.status, 200);
    assert_eq!(rest.json()["occurrences"].as_array().unwrap().len(), 2);
    assert_eq!(rest.header("link"), None);
    let indicators = client
        .api(
            Method::GET,
            "/api/v1/spaces/krakow/indicators?from=2026-01-01&to=2031-12-31",
            None,
            None,
        )
        .await;
    assert_eq!(indicators.status, 200, "{}", indicators.body);
    assert_eq!(
        indicators.header("link"),
        Some(
            format!(
                "<{public_url}/api/v1/spaces/krakow/indicators?from=2029-01-04&to=2031-12-31>; rel=\"next\""
            )
            .as_str()
        )
    );
    let bad = client
        .api(
            Method::GET,
            "/api/v1/spaces/krakow/events?from=2027-05-31&to=yesterday",
            None,
            None,
        )
        .await;
    assert_eq!(bad.status, 422);
    assert_eq!(bad.content_type(), "application/problem+json");
    let bad = client
        .api(
            Method::GET,
            "/api/v1/spaces/krakow/clashes?from=yesterday",
            None,
            None,
        )
        .await;
    assert_eq!(bad.status, 422);
    let mut invalid = body.clone();
    invalid["time_zone"] = "Mars/Olympus".into();
    let refused = client
        .api(
            Method::POST,
            "/api/v1/spaces/azory/events",
            Some(&token),
            Some(invalid),
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("time_zone"));
    let anonymous = client
        .api(
            Method::POST,
            "/api/v1/spaces/azory/events",
            None,
            Some(body),
        )
        .await;
    assert_eq!(anonymous.status, 401);
    let doc = client
        .api(Method::GET, "/api/openapi.json", None, None)
        .await;
    assert!(doc.body.contains("/api/v1/spaces/{slug}/clashes"));
    assert!(doc.body.contains("/api/v1/spaces/{slug}/events"));
}

async fn indicators_count_events_common_actions_and_people(app: TestApp) {
    let mut w = world(&app).await;
    let (lap, seniors) = (w.lap.to_string(), w.seniors.to_string());
    let mut feast = event_fields("Family feast", &lap, "2027-06-05", "15:00", "19:00");
    feast.push(("organizers", &seniors));
    feast.push(("actual_participants", "300"));
    // Two institutions' event: the coordinator (a space admin) names both.
    assert_eq!(
        w.coordinator
            .post_form("/spaces/azory/calendar/events/new", &feast)
            .await
            .status,
        303
    );
    let other = event_fields("Garden workshop", &lap, "2027-06-20", "10:00", "12:00");
    assert_eq!(
        w.lap_admin
            .post_form("/spaces/azory/calendar/events/new", &other)
            .await
            .status,
        303
    );
    let json = app
        .client()
        .api(
            Method::GET,
            "/api/v1/spaces/krakow/indicators?from=2027-01-01&to=2027-12-31",
            None,
            None,
        )
        .await;
    assert_eq!(json.status, 200);
    let months = json.json();
    let june = &months[5];
    assert_eq!(june["month"], "2027-06");
    assert_eq!(june["events"], 2);
    assert_eq!(june["common_actions"], 1);
    assert_eq!(june["participants"], 420);
    assert_eq!(june["organizations"], 2);
    let page = w
        .coordinator
        .get("/spaces/krakow/calendar/indicators?from=2027-01-01&to=2027-12-31")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("<svg"));
    assert!(page.body.contains("one common action"));
    let csv = app
        .client()
        .get("/spaces/krakow/calendar/indicators.csv?from=2027-01-01&to=2027-12-31")
        .await;
    assert!(csv.body.contains("2027-06,2,1,420,2"));
}

async fn one_date_of_a_series_is_cancelled_or_moved(app: TestApp) {
    let mut w = world(&app).await;
    let lap = w.lap.to_string();
    let mut club = event_fields("Seniors club", &lap, "2027-03-02", "10:00", "12:00");
    club.extend([
        ("repeat", "weekly"),
        ("repeat_ends", "count"),
        ("repeat_count", "4"),
    ]);
    let planned = w
        .lap_admin
        .post_form("/spaces/azory/calendar/events/new", &club)
        .await;
    let url = planned.location().unwrap().to_owned();
    // Cancel 9 March; move 16 March to Wednesday 17 March, 14:00–16:00.
    let cancelled = w
        .lap_admin
        .post_form(
            &format!("{url}/occurrences/20270309T100000"),
            &[("change", "cancel")],
        )
        .await;
    assert_eq!(cancelled.status, 303);
    let moved = w
        .lap_admin
        .post_form(
            &format!("{url}/occurrences/20270316T100000"),
            &[
                ("change", "move"),
                ("start_date", "2027-03-17"),
                ("start_time", "14:00"),
                ("end_time", "16:00"),
            ],
        )
        .await;
    assert_eq!(moved.status, 303);
    // A date that is not an occurrence, and someone who may not edit.
    assert_eq!(
        w.lap_admin
            .post_form(
                &format!("{url}/occurrences/20270310T100000"),
                &[("change", "cancel")]
            )
            .await
            .status,
        404
    );
    assert_eq!(
        w.seniors_admin
            .post_form(
                &format!("{url}/occurrences/20270323T100000"),
                &[("change", "cancel")]
            )
            .await
            .status,
        403
    );

    let listed = app
        .client()
        .api(
            Method::GET,
            "/api/v1/spaces/azory/events?from=2027-03-01&to=2027-03-31",
            None,
            None,
        )
        .await;
    let occurrences = listed.json()["occurrences"].as_array().unwrap().clone();
    let summary: Vec<(String, bool, bool)> = occurrences
        .iter()
        .map(|o| {
            (
                o["local_start"].as_str().unwrap().to_owned(),
                o["changed"].as_bool().unwrap(),
                o["cancelled"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("2027-03-02T10:00:00".to_owned(), false, false),
            ("2027-03-09T10:00:00".to_owned(), true, true),
            ("2027-03-17T14:00:00".to_owned(), true, false),
            ("2027-03-23T10:00:00".to_owned(), false, false),
        ]
    );
    let feed = app.client().get("/spaces/azory/calendar.ics").await;
    let unfolded = feed.body.replace("\r\n ", "");
    assert!(unfolded.contains("RECURRENCE-ID;TZID=Europe/Warsaw:20270309T100000\r\nDTSTART;TZID=Europe/Warsaw:20270309T100000\r\nDTEND;TZID=Europe/Warsaw:20270309T120000\r\nSTATUS:CANCELLED"), "{unfolded}");
    assert!(unfolded.contains("RECURRENCE-ID;TZID=Europe/Warsaw:20270316T100000\r\nDTSTART;TZID=Europe/Warsaw:20270317T140000"));
    assert!(unfolded.contains("SEQUENCE:2"));
    use icalendar::Calendar;
    let _: Calendar = feed.body.parse().expect("still valid iCalendar");
    // Restoring the cancelled date brings it back.
    let restored = w
        .lap_admin
        .post_form(
            &format!("{url}/occurrences/20270309T100000"),
            &[("change", "restore")],
        )
        .await;
    assert_eq!(restored.status, 303);
    let week = app
        .client()
        .get("/spaces/azory/calendar?view=week&date=2027-03-09")
        .await;
    assert!(week.body.contains("Seniors club"));
    assert!(!week.body.contains("badge\">Cancelled"));
}

async fn a_personal_feed_holds_what_ones_organisations_organise(app: TestApp) {
    let mut w = world(&app).await;
    let (lap, seniors) = (w.lap.to_string(), w.seniors.to_string());
    let ours = event_fields("Garden workshop", &lap, "2027-04-10", "10:00", "12:00");
    assert_eq!(
        w.lap_admin
            .post_form("/spaces/azory/calendar/events/new", &ours)
            .await
            .status,
        303
    );
    let theirs = event_fields("Seniors dance", &seniors, "2027-04-11", "16:00", "18:00");
    assert_eq!(
        w.seniors_admin
            .post_form("/spaces/azory/calendar/events/new", &theirs)
            .await
            .status,
        303
    );

    let page = w
        .lap_admin
        .post_form("/spaces/azory/calendar/my-feed", &[])
        .await;
    assert_eq!(page.status, 200);
    let start = page.body.find("/calendar/feeds/").unwrap();
    let end = start + page.body[start..].find(".ics").unwrap() + 4;
    let path = page.body[start..end].to_owned();
    // A calendar program fetches it without a session.
    let feed = app.client().get(&path).await;
    assert_eq!(feed.status, 200);
    assert!(feed.body.contains("SUMMARY:Garden workshop"));
    assert!(!feed.body.contains("Seniors dance"));
    // A new address switches the old one off; a made-up one is not found.
    let again = w
        .lap_admin
        .post_form("/spaces/azory/calendar/my-feed", &[])
        .await;
    assert_eq!(again.status, 200);
    assert_eq!(app.client().get(&path).await.status, 404);
    assert_eq!(
        app.client()
            .get("/calendar/feeds/cospace_feed_guess.ics")
            .await
            .status,
        404
    );
    // Signing in is needed to make one.
    let anonymous = app
        .client()
        .post_form("/spaces/azory/calendar/my-feed", &[])
        .await;
    assert_eq!(anonymous.status, 303);
}
