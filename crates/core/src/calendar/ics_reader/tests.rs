//! Unit tests of the reader: content lines, zones, durations, and whole small files.

use super::lines::{parse_line, text_list};
use super::zones::{duration_value, known_zone, WINDOWS_ZONES};
use super::*;
use chrono::Duration;
fn options() -> Options {
    Options {
        organization: 7,
        default_zone: Zone::parse("tz", "Europe/Warsaw").unwrap(),
    }
}

fn ics(events: &str) -> String {
    format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{events}END:VCALENDAR\r\n")
}

fn keys(input: &str) -> Vec<(usize, String, &'static str)> {
    parse(input.as_bytes(), &options())
        .unwrap_err()
        .into_iter()
        .map(|e| (e.position, e.property, e.error.key))
        .collect()
}

#[test]
fn content_lines_unfold_and_keep_quoted_parameters() {
    let p = parse_line(
        "ATTENDEE;CN=\"Nowak, Anna\";ROLE=REQ-PARTICIPANT:mailto:a@example.org",
        3,
    )
    .unwrap();
    assert_eq!(p.name, "ATTENDEE");
    assert_eq!(p.param("CN"), Some("Nowak, Anna"));
    assert_eq!(p.value, "mailto:a@example.org");
    assert!(parse_line("no colon here", 1).is_none());
    assert_eq!(
        text_list("one\\, two,three"),
        vec!["one, two".to_owned(), "three".to_owned()]
    );
    let folded = ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:Sprzątanie \r\n osiedla\\, wiosna\r\nDTSTART;TZID=Europe/Warsaw:20270410T100000\r\nDTEND;TZID=Europe/Warsaw:20270410T130000\r\nEND:VEVENT\r\n");
    let plan = parse(folded.as_bytes(), &options()).unwrap();
    assert_eq!(plan.events[0].draft.title, "Sprzątanie osiedla, wiosna");
}

#[test]
fn zones_are_found_by_iana_windows_and_mozilla_names() {
    assert_eq!(
        known_zone("Central European Standard Time").map(Zone::name),
        Some("Europe/Warsaw")
    );
    assert_eq!(
        known_zone("/mozilla.org/20050126_1/Europe/Madrid").map(Zone::name),
        Some("Europe/Madrid")
    );
    assert!(known_zone("Mars/Olympus").is_none());
    for (windows, iana) in WINDOWS_ZONES {
        assert!(Zone::parse("tz", iana).is_ok(), "{windows} → {iana}");
    }
}

#[test]
fn durations_parse() {
    assert_eq!(duration_value("PT1H30M"), Some(Duration::minutes(90)));
    assert_eq!(duration_value("P1W"), Some(Duration::days(7)));
    assert_eq!(duration_value("P1DT2H"), Some(Duration::hours(26)));
    assert_eq!(duration_value("P"), None);
    assert_eq!(duration_value("PT1D"), None);
}

#[test]
fn utc_and_floating_times_are_read_in_the_default_zone() {
    let file = ics("BEGIN:VEVENT\r\nUID:u\r\nSUMMARY:Walk\r\nDTSTART:20270115T160000Z\r\nDURATION:PT2H\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:f\r\nSUMMARY:Talk\r\nDTSTART:20270115T180000\r\nDTEND:20270115T190000\r\nEND:VEVENT\r\n");
    let plan = parse(file.as_bytes(), &options()).unwrap();
    let walk = &plan.events[0].draft;
    assert_eq!(walk.zone.name(), "Europe/Warsaw");
    assert_eq!(
        walk.timing.local_start().format("%H:%M").to_string(),
        "17:00"
    );
    assert_eq!(walk.timing.local_end().format("%H:%M").to_string(), "19:00");
    assert_eq!(
        plan.events[1]
            .draft
            .timing
            .local_start()
            .format("%H:%M")
            .to_string(),
        "18:00"
    );
}

#[test]
fn an_event_without_an_end_ends_at_its_start_or_lasts_its_day() {
    // Thunderbird writes a reminder as DTSTART alone; a holiday as a DATE alone.
    let file = ics("BEGIN:VEVENT\r\nUID:deadline\r\nSUMMARY:Termin zgłoszeń\r\nDTSTART;TZID=Europe/Warsaw:20270301T120000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:holiday\r\nSUMMARY:Dzień sąsiada\r\nDTSTART;VALUE=DATE:20270528\r\nEND:VEVENT\r\n");
    let plan = parse(file.as_bytes(), &options()).unwrap();
    let deadline = plan.events[0].draft.timing;
    assert_eq!(deadline.local_start(), deadline.local_end());
    assert_eq!(
        deadline.local_start().format("%Y-%m-%d %H:%M").to_string(),
        "2027-03-01 12:00"
    );
    let holiday = plan.events[1].draft.timing;
    assert!(holiday.is_all_day());
    assert_eq!(
        holiday.local_end() - holiday.local_start(),
        Duration::days(1)
    );
}

