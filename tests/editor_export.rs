//! File › Export Terraform / Helm in the editor: background generation, a preview of every
//! file, the resources of the selected element, writing into a folder.

mod common;

use common::*;
use egui_kittest::kittest::Queryable;

fn open_export(h: &mut egui_kittest::Harness<'_, daedalus::ui::DaedalusApp>, item: &str) {
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label_contains(item).click();
    h.run_steps(2);
    h.state_mut().settle_export();
    h.run_steps(2);
}

#[test]
fn the_terraform_preview_lists_files_and_the_resources_of_the_selection() {
    let mut h = harness(
        Some(sample("icarus-platform-hardened.ron")),
        FakeDialog::default(),
    );
    h.state_mut().canvas.selection =
        std::collections::BTreeSet::from([daedalus::model::Id::new("db-cluster").expect("id")]);
    open_export(&mut h, "Export Terraform");
    assert!(
        h.query_by_label("versions.tf").is_some(),
        "the file list shows versions.tf"
    );
    assert!(
        h.query_by_label_contains("\"db-cluster\" becomes:")
            .is_some()
    );
    assert!(
        h.query_all_by_label_contains("aws_db_instance").count() >= 1,
        "the database's RDS resources are listed"
    );
    h.get_by_label("versions.tf").click();
    h.run_steps(2);
    let (file, content) = h.state().export_preview().expect("a file is previewed");
    assert_eq!(file, "versions.tf");
    assert!(content.contains("required_providers"), "{content}");
}

#[test]
fn the_helm_chart_is_written_into_the_chosen_folder_after_asking_to_replace() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("old.txt"), "x").expect("write");
    let dialog = FakeDialog::default();
    dialog.answer(dir.path());
    let mut h = harness(Some(sample("icarus-platform.ron")), dialog);
    open_export(&mut h, "Export Helm chart");
    h.get_by_label("Export to folder…").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("Replace the files?").is_some(),
        "a non-empty folder asks first"
    );
    let at = h.get_by_label("Replace").rect().center();
    click_at(&mut h, at);
    h.run_steps(2);
    let written: Vec<String> = walk(dir.path());
    assert!(
        written.iter().any(|f| f.ends_with("Chart.yaml")),
        "{written:?}"
    );
    assert!(h.query_by_label_contains("Wrote ").is_some());
    assert!(!h.state().document().is_dirty(), "exporting is not an edit");
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out
}
