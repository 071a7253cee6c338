//! The simulation in the editor, driven through the real UI: runs from the panel and from the
//! canvas's context menu, cancelling, the sweep table, the flow view, the overlay and the
//! report, with the editor kept usable while the engine works in the background.

mod common;

use std::time::Duration;

use common::{FakeDialog, click_at, harness, rect_of, right_click_at, sample};
use daedalus::sim::ScenarioKind;
use daedalus::ui::simulation::RunKind;
use egui_kittest::kittest::Queryable;

const WAIT: Duration = Duration::from_secs(120);

/// The three-tier sample with short runs, so tests stay quick.
fn three_tier() -> egui_kittest::Harness<'static, daedalus::ui::DaedalusApp> {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    let s = &mut h.state_mut().simulation_mut().settings;
    s.duration_s = 60.0;
    s.fault_at_s = 20.0;
    s.replications = 2;
    h.get_by_label("Simulation").click();
    h.run_steps(2);
    h
}

fn finish(h: &mut egui_kittest::Harness<'static, daedalus::ui::DaedalusApp>) {
    h.state_mut().settle_simulation(WAIT);
    h.run_steps(3);
}

/// Clicks ▶ Run on the panel and waits for the results.
fn run_to_results(h: &mut egui_kittest::Harness<'static, daedalus::ui::DaedalusApp>) {
    h.get_by_label("▶ Run").click();
    h.step();
    finish(h);
}

/// The id of the component named `name`.
fn component_id(
    h: &egui_kittest::Harness<'static, daedalus::ui::DaedalusApp>,
    name: &str,
) -> daedalus::model::Id {
    h.state()
        .document()
        .topology()
        .components
        .iter()
        .find(|c| c.name == name)
        .map(|c| c.id.clone())
        .unwrap_or_else(|| panic!("no component named {name}"))
}

#[test]
fn the_baseline_runs_from_the_panel_and_shows_results_and_charts() {
    let mut h = three_tier();
    assert!(
        h.query_by_label("No results yet").is_none() || h.state().simulation().results().is_none()
    );
    h.get_by_label("▶ Run").click();
    h.step();
    assert!(
        h.state().simulation().running(),
        "the run starts in the background"
    );
    finish(&mut h);
    let results = h.state().simulation().results().expect("results arrive");
    assert_eq!(results.request.kind, RunKind::Baseline);
    let s = &results.report.scenarios[0];
    assert_eq!(s.kind, ScenarioKind::Baseline);
    assert!(s.requests > 1000, "{} requests", s.requests);
    assert!(s.success_ratio > 0.99);
    assert_eq!(s.timeline.len(), 60);
    for title in ["Throughput", "Error rate", "Latency"] {
        assert!(h.query_by_label(title).is_some(), "chart {title} is shown");
    }
    let status = h.state().status().expect("a status line");
    assert!(status.contains("Baseline simulated"), "{status}");
    // The overlay covers the simulated components.
    let t = h.state().document().topology().clone();
    let overlay = h
        .state()
        .simulation()
        .overlay(&t, h.state().document().revision())
        .expect("an overlay");
    assert!(!overlay.stale);
    assert!(overlay.components.len() >= 3);
    assert!(overlay.connections.values().any(|rps| *rps > 0.0));
}

#[test]
fn a_long_run_can_be_cancelled_and_the_editor_stays_usable() {
    let mut h = three_tier();
    {
        let s = &mut h.state_mut().simulation_mut().settings;
        s.duration_s = 3600.0;
        s.replications = 40;
        s.rps = Some(5000.0);
    }
    h.get_by_label("▶ Run").click();
    h.step();
    // Frames keep coming while the engine works: the progress bar moves.
    let mut frames = 0;
    while frames < 20 && h.state().simulation().running() {
        h.step();
        frames += 1;
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        h.state().simulation().running(),
        "a long run is still going"
    );
    let progress = h
        .state()
        .simulation()
        .progress()
        .map(|p| p.0)
        .unwrap_or(0.0);
    assert!(progress < 1.0);
    h.get_by_label("Cancel").click();
    h.step();
    finish(&mut h);
    assert!(!h.state().simulation().running());
    let (message, error) = h.state().simulation().message().expect("a message");
    assert_eq!(message, "Simulation cancelled");
    assert!(!error);
    assert!(h.state().simulation().results().is_none());
    // Still usable: select a component on the canvas.
    let at = rect_of(&h, "Orders database").center();
    click_at(&mut h, at);
    assert_eq!(h.state().canvas.selection.len(), 1);
}

