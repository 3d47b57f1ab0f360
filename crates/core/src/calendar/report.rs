//! The indicators as a coordinator takes them away: the period a report covers, the totals, the
//! CSV file and the geometry of the bar charts drawn as SVG. Labels and words are the page's;
//! what is here is arithmetic, so the page, the CSV download and the API agree on it.

use super::indicators::{nice_ceiling, MonthFigures};
use chrono::{Datelike, Duration, NaiveDate};

/// How long a report may be: three years of months.
pub const MAX_REPORT_DAYS: i64 = 3 * 366;

/// Why a period was refused, as a message key of the forms' errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    /// A bound is not a `YYYY-MM-DD` date.
    Date,
    /// The end is before the start, or the period is too long.
    Period,
}

impl PeriodError {
    /// The message key.
    pub fn key(self) -> &'static str {
        match self {
            PeriodError::Date => "error-date",
            PeriodError::Period => "error-period",
        }
    }
}

/// A date as a query gives it: blank is absent, anything else must be `YYYY-MM-DD`.
pub fn query_date(text: &str) -> Result<Option<NaiveDate>, PeriodError> {
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| PeriodError::Date)
}

/// The period of a report, `[from, to]` in whole days: by default the calendar year of `today`
/// (or of `from`, when only `from` is given); never backwards nor longer than
/// [`MAX_REPORT_DAYS`].
pub fn year_period(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), PeriodError> {
    let from =
        from.unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or_default());
    let to = to.unwrap_or_else(|| NaiveDate::from_ymd_opt(from.year(), 12, 31).unwrap_or(from));
    if to < from || (to - from).num_days() > MAX_REPORT_DAYS {
        return Err(PeriodError::Period);
    }
    Ok((from, to))
}

/// The period of the coordination page, `[from, to]` in whole days: by default the month of
/// `today` and the next; never backwards nor longer than 400 days.
pub fn coordination_period(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(NaiveDate, NaiveDate), PeriodError> {
    let from = from.unwrap_or_else(|| today.with_day(1).unwrap_or(today));
    let to = to.unwrap_or_else(|| {
        (from + Duration::days(62)).with_day(1).unwrap_or(from) - Duration::days(1)
    });
    if to < from || (to - from).num_days() > 400 {
        return Err(PeriodError::Period);
    }
    Ok((from, to))
}

/// The sums of a period's months (organisations are not summed: the same one acts in many
/// months, so the total is left at zero). Dated by the first month, or by `from` when there is
/// none.
pub fn totals(figures: &[MonthFigures], from: NaiveDate) -> MonthFigures {
    MonthFigures {
        year: from.year(),
        month: from.month(),
        events: figures.iter().map(|f| f.events).sum(),
        common_actions: figures.iter().map(|f| f.common_actions).sum(),
        participants: figures.iter().map(|f| f.participants).sum(),
        organizations: 0,
    }
}

/// `YYYY-MM`, as the CSV and the API name a month.
pub fn month_label(figures: &MonthFigures) -> String {
    format!("{}-{:02}", figures.year, figures.month)
}

/// The indicators as CSV (RFC 4180, CRLF line ends): a header, then one row per month.
pub fn csv(figures: &[MonthFigures]) -> String {
    let mut out = String::from("month,events,common_actions,participants,organizations\r\n");
    for f in figures {
        out.push_str(&format!(
            "{},{},{},{},{}\r\n",
            month_label(f),
            f.events,
            f.common_actions,
            f.participants,
            f.organizations
        ));
    }
    out
}

/// The height of a chart's plot area, in SVG units.
pub const CHART_HEIGHT: u32 = 200;
/// Where the plot area begins below the top of the SVG.
pub const CHART_TOP: u32 = 20;
/// Where the first month's group of bars begins.
pub const CHART_LEFT: u32 = 50;
/// How far apart the months' groups of bars are.
pub const MONTH_STEP: u32 = 48;

/// A chart's vertical scale: a round maximum at or above every value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    pub max: u64,
}

