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
    an_event_without_an_end_is_a_moment_or_a_day,
    problems_of_the_file_are_the_files_not_a_bad_event,
    events_without_a_uid_are_not_duplicated_by_a_second_import,
    google_html_descriptions_become_plain_text,
    floating_times_follow_the_calendars_zone,
    a_stored_kind_outside_the_vocabulary_is_an_error_when_read,
    uid_lists_are_one_parameter_on_either_database,
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
    assert_eq!(leaders.status.as_str(), "confirmed");
    assert_eq!(leaders.kind.as_str(), "other");
    let feast = event("1f7e0c3a9d@google.com").await;
    assert!(feast.all_day);
    assert_eq!(feast.start_local, "2027-06-05T00:00:00");
    assert_eq!(feast.end_local, "2027-06-07T00:00:00");
    assert_eq!(feast.kind.as_str(), "celebration");
    // 15:00 UTC in May is 17:00 in Warsaw.
    let cleanup = event("8c0d1e2f3a4b@google.com").await;
    assert_eq!(cleanup.time_zone, "Europe/Warsaw");
    assert_eq!(cleanup.start_local, "2027-05-20T17:00:00");
    assert_eq!((cleanup.lat, cleanup.lon), (Some(50.0876), Some(19.906)));
    assert_eq!(cleanup.kind.as_str(), "action");
    assert_eq!(cleanup.status.as_str(), "planned");
    // Outlook's Windows zone and folded UID; Thunderbird's Mozilla zone path.
    let course = event("040000008200E00074C5B7101A82E00800000000C0FFEE01A2B3C4D500000000000000001000000012345678901234567890ABCDEF").await;
    assert_eq!(course.time_zone, "Europe/Warsaw");
    assert_eq!(course.title, "Kurs komputerowy dla seniorów");
    assert_eq!(course.kind.as_str(), "training");
    let club = event("b1c2d3e4-thunderbird-azory").await;
    assert_eq!(club.time_zone, "Europe/Warsaw");
    assert_eq!(club.kind.as_str(), "meeting");

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

