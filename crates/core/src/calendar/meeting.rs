//! Regular meetings of local leaders, and of any group that coordinates a space: what a
//! meeting records — agenda, attendance, minutes, decisions — and the action items it leaves,
//! each with an owner, a due date and a status, tracked across the meetings of a series.

use super::time::parse_date;
use crate::validation::{bounded_text, FieldError, Invalid};
use chrono::NaiveDate;
use serde::Deserialize;

vocabulary!(
    /// Where an action item stands.
    ActionStatus, "status", "action-status" {
        Open => "open",
        InProgress => "in_progress",
        Done => "done",
        Dropped => "dropped",
    }
);

impl ActionStatus {
    /// Done or dropped: nothing more is expected.
    pub fn is_closed(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Dropped)
    }
}

/// An item is overdue when it is still open after its due date.
pub fn is_overdue(due: Option<NaiveDate>, status: ActionStatus, today: NaiveDate) -> bool {
    due.is_some_and(|due| due < today) && !status.is_closed()
}

/// The longest minutes accepted, in characters.
pub const MAX_MINUTES: usize = 100_000;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ActionItemInput {
    pub title: String,
    pub owner: String,
    pub due_date: String,
    pub follow_up: String,
}

/// A valid action item: what, who (an organisation), by when, and the event that follows it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItemDraft {
    pub title: String,
    pub owner: Option<i64>,
    pub due_date: Option<NaiveDate>,
    pub follow_up: Option<i64>,
}

fn optional_id(field: &'static str, input: &str) -> Result<Option<i64>, FieldError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    input
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(Some)
        .ok_or(FieldError::new(field, "error-choice"))
}

impl ActionItemDraft {
    pub fn parse(input: &ActionItemInput) -> Result<ActionItemDraft, Invalid> {
        let mut invalid = Invalid::default();
        let title = invalid.take(bounded_text("title", &input.title, 1, 300));
        let owner = invalid.take(optional_id("owner", &input.owner));
        let due_date = if input.due_date.trim().is_empty() {
            Some(None)
        } else {
            invalid.take(parse_date("due_date", &input.due_date).map(Some))
        };
        let follow_up = invalid.take(optional_id("follow_up", &input.follow_up));
        invalid.into_result()?;
        match (title, owner, due_date, follow_up) {
            (Some(title), Some(owner), Some(due_date), Some(follow_up)) => Ok(ActionItemDraft {
                title,
                owner,
                due_date,
                follow_up,
            }),
            _ => Err(Invalid::one("title", "error-required")),
        }
    }
}

/// A line of text for the agenda or a decision.
pub fn parse_line(field: &'static str, input: &str) -> Result<String, Invalid> {
    bounded_text(field, input, 1, 1_000).map_err(|e| Invalid(vec![e]))
}

/// Minutes in Markdown.
pub fn parse_minutes(input: &str) -> Result<String, Invalid> {
    bounded_text("minutes", input, 0, MAX_MINUTES).map_err(|e| Invalid(vec![e]))
}

/// How many people came: a whole number, or nothing.
pub fn parse_people(field: &'static str, input: &str) -> Result<Option<u32>, FieldError> {
    let input = input.trim();
    if input.is_empty() {
        return Ok(None);
    }
    input
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= 100_000)
        .map(Some)
        .ok_or(FieldError::new(field, "error-whole-number"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn overdue_means_open_after_the_due_date() {
        let today = day("2027-03-10");
        assert!(is_overdue(
            Some(day("2027-03-09")),
            ActionStatus::Open,
            today
        ));
        assert!(is_overdue(
            Some(day("2027-03-09")),
            ActionStatus::InProgress,
            today
        ));
        assert!(!is_overdue(
            Some(day("2027-03-10")),
            ActionStatus::Open,
            today
        ));
        assert!(!is_overdue(
            Some(day("2027-03-01")),
            ActionStatus::Done,
            today
        ));
        assert!(!is_overdue(None, ActionStatus::Open, today));
    }

    #[test]
    fn action_items_are_validated() {
        let good = ActionItemInput {
            title: "Ask the Board of Green City Spaces about the pocket park".into(),
            owner: "4".into(),
            due_date: "2027-02-01".into(),
            follow_up: String::new(),
        };
        let draft = ActionItemDraft::parse(&good).unwrap();
        assert_eq!(draft.owner, Some(4));
        assert_eq!(draft.due_date, Some(day("2027-02-01")));
        let bad = ActionItemInput {
            title: " ".into(),
            due_date: "soon".into(),
            owner: "x".into(),
            ..good
        };
        let keys: Vec<_> = ActionItemDraft::parse(&bad)
            .unwrap_err()
            .0
            .iter()
            .map(|e| (e.field, e.key))
            .collect();
        assert_eq!(
            keys,
            vec![
                ("title", "error-required"),
                ("owner", "error-choice"),
                ("due_date", "error-date")
            ]
        );
        assert_eq!(parse_people("people", "12"), Ok(Some(12)));
        assert!(parse_people("people", "-1").is_err());
        assert!(parse_minutes(&"x".repeat(MAX_MINUTES + 1)).is_err());
    }

    #[test]
    fn stored_action_statuses_decode_and_unknown_ones_are_refused() {
        assert_eq!(
            ActionStatus::try_from("in_progress".to_owned()),
            Ok(ActionStatus::InProgress)
        );
        assert!(ActionStatus::try_from("closed".to_owned()).is_err());
    }
}
