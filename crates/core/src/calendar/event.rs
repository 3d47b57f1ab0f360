//! Events of the common calendar: their vocabulary (kinds, audiences, statuses) and the
//! validation of everything a form, the API or an import delivers into an [`EventDraft`].

use super::recurrence::{Ends, Repeat, Rule, Timing};
use super::time::{parse_date, parse_time, Zone};
use crate::geo::Point;
use crate::validation::{bounded_text, FieldError, Invalid};
use serde::Deserialize;

vocabulary!(
    /// What kind of event it is.
    EventKind, "kind", "event-kind" {
        Action => "action",
        Meeting => "meeting",
        Consultation => "consultation",
        Celebration => "celebration",
        Training => "training",
        Other => "other",
    }
);

vocabulary!(
    /// Who an event is for.
    Audience, "audiences", "audience" {
        Children => "children",
        Youth => "youth",
        Families => "families",
        Adults => "adults",
        Seniors => "seniors",
        Everyone => "everyone",
    }
);

vocabulary!(
    /// Where an event stands.
    EventStatus, "status", "event-status" {
        Planned => "planned",
        Confirmed => "confirmed",
        Done => "done",
        Cancelled => "cancelled",
    }
);

/// A set of audiences as bits, cheap to compare in clash detection. An event for everyone
/// competes with an event for any particular audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AudienceSet(u16);

impl AudienceSet {
    pub const EMPTY: AudienceSet = AudienceSet(0);

    fn bit(audience: Audience) -> u16 {
        let index = Audience::ALL
            .iter()
            .position(|a| *a == audience)
            .unwrap_or(0);
        1 << index
    }

    pub fn of(audiences: &[Audience]) -> AudienceSet {
        AudienceSet(
            audiences
                .iter()
                .fold(0, |bits, a| bits | AudienceSet::bit(*a)),
        )
    }

    pub fn from_bits(bits: u16) -> AudienceSet {
        AudienceSet(bits & ((1 << Audience::ALL.len()) - 1))
    }

    pub fn bits(self) -> u16 {
        self.0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains(self, audience: Audience) -> bool {
        self.0 & AudienceSet::bit(audience) != 0
    }

    pub fn union(self, other: AudienceSet) -> AudienceSet {
        AudienceSet(self.0 | other.0)
    }

    /// The audiences both events compete for: the common ones, or, when one is for everyone,
    /// all of the other's.
    pub fn shared(self, other: AudienceSet) -> AudienceSet {
        let everyone = AudienceSet::bit(Audience::Everyone);
        if self.0 & everyone != 0 {
            other
        } else if other.0 & everyone != 0 {
            self
        } else {
            AudienceSet(self.0 & other.0)
        }
    }

    pub fn audiences(self) -> Vec<Audience> {
        Audience::ALL
            .iter()
            .copied()
            .filter(|a| self.contains(*a))
            .collect()
    }
}

/// The longest title accepted, in characters.
pub const MAX_TITLE: usize = 200;
/// The longest description accepted, in characters.
pub const MAX_DESCRIPTION: usize = 20_000;
/// The longest address accepted, in characters.
pub const MAX_ADDRESS: usize = 300;
/// The most organising organisations an event may list.
pub const MAX_ORGANIZERS: usize = 30;

/// An event as submitted: every value as text, as forms and imports deliver them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EventInput {
    pub title: String,
    pub description: String,
    pub kind: String,
    pub time_zone: String,
    pub all_day: Option<String>,
    pub start_date: String,
    pub start_time: String,
    pub end_date: String,
    pub end_time: String,
    /// `""` (once), a [`Repeat`] name, or `custom` (then `rrule` holds the rule).
    pub repeat: String,
    /// `never`, `count` or `until`.
    pub repeat_ends: String,
    pub repeat_count: String,
    pub repeat_until: String,
    pub rrule: String,
    pub venue: String,
    pub address: String,
    pub lat: String,
    pub lon: String,
    pub organizers: Vec<String>,
    pub audiences: Vec<String>,
    pub expected_participants: String,
    pub actual_participants: String,
    pub status: String,
}

