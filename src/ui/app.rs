//! The editor application: panels read the document and return commands; [`DaedalusApp::run`]
//! is the one place commands are carried out and edits applied.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use egui::{Panel, RichText, Ui};

use super::canvas::{self, CanvasState};
use super::command::{Command, DiagramFormat, DockTab};
use super::document::Document;
use super::edit::{self, Edit, Fragment};
use super::export_view::{ExportAction, ExportView};
use super::files::{FileDialog, FileKind, Preferences, Recovered, Recovery};
use super::inspector::{self, InspectorState};
use super::simulation::SimulationView;
use super::theme::Palette;
use super::validation::Validator;
use super::{arrange, menu, palette, problems, shortcuts};
use crate::import::mermaid;
use crate::model::{Id, Topology};
use crate::{diagram, io};

/// Seconds between two autosaves of unsaved changes.
pub const AUTOSAVE_INTERVAL_S: f64 = 20.0;

/// How the app starts.
pub struct AppOptions {
    /// File to open; `None` opens the embedded Icarus sample.
    pub file: Option<PathBuf>,
    /// Where preferences and recovery files live; `None` keeps nothing between sessions.
    pub data_dir: Option<PathBuf>,
    /// File dialogs.
    pub dialog: Box<dyn FileDialog>,
}

/// An error to show in a window: what failed, and the `FILE:LINE:COL` lines.
#[derive(Debug, Clone)]
pub struct ErrorView {
    /// Title of the window.
    pub title: String,
    /// One message per line.
    pub lines: Vec<String>,
}

/// The report of the last Mermaid import: each line, and the element it is about.
#[derive(Debug, Clone)]
struct ImportReport {
    file: String,
    notes: Vec<(String, Option<Id>)>,
}

/// What to do once the user has answered "save changes?".
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    Quit,
    New,
    OpenDialog,
    Open(PathBuf),
    ImportDialog,
    Import(PathBuf),
}

/// The editor.
pub struct DaedalusApp {
    doc: Document,
    /// Canvas state (camera, selection); public for tests.
    pub canvas: CanvasState,
    inspector: InspectorState,
    prefs: Preferences,
    data_dir: Option<PathBuf>,
    dialog: Box<dyn FileDialog>,
    recovery: Recovery,
    recovered: Vec<(PathBuf, Recovered)>,
    clipboard: Option<Fragment>,
    pastes: u32,
    error: Option<ErrorView>,
    report: Option<ImportReport>,
    validator: Option<Validator>,
    waiver: Option<(String, Id, String)>,
    export: ExportView,
    pending: Option<Pending>,
    close_confirmed: bool,
    show_shortcuts: bool,
    show_dock: bool,
    dock: DockTab,
    simulation: SimulationView,
    status: Option<(String, f64)>,
    title: String,
    autosaved: (u64, f64),
    now: f64,
}

/// The embedded flagship sample, opened when no file is given.
pub const ICARUS: &str = include_str!("../../sample-topologies/icarus-platform.ron");

impl DaedalusApp {
    /// Creates the app: opens `options.file` (or the Icarus sample), finds recovery files.
    pub fn new(options: AppOptions) -> Self {
        let recovery = Recovery::new(options.data_dir.as_ref().map(|d| d.join("recovery")));
        let recovered = recovery.find();
        let prefs = Preferences::load(options.data_dir.as_deref());
        let icarus = io::parse(ICARUS).unwrap_or_else(|_| Topology::new("Icarus Platform"));
        let mut app = DaedalusApp {
            doc: Document::new(icarus, None),
            canvas: CanvasState::default(),
            inspector: InspectorState::default(),
            prefs,
            data_dir: options.data_dir,
            dialog: options.dialog,
            recovery,
            recovered,
            clipboard: None,
            pastes: 0,
            error: None,
            report: None,
            validator: None,
            waiver: None,
            export: ExportView::default(),
            pending: None,
            close_confirmed: false,
            show_shortcuts: false,
            show_dock: true,
            dock: DockTab::Problems,
            simulation: SimulationView::default(),
            status: None,
            title: String::new(),
            autosaved: (0, 0.0),
            now: 0.0,
        };
        app.fill_layout();
        if let Some(path) = options.file {
            app.open_path(&path);
        }
        app
    }

