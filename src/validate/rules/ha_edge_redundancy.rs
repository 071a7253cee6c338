//! HA-004: load balancers, API gateways and NAT gateways are redundant per zone (an error below
//! two zones, a warning when a zone of their subnet has none); a single bastion is a warning.

use super::{quoted, replicas_text};
use crate::model::{ContainerKind, Id, KindTag};
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "HA-004",
    family: Family::HighAvailability,
    severity: Severity::Error,
    title: "Load balancers, gateways and NAT redundant per zone",
    rationale: "Icarus: High Availability and Disaster Recovery › High Availability: 'Multi-AZ Deployment: Resources deployed across availability zones'; Compute Infrastructure › Load Balancer: 'Auto-scaling: Scales based on traffic'; External Access › Bastion Host: 'SSH Access: Secure access to private resources'. Traffic of a zone whose entry or egress node is gone must cross zones or stops.",
    fix: "Place one replica of each load balancer, API gateway and NAT gateway in every zone its subnet spans (a second bastion in another zone keeps administrative access through a zone failure).",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        let tag = c.kind.tag();
        let edge = matches!(
            tag,
            KindTag::LoadBalancer | KindTag::ApiGateway | KindTag::NatGateway
        );
        if !(edge || tag == KindTag::Bastion) || !cx.is_production(i) {
            continue;
        }
        let cap = &c.capacity;
        if c.managed && cap.zones.is_empty() {
            continue;
        }
        let zones = cap.occupied_zones();
        let what = cx.describe(i);
        if zones.len() < 2 || cap.replicas < 2 {
            let (severity, consequence) = if edge {
                (Severity::Error, "a zone failure stops its traffic")
            } else {
                (
                    Severity::Warning,
                    "a zone failure cuts off administrative access",
                )
            };
            out.push(
                RULE.finding_at(
                    severity,
                    format!(
                        "{what} runs {} in {} zone{}: {consequence}",
                        replicas_text(cap.replicas),
                        zones.len(),
                        if zones.len() == 1 { "" } else { "s" }
                    ),
                    vec![c.id.clone()],
                )
                .at_field("capacity"),
            );
            continue;
        }
        if !edge {
            continue;
        }
        let Some(k) = cx.places[i].subnet else {
            continue;
        };
        let ContainerKind::Subnet(s) = &cx.container(k).kind else {
            continue;
        };
        let missing: Vec<&Id> = s.zones.iter().filter(|z| !zones.contains(z)).collect();
        if missing.is_empty() {
            continue;
        }
        out.push(
            RULE.finding_at(
                Severity::Warning,
                format!(
                    "{what} runs in {} of the {} zones of subnet \"{}\": none in {}",
                    zones.len(),
                    s.zones.len(),
                    cx.container(k).id,
                    quoted(&missing)
                ),
                vec![c.id.clone()],
            )
            .at_field("capacity"),
        );
    }
}
