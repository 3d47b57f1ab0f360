//! Expansion of series: rules across DST, exclusions, changed occurrences and extra dates.

use super::*;
use proptest::prelude::*;

fn warsaw() -> Zone {
    Zone::parse("tz", "Europe/Warsaw").unwrap()
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn meeting(rule: &Rule) -> Series<'_> {
    Series {
        zone: warsaw(),
        timing: Timing::At {
            start: local("2026-01-13T17:00"),
            end: local("2026-01-13T19:00"),
        },
        rule: Some(rule),
        rdates: &[],
        exdates: &[],
        changes: &[],
    }
}

#[test]
fn every_second_tuesday_at_five_in_warsaw_keeps_its_wall_clock_time_across_dst() {
    let rule = Rule::parse(
        "rrule",
        "RRULE:FREQ=MONTHLY;BYDAY=2TU",
        warsaw(),
        local("2026-01-13T17:00"),
    )
    .unwrap();
    assert!(!rule.is_finite());
    let all = meeting(&rule).occurrences(utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
    assert_eq!(all.len(), 12);
    assert!(all
        .iter()
        .all(|o| o.local_start.time() == NaiveTime::from_hms_opt(17, 0, 0).unwrap()));
    assert!(all
        .iter()
        .all(|o| o.local_start.weekday() == chrono::Weekday::Tue
            && (8..=14).contains(&o.local_start.day())));
    // Winter meetings are at 16:00 UTC, summer ones at 15:00 UTC.
    assert_eq!(all[0].start, utc("2026-01-13T16:00:00Z"));
    assert_eq!(all[6].start, utc("2026-07-14T15:00:00Z"));
    assert_eq!(all[6].end, utc("2026-07-14T17:00:00Z"));
}

#[test]
fn a_moment_is_found_in_the_window_that_holds_its_start() {
    let at = local("2027-03-01T00:00");
    let series = Series {
        zone: warsaw(),
        timing: Timing::At { start: at, end: at },
        rule: None,
        rdates: &[],
        exdates: &[],
        changes: &[],
    };
    // Midnight in Warsaw is 23:00 UTC the day before.
    let day = series.occurrences(utc("2027-02-28T23:00:00Z"), utc("2027-03-01T23:00:00Z"));
    assert_eq!(day.len(), 1);
    assert_eq!(day[0].start, day[0].end);
    assert!(series
        .occurrences(utc("2027-02-27T23:00:00Z"), utc("2027-02-28T23:00:00Z"))
        .is_empty());
}

#[test]
fn exdates_and_changes_apply() {
    let rule = Rule::parse(
        "rrule",
        "FREQ=WEEKLY;COUNT=4",
        warsaw(),
        local("2026-01-13T17:00"),
    )
    .unwrap();
    assert!(rule.is_finite());
    let exdates = [local("2026-01-20T17:00")];
    let changes = [
        Change {
            recurrence_id: local("2026-01-27T17:00"),
            start: local("2026-01-28T18:00"),
            end: local("2026-01-28T20:00"),
            cancelled: false,
            ..Change::default()
        },
        Change {
            recurrence_id: local("2026-02-03T17:00"),
            start: local("2026-02-03T17:00"),
            end: local("2026-02-03T19:00"),
            cancelled: true,
            ..Change::default()
        },
    ];
    let series = Series {
        exdates: &exdates,
        changes: &changes,
        ..meeting(&rule)
    };
    let all = series.occurrences(utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
    let starts: Vec<_> = all
        .iter()
        .map(|o| (o.local_start, o.changed, o.cancelled))
        .collect();
    assert_eq!(
        starts,
        vec![
            (local("2026-01-13T17:00"), false, false),
            (local("2026-01-28T18:00"), true, false),
            (local("2026-02-03T17:00"), true, true),
        ]
    );
}

#[test]
fn a_changed_occurrence_carries_its_own_text() {
    let rule = Rule::parse(
        "rrule",
        "FREQ=WEEKLY;COUNT=3",
        warsaw(),
        local("2026-01-13T17:00"),
    )
    .unwrap();
    let changes = [Change {
        recurrence_id: local("2026-01-20T17:00"),
        start: local("2026-01-20T17:00"),
        end: local("2026-01-20T19:00"),
        title: Some("Budget special".to_owned()),
        description: Some("Guests from the council".to_owned()),
        address: Some("Town hall".to_owned()),
        ..Change::default()
    }];
    let series = Series {
        changes: &changes,
        ..meeting(&rule)
    };
    let all = series.occurrences(utc("2026-01-01T00:00:00Z"), utc("2026-02-01T00:00:00Z"));
    let titles: Vec<_> = all.iter().map(|o| o.title.as_deref()).collect();
    assert_eq!(titles, vec![None, Some("Budget special"), None]);
    assert_eq!(all[1].address.as_deref(), Some("Town hall"));
    assert!(all[1].changed && !all[1].cancelled);
}

#[test]
fn a_change_moved_into_the_window_is_found() {
    let rule = Rule::parse(
        "rrule",
        "FREQ=WEEKLY;COUNT=2",
        warsaw(),
        local("2026-01-13T17:00"),
    )
    .unwrap();
    let changes = [Change {
        recurrence_id: local("2026-01-20T17:00"),
        start: local("2026-03-02T10:00"),
        end: local("2026-03-02T11:00"),
        cancelled: false,
        ..Change::default()
    }];
    let series = Series {
        changes: &changes,
        ..meeting(&rule)
    };
    let march = series.occurrences(utc("2026-03-01T00:00:00Z"), utc("2026-04-01T00:00:00Z"));
    assert_eq!(march.len(), 1);
    assert_eq!(march[0].recurrence_id, local("2026-01-20T17:00"));
    let january = series.occurrences(utc("2026-01-01T00:00:00Z"), utc("2026-02-01T00:00:00Z"));
    assert_eq!(january.len(), 1);
}

#[test]
fn all_day_events_cover_whole_local_days() {
    let series = Series {
        zone: warsaw(),
        timing: Timing::AllDay {
            first: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            last: NaiveDate::from_ymd_opt(2026, 6, 2).unwrap(),
        },
        rule: None,
        rdates: &[],
        exdates: &[],
        changes: &[],
    };
    let all = series.occurrences(utc("2026-05-01T00:00:00Z"), utc("2026-07-01T00:00:00Z"));
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].start, utc("2026-05-31T22:00:00Z"));
    assert_eq!(all[0].end, utc("2026-06-02T22:00:00Z"));
}