    /// The open document.
    pub fn document(&self) -> &Document {
        &self.doc
    }

    /// The error window's content, if one is shown.
    pub fn error(&self) -> Option<&ErrorView> {
        self.error.as_ref()
    }

    /// Whether the dark theme is on.
    pub fn dark(&self) -> bool {
        self.prefs.dark
    }

    /// The window title: file name and a dirty marker.
    pub fn window_title(&self) -> String {
        let dirty = if self.doc.is_dirty() { " •" } else { "" };
        format!("{}{dirty} — Daedalus", self.doc.display_name())
    }

    /// Carries out `command`.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Edit(edit) => self.apply(edit, None),
            Command::MergedEdit(edit, key) => self.apply(edit, Some(key)),
            Command::Undo => {
                if self.doc.undo() {
                    self.prune_selection();
                }
            }
            Command::Redo => {
                if self.doc.redo() {
                    self.prune_selection();
                }
            }
            Command::New => self.guard(Pending::New),
            Command::Open => self.guard(Pending::OpenDialog),
            Command::OpenPath(path) => self.guard(Pending::Open(path)),
            Command::Save => self.save(false),
            Command::SaveAs => self.save(true),
            Command::Quit => {
                if self.doc.is_dirty() {
                    self.pending = Some(Pending::Quit);
                } else {
                    self.close_confirmed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Command::Copy => self.copy(),
            Command::Cut => {
                self.copy();
                self.delete_selection();
            }
            Command::Paste => self.paste(),
            Command::Duplicate => {
                self.copy();
                self.paste();
            }
            Command::Delete => self.delete_selection(),
            Command::SelectAll => {
                let t = self.doc.topology();
                self.canvas.selection = t
                    .components
                    .iter()
                    .map(|c| c.id.clone())
                    .chain(t.containers.iter().map(|c| c.id.clone()))
                    .collect();
            }
            Command::SelectNone => self.canvas.selection.clear(),
            Command::Reveal(id) => {
                self.canvas.selection = BTreeSet::from([id]);
                self.canvas.reveal_requested = true;
            }
            Command::ZoomIn => self.canvas.zoom_by(1.25),
            Command::ZoomOut => self.canvas.zoom_by(0.8),
            Command::ZoomReset => {
                let z = self.canvas.camera.zoom;
                self.canvas.zoom_by(1.0 / z);
            }
            Command::Fit => self.canvas.fit_requested = true,
            Command::ToggleGrid => self.canvas.show_grid = !self.canvas.show_grid,
            Command::ToggleSnap => self.canvas.snap = !self.canvas.snap,
            Command::ToggleTheme => {
                self.prefs.dark = !self.prefs.dark;
                self.prefs.store(self.data_dir.as_deref());
            }
            Command::Align(how) => {
                if let Some(edit) = arrange::align(self.doc.topology(), &self.canvas.selection, how)
                {
                    self.apply(edit, None);
                }
            }
            Command::Distribute(axis) => {
                if let Some(edit) =
                    arrange::distribute(self.doc.topology(), &self.canvas.selection, axis)
                {
                    self.apply(edit, None);
                }
            }
            Command::AutoLayout => {
                let layout = crate::layout::auto_layout(self.doc.topology());
                self.apply(Edit::SetLayout(layout), None);
                self.canvas.fit_requested = true;
            }
            Command::ShowShortcuts => self.show_shortcuts = true,
            Command::DraftWaiver { rule, element } => {
                self.waiver = Some((rule, element, String::new()))
            }
            Command::ImportMermaid => self.guard(Pending::ImportDialog),
            Command::ImportMermaidPath(path) => self.guard(Pending::Import(path)),
            Command::ExportDiagram(format) => self.export_diagram(format),
            Command::ShowExport(target) => self.export.show_target(target),
            Command::Simulate(kind) => self.simulate(ctx, kind),
            Command::CancelSimulation => self.simulation.cancel(),
            Command::ShowTab(tab) => {
                self.dock = tab;
                self.show_dock = true;
            }
            Command::ExportReport => self.export_report(),
        }
    }

