//! HA-001: stateful clusters (database, cache, queue) run at least two replicas over at least two
//! zones, and databases fail over automatically.

use super::{join_and, replicas_text, zone_redundant};
use crate::model::ComponentKind;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "HA-001",
    family: Family::HighAvailability,
    severity: Severity::Error,
    title: "Stateful clusters span two zones with a replica; databases fail over automatically",
    rationale: "Icarus: Data Storage › Database Cluster: 'High Availability: Multi-AZ deployment'; Cache Cluster: 'Primary + Replicas: High availability setup'; Message Queue: 'High Availability: Clustered setup'; High Availability and Disaster Recovery › High Availability: 'Failover: Automatic failover for databases'. A stateful cluster in one zone loses its data path, and possibly its data, with that zone.",
    fix: "Run at least two replicas and list at least two zones in capacity.zones; set automatic_failover: true on databases.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        if !c.kind.tag().is_data_store() || !cx.is_production(i) {
            continue;
        }
        let mut problems = Vec::new();
        let zones = c.capacity.occupied_zones();
        if !zone_redundant(&c.capacity) {
            problems.push(format!(
                "runs {} in {}",
                replicas_text(c.capacity.replicas),
                match zones.as_slice() {
                    [] => "no zone".to_owned(),
                    [z] => format!("zone \"{z}\" only"),
                    _ => format!("{} zones", zones.len()),
                }
            ));
        }
        if let ComponentKind::Database(d) = &c.kind
            && !d.automatic_failover
        {
            problems.push("does not fail over automatically".to_owned());
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
