//! The simulation panel: the run settings on the left (scenario set, load profile, rate,
//! duration, replications, seed), Run and Cancel with a progress bar, and the results on the
//! right — summary figures, the sweep table, the charts and the replay slider. It changes only UI
//! state; runs are asked for with commands.

use egui::{Color32, ComboBox, DragValue, RichText, Ui};

use super::{RunKind, SimulationView, charts, sweep};
use crate::model::{ComponentKind, LoadProfile, Topology};
use crate::sim::{MAX_DURATION_S, MAX_REPLICATIONS, Report, ScenarioResult};
use crate::ui::command::Command;

/// Width of the settings column.
const SETTINGS_W: f32 = 250.0;

/// Draws the panel; returns the runs asked for.
pub fn ui(
    ui: &mut Ui,
    view: &mut SimulationView,
    t: &Topology,
    revision: u64,
    model_errors: usize,
) -> Vec<Command> {
    let mut out = Vec::new();
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(SETTINGS_W);
            egui::ScrollArea::vertical()
                .id_salt("simulation-settings")
                .show(ui, |ui| settings(ui, view, t, model_errors, &mut out));
        });
        ui.separator();
        ui.vertical(|ui| results(ui, view, revision, &mut out));
    });
    out
}

fn settings(
    ui: &mut Ui,
    view: &mut SimulationView,
    t: &Topology,
    model_errors: usize,
    out: &mut Vec<Command>,
) {
    let s = &mut view.settings;
    egui::Grid::new("simulation-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Scenarios");
            ComboBox::from_id_salt("sim-scenario")
                .width(160.0)
                .selected_text(s.kind.label())
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut s.kind, RunKind::Baseline, "Baseline");
                    ui.selectable_value(
                        &mut s.kind,
                        RunKind::SingleFailures,
                        "Single-failures sweep",
                    );
                    for scenario in &t.scenarios {
                        ui.selectable_value(
                            &mut s.kind,
                            RunKind::Named(scenario.id.clone()),
                            format!("Scenario {}", scenario.id),
                        )
                        .on_hover_text(&scenario.description);
                    }
                });
            ui.end_row();

            let sweep = s.kind == RunKind::SingleFailures;
            ui.label("Load");
            ui.add_enabled_ui(!sweep, |ui| profile_combo(ui, &mut s.profile, s.duration_s))
                .response
                .on_disabled_hover_text("The sweep runs every scenario at a constant rate.");
            ui.end_row();
            if !sweep {
                profile_fields(ui, &mut s.profile);
            }

            ui.label("Rate");
            ui.horizontal(|ui| {
                let file_rps: f64 = t
                    .components
                    .iter()
                    .map(|c| match &c.kind {
                        ComponentKind::Users(a) | ComponentKind::Admins(a) => a.rate_rps,
                        _ => 0.0,
                    })
                    .filter(|r| r.is_finite())
                    .sum();
                let mut set = s.rps.is_some();
                if ui
                    .checkbox(&mut set, "")
                    .on_hover_text(
                        "Set the total rate of the actors (shared in proportion to their rates)",
                    )
                    .changed()
                {
                    s.rps = set.then_some(file_rps.max(1.0));
                }
                match &mut s.rps {
                    Some(rps) => {
                        ui.add(
                            DragValue::new(rps)
                                .range(1.0..=10_000_000.0)
                                .speed(10.0)
                                .suffix(" rps"),
                        );
                    }
                    None => {
                        ui.weak(format!("file: {file_rps:.0} rps"));
                    }
                }
            });
            ui.end_row();

            ui.label("Duration");
            ui.add(
                DragValue::new(&mut s.duration_s)
                    .range(10.0..=MAX_DURATION_S)
                    .speed(5.0)
                    .suffix(" s"),
            );
            ui.end_row();
            ui.label("Faults at");
            ui.add(
                DragValue::new(&mut s.fault_at_s)
                    .range(0.0..=(s.duration_s - 1.0).max(0.0))
                    .speed(1.0)
                    .suffix(" s"),
            )
            .on_hover_text("When injected failures and the sweep's failures start");
            ui.end_row();
            ui.label("Replications");
            ui.add(DragValue::new(&mut s.replications).range(1..=MAX_REPLICATIONS.min(100)));
            ui.end_row();
            ui.label("Seed");
            ui.add(DragValue::new(&mut s.seed));
            ui.end_row();
        });
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let ready = model_errors == 0;
        let run = ui
            .add_enabled(ready, egui::Button::new("▶ Run"))
            .on_disabled_hover_text(format!(
                "Fix the {model_errors} model error(s) in the problems panel first"
            ));
        if run.clicked() {
            out.push(Command::Simulate(view.settings.kind.clone()));
        }
        if ui
            .add_enabled(view.running(), egui::Button::new("Cancel"))
            .clicked()
        {
            out.push(Command::CancelSimulation);
        }
    });
    if let Some((fraction, request, elapsed, cancelling)) = view.progress() {
        let text = if cancelling {
            "Cancelling…".to_owned()
        } else {
            format!(
                "{} · {:.0} % · {:.1} s",
                request.kind.label(),
                fraction * 100.0,
                elapsed.as_secs_f64()
            )
        };
        ui.add(egui::ProgressBar::new(fraction).text(text).animate(true));
    }
    if let Some((message, error)) = view.message() {
        if error {
            ui.colored_label(ui.visuals().error_fg_color, message);
        } else {
            ui.weak(message);
        }
    }
    let threads = super::job::engine_threads();
    let plural = if threads == 1 { "" } else { "s" };
    ui.weak(format!(
        "Runs in the background on {threads} engine thread{plural}; the editor stays usable."
    ));
}