impl Scale {
    /// The scale of `values` (1 when every value is zero).
    pub fn of(values: impl IntoIterator<Item = u64>) -> Scale {
        Scale {
            max: nice_ceiling(values.into_iter().max().unwrap_or(0)),
        }
    }

    /// The height of a bar of `value`.
    pub fn height(self, value: u64) -> u32 {
        ((value.saturating_mul(u64::from(CHART_HEIGHT))) / self.max.max(1)) as u32
    }

    /// A bar of `value` standing at `x`.
    pub fn bar(self, x: u32, value: u64) -> Column {
        let height = self.height(value).min(CHART_HEIGHT);
        Column {
            x,
            y: CHART_TOP + CHART_HEIGHT - height,
            height,
        }
    }
}

/// A bar of a chart, positioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub x: u32,
    pub y: u32,
    pub height: u32,
}

/// Where the group of bars of the `index`th month begins.
pub fn month_x(index: usize) -> u32 {
    CHART_LEFT + index as u32 * MONTH_STEP
}

/// The width of a chart of `months` months.
pub fn chart_width(months: usize) -> u32 {
    60 + months as u32 * MONTH_STEP
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn month(month: u32, events: u32, common: u32, people: u64, orgs: u32) -> MonthFigures {
        MonthFigures {
            year: 2026,
            month,
            events,
            common_actions: common,
            participants: people,
            organizations: orgs,
        }
    }

    #[test]
    fn a_report_covers_the_year_unless_told_otherwise() {
        let today = day(2026, 5, 12);
        assert_eq!(
            year_period(None, None, today),
            Ok((day(2026, 1, 1), day(2026, 12, 31)))
        );
        assert_eq!(
            year_period(Some(day(2025, 3, 1)), None, today),
            Ok((day(2025, 3, 1), day(2025, 12, 31)))
        );
        assert_eq!(
            year_period(Some(day(2026, 3, 1)), Some(day(2026, 2, 1)), today),
            Err(PeriodError::Period)
        );
        assert_eq!(
            year_period(Some(day(2020, 1, 1)), Some(day(2026, 1, 1)), today),
            Err(PeriodError::Period)
        );
        assert_eq!(query_date(""), Ok(None));
        assert_eq!(query_date("2026-13-01"), Err(PeriodError::Date));
        assert_eq!(PeriodError::Date.key(), "error-date");
    }

    #[test]
    fn coordination_looks_at_this_month_and_the_next() {
        assert_eq!(
            coordination_period(None, None, day(2026, 1, 20)),
            Ok((day(2026, 1, 1), day(2026, 2, 28)))
        );
        assert_eq!(
            coordination_period(
                Some(day(2026, 1, 1)),
                Some(day(2027, 6, 1)),
                day(2026, 1, 1)
            ),
            Err(PeriodError::Period)
        );
    }

    #[test]
    fn csv_has_a_header_and_a_row_per_month() {
        let figures = [month(1, 3, 1, 40, 2), month(2, 0, 0, 0, 0)];
        assert_eq!(
            csv(&figures),
            "month,events,common_actions,participants,organizations\r\n\
             2026-01,3,1,40,2\r\n\
             2026-02,0,0,0,0\r\n"
        );
        let total = totals(&figures, day(2026, 1, 1));
        assert_eq!(
            (total.events, total.common_actions, total.participants),
            (3, 1, 40)
        );
    }

    #[test]
    fn bars_stand_on_the_axis_and_the_tallest_fits() {
        let scale = Scale::of([0, 3, 7]);
        assert_eq!(scale.max, 10);
        assert_eq!(
            scale.bar(month_x(1), 5),
            Column {
                x: 98,
                y: 120,
                height: 100
            }
        );
        assert_eq!(scale.bar(50, 0).y, CHART_TOP + CHART_HEIGHT);
        assert_eq!(Scale::of([]).max, 1);
        assert_eq!(chart_width(12), 636);
    }
}
