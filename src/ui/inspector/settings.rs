//! Inspector with nothing selected: the topology's name, clouds, regions, environments and
//! policies.

use egui::Ui;

use super::fields as f;
use super::section;
use crate::model::*;
use crate::ui::edit::Settings;

/// Every topology-wide setting, edited in place.
pub fn ui(ui: &mut Ui, s: &mut Settings) {
    section(ui, "topology", "Topology", |ui| {
        f::text(ui, "Name", &mut s.name);
        f::multiline(ui, "Description", &mut s.description);
        ui.label("Clouds");
        ui.horizontal(|ui| {
            for p in Provider::ALL {
                let mut on = s.providers.contains(&p);
                if ui.checkbox(&mut on, p.as_str()).changed() {
                    if on {
                        s.providers.push(p);
                        s.providers.sort();
                    } else {
                        s.providers.retain(|x| *x != p);
                    }
                }
            }
        });
        ui.end_row();
    });
    section(ui, "policies", "Policies", |ui| {
        let p = &mut s.policies;
        f::optional_number(ui, "RTO", &mut p.rto_min, 60.0, 0.0..=525_600.0, " min");
        f::optional_number(ui, "RPO", &mut p.rpo_min, 15.0, 0.0..=525_600.0, " min");
        f::optional_number(
            ui,
            "Availability SLO",
            &mut p.availability_slo_percent,
            99.9,
            0.0..=100.0,
            " %",
        );
        ui.label("Latency SLO");
        ui.horizontal(|ui| {
            let mut on = p.latency_slo.is_some();
            if ui.checkbox(&mut on, "").changed() {
                p.latency_slo = on.then_some(LatencySlo {
                    percentile: 99.0,
                    threshold_ms: 300.0,
                });
            }
            if let Some(l) = &mut p.latency_slo {
                ui.add(
                    egui::DragValue::new(&mut l.percentile)
                        .clamp_existing_to_range(false)
                        .range(1.0..=99.999)
                        .prefix("p"),
                );
                ui.add(
                    egui::DragValue::new(&mut l.threshold_ms)
                        .clamp_existing_to_range(false)
                        .range(0.001..=3_600_000.0)
                        .prefix("< ")
                        .suffix(" ms"),
                );
            }
        });
        ui.end_row();
        f::flag(ui, "TLS in transit", &mut p.require_tls_in_transit);
        f::flag(ui, "Encryption at rest", &mut p.require_encryption_at_rest);
        f::flag(ui, "Admin MFA", &mut p.require_admin_mfa);
        f::flag(ui, "Multi-zone", &mut p.require_multi_zone);
        f::flag(
            ui,
            "Cross-region backups",
            &mut p.require_cross_region_backups,
        );
        f::flag(
            ui,
            "Environment isolation",
            &mut p.require_environment_isolation,
        );
    });
    section(ui, "regions", "Regions", |ui| {
        let mut remove = None;
        for (i, r) in s.regions.iter_mut().enumerate() {
            ui.label(r.id.as_str());
            ui.vertical(|ui| {
                ui.add(egui::TextEdit::singleline(&mut r.name).desired_width(160.0));
                ui.horizontal_wrapped(|ui| {
                    ui.weak("zones:");
                    for z in &r.zones {
                        ui.weak(z.as_str());
                    }
                });
                if ui.small_button("Remove region").clicked() {
                    remove = Some(i);
                }
            });
            ui.end_row();
        }
        if let Some(i) = remove {
            s.regions.remove(i);
        }
        ui.label("");
        if ui.button("+ Region").clicked() {
            let n = (1..)
                .find(|n| {
                    !s.regions
                        .iter()
                        .any(|r| r.id.as_str() == format!("region-{n}"))
                })
                .unwrap_or(1);
            let id = |x: String| Id::new(x).unwrap_or_else(|_| Id::fallback());
            s.regions.push(Region {
                id: id(format!("region-{n}")),
                name: format!("Region {n}"),
                provider_names: Default::default(),
                zones: ["a", "b", "c"]
                    .iter()
                    .map(|z| id(format!("region-{n}-{z}")))
                    .collect(),
            });
        }
        ui.end_row();
    });
    section(ui, "environments", "Environments", |ui| {
        for e in &mut s.environments {
            ui.label(e.id.as_str());
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut e.name).desired_width(110.0));
                egui::ComboBox::from_id_salt(("stage", e.id.as_str()))
                    .selected_text(format!("{:?}", e.stage))
                    .show_ui(ui, |ui| {
                        for st in [
                            Stage::Production,
                            Stage::Staging,
                            Stage::Development,
                            Stage::Test,
                        ] {
                            ui.selectable_value(&mut e.stage, st, format!("{st:?}"));
                        }
                    });
            });
            ui.end_row();
        }
    });
}
