//! Series as RFC 5545 describes them beyond a rule, on SQLite and PostgreSQL: changed
//! occurrences with their own title, description and place, imported, shown, published and
//! imported again; changed on the event page; and extra dates (RDATE) of a series, imported,
//! shown, published, imported again and seen by clash detection.

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
    extra_dates_are_imported_shown_published_and_clash,
    extra_dates_as_periods_are_refused_with_their_reason,
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

/// A monthly series with extra dates in each form RFC 5545 allows (with TZID, in UTC, a date
/// alone, a list), one of them excluded, and a one-off event at the same place on an extra date.
const WITH_RDATES: &str = "BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:council-1@example.org\r
SUMMARY:District council session\r
GEO:50.0876;19.9060\r
DTSTART;TZID=Europe/Warsaw:20270505T180000\r
DTEND;TZID=Europe/Warsaw:20270505T200000\r
RRULE:FREQ=MONTHLY;COUNT=3\r
RDATE;TZID=Europe/Warsaw:20270512T180000,20270519T180000\r
RDATE:20270526T160000Z\r
RDATE;VALUE=DATE:20270602\r
EXDATE;TZID=Europe/Warsaw:20270519T180000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:council-1@example.org\r
RECURRENCE-ID;TZID=Europe/Warsaw:20270602T180000\r
SUMMARY:Extra session on the park\r
DTSTART;TZID=Europe/Warsaw:20270602T180000\r
DTEND;TZID=Europe/Warsaw:20270602T200000\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:fair-1@example.org\r
SUMMARY:Neighbourhood fair\r
GEO:50.0876;19.9060\r
DTSTART;TZID=Europe/Warsaw:20270512T190000\r
DTEND;TZID=Europe/Warsaw:20270512T210000\r
END:VEVENT\r
END:VCALENDAR\r
";

async fn rdates(app: &TestApp, id: i64) -> Vec<String> {
    let details = cospace_calendar::store::details(app.db(), &[id])
        .await
        .unwrap();
    details
        .rdates
        .get(&id)
        .into_iter()
        .flatten()
        .map(|d| d.to_string())
        .collect()
}

