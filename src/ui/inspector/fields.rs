//! Typed property widgets: each shows one labelled field in a two-column grid and edits the
//! value in place. Numbers have units and bounds; enums are combo boxes.

use std::collections::BTreeMap;

use egui::{DragValue, Ui};

use crate::model::Id;

/// A label and a single-line text field.
pub fn text(ui: &mut Ui, label: &str, value: &mut String) {
    let l = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).desired_width(f32::INFINITY))
        .labelled_by(l.id);
    ui.end_row();
}

/// A label and a multi-line text field.
pub fn multiline(ui: &mut Ui, label: &str, value: &mut String) {
    let l = ui.label(label);
    ui.add(
        egui::TextEdit::multiline(value)
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
    ui.end_row();
}

/// A label and a checkbox.
pub fn flag(ui: &mut Ui, label: &str, value: &mut bool) {
    let l = ui.label(label);
    let response = ui.checkbox(value, "").labelled_by(l.id);
    let checked = *value;
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::WidgetType::Checkbox, true, checked, label)
    });
    ui.end_row();
}

/// A label and an integer field with bounds and a unit.
pub fn int(
    ui: &mut Ui,
    label: &str,
    value: &mut u32,
    range: std::ops::RangeInclusive<u32>,
    unit: &str,
) {
    let l = ui.label(label);
    ui.add(
        DragValue::new(value)
            .clamp_existing_to_range(false)
            .range(range)
            .suffix(unit),
    )
    .labelled_by(l.id);
    ui.end_row();
}

/// A label and a number field with bounds, a unit and a drag speed.
pub fn number(
    ui: &mut Ui,
    label: &str,
    value: &mut f64,
    range: std::ops::RangeInclusive<f64>,
    unit: &str,
    speed: f64,
) {
    let l = ui.label(label);
    ui.add(
        DragValue::new(value)
            .clamp_existing_to_range(false)
            .range(range)
            .suffix(unit)
            .speed(speed)
            .max_decimals(3),
    )
    .labelled_by(l.id);
    ui.end_row();
}

/// A label, a checkbox that turns an optional integer on (at `default`) or off, and its field.
pub fn optional_int(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<u32>,
    default: u32,
    range: std::ops::RangeInclusive<u32>,
    unit: &str,
) {
    ui.label(label);
    ui.horizontal(|ui| {
        let mut on = value.is_some();
        if ui.checkbox(&mut on, "").changed() {
            *value = on.then_some(value.unwrap_or(default));
        }
        if let Some(v) = value {
            ui.add(
                DragValue::new(v)
                    .clamp_existing_to_range(false)
                    .range(range)
                    .suffix(unit),
            );
        } else {
            ui.weak("off");
        }
    });
    ui.end_row();
}

/// A label, a checkbox that turns an optional number on (at `default`) or off, and its field.
pub fn optional_number(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<f64>,
    default: f64,
    range: std::ops::RangeInclusive<f64>,
    unit: &str,
) {
    ui.label(label);
    ui.horizontal(|ui| {
        let mut on = value.is_some();
        if ui.checkbox(&mut on, "").changed() {
            *value = on.then_some(value.unwrap_or(default));
        }
        if let Some(v) = value {
            ui.add(
                DragValue::new(v)
                    .clamp_existing_to_range(false)
                    .range(range)
                    .suffix(unit)
                    .max_decimals(3),
            );
        } else {
            ui.weak("unset");
        }
    });
    ui.end_row();
}

/// A label and a combo box over `options` (value, name).
pub fn choice<T: PartialEq + Clone>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[(T, &str)],
) {
    ui.label(label);
    let current = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or("?", |(_, n)| *n);
    egui::ComboBox::from_id_salt(label)
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (v, name) in options {
                ui.selectable_value(value, v.clone(), *name);
            }
        });
    ui.end_row();
}

/// A label and a combo box choosing one of `choices` (id, name) or none.
pub fn reference(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<Id>,
    choices: &[(Id, String)],
    none: &str,
) {
    ui.label(label);
    let current = match value {
        Some(id) => choices
            .iter()
            .find(|(c, _)| c == id)
            .map_or_else(|| format!("{id} (missing)"), |(_, n)| n.clone()),
        None => none.to_owned(),
    };
    egui::ComboBox::from_id_salt(label)
        .selected_text(current)
        .width(180.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, none);
            for (id, name) in choices {
                ui.selectable_value(value, Some(id.clone()), name);
            }
        });
    ui.end_row();
}

/// A label and a combo box choosing one of `choices` (id, name).
pub fn required_reference(ui: &mut Ui, label: &str, value: &mut Id, choices: &[(Id, String)]) {
    ui.label(label);
    let current = choices
        .iter()
        .find(|(c, _)| c == value)
        .map_or_else(|| format!("{value} (missing)"), |(_, n)| n.clone());
    egui::ComboBox::from_id_salt(label)
        .selected_text(current)
        .width(180.0)
        .show_ui(ui, |ui| {
            for (id, name) in choices {
                ui.selectable_value(value, id.clone(), name);
            }
        });
    ui.end_row();
}

/// A label and one checkbox per zone of `available`, keeping the order of `available`.
pub fn zones(ui: &mut Ui, label: &str, value: &mut Vec<Id>, available: &[Id]) {
    ui.label(label);
    ui.horizontal_wrapped(|ui| {
        if available.is_empty() {
            ui.weak("no zones (no region)");
        }
        for z in available {
            let mut on = value.contains(z);
            if ui.checkbox(&mut on, z.as_str()).changed() {
                if on {
                    value.push(z.clone());
                    value.sort_by_key(|x| available.iter().position(|a| a == x));
                } else {
                    value.retain(|x| x != z);
                }
            }
        }
        for z in value.iter().filter(|z| !available.contains(z)) {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{z} (not in the region)"),
            );
        }
    });
    ui.end_row();
}

/// A label and an editable list of strings.
pub fn string_list(ui: &mut Ui, label: &str, value: &mut Vec<String>) {
    ui.label(label);
    ui.vertical(|ui| {
        let mut remove = None;
        for (i, s) in value.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(s).desired_width(140.0));
                if ui.small_button("✕").on_hover_text("Remove").clicked() {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            value.remove(i);
        }
        if ui.small_button("+ add").clicked() {
            value.push(String::new());
        }
    });
    ui.end_row();
}

/// A label and an editable key/value map; renaming a key keeps its value.
pub fn string_map(ui: &mut Ui, label: &str, value: &mut BTreeMap<String, String>) {
    ui.label(label);
    ui.vertical(|ui| {
        let mut entries: Vec<(String, String)> =
            value.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        let mut remove = None;
        for (i, (k, v)) in entries.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(k).desired_width(90.0));
                ui.add(egui::TextEdit::singleline(v).desired_width(110.0));
                if ui.small_button("✕").on_hover_text("Remove").clicked() {
                    remove = Some(i);
                }
            });
        }
        if let Some(i) = remove {
            entries.remove(i);
        }
        if ui.small_button("+ add").clicked() {
            let key = (1..)
                .map(|n| format!("key{n}"))
                .find(|k| !value.contains_key(k))
                .unwrap_or_default();
            entries.push((key, String::new()));
        }
        *value = entries.into_iter().collect();
    });
    ui.end_row();
}
