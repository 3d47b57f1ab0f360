//! The demo world loads on both backends, and loading it again changes nothing. Azory's year
//! in the common calendar is there: events around today, clashes to coordinate, the series of
//! meetings of the local group of leaders with its outcomes, the feed and the indicators.

use cospace_store::spaces;
use cospace_testkit::{db_tests, TestApp};

db_tests!(cospace::components(); demo_world_loads_idempotently);

async fn demo_world_loads_idempotently(app: TestApp) {
    cospace::demo::load(&app.state).await.unwrap();
    let first = spaces::all_spaces(app.db()).await.unwrap().len();
    let log = app.count_activity("space.create").await;
    let organizations = app.count_activity("organization.add").await;
    let items = app.count_activity("resource.add").await + app.count_activity("need.add").await;
    let events = app.count_activity("event.create").await;
    let decisions = app.count_activity("meeting.decision").await;
    let admins = app.count_activity("organization.admin_add").await;
    assert!(events >= 15, "{events}");
    assert!(decisions >= 9, "{decisions}");
    assert_eq!(admins, 5);
    assert!(
        organizations >= 10 && items >= 15,
        "{organizations} {items}"
    );
    cospace::demo::load(&app.state).await.unwrap();
    assert_eq!(spaces::all_spaces(app.db()).await.unwrap().len(), first);
    assert_eq!(app.count_activity("space.create").await, log);
    assert_eq!(app.count_activity("organization.add").await, organizations);
    assert_eq!(app.count_activity("event.create").await, events);
    assert_eq!(app.count_activity("meeting.decision").await, decisions);
    assert_eq!(app.count_activity("organization.admin_add").await, admins);
    azory_year_is_in_the_calendar(&app).await;
    // The seed's institutions are on the map of Azory and its synergies are proposed.
    let mut anonymous = app.client();
    let directory = anonymous.get("/spaces/azory/stakeholders").await;
    assert!(
        directory
            .body
            .contains("Centre of Elderly People and Seniors&#x27;")
            || directory
                .body
                .contains("Centre of Elderly People and Seniors")
    );
    let synergies = anonymous.get("/spaces/azory/stakeholders/synergies").await;
    assert!(synergies
        .body
        .contains("School hall for meetings and club events"));
    let nairobi = anonymous
        .get("/spaces/nairobi/stakeholders/synergies")
        .await;
    assert!(nairobi
        .body
        .contains("Technical assistance for incremental housing"));
    // Members-only contacts stay hidden from visitors.
    let gap = anonymous
        .get("/api/v1/spaces/global-action-plan/organizations")
        .await;
    assert!(!gap.body.contains("kyc@example.org"));
    for slug in [
        "krakow",
        "azory",
        "wuf11",
        "co-creation-roundtable",
        "global-action-plan",
        "kenya",
        "nairobi",
        "brazil",
    ] {
        spaces::space_by_slug(app.db(), slug).await.unwrap();
    }
    let azory = spaces::space_by_slug(app.db(), "azory").await.unwrap();
    assert_eq!(
        azory.parent_id,
        Some(spaces::space_by_slug(app.db(), "krakow").await.unwrap().id)
    );
    // Every demo sign-in works.
    for user in cospace::demo::USERS {
        let mut client = app.client();
        assert_eq!(
            client.sign_in(user.email, user.password).await.status,
            303,
            "{}",
            user.email
        );
    }
    let mut coordinator = app
        .signed_in("coordinator@example.org", "demo-coordinator-password")
        .await;
    assert_eq!(
        coordinator.get("/spaces/azory/admin/members").await.status,
        200
    );
}