/// A kind outside the vocabulary in the database is a broken row: reading it is an error, not a
/// guess (the schema's CHECK guards the status; nothing guards the kind but the reader).
async fn a_stored_kind_outside_the_vocabulary_is_an_error_when_read(app: TestApp) {
    let w = world(&app).await;
    import_file(&app, &w, GOOGLE).await;
    let uid = "5k2q8v1s0lq3m7h4c9d2b6t1ar@google.com";
    assert!(cospace_calendar::store::event_by_uid(app.db(), uid)
        .await
        .is_ok());
    cospace_store::with_db!(app.db(), |pool| sqlx::query(
        "UPDATE calendar_events SET kind = 'party' WHERE uid = $1"
    )
    .bind(uid)
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
    assert!(cospace_calendar::store::event_by_uid(app.db(), uid)
        .await
        .is_err());
}

/// A list of UIDs travels as one parameter, quotes and all, and finds exactly what it names.
async fn uid_lists_are_one_parameter_on_either_database(app: TestApp) {
    let w = world(&app).await;
    import_file(&app, &w, GOOGLE).await;
    let sql = format!(
        "SELECT COUNT(*) FROM calendar_events WHERE uid {}",
        cospace_store::in_ids(app.db().backend(), 1)
    );
    let uids = cospace_store::ids::TextList::new([
        "5k2q8v1s0lq3m7h4c9d2b6t1ar@google.com",
        "1f7e0c3a9d@google.com",
        "nobody@example.org",
        "it's \"quoted\", [bracketed]",
    ]);
    let found: i64 = cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(&sql)
        .bind(uids.clone())
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(found, 2);
    let none: i64 = cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(&sql)
        .bind(cospace_store::ids::TextList::default())
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(none, 0);
}

/// Imports `file` as the command line would, for the Local Activity Point of Azory.
async fn import_file(app: &TestApp, w: &World, file: &str) -> import::Imported {
    let options = Options {
        organization: w.lap,
        default_zone: Zone::parse("tz", "Europe/Warsaw").unwrap(),
    };
    let azory = space_id(app, "azory").await;
    import::import_ics(
        app.db(),
        azory,
        Importer::System,
        "test",
        file.as_bytes(),
        &options,
        &mut |_, _| {},
    )
    .await
    .unwrap()
}

async fn event(app: &TestApp, uid: &str) -> cospace_calendar::store::EventRow {
    cospace_calendar::store::event_by_uid(app.db(), uid)
        .await
        .unwrap()
        .expect("imported")
}

/// A calendar as Thunderbird exports it: a deadline with no end (a moment, at midnight so that
/// it sits on the edge of its week) and a neighbours' day given as a date alone.
const THUNDERBIRD_NO_END: &str = "BEGIN:VCALENDAR\r\nPRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nCREATED:20261201T090000Z\r\nDTSTAMP:20261201T090000Z\r\nUID:7d1c5e0a-deadline-azory\r\nSUMMARY:Termin zgłoszeń do budżetu obywatelskiego\r\nDTSTART;TZID=Europe/Warsaw:20270301T000000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:7d1c5e0a-neighbours-day\r\nSUMMARY:Dzień Sąsiada\r\nDTSTART;VALUE=DATE:20270528\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

async fn an_event_without_an_end_is_a_moment_or_a_day(app: TestApp) {
    let w = world(&app).await;
    let done = import_file(&app, &w, THUNDERBIRD_NO_END).await;
    assert_eq!(done.created, 2);
    let deadline = event(&app, "7d1c5e0a-deadline-azory").await;
    assert_eq!(deadline.start_local, "2027-03-01T00:00:00");
    assert_eq!(
        deadline.end_local, deadline.start_local,
        "ends at its start"
    );
    let day = event(&app, "7d1c5e0a-neighbours-day").await;
    assert!(day.all_day);
    assert_eq!(day.start_local, "2027-05-28T00:00:00");
    assert_eq!(day.end_local, "2027-05-29T00:00:00");
    // The week that begins at the very moment shows it, and the feed publishes it.
    let week = app
        .client()
        .get("/spaces/azory/calendar?view=week&date=2027-03-01")
        .await;
    assert!(week
        .body
        .contains("Termin zgłoszeń do budżetu obywatelskiego"));
    let feed = app.client().get("/spaces/azory/calendar.ics").await;
    let _: icalendar::Calendar = feed.body.parse().expect("valid iCalendar");
    assert!(feed
        .body
        .contains("DTSTART;TZID=Europe/Warsaw:20270301T000000"));
}

async fn problems_of_the_file_are_the_files_not_a_bad_event(app: TestApp) {
    let mut w = world(&app).await;
    let lap = w.lap.to_string();
    let before = counts(&app).await;
    for not_a_calendar in [
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Nowak\r\nEND:VCARD\r\n".to_owned(),
        one_event("DTSTART:20270110T100000\r\n").replace("END:VEVENT\r\n", ""),
    ] {
        let refused = w
            .lap_admin
            .post_form(
                "/spaces/azory/calendar/import",
                &form(&lap, &not_a_calendar),
            )
            .await;
        assert_eq!(refused.status, 422);
        assert!(refused
            .body
            .contains("Nothing was imported: the file cannot be read as a calendar."));
        assert!(!refused.body.contains("event has problems"));
    }
    // Bad UTF-8 (a Windows-1250 export) reaches only the command line's path.
    let azory = space_id(&app, "azory").await;
    let options = Options {
        organization: w.lap,
        default_zone: Zone::parse("tz", "Europe/Warsaw").unwrap(),
    };
    let latin2 = one_event("DTSTART:20270110T100000\r\n").replace("Spacer", "Spacer \u{0}");
    let mut bytes = latin2.into_bytes();
    let at = bytes.iter().position(|b| *b == 0).unwrap();
    bytes[at] = 0xB9; // "ą" in Windows-1250
    let result = import::import_ics(
        app.db(),
        azory,
        Importer::System,
        "test",
        &bytes,
        &options,
        &mut |_, _| {},
    )
    .await;
    match result {
        Err(ImportError::Rejected(errors)) => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].error.key, "error-ics-utf8");
            assert_eq!(import::bad_events(&errors), 0);
            assert_eq!(
                ImportError::Rejected(errors).to_string(),
                "the file cannot be read as a calendar"
            );
        }
        other => panic!("not refused: {other:?}"),
    }
    assert_eq!(counts(&app).await, before);
}

