//! OBS-003: workloads have liveness and readiness probes, and load balancers a health check.

use crate::model::ComponentKind;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "OBS-003",
    family: Family::Observability,
    severity: Severity::Warning,
    title: "Health checks on workloads and load balancers",
    rationale: "Icarus: High Availability and Disaster Recovery › High Availability: 'Health Checks: Continuous health monitoring'; Compute Infrastructure › Load Balancer: 'Health Checks: Monitors container health'. Without them a hung replica keeps receiving traffic.",
    fix: "Set health_probes: true on the workload, and a health_check_path on the load balancer.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        let (problem, field) = match &c.kind {
            ComponentKind::Workload(w) if !w.health_probes => {
                ("has no liveness and readiness probes", "health_probes")
            }
            ComponentKind::LoadBalancer(l) if l.health_check_path.trim().is_empty() => {
                ("has no health check path", "health_check_path")
            }
            _ => continue,
        };
        out.push(
            RULE.finding(format!("{} {problem}", cx.describe(i)), vec![c.id.clone()])
                .at_field(field),
        );
    }
}