#[test]
fn bad_rules_are_refused_with_reasons() {
    let start = local("2026-01-13T17:00");
    let err = |input: &str| {
        Rule::parse("rrule", input, warsaw(), start)
            .unwrap_err()
            .key
    };
    assert_eq!(err("every tuesday"), "error-rrule");
    assert_eq!(err("FREQ=SOMETIMES"), "error-rrule-frequency");
    assert_eq!(err("FREQ=HOURLY"), "error-rrule-frequency");
    assert_eq!(err("FREQ=WEEKLY;COUNT=0"), "error-rrule-count");
    assert_eq!(err("FREQ=WEEKLY;COUNT=100000"), "error-rrule-count");
    assert_eq!(
        err("FREQ=WEEKLY;UNTIL=20250101T000000Z"),
        "error-rrule-until-before-start"
    );
    assert_eq!(err("FREQ=WEEKLY;BYDAY=XX"), "error-rrule");
    assert_eq!(err(""), "error-rrule");
}

#[test]
fn until_as_a_date_is_read_in_the_events_zone() {
    let rule = Rule::parse(
        "rrule",
        "FREQ=WEEKLY;UNTIL=20260127",
        warsaw(),
        local("2026-01-13T17:00"),
    )
    .unwrap();
    assert_eq!(rule.as_str(), "FREQ=WEEKLY;UNTIL=20260127T225959Z");
    assert_eq!(rule.until(), Some(utc("2026-01-27T22:59:59Z")));
    let all = meeting(&rule).occurrences(utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
    assert_eq!(all.len(), 3);
}

#[test]
fn choices_make_rules() {
    let start = local("2026-01-13T17:00");
    let rule = Rule::from_choice(Repeat::MonthlyByWeekday, Ends::After(5), warsaw(), start);
    assert_eq!(rule.as_str(), "FREQ=MONTHLY;BYDAY=2TU;COUNT=5");
    assert_eq!(
        Rule::parse("rrule", rule.as_str(), warsaw(), start),
        Ok(rule)
    );
    let last = Rule::from_choice(
        Repeat::MonthlyByWeekday,
        Ends::Never,
        warsaw(),
        local("2026-03-31T17:00"),
    );
    assert_eq!(last.as_str(), "FREQ=MONTHLY;BYDAY=-1TU");
    let until = Rule::from_choice(
        Repeat::Fortnightly,
        Ends::On(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap()),
        warsaw(),
        start,
    );
    assert_eq!(
        until.as_str(),
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20260630T215959Z"
    );
}

#[test]
fn windows_are_bounded() {
    let rule = Rule::parse("rrule", "FREQ=DAILY", warsaw(), local("2026-01-13T17:00")).unwrap();
    let all = meeting(&rule).occurrences(utc("2026-01-01T00:00:00Z"), utc("2036-01-01T00:00:00Z"));
    assert_eq!(all.len(), MAX_PER_WINDOW);
}

#[test]
fn extra_dates_join_the_rule_in_order_once_and_exdates_remove_them() {
    let rule = Rule::parse(
        "rrule",
        "FREQ=WEEKLY;COUNT=3",
        warsaw(),
        local("2026-01-13T17:00"),
    )
    .unwrap();
    // One between the rule's dates, one repeating a rule date, one excluded, one after the
    // rule ends (in summer time: it keeps its wall-clock time and the series' length).
    let rdates = [
        local("2026-01-16T10:00"),
        local("2026-01-20T17:00"),
        local("2026-01-23T10:00"),
        local("2026-07-01T17:00"),
        local("2026-01-16T10:00"),
    ];
    let exdates = [local("2026-01-23T10:00")];
    let series = Series {
        rdates: &rdates,
        exdates: &exdates,
        ..meeting(&rule)
    };
    let all = series.occurrences(utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
    let starts: Vec<_> = all.iter().map(|o| o.local_start).collect();
    assert_eq!(
        starts,
        vec![
            local("2026-01-13T17:00"),
            local("2026-01-16T10:00"),
            local("2026-01-20T17:00"),
            local("2026-01-27T17:00"),
            local("2026-07-01T17:00"),
        ]
    );
    assert_eq!(all[4].start, utc("2026-07-01T15:00:00Z"));
    assert_eq!(all[4].end, utc("2026-07-01T17:00:00Z"));
    // A window holding only an extra date finds it.
    let july = series.occurrences(utc("2026-07-01T00:00:00Z"), utc("2026-08-01T00:00:00Z"));
    assert_eq!(july.len(), 1);
}

#[test]
fn extra_dates_without_a_rule_make_a_series_and_may_be_changed() {
    let rdates = [local("2026-02-03T09:00")];
    let changes = [Change {
        recurrence_id: local("2026-02-03T09:00"),
        start: local("2026-02-04T09:00"),
        end: local("2026-02-04T10:00"),
        title: Some("Moved".to_owned()),
        ..Change::default()
    }];
    let series = Series {
        zone: warsaw(),
        timing: Timing::At {
            start: local("2026-01-27T09:00"),
            end: local("2026-01-27T10:00"),
        },
        rule: None,
        rdates: &rdates,
        exdates: &[],
        changes: &changes,
    };
    let all = series.occurrences(utc("2026-01-01T00:00:00Z"), utc("2026-03-01T00:00:00Z"));
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].local_start, local("2026-02-04T09:00"));
    assert_eq!(all[1].title.as_deref(), Some("Moved"));
    // All-day extra dates last as many days as the first.
    let days = [local("2026-06-10T00:00")];
    let fair = Series {
        zone: warsaw(),
        timing: Timing::AllDay {
            first: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            last: NaiveDate::from_ymd_opt(2026, 6, 2).unwrap(),
        },
        rule: None,
        rdates: &days,
        exdates: &[],
        changes: &[],
    };
    let all = fair.occurrences(utc("2026-05-01T00:00:00Z"), utc("2026-07-01T00:00:00Z"));
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].local_end, local("2026-06-12T00:00"));
}

