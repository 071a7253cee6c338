//! File › Export Terraform / Helm: a window that generates the export in the background,
//! previews every file, lists the resources the selected element became, and writes the files
//! into a chosen folder.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::thread;

use egui::{RichText, Ui};

use crate::export::{self, Cloud, Export, Target, WriteError};
use crate::model::{Id, Topology};

/// A finished export: the files, or why there are none.
type Outcome = Result<Export, String>;

/// State of the export window. UI-only: nothing of it is saved.
pub struct ExportView {
    /// Whether the window is shown.
    pub open: bool,
    target: Target,
    job: Option<(u64, Target, Receiver<Outcome>)>,
    result: Option<(u64, Target, Outcome)>,
    file: Option<String>,
    /// A folder that is not empty, waiting for "replace the files?".
    confirm: Option<PathBuf>,
    /// What the last write did.
    message: Option<String>,
}

/// What the window asks the app to do.
pub enum ExportAction {
    /// Choose a folder and write the files there.
    ChooseFolder,
}

impl Default for ExportView {
    fn default() -> Self {
        Self {
            open: false,
            target: Target::Terraform(Cloud::Aws),
            job: None,
            result: None,
            file: None,
            confirm: None,
            message: None,
        }
    }
}

fn target_label(t: Target) -> &'static str {
    match t {
        Target::Terraform(Cloud::Aws) => "Terraform — AWS",
        Target::Terraform(Cloud::Azure) => "Terraform — Azure",
        Target::Terraform(Cloud::Gcp) => "Terraform — GCP",
        Target::Helm => "Helm chart",
    }
}

impl ExportView {
    /// Opens the window on `target`.
    pub fn show_target(&mut self, target: Target) {
        self.open = true;
        self.target = target;
        self.message = None;
    }

    /// Starts generating the export of `t` at `revision` when the shown one is out of date.
    fn refresh(&mut self, t: &Topology, revision: u64, ctx: &egui::Context) {
        let fresh = |r: &Option<(u64, Target, Outcome)>| {
            r.as_ref()
                .is_some_and(|(rev, tg, _)| *rev == revision && *tg == self.target)
        };
        let running = self
            .job
            .as_ref()
            .is_some_and(|(rev, tg, _)| *rev == revision && *tg == self.target);
        if fresh(&self.result) || running {
            return;
        }
        let (tx, rx) = mpsc::channel();
        let topology = t.clone();
        let target = self.target;
        let repaint = ctx.clone();
        let spawned = thread::Builder::new()
            .name("daedalus-export".into())
            .spawn(move || {
                let outcome = export::export(&topology, target).map_err(|e| e.to_string());
                let _ = tx.send(outcome);
                repaint.request_repaint();
            });
        match spawned {
            Ok(_) => self.job = Some((revision, self.target, rx)),
            Err(e) => {
                self.result = Some((
                    revision,
                    self.target,
                    Err(format!("cannot start the export: {e}")),
                ))
            }
        }
    }

    fn poll(&mut self) {
        let Some((revision, target, rx)) = &self.job else {
            return;
        };
        if let Ok(outcome) = rx.try_recv() {
            self.result = Some((*revision, *target, outcome));
            self.job = None;
        }
    }

    /// Waits for a running export (tests).
    pub fn settle(&mut self) {
        if let Some((revision, target, rx)) = self.job.take()
            && let Ok(outcome) = rx.recv_timeout(std::time::Duration::from_secs(30))
        {
            self.result = Some((revision, target, outcome));
        }
    }

    /// The file shown in the preview and its content, if any.
    pub fn preview(&self, revision: u64) -> Option<(&str, &str)> {
        let export = self.current(revision)?;
        let file = self.file.as_deref()?;
        Some((file, export.files.get(file)?.as_str()))
    }

    /// The export shown, if it is of `revision` and has no error.
    pub fn current(&self, revision: u64) -> Option<&Export> {
        match &self.result {
            Some((r, t, Ok(e))) if *r == revision && *t == self.target => Some(e),
            _ => None,
        }
    }

    /// Writes the current export into `dir`; a non-empty folder asks first.
    pub fn write_to(&mut self, dir: &Path, revision: u64, force: bool) {
        let Some(export) = self.current(revision) else {
            self.message = Some("The export is not ready yet.".into());
            return;
        };
        match export::write_export(export, dir, force) {
            Ok(written) => {
                self.message = Some(format!(
                    "Wrote {} files to {}",
                    written.len(),
                    dir.display()
                ));
                self.confirm = None;
            }
            Err(WriteError::NotEmpty { dir }) => self.confirm = Some(dir),
            Err(e) => self.message = Some(format!("Not written: {e}")),
        }
    }

