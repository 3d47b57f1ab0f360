//! The common calendar (seed 002: "elaborating a common calendar with planned actions"): time
//! in named zones, recurrence, clash detection and the indicators a coordinator reads — all pure.

pub mod clash;
pub mod event;
pub mod ical;
pub mod indicators;
pub mod meeting;
pub mod recurrence;
pub mod time;
pub mod vtimezone;
