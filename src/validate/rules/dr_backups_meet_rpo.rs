//! DR-002: backup frequency, retention and replication lag meet the recovery point objective.
//!
//! With point-in-time recovery a database can be restored to within [`PITR_RPO_MIN`] minutes
//! (the transaction-log archive interval of managed databases); without it, to the last full
//! backup, `interval_hours` old at worst. A backup kept for less than one interval expires before
//! the next is taken. Asynchronous replicas lose their lag on failover.

use crate::model::{ComponentKind, Replication};
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// Data lost at worst when restoring with point-in-time recovery, in minutes.
pub(crate) const PITR_RPO_MIN: f64 = 5.0;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DR-002",
    family: Family::DisasterRecovery,
    severity: Severity::Error,
    title: "Backup frequency, retention and replication meet the RPO",
    rationale: "Icarus: High Availability and Disaster Recovery › Disaster Recovery: 'Backup Strategy: Regular automated backups' and 'RTO/RPO: Recovery Time Objective and Recovery Point Objective defined'. An objective that the backups cannot meet is not an objective.",
    fix: "Turn on point-in-time recovery or back up at least every RPO, keep each backup longer than the interval, and use synchronous replication (or a smaller lag) for an RPO below the lag.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let Some(rpo_min) = cx.t.policies.rpo_min else {
        return;
    };
    for (i, c) in cx.t.components.iter().enumerate() {
        let ComponentKind::Database(d) = &c.kind else {
            continue;
        };
        if !cx.is_production(i) {
            continue;
        }
        let what = cx.describe(i);
        let id = || vec![c.id.clone()];
        if let Some(b) = &d.backups {
            let (loss_min, how) = if b.point_in_time_recovery {
                (PITR_RPO_MIN, "point-in-time recovery".to_owned())
            } else {
                (
                    f64::from(b.interval_hours) * 60.0,
                    format!("a backup every {} h", b.interval_hours),
                )
            };
            if loss_min > rpo_min {
                out.push(
                    RULE.finding(
                        format!(
                            "{what} can lose up to {loss_min} min of data with {how}, more than the RPO of {rpo_min} min"
                        ),
                        id(),
                    )
                    .at_field("backups"),
                );
            }
            if u64::from(b.retention_days) * 24 < u64::from(b.interval_hours) {
                out.push(
                    RULE.finding(
                        format!(
                            "{what} keeps backups {} days but takes one every {} h: there are times with no backup",
                            b.retention_days, b.interval_hours
                        ),
                        id(),
                    )
                    .at_field("retention_days"),
                );
            }
        }
        if let Replication::Asynchronous { lag_ms } = d.replication
            && lag_ms / 60_000.0 > rpo_min
        {
            out.push(
                RULE.finding(
                    format!(
                        "{what} replicates asynchronously with a lag of {lag_ms} ms, which a failover loses: more than the RPO of {rpo_min} min"
                    ),
                    id(),
                )
                .at_field("replication"),
            );
        }
    }
}
