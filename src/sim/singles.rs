//! The `single-failures` sweep, generated from the topology: one scenario per simulated
//! component (all its replicas), per availability zone that holds a simulated replica, and per
//! region that holds one, each failing at the same second for the rest of the run.
//!
//! # Complexity
//! O(s · r) in the stations and their replicas per zone and region.

use super::net::Net;
use super::plan::{Effect, PlannedFault, ScenarioKind, ScenarioPlan, Skipped, in_region, in_zone};
use crate::model::{Id, Topology};

/// The generated scenarios (after the baseline, which the caller puts first) and the zones and
/// regions left out because nothing simulated runs there.
pub(crate) fn single_failures(
    t: &Topology,
    net: &Net,
    at_s: f64,
    baseline: &ScenarioPlan,
) -> (Vec<ScenarioPlan>, Vec<Skipped>) {
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let scenario = |kind, element: &Id, label: String, down: Vec<(u32, u32)>| ScenarioPlan {
        name: label.clone(),
        kind,
        element: Some(element.clone()),
        description: format!("{label} from {at_s} s to the end of the run"),
        duration_s: baseline.duration_s,
        faults: vec![PlannedFault {
            at_s,
            until_s: None,
            label,
            effect: Effect::down(down, kind == ScenarioKind::Region),
        }],
        loads: baseline.loads.clone(),
    };
    for (s, station) in net.stations.iter().enumerate().skip(net.actors) {
        let down = (0..station.replicas).map(|r| (s as u32, r)).collect();
        out.push(scenario(
            ScenarioKind::Component,
            &station.id,
            format!("{} down", station.id),
            down,
        ));
    }
    for (z, zone) in net.zones.iter().enumerate() {
        let down = in_zone(net, Some(z as u32));
        if down.is_empty() {
            skipped.push(Skipped {
                element: zone.clone(),
                reason: "no simulated replica is placed in this zone".into(),
            });
            continue;
        }
        out.push(scenario(
            ScenarioKind::Zone,
            zone,
            format!("zone {zone} down"),
            down,
        ));
    }
    for (r, region) in t.regions.iter().enumerate() {
        let down = in_region(net, Some(r as u32));
        if down.is_empty() {
            skipped.push(Skipped {
                element: region.id.clone(),
                reason: "no simulated component runs in this region".into(),
            });
            continue;
        }
        out.push(scenario(
            ScenarioKind::Region,
            &region.id,
            format!("region {} down", region.id),
            down,
        ));
    }
    (out, skipped)
}