/// The profile kinds, with defaults scaled to the run's duration.
fn profile_combo(ui: &mut Ui, profile: &mut LoadProfile, duration_s: f64) {
    let d = duration_s.max(10.0).round();
    let name = profile_name(profile);
    ComboBox::from_id_salt("sim-profile")
        .width(160.0)
        .selected_text(name)
        .show_ui(ui, |ui| {
            let choices = [
                LoadProfile::Constant,
                LoadProfile::Ramp {
                    from_factor: 0.5,
                    to_factor: 1.5,
                    start_s: (d / 4.0).round(),
                    end_s: (3.0 * d / 4.0).round(),
                },
                LoadProfile::Step {
                    at_s: (d / 3.0).round(),
                    factor: 2.0,
                },
                LoadProfile::Spike {
                    at_s: (d / 3.0).round(),
                    duration_s: (d / 10.0).round().max(1.0),
                    factor: 3.0,
                },
                LoadProfile::Diurnal {
                    period_s: d,
                    trough_factor: 0.3,
                    peak_factor: 1.0,
                    peak_at_s: (d / 2.0).round(),
                },
            ];
            for choice in choices {
                let label = profile_name(&choice);
                let current = profile_name(profile) == label;
                if ui.selectable_label(current, label).clicked() && !current {
                    *profile = choice;
                }
            }
        });
}

fn profile_name(p: &LoadProfile) -> &'static str {
    match p {
        LoadProfile::Constant => "Constant",
        LoadProfile::Ramp { .. } => "Ramp",
        LoadProfile::Step { .. } => "Step",
        LoadProfile::Spike { .. } => "Spike",
        LoadProfile::Diurnal { .. } => "Diurnal",
    }
}

/// The parameters of the profile, one grid row each.
fn profile_fields(ui: &mut Ui, profile: &mut LoadProfile) {
    let row = |ui: &mut Ui, label: &str, value: &mut f64, suffix: &str, max: f64| {
        ui.weak(label);
        ui.add(
            DragValue::new(value)
                .range(0.0..=max)
                .speed(if suffix == "×" { 0.05 } else { 1.0 })
                .suffix(suffix),
        );
        ui.end_row();
    };
    let factor = 1000.0;
    match profile {
        LoadProfile::Constant => {}
        LoadProfile::Ramp {
            from_factor,
            to_factor,
            start_s,
            end_s,
        } => {
            row(ui, "  from", from_factor, "×", factor);
            row(ui, "  to", to_factor, "×", factor);
            row(ui, "  start", start_s, " s", MAX_DURATION_S);
            row(ui, "  end", end_s, " s", MAX_DURATION_S);
            if *end_s <= *start_s {
                *end_s = *start_s + 1.0;
            }
        }
        LoadProfile::Step { at_s, factor: f } => {
            row(ui, "  at", at_s, " s", MAX_DURATION_S);
            row(ui, "  factor", f, "×", factor);
        }
        LoadProfile::Spike {
            at_s,
            duration_s,
            factor: f,
        } => {
            row(ui, "  at", at_s, " s", MAX_DURATION_S);
            row(ui, "  for", duration_s, " s", MAX_DURATION_S);
            row(ui, "  factor", f, "×", factor);
        }
        LoadProfile::Diurnal {
            period_s,
            trough_factor,
            peak_factor,
            peak_at_s,
        } => {
            row(ui, "  period", period_s, " s", 86_400.0 * 7.0);
            row(ui, "  trough", trough_factor, "×", factor);
            row(ui, "  peak", peak_factor, "×", factor);
            row(ui, "  peak at", peak_at_s, " s", MAX_DURATION_S);
            if *period_s < 1.0 {
                *period_s = 1.0;
            }
        }
    }
}

