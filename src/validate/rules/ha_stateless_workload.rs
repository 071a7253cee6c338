//! HA-002: stateless workloads run at least two replicas over at least two zones, with
//! autoscaling bounds that never go below two.

use super::{join_and, replicas_text, zone_redundant};
use crate::model::ComponentKind;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "HA-002",
    family: Family::HighAvailability,
    severity: Severity::Error,
    title: "Stateless workloads: two replicas over two zones, autoscaling bounds set",
    rationale: "Icarus: High Availability and Disaster Recovery › High Availability: 'Multi-AZ Deployment: Resources deployed across availability zones' and 'Auto-scaling: Automatic scaling based on load'; Compute Infrastructure › Kubernetes Cluster: 'Auto-scaling: Horizontal Pod Autoscaling (HPA)'.",
    fix: "Set capacity.replicas to at least 2 over at least two zones, and autoscaling with min_replicas of at least 2 and a max_replicas for peaks.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        let ComponentKind::Workload(w) = &c.kind else {
            continue;
        };
        if !cx.is_production(i) {
            continue;
        }
        let mut problems = Vec::new();
        if !zone_redundant(&c.capacity) {
            let zones = c.capacity.occupied_zones().len();
            problems.push(format!(
                "runs {} in {} zone{}",
                replicas_text(c.capacity.replicas),
                zones,
                if zones == 1 { "" } else { "s" }
            ));
        }
        match &w.autoscaling {
            None => problems.push("has no autoscaling bounds".to_owned()),
            Some(a) if a.min_replicas < 2 => problems.push(format!(
                "may be scaled down to {}",
                replicas_text(a.min_replicas)
            )),
            Some(_) => {}
        }
        if problems.is_empty() {
            continue;
        }
        out.push(
            RULE.finding(
                format!("{} {}", cx.describe(i), join_and(&problems)),
                vec![c.id.clone()],
            )
            .at_field("capacity"),
        );
    }
}