    fn apply(&mut self, edit: Edit, merge: Option<super::document::MergeKey>) {
        let rename = match &edit {
            Edit::Rename { old, new } => Some((old.clone(), new.clone())),
            _ => None,
        };
        match self.doc.apply_merged(edit, merge, self.now) {
            Ok(()) => {
                if let Some((old, new)) = rename
                    && self.canvas.selection.remove(&old)
                {
                    self.canvas.selection.insert(new);
                }
                self.prune_selection();
            }
            Err(e) => self.say(format!("Not done: {e}")),
        }
    }

    fn prune_selection(&mut self) {
        let t = self.doc.topology();
        self.canvas.selection.retain(|id| {
            t.component(id.as_str()).is_some()
                || t.container(id.as_str()).is_some()
                || t.connection(id.as_str()).is_some()
        });
    }

    fn say(&mut self, message: String) {
        self.status = Some((message, self.now));
    }

    fn copy(&mut self) {
        let fragment = edit::copy(self.doc.topology(), &self.canvas.selection);
        if fragment.components.is_empty() && fragment.containers.is_empty() {
            return;
        }
        self.clipboard = Some(fragment);
        self.pastes = 0;
    }

    fn paste(&mut self) {
        let Some(fragment) = &self.clipboard else {
            return;
        };
        self.pastes += 1;
        let offset = 40.0 * f64::from(self.pastes);
        let prepared = edit::prepare_paste(self.doc.topology(), fragment, offset, offset);
        let ids: BTreeSet<Id> = prepared
            .components
            .iter()
            .map(|c| c.id.clone())
            .chain(
                prepared
                    .containers
                    .iter()
                    .filter(|c| {
                        !prepared
                            .containers
                            .iter()
                            .any(|p| Some(&p.id) == c.parent.as_ref())
                    })
                    .map(|c| c.id.clone()),
            )
            .collect();
        self.apply(Edit::Paste(prepared), None);
        self.canvas.selection = ids;
    }

    fn delete_selection(&mut self) {
        if self.canvas.selection.is_empty() {
            return;
        }
        let ids: Vec<Id> = self.canvas.selection.iter().cloned().collect();
        self.apply(Edit::Delete(ids), None);
        self.canvas.selection.clear();
    }

    /// Runs `next` now, or asks first when there are unsaved changes.
    fn guard(&mut self, next: Pending) {
        if self.doc.is_dirty() {
            self.pending = Some(next);
        } else {
            self.proceed(next);
        }
    }

    fn proceed(&mut self, next: Pending) {
        match next {
            Pending::Quit => self.close_confirmed = true,
            Pending::New => {
                self.recovery.clear();
                self.doc = Document::new(Topology::new("Untitled topology"), None);
                self.canvas.reset();
            }
            Pending::OpenDialog => {
                if let Some(path) = self.dialog.open(FileKind::Topology) {
                    self.open_path(&path);
                }
            }
            Pending::Open(path) => self.open_path(&path),
            Pending::ImportDialog => {
                if let Some(path) = self.dialog.open(FileKind::Mermaid) {
                    self.import_mermaid(&path);
                }
            }
            Pending::Import(path) => self.import_mermaid(&path),
        }
    }

    /// Opens `path`; a file that cannot be read is reported and the current document kept.
    pub fn open_path(&mut self, path: &Path) {
        match io::load(path) {
            Ok(loaded) => {
                self.recovery.clear();
                self.doc = Document::new(loaded.topology, Some(path.to_path_buf()));
                self.fill_layout();
                self.canvas.reset();
                self.prefs.remember(path);
                self.prefs.store(self.data_dir.as_deref());
                let diagnostics = io::check(self.doc.topology(), &loaded.source);
                if !diagnostics.is_empty() {
                    self.say(format!(
                        "{} problems in {}: see the problems panel",
                        diagnostics.len(),
                        path.display()
                    ));
                }
            }
            Err(e) => {
                self.error = Some(ErrorView {
                    title: format!("Cannot open {}", path.display()),
                    lines: vec![e.to_string()],
                });
            }
        }
    }

