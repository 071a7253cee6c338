//! Files in the editor: dropping a file on the window, recent files, autosave recovery after a
//! crash.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::*;
use egui_kittest::kittest::Queryable;

/// A file dropped on the window, as winit reports it.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_ron_file_on_the_window_opens_it() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(sample("flawed.ron"))));
    h.run_steps(3);
    assert_eq!(topology(&h).name, "Flawed shop");
    assert_eq!(h.state().window_title(), "flawed.ron — Daedalus");
}

#[test]
fn unsaved_work_is_recovered_after_a_crash() {
    let data = tempfile::tempdir().expect("tempdir");
    {
        // An instance makes changes and "crashes": its recovery file stays behind.
        let mut h = harness_with(
            Some(sample("three-tier.ron")),
            FakeDialog::default(),
            Some(data.path().to_path_buf()),
        );
        let from = rect_of(&h, "Session and catalogue cache").center();
        let to = empty_spot_in(&h, "Application");
        drag(&mut h, from, to);
        let later = h.ctx.input(|i| i.time) + daedalus::ui::app::AUTOSAVE_INTERVAL_S + 1.0;
        h.input_mut().time = Some(later);
        h.run_steps(2);
        let recovery = data.path().join("recovery");
        let written = std::fs::read_dir(&recovery).map(|d| d.count()).unwrap_or(0);
        assert!(written >= 1, "no recovery file written");
        std::mem::forget(h); // no clean exit
    }
    let crashed_edit_place = "app";
    // The next instance offers it.
    let mut h = harness_with(
        Some(sample("three-tier.ron")),
        FakeDialog::default(),
        Some(data.path().to_path_buf()),
    );
    assert!(h.query_by_label("Recover unsaved work?").is_some());
    h.get_by_label("Recover").click();
    h.run_steps(3);
    let t = topology(&h);
    assert_eq!(
        t.component("cache")
            .and_then(|c| c.container.clone())
            .map(|c| c.to_string())
            .as_deref(),
        Some(crashed_edit_place)
    );
    assert!(
        h.state().document().is_dirty(),
        "recovered work is not saved yet"
    );
}

#[test]
fn recent_files_are_remembered_between_sessions() {
    let data = tempfile::tempdir().expect("tempdir");
    let h = harness_with(
        Some(sample("flawed.ron")),
        FakeDialog::default(),
        Some(data.path().to_path_buf()),
    );
    drop(h);
    let mut h = harness_with(
        Some(sample("three-tier.ron")),
        FakeDialog::default(),
        Some(data.path().to_path_buf()),
    );
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label_contains("Open recent").hover();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("flawed.ron").is_some(),
        "flawed.ron is in the recent files"
    );
}

#[test]
fn importing_a_mermaid_document_opens_it_with_its_report() {
    let dialog = FakeDialog::default();
    dialog.answer(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/icarus-infrastructure.md"),
    );
    let mut h = harness(Some(sample("three-tier.ron")), dialog);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label_contains("Import Mermaid").click();
    h.run_steps(3);
    let t = topology(&h);
    assert_eq!(
        (t.components.len(), t.connections.len(), t.containers.len()),
        (25, 23, 14)
    );
    assert!(
        h.state().document().is_dirty(),
        "an import is not saved yet"
    );
    assert!(h.state().window_title().starts_with("Untitled"));
    let report = h.state().import_report().expect("report shown");
    assert!(report.iter().any(|l| l.contains("guessed")), "{report:?}");
    assert!(
        h.query_by_label_contains("Review what was guessed")
            .is_some()
    );
}

#[test]
fn the_diagram_exports_to_svg_png_and_mermaid_from_the_file_menu() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (item, file, magic) in [
        ("Export SVG", "d.svg", &b"<svg"[..]),
        ("Export PNG", "d.png", &b"\x89PNG"[..]),
        ("Export Mermaid", "d.mmd", &b"%% "[..]),
    ] {
        let path = dir.path().join(file);
        let dialog = FakeDialog::default();
        dialog.answer(&path);
        let mut h = harness(Some(sample("three-tier.ron")), dialog);
        h.get_by_label("File").click();
        h.run_steps(2);
        h.get_by_label_contains(item).click();
        h.run_steps(2);
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{item}: {e}"));
        assert!(bytes.starts_with(magic), "{item}");
        assert!(!h.state().document().is_dirty(), "exporting is not an edit");
    }
}
