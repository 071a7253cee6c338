//! DR-001: production databases take automated backups with point-in-time recovery.

use crate::model::ComponentKind;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DR-001",
    family: Family::DisasterRecovery,
    severity: Severity::Error,
    title: "Automated database backups with point-in-time recovery",
    rationale: "Icarus: Data Storage › Database Cluster: 'Backup: Automated backups with point-in-time recovery'; High Availability and Disaster Recovery › Disaster Recovery: 'Backup Strategy: Regular automated backups'. Replicas copy a bad write or a dropped table at once; only a backup brings the data back.",
    fix: "Give the database backups with point_in_time_recovery: true.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        let ComponentKind::Database(d) = &c.kind else {
            continue;
        };
        if !cx.is_production(i) {
            continue;
        }
        let problem = match &d.backups {
            None => "takes no automated backups",
            Some(b) if !b.point_in_time_recovery => "has no point-in-time recovery",
            Some(_) => continue,
        };
        out.push(
            RULE.finding(format!("{} {problem}", cx.describe(i)), vec![c.id.clone()])
                .at_field("backups"),
        );
    }
}
