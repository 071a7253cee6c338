//! The menu bar. Menu items show their shortcuts and return commands.

use egui::{Button, Ui};

use super::canvas::CanvasState;
use super::command::{Align, Axis, Command, DiagramFormat, DockTab};
use super::document::Document;
use super::files::Preferences;
use super::shortcuts;
use super::simulation::RunKind;
use crate::export::{Cloud, Target};

/// A menu item for `command`, with its shortcut, enabled or not.
fn item(ui: &mut Ui, text: &str, command: Command, enabled: bool, out: &mut Vec<Command>) {
    let mut button = Button::new(text);
    if let Some(s) = shortcuts::label_for(ui.ctx(), &command) {
        button = button.shortcut_text(s);
    }
    if ui.add_enabled(enabled, button).clicked() {
        out.push(command);
        ui.close();
    }
}

/// The menu bar; returns the chosen commands. `simulating` enables Cancel run.
pub fn bar(
    ui: &mut Ui,
    doc: &Document,
    prefs: &Preferences,
    canvas: &CanvasState,
    simulating: bool,
) -> Vec<Command> {
    let mut out = Vec::new();
    let selected = !canvas.selection.is_empty();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(ui, "New", Command::New, true, &mut out);
            item(ui, "Open…", Command::Open, true, &mut out);
            ui.menu_button("Open recent", |ui| {
                if prefs.recent.is_empty() {
                    ui.weak("No recent files");
                }
                for path in &prefs.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        out.push(Command::OpenPath(path.clone()));
                        ui.close();
                    }
                }
            });
            item(
                ui,
                "Import Mermaid…",
                Command::ImportMermaid,
                true,
                &mut out,
            );
            ui.separator();
            item(ui, "Save", Command::Save, true, &mut out);
            item(ui, "Save as…", Command::SaveAs, true, &mut out);
            ui.separator();
            item(
                ui,
                "Export SVG…",
                Command::ExportDiagram(DiagramFormat::Svg),
                true,
                &mut out,
            );
            item(
                ui,
                "Export PNG…",
                Command::ExportDiagram(DiagramFormat::Png),
                true,
                &mut out,
            );
            item(
                ui,
                "Export Mermaid…",
                Command::ExportDiagram(DiagramFormat::Mermaid),
                true,
                &mut out,
            );
            item(
                ui,
                "Export Terraform…",
                Command::ShowExport(Target::Terraform(Cloud::Aws)),
                true,
                &mut out,
            );
            item(
                ui,
                "Export Helm chart…",
                Command::ShowExport(Target::Helm),
                true,
                &mut out,
            );
            item(ui, "Export report…", Command::ExportReport, true, &mut out);
            ui.separator();
            item(ui, "Quit", Command::Quit, true, &mut out);
        });
        ui.menu_button("Edit", |ui| {
            let undo = doc
                .undo_label()
                .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}"));
            let redo = doc
                .redo_label()
                .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}"));
            item(
                ui,
                &undo,
                Command::Undo,
                doc.undo_label().is_some(),
                &mut out,
            );
            item(
                ui,
                &redo,
                Command::Redo,
                doc.redo_label().is_some(),
                &mut out,
            );
            ui.separator();
            item(ui, "Cut", Command::Cut, selected, &mut out);
            item(ui, "Copy", Command::Copy, selected, &mut out);
            item(ui, "Paste", Command::Paste, true, &mut out);
            item(ui, "Duplicate", Command::Duplicate, selected, &mut out);
            item(ui, "Delete", Command::Delete, selected, &mut out);
            ui.separator();
            item(ui, "Select all", Command::SelectAll, true, &mut out);
        });
        ui.menu_button("View", |ui| {
            item(ui, "Zoom in", Command::ZoomIn, true, &mut out);
            item(ui, "Zoom out", Command::ZoomOut, true, &mut out);
            item(ui, "Zoom to 100 %", Command::ZoomReset, true, &mut out);
            item(ui, "Fit to content", Command::Fit, true, &mut out);
            ui.separator();
            let grid = if canvas.show_grid {
                "Hide grid"
            } else {
                "Show grid"
            };
            item(ui, grid, Command::ToggleGrid, true, &mut out);
            let snap = if canvas.snap {
                "Don't snap to grid"
            } else {
                "Snap to grid"
            };
            item(ui, snap, Command::ToggleSnap, true, &mut out);
            let theme = if prefs.dark {
                "Light theme"
            } else {
                "Dark theme"
            };
            item(ui, theme, Command::ToggleTheme, true, &mut out);
        });
        ui.menu_button("Arrange", |ui| {
            let two = canvas.selection.len() >= 2;
            let three = canvas.selection.len() >= 3;
            for (text, how) in [
                ("Align left", Align::Left),
                ("Align centres", Align::Centre),
                ("Align right", Align::Right),
                ("Align top", Align::Top),
                ("Align middles", Align::Middle),
                ("Align bottom", Align::Bottom),
            ] {
                item(ui, text, Command::Align(how), two, &mut out);
            }
            ui.separator();
            item(
                ui,
                "Distribute horizontally",
                Command::Distribute(Axis::Horizontal),
                three,
                &mut out,
            );
            item(
                ui,
                "Distribute vertically",
                Command::Distribute(Axis::Vertical),
                three,
                &mut out,
            );
            ui.separator();
            item(ui, "Auto-layout", Command::AutoLayout, true, &mut out);
        });
        ui.menu_button("Simulate", |ui| {
            item(
                ui,
                "Run baseline",
                Command::Simulate(RunKind::Baseline),
                true,
                &mut out,
            );
            item(
                ui,
                "Run single-failures sweep",
                Command::Simulate(RunKind::SingleFailures),
                true,
                &mut out,
            );
            item(
                ui,
                "Cancel run",
                Command::CancelSimulation,
                simulating,
                &mut out,
            );
            ui.separator();
            item(
                ui,
                "Simulation panel",
                Command::ShowTab(DockTab::Simulation),
                true,
                &mut out,
            );
            item(
                ui,
                "Flow view",
                Command::ShowTab(DockTab::Flow),
                true,
                &mut out,
            );
            item(
                ui,
                "Problems",
                Command::ShowTab(DockTab::Problems),
                true,
                &mut out,
            );
        });
        ui.menu_button("Help", |ui| {
            item(
                ui,
                "Keyboard shortcuts",
                Command::ShowShortcuts,
                true,
                &mut out,
            );
        });
    });
    out
}
