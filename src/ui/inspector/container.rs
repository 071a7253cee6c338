//! Inspector section of a container: VPC, subnet tier, cluster box or group.

use egui::Ui;

use super::fields as f;
use super::{Choices, component, section};
use crate::model::*;

/// Every property of container `c`, edited in place.
pub fn ui(ui: &mut Ui, c: &mut Container, choices: &Choices) {
    section(ui, "container", "Container", |ui| {
        f::text(ui, "Name", &mut c.name);
        f::multiline(ui, "Description", &mut c.description);
        let others: Vec<(Id, String)> = choices
            .containers
            .iter()
            .filter(|(id, _)| *id != c.id)
            .cloned()
            .collect();
        f::reference(ui, "Parent", &mut c.parent, &others, "(top level)");
    });
    let zones = choices.zones_of_container(c);
    match &mut c.kind {
        ContainerKind::Vpc(v) => section(ui, "vpc", "VPC", |ui| {
            f::required_reference(ui, "Environment", &mut v.environment, &choices.environments);
            f::required_reference(ui, "Region", &mut v.region, &choices.regions);
            f::text(ui, "CIDR", &mut v.cidr);
            f::flag(ui, "DNS host names", &mut v.dns_hostnames);
            f::flag(ui, "Flow logs", &mut v.flow_logs);
        }),
        ContainerKind::Subnet(s) => section(ui, "subnet", "Subnet tier", |ui| {
            let mut tier = match &s.tier {
                Tier::Public => 0,
                Tier::PrivateApp => 1,
                Tier::PrivateData => 2,
                Tier::PrivateMessaging => 3,
                Tier::Custom(_) => 4,
            };
            let before = tier;
            f::choice(
                ui,
                "Tier",
                &mut tier,
                &[
                    (0, "Public"),
                    (1, "Private app"),
                    (2, "Private data"),
                    (3, "Private messaging"),
                    (4, "Custom"),
                ],
            );
            if tier != before {
                s.tier = match tier {
                    0 => Tier::Public,
                    1 => Tier::PrivateApp,
                    2 => Tier::PrivateData,
                    3 => Tier::PrivateMessaging,
                    _ => Tier::Custom(CustomTier {
                        name: "custom".into(),
                        public: false,
                    }),
                };
            }
            if let Tier::Custom(custom) = &mut s.tier {
                f::text(ui, "  Tier name", &mut custom.name);
                f::flag(ui, "  Public", &mut custom.public);
            }
            f::zones(ui, "Zones", &mut s.zones, &zones);
            let original = s.cidr.clone().unwrap_or_default();
            let mut cidr = original.clone();
            let label = ui.label("CIDR");
            ui.add(egui::TextEdit::singleline(&mut cidr).hint_text("carved by the export"))
                .labelled_by(label.id);
            ui.end_row();
            if cidr != original {
                s.cidr = (!cidr.trim().is_empty()).then(|| cidr.trim().to_owned());
            }
        }),
        ContainerKind::KubernetesCluster(k) => section(ui, "cluster", "Kubernetes cluster", |ui| {
            component::cluster(ui, k)
        }),
        ContainerKind::Group(g) => section(ui, "group", "Group", |ui| {
            f::choice(
                ui,
                "Purpose",
                &mut g.purpose,
                &[
                    (GroupPurpose::Internet, "Internet"),
                    (GroupPurpose::Edge, "Edge / CDN"),
                    (GroupPurpose::Cloud, "Cloud"),
                    (GroupPurpose::ExternalServices, "External services"),
                    (GroupPurpose::Monitoring, "Monitoring"),
                    (GroupPurpose::Security, "Security"),
                    (GroupPurpose::ObjectStorage, "Object storage"),
                    (GroupPurpose::Other, "Other"),
                ],
            );
            f::reference(ui, "Region", &mut g.region, &choices.regions, "(none)");
            f::reference(
                ui,
                "Environment",
                &mut g.environment,
                &choices.environments,
                "(none)",
            );
        }),
    }
    section(ui, "tags", "Tags", |ui| {
        f::string_map(ui, "Tags", &mut c.tags)
    });
}
