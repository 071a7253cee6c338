//! HA-005: static stability: after losing the zone that holds most of its replicas, every
//! multi-zone component still has the capacity for its peak load (the baseline offered load of
//! [`crate::model::offered_load`]). Request cycles, whose load is only approximated, are
//! reported as warnings.

use crate::model::{Id, utilisation};
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "HA-005",
    family: Family::HighAvailability,
    severity: Severity::Error,
    title: "Static stability: the remaining zones carry the peak load",
    rationale: "Icarus: High Availability and Disaster Recovery › High Availability: 'Multi-AZ Deployment: Resources deployed across availability zones' and 'Auto-scaling: Automatic scaling based on load'. Autoscaling reacts in minutes while a zone fails in seconds: the replicas left in the other zones must carry the load on their own.",
    fix: "Add replicas (or concurrency) so that the replicas outside the busiest zone serve the peak, spread replicas evenly over more zones, or shed load upstream.",
    check,
};

/// The zone holding most replicas of `capacity` and how many it holds (the first such zone
/// on ties).
fn busiest_zone(capacity: &crate::model::Capacity) -> Option<(&Id, u32)> {
    let n = u32::try_from(capacity.zones.len())
        .ok()
        .filter(|n| *n > 0)?;
    // Replica r runs in zones[r mod n]: every entry gets the full rounds, the first ones one
    // more; a zone listed twice holds the replicas of both entries.
    let (rounds, rest) = (capacity.replicas / n, capacity.replicas % n);
    let mut held: Vec<(&Id, u32)> = Vec::new();
    for (k, z) in capacity.zones.iter().enumerate() {
        let here = rounds + u32::from((k as u32) < rest);
        match held.iter_mut().find(|(id, _)| *id == z) {
            Some((_, count)) => *count += here,
            None => held.push((z, here)),
        }
    }
    held.into_iter().rev().max_by_key(|(_, count)| *count)
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        let load = cx.load.component_rps.get(i).copied().unwrap_or(0.0);
        if load <= 0.0 || c.kind.tag().is_actor() || !cx.is_production(i) {
            continue;
        }
        if !c.capacity.is_multi_zone() {
            continue;
        }
        let Some((zone, lost)) = busiest_zone(&c.capacity) else {
            continue;
        };
        let left = c.capacity.replicas.saturating_sub(lost);
        let capacity = c.capacity.capacity_rps_with(left);
        let rho = utilisation(load, capacity);
        if rho < 1.0 {
            continue;
        }
        out.push(
            RULE.finding(
                format!(
                    "after losing zone \"{zone}\" ({lost} of {} replicas), {} has {capacity:.0} rps of capacity for its {load:.0} rps peak (utilisation {:.0} %)",
                    c.capacity.replicas,
                    cx.describe(i),
                    rho * 100.0
                ),
                vec![c.id.clone()],
            )
            .at_field("capacity"),
        );
    }
    let listed = cx.load.cycles.len();
    for (n, cycle) in cx.load.cycles.iter().enumerate() {
        let mut path: Vec<&str> = cycle.iter().map(Id::as_str).collect();
        if let Some(first) = path.first().copied() {
            path.push(first);
        }
        let more = cx.load.cycles_found.saturating_sub(listed);
        let tail = if n + 1 == listed && more > 0 {
            format!(" ({more} more cycles not listed)")
        } else {
            String::new()
        };
        out.push(RULE.finding_at(
            Severity::Warning,
            format!(
                "request cycle {}: the load along it is counted once, so the static-stability check is approximate{tail}",
                path.join(" → ")
            ),
            cycle.clone(),
        ));
    }
}