#[test]
fn floating_times_are_read_in_the_calendars_own_zone() {
    // Google names the calendar's zone once, in X-WR-TIMEZONE.
    let file = "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nX-WR-CALNAME:Lisboa\r\nX-WR-TIMEZONE:Europe/Lisbon\r\nBEGIN:VEVENT\r\nUID:fl@google.com\r\nSUMMARY:Feira\r\nDTSTART:20270115T180000\r\nDTEND:20270115T200000\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:utc@google.com\r\nSUMMARY:Walk\r\nDTSTART:20270115T160000Z\r\nDTEND:20270115T170000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let plan = parse(file.as_bytes(), &options()).unwrap();
    let fair = &plan.events[0].draft;
    assert_eq!(fair.zone.name(), "Europe/Lisbon");
    assert_eq!(
        fair.timing.local_start().format("%H:%M").to_string(),
        "18:00"
    );
    // A UTC time is an instant; it stays in the importer's zone.
    assert_eq!(plan.events[1].draft.zone.name(), "Europe/Warsaw");
    // An unknown calendar zone leaves the importer's choice.
    let odd = file.replace("Europe/Lisbon", "Mars/Olympus");
    let plan = parse(odd.as_bytes(), &options()).unwrap();
    assert_eq!(plan.events[0].draft.zone.name(), "Europe/Warsaw");
}

#[test]
fn an_event_without_a_uid_gets_one_from_its_content() {
    let event = "BEGIN:VEVENT\r\nSUMMARY:Kawiarenka\r\nDTSTART;TZID=Europe/Warsaw:20270204T100000\r\nDTEND;TZID=Europe/Warsaw:20270204T120000\r\nRRULE:FREQ=WEEKLY;BYDAY=TH\r\nEND:VEVENT\r\n";
    let uids = |file: &str| -> Vec<String> {
        parse(file.as_bytes(), &options())
            .unwrap()
            .events
            .into_iter()
            .map(|e| e.uid)
            .collect()
    };
    let once = uids(&ics(event));
    assert!(once[0].ends_with("@import.cospace"), "{}", once[0]);
    assert_eq!(uids(&ics(event)), once, "stable");
    // Two identical events are two events; another title, program or start another one.
    let twice = uids(&ics(&format!("{event}{event}")));
    assert_eq!(twice[0], once[0]);
    assert_ne!(twice[1], twice[0]);
    assert_ne!(uids(&ics(&event.replace("Kawiarenka", "Kawiarnia"))), once);
    assert_ne!(uids(&ics(&event.replace("T100000", "T110000"))), once);
    assert_ne!(
        uids(&ics(event).replace("-//test//EN", "-//other//EN")),
        once
    );
}

#[test]
fn problems_of_the_file_are_not_bad_events() {
    let errors = parse(b"BEGIN:VCALENDAR\r\nSUMMARY:\xff\r\n", &options()).unwrap_err();
    assert_eq!(errors[0].error.key, "error-ics-utf8");
    assert_eq!(bad_events(&errors), 0);
    assert_eq!(summary(&errors), "the file cannot be read as a calendar");
    let errors = parse(b"BEGIN:VCARD\r\nEND:VCARD\r\n", &options()).unwrap_err();
    assert_eq!(errors[0].error.key, "error-ics-not-calendar");
    assert_eq!(bad_events(&errors), 0);
    let errors = keys(&ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nEND:VEVENT\r\n"));
    assert_eq!(errors.len(), 1);
    let errors = parse(
        ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nEND:VEVENT\r\n").as_bytes(),
        &options(),
    )
    .unwrap_err();
    assert_eq!(summary(&errors), "1 bad event");
}

#[test]
fn bad_files_are_refused_with_reasons() {
    assert_eq!(
        keys("name,email\nAnna,anna@example.org\n"),
        vec![(0, String::new(), "error-ics-not-calendar")]
    );
    assert_eq!(
        keys(&ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nDTSTART;TZID=Mars/Olympus:20270101T100000\r\nDTEND;TZID=Mars/Olympus:20270101T110000\r\nEND:VEVENT\r\n")),
        vec![(1, "DTSTART;TZID=Mars/Olympus".to_owned(), "error-ics-time-zone")]
    );
    assert_eq!(
        keys(&ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nDTSTART:20270101T100000\r\nDTEND:20270101T090000\r\nEND:VEVENT\r\n")),
        vec![(1, "DTEND".to_owned(), "error-end-before-start")]
    );
    assert_eq!(
        keys(&ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nDTSTART:20270101T100000\r\nDTEND:20270101T110000\r\nRRULE:FREQ=HOURLY\r\nEND:VEVENT\r\n")),
        vec![(1, "RRULE".to_owned(), "error-rrule-frequency")]
    );
    assert_eq!(
        keys(&ics("BEGIN:VEVENT\r\nUID:a\r\nSUMMARY:x\r\nEND:VEVENT\r\n")),
        vec![(1, "DTSTART".to_owned(), "error-ics-no-start")]
    );
    assert_eq!(
        keys(&ics("BEGIN:VEVENT\r\nUID:a\r\nEND:VCALENDAR\r\n")),
        vec![(0, String::new(), "error-ics-structure")]
    );
    assert_eq!(
        keys(&ics("")),
        vec![(0, String::new(), "error-ics-no-events")]
    );
}