    /// Imports a Mermaid file or Markdown document as a new, unsaved document; the import
    /// report is shown in a window. A file that cannot be imported is reported with its
    /// `FILE:LINE:COL` and the current document is kept.
    pub fn import_mermaid(&mut self, path: &Path) {
        let file = path.display().to_string();
        let text = match std::fs::read(path) {
            Ok(bytes) => match io::decode(&bytes) {
                Ok(t) => t,
                Err(e) => {
                    self.error = Some(ErrorView {
                        title: format!("Cannot import {file}"),
                        lines: vec![format!("{file}:{e}")],
                    });
                    return;
                }
            },
            Err(e) => {
                self.error = Some(ErrorView {
                    title: format!("Cannot import {file}"),
                    lines: vec![format!("{file}: {e}")],
                });
                return;
            }
        };
        match mermaid::import(&text, &mermaid::Options::default()) {
            Ok(imported) => {
                self.recovery.clear();
                self.doc = Document::unsaved(imported.topology, None);
                self.canvas.reset();
                self.report = Some(ImportReport {
                    file: file.clone(),
                    notes: imported
                        .notes
                        .iter()
                        .map(|n| (n.render(&file), n.element.clone()))
                        .collect(),
                });
            }
            Err(e) => {
                self.error = Some(ErrorView {
                    title: format!("Cannot import {file}"),
                    lines: vec![format!("{file}:{e}")],
                });
            }
        }
    }

    /// The import report's lines (`FILE:LINE:COL: guessed: …`), if a report is shown.
    pub fn import_report(&self) -> Option<Vec<&str>> {
        self.report
            .as_ref()
            .map(|r| r.notes.iter().map(|(line, _)| line.as_str()).collect())
    }

    /// Writes the diagram to a file chosen in a dialog.
    fn export_diagram(&mut self, format: DiagramFormat) {
        let stem = crate::model::Id::slugify(&self.doc.topology().name)
            .map_or_else(|| "diagram".to_owned(), String::from);
        let (kind, name) = match format {
            DiagramFormat::Svg => (FileKind::Svg, format!("{stem}.svg")),
            DiagramFormat::Png => (FileKind::Png, format!("{stem}.png")),
            DiagramFormat::Mermaid => (FileKind::Mermaid, format!("{stem}.mmd")),
        };
        let Some(path) = self.dialog.save(&name, kind) else {
            return;
        };
        let t = self.doc.topology();
        let options = diagram::svg::SvgOptions {
            dark: self.prefs.dark,
            ..Default::default()
        };
        let bytes = match format {
            DiagramFormat::Svg => Ok(diagram::svg::to_svg(t, &options).into_bytes()),
            DiagramFormat::Png => diagram::png::to_png(t, &options, 2.0).map_err(|e| e.to_string()),
            DiagramFormat::Mermaid => Ok(diagram::mermaid::to_mermaid(t).into_bytes()),
        };
        let written = bytes.and_then(|b| io::write_atomic(&path, &b).map_err(|e| e.to_string()));
        match written {
            Ok(()) => self.say(format!("Exported {}", path.display())),
            Err(e) => {
                self.error = Some(ErrorView {
                    title: "Cannot export".into(),
                    lines: vec![e],
                })
            }
        }
    }

    /// Runs `kind` in the background, unless the model has errors the engine cannot run with.
    fn simulate(&mut self, ctx: &egui::Context, kind: super::simulation::RunKind) {
        self.show_dock = true;
        let errors = self.doc.problems().len();
        if errors > 0 {
            self.dock = DockTab::Problems;
            self.say(format!(
                "Cannot simulate: fix the {errors} model error(s) listed in the problems panel first"
            ));
            return;
        }
        self.dock = DockTab::Simulation;
        let revision = self.doc.revision();
        self.simulation
            .start(Some(ctx), self.doc.topology(), revision, kind);
    }

