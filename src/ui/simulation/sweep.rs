//! The single-failures sweep as a sortable table: one row per scenario with its success ratio,
//! recovery time, worst p99 latency and SLO minutes lost. Clicking a row shows its charts.

use std::cmp::Ordering;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::sim::{Report, ScenarioResult};

/// A column of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// Impact rank (the engine's ranking; the baseline last).
    #[default]
    Impact,
    /// Scenario name.
    Name,
    /// Share of requests that succeeded from the fault on.
    Success,
    /// Seconds until the SLO held again.
    Recovery,
    /// Worst per-second p99 latency.
    WorstP99,
    /// Minutes in which the SLO did not hold.
    SloLost,
}

/// How the table is sorted: by which column, and whether descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sort {
    /// Column.
    pub by: SortBy,
    /// Largest first.
    pub descending: bool,
}

/// The worst per-second p99 latency of a scenario, ms.
pub fn worst_p99(s: &ScenarioResult) -> Option<f64> {
    s.timeline
        .iter()
        .filter_map(|p| p.p99_ms)
        .filter(|v| v.is_finite())
        .reduce(f64::max)
}

/// Share of the requests that succeeded from the fault on (the whole run without a fault).
pub fn success(s: &ScenarioResult) -> f64 {
    s.fault_success_ratio.unwrap_or(s.success_ratio)
}

/// Row order of `report`'s scenarios under `sort`.
pub fn order(report: &Report, sort: Sort) -> Vec<usize> {
    let rank = |i: usize| {
        report
            .ranking
            .iter()
            .find(|r| r.name == report.scenarios[i].name)
            .map_or(usize::MAX, |r| r.rank)
    };
    let mut rows: Vec<usize> = (0..report.scenarios.len()).collect();
    let key_cmp = |a: &usize, b: &usize| -> Ordering {
        let (sa, sb) = (&report.scenarios[*a], &report.scenarios[*b]);
        let opt = |x: Option<f64>, y: Option<f64>| {
            // "Never recovered" / "no value" sorts as the largest.
            x.unwrap_or(f64::INFINITY)
                .total_cmp(&y.unwrap_or(f64::INFINITY))
        };
        match sort.by {
            SortBy::Impact => rank(*a).cmp(&rank(*b)),
            SortBy::Name => sa.name.cmp(&sb.name),
            SortBy::Success => success(sa).total_cmp(&success(sb)),
            SortBy::Recovery => opt(recovery(sa), recovery(sb)),
            SortBy::WorstP99 => opt(worst_p99(sa), worst_p99(sb)),
            SortBy::SloLost => sa.slo_violation_s.total_cmp(&sb.slo_violation_s),
        }
    };
    rows.sort_by(|a, b| {
        let o = key_cmp(a, b);
        let o = if sort.descending { o.reverse() } else { o };
        o.then(a.cmp(b))
    });
    rows
}

/// Recovery time of a faulty scenario (`None`: never recovered, or no fault).
fn recovery(s: &ScenarioResult) -> Option<f64> {
    if s.faults.is_empty() {
        Some(0.0)
    } else {
        s.recovery_s
    }
}

/// Draws the table; updates `sort` when a header is clicked and returns the scenario clicked.
pub fn ui(ui: &mut Ui, report: &Report, sort: &mut Sort, selected: usize) -> Option<usize> {
    let mut clicked = None;
    let rows = order(report, *sort);
    let header = |ui: &mut Ui, sort: &mut Sort, by: SortBy, title: &str| {
        let arrow = match (sort.by == by, sort.descending) {
            (true, false) => " ⏶",
            (true, true) => " ⏷",
            _ => "",
        };
        if ui
            .button(RichText::new(format!("{title}{arrow}")).strong())
            .on_hover_text("Sort by this column (again: reverse)")
            .clicked()
        {
            if sort.by == by {
                sort.descending = !sort.descending;
            } else {
                *sort = Sort {
                    by,
                    descending: matches!(by, SortBy::SloLost | SortBy::WorstP99 | SortBy::Recovery),
                };
            }
        }
    };
    TableBuilder::new(ui)
        .id_salt("sweep")
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::exact(36.0))
        .column(Column::remainder().at_least(150.0).clip(true))
        .columns(Column::auto().at_least(70.0), 4)
        .header(22.0, |mut row| {
            row.col(|ui| header(ui, sort, SortBy::Impact, "#"));
            row.col(|ui| header(ui, sort, SortBy::Name, "Scenario"));
            row.col(|ui| header(ui, sort, SortBy::Success, "Success"));
            row.col(|ui| header(ui, sort, SortBy::Recovery, "Recovery"));
            row.col(|ui| header(ui, sort, SortBy::WorstP99, "Worst p99"));
            row.col(|ui| header(ui, sort, SortBy::SloLost, "SLO min lost"));
        })
        .body(|mut body| {
            for i in rows {
                let s = &report.scenarios[i];
                let rank = report.ranking.iter().find(|r| r.name == s.name);
                body.row(20.0, |mut row| {
                    row.set_selected(i == selected);
                    row.col(|ui| {
                        ui.label(rank.map_or("–".to_owned(), |r| r.rank.to_string()));
                    });
                    row.col(|ui| {
                        if ui.selectable_label(i == selected, &s.name).clicked() {
                            clicked = Some(i);
                        }
                    });
                    row.col(|ui| {
                        let ratio = success(s);
                        let text = format!("{:.2} %", 100.0 * ratio);
                        if rank.is_some_and(|r| !r.survived) {
                            ui.colored_label(ui.visuals().error_fg_color, text);
                        } else {
                            ui.label(text);
                        }
                    });
                    row.col(|ui| {
                        ui.label(match (s.faults.is_empty(), s.recovery_s) {
                            (true, _) => "–".to_owned(),
                            (false, Some(r)) if r <= 0.0 => "no impact".to_owned(),
                            (false, Some(r)) => format!("{r:.0} s"),
                            (false, None) => "never".to_owned(),
                        });
                    });
                    row.col(|ui| {
                        ui.label(worst_p99(s).map_or("–".to_owned(), |v| format!("{v:.0} ms")));
                    });
                    row.col(|ui| {
                        ui.label(format!("{:.1}", s.slo_violation_s / 60.0));
                    });
                    if row.response().clicked() {
                        clicked = Some(i);
                    }
                });
            }
        });
    clicked
}
