//! Recurring events: RFC 5545 recurrence rules (RRULE) with excluded dates (EXDATE) and changed
//! occurrences (RECURRENCE-ID), expanded into the occurrences that fall in a window.
//!
//! A rule is kept as its normalised RFC 5545 text, so the iCalendar feed can publish it as it is
//! and calendar programs expand it the same way we do. Rules finer than daily are refused: a
//! civic calendar has no hourly series, and refusing them bounds every expansion.

use super::time::Zone;
use crate::validation::FieldError;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// The longest a series may run by count: eleven years of weekly meetings, twenty of monthly.
pub const MAX_COUNT: u32 = 600;
/// The most occurrences one series yields in one window, whatever the rule.
pub const MAX_PER_WINDOW: usize = 1_500;

/// A validated recurrence rule, e.g. `FREQ=MONTHLY;BYDAY=2TU` ("every second Tuesday").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    text: String,
}

/// How the form offers common rules without writing RFC 5545 by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    Daily,
    Weekly,
    Fortnightly,
    /// The same weekday of the month as the first occurrence: "every second Tuesday".
    MonthlyByWeekday,
    MonthlyByDate,
    Yearly,
}

impl Repeat {
    pub const ALL: &'static [(Repeat, &'static str)] = &[
        (Repeat::Daily, "daily"),
        (Repeat::Weekly, "weekly"),
        (Repeat::Fortnightly, "fortnightly"),
        (Repeat::MonthlyByWeekday, "monthly_weekday"),
        (Repeat::MonthlyByDate, "monthly_date"),
        (Repeat::Yearly, "yearly"),
    ];

    pub fn as_str(self) -> &'static str {
        Repeat::ALL
            .iter()
            .find(|(r, _)| *r == self)
            .map(|(_, s)| *s)
            .unwrap_or("weekly")
    }

    pub fn parse(input: &str) -> Option<Repeat> {
        Repeat::ALL
            .iter()
            .find(|(_, s)| *s == input.trim())
            .map(|(r, _)| *r)
    }
}

/// When a series made from a [`Repeat`] stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ends {
    Never,
    After(u32),
    On(NaiveDate),
}

const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

impl Rule {
    /// Parses and validates a rule given as `FREQ=…` or `RRULE:FREQ=…` for a series whose first
    /// occurrence starts at `start` (wall-clock time in `zone`). An `UNTIL` given as a date or a
    /// floating time, as many calendar programs write it, is read in `zone` and stored in UTC as
    /// RFC 5545 requires.
    pub fn parse(
        field: &'static str,
        input: &str,
        zone: Zone,
        start: NaiveDateTime,
    ) -> Result<Rule, FieldError> {
        let body = input.trim();
        let body = body
            .strip_prefix("RRULE:")
            .or_else(|| body.strip_prefix("rrule:"))
            .unwrap_or(body);
        if body.is_empty() || body.len() > 500 || body.contains(['\n', '\r']) {
            return Err(FieldError::new(field, "error-rrule"));
        }
        let mut parts = Vec::new();
        for part in body.split(';').filter(|p| !p.trim().is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or(FieldError::new(field, "error-rrule"))?;
            let name = name.trim().to_ascii_uppercase();
            let mut value = value.trim().to_ascii_uppercase();
            if name == "UNTIL" {
                value = until_in_utc(&value, zone).ok_or(FieldError::new(field, "error-rrule"))?;
            }
            if name == "FREQ"
                && !matches!(value.as_str(), "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY")
            {
                return Err(FieldError::new(field, "error-rrule-frequency"));
            }
            if name == "COUNT"
                && value
                    .parse::<u32>()
                    .map_or(true, |c| c == 0 || c > MAX_COUNT)
            {
                return Err(FieldError::with_arg(
                    field,
                    "error-rrule-count",
                    MAX_COUNT as i64,
                ));
            }
            parts.push(format!("{name}={value}"));
        }
        let text = parts.join(";");
        let rule = Rule { text };
        let parsed: rrule::RRule<rrule::Unvalidated> = rule
            .text
            .parse()
            .map_err(|_| FieldError::new(field, "error-rrule"))?;
        if parsed.get_freq() > rrule::Frequency::Daily {
            // rrule orders frequencies from yearly (0) to secondly (6).
            return Err(FieldError::new(field, "error-rrule-frequency"));
        }
        if let Some(until) = parsed.get_until() {
            if until.with_timezone(&Utc) < zone.to_utc(start) {
                return Err(FieldError::new(field, "error-rrule-until-before-start"));
            }
        }
        parsed
            .validate(rrule_start(zone, start))
            .map_err(|_| FieldError::new(field, "error-rrule"))?;
        Ok(rule)
    }

