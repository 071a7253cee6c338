//! What the canvas and the flow view draw for one second of one simulated scenario: each
//! component's utilisation and queue at that second, its error ratio over the run, the traffic
//! of each connection, and the elements a fault has taken down at that second.

use std::collections::{HashMap, HashSet};

use crate::model::{Ancestry, ContainerKind, Fault, FaultKind, Id, Index, Topology};
use crate::sim::{ScenarioKind, ScenarioResult};
use crate::ui::canvas::{Heat, Overlay};

/// A fault with the element it hits and when.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultSpan {
    /// What fails.
    pub fault: FaultKind,
    /// Second it starts.
    pub at_s: f64,
    /// Second it ends (`None`: to the end of the run).
    pub until_s: Option<f64>,
}

impl FaultSpan {
    fn active(&self, t_s: f64) -> bool {
        t_s >= self.at_s && self.until_s.is_none_or(|u| t_s < u)
    }
}

/// The faults of a scenario of the run: a generated single failure from the result itself, a
/// scenario of the file (or injected from the canvas) from its definition.
pub fn spans_of(s: &ScenarioResult, named: &[Fault]) -> Vec<FaultSpan> {
    let first = s.faults.first();
    let at_s = first.map_or(0.0, |f| f.at_s);
    let until_s = first.and_then(|f| f.until_s);
    let generated = |fault| {
        vec![FaultSpan {
            fault,
            at_s,
            until_s,
        }]
    };
    match (&s.kind, &s.element) {
        (ScenarioKind::Component, Some(id)) => generated(FaultKind::ComponentDown {
            component: id.clone(),
            replicas: None,
        }),
        (ScenarioKind::Zone, Some(id)) => generated(FaultKind::ZoneDown { zone: id.clone() }),
        (ScenarioKind::Region, Some(id)) => generated(FaultKind::RegionDown { region: id.clone() }),
        (ScenarioKind::Named, _) => named
            .iter()
            .filter(|f| f.at_s.is_finite() && f.at_s >= 0.0)
            .map(|f| FaultSpan {
                fault: f.fault.clone(),
                at_s: f.at_s,
                until_s: f.duration_s.filter(|d| *d > 0.0).map(|d| f.at_s + d),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The overlay of scenario `s` at second `t_s`.
pub fn build(
    t: &Topology,
    s: &ScenarioResult,
    spans: &[FaultSpan],
    t_s: u32,
    stale: bool,
    caption: String,
) -> Overlay {
    let second = t_s as usize;
    let components = s
        .components
        .iter()
        .map(|c| {
            let (utilization, queue) = match &c.timeline {
                Some(tl) => (
                    tl.utilization.get(second).copied().flatten(),
                    tl.queue.get(second).copied().unwrap_or(0.0),
                ),
                None => (Some(c.utilization), c.mean_in_system),
            };
            (
                c.id.clone(),
                Heat {
                    utilization,
                    queue,
                    error_ratio: c.error_ratio,
                },
            )
        })
        .collect();
    let connections: HashMap<Id, f64> = s
        .connections
        .iter()
        .filter(|c| c.calls_per_s > 0.0)
        .map(|c| (c.id.clone(), c.calls_per_s))
        .collect();
    Overlay {
        components,
        connections,
        down: down_at(t, spans, f64::from(t_s) + 0.5),
        stale,
        caption,
    }
}

/// The elements down at `t_s`: failed components, the components whose every zone is down,
/// subnets whose every zone is down, and everything in a failed region.
pub fn down_at(t: &Topology, spans: &[FaultSpan], t_s: f64) -> HashSet<Id> {
    let index = Index::new(t);
    let ancestry = Ancestry::new(t, &index);
    let mut down = HashSet::new();
    let mut zones: HashSet<Id> = HashSet::new();
    let mut regions: HashSet<Id> = HashSet::new();
    for span in spans.iter().filter(|s| s.active(t_s)) {
        match &span.fault {
            FaultKind::ComponentDown {
                component,
                replicas,
            } => {
                let all = t
                    .component(component.as_str())
                    .is_none_or(|c| replicas.is_none_or(|k| k >= c.capacity.replicas));
                if all {
                    down.insert(component.clone());
                }
            }
            FaultKind::ZoneDown { zone } => {
                zones.insert(zone.clone());
            }
            FaultKind::RegionDown { region } => {
                regions.insert(region.clone());
                if let Some(r) = t.region(region.as_str()) {
                    zones.extend(r.zones.iter().cloned());
                }
            }
            FaultKind::SlowComponent { .. } => {}
        }
    }
    if zones.is_empty() && regions.is_empty() {
        return down;
    }
    let all_down = |z: &[Id]| !z.is_empty() && z.iter().all(|z| zones.contains(z));
    for c in &t.containers {
        let in_region = ancestry
            .region(Some(&c.id))
            .is_some_and(|r| regions.contains(r));
        let tier_down = matches!(&c.kind, ContainerKind::Subnet(s) if all_down(&s.zones));
        if in_region || tier_down {
            down.insert(c.id.clone());
        }
    }
    for c in &t.components {
        let in_region = ancestry
            .component_region(c)
            .is_some_and(|r| regions.contains(r));
        let zones_down = all_down(&c.capacity.zones)
            || (c.capacity.zones.is_empty()
                && ancestry.subnet(c.container.as_ref()).is_some_and(
                    |s| matches!(&s.kind, ContainerKind::Subnet(s) if all_down(&s.zones)),
                ));
        if in_region || zones_down {
            down.insert(c.id.clone());
        }
    }
    down
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::parse;

    #[test]
    fn a_zone_takes_down_the_tiers_and_components_only_in_it() {
        let t = parse(include_str!(
            "../../../sample-topologies/icarus-platform.ron"
        ))
        .expect("loads");
        let zone = t.regions[0].zones[0].clone();
        let spans = vec![FaultSpan {
            fault: FaultKind::ZoneDown { zone: zone.clone() },
            at_s: 10.0,
            until_s: Some(20.0),
        }];
        assert!(down_at(&t, &spans, 5.0).is_empty());
        let down = down_at(&t, &spans, 15.0);
        for c in &t.components {
            let only_there = c.capacity.zones == [zone.clone()];
            if c.capacity.zones.len() >= 2 {
                assert!(!down.contains(&c.id), "{} spans zones", c.id);
            }
            if only_there {
                assert!(down.contains(&c.id), "{} is only in the zone", c.id);
            }
        }
        assert!(down_at(&t, &spans, 25.0).is_empty());
    }

    #[test]
    fn a_region_takes_down_everything_in_it() {
        let t = parse(include_str!(
            "../../../sample-topologies/icarus-platform.ron"
        ))
        .expect("loads");
        let region = t.regions[0].id.clone();
        let spans = vec![FaultSpan {
            fault: FaultKind::RegionDown { region },
            at_s: 0.0,
            until_s: None,
        }];
        let down = down_at(&t, &spans, 1.0);
        let vpcs = t
            .containers
            .iter()
            .filter(|c| matches!(c.kind, ContainerKind::Vpc(_)));
        for v in vpcs {
            if let ContainerKind::Vpc(vpc) = &v.kind
                && vpc.region == t.regions[0].id
            {
                assert!(down.contains(&v.id));
            }
        }
    }
}
