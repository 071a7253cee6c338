//! Command-line interface: argument parsing, exit codes, and one module per subcommand.
//!
//! Exit codes everywhere: 0 success, 1 findings (problems in a valid-looking input, or a file
//! that `fmt --check` would change), 2 the input could not be read or parsed, or bad usage.

mod check;
mod export;
mod export_diagram;
mod fmt;
mod generate;
mod import;
mod report;
mod rules;
mod simulate;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// What a command found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Outcome {
    /// Nothing to report.
    Ok = 0,
    /// Findings: the input was read, and something in it is wrong.
    Findings = 1,
    /// The input could not be read or parsed.
    Unreadable = 2,
}

impl From<Outcome> for ExitCode {
    fn from(o: Outcome) -> Self {
        ExitCode::from(o as u8)
    }
}

#[derive(Parser)]
#[command(
    name = "daedalus",
    version,
    about = "Design, validate, simulate and export cloud infrastructure topologies",
    long_about = "Design, validate, simulate and export cloud infrastructure topologies.\n\n\
        Without a subcommand, opens the desktop editor (on FILE, or on the Icarus Platform sample).",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Topology file to open in the editor.
    file: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a topology and run the semantic checks (ids, references, zones, CIDRs, numbers).
    Check(check::Args),
    /// Rewrite topology files in canonical form, or check that they are.
    Fmt(fmt::Args),
    /// Write a large synthetic topology, for benchmarks.
    Generate(generate::Args),
    /// Judge a design: security boundaries, high availability, disaster recovery, observability.
    Validate(validate::Args),
    /// List every validation rule with its id, severity and title.
    Rules(rules::Args),
    /// Export the topology: Terraform, a Helm chart, or the diagram (Mermaid, SVG, PNG).
    #[command(subcommand)]
    Export(export::Format),
    /// Import a topology from another format: Mermaid flowcharts.
    #[command(subcommand)]
    Import(import::Format),
    /// Simulate traffic and failures: a baseline, every single failure ranked, a scenario of
    /// the file, or availability from MTBF/MTTR.
    Simulate(simulate::Args),
    /// Write one self-contained HTML report: the diagram, the validation findings and a
    /// simulation with its charts.
    Report(report::Args),
}

/// Parses the command line, runs the command, and returns its exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with status 0; usage errors to stderr with 2.
            let _ = e.print();
            return if e.use_stderr() {
                Outcome::Unreadable.into()
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let outcome = match cli.command {
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Fmt(args)) => fmt::run(&args),
        Some(Command::Generate(args)) => generate::run(&args),
        Some(Command::Validate(args)) => validate::run(&args),
        Some(Command::Rules(args)) => rules::run(&args),
        Some(Command::Export(format)) => export::run(&format),
        Some(Command::Import(format)) => import::run(&format),
        Some(Command::Simulate(args)) => simulate::run(&args),
        Some(Command::Report(args)) => report::run(&args),
        None => editor(cli.file),
    };
    outcome.into()
}

/// Opens the desktop editor on `file`, or on the embedded Icarus sample.
#[cfg(feature = "gui")]
fn editor(file: Option<PathBuf>) -> Outcome {
    match daedalus::ui::run(file) {
        Ok(()) => Outcome::Ok,
        Err(e) => {
            eprintln!("daedalus: cannot open the editor window: {e}");
            eprintln!("(headless commands such as `daedalus check FILE` work without a display)");
            Outcome::Unreadable
        }
    }
}

/// This build has no editor (built without the `gui` feature).
#[cfg(not(feature = "gui"))]
fn editor(_file: Option<PathBuf>) -> Outcome {
    eprintln!(
        "daedalus: this build has no desktop editor (built without the `gui` feature); see `daedalus --help`"
    );
    Outcome::Unreadable
}
