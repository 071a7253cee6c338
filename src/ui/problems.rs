//! The problems panel: the model's errors (semantic checks), each naming its element; clicking
//! one selects and frames the element.

use egui::{Color32, RichText, Ui};

use super::command::Command;
use crate::model::check::Problem;

/// The problems list; returns a command when a problem is clicked.
pub fn ui(ui: &mut Ui, problems: &[Problem]) -> Vec<Command> {
    let mut commands = Vec::new();
    if problems.is_empty() {
        ui.label(RichText::new("✔ No problems").color(Color32::from_rgb(60, 160, 80)));
        return commands;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (i, p) in problems.iter().enumerate() {
                let text =
                    RichText::new(format!("⛔ {}", p.message)).color(ui.visuals().error_fg_color);
                let response = ui.add(egui::Label::new(text).sense(egui::Sense::click()).wrap());
                let response = match p.element() {
                    Some(id) => response.on_hover_text(format!("Click to select \"{id}\"")),
                    None => response,
                };
                if response.clicked()
                    && let Some(id) = p.element()
                {
                    commands.push(Command::Reveal(id.clone()));
                }
                if i + 1 < problems.len() {
                    ui.separator();
                }
            }
        });
    commands
}
