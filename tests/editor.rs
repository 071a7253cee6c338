//! The desktop editor, driven like a user would: real pointer presses, moves and releases,
//! clicks by label, keyboard shortcuts (egui_kittest, headless).

mod common;

use common::*;
use daedalus::model::{ComponentKind, ConnectionKind, Protocol};
use egui::{Modifiers, Pos2, Vec2};
use egui_kittest::kittest::Queryable;

#[test]
fn palette_drag_into_a_subnet_places_the_component_there() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    let before = topology(&h).components.len();
    let from = palette_item(&mut h, "Database").center();
    let to = empty_spot_in(&h, "Data");
    drag(&mut h, from, to);
    let t = topology(&h);
    assert_eq!(t.components.len(), before + 1);
    let Some(new) = t.components.last() else {
        panic!("no component")
    };
    assert!(matches!(new.kind, ComponentKind::Database(_)));
    assert_eq!(new.container.as_ref().map(|c| c.as_str()), Some("data"));
    assert_eq!(
        new.capacity.zones.len(),
        3,
        "spread over the subnet's zones"
    );
    assert!(t.layout.elements.contains_key(&new.id));
    assert!(
        h.state().canvas.selection.contains(&new.id),
        "the new component is selected"
    );
}

#[test]
fn dragging_a_component_to_another_subnet_changes_its_placement() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    let from = rect_of(&h, "Session and catalogue cache").center();
    let to = empty_spot_in(&h, "Application");
    drag(&mut h, from, to);
    let t = topology(&h);
    let Some(cache) = t.component("cache") else {
        panic!("cache")
    };
    assert_eq!(cache.container.as_ref().map(|c| c.as_str()), Some("app"));
    let app = t.layout.elements["app"];
    assert!(
        app.contains(&t.layout.elements["cache"]),
        "the subnet contains the moved component"
    );
    // One drag is one undo step.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.step();
    let t2 = topology(&h);
    assert_eq!(
        t2.component("cache")
            .and_then(|c| c.container.clone())
            .map(|c| c.to_string()),
        Some("data".into())
    );
}

#[test]
fn dragging_from_a_handle_to_a_component_creates_a_connection() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    let before = topology(&h).connections.len();
    let web = rect_of(&h, "Web shop");
    h.hover_at(web.center());
    h.step();
    let handle = Pos2::new(web.max.x, web.center().y);
    let target = rect_of(&h, "Orders database").center();
    drag(&mut h, handle, target);
    let t = topology(&h);
    assert_eq!(t.connections.len(), before + 1);
    let Some(c) = t.connections.last() else {
        panic!("no connection")
    };
    assert_eq!((c.from.as_str(), c.to.as_str()), ("web", "db"));
    assert_eq!(
        c.protocol,
        Protocol::Postgresql,
        "default protocol for a database"
    );
    assert_eq!(c.kind, ConnectionKind::Request);
    assert!(c.tls);
}

#[test]
fn undo_and_redo_restore_exactly() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    let original = topology(&h);
    let from = palette_item(&mut h, "Cache").center();
    let to = empty_spot_in(&h, "Data");
    drag(&mut h, from, to);
    let from = rect_of(&h, "Logs").center();
    let to = empty_spot_in(&h, "Application");
    drag(&mut h, from, to);
    let edited = topology(&h);
    assert_ne!(edited, original);
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
        h.step();
    }
    assert_eq!(topology(&h), original);
    assert!(!h.state().document().is_dirty());
    for _ in 0..2 {
        h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
        h.step();
    }
    assert_eq!(topology(&h), edited);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.step();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Y);
    h.step();
    assert_eq!(topology(&h), edited);
}

#[test]
fn inspector_edits_a_property_and_renames_with_references() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    let db = rect_of(&h, "Orders database").center();
    h.hover_at(db);
    h.step();
    h.get_by_label("Orders database").hover();
    h.drag_at(db);
    h.step();
    h.drop_at(db);
    h.run_steps(3);
    assert!(
        h.state().canvas.selection.iter().any(|id| id == "db"),
        "clicked component is selected"
    );
    h.get_by_label("Automatic failover").click();
    h.run_steps(2);
    let t = topology(&h);
    let Some(ComponentKind::Database(d)) = t.component("db").map(|c| &c.kind) else {
        panic!("db")
    };
    assert!(
        !d.automatic_failover,
        "the checkbox turned automatic failover off"
    );

    let id_field = h.get_by_label("Id");
    id_field.click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Id").type_text("orders-db");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    let t = topology(&h);
    assert!(t.component("orders-db").is_some(), "renamed");
    assert!(
        t.connections.iter().any(|c| c.to == "orders-db"),
        "references follow the rename"
    );
    assert!(t.layout.elements.contains_key("orders-db"));
}

