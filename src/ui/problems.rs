//! The problems panel: the model's errors (semantic checks) and the validator's findings,
//! each naming its element; clicking one selects and frames the element.

use egui::{Color32, RichText, Ui};

use super::command::Command;
use super::edit::Edit;
use crate::model::check::Problem;
use crate::validate::{Finding, Report, Severity};

fn severity_icon(s: Severity) -> (&'static str, Color32) {
    match s {
        Severity::Error => ("⛔", Color32::from_rgb(220, 50, 40)),
        Severity::Warning => ("⚠", Color32::from_rgb(230, 150, 0)),
        Severity::Info => ("ℹ", Color32::from_rgb(60, 130, 220)),
    }
}

/// The problems list; returns a command when an entry is clicked. `current` says whether the
/// findings are those of the document as it is now (else they are being recomputed).
pub fn ui(
    ui: &mut Ui,
    problems: &[Problem],
    report: Option<&Report>,
    current: bool,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let findings = report.map_or(&[][..], |r| r.findings.as_slice());
    if problems.is_empty() && findings.is_empty() {
        if report.is_some() && current {
            ui.label(RichText::new("✔ No problems").color(Color32::from_rgb(60, 160, 80)));
        } else {
            ui.weak("Validating…");
        }
        return commands;
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for p in problems {
                let text = RichText::new(format!("⛔ model: {}", p.message))
                    .color(ui.visuals().error_fg_color);
                let response = ui.add(egui::Label::new(text).sense(egui::Sense::click()).wrap());
                if let Some(id) = p.element() {
                    let response = response.on_hover_text(format!("Click to select \"{id}\""));
                    if response.clicked() {
                        commands.push(Command::Reveal(id.clone()));
                    }
                }
            }
            for f in findings {
                finding(ui, f, &mut commands);
            }
        });
    commands
}

fn finding(ui: &mut Ui, f: &Finding, commands: &mut Vec<Command>) {
    let (icon, colour) = severity_icon(f.severity);
    let waived = f.is_waived();
    let colour = if waived {
        ui.visuals().weak_text_color()
    } else {
        colour
    };
    let mut text = format!("{icon} {}  {}", f.rule, f.message);
    if let Some(why) = &f.waiver {
        text.push_str(&format!("  (waived: {why})"));
    }
    ui.horizontal(|ui| {
        if let Some(element) = f.elements.first() {
            let (label, command) = if waived {
                (
                    "Unwaive",
                    Command::Edit(Edit::RemoveWaiver {
                        rule: f.rule.to_owned(),
                        element: element.clone(),
                    }),
                )
            } else {
                (
                    "Waive…",
                    Command::DraftWaiver {
                        rule: f.rule.to_owned(),
                        element: element.clone(),
                    },
                )
            };
            let hint = if waived {
                "Withdraw the waiver"
            } else {
                "Accept this finding for this element, with a justification"
            };
            if ui.small_button(label).on_hover_text(hint).clicked() {
                commands.push(command);
            }
        }
        let label = egui::Label::new(RichText::new(text).color(colour))
            .sense(egui::Sense::click())
            .wrap();
        let response = ui
            .add(label)
            .on_hover_text(format!("{}\nFix: {}", f.title, f.fix));
        if response.clicked()
            && let Some(id) = f.elements.first()
        {
            commands.push(Command::Reveal(id.clone()));
        }
    });
}
