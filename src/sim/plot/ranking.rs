//! The ranking of a `single-failures` sweep: one bar per scenario, the share of user requests
//! it loses, worst at the top, coloured by whether the design recovered within the run.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{PlotError, SIZE, draw_error};
use crate::sim::report::Report;

const SURVIVED: RGBColor = RGBColor(44, 160, 44);
const NOT_SURVIVED: RGBColor = RGBColor(214, 39, 40);

/// Draws the ranking of `report` into `path` (PNG or SVG by its extension).
pub(super) fn draw(report: &Report, path: &Path) -> Result<(), PlotError> {
    let rows = report.ranking.len() as u32;
    let size = (SIZE.0, (120 + 28 * rows).max(300));
    if path.extension().is_some_and(|e| e == "svg") {
        let root = SVGBackend::new(path, size).into_drawing_area();
        paint(&root, report).map_err(|e| draw_error(path, e))?;
        root.present().map_err(|e| draw_error(path, e))
    } else {
        let root = BitMapBackend::new(path, size).into_drawing_area();
        paint(&root, report).map_err(|e| draw_error(path, e))?;
        root.present().map_err(|e| draw_error(path, e))
    }
}

/// Paints the ranking on `root`. plotters' integer segments are inclusive (`0..m` has `m + 1`
/// rows), so `n` scenarios use `0..n - 1`; bar `i` (rank `i + 1`) fills row `n - 1 - i`.
pub(super) fn paint<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    report: &Report,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let n = report.ranking.len();
    let worst = report
        .ranking
        .iter()
        .map(|r| 100.0 * r.lost_ratio)
        .fold(0.0f64, f64::max);
    let top = if worst > 0.0 { worst * 1.1 } else { 1.0 };
    let names: Vec<String> = report.ranking.iter().map(|r| r.name.clone()).collect();
    let mut chart = ChartBuilder::on(root)
        .caption(
            format!(
                "Single failures ranked by requests lost ({} s, {:.0} rps, {} replications)",
                report.duration_s, report.offered_rps, report.replications
            ),
            ("sans-serif", 22),
        )
        .margin(16)
        .x_label_area_size(36)
        .y_label_area_size(260)
        .build_cartesian_2d(0.0..top, (0..n.saturating_sub(1)).into_segmented())?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .x_desc("% of user requests lost (green: recovered within the run, red: not)")
        .y_labels(n.max(1))
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => n
                .checked_sub(1 + *i)
                .and_then(|k| names.get(k))
                .cloned()
                .unwrap_or_default(),
            _ => String::new(),
        })
        .label_style(("sans-serif", 14))
        .draw()?;
    chart.draw_series(report.ranking.iter().enumerate().map(|(i, r)| {
        let row = n - 1 - i;
        let colour = if r.survived { SURVIVED } else { NOT_SURVIVED };
        let mut bar = Rectangle::new(
            [
                (0.0, SegmentValue::Exact(row)),
                (100.0 * r.lost_ratio, SegmentValue::Exact(row + 1)),
            ],
            colour.mix(0.8).filled(),
        );
        bar.set_margin(4, 4, 0, 0);
        bar
    }))?;
    Ok(())
}
