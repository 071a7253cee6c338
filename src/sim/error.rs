//! Why a simulation could not run.

/// Why a simulation could not be planned or run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SimError {
    /// `--scenario` names no built-in set and no scenario of the file.
    #[error(
        "unknown scenario \"{name}\": the built-in sets are baseline, single-failures and availability{}",
        if known.is_empty() { String::from("; the file defines no scenarios") } else { format!("; the file defines {}", known.join(", ")) }
    )]
    UnknownScenario {
        /// The name asked for.
        name: String,
        /// The scenario ids of the file.
        known: Vec<String>,
    },
    /// No actor sends request traffic that reaches a component.
    #[error(
        "nothing to simulate: no Users or Admins actor sends request traffic (set rate_rps and draw a Request connection from it)"
    )]
    NoTraffic,
    /// The peak load times the calls per request along every path (retries included) is
    /// more than the simulator can process in reasonable time.
    #[error(
        "the design needs about {visits_per_s:.3e} component visits per simulated second at its peak load (calls per request multiplied along every path, every retry counted); at most {} are simulated: lower calls_per_request, retries or the rate",
        super::plan::MAX_VISITS_PER_S
    )]
    TooMuchWork {
        /// Visits per simulated second the design would need.
        visits_per_s: f64,
    },
    /// The failure data make a replication of the availability run simulate too many
    /// failures (MTBF and MTTR of minutes over a thousand years).
    #[error(
        "the failure data give about {per_replication:.3e} failures and repairs per replication of the availability run; at most 2e8 are simulated: check mtbf_hours and mttr_hours (hours, not seconds) or lower --years"
    )]
    TooManyFailures {
        /// Expected failures and repairs per replication.
        per_replication: f64,
    },
    /// An option is out of range.
    #[error("{0}")]
    InvalidOption(String),
    /// The run was cancelled through [`super::Control::cancel`].
    #[error("the simulation was cancelled")]
    Cancelled,
    /// The worker threads could not be started.
    #[error("cannot start {threads} worker threads: {message}")]
    Threads {
        /// Threads asked for.
        threads: usize,
        /// The system's reason.
        message: String,
    },
}
