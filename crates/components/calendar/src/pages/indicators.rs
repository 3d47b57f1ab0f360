//! The indicators page — events, common actions, participants and organisations per month,
//! charted as SVG and tabled — and the same figures as a CSV download. The figures are
//! `crate::indicators::figures`; the charts' geometry and the CSV are `core::calendar::report`.

use super::{base, require, year_period, PeriodQuery};
use crate::permissions::Action;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use cospace_core::calendar::indicators::MonthFigures;
use cospace_core::calendar::report::{self, Scale};
use cospace_web::error::PageError;
use cospace_web::kit::{download, SpaceHeader};
use cospace_web::pages::{render, Page};
use cospace_web::space_context::SpaceContext;
use cospace_web::AppState;

/// One bar group of the chart, positioned for the SVG.
pub struct Bar {
    pub label: String,
    pub x: u32,
    pub events_y: u32,
    pub events_h: u32,
    pub common_y: u32,
    pub common_h: u32,
    pub events_label: String,
    pub common_label: String,
    pub figures: MonthFigures,
}

#[derive(Template)]
#[template(path = "indicators.html")]
struct IndicatorsTemplate {
    page: Page,
    header: SpaceHeader,
    base: String,
    slug: String,
    from: String,
    to: String,
    bars: Vec<Bar>,
    axis_max: u64,
    width: u32,
    totals: MonthFigures,
    /// Participants and organisations involved, a chart each.
    more_charts: Vec<SeriesChart>,
}

/// A one-series bar chart, positioned for the SVG.
pub struct SeriesChart {
    pub id: String,
    pub title: String,
    pub axis_max: u64,
    pub fill: &'static str,
    /// (month label, x, y, height, the bar's title).
    pub bars: Vec<(String, u32, u32, u32, String)>,
}

/// A month as the charts label it: "Jan 26".
fn month_label(page: &Page, figures: &MonthFigures) -> String {
    format!(
        "{} {}",
        page.t(&format!("month-short-{}", figures.month)),
        figures.year % 100
    )
}

fn series_chart(
    page: &Page,
    id: &str,
    title_key: &str,
    fill: &'static str,
    figures: &[MonthFigures],
    value: impl Fn(&MonthFigures) -> u64,
    bar_key: &str,
) -> SeriesChart {
    let scale = Scale::of(figures.iter().map(&value));
    SeriesChart {
        id: id.to_owned(),
        title: page.t(title_key),
        axis_max: scale.max,
        fill,
        bars: figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let v = value(f);
                // One bar per month, centred in the month's group.
                let bar = scale.bar(report::month_x(i) + 10, v);
                let label = month_label(page, f);
                let title = format!("{label}: {}", page.tn(bar_key, &(v as i64)));
                (label, bar.x, bar.y, bar.height, title)
            })
            .collect(),
    }
}

/// The bar groups of the main chart (events and common actions side by side) and its axis.
pub fn bars(page: &Page, figures: &[MonthFigures]) -> (Vec<Bar>, u64) {
    let scale = Scale::of(figures.iter().map(|f| u64::from(f.events)));
    let bars = figures
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let x = report::month_x(i);
            let events = scale.bar(x, u64::from(f.events));
            let common = scale.bar(x, u64::from(f.common_actions));
            Bar {
                label: month_label(page, f),
                x,
                events_y: events.y,
                events_h: events.height,
                common_y: common.y,
                common_h: common.height,
                events_label: page.tn("indicators-events-n", &i64::from(f.events)),
                common_label: page.tn("indicators-common-n", &i64::from(f.common_actions)),
                figures: *f,
            }
        })
        .collect();
    (bars, scale.max)
}

/// `GET /spaces/{slug}/calendar/indicators`
pub async fn indicators_page(
    State(state): State<AppState>,
    page: Page,
    context: SpaceContext,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, PageError> {
    let base = base(&context);
    require(&context, Action::Read, &format!("{base}/indicators"))?;
    let (from, to) = year_period(&query.from, &query.to)?;
    let figures = crate::indicators::figures(&state, &context, from, to).await?;
    let totals = report::totals(&figures, from);
    let (bars, axis_max) = bars(&page, &figures);
    let more_charts = vec![
        series_chart(
            &page,
            "participants-chart",
            "indicators-participants-chart",
            "#3f8f5b",
            &figures,
            |f| f.participants,
            "indicators-participants-n",
        ),
        series_chart(
            &page,
            "organizations-chart",
            "indicators-organizations-chart",
            "#8a5cb8",
            &figures,
            |f| u64::from(f.organizations),
            "indicators-organizations-n",
        ),
    ];
    render(&IndicatorsTemplate {
        more_charts,
        header: SpaceHeader::new(&state, &page, &context),
        slug: context.space.slug.clone(),
        from: from.format("%Y-%m-%d").to_string(),
        to: to.format("%Y-%m-%d").to_string(),
        width: report::chart_width(bars.len()),
        bars,
        axis_max,
        totals,
        base,
        page,
    })
}

/// `GET /spaces/{slug}/calendar/indicators.csv`
pub async fn indicators_csv(
    State(state): State<AppState>,
    context: SpaceContext,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, PageError> {
    require(
        &context,
        Action::Read,
        &format!("{}/indicators", base(&context)),
    )?;
    let (from, to) = year_period(&query.from, &query.to)?;
    let figures = crate::indicators::figures(&state, &context, from, to).await?;
    Ok(download::csv(
        &format!("{}-indicators.csv", context.space.slug),
        report::csv(&figures),
    ))
}
