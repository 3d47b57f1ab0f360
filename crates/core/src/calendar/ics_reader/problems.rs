//! The problems of a file as the reader reports them: which event, which line, which property
//! and why — enough for a person to find and fix each one in the file.

use crate::FieldError;
use std::collections::HashSet;

/// One problem of a file: which event (its position among the VEVENTs, from 1; 0 for the file
/// as a whole), the line it was found on (0 when unknown), the event's SUMMARY and UID, the
/// iCalendar property at fault (with the parameter that matters, e.g. `DTSTART;TZID=Mars`) and
/// the reason as a field error, translated like the forms' errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventError {
    pub position: usize,
    pub line: u64,
    pub summary: String,
    pub uid: String,
    pub property: String,
    pub error: FieldError,
}

impl EventError {
    pub(super) fn file(line: u64, key: &'static str) -> EventError {
        EventError {
            position: 0,
            line,
            summary: String::new(),
            uid: String::new(),
            property: String::new(),
            error: FieldError::new("file", key),
        }
    }

    /// `event 3 (line 42, "Summer fair", UID x@y): DTEND: message`, for the command line, with
    /// `message` the reason in words (the field error translated by the caller).
    pub fn describe(&self, message: &str) -> String {
        let mut out = String::new();
        let mut place = Vec::new();
        if self.line > 0 {
            place.push(format!("line {}", self.line));
        }
        if !self.summary.is_empty() {
            place.push(format!("\"{}\"", self.summary));
        }
        if !self.uid.is_empty() {
            place.push(format!("UID {}", self.uid));
        }
        if self.position > 0 {
            out.push_str(&format!("event {}", self.position));
            if !place.is_empty() {
                out.push_str(&format!(" ({})", place.join(", ")));
            }
        } else if !place.is_empty() {
            out.push_str(&place.join(", "));
        } else {
            out.push_str("file");
        }
        out.push_str(": ");
        if !self.property.is_empty() {
            out.push_str(&self.property);
            out.push_str(": ");
        }
        out.push_str(message);
        out
    }
}

/// How many events `errors` are about. Problems of the whole file (bad UTF-8, not a
/// VCALENDAR, BEGIN/END that do not match) are about no event: they are reported as the file's,
/// never counted as a bad event.
pub fn bad_events(errors: &[EventError]) -> usize {
    errors
        .iter()
        .map(|e| e.position)
        .filter(|p| *p > 0)
        .collect::<HashSet<_>>()
        .len()
}

/// "N bad events", or "the file cannot be read" when the problems are the file's own.
pub fn summary(errors: &[EventError]) -> String {
    match bad_events(errors) {
        0 => "the file cannot be read as a calendar".to_owned(),
        1 => "1 bad event".to_owned(),
        n => format!("{n} bad events"),
    }
}
