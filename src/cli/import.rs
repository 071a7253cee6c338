//! `daedalus import mermaid FILE [-o OUT.ron] [--diagram N] [--force]`: a Mermaid flowchart (a
//! `.mmd` file, or the ```` ```mermaid ```` fences of a Markdown document) as a topology.
//!
//! The import report (what was guessed, what is unknown, what was ignored) goes to stderr as
//! `FILE:LINE:COL: …` lines. Exit codes: 0 imported; 2 the file cannot be read or parsed, or
//! the output exists without `--force`.

use std::path::PathBuf;

use daedalus::import::mermaid::{self, Options};
use daedalus::io;

use super::Outcome;

/// The import formats.
#[derive(clap::Subcommand)]
pub(crate) enum Format {
    /// A Mermaid flowchart (`graph` / `flowchart`), alone or in a Markdown document.
    Mermaid(MermaidArgs),
}

/// Arguments of `import mermaid`.
#[derive(clap::Args)]
pub(crate) struct MermaidArgs {
    /// The `.mmd` file or Markdown document.
    file: PathBuf,
    /// Where to write the topology (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Import only the N-th Mermaid diagram of the document (1 is the first); by default
    /// every flowchart is read and merged.
    #[arg(long, value_name = "N")]
    diagram: Option<usize>,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

pub(crate) fn run(format: &Format) -> Outcome {
    let Format::Mermaid(args) = format;
    let file = args.file.display().to_string();
    let source = match std::fs::read(&args.file) {
        Ok(bytes) => match io::decode(&bytes) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{file}:{e}");
                return Outcome::Unreadable;
            }
        },
        Err(e) => {
            eprintln!("{file}: cannot read the file: {e}");
            return Outcome::Unreadable;
        }
    };
    let imported = match mermaid::import(
        &source,
        &Options {
            diagram: args.diagram,
        },
    ) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{file}:{e}");
            return Outcome::Unreadable;
        }
    };
    for note in &imported.notes {
        eprintln!("{}", note.render(&file));
    }
    let t = &imported.topology;
    let summary = format!(
        "imported {} components, {} containers, {} connections",
        t.components.len(),
        t.containers.len(),
        t.connections.len()
    );
    match &args.output {
        Some(out) => {
            if out.exists() && !args.force {
                eprintln!("{}: exists; pass --force to replace it", out.display());
                return Outcome::Unreadable;
            }
            if let Err(e) = io::save(out, t) {
                eprintln!("daedalus: {e}");
                return Outcome::Unreadable;
            }
            eprintln!("{file}: {summary} into {}", out.display());
        }
        None => match io::to_string(t) {
            Ok(text) => {
                print!("{text}");
                eprintln!("{file}: {summary}");
            }
            Err(e) => {
                eprintln!("daedalus: cannot write the topology: {e}");
                return Outcome::Unreadable;
            }
        },
    }
    Outcome::Ok
}