    /// Writes the HTML report: the diagram, the findings, and the latest simulation.
    fn export_report(&mut self) {
        let stem = crate::model::Id::slugify(&self.doc.topology().name)
            .map_or_else(|| "report".to_owned(), String::from);
        let Some(path) = self
            .dialog
            .save(&format!("{stem}-report.html"), FileKind::Html)
        else {
            return;
        };
        let revision = self.doc.revision();
        let t = self.doc.topology();
        let findings = crate::validate::validate(t);
        let source = self.doc.display_name();
        let simulation = self
            .simulation
            .results()
            .map(|r| crate::report::Simulation {
                report: &r.report,
                stale: r.revision != revision,
            });
        let html = crate::report::to_html(&crate::report::ReportInput {
            topology: t,
            source: &source,
            findings: &findings,
            simulation,
        });
        match io::write_atomic(&path, html.as_bytes()) {
            Ok(()) => self.say(format!("Wrote the report {}", path.display())),
            Err(e) => {
                self.error = Some(ErrorView {
                    title: "Cannot write the report".into(),
                    lines: vec![format!("{}: {e}", path.display())],
                })
            }
        }
    }

    /// Gives elements without a position one, without an undo step (it is not the user's edit).
    fn fill_layout(&mut self) {
        let t = self.doc.topology();
        if !crate::layout::is_incomplete(t, &t.layout) {
            return;
        }
        let mut layout = t.layout.clone();
        crate::layout::fill_missing(t, &mut layout);
        let mut filled = t.clone();
        filled.layout = layout;
        let path = self.doc.path().map(Path::to_path_buf);
        self.doc = Document::new(filled, path);
    }

    fn save(&mut self, ask: bool) {
        let path = match self.doc.path() {
            Some(p) if !ask => p.to_path_buf(),
            _ => {
                let name = format!(
                    "{}.ron",
                    crate::model::Id::slugify(&self.doc.topology().name)
                        .map_or_else(|| "topology".to_owned(), String::from)
                );
                let Some(p) = self.dialog.save(&name, FileKind::Topology) else {
                    return;
                };
                p
            }
        };
        match self.doc.save_as(&path) {
            Ok(()) => {
                self.recovery.clear();
                self.prefs.remember(&path);
                self.prefs.store(self.data_dir.as_deref());
                self.say(format!("Saved {}", path.display()));
            }
            Err(e) => {
                self.error = Some(ErrorView {
                    title: "Cannot save".into(),
                    lines: vec![e.to_string()],
                })
            }
        }
    }

    /// Writes the recovery file when there are changes not yet autosaved.
    fn autosave(&mut self) {
        if !self.doc.is_dirty() {
            return;
        }
        let (revision, at) = self.autosaved;
        if revision == self.doc.revision() || self.now - at < AUTOSAVE_INTERVAL_S {
            return;
        }
        if let Err(e) = self.recovery.write(self.doc.topology(), self.doc.path()) {
            self.say(format!("Autosave failed: {e}"));
        }
        self.autosaved = (self.doc.revision(), self.now);
    }

