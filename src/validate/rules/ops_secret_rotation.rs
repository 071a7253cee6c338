//! OPS-003: secrets rotate automatically, at least every [`MAX_ROTATION_DAYS`] days (longer is
//! a warning, never is an error).

use crate::model::ComponentKind;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// Longest rotation period without a warning, in days.
pub(crate) const MAX_ROTATION_DAYS: u32 = 90;

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "OPS-003",
    family: Family::Operations,
    severity: Severity::Error,
    title: "Secrets rotate automatically",
    rationale: "Icarus: Security Infrastructure › Secrets Manager: 'Rotation: Automatic secret rotation'. A leaked secret that never rotates stays valid for as long as the attacker likes.",
    fix: "Set rotation_days on the secrets manager (90 days or less).",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        let ComponentKind::SecretsManager(s) = &c.kind else {
            continue;
        };
        let finding = match s.rotation_days {
            None | Some(0) => RULE.finding(
                format!("{} never rotates secrets", cx.describe(i)),
                vec![c.id.clone()],
            ),
            Some(days) if days > MAX_ROTATION_DAYS => RULE.finding_at(
                Severity::Warning,
                format!(
                    "{} rotates secrets every {days} days, more than {MAX_ROTATION_DAYS}",
                    cx.describe(i)
                ),
                vec![c.id.clone()],
            ),
            Some(_) => continue,
        };
        out.push(finding.at_field("rotation_days"));
    }
}
