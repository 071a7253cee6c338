//! The charts as SVG text instead of files, for documents that embed them (the HTML report).

use plotters::prelude::*;

use super::{PlotError, SIZE, font, ranking, timeline};
use crate::sim::plan::SloTarget;
use crate::sim::report::{Report, ScenarioResult};

/// The timeline chart of scenario `s` as an SVG document.
pub fn scenario_svg(s: &ScenarioResult, slo: &SloTarget) -> Result<String, PlotError> {
    font::register();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, SIZE).into_drawing_area();
        timeline::paint(&root, s, slo).map_err(|e| inline_error(&s.name, e))?;
        root.present().map_err(|e| inline_error(&s.name, e))?;
    }
    Ok(out)
}

/// The ranking chart of a sweep as an SVG document (`None` when the report has no ranking).
pub fn ranking_svg(report: &Report) -> Result<Option<String>, PlotError> {
    if report.ranking.is_empty() {
        return Ok(None);
    }
    font::register();
    let rows = report.ranking.len() as u32;
    let size = (SIZE.0, (120 + 28 * rows).max(300));
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        ranking::paint(&root, report).map_err(|e| inline_error("ranking", e))?;
        root.present().map_err(|e| inline_error("ranking", e))?;
    }
    Ok(Some(out))
}

fn inline_error(what: &str, e: impl std::fmt::Display) -> PlotError {
    PlotError::Draw {
        path: std::path::PathBuf::from(format!("{what}.svg")),
        message: e.to_string(),
    }
}
