//! DR-004: the recovery time and recovery point objectives are defined.

use crate::model::check::Locus;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DR-004",
    family: Family::DisasterRecovery,
    severity: Severity::Error,
    title: "RTO and RPO defined",
    rationale: "Icarus: High Availability and Disaster Recovery › Disaster Recovery: 'RTO/RPO: Recovery Time Objective and Recovery Point Objective defined'. Without them no backup interval, retention or failover time can be judged sufficient.",
    fix: "Set policies.rto_min and policies.rpo_min to the objectives agreed with the business.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let p = &cx.t.policies;
    for (field, defined, name) in [
        ("rto_min", p.rto_min.is_some(), "recovery time objective"),
        ("rpo_min", p.rpo_min.is_some(), "recovery point objective"),
    ] {
        if defined {
            continue;
        }
        let mut f = RULE.finding(format!("the {name} ({field}) is not defined"), Vec::new());
        f.locus = Locus::Policies(field);
        out.push(f);
    }
}