#[test]
fn right_clicking_a_component_simulates_its_failure() {
    let mut h = three_tier();
    let db = component_id(&h, "Orders database");
    let at = rect_of(&h, "Orders database").center();
    right_click_at(&mut h, at);
    let label = format!("Simulate failure of component {db}");
    h.get_by_label(&label).click();
    h.step();
    finish(&mut h);
    let results = h.state().simulation().results().expect("results");
    assert!(matches!(&results.request.kind, RunKind::Failure(_)));
    let s = &results.report.scenarios[0];
    assert_eq!(s.faults.len(), 1);
    assert_eq!(s.faults[0].at_s, 20.0);
    let after = s.fault_success_ratio.expect("measured from the fault on");
    assert!(after < 0.99, "losing the database fails requests ({after})");
    // The replay second starts just after the fault, and the database is drawn as down.
    let t = h.state().document().topology().clone();
    let overlay = h
        .state()
        .simulation()
        .overlay(&t, h.state().document().revision())
        .expect("an overlay");
    assert!(overlay.down.contains(&db));
}

#[test]
fn the_sweep_is_a_table_and_a_row_shows_its_charts() {
    let mut h = three_tier();
    h.state_mut().simulation_mut().settings.kind = RunKind::SingleFailures;
    h.step();
    run_to_results(&mut h);
    let report = &h.state().simulation().results().expect("results").report;
    assert!(report.scenarios.len() > 3);
    assert!(!report.ranking.is_empty());
    let worst = report.ranking[0].name.clone();
    let baseline = report.scenarios[0].name.clone();
    assert_eq!(baseline, "baseline");
    let shown = h.state().simulation().selected;
    assert_eq!(
        report.scenarios[shown].name, worst,
        "the worst is shown first"
    );
    h.get_by_label("baseline").click();
    h.run_steps(2);
    let selected = h.state().simulation().selected;
    let report = &h.state().simulation().results().expect("results").report;
    assert_eq!(report.scenarios[selected].name, "baseline");
    // Sorting by name puts the rows in name order.
    h.get_by_label("Scenario").click();
    h.run_steps(2);
    assert!(h.query_by_label("Scenario ⏶").is_some());
}

#[test]
fn results_of_an_older_revision_are_marked_stale() {
    let mut h = three_tier();
    run_to_results(&mut h);
    assert!(
        h.query_by_label("⚠ stale: the design changed since this run")
            .is_none()
    );
    // Any edit makes them stale: move a component.
    let r = rect_of(&h, "Orders database");
    common::drag(&mut h, r.center(), r.center() + egui::vec2(40.0, 0.0));
    h.run_steps(2);
    assert!(
        h.query_by_label("⚠ stale: the design changed since this run")
            .is_some()
    );
    let t = h.state().document().topology().clone();
    let overlay = h
        .state()
        .simulation()
        .overlay(&t, h.state().document().revision())
        .expect("an overlay");
    assert!(overlay.stale);
}

#[test]
fn the_flow_view_and_the_canvas_share_the_selection() {
    let mut h = three_tier();
    run_to_results(&mut h);
    h.get_by_label("Flow view").click();
    h.run_steps(4);
    let (nodes, edges) = h.state().simulation().flow.size();
    assert!(nodes >= 4 && edges >= 3, "{nodes} nodes, {edges} edges");
    let db = component_id(&h, "Orders database");
    let at = h
        .state()
        .simulation()
        .flow
        .node_on_screen(db.as_str())
        .expect("the database is in the flow view");
    click_at(&mut h, at);
    h.run_steps(2);
    assert_eq!(
        h.state().canvas.selection.iter().collect::<Vec<_>>(),
        vec![&db],
        "selecting in the flow view selects on the canvas"
    );
}

#[test]
fn the_report_is_written_from_the_file_menu() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.html");
    let dialog = FakeDialog::default();
    dialog.answer(&path);
    let mut h = common::harness(Some(sample("three-tier.ron")), dialog);
    {
        let s = &mut h.state_mut().simulation_mut().settings;
        s.duration_s = 30.0;
        s.replications = 1;
    }
    h.get_by_label("Simulation").click();
    h.run_steps(2);
    run_to_results(&mut h);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Export report…").click();
    h.run_steps(2);
    let html = std::fs::read_to_string(&path).expect("the report is written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("id=\"diagram\"") && html.contains("<svg"));
    assert!(html.contains("id=\"findings\""));
    assert!(html.contains("id=\"simulation\""));
    assert!(
        html.contains("Throughput"),
        "the timeline chart is embedded"
    );
    assert!(!html.contains("http://") || html.contains("http://www.w3.org/2000/svg"));
}