/// The calendar of Azory, as visitors and the demo users see it.
async fn azory_year_is_in_the_calendar(app: &TestApp) {
    use chrono::{Duration, Utc};
    let mut anonymous = app.client();
    let today = Utc::now().date_naive();
    let (from, to) = (today - Duration::days(190), today + Duration::days(190));
    let year = format!("from={from}&to={to}");

    // This month's page shows the regular activities.
    let month = anonymous.get("/spaces/azory/calendar").await;
    assert_eq!(month.status, 200);
    assert!(month.body.contains("Creative workshops for children"));
    assert!(month.body.contains("Club afternoon"));

    // The coordination page: the clash ahead (this month or the next) by default, the past ones
    // over the year; an admin of the later event's organiser is offered to join the other.
    let coordination = anonymous.get("/spaces/azory/calendar/coordination").await;
    assert_eq!(coordination.status, 200);
    assert!(!coordination.body.contains("No clashes in this period."));
    assert!(coordination.body.contains("Toy and book swap"));
    assert!(coordination
        .body
        .contains("Open day of the Local Activity Point"));
    let whole = anonymous
        .get(&format!("/spaces/azory/calendar/coordination?{year}"))
        .await;
    assert!(whole.body.contains("Autumn outdoor games for children"));
    assert!(
        whole.body.contains("Parents&#39; meeting"),
        "{}",
        whole.body
    );
    let mut organiser = app
        .signed_in("organiser@example.org", "demo-organiser-password")
        .await;
    let offered = organiser.get("/spaces/azory/calendar/coordination").await;
    assert!(
        offered
            .body
            .contains("Join it as Children Friends Society Azory"),
        "{}",
        offered.body
    );

    // The series of meetings reads meeting by meeting, with outcomes.
    let series =
        cospace_calendar::store::event_by_uid(app.db(), "azory-leaders-meetings@demo.cospace")
            .await
            .unwrap()
            .unwrap();
    assert_eq!(
        series.rrule.as_deref(),
        Some("FREQ=MONTHLY;BYDAY=2TU;COUNT=5")
    );
    let meetings = anonymous
        .get(&format!(
            "/spaces/azory/calendar/events/{}/meetings",
            series.id
        ))
        .await;
    assert_eq!(meetings.status, 200);
    let body = &meetings.body;
    let positions: Vec<usize> = ["1st meeting", "2nd meeting", "3rd meeting", "5th meeting"]
        .iter()
        .map(|n| body.find(n).unwrap_or_else(|| panic!("{n}")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
    assert!(body.contains("The local group of leaders of Azory is set up"));
    assert!(body.contains("prepare one joint citizens"));
    assert!(body.contains("people came"));
    // Action items: some done, one overdue, one followed up by the open day.
    let tracker = anonymous
        .get("/spaces/azory/calendar/actions?show=overdue")
        .await;
    assert!(tracker
        .body
        .contains("Ask the housing association for a room for the future Social Centre"));
    let items = cospace_calendar::meetings::action_items_of_series(app.db(), series.id)
        .await
        .unwrap();
    assert!(items.iter().any(|i| i.status.as_str() == "done"));
    assert!(items.iter().any(|i| i.status.as_str() == "open"));
    assert!(items
        .iter()
        .any(|i| i.follow_up_title.as_deref() == Some("Open day of the Local Activity Point")));
    assert_eq!(
        cospace_calendar::meetings::invitations(app.db(), series.id)
            .await
            .unwrap()
            .len(),
        5
    );

    // The feed is iCalendar our own importer reads back.
    let feed = anonymous.get("/spaces/azory/calendar.ics").await;
    assert_eq!(feed.status, 200);
    assert!(feed.body.contains("BEGIN:VEVENT"));
    assert!(feed.body.contains("RRULE:FREQ=MONTHLY;BYDAY=2TU;COUNT=5"));
    assert!(feed.body.contains("RRULE:FREQ=WEEKLY"));
    let options = cospace_calendar::import::Options {
        organization: series_organizer(app, series.id).await,
        default_zone: cospace_core::calendar::time::Zone::parse("zone", "Europe/Warsaw").unwrap(),
    };
    let plan = cospace_calendar::import::parse(feed.body.as_bytes(), &options)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(plan.events.len() >= 15, "{}", plan.events.len());

    // The indicators count common actions.
    let indicators = anonymous
        .api(
            axum::http::Method::GET,
            &format!(
                "/api/v1/spaces/azory/indicators?from={}&to={}",
                today - Duration::days(170),
                today + Duration::days(170)
            ),
            None,
            None,
        )
        .await;
    assert_eq!(indicators.status, 200, "{}", indicators.body);
    let months = indicators.json();
    let months = months.as_array().unwrap();
    assert!(months.len() >= 12);
    assert!(months.iter().all(|m| m["events"].as_u64().unwrap() > 0));
    assert!(months
        .iter()
        .any(|m| m["common_actions"].as_u64().unwrap() > 0));
}

async fn series_organizer(app: &TestApp, event: i64) -> i64 {
    cospace_calendar::store::details(app.db(), &[event])
        .await
        .unwrap()
        .organizer_ids(event)[0]
}
