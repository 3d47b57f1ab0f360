//! Wall-clock time in a named time zone, as people plan it ("17:00, Europe/Warsaw"), and its
//! conversion to instants. Daylight-saving transitions follow RFC 5545 §3.3.5: a local time that
//! does not exist (the spring gap) is read with the offset in force before the gap, so it lands
//! after it; a local time that exists twice (the autumn overlap) means its first instance.

use crate::validation::FieldError;
use chrono::{
    DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use std::fmt;
use std::str::FromStr;

/// An IANA time zone, e.g. `Europe/Warsaw`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(chrono_tz::Tz);

impl Zone {
    pub const UTC: Zone = Zone(chrono_tz::Tz::UTC);

    /// Parses an IANA name; `field` names the form field an error belongs to.
    pub fn parse(field: &'static str, input: &str) -> Result<Zone, FieldError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(FieldError::new(field, "error-required"));
        }
        chrono_tz::Tz::from_str(input)
            .map(Zone)
            .map_err(|_| FieldError::new(field, "error-time-zone"))
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    pub fn tz(self) -> chrono_tz::Tz {
        self.0
    }

    /// The instant a wall-clock time in this zone stands for (see the module comment for gaps
    /// and overlaps).
    pub fn to_utc(self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) => t.with_timezone(&Utc),
            LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
            LocalResult::None => {
                // In a gap: use the offset in force a few hours earlier, before the transition.
                let before = self
                    .0
                    .offset_from_utc_datetime(&(local - Duration::hours(6)));
                let offset = before.fix();
                DateTime::<Utc>::from_naive_utc_and_offset(local - offset, Utc)
            }
        }
    }

    /// The wall-clock time of an instant in this zone.
    pub fn to_local(self, instant: DateTime<Utc>) -> NaiveDateTime {
        instant.with_timezone(&self.0).naive_local()
    }

    /// The instant a calendar day starts in this zone (midnight, or the first moment after a gap).
    pub fn day_start(self, date: NaiveDate) -> DateTime<Utc> {
        self.to_utc(date.and_time(NaiveTime::MIN))
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Parses `YYYY-MM-DD` (what `<input type=date>` sends).
pub fn parse_date(field: &'static str, input: &str) -> Result<NaiveDate, FieldError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(FieldError::new(field, "error-required"));
    }
    NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
        .ok_or(FieldError::new(field, "error-date"))
}

/// Parses `HH:MM` or `HH:MM:SS` (what `<input type=time>` sends).
pub fn parse_time(field: &'static str, input: &str) -> Result<NaiveTime, FieldError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(FieldError::new(field, "error-required"));
    }
    NaiveTime::parse_from_str(input, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(input, "%H:%M:%S"))
        .map_err(|_| FieldError::new(field, "error-time"))
}

/// Parses `YYYY-MM-DDTHH:MM[:SS]` (what `<input type=datetime-local>` and the API send).
pub fn parse_local(field: &'static str, input: &str) -> Result<NaiveDateTime, FieldError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(FieldError::new(field, "error-required"));
    }
    NaiveDateTime::parse_from_str(input, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(input, "%Y-%m-%dT%H:%M:%S"))
        .ok()
        .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
        .ok_or(FieldError::new(field, "error-date-time"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn zones_are_iana_names() {
        assert_eq!(
            Zone::parse("tz", "Europe/Warsaw").unwrap().name(),
            "Europe/Warsaw"
        );
        assert_eq!(
            Zone::parse("tz", "Mars/Olympus"),
            Err(FieldError::new("tz", "error-time-zone"))
        );
        assert_eq!(
            Zone::parse("tz", " "),
            Err(FieldError::new("tz", "error-required"))
        );
    }

    #[test]
    fn daylight_saving_is_respected() {
        let warsaw = Zone::parse("tz", "Europe/Warsaw").unwrap();
        // Winter: UTC+1; summer: UTC+2.
        assert_eq!(
            warsaw.to_utc(local("2026-01-13T17:00")).to_rfc3339(),
            "2026-01-13T16:00:00+00:00"
        );
        assert_eq!(
            warsaw.to_utc(local("2026-07-14T17:00")).to_rfc3339(),
            "2026-07-14T15:00:00+00:00"
        );
        // 29 March 2026, 02:30 does not exist in Warsaw: read with the winter offset, 03:30 CEST.
        let gap = warsaw.to_utc(local("2026-03-29T02:30"));
        assert_eq!(gap.to_rfc3339(), "2026-03-29T01:30:00+00:00");
        assert_eq!(warsaw.to_local(gap), local("2026-03-29T03:30"));
        // 25 October 2026, 02:30 happens twice: the first one (CEST) counts.
        assert_eq!(
            warsaw.to_utc(local("2026-10-25T02:30")).to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
    }

    #[test]
    fn form_values_parse_with_field_errors() {
        assert!(parse_date("start_date", "2026-11-22").is_ok());
        assert_eq!(
            parse_date("start_date", "22.11.2026"),
            Err(FieldError::new("start_date", "error-date"))
        );
        assert!(parse_time("start_time", "17:00").is_ok());
        assert_eq!(
            parse_time("start_time", "25:00"),
            Err(FieldError::new("start_time", "error-time"))
        );
        assert!(parse_local("start", "2026-11-22T17:00").is_ok());
        assert_eq!(
            parse_local("start", "tomorrow"),
            Err(FieldError::new("start", "error-date-time"))
        );
    }
}
