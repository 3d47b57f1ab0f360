//! Time zones and times of a file: TZIDs as IANA names, Windows names or Mozilla paths, the
//! file's VTIMEZONEs, DATE and DATE-TIME values, and DURATION.

use super::lines::{Block, Property};
use crate::calendar::time::Zone;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use std::collections::HashMap;

// ---------------------------------------------------------------------------------------------
// Time zones and times

/// Windows time-zone names (as Outlook and Exchange write them in TZID) and the IANA zone the
/// Unicode CLDR maps each to.
pub(super) const WINDOWS_ZONES: &[(&str, &str)] = &[
    ("Central European Standard Time", "Europe/Warsaw"),
    ("Central Europe Standard Time", "Europe/Budapest"),
    ("W. Europe Standard Time", "Europe/Berlin"),
    ("Romance Standard Time", "Europe/Paris"),
    ("GMT Standard Time", "Europe/London"),
    ("Greenwich Standard Time", "Atlantic/Reykjavik"),
    ("E. Europe Standard Time", "Europe/Chisinau"),
    ("FLE Standard Time", "Europe/Kiev"),
    ("GTB Standard Time", "Europe/Bucharest"),
    ("Kaliningrad Standard Time", "Europe/Kaliningrad"),
    ("Belarus Standard Time", "Europe/Minsk"),
    ("Russian Standard Time", "Europe/Moscow"),
    ("Turkey Standard Time", "Europe/Istanbul"),
    ("Azores Standard Time", "Atlantic/Azores"),
    ("Cape Verde Standard Time", "Atlantic/Cape_Verde"),
    ("UTC", "UTC"),
    ("Coordinated Universal Time", "UTC"),
    ("Morocco Standard Time", "Africa/Casablanca"),
    ("W. Central Africa Standard Time", "Africa/Lagos"),
    ("South Africa Standard Time", "Africa/Johannesburg"),
    ("E. Africa Standard Time", "Africa/Nairobi"),
    ("Egypt Standard Time", "Africa/Cairo"),
    ("Libya Standard Time", "Africa/Tripoli"),
    ("Namibia Standard Time", "Africa/Windhoek"),
    ("Sudan Standard Time", "Africa/Khartoum"),
    ("Israel Standard Time", "Asia/Jerusalem"),
    ("Jordan Standard Time", "Asia/Amman"),
    ("Middle East Standard Time", "Asia/Beirut"),
    ("Arab Standard Time", "Asia/Riyadh"),
    ("Arabian Standard Time", "Asia/Dubai"),
    ("Iran Standard Time", "Asia/Tehran"),
    ("Georgian Standard Time", "Asia/Tbilisi"),
    ("Caucasus Standard Time", "Asia/Yerevan"),
    ("Azerbaijan Standard Time", "Asia/Baku"),
    ("Afghanistan Standard Time", "Asia/Kabul"),
    ("Pakistan Standard Time", "Asia/Karachi"),
    ("West Asia Standard Time", "Asia/Tashkent"),
    ("India Standard Time", "Asia/Kolkata"),
    ("Sri Lanka Standard Time", "Asia/Colombo"),
    ("Nepal Standard Time", "Asia/Kathmandu"),
    ("Bangladesh Standard Time", "Asia/Dhaka"),
    ("Myanmar Standard Time", "Asia/Yangon"),
    ("SE Asia Standard Time", "Asia/Bangkok"),
    ("N. Central Asia Standard Time", "Asia/Novosibirsk"),
    ("North Asia Standard Time", "Asia/Krasnoyarsk"),
    ("China Standard Time", "Asia/Shanghai"),
    ("Singapore Standard Time", "Asia/Singapore"),
    ("Taipei Standard Time", "Asia/Taipei"),
    ("W. Australia Standard Time", "Australia/Perth"),
    ("Korea Standard Time", "Asia/Seoul"),
    ("Tokyo Standard Time", "Asia/Tokyo"),
    ("Cen. Australia Standard Time", "Australia/Adelaide"),
    ("E. Australia Standard Time", "Australia/Brisbane"),
    ("AUS Eastern Standard Time", "Australia/Sydney"),
    ("New Zealand Standard Time", "Pacific/Auckland"),
    ("Fiji Standard Time", "Pacific/Fiji"),
    ("Tonga Standard Time", "Pacific/Tongatapu"),
    ("Hawaiian Standard Time", "Pacific/Honolulu"),
    ("Alaskan Standard Time", "America/Anchorage"),
    ("Pacific Standard Time", "America/Los_Angeles"),
    ("Pacific Standard Time (Mexico)", "America/Tijuana"),
    ("US Mountain Standard Time", "America/Phoenix"),
    ("Mountain Standard Time", "America/Denver"),
    ("Mountain Standard Time (Mexico)", "America/Mazatlan"),
    ("Central America Standard Time", "America/Guatemala"),
    ("Central Standard Time", "America/Chicago"),
    ("Central Standard Time (Mexico)", "America/Mexico_City"),
    ("Canada Central Standard Time", "America/Regina"),
    ("SA Pacific Standard Time", "America/Bogota"),
    ("Eastern Standard Time", "America/New_York"),
    ("Eastern Standard Time (Mexico)", "America/Cancun"),
    ("Venezuela Standard Time", "America/Caracas"),
    ("Atlantic Standard Time", "America/Halifax"),
    ("SA Western Standard Time", "America/La_Paz"),
    ("Pacific SA Standard Time", "America/Santiago"),
    ("Paraguay Standard Time", "America/Asuncion"),
    ("Newfoundland Standard Time", "America/St_Johns"),
    ("E. South America Standard Time", "America/Sao_Paulo"),
    ("SA Eastern Standard Time", "America/Cayenne"),
    ("Argentina Standard Time", "America/Buenos_Aires"),
    ("Montevideo Standard Time", "America/Montevideo"),
    ("Bahia Standard Time", "America/Bahia"),
    ("Greenland Standard Time", "America/Godthab"),
];