async fn extra_dates_are_imported_shown_published_and_clash(app: TestApp) {
    let mut w = world(&app).await;
    import(&mut w, WITH_RDATES).await;
    let council = event(&app, "council-1@example.org").await;
    // UTC is read in the series' zone (16:00Z is 18:00 in Warsaw in May); a date alone is the
    // series' time of day.
    let expected = vec![
        "2027-05-12 18:00:00",
        "2027-05-19 18:00:00",
        "2027-05-26 18:00:00",
        "2027-06-02 18:00:00",
    ];
    assert_eq!(rdates(&app, council.id).await, expected);

    // The views show the rule's dates and the extra ones (one under its own title).
    let may = app
        .client()
        .get("/spaces/azory/calendar?view=month&date=2027-05-01")
        .await;
    assert_eq!(may.status, 200);
    assert!(may.body.contains("District council session"));
    let week = app
        .client()
        .get("/spaces/azory/calendar?view=week&date=2027-05-26")
        .await;
    assert!(
        week.body.contains("District council session"),
        "{}",
        week.body
    );
    let june = app
        .client()
        .get("/spaces/azory/calendar?view=agenda&date=2027-06-01")
        .await;
    assert!(june.body.contains("Extra session on the park"));

    // The feed publishes them in DTSTART's form, and a real parser reads it.
    let feed = app.client().get("/spaces/krakow/calendar.ics").await;
    assert_eq!(feed.status, 200);
    let _: icalendar::Calendar = feed.body.parse().expect("valid iCalendar");
    let unfolded = feed.body.replace("\r\n ", "");
    let master = vevent_with(&unfolded, "RRULE:FREQ=MONTHLY;COUNT=3");
    for date in ["20270512", "20270519", "20270526", "20270602"] {
        assert!(
            master.contains(&format!("RDATE;TZID=Europe/Warsaw:{date}T180000")),
            "{date}: {master}"
        );
    }
    assert!(master.contains("EXDATE;TZID=Europe/Warsaw:20270519T180000"));

    // Clash detection expands the same series: the fair clashes with the extra date of 12 May.
    let azory = cospace_store::spaces::space_by_slug(app.db(), "azory")
        .await
        .unwrap()
        .id();
    let from = chrono::DateTime::parse_from_rfc3339("2027-05-01T00:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let to = from + chrono::Duration::days(60);
    let events = cospace_calendar::store::events_between(
        app.db(),
        &[azory],
        from.timestamp(),
        to.timestamp(),
    )
    .await
    .unwrap();
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let details = cospace_calendar::store::details(app.db(), &ids)
        .await
        .unwrap();
    let window = cospace_calendar::service::expand(events, details, from, to);
    // The rule's dates and the extra ones, without the excluded one, in order.
    let starts: Vec<String> = window
        .occurrences
        .iter()
        .filter(|(i, _)| window.event(*i).id == council.id)
        .map(|(_, o)| o.local_start.to_string())
        .collect();
    assert_eq!(
        starts,
        vec![
            "2027-05-05 18:00:00",
            "2027-05-12 18:00:00",
            "2027-05-26 18:00:00",
            "2027-06-02 18:00:00",
            "2027-06-05 18:00:00",
        ]
    );
    let clashes = cospace_calendar::service::clashes(&window, Default::default());
    let pairs: Vec<(String, String)> = clashes
        .iter()
        .map(|c| {
            let (a, b) = (&window.occurrences[c.first], &window.occurrences[c.second]);
            (window.event(a.0).title.clone(), a.1.local_start.to_string())
                .min((window.event(b.0).title.clone(), b.1.local_start.to_string()))
        })
        .collect();
    assert_eq!(
        pairs,
        vec![(
            "District council session".to_owned(),
            "2027-05-12 18:00:00".to_owned()
        )]
    );

    // Published and imported again, the extra dates are kept once each.
    import(&mut w, &feed.body).await;
    assert_eq!(rdates(&app, council.id).await, expected);
    let changed = changes(&app, council.id).await;
    assert_eq!(changed.len(), 1);
    assert_eq!(
        changed[0].title.as_deref(),
        Some("Extra session on the park")
    );

    // Moving the series' first start drops its extra dates (they name starts at the old time);
    // importing a file without them clears them too.
    let without = WITH_RDATES
        .lines()
        .filter(|l| !l.starts_with("RDATE") && !l.starts_with("EXDATE"))
        .collect::<Vec<_>>()
        .join("\n")
        .replace(
            "RECURRENCE-ID;TZID=Europe/Warsaw:20270602T180000",
            "RECURRENCE-ID;TZID=Europe/Warsaw:20270605T180000",
        )
        .replace(
            "DTSTART;TZID=Europe/Warsaw:20270602T180000",
            "DTSTART;TZID=Europe/Warsaw:20270605T180000",
        )
        .replace(
            "DTEND;TZID=Europe/Warsaw:20270602T200000",
            "DTEND;TZID=Europe/Warsaw:20270605T200000",
        );
    import(&mut w, &without).await;
    assert!(rdates(&app, council.id).await.is_empty());
}

async fn extra_dates_as_periods_are_refused_with_their_reason(app: TestApp) {
    let mut w = world(&app).await;
    let ics = WITH_RDATES.replace(
        "RDATE;VALUE=DATE:20270602",
        "RDATE;VALUE=PERIOD:20270602T160000Z/PT2H",
    );
    let refused = w
        .admin
        .post_form(
            "/spaces/azory/calendar/import",
            &[
                ("organization", w.lap.as_str()),
                ("time_zone", "Europe/Warsaw"),
                ("ics", ics.as_str()),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("RDATE;VALUE=PERIOD"),
        "{}",
        refused.body
    );
    assert!(
        cospace_calendar::store::event_by_uid(app.db(), "council-1@example.org")
            .await
            .unwrap()
            .is_none()
    );
}
