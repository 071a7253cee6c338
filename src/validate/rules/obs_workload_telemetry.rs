//! OBS-001: every workload ships logs, metrics and traces (a connection, in either direction, to a
//! log aggregation, a metrics and a tracing backend; a connection of its container counts).

use super::{connected_to_kind, join_or};
use crate::model::KindTag;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "OBS-001",
    family: Family::Observability,
    severity: Severity::Error,
    title: "Every workload ships logs, metrics and traces",
    rationale: "Icarus: Monitoring and Observability › Log Aggregation: 'ELK Stack / CloudWatch Logs: Centralized log storage'; Metrics Collection: 'Prometheus / CloudWatch: Metrics collection and storage'; Distributed Tracing: 'Jaeger / X-Ray: Distributed tracing backend'. A workload that ships nothing fails silently and cannot be debugged.",
    fix: "Draw Observability connections from the workload (or its cluster) to the log aggregation, metrics and tracing backends.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        if c.kind.tag() != KindTag::Workload {
            continue;
        }
        let missing: Vec<&str> = [
            (KindTag::LogAggregation, "logs"),
            (KindTag::Metrics, "metrics"),
            (KindTag::Tracing, "traces"),
        ]
        .into_iter()
        .filter(|(tag, _)| !connected_to_kind(cx, i, *tag))
        .map(|(_, what)| what)
        .collect();
        if missing.is_empty() {
            continue;
        }
        out.push(RULE.finding(
            format!("{} ships no {}", cx.describe(i), join_or(&missing)),
            vec![c.id.clone()],
        ));
    }
}
