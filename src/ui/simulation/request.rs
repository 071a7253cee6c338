//! What the simulation panel asks for — a scenario set, a load profile and the run settings —
//! and how that becomes the engine's input. The document is never changed: a failure injected
//! from the canvas, or a load profile, becomes a scenario of a private copy of the topology.

use crate::model::{ActorLoad, Fault, FaultKind, Id, LoadProfile, Scenario, Topology};
use crate::sim::{ScenarioSet, SimOptions};

/// Which scenarios to run.
#[derive(Debug, Clone, PartialEq)]
pub enum RunKind {
    /// The design as drawn, without faults.
    Baseline,
    /// The baseline and every single failure, ranked by impact.
    SingleFailures,
    /// A scenario stored in the file, by id.
    Named(Id),
    /// One element fails at the fault time and stays down (from the canvas's context menu).
    Failure(FailureTarget),
}

impl RunKind {
    /// A short description for the panel and the status line.
    pub fn label(&self) -> String {
        match self {
            RunKind::Baseline => "Baseline".to_owned(),
            RunKind::SingleFailures => "Single-failures sweep".to_owned(),
            RunKind::Named(id) => format!("Scenario {id}"),
            RunKind::Failure(target) => format!("Failure of {}", target.label()),
        }
    }
}

/// What a failure injected from the canvas takes down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureTarget {
    /// Every replica of a component.
    Component(Id),
    /// Every replica placed in an availability zone.
    Zone(Id),
    /// Everything in a region.
    Region(Id),
}

impl FailureTarget {
    /// `component db`, `zone eu-central-1a`, `region eu-central`.
    pub fn label(&self) -> String {
        match self {
            FailureTarget::Component(id) => format!("component {id}"),
            FailureTarget::Zone(id) => format!("zone {id}"),
            FailureTarget::Region(id) => format!("region {id}"),
        }
    }

    fn fault(&self) -> FaultKind {
        match self {
            FailureTarget::Component(id) => FaultKind::ComponentDown {
                component: id.clone(),
                replicas: None,
            },
            FailureTarget::Zone(id) => FaultKind::ZoneDown { zone: id.clone() },
            FailureTarget::Region(id) => FaultKind::RegionDown { region: id.clone() },
        }
    }
}

/// The panel's settings: what the next run uses.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSettings {
    /// The scenario set chosen in the panel (a failure from the canvas overrides it for one run).
    pub kind: RunKind,
    /// How every actor's rate changes over time.
    pub profile: LoadProfile,
    /// Total rate of the actors in requests per second; `None` keeps the file's rates.
    pub rps: Option<f64>,
    /// Simulated seconds per replication.
    pub duration_s: f64,
    /// Replications per scenario.
    pub replications: u32,
    /// Seed of the random streams.
    pub seed: u64,
    /// When injected failures (and the sweep's) start, in seconds.
    pub fault_at_s: f64,
}

impl Default for RunSettings {
    fn default() -> Self {
        Self {
            kind: RunKind::Baseline,
            profile: LoadProfile::Constant,
            rps: None,
            duration_s: 300.0,
            replications: 3,
            seed: 1,
            fault_at_s: 60.0,
        }
    }
}

/// One run: the settings, with the scenario set it runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// What runs.
    pub kind: RunKind,
    /// With which settings.
    pub settings: RunSettings,
}

/// The engine's input for `request` on `t`: the topology to plan (a copy with one extra
/// scenario when the request needs one), the scenario set and the options.
pub fn prepare(t: &Topology, request: &Request) -> (Topology, ScenarioSet, SimOptions) {
    let s = &request.settings;
    let fault_at_s = s.fault_at_s.clamp(0.0, (s.duration_s - 1.0).max(0.0));
    let options = SimOptions {
        duration_s: s.duration_s,
        rps: s.rps,
        replications: s.replications,
        seed: s.seed,
        fault_at_s: Some(fault_at_s),
        ..SimOptions::default()
    };
    let load = if s.profile.is_constant() {
        Vec::new()
    } else {
        vec![ActorLoad {
            actor: None,
            rate_rps: None,
            profile: s.profile.clone(),
        }]
    };
    let (faults, description) = match &request.kind {
        RunKind::SingleFailures => return (t.clone(), ScenarioSet::SingleFailures, options),
        RunKind::Named(id) => return (t.clone(), ScenarioSet::Named(id.to_string()), options),
        RunKind::Baseline if load.is_empty() => {
            return (t.clone(), ScenarioSet::Baseline, options);
        }
        RunKind::Baseline => (
            Vec::new(),
            "the design as drawn, with the panel's load profile",
        ),
        RunKind::Failure(target) => (
            vec![Fault {
                at_s: fault_at_s,
                duration_s: None,
                fault: target.fault(),
            }],
            "injected from the canvas",
        ),
    };
    let mut copy = t.clone();
    let id = unused_id(&copy, &request.kind);
    copy.scenarios.push(Scenario {
        id: id.clone(),
        description: description.to_owned(),
        duration_s: None,
        load,
        faults,
    });
    (copy, ScenarioSet::Named(id.to_string()), options)
}

/// An id for the extra scenario that no scenario of the file uses.
fn unused_id(t: &Topology, kind: &RunKind) -> Id {
    let base = match kind {
        RunKind::Failure(target) => format!("failure of {}", target.label()),
        _ => "baseline with profile".to_owned(),
    };
    let base = Id::slugify(&base).unwrap_or_else(Id::fallback);
    let taken = |id: &Id| t.scenarios.iter().any(|s| s.id == *id);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| base.numbered(n))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// What can be failed from the context menu of element `id`: the component itself, the zones
