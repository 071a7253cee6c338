//! `daedalus fmt FILE... [--check]`: canonical formatting of topology files.

use std::path::{Path, PathBuf};

use daedalus::io;

use super::Outcome;
use super::check::load_error_line;

/// Arguments of `fmt`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Topology files.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Change nothing; exit 1 if a file is not in canonical form.
    #[arg(long)]
    check: bool,
    /// Rewrite files even though comments in them will be lost (the model does not keep
    /// comments; `description` fields do).
    #[arg(long)]
    drop_comments: bool,
}

pub(crate) fn run(args: &Args) -> Outcome {
    args.files
        .iter()
        .map(|f| one(args, f))
        .max()
        .unwrap_or(Outcome::Ok)
}

fn one(args: &Args, path: &Path) -> Outcome {
    let file = path.display();
    let loaded = match io::load(path) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{}", load_error_line(&e));
            return Outcome::Unreadable;
        }
    };
    let canonical = match io::to_string(&loaded.topology) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{file}: cannot format: {e}");
            return Outcome::Unreadable;
        }
    };
    if canonical == loaded.source {
        return Outcome::Ok;
    }
    if args.check {
        let line = first_difference(&loaded.source, &canonical);
        eprintln!("{file}:{line}:1: not in canonical form (run `daedalus fmt {file}`)");
        return Outcome::Findings;
    }
    if !args.drop_comments
        && let Some(pos) = io::SourceMap::first_comment(&loaded.source)
    {
        eprintln!(
            "{file}:{}:{}: has a comment, which formatting would delete; move it into a `description`, or pass --drop-comments",
            pos.line, pos.column
        );
        return Outcome::Findings;
    }
    match io::write_atomic(path, canonical.as_bytes()) {
        Ok(()) => {
            println!("formatted {file}");
            Outcome::Ok
        }
        Err(e) => {
            eprintln!("daedalus: {e}");
            Outcome::Unreadable
        }
    }
}

/// 1-based number of the first line where `a` and `b` differ.
fn first_difference(a: &str, b: &str) -> usize {
    let mut bl = b.lines();
    for (i, la) in a.lines().enumerate() {
        if bl.next() != Some(la) {
            return i + 1;
        }
    }
    a.lines().count() + 1
}
