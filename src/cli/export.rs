//! `daedalus export terraform FILE -o DIR [--cloud aws|azure|gcp] [--force]` and
//! `daedalus export helm FILE -o DIR [--force]`: the topology as deployable code.
//!
//! Exit codes: 0 written; 1 the topology has semantic problems (printed as `FILE:LINE:COL:
//! message`) or cannot be exported; 2 the file cannot be read or parsed, the directory is not
//! empty without `--force`, or it cannot be written.

use std::path::PathBuf;

use daedalus::export::{self, Cloud, ExportError, Target};

use super::Outcome;
use super::check::load_consistent;
use super::export_diagram::ImageFormat;

/// The export formats.
#[derive(clap::Subcommand)]
pub(crate) enum Format {
    /// A Terraform root module (AWS, Azure or GCP).
    Terraform(TerraformArgs),
    /// A Helm chart of the Kubernetes workloads.
    Helm(CommonArgs),
    /// The diagram as a Mermaid flowchart (standard output, or -o FILE).
    Mermaid(super::export_diagram::MermaidArgs),
    /// The diagram as an SVG image.
    Svg(super::export_diagram::ImageArgs),
    /// The diagram as a PNG image.
    Png(super::export_diagram::ImageArgs),
}

/// Arguments every format takes.
#[derive(clap::Args)]
pub(crate) struct CommonArgs {
    /// The topology file.
    file: PathBuf,
    /// Output directory (created if missing; must be empty unless --force).
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
    /// Write into a non-empty directory, replacing the files of an earlier export.
    #[arg(long)]
    force: bool,
}

/// Arguments of `export terraform`.
#[derive(clap::Args)]
pub(crate) struct TerraformArgs {
    #[command(flatten)]
    common: CommonArgs,
    /// The cloud to export to.
    #[arg(long, value_enum, default_value_t = CloudArg::Aws)]
    cloud: CloudArg,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum CloudArg {
    /// Amazon Web Services.
    Aws,
    /// Microsoft Azure.
    Azure,
    /// Google Cloud.
    Gcp,
}

impl From<CloudArg> for Cloud {
    fn from(c: CloudArg) -> Self {
        match c {
            CloudArg::Aws => Cloud::Aws,
            CloudArg::Azure => Cloud::Azure,
            CloudArg::Gcp => Cloud::Gcp,
        }
    }
}

pub(crate) fn run(format: &Format) -> Outcome {
    let (common, target) = match format {
        Format::Terraform(a) => (&a.common, Target::Terraform(a.cloud.into())),
        Format::Helm(a) => (a, Target::Helm),
        Format::Mermaid(a) => return super::export_diagram::mermaid(a),
        Format::Svg(a) => return super::export_diagram::image(a, ImageFormat::Svg),
        Format::Png(a) => return super::export_diagram::image(a, ImageFormat::Png),
    };
    let file = common.file.display().to_string();
    let loaded = match load_consistent(&common.file, "not exported", Outcome::Findings) {
        Ok(l) => l,
        Err(outcome) => return outcome,
    };
    let exported = match export::export(&loaded.topology, target) {
        Ok(e) => e,
        Err(e @ ExportError::Format { .. }) => {
            eprintln!("daedalus: internal error: {e}");
            return Outcome::Unreadable;
        }
        Err(e) => {
            eprintln!("{file}: {e}");
            return Outcome::Findings;
        }
    };
    match export::write_export(&exported, &common.output, common.force) {
        Ok(written) => {
            for note in &exported.notes {
                eprintln!("{file}: note: {note}");
            }
            println!(
                "{}: {} files, {} resources",
                common.output.display(),
                written.len(),
                exported.resource_count()
            );
            Outcome::Ok
        }
        Err(e) => {
            eprintln!("daedalus: {e}");
            Outcome::Unreadable
        }
    }
}
