//! The common calendar of a space's planned actions: time in named zones, recurrence, clash
//! detection, the indicators a coordinator reads and reports, and iCalendar written
//! (`ical`, `vtimezone`) and read (`ics_reader`) — all pure.

/// Decoding a stored value of a closed vocabulary: the schema allows only its values, so
/// anything else is a broken database, reported as an error (the store's rows decode through
/// `#[sqlx(try_from = "String")]`) rather than guessed.
macro_rules! stored_vocabulary {
    ($($name:ty),+ $(,)?) => {
        $(
            impl TryFrom<String> for $name {
                type Error = String;

                fn try_from(text: String) -> Result<Self, Self::Error> {
                    <$name>::parse(&text)
                        .map_err(|_| format!("unknown {} '{text}'", stringify!($name)))
                }
            }
        )+
    };
}

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
