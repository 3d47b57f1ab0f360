//! Importing .ics files over HTTP, on SQLite and PostgreSQL: exports of Google Calendar and of
//! Outlook and Thunderbird import fully and show in the calendar and its feed; every kind of bad
//! file is refused with its reason and nothing is written; importing again updates instead of
//! duplicating; only those who may plan for the organisation import.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use cospace_calendar::import::{self, ImportError, Importer, Options};
use cospace_core::calendar::time::Zone;
use cospace_core::permissions::MemberRole;
use cospace_core::stakeholders::{OrganizationDraft, Sector};
use cospace_core::SpaceId;
use cospace_stakeholders::store::{self as stakeholders, LinkStatus};
use cospace_testkit::{db_tests, Client, TestApp};

const PASSWORD: &str = "a long test password";
const GOOGLE: &str = include_str!("fixtures/google.ics");
const OUTLOOK: &str = include_str!("fixtures/outlook.ics");

fn components() -> Vec<cospace_web::Component> {
    vec![
        cospace_about::component(),
        cospace_stakeholders::component(),
        cospace_calendar::component(),
    ]
}

db_tests!(crate::components();
    exports_of_google_outlook_and_thunderbird_import_fully,
    bad_files_are_refused_with_their_reason_and_nothing_is_written,
    importing_again_updates_and_never_duplicates,
    only_who_may_plan_for_the_organisation_imports,
);

struct World {
    lap: i64,
    seniors: i64,
    lap_admin: Client,
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

async fn world(app: &TestApp) -> World {
    app.create_space(None, "krakow", "Kraków").await;
    app.create_space(Some("krakow"), "azory", "Azory").await;
    app.create_space(Some("krakow"), "bronowice", "Bronowice")
        .await;
    for email in ["lap@example.org", "seniors@example.org"] {
        app.create_user(email, PASSWORD, false).await;
    }
    let azory = space_id(app, "azory").await;
    let lap = organization(app, "Local Activity Point", azory, "lap@example.org").await;
    let seniors = organization(app, "Seniors Club", azory, "seniors@example.org").await;
    World {
        lap,
        seniors,
        lap_admin: app.signed_in("lap@example.org", PASSWORD).await,
    }
}

async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(&sql)
        .fetch_one(pool)
        .await)
    .unwrap()
}

async fn counts(app: &TestApp) -> [i64; 4] {
    [
        count(app, "calendar_events").await,
        count(app, "calendar_event_organizers").await,
        count(app, "calendar_exdates").await,
        count(app, "calendar_changes").await,
    ]
}

fn form<'a>(organization: &'a str, ics: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("organization", organization),
        ("time_zone", "Europe/Warsaw"),
        ("ics", ics),
    ]
}