/// A valid event, ready to store. Whether the venue and organisers exist is for the store to
/// say; everything else is checked here.
#[derive(Debug, Clone, PartialEq)]
pub struct EventDraft {
    pub title: String,
    pub description: String,
    pub kind: EventKind,
    pub zone: Zone,
    pub timing: Timing,
    pub rule: Option<Rule>,
    pub venue: Option<i64>,
    pub address: String,
    pub location: Option<Point>,
    pub organizers: Vec<i64>,
    pub audiences: Vec<Audience>,
    pub expected_participants: Option<u32>,
    pub actual_participants: Option<u32>,
    pub status: EventStatus,
}

fn parse_count(field: &'static str, input: &str) -> Result<Option<u32>, FieldError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    input
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= 10_000_000)
        .map(Some)
        .ok_or(FieldError::new(field, "error-whole-number"))
}

fn parse_id(field: &'static str, input: &str) -> Result<i64, FieldError> {
    input
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or(FieldError::new(field, "error-choice"))
}

impl EventDraft {
    pub fn parse(input: &EventInput) -> Result<EventDraft, Invalid> {
        let mut invalid = Invalid::default();
        let title = invalid.take(bounded_text("title", &input.title, 1, MAX_TITLE));
        let description = invalid.take(bounded_text(
            "description",
            &input.description,
            0,
            MAX_DESCRIPTION,
        ));
        let kind = invalid.take(EventKind::parse(&input.kind));
        let zone = invalid.take(Zone::parse("time_zone", &input.time_zone));
        let status = if input.status.trim().is_empty() {
            Some(EventStatus::Planned)
        } else {
            invalid.take(EventStatus::parse(&input.status))
        };
        let timing = invalid.take(parse_timing(input)).flatten();
        let rule = match (zone, timing) {
            (Some(zone), Some(timing)) => invalid.take(parse_rule(input, zone, timing)).flatten(),
            _ => None,
        };
        // A meeting series must end: its invitations, numbering ("5th meeting") and action-item
        // tracker cover a known set of meetings.
        if let (Some(EventKind::Meeting), Some(rule)) = (kind, &rule) {
            if !rule.is_finite() {
                let field = if input.repeat.trim() == "custom" {
                    "rrule"
                } else {
                    "repeat_ends"
                };
                invalid.push(FieldError::new(field, "error-rrule-endless"));
            }
        }
        let venue = if input.venue.trim().is_empty() {
            None
        } else {
            invalid.take(parse_id("venue", &input.venue))
        };
        let address = invalid.take(bounded_text("address", &input.address, 0, MAX_ADDRESS));
        let location = invalid.take(Point::parse(&input.lat, &input.lon)).flatten();
        let mut organizers = Vec::new();
        for raw in input.organizers.iter().filter(|o| !o.trim().is_empty()) {
            if let Some(id) = invalid.take(parse_id("organizers", raw)) {
                if !organizers.contains(&id) {
                    organizers.push(id);
                }
            }
        }
        if organizers.is_empty() && invalid.for_field("organizers").is_none() {
            invalid.push(FieldError::new("organizers", "error-organizer-required"));
        }
        if organizers.len() > MAX_ORGANIZERS {
            invalid.push(FieldError::with_arg(
                "organizers",
                "error-too-many",
                MAX_ORGANIZERS as i64,
            ));
        }
        let mut audiences = Vec::new();
        for raw in input.audiences.iter().filter(|a| !a.trim().is_empty()) {
            if let Some(audience) = invalid.take(Audience::parse(raw)) {
                if !audiences.contains(&audience) {
                    audiences.push(audience);
                }
            }
        }
        audiences.sort();
        let expected_participants = invalid.take(parse_count(
            "expected_participants",
            &input.expected_participants,
        ));
        let actual_participants = invalid.take(parse_count(
            "actual_participants",
            &input.actual_participants,
        ));
        invalid.into_result()?;
        match (
            title,
            description,
            kind,
            zone,
            timing,
            address,
            status,
            expected_participants,
            actual_participants,
        ) {
            (
                Some(title),
                Some(description),
                Some(kind),
                Some(zone),
                Some(timing),
                Some(address),
                Some(status),
                Some(expected_participants),
                Some(actual_participants),
            ) => Ok(EventDraft {
                title,
                description,
                kind,
                zone,
                timing,
                rule,
                venue,
                address,
                location,
                organizers,
                audiences,
                expected_participants,
                actual_participants,
                status,
            }),
            _ => Err(Invalid::one("title", "error-required")),
        }
    }
}

