//! One scenario over time: offered and served requests, error rate against the SLO, latency
//! percentiles (log scale), with every fault shaded from its start to its repair.

use std::path::Path;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::{PlotError, SIZE, draw_error};
use crate::sim::plan::SloTarget;
use crate::sim::report::ScenarioResult;

const OFFERED: RGBColor = RGBColor(150, 150, 150);
const SERVED: RGBColor = RGBColor(31, 119, 180);
const ERRORS: RGBColor = RGBColor(214, 39, 40);
const P50: RGBColor = RGBColor(44, 160, 44);
const P95: RGBColor = RGBColor(255, 127, 14);
const P99: RGBColor = RGBColor(148, 103, 189);
const FAULT: RGBColor = RGBColor(214, 39, 40);

/// Draws `s` into `path` (PNG or SVG by its extension).
pub(super) fn draw(s: &ScenarioResult, slo: &SloTarget, path: &Path) -> Result<(), PlotError> {
    if path.extension().is_some_and(|e| e == "svg") {
        let root = SVGBackend::new(path, SIZE).into_drawing_area();
        paint(&root, s, slo).map_err(|e| draw_error(path, e))?;
        root.present().map_err(|e| draw_error(path, e))
    } else {
        let root = BitMapBackend::new(path, SIZE).into_drawing_area();
        paint(&root, s, slo).map_err(|e| draw_error(path, e))?;
        root.present().map_err(|e| draw_error(path, e))
    }
}

type Drawn<DB> = std::result::Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

