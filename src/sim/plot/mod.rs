//! Charts of a report, written as PNG and SVG with plotters: per scenario, throughput, errors
//! and latency over time with the faults shaded; for a sweep, the ranking as a bar chart.
//!
//! Text is drawn with a font bundled in the binary (`assets/fonts/`), so no system font is
//! needed.

mod font;
mod inline;
mod ranking;
mod timeline;

pub use inline::{ranking_svg, scenario_svg};

use std::path::{Path, PathBuf};

use super::report::Report;
use crate::model::Id;

/// Why the charts could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// The output directory could not be created.
    #[error("{}: cannot create the directory: {source}", path.display())]
    Directory {
        /// The directory.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// Drawing or encoding a chart failed.
    #[error("{}: cannot draw the chart: {message}", path.display())]
    Draw {
        /// The chart file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// Writes the charts of `report` into `dir` (created if needed); returns the files written.
///
/// Per scenario `NN-name.png` and `NN-name.svg` (NN its position in the run); for a
/// `single-failures` sweep also `ranking.png` and `ranking.svg`.
pub fn write_plots(report: &Report, dir: &Path) -> Result<Vec<PathBuf>, PlotError> {
    std::fs::create_dir_all(dir).map_err(|source| PlotError::Directory {
        path: dir.to_path_buf(),
        source,
    })?;
    font::register();
    let mut written = Vec::new();
    for (i, s) in report.scenarios.iter().enumerate() {
        let stem = format!("{:02}-{}", i + 1, slug(&s.name));
        for ext in ["png", "svg"] {
            let path = dir.join(format!("{stem}.{ext}"));
            timeline::draw(s, &report.slo, &path)?;
            written.push(path);
        }
    }
    if !report.ranking.is_empty() {
        for ext in ["png", "svg"] {
            let path = dir.join(format!("ranking.{ext}"));
            ranking::draw(report, &path)?;
            written.push(path);
        }
    }
    Ok(written)
}

/// A file-name-safe form of a scenario name.
fn slug(name: &str) -> String {
    Id::slugify(name).map_or_else(|| "scenario".to_owned(), |id| id.to_string())
}

/// Chart size in pixels (SVG user units).
pub(crate) const SIZE: (u32, u32) = (1200, 900);

/// Turns a drawing error into a [`PlotError`] for `path`.
pub(crate) fn draw_error(path: &Path, e: impl std::fmt::Display) -> PlotError {
    PlotError::Draw {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}