    /// The window; returns what the app must do (choose a folder).
    pub fn window(
        &mut self,
        ctx: &egui::Context,
        t: &Topology,
        revision: u64,
        selection: &BTreeSet<Id>,
    ) -> Option<ExportAction> {
        if !self.open {
            return None;
        }
        self.refresh(t, revision, ctx);
        self.poll();
        let mut action = None;
        let mut open = self.open;
        egui::Window::new("Export")
            .id(egui::Id::new("export-window"))
            .open(&mut open)
            .default_size([900.0, 560.0])
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    egui::ComboBox::from_id_salt("export-target")
                        .selected_text(target_label(self.target))
                        .show_ui(ui, |ui| {
                            for target in [
                                Target::Terraform(Cloud::Aws),
                                Target::Terraform(Cloud::Azure),
                                Target::Terraform(Cloud::Gcp),
                                Target::Helm,
                            ] {
                                ui.selectable_value(&mut self.target, target, target_label(target));
                            }
                        });
                    let ready = self.current(revision).is_some();
                    if ui
                        .add_enabled(ready, egui::Button::new("Export to folder…"))
                        .clicked()
                    {
                        action = Some(ExportAction::ChooseFolder);
                    }
                    if self.job.is_some() {
                        ui.spinner();
                        ui.label("Generating…");
                        if ui.button("Cancel").clicked() {
                            self.job = None;
                            self.open = false;
                        }
                    }
                });
                if let Some(message) = &self.message {
                    ui.label(RichText::new(message).italics());
                }
                self.confirm_row(ui, revision);
                ui.separator();
                self.body(ui, revision, selection);
            });
        self.open &= open;
        action
    }

    fn body(&mut self, ui: &mut Ui, revision: u64, selection: &BTreeSet<Id>) {
        let error = match &self.result {
            Some((r, tg, Err(e))) if *r == revision && *tg == self.target => Some(e.clone()),
            _ => None,
        };
        if let Some(e) = error {
            ui.colored_label(ui.visuals().error_fg_color, e);
            return;
        }
        let Some(export) = self.current(revision).cloned() else {
            ui.weak("Generating the export…");
            return;
        };
        if let Some(id) = selection.first() {
            let resources = export.resources_of(id.as_str());
            ui.label(RichText::new(format!("\"{id}\" becomes:")).strong());
            egui::ScrollArea::vertical()
                .id_salt("export-resources")
                .max_height(90.0)
                .show(ui, |ui| {
                    if resources.is_empty() {
                        ui.weak("no resource of this export");
                    }
                    for r in resources {
                        ui.monospace(r);
                    }
                });
            ui.separator();
        }
        if !export.notes.is_empty() {
            egui::CollapsingHeader::new(format!("{} notes", export.notes.len()))
                .id_salt("export-notes")
                .show(ui, |ui| {
                    for note in &export.notes {
                        ui.label(RichText::new(format!("ℹ {note}")).weak());
                    }
                });
        }
        let files: Vec<&String> = export.files.keys().collect();
        if self
            .file
            .as_ref()
            .is_none_or(|f| !export.files.contains_key(f))
        {
            self.file = files.first().map(|f| (*f).clone());
        }
        ui.columns(2, |cols| {
            egui::ScrollArea::vertical()
                .id_salt("export-files")
                .show(&mut cols[0], |ui| {
                    ui.label(format!(
                        "{} files, {} resources",
                        files.len(),
                        export.resource_count()
                    ));
                    for f in &files {
                        let selected = self.file.as_deref() == Some(f.as_str());
                        if ui.selectable_label(selected, f.as_str()).clicked() {
                            self.file = Some((*f).clone());
                        }
                    }
                });
            let content = self
                .file
                .as_ref()
                .and_then(|f| export.files.get(f))
                .cloned()
                .unwrap_or_default();
            egui::ScrollArea::both()
                .id_salt("export-content")
                .show(&mut cols[1], |ui| {
                    ui.add(egui::Label::new(RichText::new(content).monospace()).extend());
                });
        });
    }

    /// "Replace the files?" for a folder that is not empty, inside the window.
    fn confirm_row(&mut self, ui: &mut Ui, revision: u64) {
        let Some(dir) = self.confirm.clone() else {
            return;
        };
        ui.group(|ui| {
            ui.label(RichText::new("Replace the files?").strong());
            ui.label(format!(
                "{} is not empty. Writing replaces the files of an earlier export there.",
                dir.display()
            ));
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    self.write_to(&dir, revision, true);
                }
                if ui.button("Cancel").clicked() {
                    self.confirm = None;
                }
            });
        });
    }
}