proptest! {
    #[test]
    fn occurrences_are_sorted_unique_and_never_excluded(
        count in 1u32..30,
        extra in proptest::collection::vec((0i64..200, 0u32..24), 0..20),
        excluded in proptest::collection::vec(0usize..60, 0..10),
        from_day in 0i64..200, days in 1i64..200,
    ) {
        let start = local("2026-01-13T17:00");
        let rule = Rule::parse("rrule", &format!("FREQ=WEEKLY;COUNT={count}"), warsaw(), start).unwrap();
        let rdates: Vec<NaiveDateTime> = extra
            .iter()
            .map(|(day, hour)| {
                (start.date() + Duration::days(*day)).and_hms_opt(*hour, 0, 0).unwrap()
            })
            .collect();
        // Exclusions name rule dates and extra dates alike.
        let named: Vec<NaiveDateTime> = (0..count as i64)
            .map(|w| start + Duration::weeks(w))
            .chain(rdates.iter().copied())
            .collect();
        let exdates: Vec<NaiveDateTime> = excluded
            .iter()
            .filter_map(|i| named.get(*i).copied())
            .collect();
        let series = Series { rdates: &rdates, exdates: &exdates, ..meeting(&rule) };
        let from = utc("2026-01-01T00:00:00Z") + Duration::days(from_day);
        let all = series.occurrences(from, from + Duration::days(days));
        prop_assert!(all.windows(2).all(|w| (w[0].start, w[0].recurrence_id) < (w[1].start, w[1].recurrence_id)));
        let mut ids: Vec<_> = all.iter().map(|o| o.recurrence_id).collect();
        ids.sort();
        ids.dedup();
        prop_assert_eq!(ids.len(), all.len());
        prop_assert!(all.iter().all(|o| !exdates.contains(&o.recurrence_id)));
        // Nothing in the window is lost: every named date not excluded that falls in it is there.
        for date in &named {
            let o = Series { rdates: &[], exdates: &[], rule: None, timing: Timing::At { start: *date, end: *date + Duration::hours(2) }, ..series };
            let inside = !o.occurrences(from, from + Duration::days(days)).is_empty();
            if inside && !exdates.contains(date) {
                prop_assert!(all.iter().any(|x| x.recurrence_id == *date));
            }
        }
    }
}
