//! `daedalus report FILE -o report.html [--scenario NAME|baseline|single-failures|availability|none]
//! [--duration SECS] [--rps N] [--replications N] [--seed N] [--threads N] [--fault-at SECS]
//! [--force]`: one self-contained HTML file with the diagram, the validation findings and a
//! simulation with its charts, readable offline and printable.
//!
//! Exit codes: 0 written (whatever the findings); 2 the file cannot be read, parsed or has
//! semantic problems (printed as `FILE:LINE:COL: message`), the simulation options are wrong,
//! or the output cannot be written (or exists without `--force`).

use std::path::PathBuf;

use daedalus::io;
use daedalus::report::{ReportInput, Simulation, to_html};
use daedalus::sim::{self, ScenarioSet, SimError, SimOptions};
use daedalus::validate;

use super::Outcome;
use super::check::load_consistent;
use super::simulate::run_with_progress;

/// Arguments of `report`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The topology file.
    file: PathBuf,
    /// The HTML file to write.
    #[arg(short, long, value_name = "OUT")]
    output: PathBuf,
    /// The simulation to include: `baseline`, `single-failures`, `availability`, the id of a
    /// scenario stored in the file, or `none` for a report without simulation.
    #[arg(long, default_value = "baseline", value_name = "NAME")]
    scenario: String,
    /// Simulated seconds per replication.
    #[arg(long, default_value_t = 300.0, value_name = "SECS")]
    duration: f64,
    /// Total request rate of the actors; default: the file's rates.
    #[arg(long, value_name = "N")]
    rps: Option<f64>,
    /// Independent replications per scenario.
    #[arg(long, default_value_t = 3, value_name = "N")]
    replications: u32,
    /// Seed of every random stream.
    #[arg(long, default_value_t = 1, value_name = "N")]
    seed: u64,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// When the generated single-failure faults start.
    #[arg(long, value_name = "SECS")]
    fault_at: Option<f64>,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let file = args.file.display().to_string();
    let loaded = match load_consistent(&args.file, "no report written", Outcome::Unreadable) {
        Ok(l) => l,
        Err(outcome) => return outcome,
    };
    if args.output.exists() && !args.force {
        eprintln!(
            "{}: already exists (use --force to replace it)",
            args.output.display()
        );
        return Outcome::Unreadable;
    }
    let t = &loaded.topology;
    let findings = validate::validate(t);
    let simulated = if args.scenario == "none" {
        None
    } else {
        let Ok(set) = args.scenario.parse::<ScenarioSet>();
        let options = SimOptions {
            duration_s: args.duration,
            rps: args.rps,
            replications: args.replications,
            seed: args.seed,
            threads: args.threads,
            fault_at_s: args.fault_at,
            ..SimOptions::default()
        };
        match sim::plan(t, &set, &options).and_then(|plan| run_with_progress(&plan)) {
            Ok(report) => Some(report),
            Err(SimError::NoTraffic) => {
                eprintln!(
                    "{file}: {}; the report has no simulation section",
                    SimError::NoTraffic
                );
                None
            }
            Err(e) => {
                eprintln!("daedalus: {e}");
                return Outcome::Unreadable;
            }
        }
    };
    let html = to_html(&ReportInput {
        topology: t,
        source: &file,
        findings: &findings,
        simulation: simulated.as_ref().map(|report| Simulation {
            report,
            stale: false,
        }),
    });
    if let Err(e) = io::write_atomic(&args.output, html.as_bytes()) {
        eprintln!("daedalus: {e}");
        return Outcome::Unreadable;
    }
    eprintln!(
        "wrote {} ({} KiB)",
        args.output.display(),
        html.len().div_ceil(1024)
    );
    Outcome::Ok
}
