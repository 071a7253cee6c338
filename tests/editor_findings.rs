//! The validator's findings in the editor: computed in the background, listed with their
//! rules, badged on the canvas, waived from the panel with a justification.

mod common;

use common::*;
use egui_kittest::kittest::Queryable;

#[test]
fn findings_are_listed_and_a_click_selects_the_element() {
    let mut h = harness(Some(sample("icarus-platform.ron")), FakeDialog::default());
    h.state_mut().settle_validation();
    h.run_steps(2);
    let at = h.get_by_label_contains("SEC-001").rect().center();
    click_at(&mut h, at);
    h.run_steps(2);
    let selected: Vec<String> = h
        .state()
        .canvas
        .selection
        .iter()
        .map(|i| i.to_string())
        .collect();
    assert_eq!(
        selected,
        ["dev-db"],
        "the database outside any subnet tier is selected"
    );
}

#[test]
fn a_finding_is_waived_with_a_justification_and_the_waiver_undoes() {
    let mut h = harness(Some(sample("three-tier.ron")), FakeDialog::default());
    h.state_mut().settle_validation();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("HA-004").is_some(),
        "the single-bastion warning is listed"
    );
    h.get_by_label("Waive…").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("Waive HA-004").is_some(),
        "the waiver dialog asks for a reason"
    );
    h.get_by_label("Justification").focus();
    h.run_steps(1);
    h.get_by_label("Justification")
        .type_text("break-glass access only; a second bastion is not worth it");
    h.run_steps(1);
    h.get_by_label("Waive").click();
    h.run_steps(2);
    let t = topology(&h);
    assert_eq!(t.waivers.len(), 1);
    assert_eq!(
        (t.waivers[0].rule.as_str(), t.waivers[0].element.as_str()),
        ("HA-004", "bastion")
    );
    h.state_mut().settle_validation();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("waived: break-glass").is_some(),
        "shown as waived"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert!(topology(&h).waivers.is_empty(), "undo withdraws the waiver");
}