    /// Makes the rule a form's choice stands for, starting at `start`.
    pub fn from_choice(repeat: Repeat, ends: Ends, zone: Zone, start: NaiveDateTime) -> Rule {
        let weekday = WEEKDAYS[start.weekday().num_days_from_monday() as usize];
        let mut text = match repeat {
            Repeat::Daily => "FREQ=DAILY".to_owned(),
            Repeat::Weekly => format!("FREQ=WEEKLY;BYDAY={weekday}"),
            Repeat::Fortnightly => format!("FREQ=WEEKLY;INTERVAL=2;BYDAY={weekday}"),
            Repeat::MonthlyByWeekday => {
                let nth = (start.day() as i32 - 1) / 7 + 1;
                let nth = if nth == 5 { -1 } else { nth };
                format!("FREQ=MONTHLY;BYDAY={nth}{weekday}")
            }
            Repeat::MonthlyByDate => format!("FREQ=MONTHLY;BYMONTHDAY={}", start.day()),
            Repeat::Yearly => "FREQ=YEARLY".to_owned(),
        };
        match ends {
            Ends::Never => {}
            Ends::After(count) => text.push_str(&format!(";COUNT={}", count.clamp(1, MAX_COUNT))),
            Ends::On(date) => {
                let last = zone.to_utc(
                    date.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)),
                );
                text.push_str(&format!(";UNTIL={}", last.format("%Y%m%dT%H%M%SZ")));
            }
        }
        Rule { text }
    }

    /// The rule as RFC 5545 writes it after `RRULE:`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the series ends (by COUNT or UNTIL).
    pub fn is_finite(&self) -> bool {
        self.text
            .split(';')
            .any(|p| p.starts_with("COUNT=") || p.starts_with("UNTIL="))
    }

    /// The instant the series stops at, when the rule says (UNTIL, always UTC once parsed).
    pub fn until(&self) -> Option<DateTime<Utc>> {
        let value = self
            .text
            .split(';')
            .find_map(|p| p.strip_prefix("UNTIL="))?;
        NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%SZ")
            .ok()
            .map(|t| t.and_utc())
    }

    /// The rule of a stored series, trusted because it was validated when it was saved.
    pub fn from_stored(text: &str) -> Rule {
        Rule {
            text: text.to_owned(),
        }
    }
}

fn rrule_start(zone: Zone, start: NaiveDateTime) -> DateTime<rrule::Tz> {
    zone.to_utc(start)
        .with_timezone(&rrule::Tz::from(zone.tz()))
}

/// `UNTIL` in UTC (`YYYYMMDDTHHMMSSZ`) from a UTC time, a floating time or a date (read in `zone`;
/// a date means the end of that day).
fn until_in_utc(value: &str, zone: Zone) -> Option<String> {
    if value.ends_with('Z') {
        NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%SZ").ok()?;
        return Some(value.to_owned());
    }
    let local = if value.len() == 8 {
        NaiveDate::parse_from_str(value, "%Y%m%d")
            .ok()?
            .and_time(NaiveTime::from_hms_opt(23, 59, 59)?)
    } else {
        NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok()?
    };
    Some(zone.to_utc(local).format("%Y%m%dT%H%M%SZ").to_string())
}

/// When one occurrence happens, as planned in the event's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timing {
    /// From a wall-clock start to a wall-clock end: after it, or equal to it for an event
    /// that is a moment (an iCalendar VEVENT with neither DTEND nor DURATION, RFC 5545 §3.6.1).
    At {
        start: NaiveDateTime,
        end: NaiveDateTime,
    },
    /// Whole days, `first` to `last` inclusive.
    AllDay { first: NaiveDate, last: NaiveDate },
}

impl Timing {
    /// The wall-clock start (midnight for all-day events); occurrences are named by it.
    pub fn local_start(self) -> NaiveDateTime {
        match self {
            Timing::At { start, .. } => start,
            Timing::AllDay { first, .. } => first.and_time(NaiveTime::MIN),
        }
    }

    /// The wall-clock end (the midnight after the last day for all-day events).
    pub fn local_end(self) -> NaiveDateTime {
        match self {
            Timing::At { end, .. } => end,
            Timing::AllDay { last, .. } => (last + Duration::days(1)).and_time(NaiveTime::MIN),
        }
    }

    pub fn is_all_day(self) -> bool {
        matches!(self, Timing::AllDay { .. })
    }
}

/// One occurrence of a series that was changed (moved, cancelled, or given its own text), named
/// by the start it would have had (its RECURRENCE-ID). A text left `None` is the series' own:
/// an overriding VEVENT may say only what differs (RFC 5545 §3.8.4.4).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Change {
    pub recurrence_id: NaiveDateTime,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub cancelled: bool,
    pub title: Option<String>,
    pub description: Option<String>,
    /// Where this occurrence happens instead (LOCATION), as free text.
    pub address: Option<String>,
}

/// What is needed to expand an event: its zone, first occurrence, rule, exclusions and changes.
#[derive(Debug, Clone, Copy)]
pub struct Series<'a> {
    pub zone: Zone,
    pub timing: Timing,
    pub rule: Option<&'a Rule>,
    pub exdates: &'a [NaiveDateTime],
    pub changes: &'a [Change],
}

