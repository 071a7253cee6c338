//! Keyboard shortcuts: one table, used to dispatch keys, to label menu items and to fill the
//! Help › Shortcuts window.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::command::{Align, Command};

/// Every shortcut with its command and a description.
pub fn table() -> Vec<(KeyboardShortcut, Command, &'static str)> {
    let cmd = |k| KeyboardShortcut::new(Modifiers::COMMAND, k);
    let cmd_shift = |k| KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, k);
    let plain = |k| KeyboardShortcut::new(Modifiers::NONE, k);
    vec![
        (cmd(Key::N), Command::New, "New document"),
        (cmd(Key::O), Command::Open, "Open…"),
        (cmd(Key::S), Command::Save, "Save"),
        (cmd_shift(Key::S), Command::SaveAs, "Save as…"),
        (cmd(Key::Q), Command::Quit, "Quit"),
        (cmd_shift(Key::Z), Command::Redo, "Redo"),
        (cmd(Key::Y), Command::Redo, "Redo"),
        (cmd(Key::Z), Command::Undo, "Undo"),
        (cmd(Key::C), Command::Copy, "Copy"),
        (cmd(Key::X), Command::Cut, "Cut"),
        (cmd(Key::V), Command::Paste, "Paste"),
        (cmd(Key::D), Command::Duplicate, "Duplicate"),
        (cmd(Key::A), Command::SelectAll, "Select all"),
        (plain(Key::Delete), Command::Delete, "Delete the selection"),
        (
            plain(Key::Backspace),
            Command::Delete,
            "Delete the selection",
        ),
        (plain(Key::Escape), Command::SelectNone, "Select nothing"),
        (cmd(Key::Equals), Command::ZoomIn, "Zoom in"),
        (cmd(Key::Plus), Command::ZoomIn, "Zoom in"),
        (cmd(Key::Minus), Command::ZoomOut, "Zoom out"),
        (cmd(Key::Num0), Command::Fit, "Fit to content"),
        (cmd(Key::Num1), Command::ZoomReset, "Zoom to 100 %"),
        (cmd(Key::G), Command::ToggleGrid, "Show or hide the grid"),
        (
            cmd_shift(Key::G),
            Command::ToggleSnap,
            "Snap to the grid on or off",
        ),
        (cmd(Key::L), Command::AutoLayout, "Auto-layout"),
        (
            cmd_shift(Key::L),
            Command::Align(Align::Left),
            "Align left edges",
        ),
        (
            cmd_shift(Key::T),
            Command::Align(Align::Top),
            "Align top edges",
        ),
        (plain(Key::F1), Command::ShowShortcuts, "Keyboard shortcuts"),
    ]
}

/// The shortcut text of `command` for menus (e.g. `Ctrl+S`), if it has one.
pub fn label_for(ctx: &egui::Context, command: &Command) -> Option<String> {
    table()
        .into_iter()
        .find(|(_, c, _)| c == command)
        .map(|(s, _, _)| ctx.format_shortcut(&s))
}

/// Consumes pressed shortcuts and returns their commands. Keys that text fields use (Delete,
/// Backspace, Ctrl+A/C/V/X/Z) are left to a focused text field.
pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
    let typing = ctx.egui_wants_keyboard_input();
    let mut out = Vec::new();
    // Shortcuts with more modifiers first: egui matches Ctrl+Z on Ctrl+Shift+Z too.
    let mut shortcuts = table();
    shortcuts.sort_by_key(|(s, _, _)| {
        std::cmp::Reverse(usize::from(s.modifiers.shift) + usize::from(s.modifiers.alt))
    });
    for (shortcut, command, _) in shortcuts {
        let text_key = matches!(
            command,
            Command::Delete
                | Command::Copy
                | Command::Cut
                | Command::Paste
                | Command::SelectAll
                | Command::Undo
                | Command::Redo
        ) || shortcut.modifiers.is_none();
        if typing && text_key {
            continue;
        }
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
            out.push(command);
        }
    }
    out
}

/// The Help › Shortcuts window.
pub fn window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (shortcut, _, what) in table() {
                        ui.monospace(ctx.format_shortcut(&shortcut));
                        ui.label(what);
                        ui.end_row();
                    }
                    for (keys, what) in [
                        ("Wheel / two fingers", "Pan"),
                        ("Ctrl + wheel / pinch", "Zoom"),
                        ("Middle or right drag, Space + drag", "Pan"),
                        ("Drag on empty space", "Select with a rubber band"),
                        ("Shift + click", "Add to or remove from the selection"),
                        ("Drag a component's handle", "Draw a connection"),
                        ("Drag a container's title bar", "Move it with its contents"),
                        ("Drag a selected container's border", "Resize it"),
                    ] {
                        ui.monospace(keys);
                        ui.label(what);
                        ui.end_row();
                    }
                });
        });
}
