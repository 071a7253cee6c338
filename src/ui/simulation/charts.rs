//! Interactive charts of one scenario (egui_plot): offered vs served requests per second, the
//! error rate and the latency percentiles over time, with the faults shaded, the recovery marked
//! and the replay second as a cursor. The charts share their time axis; clicking one moves the
//! replay cursor there. When the space is too narrow for three charts side by side, one is shown
//! at a time with a selector.

use egui::{Color32, Stroke, Ui};
use egui_plot::{Corner, HLine, Legend, Line, LineStyle, Plot, PlotPoints, PlotUi, Span, VLine};

use crate::sim::{ScenarioResult, SecondResult, SloTarget};

const OFFERED: Color32 = Color32::from_rgb(120, 130, 145);
const SERVED: Color32 = Color32::from_rgb(31, 111, 235);
const ERRORS: Color32 = Color32::from_rgb(207, 34, 46);
const P50: Color32 = Color32::from_rgb(46, 160, 67);
const P95: Color32 = Color32::from_rgb(210, 153, 34);
const P99: Color32 = Color32::from_rgb(207, 34, 46);
const FAULT: Color32 = Color32::from_rgba_premultiplied(60, 10, 12, 40);
const RECOVERED: Color32 = Color32::from_rgb(26, 127, 55);
/// Narrowest chart worth drawing beside the others.
const MIN_CHART_W: f32 = 260.0;

/// One of the charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Chart {
    /// Offered and served requests per second.
    #[default]
    Throughput,
    /// Failed over ended requests.
    ErrorRate,
    /// p50, p95, p99.
    Latency,
}

impl Chart {
    const ALL: [Chart; 3] = [Chart::Throughput, Chart::ErrorRate, Chart::Latency];

    fn title(self) -> &'static str {
        match self {
            Chart::Throughput => "Throughput",
            Chart::ErrorRate => "Error rate",
            Chart::Latency => "Latency",
        }
    }

    fn unit(self) -> &'static str {
        match self {
            Chart::Throughput => "rps",
            Chart::ErrorRate => "%",
            Chart::Latency => "ms",
        }
    }
}

/// Draws the charts of `s`, `height` points tall; `single` is the chart shown when only one
/// fits. Returns the second the user clicked, if any.
pub fn ui(
    ui: &mut Ui,
    s: &ScenarioResult,
    slo: &SloTarget,
    cursor_s: u32,
    height: f32,
    single: &mut Chart,
) -> Option<u32> {
    let gap = ui.spacing().item_spacing.x;
    let side_by_side = (ui.available_width() - 2.0 * gap) / 3.0 >= MIN_CHART_W;
    let mut clicked = None;
    if side_by_side {
        let width = (ui.available_width() - 2.0 * gap) / 3.0;
        ui.horizontal_top(|ui| {
            for chart in Chart::ALL {
                ui.vertical(|ui| {
                    ui.set_width(width);
                    ui.label(egui::RichText::new(chart.title()).strong());
                    if let Some(x) = plot(ui, chart, s, slo, cursor_s, width, height) {
                        clicked = Some(x);
                    }
                });
            }
        });
    } else {
        ui.horizontal(|ui| {
            for chart in Chart::ALL {
                ui.selectable_value(single, chart, chart.title());
            }
        });
        let width = ui.available_width();
        clicked = plot(ui, *single, s, slo, cursor_s, width, height - 22.0);
    }
    clicked
}

fn plot(
    ui: &mut Ui,
    chart: Chart,
    s: &ScenarioResult,
    slo: &SloTarget,
    cursor_s: u32,
    width: f32,
    height: f32,
) -> Option<u32> {
    let group = egui::Id::new("simulation-charts");
    let response = Plot::new(("chart", chart.title()))
        .height(height.max(60.0))
        .width(width)
        .legend(Legend::default().position(Corner::LeftTop))
        .link_axis(group, [true, false])
        .link_cursor(group, [true, false])
        .x_axis_label("s")
        .y_axis_label(chart.unit())
        .include_y(0.0)
        .include_x(0.0)
        .include_x(s.duration_s)
        .allow_scroll(false)
        .show(ui, |plot| {
            marks(plot, s, cursor_s);
            series(plot, chart, s, slo);
            if plot.response().clicked() {
                plot.pointer_coordinate().map(|p| p.x)
            } else {
                None
            }
        });
    response.inner.map(|x| x.max(0.0).round() as u32)
}

