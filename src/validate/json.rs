//! The JSON report of `daedalus validate --format json`:
//! `{"findings":[{"rule","severity","title","message","elements","waived",…}],"summary":{…}}`.

use serde::Serialize;

use super::Report;
use super::finding::{Severity, Summary};
use crate::io::SourceMap;

#[derive(Serialize)]
struct JsonReport<'a> {
    findings: Vec<JsonFinding<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: Severity,
    title: &'a str,
    message: &'a str,
    elements: Vec<&'a str>,
    waived: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    justification: Option<&'a str>,
    fix: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

/// The findings of `report` of at least `min` severity as JSON, with their positions in
/// `source` (the text the topology was read from) when given. The summary counts the findings
/// listed.
pub fn to_json(report: &Report, min: Severity, source: Option<&str>) -> serde_json::Value {
    let map = source.map(SourceMap::new);
    let findings: Vec<JsonFinding> = report
        .at_least(min)
        .map(|f| {
            let pos = map.as_ref().and_then(|m| m.locate(&f.locus));
            JsonFinding {
                rule: f.rule,
                severity: f.severity,
                title: f.title,
                message: &f.message,
                elements: f.elements.iter().map(|e| e.as_str()).collect(),
                waived: f.is_waived(),
                justification: f.waiver.as_deref(),
                fix: f.fix,
                line: pos.map(|p| p.line),
                column: pos.map(|p| p.column),
            }
        })
        .collect();
    let summary = Summary::of(report.at_least(min));
    let report = JsonReport { findings, summary };
    serde_json::to_value(&report).unwrap_or(serde_json::Value::Null)
}
