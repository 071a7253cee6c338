//! `daedalus check FILE [--format text|json]`: parse plus semantic checks.

use std::path::PathBuf;

use daedalus::io::{self, Diagnostic, LoadError};
use serde::Serialize;

use super::Outcome;

/// Arguments of `check`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The topology file.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// One line per problem, `FILE:LINE:COL: message`, on stderr; a summary on stdout.
    Text,
    /// One JSON object on stdout.
    Json,
}

#[derive(Serialize)]
struct Report {
    file: String,
    parsed: bool,
    components: usize,
    connections: usize,
    containers: usize,
    errors: Vec<JsonError>,
}

#[derive(Serialize)]
struct JsonError {
    message: String,
    line: Option<usize>,
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    element: Option<String>,
}

impl From<&Diagnostic> for JsonError {
    fn from(d: &Diagnostic) -> Self {
        Self {
            message: d.message.clone(),
            line: d.line,
            column: d.column,
            element: d.element.as_ref().map(|e| e.to_string()),
        }
    }
}

pub(crate) fn run(args: &Args) -> Outcome {
    let file = args.file.display().to_string();
    let mut report = Report {
        file: file.clone(),
        parsed: false,
        components: 0,
        connections: 0,
        containers: 0,
        errors: vec![],
    };
    let (outcome, diagnostics) = match io::load(&args.file) {
        Err(e) => {
            let (line, column) = e.position().unzip();
            report.errors.push(JsonError {
                message: e.message(),
                line,
                column,
                element: None,
            });
            if args.format == Format::Text {
                eprintln!("{}", load_error_line(&e));
            }
            (Outcome::Unreadable, Vec::new())
        }
        Ok(loaded) => {
            let t = &loaded.topology;
            report.parsed = true;
            report.components = t.components.len();
            report.connections = t.connections.len();
            report.containers = t.containers.len();
            let diagnostics = io::check(t, &loaded.source);
            report
                .errors
                .extend(diagnostics.iter().map(JsonError::from));
            let outcome = if diagnostics.is_empty() {
                Outcome::Ok
            } else {
                Outcome::Findings
            };
            (outcome, diagnostics)
        }
    };
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("daedalus: cannot write the JSON report: {e}");
                return Outcome::Unreadable;
            }
        },
        Format::Text => {
            for d in &diagnostics {
                eprintln!("{}", d.render(&file));
            }
            match outcome {
                Outcome::Ok => println!(
                    "{file}: ok: {} components, {} connections, {} containers",
                    report.components, report.connections, report.containers
                ),
                Outcome::Findings => {
                    let n = diagnostics.len();
                    eprintln!("{file}: {n} problem{}", if n == 1 { "" } else { "s" });
                }
                Outcome::Unreadable => {}
            }
        }
    }
    outcome
}

/// `FILE:LINE:COL: message` for a load error (or `FILE: message` without a position).
pub(crate) fn load_error_line(e: &LoadError) -> String {
    e.to_string()
}

/// Loads `path` for a command that needs a consistent model (validate, export, simulate,
/// report). A load error or the semantic problems are printed on stderr, the problems followed
/// by one line saying what was `not_done`; the command then exits with `on_problems` (or
/// [`Outcome::Unreadable`] for a load error).
pub(crate) fn load_consistent(
    path: &std::path::Path,
    not_done: &str,
    on_problems: Outcome,
) -> Result<io::Loaded, Outcome> {
    let loaded = io::load(path).map_err(|e| {
        eprintln!("{}", load_error_line(&e));
        Outcome::Unreadable
    })?;
    let diagnostics = io::check(&loaded.topology, &loaded.source);
    if diagnostics.is_empty() {
        return Ok(loaded);
    }
    let file = path.display().to_string();
    for d in &diagnostics {
        eprintln!("{}", d.render(&file));
    }
    let n = diagnostics.len();
    eprintln!(
        "{file}: {n} semantic problem{} (see `daedalus check`); {not_done}",
        if n == 1 { "" } else { "s" }
    );
    Err(on_problems)
}
