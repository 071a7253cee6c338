//! `daedalus generate --components N [--connections M] [--seed S] [-o FILE]`.

use std::path::PathBuf;

use daedalus::generate::{GenerateOptions, generate};
use daedalus::io;

use super::Outcome;

/// Arguments of `generate`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// Number of components.
    #[arg(long)]
    components: usize,
    /// Number of connections (default: twice the components).
    #[arg(long)]
    connections: Option<usize>,
    /// Seed of the random choices: the same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output file (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let options = GenerateOptions {
        components: args.components,
        connections: args.connections,
        seed: args.seed,
    };
    let topology = match generate(&options) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("daedalus: {e}");
            return Outcome::Unreadable;
        }
    };
    let result = match &args.output {
        Some(path) => io::save(path, &topology).map_err(|e| e.to_string()),
        None => io::to_string(&topology)
            .map(|text| print!("{text}"))
            .map_err(|e| e.to_string()),
    };
    match result {
        Ok(()) => Outcome::Ok,
        Err(e) => {
            eprintln!("daedalus: {e}");
            Outcome::Unreadable
        }
    }
}
