//! Planning a run: the compiled network, the scenarios resolved to station and replica numbers,
//! the load of each actor, the SLO, and what the run leaves out.

use serde::Serialize;

use super::error::SimError;
use super::net::{NO_ZONE, Net, build, visits_per_request};
use super::options::{ScenarioSet, SimOptions};
use super::profile::max_factor;
use super::singles::single_failures;
use crate::model::{FaultKind, Id, LoadProfile, Scenario, Topology};

/// Longest run accepted, in simulated seconds (a week).
pub const MAX_DURATION_S: f64 = 604_800.0;
/// Most replications accepted.
pub const MAX_REPLICATIONS: u32 = 10_000;
/// Most component visits per simulated second a run may need at its peak load (worst case:
/// every retry made); about ten wall-clock seconds of one core per simulated second.
pub const MAX_VISITS_PER_S: f64 = 20_000_000.0;

/// Everything a run needs, computed once and shared by every replication.
#[derive(Debug, Clone)]
pub struct Plan {
    pub(crate) topology: Topology,
    pub(crate) net: Net,
    pub(crate) set: ScenarioSet,
    pub(crate) options: SimOptions,
    pub(crate) scenarios: Vec<ScenarioPlan>,
    pub(crate) slo: SloTarget,
    pub(crate) skipped: Vec<Skipped>,
}

/// The objective each simulated second is judged against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SloTarget {
    /// Share of requests that must succeed, in percent.
    pub availability_percent: f64,
    /// Latency objective, if the policies set one: (percentile, threshold in ms).
    pub latency: Option<(f64, f64)>,
    /// `policies` when the file sets the availability objective, `default` for 99.9 %.
    pub source: &'static str,
}

/// Something the run leaves out, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    /// The component, zone or region.
    pub element: Id,
    /// Why it is not simulated.
    pub reason: String,
}

/// What a scenario is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScenarioKind {
    /// No fault.
    Baseline,
    /// A whole component fails.
    Component,
    /// An availability zone fails.
    Zone,
    /// A region fails.
    Region,
    /// A scenario of the file.
    Named,
}

/// A scenario ready to run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioPlan {
    /// Name in reports: `baseline`, `db-cluster down`, `zone eu-central-a down`, or the id of a
    /// scenario of the file.
    pub name: String,
    /// What it is about.
    pub kind: ScenarioKind,
    /// The element a generated scenario fails.
    pub element: Option<Id>,
    /// Free text.
    pub description: String,
    /// Simulated seconds (whole).
    pub duration_s: f64,
    /// Faults in time order of their start.
    pub faults: Vec<PlannedFault>,
    /// Load of each actor.
    pub loads: Vec<PlannedLoad>,
}

impl ScenarioPlan {
    /// Start of the first fault, if any.
    pub fn first_fault_s(&self) -> Option<f64> {
        self.faults
            .iter()
            .map(|f| f.at_s)
            .min_by(|a, b| a.total_cmp(b))
    }
}

/// One fault of a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedFault {
    /// Second it starts.
    pub at_s: f64,
    /// Second it is repaired, if within the run.
    pub until_s: Option<f64>,
    /// What fails, in words.
    pub label: String,
    /// Its effect on the simulated stations.
    #[serde(skip)]
    pub(crate) effect: Effect,
}

/// What a fault does to the stations.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Effect {
    /// These (station, replica) pairs stop; `region` when a whole region fails.
    Down {
        replicas: Vec<(u32, u32)>,
        region: bool,
    },
    /// Service times of a station grow by `added_ms`.
    Slow { station: u32, added_ms: f64 },
}

impl Effect {
    pub(crate) fn down(replicas: Vec<(u32, u32)>, region: bool) -> Self {
        Effect::Down { replicas, region }
    }
}

/// The load one actor sends in a scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedLoad {
    /// The actor.
    pub actor: Id,
    /// Base rate in requests per second.
    pub rate_rps: f64,
    /// Profile over time.
    pub profile: LoadProfile,
    #[serde(skip)]
    pub(crate) station: u32,
}

