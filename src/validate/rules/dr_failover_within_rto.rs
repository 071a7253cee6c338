//! DR-005: stateful clusters fail over within the recovery time objective: detection (health
//! check interval × unhealthy threshold) plus promotion fits in the RTO.

use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DR-005",
    family: Family::DisasterRecovery,
    severity: Severity::Error,
    title: "Failover of stateful clusters within the RTO",
    rationale: "Icarus: High Availability and Disaster Recovery › High Availability: 'Failover: Automatic failover for databases'; Disaster Recovery: 'RTO/RPO: Recovery Time Objective and Recovery Point Objective defined'. A failover slower than the RTO breaks the objective on every primary failure.",
    fix: "Shorten the health-check interval or threshold, or the promotion time (e.g. a Multi-AZ cluster instead of an instance), or agree on a longer RTO.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let Some(rto_min) = cx.t.policies.rto_min else {
        return;
    };
    for (i, c) in cx.t.components.iter().enumerate() {
        if !c.kind.tag().is_data_store() || !cx.is_production(i) || c.capacity.replicas < 2 {
            continue;
        }
        let f = &c.capacity.failover;
        let failover_s = f.detection_delay_s() + f.promotion_time_s;
        if failover_s <= rto_min * 60.0 {
            continue;
        }
        out.push(
            RULE.finding(
                format!(
                    "{} takes {failover_s} s to fail over ({} s to detect, {} s to promote), more than the RTO of {rto_min} min",
                    cx.describe(i),
                    f.detection_delay_s(),
                    f.promotion_time_s
                ),
                vec![c.id.clone()],
            )
            .at_field("failover"),
        );
    }
}
