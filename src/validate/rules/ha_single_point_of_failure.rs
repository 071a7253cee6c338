//! HA-003: no single point of failure on a request path from the users.
//!
//! A component is a single point of failure when it is reached from the internet along request
//! connections, is not redundant (one replica, or all replicas in one zone; a managed service
//! placed in no zone is the vendor's to make redundant), and its failure loses service: it is a
//! cut point of the request graph (every path to some other component passes through it, see
//! `cuts`), or it ends a request path (it calls nothing further, so nothing stands in for it).

use super::{path_text, quoted, replicas_text};
use crate::model::ConnectionKind;
use crate::validate::context::Context;
use crate::validate::cuts::cuts;
use crate::validate::finding::{Finding, Severity};
use crate::validate::paths::search;
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "HA-003",
    family: Family::HighAvailability,
    severity: Severity::Error,
    title: "No single point of failure on a user request path",
    rationale: "Icarus: High Availability and Disaster Recovery › High Availability: 'Multi-AZ Deployment: Resources deployed across availability zones' and 'Failover: Automatic failover for databases'. One non-redundant component that every request needs turns any instance or zone failure into an outage.",
    fix: "Run the component with at least two replicas in at least two zones, or add a redundant alternative path around it.",
    check,
};

/// How many cut-off components a message names.
const NAMED: usize = 5;

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let request = |a: &crate::validate::graph::Arc| a.kind == ConnectionKind::Request;
    let cut = cuts(&cx.graph, request);
    let root = cx.graph.root.index();
    let paths = search(&cx.graph, &[root], request, |_| true);
    for (i, c) in cx.t.components.iter().enumerate() {
        if !cut.reached(i) || c.kind.tag().is_actor() || !cx.is_production(i) {
            continue;
        }
        let cap = &c.capacity;
        if c.managed && cap.zones.is_empty() {
            continue;
        }
        let zones = cap.occupied_zones();
        if cap.replicas >= 2 && zones.len() >= 2 {
            continue;
        }
        let cut_off: Vec<&str> = cut.cut_off[i]
            .iter()
            .map(|&j| cx.component(j).id.as_str())
            .collect();
        let ends_path = !cx
            .graph
            .outgoing(i)
            .any(|(_, a)| a.kind == ConnectionKind::Request);
        if cut_off.is_empty() && !ends_path {
            continue;
        }
        let why = if cap.replicas < 2 {
            replicas_text(cap.replicas)
        } else {
            match zones.first() {
                Some(z) => format!("all replicas in zone \"{z}\""),
                None => "replicas placed in no zone".to_owned(),
            }
        };
        let consequence = if cut_off.is_empty() {
            "every request that needs it fails with it".to_owned()
        } else {
            let more = cut_off.len().saturating_sub(NAMED);
            format!(
                "losing it cuts off {}{}",
                quoted(&cut_off[..cut_off.len().min(NAMED)]),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            )
        };
        let (nodes, _) = paths.path_to(i);
        out.push(
            RULE.finding(
                format!(
                    "{} is a single point of failure ({why}) on the request path {}: {consequence}",
                    cx.describe(i),
                    path_text(cx, &nodes)
                ),
                vec![c.id.clone()],
            )
            .at_field("capacity"),
        );
    }
}
