//! Indicators a coordinator reads from the calendar, per month: how many events happened, how
//! many were common actions (two or more organising institutions), how many people took part
//! and how many organisations were involved.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::BTreeSet;

/// One occurrence that counts: when it started (local date), who organised it and how many
/// took part (the actual count when recorded, else the expected one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Happening {
    pub date: NaiveDate,
    pub organizers: Vec<i64>,
    pub participants: u32,
}

/// A month's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthFigures {
    pub year: i32,
    pub month: u32,
    pub events: u32,
    pub common_actions: u32,
    pub participants: u64,
    pub organizations: u32,
}

/// An action organised by two or more institutions.
pub fn is_common(organizers: &[i64]) -> bool {
    organizers.iter().collect::<BTreeSet<_>>().len() >= 2
}

/// Figures for every month from `first` to `last` (inclusive, months with nothing included as
/// zeros, so a chart's axis has no gaps).
pub fn monthly(happenings: &[Happening], first: NaiveDate, last: NaiveDate) -> Vec<MonthFigures> {
    let mut months = Vec::new();
    let (mut year, mut month) = (first.year(), first.month());
    while (year, month) <= (last.year(), last.month()) && months.len() < 1200 {
        months.push(MonthFigures {
            year,
            month,
            events: 0,
            common_actions: 0,
            participants: 0,
            organizations: 0,
        });
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    let mut organizations: Vec<BTreeSet<i64>> = vec![BTreeSet::new(); months.len()];
    for happening in happenings {
        let Some(index) = months
            .iter()
            .position(|m| m.year == happening.date.year() && m.month == happening.date.month())
        else {
            continue;
        };
        let figures = &mut months[index];
        figures.events += 1;
        if is_common(&happening.organizers) {
            figures.common_actions += 1;
        }
        figures.participants += u64::from(happening.participants);
        organizations[index].extend(happening.organizers.iter().copied());
    }
    for (figures, set) in months.iter_mut().zip(organizations) {
        figures.organizations = set.len() as u32;
    }
    months
}

/// A round number at or above `value` for a chart's axis (1, 2, 5 × 10ⁿ).
pub fn nice_ceiling(value: u64) -> u64 {
    let mut step = 1u64;
    loop {
        for factor in [1, 2, 5] {
            if value <= step.saturating_mul(factor) {
                return step.saturating_mul(factor).max(1);
            }
        }
        step = step.saturating_mul(10);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn months_count_events_common_actions_people_and_organisations() {
        let happenings = vec![
            Happening {
                date: day(2026, 1, 13),
                organizers: vec![1, 2],
                participants: 14,
            },
            Happening {
                date: day(2026, 1, 20),
                organizers: vec![2],
                participants: 30,
            },
            Happening {
                date: day(2026, 3, 1),
                organizers: vec![3, 3],
                participants: 5,
            },
            Happening {
                date: day(2027, 1, 1),
                organizers: vec![9],
                participants: 5,
            },
        ];
        let figures = monthly(&happenings, day(2026, 1, 1), day(2026, 3, 31));
        assert_eq!(figures.len(), 3);
        assert_eq!(
            (
                figures[0].events,
                figures[0].common_actions,
                figures[0].participants,
                figures[0].organizations
            ),
            (2, 1, 44, 2)
        );
        assert_eq!((figures[1].events, figures[1].organizations), (0, 0));
        assert_eq!(
            (
                figures[2].events,
                figures[2].common_actions,
                figures[2].organizations
            ),
            (1, 0, 1)
        );
    }

    #[test]
    fn axes_round_up() {
        assert_eq!(nice_ceiling(0), 1);
        assert_eq!(nice_ceiling(3), 5);
        assert_eq!(nice_ceiling(11), 20);
        assert_eq!(nice_ceiling(480), 500);
        assert_eq!(nice_ceiling(1000), 1000);
    }
}