fn results(ui: &mut Ui, view: &mut SimulationView, revision: u64, out: &mut Vec<Command>) {
    let Some(r) = view.results.as_ref() else {
        ui.add_space(20.0);
        ui.vertical_centered(|ui| {
            ui.weak("No results yet. Choose a scenario and press Run, or right-click a component, a subnet or a VPC on the diagram and choose \"Simulate failure of …\".");
        });
        return;
    };
    let stale = r.revision != revision;
    let report = &r.report;
    ui.horizontal_wrapped(|ui| {
        ui.strong(r.request.kind.label());
        ui.weak(format!(
            "{} × {:.0} s · seed {} · {:.0} rps offered · took {:.1} s",
            report.replications,
            report.duration_s,
            report.seed,
            report.offered_rps,
            r.elapsed.as_secs_f64()
        ));
        if stale {
            ui.colored_label(
                Color32::from_rgb(154, 103, 0),
                "⚠ stale: the design changed since this run",
            );
        }
        ui.checkbox(&mut view.show_overlay, "Show on the diagram");
        if ui
            .button("Save report…")
            .on_hover_text("The HTML report with the diagram, the findings and these results (also File › Export report…)")
            .clicked()
        {
            out.push(Command::ExportReport);
        }
    });
    let Some(s) = report.scenarios.get(view.selected) else {
        notes(ui, report);
        return;
    };
    let sweep = report.scenarios.len() > 1;
    let mut clicked_row = None;
    let mut clicked_second = None;
    let cursor = view.time_s;
    let mut chart = view.chart;
    let mut replay = Replay {
        time_s: view.time_s,
        playing: view.playing,
        speed: view.speed,
    };
    if sweep {
        ui.horizontal_top(|ui| {
            let table_w = (ui.available_width() * 0.42).clamp(320.0, 620.0);
            ui.vertical(|ui| {
                ui.set_width(table_w);
                clicked_row = sweep::ui(ui, report, &mut view.sort, view.selected);
            });
            ui.separator();
            ui.vertical(|ui| {
                summary(ui, s);
                replay_ui(ui, s, &mut replay);
                let h = (ui.available_height() - 30.0).max(90.0);
                clicked_second = charts::ui(ui, s, &report.slo, cursor, h, &mut chart);
            });
        });
    } else {
        summary(ui, s);
        replay_ui(ui, s, &mut replay);
        let h = (ui.available_height() - 50.0).max(90.0);
        clicked_second = charts::ui(ui, s, &report.slo, cursor, h, &mut chart);
        notes(ui, report);
    }
    view.chart = chart;
    view.time_s = replay.time_s;
    view.playing = replay.playing;
    view.speed = replay.speed;
    if let Some(second) = clicked_second {
        view.time_s = second.min((s.duration_s as u32).saturating_sub(1));
        view.playing = false;
    }
    if let Some(row) = clicked_row {
        view.selected = row;
        view.playing = false;
        if let Some(f) = report.scenarios.get(row).and_then(|s| s.faults.first()) {
            view.time_s = f.at_s as u32 + 1;
        }
    }
}

struct Replay {
    time_s: u32,
    playing: bool,
    speed: f32,
}

fn replay_ui(ui: &mut Ui, s: &ScenarioResult, replay: &mut Replay) {
    ui.horizontal(|ui| {
        ui.label("Replay");
        let last = (s.duration_s as u32).saturating_sub(1);
        ui.add(
            egui::Slider::new(&mut replay.time_s, 0..=last)
                .suffix(" s")
                .text("on the diagram"),
        );
        let label = if replay.playing {
            "⏸ Pause"
        } else {
            "▶ Play"
        };
        if ui.button(label).clicked() {
            if !replay.playing && replay.time_s >= last {
                replay.time_s = 0;
            }
            replay.playing = !replay.playing;
        }
        ComboBox::from_id_salt("sim-speed")
            .width(70.0)
            .selected_text(format!("{:.0} s/s", replay.speed))
            .show_ui(ui, |ui| {
                for speed in [5.0, 20.0, 60.0, 240.0] {
                    ui.selectable_value(&mut replay.speed, speed, format!("{speed:.0} s/s"));
                }
            });
    });
}

