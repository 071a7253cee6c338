//! `daedalus rules [--format text|json]`: every validation rule with its id, severity and title.

use daedalus::validate::RULES;
use serde::Serialize;

use super::Outcome;

/// Arguments of `rules`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// One line per rule: id, severity, title.
    Text,
    /// A JSON array with every rule's metadata.
    Json,
}

#[derive(Serialize)]
struct JsonRule {
    id: &'static str,
    family: &'static str,
    severity: &'static str,
    title: &'static str,
    rationale: &'static str,
    fix: &'static str,
}

pub(crate) fn run(args: &Args) -> Outcome {
    match args.format {
        Format::Text => {
            for r in RULES {
                println!("{:<8} {:<8} {}", r.id, r.severity.as_str(), r.title);
            }
        }
        Format::Json => {
            let rules: Vec<JsonRule> = RULES
                .iter()
                .map(|r| JsonRule {
                    id: r.id,
                    family: r.family.label(),
                    severity: r.severity.as_str(),
                    title: r.title,
                    rationale: r.rationale,
                    fix: r.fix,
                })
                .collect();
            match serde_json::to_string_pretty(&rules) {
                Ok(json) => println!("{json}"),
                Err(e) => {
                    eprintln!("daedalus: cannot write the rules: {e}");
                    return Outcome::Unreadable;
                }
            }
        }
    }
    Outcome::Ok
}
