//! Simulation scenarios stored with the design (timed faults and load profiles) and the failure
//! data (MTBF/MTTR) of the Monte-Carlo availability run.

use serde::{Deserialize, Serialize};

use super::Id;

/// A named what-if run of the simulator: timed faults and a load profile per actor.
///
/// `daedalus simulate FILE --scenario ID` runs it; every reference in it (components, zones,
/// regions, actors) is renamed with its target and checked like the references of the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Name of the scenario on the command line and in reports, e.g. `zone-a-outage`; unique
    /// among the scenarios, and none of the built-in sets (`baseline`, `single-failures`,
    /// `availability`).
    pub id: Id,
    /// What the scenario shows.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Simulated seconds; unset uses the command line's `--duration`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<f64>,
    /// Load of the actors: base rate and profile over time. Actors without an entry send their
    /// `rate_rps` at a constant rate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub load: Vec<ActorLoad>,
    /// Faults injected at given times.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub faults: Vec<Fault>,
}

/// The load one actor (or every actor) sends during a scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorLoad {
    /// The `Users` or `Admins` component; unset for every actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Id>,
    /// Base rate in requests per second, replacing the actor's `rate_rps`; unset keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_rps: Option<f64>,
    /// How the rate changes over time, as a factor of the base rate.
    #[serde(default, skip_serializing_if = "LoadProfile::is_constant")]
    pub profile: LoadProfile,
}

/// The arrival rate over time, as a factor of an actor's base rate (arrivals stay Poisson, with
/// this time-varying rate).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum LoadProfile {
    /// The base rate throughout.
    #[default]
    Constant,
    /// A linear change from `from_factor` at `start_s` to `to_factor` at `end_s`, constant
    /// before and after.
    Ramp {
        /// Factor until `start_s`.
        from_factor: f64,
        /// Factor from `end_s` on.
        to_factor: f64,
        /// Second the ramp starts.
        start_s: f64,
        /// Second the ramp ends; after `start_s`.
        end_s: f64,
    },
    /// The base rate until `at_s`, then `factor` times it.
    Step {
        /// Second of the step.
        at_s: f64,
        /// Factor from `at_s` on.
        factor: f64,
    },
    /// `factor` times the base rate from `at_s` for `duration_s` seconds.
    Spike {
        /// Second the spike starts.
        at_s: f64,
        /// Length of the spike in seconds.
        duration_s: f64,
        /// Factor during the spike.
        factor: f64,
    },
    /// A daily cycle: a cosine between `trough_factor` and `peak_factor`, highest at `peak_at_s`
    /// and again every `period_s` seconds.
    Diurnal {
        /// Length of one cycle in seconds (86400 for a day).
        period_s: f64,
        /// Factor at the quietest moment.
        trough_factor: f64,
        /// Factor at the busiest moment.
        peak_factor: f64,
        /// Second of the first peak.
        peak_at_s: f64,
    },
}

impl LoadProfile {
    /// Whether this is [`LoadProfile::Constant`], which files leave out.
    pub fn is_constant(&self) -> bool {
        *self == LoadProfile::Constant
    }
}

/// A fault injected into a scenario: what fails, when, and for how long.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fault {
    /// Second the fault starts.
    pub at_s: f64,
    /// Seconds until it is repaired; unset lasts to the end of the run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_s: Option<f64>,
    /// What fails.
    pub fault: FaultKind,
}

/// What a fault does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum FaultKind {
    /// Replicas of a component (or external dependency) stop: all of them, or the first
    /// `replicas` (a database's first replica is its primary).
    ComponentDown {
        /// The component.
        component: Id,
        /// How many replicas fail, from the first; unset for all.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        replicas: Option<u32>,
    },
    /// Every replica placed in an availability zone stops.
    ZoneDown {
        /// The zone.
        zone: Id,
    },
    /// Every replica in a region stops: those in its zones and the regional services without
    /// zones.
    RegionDown {
        /// The region.
        region: Id,
    },
    /// Every request served by a component takes `added_ms` longer (a slow dependency).
    SlowComponent {
        /// The component.
        component: Id,
        /// Milliseconds added to each service time.
        added_ms: f64,
    },
}

impl FaultKind {
    /// The element the fault is about: a component, zone or region id.
    pub fn target(&self) -> &Id {
        match self {
            FaultKind::ComponentDown { component, .. }
            | FaultKind::SlowComponent { component, .. } => component,
            FaultKind::ZoneDown { zone } => zone,
            FaultKind::RegionDown { region } => region,
        }
    }
}

/// How often something fails and how long a repair takes: the input of the Monte-Carlo
/// availability run. Up and repair times are exponential with these means.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reliability {
    /// Mean time between failures of one replica (or one zone), in hours.
    pub mtbf_hours: f64,
    /// Mean time to repair, in hours.
    pub mttr_hours: f64,
    /// Fraction of a component's failures that take every replica at once (beta-factor
    /// common-cause model), 0–1; 0 for independent replicas. Not used for zones.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub common_cause_ratio: f64,
}

impl Reliability {
    /// Steady-state availability of one element: MTBF / (MTBF + MTTR); 0 when the numbers are
    /// not positive.
    pub fn availability(&self) -> f64 {
        let total = self.mtbf_hours + self.mttr_hours;
        if self.mtbf_hours > 0.0 && self.mttr_hours >= 0.0 && total.is_finite() {
            self.mtbf_hours / total
        } else {
            0.0
        }
    }
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_is_mtbf_over_mtbf_plus_mttr() {
        let r = Reliability {
            mtbf_hours: 99.0,
            mttr_hours: 1.0,
            common_cause_ratio: 0.0,
        };
        assert!((r.availability() - 0.99).abs() < 1e-12);
        let bad = Reliability {
            mtbf_hours: 0.0,
            ..r
        };
        assert_eq!(bad.availability(), 0.0);
    }
}
