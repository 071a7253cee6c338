//! The README's pictures of the simulation in the editor, rendered from the real app driven
//! through its UI (the same harness as the other editor tests). Ignored in the normal run;
//! `scripts/screenshot.sh` runs them with `--ignored` and they write into `assets/`.

mod common;

use std::path::Path;
use std::time::Duration;

use common::{FakeDialog, harness};
use daedalus::ui::simulation::RunKind;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

type App = Harness<'static, daedalus::ui::DaedalusApp>;

/// The Icarus sample after a single-failures sweep (3 simulated minutes, faults at 30 s).
fn swept() -> App {
    let mut h = harness(None, FakeDialog::default());
    h.set_size(egui::vec2(1600.0, 1000.0));
    {
        let s = &mut h.state_mut().simulation_mut().settings;
        s.kind = RunKind::SingleFailures;
        s.duration_s = 180.0;
        s.fault_at_s = 30.0;
        s.replications = 2;
    }
    h.get_by_label("Simulation").click();
    h.run_steps(2);
    h.get_by_label("▶ Run").click();
    h.step();
    h.state_mut().settle_simulation(Duration::from_secs(600));
    h.run_steps(3);
    h
}

/// Shows `scenario`'s row, its overlay on the diagram at `at_s`, and writes `file`.
fn picture(h: &mut App, scenario: &str, at_s: u32, file: &str) {
    // Rows below the fold are not on screen to click: pick the scenario as a click would.
    let index = h
        .state()
        .simulation()
        .results()
        .and_then(|r| r.report.scenarios.iter().position(|s| s.name == scenario))
        .unwrap_or_else(|| panic!("no scenario {scenario}"));
    h.state_mut().simulation_mut().selected = index;
    h.run_steps(2);
    if !h.state().simulation().show_overlay {
        h.get_by_label("Show on the diagram").click();
    }
    h.state_mut().simulation_mut().time_s = at_s;
    h.run_steps(4);
    let image = h.render().expect("the harness renders");
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(file);
    image.save(&path).expect("the picture is written");
    println!("wrote {}", path.display());
}

#[test]
#[ignore = "writes the README's pictures: scripts/screenshot.sh"]
fn simulation_panel_and_overlay() {
    let mut h = swept();
    picture(&mut h, "cache-cluster down", 90, "simulation.png");
    picture(&mut h, "zone eu-central-a down", 45, "simulation-zone.png");
}

#[test]
#[ignore = "writes the README's pictures: scripts/screenshot.sh"]
fn editor_on_the_icarus_sample() {
    // scripts/screenshot.sh replaces this with a capture of a real window when Xvfb is there.
    let mut h = harness(None, FakeDialog::default());
    h.set_size(egui::vec2(1440.0, 900.0));
    h.run_steps(4);
    let image = h.render().expect("the harness renders");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/screenshot.png");
    image.save(&path).expect("the picture is written");
    println!("wrote {}", path.display());
}
