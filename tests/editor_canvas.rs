//! Canvas interactions beyond the basics: containers (create, move with contents, resize),
//! zoom, problems panel, keyboard nudges.

mod common;

use common::*;
use egui::{Modifiers, Pos2, Vec2};
use egui_kittest::kittest::Queryable;

#[test]
fn a_subnet_dragged_from_the_palette_into_a_vpc_spans_its_zones() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    let before = topology(&h).containers.len();
    let from = palette_item(&mut h, "Private messaging subnet").center();
    let vpc = rect_of(&h, "Shop VPC");
    let to = Pos2::new(vpc.center().x, vpc.max.y - 6.0);
    drag(&mut h, from, to);
    let t = topology(&h);
    assert_eq!(t.containers.len(), before + 1);
    let Some(new) = t.containers.last() else {
        panic!("no container")
    };
    assert_eq!(new.parent.as_ref().map(|p| p.as_str()), Some("shop-vpc"));
    let daedalus::model::ContainerKind::Subnet(s) = &new.kind else {
        panic!("not a subnet")
    };
    assert_eq!(s.tier, daedalus::model::Tier::PrivateMessaging);
    assert_eq!(s.zones.len(), 3);
    let vpc_rect = t.layout.elements["shop-vpc"];
    assert!(
        vpc_rect.contains(&t.layout.elements[&new.id]),
        "the VPC grew to hold the new tier"
    );
}

#[test]
fn moving_a_container_by_its_title_moves_its_contents() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    let t0 = topology(&h);
    let obs = rect_of(&h, "Observability");
    let grab = Pos2::new(obs.min.x + 60.0, obs.min.y + 5.0);
    drag(&mut h, grab, grab + Vec2::new(0.0, 120.0));
    let t1 = topology(&h);
    let dy = t1.layout.elements["observability"].y - t0.layout.elements["observability"].y;
    assert!(dy > 100.0, "moved by {dy}");
    for id in ["logs", "metrics", "traces", "alerts"] {
        let d = t1.layout.elements[id].y - t0.layout.elements[id].y;
        assert!(
            (d - dy).abs() < 1e-6,
            "{id} moved by {d}, its container by {dy}"
        );
    }
    assert_eq!(t1.containers, t0.containers, "moving changes no placement");
}

#[test]
fn a_selected_container_is_resized_by_its_corner() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    let obs = rect_of(&h, "Observability");
    let title = Pos2::new(obs.min.x + 60.0, obs.min.y + 5.0);
    h.hover_at(title);
    h.step();
    h.drag_at(title);
    h.step();
    h.drop_at(title);
    h.run_steps(2);
    assert!(
        h.state()
            .canvas
            .selection
            .iter()
            .any(|id| id == "observability")
    );
    let before = topology(&h).layout.elements["observability"];
    let corner = obs.max;
    drag(&mut h, corner, corner + Vec2::new(60.0, 80.0));
    let after = topology(&h).layout.elements["observability"];
    assert!(
        after.w > before.w + 50.0 && after.h > before.h + 60.0,
        "{before:?} → {after:?}"
    );
    assert_eq!(
        (after.x, after.y),
        (before.x, before.y),
        "the opposite corner stays"
    );
}

#[test]
fn keyboard_and_pinch_zoom_change_the_camera() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    let z0 = h.state().canvas.camera.zoom;
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Equals);
    h.step();
    let z1 = h.state().canvas.camera.zoom;
    assert!(z1 > z0 * 1.2, "{z0} → {z1}");
    let centre = h.state().canvas.view().center();
    h.hover_at(centre);
    h.event(egui::Event::Zoom(0.5));
    h.run_steps(2);
    let z2 = h.state().canvas.camera.zoom;
    assert!(z2 < z1 * 0.6, "{z1} → {z2}");
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Num1);
    h.step();
    assert!((h.state().canvas.camera.zoom - 1.0).abs() < 1e-3);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Num0);
    h.run_steps(2);
    assert!(
        (h.state().canvas.camera.zoom - z0).abs() < 1e-3,
        "fit again"
    );
}

#[test]
fn clicking_a_problem_selects_its_element() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("dangling.ron");
    let text = std::fs::read_to_string(sample("three-tier.ron"))
        .expect("read")
        .replacen("replicas: 3,", "replicas: 0,", 1);
    std::fs::write(&path, text).expect("write");
    let mut h = harness(Some(path), FakeDialog::default());
    let problem = h.get_by_label_contains("replicas is 0");
    problem.click();
    h.run_steps(3);
    assert_eq!(h.state().canvas.selection.len(), 1);
    let id = h
        .state()
        .canvas
        .selection
        .first()
        .cloned()
        .expect("selected");
    let replicas = topology(&h)
        .component(id.as_str())
        .map(|c| c.capacity.replicas);
    assert_eq!(replicas, Some(0), "{id}");
}

#[test]
fn the_shortcuts_window_lists_the_shortcuts() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    h.get_by_label("Help").click();
    h.run_steps(2);
    h.get_by_label_contains("Keyboard shortcuts").click();
    h.run_steps(2);
    assert!(h.query_by_label("Auto-layout").is_some());
    assert!(h.query_by_label("Draw a connection").is_some());
}

#[test]
fn auto_layout_is_one_undoable_step() {
    let mut h = harness(Some(sample("icarus-platform.ron")), FakeDialog::default());
    let before = topology(&h);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::L);
    h.run_steps(2);
    let after = topology(&h);
    assert_ne!(after.layout, before.layout);
    assert_eq!(after.components, before.components);
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::Z);
    h.step();
    assert_eq!(topology(&h), before);
}

#[test]
fn selecting_any_element_never_changes_the_document() {
    for name in ["icarus-platform.ron", "three-tier.ron", "flawed.ron"] {
        let mut h = harness(Some(sample(name)), FakeDialog::default());
        let t = topology(&h);
        let ids: Vec<daedalus::model::Id> = t
            .components
            .iter()
            .map(|c| c.id.clone())
            .chain(t.containers.iter().map(|c| c.id.clone()))
            .chain(t.connections.iter().map(|c| c.id.clone()))
            .collect();
        for id in ids {
            h.state_mut().canvas.selection = std::collections::BTreeSet::from([id.clone()]);
            h.run_steps(2);
            assert!(
                !h.state().document().is_dirty(),
                "{name}: showing {id} in the inspector changed the document"
            );
        }
    }
}