/// One occurrence: its name (RECURRENCE-ID: the original wall-clock start), when it happens in
/// UTC and on the wall clock, and whether it was changed or cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    pub recurrence_id: NaiveDateTime,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub local_start: NaiveDateTime,
    pub local_end: NaiveDateTime,
    pub changed: bool,
    pub cancelled: bool,
    /// The occurrence's own title, description and address when a change gave it one.
    pub title: Option<String>,
    pub description: Option<String>,
    pub address: Option<String>,
}

impl Occurrence {
    /// Whether it happens in `[from, to)`. An occurrence of no length (a moment) is in the
    /// window when its start is: `end > from` alone would lose a moment at `from`.
    fn overlaps(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
        self.start < to && (self.end > from || self.start >= from)
    }
}

impl Series<'_> {
    /// The occurrences that overlap `[from, to)`, in start order, at most [`MAX_PER_WINDOW`].
    /// Cancelled occurrences are included, marked, so a feed can publish them as cancelled;
    /// callers that plan (clashes, indicators) skip them.
    pub fn occurrences(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
        let local_start = self.timing.local_start();
        let local_end = self.timing.local_end();
        let mut found = Vec::new();
        let push = |recurrence_id: NaiveDateTime, found: &mut Vec<Occurrence>| {
            if self.exdates.contains(&recurrence_id) {
                return;
            }
            let occurrence = match self
                .changes
                .iter()
                .find(|c| c.recurrence_id == recurrence_id)
            {
                Some(change) => self.changed(change),
                None => {
                    // Nominal length in wall-clock days for all-day events, exact length otherwise.
                    let (start, end) = if self.timing.is_all_day() {
                        let days = (local_end.date() - local_start.date()).num_days();
                        (recurrence_id, recurrence_id + Duration::days(days))
                    } else {
                        (recurrence_id, recurrence_id)
                    };
                    let mut o = self.occurrence(recurrence_id, start, end, false, false);
                    if !self.timing.is_all_day() {
                        o.end =
                            o.start + (self.zone.to_utc(local_end) - self.zone.to_utc(local_start));
                        o.local_end = self.zone.to_local(o.end);
                    }
                    o
                }
            };
            if occurrence.overlaps(from, to) {
                found.push(occurrence);
            }
        };
        match self.rule {
            None => push(local_start, &mut found),
            Some(rule) => {
                let set = rule
                    .text
                    .parse::<rrule::RRule<rrule::Unvalidated>>()
                    .and_then(|r| r.build(rrule_start(self.zone, local_start)));
                let Ok(set) = set else {
                    // A stored rule always validated; should one not, the first occurrence stands.
                    push(local_start, &mut found);
                    return found;
                };
                let longest = (self.zone.to_utc(local_end) - self.zone.to_utc(local_start)).max(
                    self.changes
                        .iter()
                        .map(|c| self.zone.to_utc(c.end) - self.zone.to_utc(c.start))
                        .max()
                        .unwrap_or_default(),
                );
                let earliest = from - longest - Duration::days(1);
                for start in set.limit().into_iter() {
                    if start.with_timezone(&Utc) >= to + Duration::days(1)
                        || found.len() >= MAX_PER_WINDOW
                    {
                        break;
                    }
                    if start.with_timezone(&Utc) < earliest {
                        continue;
                    }
                    push(start.naive_local(), &mut found);
                }
                // Changes that moved an occurrence into the window from outside it.
                for change in self.changes {
                    let inside = found
                        .iter()
                        .any(|o| o.recurrence_id == change.recurrence_id);
                    if !inside && !self.exdates.contains(&change.recurrence_id) {
                        let o = self.changed(change);
                        if o.overlaps(from, to) {
                            found.push(o);
                        }
                    }
                }
            }
        }
        found.sort_by(|a, b| {
            a.start
                .cmp(&b.start)
                .then(a.recurrence_id.cmp(&b.recurrence_id))
        });
        found.truncate(MAX_PER_WINDOW);
        found
    }

    fn occurrence(
        &self,
        recurrence_id: NaiveDateTime,
        local_start: NaiveDateTime,
        local_end: NaiveDateTime,
        changed: bool,
        cancelled: bool,
    ) -> Occurrence {
        Occurrence {
            recurrence_id,
            start: self.zone.to_utc(local_start),
            end: self.zone.to_utc(local_end),
            local_start,
            local_end,
            changed,
            cancelled,
            title: None,
            description: None,
            address: None,
        }
    }

    /// The occurrence a change makes, with the change's own texts.
    fn changed(&self, change: &Change) -> Occurrence {
        Occurrence {
            title: change.title.clone(),
            description: change.description.clone(),
            address: change.address.clone(),
            ..self.occurrence(
                change.recurrence_id,
                change.start,
                change.end,
                true,
                change.cancelled,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let all =
            meeting(&rule).occurrences(utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
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
        let all =
            meeting(&rule).occurrences(utc("2026-01-01T00:00:00Z"), utc("2027-01-01T00:00:00Z"));
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
        let all =
            meeting(&rule).occurrences(utc("2026-01-01T00:00:00Z"), utc("2036-01-01T00:00:00Z"));
        assert_eq!(all.len(), MAX_PER_WINDOW);
    }
}
