//! Traffic and failure simulation: a parallel discrete-event simulation of individual requests
//! through the drawn topology, and a Monte-Carlo availability run from MTBF/MTTR.
//!
//! ```no_run
//! use daedalus::sim::{Control, ScenarioSet, SimOptions, plan, run};
//! # let topology = daedalus::model::Topology::new("t");
//! let p = plan(&topology, &ScenarioSet::SingleFailures, &SimOptions::default())?;
//! let control = Control::new(); // share `control.progress` / `control.cancel` with a UI
//! let report = run(&p, &control)?; // plain data: serde-serialisable, ready to chart
//! for r in &report.ranking {
//!     println!("{} {} lost {:.2} %", r.rank, r.name, 100.0 * r.lost_ratio);
//! }
//! # Ok::<(), daedalus::sim::SimError>(())
//! ```
//!
//! The model, what each figure means, the assumptions and the limits are in
//! `docs/simulation.md`. Nothing here depends on a user interface.

mod availability;
mod engine;
mod error;
mod histogram;
mod net;
mod options;
mod plan;
pub mod plot;
mod profile;
mod rank;
mod report;
mod rpo;
mod run;
mod sample;
mod singles;
mod slo;
pub mod stats;
mod summarize;

pub use availability::{AvailabilityReport, ComponentAvailability};
pub use error::SimError;
pub use options::{Control, ScenarioSet, SimOptions};
pub use plan::{
    MAX_DURATION_S, MAX_REPLICATIONS, Plan, PlannedFault, PlannedLoad, ScenarioKind, ScenarioPlan,
    Skipped, SloTarget, plan,
};
pub use profile::{factor_at, max_factor};
pub use report::*;
pub use run::{run, simulate};
pub use slo::{MONTH_S, RECOVERY_HOLD_S};
