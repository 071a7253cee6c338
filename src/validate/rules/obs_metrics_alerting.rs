//! OBS-002: metrics feed alerting: every metrics backend is connected to an alerting system.

use super::connected_to_kind;
use crate::model::KindTag;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "OBS-002",
    family: Family::Observability,
    severity: Severity::Error,
    title: "Metrics feed alerting",
    rationale: "Icarus: Monitoring and Observability › Metrics Collection: 'Alerting: Alert rule configuration'; Alerting: 'PagerDuty / CloudWatch Alarms: Alert management'. Metrics nobody is alerted on are discovered after the outage.",
    fix: "Connect the metrics backend to an alerting system (PagerDuty, CloudWatch Alarms, ...).",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        if c.kind.tag() != KindTag::Metrics || connected_to_kind(cx, i, KindTag::Alerting) {
            continue;
        }
        out.push(RULE.finding(
            format!("{} feeds no alerting system", cx.describe(i)),
            vec![c.id.clone()],
        ));
    }
}
