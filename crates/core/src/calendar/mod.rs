//! The common calendar of a space's planned actions: time in named zones, recurrence, clash
//! detection, the indicators a coordinator reads and reports, and iCalendar written
//! (`ical`, `vtimezone`) and read (`ics_reader`) — all pure.

pub mod clash;
pub mod event;
pub mod ical;
pub mod ics_reader;
pub mod indicators;
pub mod meeting;
pub mod recurrence;
pub mod report;
pub mod time;
pub mod vtimezone;