impl Plan {
    /// The scenarios this plan runs, in order.
    pub fn scenarios(&self) -> &[ScenarioPlan] {
        &self.scenarios
    }

    /// What the run leaves out.
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// The objective simulated seconds are judged against.
    pub fn slo(&self) -> &SloTarget {
        &self.slo
    }

    /// The options the plan was made with.
    pub fn options(&self) -> &SimOptions {
        &self.options
    }

    /// The scenario set.
    pub fn set(&self) -> &ScenarioSet {
        &self.set
    }

    /// Units of work of the whole run, for progress: simulated seconds (or years, for the
    /// availability run) times replications.
    pub fn total_work(&self) -> u64 {
        let reps = u64::from(self.options.replications);
        if self.set == ScenarioSet::Availability {
            return self.options.availability_years.ceil() as u64 * reps;
        }
        self.scenarios
            .iter()
            .map(|s| s.duration_s as u64 * reps)
            .sum()
    }
}

/// Plans `set` on `topology` with `options`. The topology should be free of semantic problems
/// (`model::check`); planning never panics on one that is not.
pub fn plan(
    topology: &Topology,
    set: &ScenarioSet,
    options: &SimOptions,
) -> Result<Plan, SimError> {
    validate_options(options)?;
    let net = build(topology);
    let loads = base_loads(&net, options.rps);
    if set != &ScenarioSet::Availability && !loads.iter().any(|l| l.rate_rps > 0.0) {
        return Err(SimError::NoTraffic);
    }
    let duration_s = options.duration_s.ceil();
    let baseline = ScenarioPlan {
        name: "baseline".into(),
        kind: ScenarioKind::Baseline,
        element: None,
        description: "the design as drawn, without faults".into(),
        duration_s,
        faults: Vec::new(),
        loads: loads.clone(),
    };
    let mut skipped = net
        .excluded
        .iter()
        .map(|(id, reason)| Skipped {
            element: id.clone(),
            reason: (*reason).to_owned(),
        })
        .collect::<Vec<_>>();
    let scenarios = match set {
        ScenarioSet::Baseline | ScenarioSet::Availability => vec![baseline],
        ScenarioSet::SingleFailures => {
            let at_s = options.fault_at_s.unwrap_or((duration_s / 4.0).min(60.0));
            let (generated, more_skipped) = single_failures(topology, &net, at_s, &baseline);
            skipped.extend(more_skipped);
            std::iter::once(baseline).chain(generated).collect()
        }
        ScenarioSet::Named(name) => {
            let Some(s) = topology.scenarios.iter().find(|s| s.id == name.as_str()) else {
                return Err(SimError::UnknownScenario {
                    name: name.clone(),
                    known: topology
                        .scenarios
                        .iter()
                        .map(|s| s.id.to_string())
                        .collect(),
                });
            };
            let planned = named(topology, &net, s, duration_s, &loads);
            if !planned.loads.iter().any(|l| l.rate_rps > 0.0) {
                return Err(SimError::NoTraffic);
            }
            vec![planned]
        }
    };
    if set != &ScenarioSet::Availability {
        check_work(&net, &scenarios)?;
    }
    let p = &topology.policies;
    let slo = SloTarget {
        availability_percent: p
            .availability_slo_percent
            .filter(|a| a.is_finite() && *a > 0.0 && *a <= 100.0)
            .unwrap_or(99.9),
        latency: p
            .latency_slo
            .as_ref()
            .filter(|l| l.percentile.is_finite() && l.threshold_ms.is_finite())
            .map(|l| (l.percentile.clamp(0.0, 100.0), l.threshold_ms)),
        source: if p.availability_slo_percent.is_some() {
            "policies"
        } else {
            "default"
        },
    };
    let mut options = options.clone();
    options.duration_s = duration_s;
    options.warmup_s = options.warmup_s.ceil();
    Ok(Plan {
        topology: topology.clone(),
        net,
        set: set.clone(),
        options,
        scenarios,
        slo,
        skipped,
    })
}