pub(super) fn paint<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &ScenarioResult,
    slo: &SloTarget,
) -> Drawn<DB> {
    root.fill(&WHITE)?;
    let faults = if s.faults.is_empty() {
        "no fault".to_owned()
    } else {
        s.faults
            .iter()
            .map(|f| {
                // A generated scenario is named after its fault: say only when it happens.
                let what = if f.label == s.name { "fault" } else { &f.label };
                match f.until_s {
                    Some(until) => format!("{what} from {} s to {until} s", f.at_s),
                    None => format!("{what} from {} s", f.at_s),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let title = format!(
        "{} — success {:.3} %, {} ({} s simulated)",
        s.name,
        100.0 * s.success_ratio,
        faults,
        s.duration_s
    );
    let area = root.titled(&title, ("sans-serif", 22))?;
    let panels = area.split_evenly((3, 1));
    let end = s.duration_s.max(1.0);
    let t = |i: u32| f64::from(i) + 0.5;

    let offered: Vec<(f64, f64)> = s
        .timeline
        .iter()
        .map(|x| (t(x.t_s), x.offered_rps))
        .collect();
    let served: Vec<(f64, f64)> = s
        .timeline
        .iter()
        .map(|x| (t(x.t_s), x.served_rps))
        .collect();
    let top = offered
        .iter()
        .chain(&served)
        .map(|p| p.1)
        .fold(1.0, f64::max)
        * 1.15;
    line_panel(
        &panels[0],
        "Throughput (requests per second)",
        end,
        top,
        &[("offered", OFFERED, offered), ("served", SERVED, served)],
        s,
    )?;

    let errors: Vec<(f64, f64)> = s
        .timeline
        .iter()
        .map(|x| (t(x.t_s), 100.0 * x.error_rate))
        .collect();
    let allowed = 100.0 - slo.availability_percent;
    let top = errors
        .iter()
        .map(|p| p.1)
        .fold(allowed * 2.0, f64::max)
        .min(100.0)
        * 1.15;
    let slo_line = vec![(0.0, allowed), (end, allowed)];
    line_panel(
        &panels[1],
        "Errors (% of requests that ended)",
        end,
        top.max(0.1),
        &[
            ("error rate", ERRORS, errors),
            ("SLO allowance", OFFERED, slo_line),
        ],
        s,
    )?;

    latency_panel(&panels[2], end, s)
}

/// Shaded spans of the faults.
fn fault_spans(s: &ScenarioResult, end: f64) -> Vec<(f64, f64)> {
    s.faults
        .iter()
        .map(|f| (f.at_s.min(end), f.until_s.unwrap_or(end).min(end)))
        .collect()
}

/// One line of a panel: legend label, colour, points.
type Series<'a> = (&'a str, RGBColor, Vec<(f64, f64)>);

fn line_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    caption: &str,
    end: f64,
    top: f64,
    series: &[Series<'_>],
    s: &ScenarioResult,
) -> Drawn<DB> {
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(32)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..end, 0.0..top)?;
    chart
        .configure_mesh()
        .x_desc("simulated seconds")
        .label_style(("sans-serif", 14))
        .draw()?;
    faults_and_lines(&mut chart, s, end, (0.0, top), series, None)
}

fn latency_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    end: f64,
    s: &ScenarioResult,
) -> Drawn<DB> {
    let pick = |f: &dyn Fn(&crate::sim::report::SecondResult) -> Option<f64>| -> Vec<(f64, f64)> {
        s.timeline
            .iter()
            .filter_map(|x| {
                f(x).filter(|v| *v > 0.0)
                    .map(|v| (f64::from(x.t_s) + 0.5, v))
            })
            .collect()
    };
    let series = [
        ("p50", P50, pick(&|x| x.p50_ms)),
        ("p95", P95, pick(&|x| x.p95_ms)),
        ("p99", P99, pick(&|x| x.p99_ms)),
    ];
    let values = series.iter().flat_map(|(_, _, p)| p.iter().map(|q| q.1));
    let (lo, hi) = values.fold((f64::INFINITY, 0.0f64), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (lo, hi) = if hi > 0.0 {
        (lo / 2.0, hi * 2.0)
    } else {
        (0.1, 10.0)
    };
    let mut chart = ChartBuilder::on(area)
        .caption(
            "Latency of successful requests (ms, log scale)",
            ("sans-serif", 18),
        )
        .margin(12)
        .x_label_area_size(32)
        .y_label_area_size(70)
        .build_cartesian_2d(0.0..end, (lo..hi).log_scale())?;
    chart
        .configure_mesh()
        .x_desc("simulated seconds")
        .label_style(("sans-serif", 14))
        .draw()?;
    // No line across seconds without a successful request.
    faults_and_lines(&mut chart, s, end, (lo, hi), &series, Some(1.5))
}

/// Shades `s`'s faults between `y.0` and `y.1`, draws `series` and their legend: the part of
/// every panel that does not depend on its y axis (linear or logarithmic). With `max_gap_s`,
/// a line is broken where two points are further apart than that.
fn faults_and_lines<'a, DB, Y>(
    chart: &mut ChartContext<'a, DB, Cartesian2d<RangedCoordf64, Y>>,
    s: &ScenarioResult,
    end: f64,
    (lo, hi): (f64, f64),
    series: &[Series<'_>],
    max_gap_s: Option<f64>,
) -> Drawn<DB>
where
    DB: DrawingBackend + 'a,
    Y: Ranged<ValueType = f64>,
{
    for (a, b) in fault_spans(s, end) {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(a, lo), (b, hi)],
            FAULT.mix(0.10).filled(),
        )))?;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(a, lo), (a, hi)],
            FAULT.stroke_width(2),
        )))?;
    }
    for (label, colour, points) in series {
        let colour = *colour;
        let gap = max_gap_s.unwrap_or(f64::INFINITY);
        let runs = points.chunk_by(|a, b| b.0 - a.0 <= gap);
        for (i, run) in runs.enumerate() {
            let drawn =
                chart.draw_series(LineSeries::new(run.iter().copied(), colour.stroke_width(2)))?;
            if i == 0 {
                drawn.label(*label).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(2))
                });
            }
        }
    }
    chart
        .configure_series_labels()
        .label_font(("sans-serif", 14))
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .draw()?;
    Ok(())
}
