//! The results of a run as plain, serialisable data: what `--json` writes and what a user
//! interface charts. Figures are means across replications; `ci95` holds the half-widths of
//! their 95 % confidence intervals (absent with a single replication).

use serde::Serialize;

use super::availability::AvailabilityReport;
use super::plan::{PlannedFault, ScenarioKind, Skipped, SloTarget};
use crate::model::Id;

/// Everything a run found.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Seed of every random stream.
    pub seed: u64,
    /// The scenario set: `baseline`, `single-failures`, `availability` or a scenario id.
    pub set: String,
    /// Simulated seconds per replication (of the generated scenarios).
    pub duration_s: f64,
    /// Replications per scenario.
    pub replications: u32,
    /// Total base rate of the actors, requests per second.
    pub offered_rps: f64,
    /// The objective each second is judged against.
    pub slo: SloTarget,
    /// One result per scenario, in run order (the baseline first).
    pub scenarios: Vec<ScenarioResult>,
    /// For `single-failures`: the faulty scenarios by impact, worst first.
    pub ranking: Vec<Ranked>,
    /// What was not simulated, and why.
    pub skipped: Vec<Skipped>,
    /// Calls dropped to break request cycles.
    pub broken_cycles: Vec<BrokenCall>,
    /// For `availability`: the Monte-Carlo run and the reliability-block formula.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<AvailabilityReport>,
}

/// A call left out because it would close a request cycle.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BrokenCall {
    /// The caller.
    pub from: Id,
    /// The component it would call.
    pub to: Id,
}

/// The result of one scenario.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioResult {
    /// Name: `baseline`, `db-cluster down`, `zone eu-central-a down`, or a scenario id.
    pub name: String,
    /// What the scenario is about.
    pub kind: ScenarioKind,
    /// The component, zone or region a generated scenario fails.
    pub element: Option<Id>,
    /// Free text.
    pub description: String,
    /// Simulated seconds per replication.
    pub duration_s: f64,
    /// The faults.
    pub faults: Vec<PlannedFault>,
    /// User requests that ended (after the warm-up), over all replications.
    pub requests: u64,
    /// Of which failed.
    pub failed_requests: u64,
    /// Share of user requests that succeeded.
    pub success_ratio: f64,
    /// Share of the user requests ending from the first fault on that succeeded (`None`
    /// without faults).
    pub fault_success_ratio: Option<f64>,
    /// Latency of the successful user requests.
    pub latency_ms: LatencySummary,
    /// Seconds from the first fault until the SLO held again (for at least 60 s in a row);
    /// 0 when it never broke; `None` when some replication did not recover within the run, or
    /// without faults.
    pub recovery_s: Option<f64>,
    /// Replications that recovered.
    pub recovered_replications: u32,
    /// Seconds in which the SLO did not hold.
    pub slo_violation_s: f64,
    /// Error rate over the error rate the SLO allows (1 burns the budget exactly).
    pub error_budget_burn: f64,
    /// Share of a 30-day error budget the failed requests use, in percent.
    pub error_budget_month_percent: f64,
    /// Call attempts per call, over every synchronous connection (1 without retries).
    pub retry_amplification: f64,
    /// Most requests waiting at one component at once.
    pub peak_queue: f64,
    /// The component where the peak queue was.
    pub peak_queue_component: Option<Id>,
    /// The busiest second of the busiest component.
    pub peak_utilization: Option<PeakUtilization>,
    /// The component whose load grew most against the baseline (in a sweep).
    pub load_shift: Option<LoadShift>,
    /// Asynchronous messages sent per replication.
    pub async_messages: f64,
    /// Of which lost (receiver down or refusing).
    pub async_lost: f64,
    /// Recovery points of the stateful components the faults hit.
    pub rpo: Vec<RpoEstimate>,
    /// 95 % confidence half-widths of the figures above.
    pub ci95: Intervals,
    /// Per component.
    pub components: Vec<ComponentResult>,
    /// Per connection carrying simulated traffic.
    pub connections: Vec<ConnectionResult>,
    /// Per simulated second.
    pub timeline: Vec<SecondResult>,
}

/// Mean and percentiles of latency, ms; `None` when no request succeeded.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LatencySummary {
    /// Mean.
    pub mean: Option<f64>,
    /// Median.
    pub p50: Option<f64>,
    /// 95th percentile.
    pub p95: Option<f64>,
    /// 99th percentile.
    pub p99: Option<f64>,
}

/// 95 % confidence half-widths across replications.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Intervals {
    /// Of `success_ratio`.
    pub success_ratio: Option<f64>,
    /// Of `fault_success_ratio`.
    pub fault_success_ratio: Option<f64>,
    /// Of `latency_ms`.
    pub latency_ms: LatencySummary,
    /// Of `recovery_s`.
    pub recovery_s: Option<f64>,
    /// Of `slo_violation_s`.
    pub slo_violation_s: Option<f64>,
    /// Of `error_budget_burn`.
    pub error_budget_burn: Option<f64>,
    /// Of `retry_amplification`.
    pub retry_amplification: Option<f64>,
    /// Of `peak_queue`.
    pub peak_queue: Option<f64>,
}

