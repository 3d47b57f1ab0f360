//! Recurring events: RFC 5545 recurrence rules (RRULE) with extra dates (RDATE), excluded dates
//! (EXDATE) and changed occurrences (RECURRENCE-ID), expanded into the occurrences that fall in
//! a window.
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

/// What is needed to expand an event: its zone, first occurrence, rule, extra dates, exclusions
/// and changes.
#[derive(Debug, Clone, Copy)]
pub struct Series<'a> {
    pub zone: Zone,
    pub timing: Timing,
    pub rule: Option<&'a Rule>,
    /// Extra starts (RDATE) on the wall clock of `zone`, each lasting as the first occurrence;
    /// midnight of the day for all-day events.
    pub rdates: &'a [NaiveDateTime],
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
        match self.rule.map(|rule| {
            rule.text
                .parse::<rrule::RRule<rrule::Unvalidated>>()
                .and_then(|r| r.build(rrule_start(self.zone, local_start)))
        }) {
            None => push(local_start, &mut found),
            // A stored rule always validated; should one not, the first occurrence stands.
            Some(Err(_)) => push(local_start, &mut found),
            Some(Ok(set)) => {
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
            }
        }
        // Extra dates join the rule's, once each: an RDATE that repeats an occurrence of the
        // rule (or DTSTART) names the same occurrence, and EXDATE removes it all the same.
        for (i, &rdate) in self.rdates.iter().enumerate() {
            let repeated = self.rdates[..i].contains(&rdate)
                || found.iter().any(|o| o.recurrence_id == rdate)
                || (self.rule.is_none() && rdate == local_start);
            if !repeated {
                push(rdate, &mut found);
            }
        }
        if self.rule.is_some() || !self.rdates.is_empty() {
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
#[path = "recurrence_tests.rs"]
mod tests;