/// A one-event calendar with the given lines inside its VEVENT.
fn one_event(lines: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:bad-1@example.org\r\nSUMMARY:Spacer po Azorach\r\n{lines}END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

async fn exports_of_google_outlook_and_thunderbird_import_fully(app: TestApp) {
    let mut w = world(&app).await;
    let lap = w.lap.to_string();
    let page = w.lap_admin.get("/spaces/azory/calendar/import").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Local Activity Point"));

    let done = w
        .lap_admin
        .post_form("/spaces/azory/calendar/import", &form(&lap, GOOGLE))
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(done.location(), Some("/spaces/azory/calendar"));
    let calendar = w.lap_admin.get("/spaces/azory/calendar").await;
    assert!(calendar.body.contains("The calendar was imported."));
    let done = w
        .lap_admin
        .post_form("/spaces/azory/calendar/import", &form(&lap, OUTLOOK))
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    // 3 + 2 series and one-offs, each organised by the Local Activity Point; Google's EXDATE
    // and Outlook's list of two; Google's moved meeting and Thunderbird's cancelled one.
    assert_eq!(counts(&app).await, [5, 5, 3, 2]);
    assert_eq!(app.count_activity("event.import").await, 2);

    let event = |uid: &str| {
        let uid = uid.to_owned();
        let db = app.db().clone();
        async move {
            cospace_calendar::store::event_by_uid(&db, &uid)
                .await
                .unwrap()
                .expect("imported with its own UID")
        }
    };
    let leaders = event("5k2q8v1s0lq3m7h4c9d2b6t1ar@google.com").await;
    assert_eq!(leaders.title, "Spotkanie liderów lokalnych");
    assert_eq!(
        leaders.description,
        "Co miesiąc: liderzy lokalni z Azorów omawiają plany, sprawy bieżące i wspólne działania.\nPorządek obrad wysyłamy tydzień wcześniej."
    );
    assert_eq!(leaders.address, "Klub Azory, os. Azory 1, 31-216 Kraków");
    assert_eq!(leaders.rrule.as_deref(), Some("FREQ=MONTHLY;BYDAY=2TU"));
    assert_eq!(leaders.status, "confirmed");
    assert_eq!(leaders.kind, "other");
    let feast = event("1f7e0c3a9d@google.com").await;
    assert!(feast.all_day);
    assert_eq!(feast.start_local, "2027-06-05T00:00:00");
    assert_eq!(feast.end_local, "2027-06-07T00:00:00");
    assert_eq!(feast.kind, "celebration");
    // 15:00 UTC in May is 17:00 in Warsaw.
    let cleanup = event("8c0d1e2f3a4b@google.com").await;
    assert_eq!(cleanup.time_zone, "Europe/Warsaw");
    assert_eq!(cleanup.start_local, "2027-05-20T17:00:00");
    assert_eq!((cleanup.lat, cleanup.lon), (Some(50.0876), Some(19.906)));
    assert_eq!(cleanup.kind, "action");
    assert_eq!(cleanup.status, "planned");
    // Outlook's Windows zone and folded UID; Thunderbird's Mozilla zone path.
    let course = event("040000008200E00074C5B7101A82E00800000000C0FFEE01A2B3C4D500000000000000001000000012345678901234567890ABCDEF").await;
    assert_eq!(course.time_zone, "Europe/Warsaw");
    assert_eq!(course.title, "Kurs komputerowy dla seniorów");
    assert_eq!(course.kind, "training");
    let club = event("b1c2d3e4-thunderbird-azory").await;
    assert_eq!(club.time_zone, "Europe/Warsaw");
    assert_eq!(club.kind, "meeting");

    // The feed publishes them with their UIDs, exclusions and changed occurrences, and a real
    // iCalendar parser reads it.
    let feed = app.client().get("/spaces/krakow/calendar.ics").await;
    assert_eq!(feed.status, 200);
    let _: icalendar::Calendar = feed.body.parse().expect("valid iCalendar");
    let unfolded = feed.body.replace("\r\n ", "");
    assert!(unfolded.contains("UID:5k2q8v1s0lq3m7h4c9d2b6t1ar@google.com"));
    assert!(unfolded.contains("EXDATE;TZID=Europe/Warsaw:20270413T170000"));
    assert!(unfolded.contains("EXDATE;TZID=Europe/Warsaw:20270224T100000"));
    assert!(unfolded.contains("RECURRENCE-ID;TZID=Europe/Warsaw:20270309T170000"));
    assert!(unfolded.contains("DTSTART;TZID=Europe/Warsaw:20270309T180000"));
    assert!(unfolded.contains("RECURRENCE-ID;TZID=Europe/Warsaw:20270515T180000"));
    assert!(unfolded.contains("DTSTART;VALUE=DATE:20270605"));
    assert!(unfolded.contains("DTEND;VALUE=DATE:20270607"));
    // And the month view shows the occurrences.
    let march = app
        .client()
        .get("/spaces/azory/calendar?view=month&date=2027-03-01")
        .await;
    assert_eq!(march.status, 200);
    assert!(march.body.contains("Spotkanie liderów lokalnych"));
    let page = app
        .client()
        .get(&format!("/spaces/azory/calendar/events/{}", course.id))
        .await;
    assert!(page.body.contains("Kurs komputerowy dla seniorów"));
}

async fn bad_files_are_refused_with_their_reason_and_nothing_is_written(app: TestApp) {
    let mut w = world(&app).await;
    let lap = w.lap.to_string();
    let before = counts(&app).await;
    let long = format!(
        "DTSTART;TZID=Europe/Warsaw:20270110T100000\r\nDTEND;TZID=Europe/Warsaw:20270110T120000\r\nDESCRIPTION:{}\r\n",
        "x".repeat(25_000)
    );
    let cases: Vec<(String, &str)> = vec![
        (
            "name,email\nAnna,anna@example.org\n".to_owned(),
            "This is not an iCalendar file",
        ),
        (
            one_event("DTSTART;TZID=Europe/Warsaw:20270110T100000\r\nDTEND;TZID=Europe/Warsaw:20270110T090000\r\n"),
            "The end must come after the start.",
        ),
        (
            one_event("DTSTART;TZID=Azory/Centrum:20270110T100000\r\nDTEND;TZID=Azory/Centrum:20270110T120000\r\n"),
            "Unknown time zone",
        ),
        (
            one_event("DTSTART;TZID=Europe/Warsaw:20270110T100000\r\nDTEND;TZID=Europe/Warsaw:20270110T120000\r\nRRULE:FREQ=WEEKLY;BYDAY=XY\r\n"),
            "This recurrence rule does not parse",
        ),
        (
            one_event("DTSTART;TZID=Europe/Warsaw:20270110T100000\r\nDTEND;TZID=Europe/Warsaw:20270110T120000\r\nRRULE:FREQ=HOURLY\r\n"),
            "Events can repeat daily, weekly, monthly or yearly.",
        ),
        (one_event(&long), "at most 20000 characters"),
    ];
    for (ics, message) in &cases {
        // A good event next to the bad one: all or nothing.
        let ics = ics.replacen("BEGIN:VEVENT", &format!("{}BEGIN:VEVENT", good_event()), 1);
        let refused = w
            .lap_admin
            .post_form("/spaces/azory/calendar/import", &form(&lap, &ics))
            .await;
        assert_eq!(refused.status, 422, "{message}");
        let body = refused.body.replace("&#x27;", "'");
        assert!(body.contains(message), "{message}: {body}");
        if !message.starts_with("This is not") {
            assert!(body.contains("Nothing was imported: one event has problems."));
            assert!(body.contains("bad-1@example.org"), "the UID is shown");
            assert!(body.contains("Spacer po Azorach"), "the title is shown");
        }
        assert_eq!(counts(&app).await, before, "{message}");
    }

    // Larger than the server takes in a form: refused before anything runs.
    let huge = "x".repeat(2 * 1024 * 1024);
    let too_large = w
        .lap_admin
        .post_form("/spaces/azory/calendar/import", &form(&lap, &huge))
        .await;
    assert_eq!(too_large.status, 413);
    // The file limit and a 10 MB description, as the command line meets them.
    let azory = space_id(&app, "azory").await;
    let options = Options {
        organization: w.lap,
        default_zone: Zone::parse("tz", "Europe/Warsaw").unwrap(),
    };
    let ten_mb = one_event(&format!(
        "DTSTART:20270110T100000\r\nDTEND:20270110T120000\r\nDESCRIPTION:{}\r\n",
        "y".repeat(10_000_000)
    ));
    let keys = |result: Result<import::Imported, ImportError>| match result {
        Err(ImportError::Rejected(errors)) => errors
            .iter()
            .map(|e| (e.property.clone(), e.error.key))
            .collect::<Vec<_>>(),
        other => panic!("not refused: {other:?}"),
    };
    let result = import::import_ics(
        app.db(),
        azory,
        Importer::System,
        "test",
        ten_mb.as_bytes(),
        &options,
        &mut |_, _| {},
    )
    .await;
    assert_eq!(
        keys(result),
        vec![("DESCRIPTION".to_owned(), "error-too-long")]
    );
    let eleven_mb = one_event(&format!(
        "DTSTART:20270110T100000\r\nDTEND:20270110T120000\r\nDESCRIPTION:{}\r\n",
        "y".repeat(11 * 1024 * 1024)
    ));
    let result = import::import_ics(
        app.db(),
        azory,
        Importer::System,
        "test",
        eleven_mb.as_bytes(),
        &options,
        &mut |_, _| {},
    )
    .await;
    assert_eq!(keys(result), vec![(String::new(), "error-ics-too-large")]);
    assert_eq!(counts(&app).await, before);
    assert_eq!(app.count_activity("event.import").await, 0);

    // Form problems are shown on their fields.
    let no_zone = w
        .lap_admin
        .post_form(
            "/spaces/azory/calendar/import",
            &[
                ("organization", lap.as_str()),
                ("time_zone", "Mars/Olympus"),
                ("ics", GOOGLE),
            ],
        )
        .await;
    assert_eq!(no_zone.status, 422);
    assert!(no_zone.body.contains("This is not a time zone name"));
    assert_eq!(counts(&app).await, before);
}

fn good_event() -> &'static str {
    "BEGIN:VEVENT\r\nUID:good-1@example.org\r\nSUMMARY:Dobre wydarzenie\r\nDTSTART;TZID=Europe/Warsaw:20270110T100000\r\nDTEND;TZID=Europe/Warsaw:20270110T120000\r\nEND:VEVENT\r\n"
}