#[test]
fn save_and_reopen_gives_the_same_topology() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("saved.ron");
    let dialog = FakeDialog::default();
    dialog.answer(&path);
    let mut h = harness(None, dialog.clone());
    let from = palette_item(&mut h, "Cache").center();
    let to = empty_spot_in(&h, "Private Subnet - Messaging");
    drag(&mut h, from, to);
    let edited = topology(&h);
    assert!(
        h.state().window_title().contains('•'),
        "dirty marker in the title"
    );
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::S);
    h.run_steps(2);
    assert!(path.exists(), "saved through the dialog");
    assert!(!h.state().document().is_dirty());
    assert_eq!(h.state().window_title(), "saved.ron — Daedalus");

    let mut reopened = harness(Some(path.clone()), FakeDialog::default());
    reopened.run_steps(1);
    assert_eq!(topology(&reopened), edited);
    let loaded = daedalus::io::load(&path).expect("load");
    assert_eq!(loaded.topology, edited);
}

#[test]
fn opening_a_broken_file_shows_its_position_and_keeps_the_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = dir.path().join("broken.ron");
    let text = std::fs::read_to_string(sample("three-tier.ron"))
        .expect("read")
        .replacen("kind: Users(", "kind: Userz(", 1);
    std::fs::write(&broken, text).expect("write");
    let dialog = FakeDialog::default();
    dialog.answer(&broken);
    let mut h = harness(Some(sample("three-tier.ron")), dialog);
    let before = topology(&h);
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label_contains("Open…").click();
    h.run_steps(3);
    let Some(error) = h.state().error() else {
        panic!("no error shown")
    };
    let line = &error.lines[0];
    let prefix = format!("{}:", broken.display());
    assert!(
        line.starts_with(&prefix) && line.contains("Userz"),
        "{line}"
    );
    let position: Vec<&str> = line[prefix.len()..].splitn(3, ':').collect();
    assert!(
        position[0].parse::<usize>().is_ok() && position[1].parse::<usize>().is_ok(),
        "{line}"
    );
    assert!(
        h.query_by_label_contains("Userz").is_some(),
        "the message is on screen"
    );
    assert_eq!(topology(&h), before, "the current document is kept");
}

#[test]
fn unsaved_changes_are_asked_about_before_opening_another_file() {
    let dialog = FakeDialog::default();
    dialog.answer(&sample("flawed.ron"));
    let mut h = harness(Some(sample("three-tier.ron")), dialog);
    let from = palette_item(&mut h, "Cache").center();
    let to = empty_spot_in(&h, "Application");
    drag(&mut h, from, to);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    h.run_steps(2);
    assert!(h.query_by_label("Save changes?").is_some());
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(topology(&h).name, "Three-tier web application");
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::O);
    h.run_steps(2);
    h.get_by_label("Don't save").click();
    h.run_steps(2);
    assert_eq!(topology(&h).name, "Flawed shop");
}

#[test]
fn delete_copy_paste_and_rubber_band() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    let n = topology(&h).components.len();
    // Rubber band around the two actors inside the Internet group.
    let internet = rect_of(&h, "Internet");
    drag(
        &mut h,
        internet.min + Vec2::new(3.0, 18.0),
        internet.max - Vec2::new(3.0, 3.0),
    );
    assert_eq!(
        h.state().canvas.selection.len(),
        2,
        "{:?}",
        h.state().canvas.selection
    );
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::D);
    h.run_steps(2);
    let t = topology(&h);
    assert_eq!(t.components.len(), n + 2);
    assert!(t.component("shoppers-copy").is_some() && t.component("operators-copy").is_some());
    h.key_press(egui::Key::Delete);
    h.run_steps(2);
    assert_eq!(topology(&h).components.len(), n);
}