    /// One frame of the whole editor, without eframe (tests and benchmarks call this).
    pub fn frame(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.now = ctx.input(|i| i.time);
        ctx.set_theme(if self.prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        let palette = Palette::new(self.prefs.dark);
        let validator = self
            .validator
            .get_or_insert_with(|| Validator::new(Some(ctx.clone())));
        validator.request(self.doc.revision(), self.doc.topology());
        let mut commands = shortcuts::pressed(&ctx);
        commands.extend(dropped_files(&ctx));

        Panel::top("menu").show(ui, |ui| {
            commands.extend(menu::bar(
                ui,
                &self.doc,
                &self.prefs,
                &self.canvas,
                self.simulation.running(),
            ));
        });
        Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if let Some(line) = self.simulation.poll() {
            self.say(line);
        }
        self.simulation.tick(&ctx, ctx.input(|i| i.stable_dt));
        let revision = self.doc.revision();
        let overlay = self.simulation.overlay(self.doc.topology(), revision);
        if self.show_dock {
            let min = match self.dock {
                DockTab::Problems => 80.0,
                DockTab::Simulation | DockTab::Flow => 330.0,
            };
            Panel::bottom("dock")
                .resizable(true)
                .default_size(150.0)
                .min_size(min)
                .max_size((ctx.content_rect().height() * 0.7).max(min))
                .show(ui, |ui| {
                    self.dock_tabs(ui);
                    match self.dock {
                        DockTab::Problems => commands.extend(self.problems_tab(ui, &ctx)),
                        DockTab::Simulation => {
                            let errors = self.doc.problems().len();
                            commands.extend(super::simulation::ui(
                                ui,
                                &mut self.simulation,
                                self.doc.topology(),
                                revision,
                                errors,
                            ));
                        }
                        DockTab::Flow => {
                            if let Some(id) = self.simulation.flow.ui(
                                ui,
                                self.doc.topology(),
                                revision,
                                overlay.as_ref(),
                                &self.canvas.selection,
                            ) {
                                commands.push(Command::Reveal(id));
                            }
                        }
                    }
                });
        }
        Panel::left("palette")
            .resizable(true)
            .default_size(210.0)
            .show(ui, |ui| {
                ui.heading("Palette");
                palette::ui(ui, palette);
            });
        Panel::right("inspector")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                commands.extend(inspector::ui(
                    ui,
                    self.doc.topology(),
                    &self.canvas.selection,
                    &mut self.inspector,
                ));
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let mut problem_ids: Vec<Id> = self
                .doc
                .problems()
                .iter()
                .filter_map(|p| p.element().cloned())
                .collect();
            if let Some(report) = self.validator.as_mut().and_then(Validator::poll) {
                let flagged = report
                    .findings
                    .iter()
                    .filter(|f| !f.is_waived() && f.severity >= crate::validate::Severity::Warning);
                problem_ids.extend(flagged.flat_map(|f| f.elements.iter().cloned()));
            }
            commands.extend(canvas::show(
                ui,
                self.doc.topology(),
                revision,
                &problem_ids,
                &mut self.canvas,
                palette,
                overlay.as_ref(),
            ));
        });

