//! Snapshot images of the editor on the Icarus sample, light and dark, compared with the
//! committed ones in `tests/snapshots/` (`UPDATE_SNAPSHOTS=1 cargo test` rewrites them).

use daedalus::ui::{AppOptions, DaedalusApp};
use egui_kittest::{Harness, SnapshotOptions};

mod common;

fn snapshot(dark: bool, name: &str) {
    let app = DaedalusApp::new(AppOptions {
        file: None,
        data_dir: None,
        dialog: Box::new(common::FakeDialog::default()),
    });
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1600.0, 1000.0))
        .with_pixels_per_point(1.0)
        .with_options(
            SnapshotOptions::new()
                .threshold(2.0)
                .max_failed_pixels(2000),
        )
        .build_ui_state(|ui, app: &mut DaedalusApp| app.frame(ui), app);
    egui_extras::install_image_loaders(&h.ctx);
    if dark {
        let ctx = h.ctx.clone();
        h.state_mut()
            .run(&ctx, daedalus::ui::command::Command::ToggleTheme);
    }
    h.run_steps(4);
    h.state_mut().settle_validation();
    h.run_steps(3);
    h.snapshot(name);
}

#[test]
fn icarus_light() {
    snapshot(false, "icarus_light");
}

#[test]
fn icarus_dark() {
    snapshot(true, "icarus_dark");
}