async fn importing_again_updates_and_never_duplicates(app: TestApp) {
    let mut w = world(&app).await;
    let lap = w.lap.to_string();
    let first = w
        .lap_admin
        .post_form("/spaces/azory/calendar/import", &form(&lap, GOOGLE))
        .await;
    assert_eq!(first.status, 303);
    let after_first = counts(&app).await;
    assert_eq!(after_first, [3, 3, 1, 1]);
    // A newer export: the meeting got a new title and lost its exclusion.
    let newer = GOOGLE
        .replace(
            "SUMMARY:Spotkanie liderów lokalnych\r\n",
            "SUMMARY:Spotkanie liderów lokalnych i rady\r\n",
        )
        .replace("EXDATE;TZID=Europe/Warsaw:20270413T170000\r\n", "");
    let again = w
        .lap_admin
        .post_form("/spaces/azory/calendar/import", &form(&lap, &newer))
        .await;
    assert_eq!(again.status, 303, "{}", again.body);
    assert_eq!(counts(&app).await, [3, 3, 0, 1]);
    let leaders =
        cospace_calendar::store::event_by_uid(app.db(), "5k2q8v1s0lq3m7h4c9d2b6t1ar@google.com")
            .await
            .unwrap()
            .unwrap();
    assert_eq!(leaders.title, "Spotkanie liderów lokalnych i rady");
    assert_eq!(leaders.sequence, 1, "subscribers see the change");
    // An organisation imports only where it is listed.
    let unlisted = w
        .lap_admin
        .post_form("/spaces/bronowice/calendar/import", &form(&lap, GOOGLE))
        .await;
    assert_eq!(unlisted.status, 422);
    assert!(unlisted.body.contains("approved and listed in this space"));
    // Listed in Bronowice too, the LAP still cannot import the same UIDs there.
    let bronowice = space_id(&app, "bronowice").await;
    let mut tx = app.db().begin().await.unwrap();
    stakeholders::link_organization(&mut tx, w.lap, bronowice, LinkStatus::Approved)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let elsewhere = w
        .lap_admin
        .post_form("/spaces/bronowice/calendar/import", &form(&lap, GOOGLE))
        .await;
    assert_eq!(elsewhere.status, 422);
    assert!(elsewhere
        .body
        .contains("An event of another space has this UID."));
    // Someone who may not edit the events cannot overwrite them by importing.
    let seniors = w.seniors.to_string();
    let mut seniors_admin = app.signed_in("seniors@example.org", PASSWORD).await;
    let taken = seniors_admin
        .post_form("/spaces/azory/calendar/import", &form(&seniors, GOOGLE))
        .await;
    assert_eq!(taken.status, 422);
    assert!(taken
        .body
        .contains("An event with this UID exists and you may not change it."));
    assert_eq!(counts(&app).await, [3, 3, 0, 1]);
}

async fn only_who_may_plan_for_the_organisation_imports(app: TestApp) {
    let mut w = world(&app).await;
    // Anonymous readers are sent to sign in.
    let anonymous = app.client().get("/spaces/azory/calendar/import").await;
    assert_eq!(anonymous.status, 303);
    // The LAP's admin may not import for the Seniors Club.
    let seniors = w.seniors.to_string();
    let refused = w
        .lap_admin
        .post_form("/spaces/azory/calendar/import", &form(&seniors, GOOGLE))
        .await;
    assert_eq!(refused.status, 422);
    assert!(refused
        .body
        .contains("Name as organisers only organisations you administer"));
    assert_eq!(count(&app, "calendar_events").await, 0);
    // A space admin may import for any organisation.
    app.create_user("coordinator@example.org", PASSWORD, false)
        .await;
    app.add_member("azory", "coordinator@example.org", MemberRole::Admin)
        .await;
    let mut coordinator = app.signed_in("coordinator@example.org", PASSWORD).await;
    let done = coordinator
        .post_form("/spaces/azory/calendar/import", &form(&seniors, OUTLOOK))
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(count(&app, "calendar_events").await, 2);
}
