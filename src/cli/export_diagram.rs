//! `daedalus export mermaid FILE [-o OUT]`, `daedalus export svg FILE -o OUT.svg [--dark]` and
//! `daedalus export png FILE -o OUT.png [--scale S] [--dark]`: the diagram for documentation.
//!
//! Exit codes: 0 written; 2 the file cannot be read or parsed, or the output cannot be written
//! (or exists without `--force`).

use std::path::{Path, PathBuf};

use daedalus::diagram::{mermaid, png, svg};
use daedalus::io;

use super::Outcome;
use super::check::load_error_line;

/// Arguments of `export mermaid`.
#[derive(clap::Args)]
pub(crate) struct MermaidArgs {
    /// The topology file.
    file: PathBuf,
    /// Output file (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

/// Arguments of `export svg` and `export png`.
#[derive(clap::Args)]
pub(crate) struct ImageArgs {
    /// The topology file.
    file: PathBuf,
    /// Output file.
    #[arg(short, long)]
    output: PathBuf,
    /// Pixels per canvas unit (PNG only).
    #[arg(long, default_value_t = 2.0)]
    scale: f32,
    /// Draw with the dark theme.
    #[arg(long)]
    dark: bool,
    /// Replace the output file if it exists.
    #[arg(long)]
    force: bool,
}

/// An image format.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImageFormat {
    Svg,
    Png,
}

fn load(file: &Path) -> Option<daedalus::model::Topology> {
    match io::load(file) {
        Ok(l) => Some(l.topology),
        Err(e) => {
            eprintln!("{}", load_error_line(&e));
            None
        }
    }
}

fn write(path: &Path, bytes: &[u8], force: bool) -> Outcome {
    if path.exists() && !force {
        eprintln!("{}: exists; pass --force to replace it", path.display());
        return Outcome::Unreadable;
    }
    match io::write_atomic(path, bytes) {
        Ok(()) => {
            println!("{}: {} bytes", path.display(), bytes.len());
            Outcome::Ok
        }
        Err(e) => {
            eprintln!("daedalus: {e}");
            Outcome::Unreadable
        }
    }
}

pub(crate) fn mermaid(args: &MermaidArgs) -> Outcome {
    let Some(t) = load(&args.file) else {
        return Outcome::Unreadable;
    };
    let text = mermaid::to_mermaid(&t);
    match &args.output {
        Some(path) => write(path, text.as_bytes(), args.force),
        None => {
            print!("{text}");
            Outcome::Ok
        }
    }
}

pub(crate) fn image(args: &ImageArgs, format: ImageFormat) -> Outcome {
    let Some(t) = load(&args.file) else {
        return Outcome::Unreadable;
    };
    let options = svg::SvgOptions {
        dark: args.dark,
        ..Default::default()
    };
    let bytes = match format {
        ImageFormat::Svg => svg::to_svg(&t, &options).into_bytes(),
        ImageFormat::Png => match png::to_png(&t, &options, args.scale) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("daedalus: {e}");
                return Outcome::Unreadable;
            }
        },
    };
    write(&args.output, &bytes, args.force)
}