/// The highest per-second utilisation of any component.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeakUtilization {
    /// The component.
    pub component: Id,
    /// Busy servers over serving servers in its busiest second (mean across replications).
    pub utilization: f64,
    /// That second.
    pub at_s: u32,
}

/// A component's load against the baseline's, from the first fault to the end of the run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadShift {
    /// The component.
    pub component: Id,
    /// Requests per second it receives in the baseline.
    pub baseline_rps: f64,
    /// Requests per second in this scenario.
    pub rps: f64,
    /// Their ratio.
    pub factor: f64,
}

/// How much data a failed stateful component loses.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RpoEstimate {
    /// The component.
    pub component: Id,
    /// Seconds of writes lost; `None` when no copy outside the failure exists (or it is not
    /// a system of record).
    pub rpo_s: Option<f64>,
    /// Requests written in that window (the component's request rate, an upper bound: the
    /// model does not tell reads from writes).
    pub writes_lost: Option<f64>,
    /// Where the figure comes from.
    pub basis: String,
}

/// One component over the run.
#[derive(Debug, Clone, Serialize)]
pub struct ComponentResult {
    /// Component id.
    pub id: Id,
    /// Its kind.
    pub kind: &'static str,
    /// Servers with every replica up (replicas × concurrency).
    pub servers: u64,
    /// Mean service time of one request, ms (its own work, calls excluded).
    pub mean_service_ms: f64,
    /// Requests per second that arrived (retries and orphans included).
    pub offered_rps: f64,
    /// Busy servers over serving servers, time-averaged.
    pub utilization: f64,
    /// Mean number of requests waiting or holding a server (L).
    pub mean_in_system: f64,
    /// Mean time from arrival to the reply, calls included (what callers wait).
    pub mean_latency_ms: Option<f64>,
    /// Mean time from arrival to the release of the server (W = L / λ by Little's law).
    pub mean_sojourn_ms: Option<f64>,
    /// Mean time waiting for a server.
    pub mean_wait_ms: Option<f64>,
    /// Share of requests answered with an error, lost or refused.
    pub error_ratio: f64,
    /// Requests lost on failed replicas, per replication.
    pub lost: f64,
    /// Requests refused (nothing in rotation, shard unavailable, queue full), per replication.
    pub refused: f64,
    /// Most requests waiting at once.
    pub peak_queue: f64,
    /// Per-second series (when kept).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<ComponentTimeline>,
}

/// Per-second series of one component (means across replications).
#[derive(Debug, Clone, Serialize)]
pub struct ComponentTimeline {
    /// Requests arriving per second.
    pub rps: Vec<f64>,
    /// Utilisation of the serving servers (`None` while none serves).
    pub utilization: Vec<Option<f64>>,
    /// Mean number waiting.
    pub queue: Vec<f64>,
}

/// One connection over the run.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionResult {
    /// Connection id.
    pub id: Id,
    /// Calls per second.
    pub calls_per_s: f64,
    /// Attempts per second (retries included).
    pub attempts_per_s: f64,
    /// Attempts per call.
    pub retry_amplification: f64,
    /// Attempts the caller gave up on, per replication.
    pub timeouts: f64,
    /// Calls that failed after every attempt, per replication.
    pub failures: f64,
}

/// One simulated second of user requests (means across replications).
#[derive(Debug, Clone, Serialize)]
pub struct SecondResult {
    /// Start of the second.
    pub t_s: u32,
    /// Requests the actors sent.
    pub offered_rps: f64,
    /// Requests that succeeded.
    pub served_rps: f64,
    /// Requests that failed.
    pub failed_rps: f64,
    /// Failed over ended requests.
    pub error_rate: f64,
    /// Latency percentiles of the successful requests.
    pub p50_ms: Option<f64>,
    /// 95th percentile.
    pub p95_ms: Option<f64>,
    /// 99th percentile.
    pub p99_ms: Option<f64>,
    /// Share of replications in which this second met the SLO.
    pub slo_met: f64,
}

/// A scenario's place in the ranking of a sweep.
#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    /// 1 for the worst.
    pub rank: usize,
    /// Scenario name.
    pub name: String,
    /// What fails.
    pub kind: ScenarioKind,
    /// Share of the user requests lost from the fault on.
    pub lost_ratio: f64,
    /// Seconds the SLO did not hold.
    pub slo_violation_s: f64,
    /// p99 latency of the successful requests.
    pub p99_ms: Option<f64>,
    /// Whether every replication recovered within the run.
    pub survived: bool,
    /// Seconds to recover (see [`ScenarioResult::recovery_s`]).
    pub recovery_s: Option<f64>,
}
