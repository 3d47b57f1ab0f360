//! `cospace import calendar`: an .ics file into a space from the command line, all or nothing,
//! every problem listed in English, importing again without duplicates.

use cospace_core::stakeholders::{OrganizationDraft, Sector};
use cospace_testkit::{db_tests, TestApp};
use std::process::{Command, Output};

const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../components/calendar/tests/fixtures"
);

fn import(app: &TestApp, file: &str, space: &str, organization: i64) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cospace"))
        .env_remove("COSPACE_DATABASE_URL")
        .env_remove("COSPACE_CONFIG")
        .args([
            "import",
            "calendar",
            file,
            "--space",
            space,
            "--organization",
            &organization.to_string(),
            "--time-zone",
            "Europe/Warsaw",
            "--database-url",
            &app.database_url,
        ])
        .output()
        .unwrap()
}

async fn events(app: &TestApp) -> i64 {
    cospace_store::with_db!(app.db(), |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM calendar_events"
    )
    .fetch_one(pool)
    .await)
    .unwrap()
}

async fn organization(app: &TestApp) -> i64 {
    let space = cospace_store::spaces::space_by_slug(app.db(), "azory")
        .await
        .unwrap()
        .id();
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
    let id = cospace_stakeholders::store::create_organization(&mut tx, &draft, None)
        .await
        .unwrap();
    cospace_stakeholders::store::link_organization(
        &mut tx,
        id,
        space,
        cospace_stakeholders::store::LinkStatus::Approved,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    id
}

db_tests!(cospace::components();
    the_command_line_imports_a_calendar_and_again_without_duplicates,
    the_command_line_lists_every_bad_event_and_imports_nothing,
);

async fn the_command_line_imports_a_calendar_and_again_without_duplicates(app: TestApp) {
    app.create_space(None, "azory", "Azory").await;
    let lap = organization(&app).await;
    let google = format!("{FIXTURES}/google.ics");
    let output = import(&app, &google, "azory", lap);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.starts_with("imported 3 new and 0 updated events into azory in "),
        "{stdout}"
    );
    assert_eq!(events(&app).await, 3);
    let again = import(&app, &google, "azory", lap);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout)
        .starts_with("imported 0 new and 3 updated events into azory"));
    assert_eq!(events(&app).await, 3);
    assert_eq!(app.count_activity("event.import").await, 2);
}

async fn the_command_line_lists_every_bad_event_and_imports_nothing(app: TestApp) {
    app.create_space(None, "azory", "Azory").await;
    let lap = organization(&app).await;
    let bad = std::env::temp_dir().join(format!("cospace-bad-{}.ics", std::process::id()));
    let text = std::fs::read_to_string(format!("{FIXTURES}/outlook.ics"))
        .unwrap()
        .replace(
            "DTEND;TZID=/mozilla.org/20070129_1/Europe/Warsaw:20270115T193000",
            "DTEND;TZID=/mozilla.org/20070129_1/Europe/Warsaw:20270115T170000",
        )
        .replace("FREQ=WEEKLY;COUNT=10", "FREQ=MINUTELY;COUNT=10");
    std::fs::write(&bad, text).unwrap();
    let output = import(&app, bad.to_str().unwrap(), "azory", lap);
    let _ = std::fs::remove_file(&bad);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        "event 1 (line 45, \"Kurs komputerowy dla seniorów\", UID 040000008200E00074C5B7101A82E00800000000C0FFEE01A2B3C4D500000000000000001000000012345678901234567890ABCDEF): RRULE: Events can repeat daily, weekly, monthly or yearly.\n\
         event 2 (line 66, \"Klub książki\", UID b1c2d3e4-thunderbird-azory): DTEND: The end must come after the start.\n\
         error: nothing was imported: 2 bad events\n"
    );
    assert_eq!(events(&app).await, 0);
    assert_eq!(app.count_activity("event.import").await, 0);
    let not_ics = import(&app, "Cargo.toml", "azory", lap);
    assert!(!not_ics.status.success());
    let stderr = String::from_utf8_lossy(&not_ics.stderr);
    assert!(stderr.contains("This is not an iCalendar file: it must begin with BEGIN:VCALENDAR."));
    // A problem of the file is the file's, not a bad event.
    assert!(
        stderr.ends_with("error: nothing was imported: the file cannot be read as a calendar\n"),
        "{stderr}"
    );
    let unknown = import(&app, &format!("{FIXTURES}/google.ics"), "azory", 987_654);
    assert_eq!(
        String::from_utf8_lossy(&unknown.stderr),
        "error: organisation 987654 is not approved and listed in 'azory' (nor in a public space above or below it)\n"
    );
}