/// Refuses scenarios whose peak load, multiplied along the call graph (retries included),
/// would need more than [`MAX_VISITS_PER_S`] component visits per simulated second.
fn check_work(net: &Net, scenarios: &[ScenarioPlan]) -> Result<(), SimError> {
    let visits = visits_per_request(net);
    let peak = scenarios
        .iter()
        .map(|s| {
            s.loads
                .iter()
                .map(|l| {
                    let v = visits.get(l.station as usize).copied().unwrap_or(1.0);
                    l.rate_rps.max(0.0) * max_factor(&l.profile) * v
                })
                .sum::<f64>()
        })
        .fold(
            0.0f64,
            |a, b| if b.is_nan() { f64::INFINITY } else { a.max(b) },
        );
    if peak > MAX_VISITS_PER_S {
        return Err(SimError::TooMuchWork { visits_per_s: peak });
    }
    Ok(())
}

fn validate_options(o: &SimOptions) -> Result<(), SimError> {
    let bad = |m: String| Err(SimError::InvalidOption(m));
    if !(o.duration_s.is_finite() && o.duration_s >= 1.0 && o.duration_s <= MAX_DURATION_S) {
        return bad(format!(
            "the duration is {} s; expected 1 to {MAX_DURATION_S} s",
            o.duration_s
        ));
    }
    if !(1..=MAX_REPLICATIONS).contains(&o.replications) {
        return bad(format!(
            "replications is {}; expected 1 to {MAX_REPLICATIONS}",
            o.replications
        ));
    }
    if let Some(rps) = o.rps
        && !(rps.is_finite() && rps > 0.0 && rps <= 10_000_000.0)
    {
        return bad(format!(
            "--rps is {rps}; expected more than 0 and at most 10000000"
        ));
    }
    if !(o.warmup_s.is_finite() && o.warmup_s >= 0.0 && o.warmup_s < o.duration_s) {
        return bad(format!(
            "the warm-up is {} s; expected 0 or more and less than the duration",
            o.warmup_s
        ));
    }
    if let Some(at) = o.fault_at_s
        && !(at.is_finite() && at >= 0.0 && at < o.duration_s)
    {
        return bad(format!(
            "faults start at {at} s; expected 0 or more and less than the duration"
        ));
    }
    if o.threads == Some(0) || o.threads.is_some_and(|t| t > 1024) {
        return bad("threads must be 1 to 1024".into());
    }
    if !(o.availability_years.is_finite()
        && o.availability_years >= 1.0
        && o.availability_years <= 1_000_000.0)
    {
        return bad(format!(
            "the availability run is {} years; expected 1 to 1000000",
            o.availability_years
        ));
    }
    Ok(())
}

/// The actors' base loads: their `rate_rps`, or `rps` shared in proportion to them (evenly when
/// every actor's rate is 0).
fn base_loads(net: &Net, rps: Option<f64>) -> Vec<PlannedLoad> {
    let actors = &net.stations[..net.actors];
    let total: f64 = actors.iter().map(|a| a.rate_rps).sum();
    let sending = actors.iter().filter(|a| a.arcs.1 > a.arcs.0).count().max(1);
    actors
        .iter()
        .enumerate()
        .map(|(s, a)| {
            let rate_rps = match rps {
                Some(r) if total > 0.0 => r * a.rate_rps / total,
                Some(r) if a.arcs.1 > a.arcs.0 => r / sending as f64,
                Some(_) => 0.0,
                None => a.rate_rps,
            };
            PlannedLoad {
                actor: a.id.clone(),
                rate_rps,
                profile: LoadProfile::Constant,
                station: s as u32,
            }
        })
        .collect()
}