/// The IANA zone a TZID stands for, without looking at the file's VTIMEZONEs.
pub(super) fn known_zone(tzid: &str) -> Option<Zone> {
    let tzid = tzid.trim();
    if let Ok(zone) = Zone::parse("time_zone", tzid) {
        return Some(zone);
    }
    if let Some((_, iana)) = WINDOWS_ZONES
        .iter()
        .find(|(windows, _)| windows.eq_ignore_ascii_case(tzid))
    {
        return Zone::parse("time_zone", iana).ok();
    }
    // A path that ends in an IANA name: `/mozilla.org/20050126_1/Europe/Warsaw`.
    tzid.match_indices('/')
        .find_map(|(i, _)| Zone::parse("time_zone", &tzid[i + 1..]).ok())
}

/// The zones of a file: each TZID its VTIMEZONEs define, mapped to an IANA zone when possible.
#[derive(Default)]
pub(super) struct Zones {
    defined: HashMap<String, Option<Zone>>,
}

impl Zones {
    pub(super) fn of(calendars: &[Block]) -> Zones {
        let mut zones = Zones::default();
        for vtimezone in calendars
            .iter()
            .flat_map(|c| c.children.iter())
            .filter(|b| b.name == "VTIMEZONE")
        {
            let Some(tzid) = vtimezone.first("TZID").map(|p| p.value.trim().to_owned()) else {
                continue;
            };
            let location = vtimezone
                .first("X-LIC-LOCATION")
                .and_then(|p| known_zone(&p.value));
            zones
                .defined
                .insert(tzid.clone(), location.or_else(|| known_zone(&tzid)));
        }
        zones
    }

    pub(super) fn resolve(&self, tzid: &str) -> Option<Zone> {
        match self.defined.get(tzid.trim()) {
            Some(zone) => *zone,
            None => known_zone(tzid),
        }
    }
}

/// A DATE or DATE-TIME value as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum When {
    Date(NaiveDate),
    Floating(NaiveDateTime),
    Utc(DateTime<Utc>),
    Zoned(NaiveDateTime, Zone),
}

impl When {
    /// The wall-clock time in `zone` (a date: its midnight; floating: as written).
    pub(super) fn local_in(self, zone: Zone) -> NaiveDateTime {
        match self {
            When::Date(date) => date.and_time(NaiveTime::MIN),
            When::Floating(local) => local,
            When::Utc(instant) => zone.to_local(instant),
            When::Zoned(local, own) if own == zone => local,
            When::Zoned(local, own) => zone.to_local(own.to_utc(local)),
        }
    }
}

/// A value error: the key, and the property text to show.
pub(super) type ValueError = (&'static str, String);

pub(super) fn property_label(property: &Property, with: Option<&str>) -> String {
    match with.and_then(|p| property.param(p).map(|v| (p, v))) {
        Some((param, value)) => format!("{};{param}={value}", property.name),
        None => property.name.clone(),
    }
}

/// Reads one DATE or DATE-TIME value of `property` (a list item for EXDATE).
pub(super) fn when_value(
    property: &Property,
    value: &str,
    zones: &Zones,
) -> Result<When, ValueError> {
    let value = value.trim();
    let bad = || ("error-ics-date", property_label(property, None));
    let is_date = property
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE"))
        || (value.len() == 8 && value.bytes().all(|b| b.is_ascii_digit()));
    let year_ok = |year: i32| (1900..=2200).contains(&year);
    if is_date {
        let date = NaiveDate::parse_from_str(value, "%Y%m%d").map_err(|_| bad())?;
        if !year_ok(chrono::Datelike::year(&date)) {
            return Err(bad());
        }
        return Ok(When::Date(date));
    }
    if let Some(utc) = value.strip_suffix(['Z', 'z']) {
        let local = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
        if !year_ok(chrono::Datelike::year(&local)) {
            return Err(bad());
        }
        return Ok(When::Utc(local.and_utc()));
    }
    let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
    if !year_ok(chrono::Datelike::year(&local)) {
        return Err(bad());
    }
    match property.param("TZID") {
        None => Ok(When::Floating(local)),
        Some(tzid) => zones
            .resolve(tzid)
            .map(|zone| When::Zoned(local, zone))
            .ok_or((
                "error-ics-time-zone",
                property_label(property, Some("TZID")),
            )),
    }
}

/// A DURATION value (§3.3.6): `P1D`, `PT1H30M`, `P1W`, `P1DT2H`.
pub(super) fn duration_value(value: &str) -> Option<Duration> {
    let value = value.trim();
    let (negative, value) = match value.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, value.strip_prefix('+').unwrap_or(value)),
    };
    let body = value.strip_prefix('P')?;
    let mut total = Duration::zero();
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in body.chars() {
        match c {
            '0'..='9' => number.push(c),
            'T' if number.is_empty() && !in_time => in_time = true,
            'W' | 'D' | 'H' | 'M' | 'S' => {
                let n: i64 = number.parse().ok().filter(|n| *n <= 100_000)?;
                number.clear();
                total += match (c, in_time) {
                    ('W', false) => Duration::weeks(n),
                    ('D', false) => Duration::days(n),
                    ('H', true) => Duration::hours(n),
                    ('M', true) => Duration::minutes(n),
                    ('S', true) => Duration::seconds(n),
                    _ => return None,
                };
                any = true;
            }
            _ => return None,
        }
    }
    if !number.is_empty() || !any {
        return None;
    }
    Some(if negative { -total } else { total })
}
