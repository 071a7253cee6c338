//! SARIF 2.1.0 output (`daedalus validate --format sarif`), with serde-sarif: every rule's
//! metadata in the tool driver, and each finding located at its element's line and column in the
//! `.ron` file so that code-scanning UIs show it inline. Waived findings carry an accepted
//! in-source suppression with the waiver's justification.

use std::collections::BTreeMap;

use serde_json::json;
use serde_sarif::sarif::{
    ArtifactLocation, Location, LogicalLocation, Message, MultiformatMessageString,
    PhysicalLocation, PropertyBag, Region, ReportingConfiguration, ReportingDescriptor, Result,
    ResultLevel, Run, Sarif, Suppression, Tool, ToolComponent,
};

use super::Report;
use super::finding::{Finding, Severity};
use super::registry::RULES;
use crate::io::SourceMap;

/// The SARIF schema the log declares.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The findings of `report` of at least `min` severity as a SARIF 2.1.0 log for the file at
/// `uri` (as given on the command line), whose text is `source`.
pub fn to_sarif(report: &Report, min: Severity, uri: &str, source: &str) -> Sarif {
    let map = SourceMap::new(source);
    let rules: Vec<ReportingDescriptor> = RULES
        .iter()
        .map(|r| {
            ReportingDescriptor::builder()
                .id(r.id)
                .name(r.title)
                .short_description(text(r.title))
                .full_description(text(r.rationale))
                .help(text(r.fix))
                .default_configuration(
                    ReportingConfiguration::builder()
                        .level(json!(level(r.severity)))
                        .build(),
                )
                .properties(
                    PropertyBag::builder()
                        .tags(vec![r.family.label().to_owned()])
                        .build(),
                )
                .build()
        })
        .collect();
    let results: Vec<Result> = report.at_least(min).map(|f| result(f, &map, uri)).collect();
    let driver = ToolComponent::builder()
        .name("daedalus")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let run = Run::builder()
        .tool(Tool::builder().driver(driver).build())
        .results(results)
        .build();
    Sarif::builder()
        .schema(SARIF_SCHEMA)
        .version(json!("2.1.0"))
        .runs(vec![run])
        .build()
}

fn text(s: &str) -> MultiformatMessageString {
    MultiformatMessageString::builder().text(s).build()
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(f: &Finding, map: &SourceMap, uri: &str) -> Result {
    let mut physical = PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(uri).build())
        .build();
    if let Some(pos) = map.locate(&f.locus) {
        physical.region = Some(
            Region::builder()
                .start_line(pos.line as i64)
                .start_column(pos.column as i64)
                .build(),
        );
    }
    let logical: Vec<LogicalLocation> = f
        .elements
        .iter()
        .map(|e| {
            LogicalLocation::builder()
                .name(e.as_str())
                .fully_qualified_name(e.as_str())
                .kind("element")
                .build()
        })
        .collect();
    let mut location = Location::builder().physical_location(physical).build();
    if !logical.is_empty() {
        location.logical_locations = Some(logical);
    }
    let rule_index = RULES.iter().position(|r| r.id == f.rule);
    let fingerprint = format!(
        "{}:{}",
        f.rule,
        f.elements
            .iter()
            .map(|e| e.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    let mut r = Result::builder()
        .rule_id(f.rule)
        .level(match f.severity {
            Severity::Error => ResultLevel::Error,
            Severity::Warning => ResultLevel::Warning,
            Severity::Info => ResultLevel::Note,
        })
        .message(Message::builder().text(f.message.as_str()).build())
        .locations(vec![location])
        .partial_fingerprints(BTreeMap::from([(
            "daedalusFinding/v1".to_owned(),
            fingerprint,
        )]))
        .build();
    r.rule_index = rule_index.map(|i| i as i64);
    if let Some(justification) = &f.waiver {
        r.suppressions = Some(vec![
            Suppression::builder()
                .kind(json!("inSource"))
                .status(json!("accepted"))
                .justification(justification.as_str())
                .build(),
        ]);
    }
    r
}
