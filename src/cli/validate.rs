//! `daedalus validate FILE [--format text|json|sarif] [--min-severity info|warning|error]`:
//! the validation rules on a topology that parses and is consistent.
//!
//! Exit codes: 0 when no unwaived error remains, 1 when one does, 2 when the file cannot be read
//! or parsed or has semantic problems (printed once on stderr as `FILE:LINE:COL: message`, as
//! `daedalus check` prints them).

use std::io::Write;
use std::path::PathBuf;

use anstyle::{AnsiColor, Style};
use daedalus::io::SourceMap;
use daedalus::validate::{self, Report, Severity};

use super::Outcome;
use super::check::load_consistent;

/// Arguments of `validate`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The topology file.
    file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Leave out findings below this severity (the exit code does not change).
    #[arg(long, value_enum, default_value_t = MinSeverity::Info)]
    min_severity: MinSeverity,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Grouped by severity, one line per finding, coloured on a terminal.
    Text,
    /// One JSON object: findings and a summary.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum MinSeverity {
    /// Everything.
    Info,
    /// Warnings and errors.
    Warning,
    /// Errors only.
    Error,
}

impl From<MinSeverity> for Severity {
    fn from(m: MinSeverity) -> Self {
        match m {
            MinSeverity::Info => Severity::Info,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Error => Severity::Error,
        }
    }
}

pub(crate) fn run(args: &Args) -> Outcome {
    let file = args.file.display().to_string();
    let loaded = match load_consistent(&args.file, "not validated", Outcome::Unreadable) {
        Ok(l) => l,
        Err(outcome) => return outcome,
    };
    let report = validate::validate(&loaded.topology);
    let min = Severity::from(args.min_severity);
    let printed = match args.format {
        Format::Text => text(&report, min, &file, &loaded.source),
        Format::Json => {
            let value = validate::to_json(&report, min, Some(&loaded.source));
            serde_json::to_string_pretty(&value).map_err(|e| e.to_string())
        }
        Format::Sarif => {
            let sarif = validate::to_sarif(&report, min, &sarif_uri(&file), &loaded.source);
            serde_json::to_string_pretty(&sarif).map_err(|e| e.to_string())
        }
    };
    match printed {
        Ok(out) => {
            let mut stdout = anstream::stdout();
            if let Err(e) = writeln!(stdout, "{out}") {
                eprintln!("daedalus: cannot write the report: {e}");
                return Outcome::Unreadable;
            }
        }
        Err(e) => {
            eprintln!("daedalus: cannot write the report: {e}");
            return Outcome::Unreadable;
        }
    }
    if report.has_unwaived_errors() {
        Outcome::Findings
    } else {
        Outcome::Ok
    }
}

/// The file as a relative URI reference with `/` separators, as SARIF viewers expect.
fn sarif_uri(file: &str) -> String {
    let forward = file.replace('\\', "/");
    forward
        .strip_prefix("./")
        .unwrap_or(&forward)
        .replace(' ', "%20")
}

fn style(s: Severity) -> Style {
    let colour = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(colour.into())).bold()
}

/// The text report: a heading per severity, one line per finding, a summary line.
fn text(report: &Report, min: Severity, file: &str, source: &str) -> Result<String, String> {
    let map = SourceMap::new(source);
    let dim = Style::new().dimmed();
    let mut out = String::new();
    for severity in Severity::ALL.into_iter().filter(|s| *s >= min) {
        let group: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == severity)
            .collect();
        if group.is_empty() {
            continue;
        }
        let s = style(severity);
        out.push_str(&format!(
            "{s}{} ({}){s:#}\n",
            match severity {
                Severity::Error => "errors",
                Severity::Warning => "warnings",
                Severity::Info => "info",
            },
            group.len()
        ));
        for f in group {
            let at = map.locate(&f.locus).map_or_else(
                || file.to_owned(),
                |p| format!("{file}:{}:{}", p.line, p.column),
            );
            let element = f.elements.first().map_or("topology", |e| e.as_str());
            let waived = f
                .waiver
                .as_ref()
                .map_or_else(String::new, |j| format!(" {dim}(waived: {j}){dim:#}"));
            out.push_str(&format!(
                "  {s}{}{s:#} {element}: {} {dim}[{at}]{dim:#}{waived}\n",
                f.rule, f.message
            ));
        }
    }
    let sum = validate::Summary::of(report.at_least(min));
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!(
        "{file}: {}, {}, {} info, {} waived",
        plural(sum.error, "error"),
        plural(sum.warning, "warning"),
        sum.info,
        sum.waived
    ));
    Ok(out)
}
