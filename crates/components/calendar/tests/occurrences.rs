//! Series as RFC 5545 describes them beyond a rule, on SQLite and PostgreSQL: changed
//! occurrences with their own title, description and place, imported, shown, published and
//! imported again; and changed on the event page.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use cospace_core::stakeholders::{OrganizationDraft, Sector};
use cospace_core::SpaceId;
use cospace_stakeholders::store::{self as stakeholders, LinkStatus};
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
    an_overriding_vevent_keeps_its_own_text_through_page_feed_and_reimport,
    one_date_is_given_its_own_title_on_the_event_page,
);

struct World {
    lap: String,
    admin: Client,
}

async fn world(app: &TestApp) -> World {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    app.create_user("lap@example.org", PASSWORD, false).await;
    let azory: SpaceId = cospace_store::spaces::space_by_slug(app.db(), "azory")
        .await
        .unwrap()
        .id();
    let user = cospace_store::accounts::user_by_email(app.db(), "lap@example.org")
        .await
        .unwrap()
        .unwrap();
    let draft = OrganizationDraft {
        name: "Local Activity Point".into(),
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
    stakeholders::link_organization(&mut tx, id, azory, LinkStatus::Approved)
        .await
        .unwrap();
    stakeholders::add_organization_admin(&mut tx, id, user.id())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    World {
        lap: id.to_string(),
        admin: app.signed_in("lap@example.org", PASSWORD).await,
    }
}

async fn import(w: &mut World, ics: &str) {
    let done = w
        .admin
        .post_form(
            "/spaces/azory/calendar/import",
            &[
                ("organization", w.lap.as_str()),
                ("time_zone", "Europe/Warsaw"),
                ("ics", ics),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
}

async fn event(app: &TestApp, uid: &str) -> cospace_calendar::store::EventRow {
    cospace_calendar::store::event_by_uid(app.db(), uid)
        .await
        .unwrap()
        .expect("imported")
}

async fn changes(app: &TestApp, id: i64) -> Vec<cospace_core::calendar::recurrence::Change> {
    let details = cospace_calendar::store::details(app.db(), &[id])
        .await
        .unwrap();
    details.changes.get(&id).cloned().unwrap_or_default()
}

/// The VEVENT of `feed` (unfolded) that holds `marker`.
fn vevent_with<'a>(feed: &'a str, marker: &str) -> &'a str {
    feed.split("BEGIN:VEVENT")
        .find(|v| v.contains(marker))
        .unwrap_or_else(|| panic!("no VEVENT with {marker} in {feed}"))
}

const WEEKLY: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:weekly-1@example.org\r
SUMMARY:Weekly neighbours' meeting\r
DESCRIPTION:Every Tuesday in the club.\r
LOCATION:Klub Azory\r
DTSTART;TZID=Europe/Warsaw:20270302T180000\r
DTEND;TZID=Europe/Warsaw:20270302T190000\r
RRULE:FREQ=WEEKLY;COUNT=4\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly-1@example.org\r
RECURRENCE-ID;TZID=Europe/Warsaw:20270309T180000\r
SUMMARY:Budget evening with the mayor\r
DESCRIPTION:The mayor answers questions on the district budget.\r
LOCATION:Town hall\\, room 2\r
DTSTART;TZID=Europe/Warsaw:20270309T180000\r
DTEND;TZID=Europe/Warsaw:20270309T200000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly-1@example.org\r
RECURRENCE-ID;TZID=Europe/Warsaw:20270316T180000\r
SUMMARY:Weekly neighbours' meeting\r
DTSTART;TZID=Europe/Warsaw:20270316T183000\r
DTEND;TZID=Europe/Warsaw:20270316T193000\r
END:VEVENT\r
END:VCALENDAR\r
";

async fn an_overriding_vevent_keeps_its_own_text_through_page_feed_and_reimport(app: TestApp) {
    let mut w = world(&app).await;
    import(&mut w, WEEKLY).await;
    let series = event(&app, "weekly-1@example.org").await;
    let stored = changes(&app, series.id).await;
    assert_eq!(stored.len(), 2);
    assert_eq!(
        stored[0].title.as_deref(),
        Some("Budget evening with the mayor")
    );
    assert_eq!(
        stored[0].description.as_deref(),
        Some("The mayor answers questions on the district budget.")
    );
    assert_eq!(stored[0].address.as_deref(), Some("Town hall, room 2"));
    // The second override repeats the series' SUMMARY: it only moves the date.
    assert_eq!(
        (&stored[1].title, &stored[1].description, &stored[1].address),
        (&None, &None, &None)
    );

    // The month, week and agenda views show the date under its own title, the others under
    // the series'.
    for view in ["month", "week", "agenda"] {
        let page = app
            .client()
            .get(&format!(
                "/spaces/azory/calendar?view={view}&date=2027-03-08"
            ))
            .await;
        assert_eq!(page.status, 200);
        assert!(
            page.body.contains("Budget evening with the mayor"),
            "{view}: {}",
            page.body
        );
    }
    // The agenda lists places too: the date's own.
    let agenda = app
        .client()
        .get("/spaces/azory/calendar?view=agenda&date=2027-03-01")
        .await;
    assert!(agenda.body.contains("Weekly neighbours"));
    assert!(agenda.body.contains("Town hall, room 2"), "{}", agenda.body);

    // The feed's changed occurrence carries them, and a real parser reads the feed.
    let feed = app.client().get("/spaces/krakow/calendar.ics").await;
    assert_eq!(feed.status, 200);
    let _: icalendar::Calendar = feed.body.parse().expect("valid iCalendar");
    let unfolded = feed.body.replace("\r\n ", "");
    let changed = vevent_with(
        &unfolded,
        "RECURRENCE-ID;TZID=Europe/Warsaw:20270309T180000",
    );
    assert!(
        changed.contains("SUMMARY:Budget evening with the mayor"),
        "{changed}"
    );
    assert!(changed.contains("DESCRIPTION:The mayor answers questions on the district budget."));
    assert!(changed.contains("LOCATION:Town hall\\, room 2"));
    let moved = vevent_with(
        &unfolded,
        "RECURRENCE-ID;TZID=Europe/Warsaw:20270316T180000",
    );
    assert!(
        moved.contains("SUMMARY:Weekly neighbours' meeting"),
        "{moved}"
    );

    // Published and imported again, the date keeps its own title and place.
    import(&mut w, &feed.body).await;
    let again = changes(&app, series.id).await;
    assert_eq!(again.len(), 2);
    assert_eq!(
        again[0].title.as_deref(),
        Some("Budget evening with the mayor")
    );
    assert_eq!(again[0].address.as_deref(), Some("Town hall, room 2"));
    assert!(again[0]
        .description
        .as_deref()
        .unwrap()
        .starts_with("The mayor answers questions on the district budget."));
    assert_eq!(again[1].title, None);
    let event_page = app
        .client()
        .get(&format!("/spaces/azory/calendar/events/{}", series.id))
        .await;
    assert_eq!(event_page.status, 200);
    assert!(event_page.body.contains("Budget evening with the mayor"));
}

async fn one_date_is_given_its_own_title_on_the_event_page(app: TestApp) {
    let mut w = world(&app).await;
    import(&mut w, WEEKLY).await;
    let series = event(&app, "weekly-1@example.org").await;
    let url = format!("/spaces/azory/calendar/events/{}", series.id);
    let done = w
        .admin
        .post_form(
            &format!("{url}/occurrences/20270323T180000"),
            &[
                ("change", "move"),
                ("start_date", "2027-03-23"),
                ("start_time", "18:00"),
                ("end_time", "19:00"),
                ("title", "  Spring cleaning plans "),
                ("description", "Bring ideas for the courtyard."),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let stored = changes(&app, series.id).await;
    let own = stored
        .iter()
        .find(|c| c.recurrence_id.to_string() == "2027-03-23 18:00:00")
        .expect("changed");
    assert_eq!(own.title.as_deref(), Some("Spring cleaning plans"));
    assert_eq!(
        own.description.as_deref(),
        Some("Bring ideas for the courtyard.")
    );
    let page = w.admin.get(&url).await;
    assert!(page.body.contains("Spring cleaning plans"));
    assert!(page.body.contains("Bring ideas for the courtyard."));
    let feed = app.client().get("/spaces/azory/calendar.ics").await;
    let unfolded = feed.body.replace("\r\n ", "");
    let changed = vevent_with(
        &unfolded,
        "RECURRENCE-ID;TZID=Europe/Warsaw:20270323T180000",
    );
    assert!(
        changed.contains("SUMMARY:Spring cleaning plans"),
        "{changed}"
    );

    // Too long a title is refused; nothing changes.
    let long = "x".repeat(201);
    let refused = w
        .admin
        .post_form(
            &format!("{url}/occurrences/20270323T180000"),
            &[
                ("change", "move"),
                ("start_date", "2027-03-23"),
                ("start_time", "18:00"),
                ("end_time", "19:00"),
                ("title", long.as_str()),
            ],
        )
        .await;
    assert_eq!(refused.status, 303);
    assert_eq!(changes(&app, series.id).await, stored);

    // Restoring the date gives it back the series' time and text.
    let done = w
        .admin
        .post_form(
            &format!("{url}/occurrences/20270323T180000"),
            &[("change", "restore")],
        )
        .await;
    assert_eq!(done.status, 303);
    let restored = changes(&app, series.id).await;
    let own = restored
        .iter()
        .find(|c| c.recurrence_id.to_string() == "2027-03-23 18:00:00")
        .unwrap();
    assert_eq!((&own.title, &own.description), (&None, &None));
}
