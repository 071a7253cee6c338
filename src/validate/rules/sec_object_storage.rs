//! SEC-010: object storage has versioning on, public access blocked and a lifecycle policy.

use crate::model::ComponentKind;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "SEC-010",
    family: Family::Security,
    severity: Severity::Error,
    title: "Object storage versioned, private and with a lifecycle policy",
    rationale: "Icarus: Infrastructure Components › Data Storage › Object Storage: 'Versioning: Object versioning enabled' and 'Lifecycle Policies: Automatic archival and deletion'; Security Architecture › Access Control: 'Least Privilege: Minimal required permissions'. A public bucket is the most common cloud data leak; without versioning an overwrite or deletion cannot be undone.",
    fix: "Set public_access_blocked: true and versioning: true, and give the bucket lifecycle rules (archive_after_days, expire_after_days). A missing lifecycle policy is a warning.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        let ComponentKind::ObjectStorage(o) = &c.kind else {
            continue;
        };
        let what = cx.describe(i);
        let id = || vec![c.id.clone()];
        if !o.public_access_blocked {
            out.push(
                RULE.finding(format!("{what} does not block public access"), id())
                    .at_field("public_access_blocked"),
            );
        }
        if !o.versioning {
            out.push(
                RULE.finding(format!("{what} has versioning off"), id())
                    .at_field("versioning"),
            );
        }
        if o.lifecycle.is_none() {
            out.push(
                RULE.finding_at(
                    Severity::Warning,
                    format!("{what} has no lifecycle policy"),
                    id(),
                )
                .at_field("lifecycle"),
            );
        }
    }
}
