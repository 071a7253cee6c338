//! OPS-004: a waiver names a rule that exists. A waiver of an unknown rule id (a typo, or a rule
//! that was renamed) accepts nothing, while it reads as if it did.

use crate::model::check::Locus;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::registry::rule;
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "OPS-004",
    family: Family::Operations,
    severity: Severity::Warning,
    title: "Waivers name existing rules",
    rationale: "Icarus: Security Architecture › Access Control: 'Audit Logging: All access logged and auditable'. Waivers are the audit trail of accepted risks; one naming no rule records a decision that has no effect.",
    fix: "Correct the waiver's rule id (daedalus rules lists them) or remove the waiver.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (index, w) in cx.t.waivers.iter().enumerate() {
        if rule(&w.rule).is_some() {
            continue;
        }
        let mut f = RULE.finding(
            format!(
                "waiver of \"{}\" for \"{}\" names no rule; it waives nothing",
                w.rule, w.element
            ),
            vec![w.element.clone()],
        );
        f.locus = Locus::ListEntry {
            list: "waivers",
            index,
        };
        out.push(f);
    }
}