/// Start and end: a date (and a time unless all-day) each; the end defaults to the start's day
/// and must come after the start.
fn parse_timing(input: &EventInput) -> Result<Option<Timing>, FieldError> {
    let all_day = input
        .all_day
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "false");
    let start_date = parse_date("start_date", &input.start_date)?;
    let end_date = if input.end_date.trim().is_empty() {
        start_date
    } else {
        parse_date("end_date", &input.end_date)?
    };
    if all_day {
        if end_date < start_date {
            return Err(FieldError::new("end_date", "error-end-before-start"));
        }
        return Ok(Some(Timing::AllDay {
            first: start_date,
            last: end_date,
        }));
    }
    let start = start_date.and_time(parse_time("start_time", &input.start_time)?);
    let end = end_date.and_time(parse_time("end_time", &input.end_time)?);
    if end <= start {
        return Err(FieldError::new("end_time", "error-end-before-start"));
    }
    if (end - start).num_days() > 60 {
        return Err(FieldError::new("end_date", "error-event-too-long"));
    }
    Ok(Some(Timing::At { start, end }))
}

fn parse_rule(input: &EventInput, zone: Zone, timing: Timing) -> Result<Option<Rule>, FieldError> {
    let start = timing.local_start();
    match input.repeat.trim() {
        "" | "none" => Ok(None),
        "custom" => Rule::parse("rrule", &input.rrule, zone, start).map(Some),
        other => {
            let repeat = Repeat::parse(other).ok_or(FieldError::new("repeat", "error-choice"))?;
            let ends = match input.repeat_ends.trim() {
                "" | "never" => Ends::Never,
                "count" => Ends::After(
                    input
                        .repeat_count
                        .trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=super::recurrence::MAX_COUNT).contains(n))
                        .ok_or(FieldError::with_arg(
                            "repeat_count",
                            "error-rrule-count",
                            super::recurrence::MAX_COUNT as i64,
                        ))?,
                ),
                "until" => {
                    let until = parse_date("repeat_until", &input.repeat_until)?;
                    if until < start.date() {
                        return Err(FieldError::new(
                            "repeat_until",
                            "error-rrule-until-before-start",
                        ));
                    }
                    Ends::On(until)
                }
                _ => return Err(FieldError::new("repeat_ends", "error-choice")),
            };
            Ok(Some(Rule::from_choice(repeat, ends, zone, start)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> EventInput {
        EventInput {
            title: "Family feast".into(),
            kind: "celebration".into(),
            time_zone: "Europe/Warsaw".into(),
            start_date: "2026-06-06".into(),
            start_time: "15:00".into(),
            end_time: "19:00".into(),
            organizers: vec!["3".into(), "4".into(), "3".into()],
            audiences: vec!["families".into(), "children".into()],
            expected_participants: "250".into(),
            ..EventInput::default()
        }
    }

    fn keys(input: &EventInput) -> Vec<(&'static str, &'static str)> {
        EventDraft::parse(input)
            .unwrap_err()
            .0
            .iter()
            .map(|e| (e.field, e.key))
            .collect()
    }

    #[test]
    fn a_valid_event_parses() {
        let draft = EventDraft::parse(&input()).unwrap();
        assert_eq!(draft.organizers, vec![3, 4]);
        assert_eq!(
            draft.audiences,
            vec![Audience::Children, Audience::Families]
        );
        assert_eq!(draft.status, EventStatus::Planned);
        assert_eq!(draft.expected_participants, Some(250));
        assert!(draft.rule.is_none());
    }

    #[test]
    fn bad_input_is_reported_field_by_field() {
        let bad = EventInput {
            title: " ".into(),
            kind: "party".into(),
            time_zone: "Europe/Atlantis".into(),
            end_time: "14:00".into(),
            organizers: vec![],
            audiences: vec!["aliens".into()],
            expected_participants: "many".into(),
            lat: "100.5".into(),
            lon: "19.9".into(),
            ..input()
        };
        assert_eq!(
            keys(&bad),
            vec![
                ("title", "error-required"),
                ("kind", "error-choice"),
                ("time_zone", "error-time-zone"),
                ("end_time", "error-end-before-start"),
                ("lat", "error-coordinates-swapped"),
                ("organizers", "error-organizer-required"),
                ("audiences", "error-choice"),
                ("expected_participants", "error-whole-number"),
            ]
        );
    }

    #[test]
    fn a_huge_description_is_refused() {
        let big = EventInput {
            description: "x".repeat(MAX_DESCRIPTION + 1),
            ..input()
        };
        assert_eq!(keys(&big), vec![("description", "error-too-long")]);
    }

    #[test]
    fn repeats_become_rules() {
        let monthly = EventInput {
            repeat: "monthly_weekday".into(),
            repeat_ends: "count".into(),
            repeat_count: "5".into(),
            start_date: "2026-01-13".into(),
            ..input()
        };
        let rule = EventDraft::parse(&monthly).unwrap().rule.unwrap();
        assert_eq!(rule.as_str(), "FREQ=MONTHLY;BYDAY=2TU;COUNT=5");
        let custom = EventInput {
            repeat: "custom".into(),
            rrule: "FREQ=WEEKLY;BYDAY=XY".into(),
            ..input()
        };
        assert_eq!(keys(&custom), vec![("rrule", "error-rrule")]);
        let until = EventInput {
            repeat: "weekly".into(),
            repeat_ends: "until".into(),
            repeat_until: "2026-01-01".into(),
            ..input()
        };
        assert_eq!(
            keys(&until),
            vec![("repeat_until", "error-rrule-until-before-start")]
        );
    }

    #[test]
    fn a_meeting_series_must_end() {
        let endless = EventInput {
            kind: "meeting".into(),
            repeat: "monthly_weekday".into(),
            repeat_ends: "never".into(),
            ..input()
        };
        assert_eq!(keys(&endless), vec![("repeat_ends", "error-rrule-endless")]);
        let custom = EventInput {
            repeat: "custom".into(),
            rrule: "FREQ=WEEKLY".into(),
            ..endless.clone()
        };
        assert_eq!(keys(&custom), vec![("rrule", "error-rrule-endless")]);
        let ends = EventInput {
            repeat_ends: "count".into(),
            repeat_count: "10".into(),
            ..endless.clone()
        };
        assert!(EventDraft::parse(&ends).is_ok());
        // Other events may repeat without end (a weekly club).
        let club = EventInput {
            kind: "action".into(),
            ..endless
        };
        assert!(EventDraft::parse(&club).is_ok());
    }

    #[test]
    fn all_day_events_need_no_times() {
        let all_day = EventInput {
            all_day: Some("on".into()),
            start_time: String::new(),
            end_time: String::new(),
            end_date: "2026-06-07".into(),
            ..input()
        };
        let draft = EventDraft::parse(&all_day).unwrap();
        assert!(draft.timing.is_all_day());
    }

    #[test]
    fn everyone_competes_with_every_audience() {
        let everyone = AudienceSet::of(&[Audience::Everyone]);
        let seniors = AudienceSet::of(&[Audience::Seniors]);
        let kids = AudienceSet::of(&[Audience::Children]);
        assert_eq!(everyone.shared(seniors), seniors);
        assert_eq!(seniors.shared(everyone), seniors);
        assert!(kids.shared(seniors).is_empty());
        assert!(AudienceSet::EMPTY.shared(everyone).is_empty());
    }

    #[test]
    fn stored_values_decode_and_unknown_ones_are_refused() {
        assert_eq!(
            EventStatus::try_from("cancelled".to_owned()),
            Ok(EventStatus::Cancelled)
        );
        assert_eq!(
            EventKind::try_from("meeting".to_owned()),
            Ok(EventKind::Meeting)
        );
        assert_eq!(Audience::try_from("youth".to_owned()), Ok(Audience::Youth));
        assert!(EventStatus::try_from("postponed".to_owned()).is_err());
        assert!(EventKind::try_from(String::new()).is_err());
        assert!(Audience::try_from("Youth".to_owned()).is_err());
    }
}