fn series(plot: &mut PlotUi, chart: Chart, s: &ScenarioResult, slo: &SloTarget) {
    match chart {
        Chart::Throughput => {
            plot.line(
                line("offered", s, |p| Some(p.offered_rps))
                    .color(OFFERED)
                    .style(LineStyle::dashed_dense()),
            );
            plot.line(
                line("served", s, |p| Some(p.served_rps))
                    .color(SERVED)
                    .width(2.0),
            );
        }
        Chart::ErrorRate => {
            plot.line(
                line("errors", s, |p| Some(100.0 * p.error_rate))
                    .color(ERRORS)
                    .width(2.0),
            );
            let allowed = 100.0 - slo.availability_percent;
            plot.hline(
                HLine::new(format!("SLO {allowed:.2} %"), allowed)
                    .color(ERRORS)
                    .style(LineStyle::dotted_dense()),
            );
        }
        Chart::Latency => {
            // Seconds without a successful request break the lines (one legend entry each:
            // egui_plot groups items by name).
            for l in runs("p50", s, |p| p.p50_ms) {
                plot.line(l.color(P50));
            }
            for l in runs("p95", s, |p| p.p95_ms) {
                plot.line(l.color(P95));
            }
            for l in runs("p99", s, |p| p.p99_ms) {
                plot.line(l.color(P99).width(2.0));
            }
            if let Some((percentile, ms)) = slo.latency {
                plot.hline(
                    HLine::new(format!("SLO p{percentile:.0} {ms:.0} ms"), ms)
                        .color(P99)
                        .style(LineStyle::dotted_dense()),
                );
            }
        }
    }
}

/// A series from the per-second timeline (every second has a value).
fn line<'a>(name: &str, s: &ScenarioResult, y: impl Fn(&SecondResult) -> Option<f64>) -> Line<'a> {
    let points: Vec<[f64; 2]> = points(s, y);
    Line::new(name.to_owned(), PlotPoints::new(points))
}

/// A series from the per-second timeline as one line per run of seconds with a value: no line
/// is drawn across seconds without one (no successful request).
fn runs<'a>(
    name: &str,
    s: &ScenarioResult,
    y: impl Fn(&SecondResult) -> Option<f64>,
) -> Vec<Line<'a>> {
    points(s, y)
        .chunk_by(|a, b| b[0] - a[0] <= 1.0)
        .map(|run| Line::new(name.to_owned(), PlotPoints::new(run.to_vec())))
        .collect()
}

/// The seconds of the timeline that have a finite value.
fn points(s: &ScenarioResult, y: impl Fn(&SecondResult) -> Option<f64>) -> Vec<[f64; 2]> {
    s.timeline
        .iter()
        .filter_map(|p| {
            y(p).filter(|v| v.is_finite())
                .map(|v| [f64::from(p.t_s), v])
        })
        .collect()
}

/// Faults shaded, recovery and the replay cursor as vertical lines (unnamed: not in the legend;
/// the summary above the charts names them).
fn marks(plot: &mut PlotUi, s: &ScenarioResult, cursor_s: u32) {
    for f in &s.faults {
        let end = f.until_s.unwrap_or(s.duration_s);
        plot.span(
            Span::new("", f.at_s..=end)
                .fill(FAULT)
                .border(Stroke::new(1.0, ERRORS)),
        );
    }
    if let (Some(first), Some(recovery)) = (s.faults.first(), s.recovery_s)
        && recovery > 0.0
    {
        plot.vline(
            VLine::new("", first.at_s + recovery)
                .color(RECOVERED)
                .width(1.5)
                .style(LineStyle::dashed_loose()),
        );
    }
    plot.vline(VLine::new("", f64::from(cursor_s)).color(Color32::GRAY));
}