/// it (or the tier) is placed in, and its region.
pub fn failure_targets(t: &Topology, id: &Id) -> Vec<FailureTarget> {
    use crate::model::{Ancestry, ContainerKind, Index};
    let index = Index::new(t);
    let ancestry = Ancestry::new(t, &index);
    let mut targets = Vec::new();
    let mut zones: Vec<Id> = Vec::new();
    let mut region: Option<Id> = None;
    if let Some(c) = t.component(id.as_str()) {
        targets.push(FailureTarget::Component(c.id.clone()));
        zones.extend(c.capacity.zones.iter().cloned());
        if zones.is_empty()
            && let Some(subnet) = ancestry.subnet(c.container.as_ref())
            && let ContainerKind::Subnet(s) = &subnet.kind
        {
            zones.extend(s.zones.iter().cloned());
        }
        region = ancestry.component_region(c).cloned();
    } else if let Some(c) = t.container(id.as_str()) {
        match &c.kind {
            ContainerKind::Subnet(s) => zones.extend(s.zones.iter().cloned()),
            ContainerKind::Vpc(v) => {
                if let Some(r) = t.region(v.region.as_str()) {
                    zones.extend(r.zones.iter().cloned());
                }
            }
            _ => {}
        }
        region = ancestry.region(Some(&c.id)).cloned();
    }
    zones.dedup();
    targets.extend(zones.into_iter().map(FailureTarget::Zone));
    targets.extend(region.map(FailureTarget::Region));
    targets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::parse;

    fn icarus() -> Topology {
        parse(include_str!(
            "../../../sample-topologies/icarus-platform.ron"
        ))
        .expect("the sample loads")
    }

    #[test]
    fn plain_runs_use_the_document_as_it_is() {
        let t = icarus();
        for (kind, set) in [
            (RunKind::Baseline, ScenarioSet::Baseline),
            (RunKind::SingleFailures, ScenarioSet::SingleFailures),
        ] {
            let request = Request {
                kind,
                settings: RunSettings::default(),
            };
            let (copy, got, options) = prepare(&t, &request);
            assert_eq!(got, set);
            assert_eq!(copy, t);
            assert_eq!(options.duration_s, 300.0);
            assert_eq!(options.fault_at_s, Some(60.0));
        }
    }

    #[test]
    fn a_failure_becomes_a_scenario_of_a_copy() {
        let t = icarus();
        let db = Id::new("db-cluster").expect("id");
        let request = Request {
            kind: RunKind::Failure(FailureTarget::Component(db.clone())),
            settings: RunSettings {
                fault_at_s: 30.0,
                ..RunSettings::default()
            },
        };
        let (copy, set, _) = prepare(&t, &request);
        let ScenarioSet::Named(name) = set else {
            panic!("expected a named scenario");
        };
        let added = copy
            .scenarios
            .iter()
            .find(|s| s.id == name.as_str())
            .expect("the scenario is in the copy");
        assert_eq!(added.faults.len(), 1);
        assert_eq!(added.faults[0].at_s, 30.0);
        assert_eq!(
            added.faults[0].fault,
            FaultKind::ComponentDown {
                component: db,
                replicas: None
            }
        );
        assert!(!t.scenarios.iter().any(|s| s.id == name.as_str()));
    }

    #[test]
    fn a_profile_applies_to_every_actor() {
        let t = icarus();
        let profile = LoadProfile::Step {
            at_s: 10.0,
            factor: 2.0,
        };
        let request = Request {
            kind: RunKind::Baseline,
            settings: RunSettings {
                profile: profile.clone(),
                ..RunSettings::default()
            },
        };
        let (copy, set, _) = prepare(&t, &request);
        let ScenarioSet::Named(name) = set else {
            panic!("expected a named scenario");
        };
        let added = copy
            .scenarios
            .iter()
            .find(|s| s.id == name.as_str())
            .expect("added");
        assert!(added.faults.is_empty());
        assert_eq!(added.load[0].actor, None);
        assert_eq!(added.load[0].profile, profile);
    }

    #[test]
    fn the_extra_scenario_never_takes_an_id_of_the_file() {
        let mut t = icarus();
        let target = FailureTarget::Zone(Id::new("eu-central-1a").expect("id"));
        let first = unused_id(&t, &RunKind::Failure(target.clone()));
        t.scenarios.push(Scenario {
            id: first.clone(),
            description: String::new(),
            duration_s: None,
            load: Vec::new(),
            faults: Vec::new(),
        });
        let second = unused_id(&t, &RunKind::Failure(target));
        assert_ne!(first, second);
    }

    #[test]
    fn components_offer_themselves_their_zones_and_region() {
        let t = icarus();
        let component = t
            .components
            .iter()
            .find(|c| c.capacity.zones.len() >= 2)
            .expect("a multi-zone component");
        let targets = failure_targets(&t, &component.id);
        assert_eq!(targets[0], FailureTarget::Component(component.id.clone()));
        let zones = targets
            .iter()
            .filter(|x| matches!(x, FailureTarget::Zone(_)))
            .count();
        assert_eq!(zones, component.capacity.zones.len());
        assert!(matches!(targets.last(), Some(FailureTarget::Region(_))));
    }
}
