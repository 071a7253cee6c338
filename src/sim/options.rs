//! What to simulate and how: the scenario set, run lengths, replications, seed, threads, and the
//! handles a caller uses to follow and stop a run.

use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Which scenarios to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScenarioSet {
    /// The design as drawn, no faults.
    Baseline,
    /// The baseline and one scenario per component, availability zone and region that hosts
    /// simulated traffic, each failing for the rest of the run; ranked by impact.
    SingleFailures,
    /// A scenario stored in the file, by id.
    Named(String),
    /// The Monte-Carlo availability run from the components' MTBF/MTTR, with the
    /// reliability-block formula beside it.
    Availability,
}

impl FromStr for ScenarioSet {
    type Err = std::convert::Infallible;

    /// `baseline`, `single-failures`, `availability`, or any other text as a scenario id.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "baseline" => ScenarioSet::Baseline,
            "single-failures" => ScenarioSet::SingleFailures,
            "availability" => ScenarioSet::Availability,
            other => ScenarioSet::Named(other.to_owned()),
        })
    }
}

/// Run settings.
#[derive(Debug, Clone, PartialEq)]
pub struct SimOptions {
    /// Simulated seconds per replication (a named scenario may set its own); rounded up to a
    /// whole second.
    pub duration_s: f64,
    /// Total request rate of the actors in requests per second, shared in proportion to their
    /// `rate_rps`; `None` keeps the file's rates.
    pub rps: Option<f64>,
    /// Independent replications per scenario (at least 1; 2 or more give confidence intervals).
    pub replications: u32,
    /// Seed of every random stream.
    pub seed: u64,
    /// Worker threads; `None` uses rayon's global pool (one per core).
    pub threads: Option<usize>,
    /// Seconds at the start of each replication left out of the statistics (not the
    /// timelines); rounded up to a whole second.
    pub warmup_s: f64,
    /// When the generated `single-failures` faults start; `None` for 60 s, or a quarter of the
    /// run when that is shorter.
    pub fault_at_s: Option<f64>,
    /// Whether to keep per-second series of every component (utilisation, queue, rate).
    pub component_timelines: bool,
    /// Simulated years per replication of the availability run.
    pub availability_years: f64,
}

impl Default for SimOptions {
    fn default() -> Self {
        Self {
            duration_s: 600.0,
            rps: None,
            replications: 5,
            seed: 1,
            threads: None,
            warmup_s: 0.0,
            fault_at_s: None,
            component_timelines: true,
            availability_years: 1000.0,
        }
    }
}

/// Progress and cancellation of a run, shared with the caller (a progress bar, an editor panel).
///
/// `progress` counts units of work done: simulated seconds of the traffic runs, simulated
/// years of the availability run, summed over all replications; [`super::Plan::total_work`]
/// is the total. Setting `cancel` stops the run within one simulated second of each worker.
#[derive(Debug, Clone, Default)]
pub struct Control {
    /// Units of work done so far.
    pub progress: Arc<AtomicU64>,
    /// Set to stop the run; it then returns [`super::SimError::Cancelled`].
    pub cancel: Arc<AtomicBool>,
}

impl Control {
    /// A fresh control: no progress, not cancelled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether the run was asked to stop.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Adds `units` of work done.
    pub(crate) fn advance(&self, units: u64) {
        self.progress.fetch_add(units, Ordering::Relaxed);
    }
}