/// An export of a program that writes no UID (some web calendars and hand-made files do).
const NO_UIDS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Rada Dzielnicy//Kalendarz 1.0//PL\r\nBEGIN:VEVENT\r\nDTSTAMP:20261210T080000Z\r\nSUMMARY:Dyżur radnych\r\nDTSTART;TZID=Europe/Warsaw:20270107T170000\r\nDTEND;TZID=Europe/Warsaw:20270107T180000\r\nRRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=10\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTAMP:20261210T080000Z\r\nSUMMARY:Sesja rady\r\nDTSTART;TZID=Europe/Warsaw:20270120T160000\r\nDTEND;TZID=Europe/Warsaw:20270120T190000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

async fn events_without_a_uid_are_not_duplicated_by_a_second_import(app: TestApp) {
    let w = world(&app).await;
    let first = import_file(&app, &w, NO_UIDS).await;
    assert_eq!((first.created, first.updated), (2, 0));
    // A later export: the DTSTAMP changed, the events did not.
    let later = NO_UIDS.replace("DTSTAMP:20261210T080000Z", "DTSTAMP:20270105T120000Z");
    let again = import_file(&app, &w, &later).await;
    assert_eq!((again.created, again.updated), (0, 2));
    assert_eq!(count(&app, "calendar_events").await, 2);
}

/// A Google export whose description was written in Google's editor.
const GOOGLE_HTML: &str = "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\nX-WR-CALNAME:Azory\r\nX-WR-TIMEZONE:Europe/Warsaw\r\nBEGIN:VEVENT\r\nDTSTART:20270312T160000Z\r\nDTEND:20270312T180000Z\r\nUID:3rk0q9h2p7n1a6c5e4d8f0b2g1@google.com\r\nDESCRIPTION:<b>Warsztaty kompostowania</b><br>Przynieś słoik &amp; rękawice.<br>\r\n <br>Zapisy: <a href=\"https://azory.example/zapisy?id=4&amp;lang=pl\">formularz</a>\r\nSUMMARY:Kompostownik na Azorach\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

async fn google_html_descriptions_become_plain_text(app: TestApp) {
    let w = world(&app).await;
    import_file(&app, &w, GOOGLE_HTML).await;
    let workshop = event(&app, "3rk0q9h2p7n1a6c5e4d8f0b2g1@google.com").await;
    assert_eq!(
        workshop.description,
        "Warsztaty kompostowania\nPrzynieś słoik & rękawice.\n\nZapisy: formularz (https://azory.example/zapisy?id=4&lang=pl)"
    );
    let page = app
        .client()
        .get(&format!("/spaces/azory/calendar/events/{}", workshop.id))
        .await;
    assert!(!page.body.contains("&lt;br"), "no markup shown");
}

/// Google writes a calendar's one-off events in floating time when they were made in another
/// program; X-WR-TIMEZONE says where.
const GOOGLE_FLOATING: &str = "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nX-WR-CALNAME:Lisboa parceiros\r\nX-WR-TIMEZONE:Europe/Lisbon\r\nBEGIN:VEVENT\r\nDTSTART:20270415T180000\r\nDTEND:20270415T200000\r\nUID:0a9b8c7d6e5f@google.com\r\nSUMMARY:Encontro de parceiros\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

async fn floating_times_follow_the_calendars_zone(app: TestApp) {
    let w = world(&app).await;
    import_file(&app, &w, GOOGLE_FLOATING).await;
    let meeting = event(&app, "0a9b8c7d6e5f@google.com").await;
    assert_eq!(meeting.time_zone, "Europe/Lisbon");
    assert_eq!(meeting.start_local, "2027-04-15T18:00:00");
    // 18:00 in Lisbon (WEST, UTC+1) is 17:00 UTC.
    assert_eq!(meeting.starts_at, 1_807_808_400);
}
