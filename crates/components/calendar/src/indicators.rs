//! The monthly indicators of a space, its children rolled up into it: which occurrences count
//! (a pure step over a window of occurrences) and reading them for a period. The indicators
//! page, its CSV download and the API all take their figures from [`figures`]; the arithmetic of
//! months, totals, CSV and charts is `cospace_core::calendar::{indicators, report}`.

use crate::service::{self, Window};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use cospace_core::calendar::event::EventStatus;
use cospace_core::calendar::indicators::{self, Happening, MonthFigures};
use cospace_store::StoreError;
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

/// Midnight UTC at the start of `date`.
pub fn instant(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// The occurrences of `window` that count for the months of `[from, to]`: not cancelled, and
/// starting (by their own wall-clock date) in the period; people counted as recorded, else as
/// expected.
pub fn happenings(window: &Window, from: NaiveDate, to: NaiveDate) -> Vec<Happening> {
    window
        .occurrences
        .iter()
        .filter(|(index, o)| !o.cancelled && window.event(*index).status != EventStatus::Cancelled)
        .filter(|(_, o)| o.local_start.date() >= from && o.local_start.date() <= to)
        .map(|(index, o)| {
            let row = window.event(*index);
            Happening {
                date: o.local_start.date(),
                organizers: window.details.organizer_ids(row.id),
                participants: row
                    .actual_participants
                    .or(row.expected_participants)
                    .unwrap_or(0)
                    .clamp(0, i64::from(u32::MAX)) as u32,
            }
        })
        .collect()
}

/// The monthly figures of a space (its children included) for the months of `[from, to]`.
pub async fn figures(
    state: &AppState,
    context: &SpaceContext,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MonthFigures>, StoreError> {
    let scope = service::scope(state, context).await?;
    // A day of margin on each side: occurrences are placed by their own zone's date.
    let window = service::window(
        state,
        &scope,
        instant(from) - Duration::days(1),
        instant(to + Duration::days(2)),
    )
    .await?;
    Ok(indicators::monthly(
        &happenings(&window, from, to),
        from,
        to,
    ))
}