/// A scenario of the file, resolved.
fn named(
    t: &Topology,
    net: &Net,
    s: &Scenario,
    default_duration_s: f64,
    base: &[PlannedLoad],
) -> ScenarioPlan {
    let duration_s = s
        .duration_s
        .filter(|d| d.is_finite() && *d >= 1.0)
        .map_or(default_duration_s, |d| d.min(MAX_DURATION_S).ceil());
    let mut loads = base.to_vec();
    // The entry for every actor first, then the specific ones.
    let everyone = s.load.iter().filter(|l| l.actor.is_none());
    let specific = s.load.iter().filter(|l| l.actor.is_some());
    for l in everyone.chain(specific) {
        for p in loads.iter_mut() {
            if l.actor.as_ref().is_none_or(|a| *a == p.actor) {
                if let Some(r) = l.rate_rps.filter(|r| r.is_finite() && *r >= 0.0) {
                    p.rate_rps = r;
                }
                p.profile = l.profile.clone();
            }
        }
    }
    let mut faults: Vec<PlannedFault> = s
        .faults
        .iter()
        .filter(|f| f.at_s.is_finite() && f.at_s >= 0.0)
        .map(|f| {
            let until_s = f
                .duration_s
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| f.at_s + d)
                .filter(|u| *u < duration_s);
            let (label, effect) = resolve(t, net, &f.fault);
            PlannedFault {
                at_s: f.at_s,
                until_s,
                label,
                effect,
            }
        })
        .collect();
    faults.sort_by(|a, b| a.at_s.total_cmp(&b.at_s));
    ScenarioPlan {
        name: s.id.to_string(),
        kind: ScenarioKind::Named,
        element: None,
        description: s.description.clone(),
        duration_s,
        faults,
        loads,
    }
}

/// A fault of the file as station effects, with a label.
fn resolve(t: &Topology, net: &Net, fault: &FaultKind) -> (String, Effect) {
    let station_of = |id: &Id| net.stations.iter().position(|s| s.id == *id);
    match fault {
        FaultKind::ComponentDown {
            component,
            replicas,
        } => {
            let Some(s) = station_of(component) else {
                return (
                    format!("{component} down (not on a simulated path: no effect)"),
                    Effect::down(Vec::new(), false),
                );
            };
            let station = &net.stations[s];
            let n = replicas.map_or(station.replicas, |k| k.min(station.replicas));
            let label = match replicas {
                Some(k) if *k < station.replicas => format!(
                    "{component}: {k} of {} replica{} down",
                    station.replicas,
                    if station.replicas == 1 { "" } else { "s" }
                ),
                _ => format!("{component} down"),
            };
            (
                label,
                Effect::down((0..n).map(|r| (s as u32, r)).collect(), false),
            )
        }
        FaultKind::ZoneDown { zone } => {
            let z = net.zones.iter().position(|x| x == zone).map(|z| z as u32);
            (
                format!("zone {zone} down"),
                Effect::down(in_zone(net, z), false),
            )
        }
        FaultKind::RegionDown { region } => {
            let r = t
                .regions
                .iter()
                .position(|x| x.id == *region)
                .map(|r| r as u32);
            (
                format!("region {region} down"),
                Effect::down(in_region(net, r), true),
            )
        }
        FaultKind::SlowComponent {
            component,
            added_ms,
        } => match station_of(component) {
            Some(s) if added_ms.is_finite() && *added_ms > 0.0 => (
                format!("{component} +{added_ms} ms"),
                Effect::Slow {
                    station: s as u32,
                    added_ms: *added_ms,
                },
            ),
            _ => (
                format!("{component} slow (not on a simulated path: no effect)"),
                Effect::down(Vec::new(), false),
            ),
        },
    }
}

/// The replicas placed in zone `z`.
pub(crate) fn in_zone(net: &Net, z: Option<u32>) -> Vec<(u32, u32)> {
    let Some(z) = z else { return Vec::new() };
    replicas_where(net, |_, zone| zone == z)
}

/// The replicas in region `r`: those in its zones, and the unplaced replicas of components in it.
pub(crate) fn in_region(net: &Net, r: Option<u32>) -> Vec<(u32, u32)> {
    let Some(r) = r else { return Vec::new() };
    replicas_where(net, |s, zone| {
        if zone == NO_ZONE {
            net.stations[s].region == Some(r)
        } else {
            net.zone_region.get(zone as usize) == Some(&r)
        }
    })
}

fn replicas_where(net: &Net, f: impl Fn(usize, u32) -> bool) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for (s, station) in net.stations.iter().enumerate().skip(net.actors) {
        for (r, &zone) in station.replica_zone.iter().enumerate() {
            if f(s, zone) {
                out.push((s as u32, r as u32));
            }
        }
    }
    out
}