/// The figures of one scenario, with 95 % confidence half-widths when there are several
/// replications.
fn summary(ui: &mut Ui, s: &ScenarioResult) {
    let ci = |x: Option<f64>, scale: f64, unit: &str| {
        x.map_or(String::new(), |h| format!(" ± {:.2}{unit}", h * scale))
    };
    ui.horizontal_wrapped(|ui| {
        ui.strong(&s.name);
        for f in &s.faults {
            let when = match f.until_s {
                Some(u) => format!("{:.0}–{u:.0} s", f.at_s),
                None => format!("from {:.0} s", f.at_s),
            };
            figure(ui, "fault", format!("{} {when}", f.label), false);
        }
        figure(
            ui,
            "success",
            format!(
                "{:.3} %{}",
                100.0 * s.success_ratio,
                ci(s.ci95.success_ratio, 100.0, " %")
            ),
            s.success_ratio < 0.999,
        );
        if let Some(f) = s.fault_success_ratio {
            figure(
                ui,
                "after the fault",
                format!("{:.3} %", 100.0 * f),
                f < 0.999,
            );
        }
        let ms = |x: Option<f64>| x.map_or("–".to_owned(), |v| format!("{v:.0}"));
        figure(
            ui,
            "p50 / p95 / p99",
            format!(
                "{} / {} / {} ms",
                ms(s.latency_ms.p50),
                ms(s.latency_ms.p95),
                ms(s.latency_ms.p99)
            ),
            false,
        );
        if !s.faults.is_empty() {
            let text = match s.recovery_s {
                Some(r) if r <= 0.0 => "no SLO breach".to_owned(),
                Some(r) => format!("{r:.0} s{}", ci(s.ci95.recovery_s, 1.0, " s")),
                None => format!(
                    "not within the run ({} of the replications recovered)",
                    s.recovered_replications
                ),
            };
            figure(ui, "recovery", text, s.recovery_s.is_none());
        }
        figure(
            ui,
            "SLO violated",
            format!(
                "{:.0} s · budget burn {:.1}×",
                s.slo_violation_s, s.error_budget_burn
            ),
            s.slo_violation_s > 0.0,
        );
        figure(
            ui,
            "retry amplification",
            format!("{:.2}×", s.retry_amplification),
            s.retry_amplification > 1.05,
        );
        if let Some(c) = &s.peak_queue_component {
            figure(
                ui,
                "peak queue",
                format!("{:.0} at {c}", s.peak_queue),
                false,
            );
        }
        if let Some(shift) = &s.load_shift {
            figure(
                ui,
                "load shift",
                format!(
                    "{} ×{:.1} ({:.0} to {:.0} rps)",
                    shift.component, shift.factor, shift.baseline_rps, shift.rps
                ),
                shift.factor > 1.5,
            );
        }
        for rpo in &s.rpo {
            let text = match rpo.rpo_s {
                Some(v) => format!("{v:.0} s ({})", rpo.basis),
                None => format!("no copy ({})", rpo.basis),
            };
            figure(
                ui,
                &format!("RPO {}", rpo.component),
                text,
                rpo.rpo_s.is_none(),
            );
        }
    });
}

fn figure(ui: &mut Ui, label: &str, value: String, bad: bool) {
    ui.separator();
    ui.weak(label);
    if bad {
        ui.label(
            RichText::new(value)
                .color(ui.visuals().error_fg_color)
                .strong(),
        );
    } else {
        ui.label(RichText::new(value).strong());
    }
}

/// What the run left out.
fn notes(ui: &mut Ui, report: &Report) {
    let n = report.skipped.len() + report.broken_cycles.len();
    if n == 0 {
        return;
    }
    egui::CollapsingHeader::new(format!("Notes ({n})"))
        .id_salt("sim-notes")
        .show(ui, |ui| {
            for s in &report.skipped {
                ui.weak(format!("{}: not simulated — {}", s.element, s.reason));
            }
            for b in &report.broken_cycles {
                ui.weak(format!(
                    "{} calls {}: call left out to break a request cycle",
                    b.from, b.to
                ));
            }
        });
}