        self.dialogs(&ctx);
        for command in commands {
            self.run(&ctx, command);
        }
        self.autosave();
        let title = self.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.pending = Some(Pending::Quit);
            } else {
                self.recovery.clear();
            }
        }
    }

    /// The tab strip of the dock: problems (with counts), simulation (busy while running), flow.
    fn dock_tabs(&mut self, ui: &mut Ui) {
        let errors = self.doc.problems().len();
        let summary = self
            .validator
            .as_mut()
            .and_then(Validator::poll)
            .map(|r| r.summary())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            let problems = errors + summary.error + summary.warning;
            ui.selectable_value(
                &mut self.dock,
                DockTab::Problems,
                format!("Problems ({problems})"),
            );
            ui.selectable_value(&mut self.dock, DockTab::Simulation, "Simulation");
            ui.selectable_value(&mut self.dock, DockTab::Flow, "Flow view");
            if self.simulation.running() {
                ui.spinner();
            }
        });
        ui.separator();
    }

    /// Model errors and validation findings.
    fn problems_tab(&mut self, ui: &mut Ui, ctx: &egui::Context) -> Vec<Command> {
        let errors = self.doc.problems().len();
        let revision = self.doc.revision();
        let validator = self
            .validator
            .get_or_insert_with(|| Validator::new(Some(ctx.clone())));
        let current = validator.is_current(revision);
        let report = validator.poll();
        let summary = report.map(|r| r.summary()).unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label(format!(
                "{errors} model errors · {} errors · {} warnings · {} info · {} waived",
                summary.error, summary.warning, summary.info, summary.waived
            ));
            if !current {
                ui.spinner();
            }
        });
        let problems = self.doc.problems().to_vec();
        problems::ui(ui, &problems, report, current)
    }

    fn status_bar(&mut self, ui: &mut Ui) {
        let t = self.doc.topology();
        let (components, connections, containers) =
            (t.components.len(), t.connections.len(), t.containers.len());
        let errors = self
            .validator
            .as_mut()
            .and_then(Validator::poll)
            .map_or(0, |r| r.summary().error);
        let problems = self.doc.problems().len() + errors;
        ui.horizontal(|ui| {
            ui.label(format!(
                "{components} components · {connections} connections · {containers} containers"
            ));
            ui.separator();
            let text = format!("{problems} errors");
            if problems > 0 {
                ui.colored_label(ui.visuals().error_fg_color, text);
            } else {
                ui.label(text);
            }
            ui.separator();
            ui.label(format!("{} selected", self.canvas.selection.len()));
            ui.separator();
            ui.label(format!("Zoom {:.0} %", self.canvas.camera.zoom * 100.0));
            if let Some((message, at)) = &self.status
                && self.now - at < 8.0
            {
                ui.separator();
                ui.label(RichText::new(message).italics());
            }
        });
    }

    /// Modal windows: unsaved changes, errors, recovery, shortcuts.
    fn dialogs(&mut self, ctx: &egui::Context) {
        if let Some(pending) = self.pending.clone() {
            let modal = egui::Modal::new(egui::Id::new("unsaved")).show(ctx, |ui| {
                ui.heading("Save changes?");
                ui.label(format!(
                    "{} has changes that are not saved.",
                    self.doc.display_name()
                ));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        self.save(false);
                        if !self.doc.is_dirty() {
                            self.pending = None;
                            self.after_prompt(ctx, pending.clone());
                        }
                    }
                    if ui.button("Don't save").clicked() {
                        self.pending = None;
                        self.recovery.clear();
                        self.after_prompt(ctx, pending.clone());
                    }
                    if ui.button("Cancel").clicked() {
                        self.pending = None;
                    }
                });
            });
            if modal.should_close() {
                self.pending = None;
            }
        }
        if let Some(error) = self.error.clone() {
            let mut open = true;
            egui::Window::new(error.title.clone())
                .id(egui::Id::new("error"))
                .collapsible(false)
                .open(&mut open)
                .show(ctx, |ui| {
                    for line in &error.lines {
                        ui.label(
                            RichText::new(line)
                                .monospace()
                                .color(ui.visuals().error_fg_color),
                        );
                    }
                    ui.add_space(6.0);
                    ui.label("The current document is unchanged.");
                    if ui.button("OK").clicked() {
                        self.error = None;
                    }
                });
            if !open {
                self.error = None;
            }
        }
        if let Some((path, found)) = self.recovered.first().cloned() {
            egui::Modal::new(egui::Id::new("recovery")).show(ctx, |ui| {
                ui.heading("Recover unsaved work?");
                let of = found.original.as_ref().map_or_else(
                    || "an untitled document".to_owned(),
                    |p| p.display().to_string(),
                );
                ui.label(format!(
                    "Daedalus did not exit cleanly. Unsaved changes to {of} (\"{}\") were kept.",
                    found.topology.name
                ));
                ui.horizontal(|ui| {
                    if ui.button("Recover").clicked() {
                        self.doc =
                            Document::unsaved(found.topology.clone(), found.original.clone());
                        self.fill_layout_unsaved();
                        self.canvas.reset();
                        Recovery::discard(&path);
                        self.recovered.remove(0);
                    }
                    if ui.button("Discard").clicked() {
                        Recovery::discard(&path);
                        self.recovered.remove(0);
                    }
                });
            });
        }
        self.report_window(ctx);
        let revision = self.doc.revision();
        if let Some(ExportAction::ChooseFolder) =
            self.export
                .window(ctx, self.doc.topology(), revision, &self.canvas.selection)
            && let Some(dir) = self.dialog.folder()
        {
            self.export.write_to(&dir, revision, false);
        }
        self.waiver_window(ctx);
        shortcuts::window(ctx, &mut self.show_shortcuts);
    }

    /// The import report: what was guessed, unknown or ignored; clicking a line selects its
    /// element.
    fn report_window(&mut self, ctx: &egui::Context) {
        let Some(report) = self.report.clone() else {
            return;
        };
        let mut open = true;
        let mut reveal = None;
        egui::Window::new(format!("Imported {}", report.file))
            .id(egui::Id::new("import-report"))
            .open(&mut open)
            .show(ctx, |ui| {
                let t = self.doc.topology();
                ui.label(format!(
                    "{} components, {} containers, {} connections. Review what was guessed:",
                    t.components.len(),
                    t.containers.len(),
                    t.connections.len()
                ));
                if report.notes.is_empty() {
                    ui.label("Every element matched a keyword; nothing was guessed.");
                }
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        for (line, element) in &report.notes {
                            let response = ui.add(
                                egui::Label::new(egui::RichText::new(line).monospace())
                                    .sense(egui::Sense::click())
                                    .wrap(),
                            );
                            if response.clicked() {
                                reveal.clone_from(element);
                            }
                        }
                    });
            });
        if !open {
            self.report = None;
        }
        if let Some(id) = reveal {
            self.canvas.selection = BTreeSet::from([id]);
            self.canvas.reveal_requested = true;
        }
    }

    /// Asks for the justification of a waiver; OK adds it to the document.
    fn waiver_window(&mut self, ctx: &egui::Context) {
        let Some((rule, element, mut justification)) = self.waiver.take() else {
            return;
        };
        let mut decided = None;
        egui::Modal::new(egui::Id::new("waiver")).show(ctx, |ui| {
            ui.heading(format!("Waive {rule} for \"{element}\""));
            ui.label(
                "A waived finding is still reported, marked waived, and does not fail validation.",
            );
            let label = ui.label("Justification");
            ui.add(
                egui::TextEdit::multiline(&mut justification)
                    .desired_rows(3)
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
            ui.horizontal(|ui| {
                let ok =
                    ui.add_enabled(!justification.trim().is_empty(), egui::Button::new("Waive"));
                if ok.clicked() {
                    decided = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    decided = Some(false);
                }
            });
        });
        match decided {
            Some(true) => {
                let waiver = crate::model::Waiver {
                    rule,
                    element,
                    justification: justification.trim().to_owned(),
                };
                self.apply(Edit::AddWaiver(waiver), None);
            }
            Some(false) => {}
            None => self.waiver = Some((rule, element, justification)),
        }
    }

    /// The export window's previewed file and its content (tests).
    pub fn export_preview(&self) -> Option<(&str, &str)> {
        self.export.preview(self.doc.revision())
    }

    /// The simulation panel's state: settings, the run in progress, results.
    pub fn simulation(&self) -> &SimulationView {
        &self.simulation
    }

    /// The simulation panel's state, to change settings (tests and benchmarks).
    pub fn simulation_mut(&mut self) -> &mut SimulationView {
        &mut self.simulation
    }

    /// The current status line, if one is shown.
    pub fn status(&self) -> Option<&str> {
        self.status.as_ref().map(|(m, _)| m.as_str())
    }

    /// Waits up to `timeout` for the running simulation to end (tests and benchmarks).
    pub fn settle_simulation(&mut self, timeout: std::time::Duration) {
        if let Some(line) = self.simulation.settle(timeout) {
            self.say(line);
        }
    }

    /// Waits for the export window's background export (tests).
    pub fn settle_export(&mut self) {
        self.export.settle();
    }

    /// Blocks until the validator's findings are those of the current document (tests and
    /// benchmarks; the editor itself never waits).
    pub fn settle_validation(&mut self) {
        let revision = self.doc.revision();
        let validator = self.validator.get_or_insert_with(|| Validator::new(None));
        validator.request(revision, self.doc.topology());
        validator.settle();
    }

    fn fill_layout_unsaved(&mut self) {
        self.fill_layout();
        let t = self.doc.topology().clone();
        let path = self.doc.path().map(Path::to_path_buf);
        self.doc = Document::unsaved(t, path);
    }

    fn after_prompt(&mut self, ctx: &egui::Context, pending: Pending) {
        if pending == Pending::Quit {
            self.close_confirmed = true;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else {
            self.proceed(pending);
        }
    }
}

/// A `.ron` file dropped on the window opens it; a Markdown or Mermaid file is imported.
fn dropped_files(ctx: &egui::Context) -> Vec<Command> {
    ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .filter(|f| !f.path().as_os_str().is_empty())
            .map(|f| {
                let path = f.path().to_path_buf();
                let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
                match ext.as_deref() {
                    Some("md" | "mmd" | "markdown") => Command::ImportMermaidPath(path),
                    _ => Command::OpenPath(path),
                }
            })
            .collect()
    })
}

impl eframe::App for DaedalusApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.frame(ui);
    }
}
