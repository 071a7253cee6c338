//! OPS-002: certificates renew automatically.

use crate::model::ComponentKind;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "OPS-002",
    family: Family::Operations,
    severity: Severity::Error,
    title: "Certificates renew automatically",
    rationale: "Icarus: Security Infrastructure › Certificate Manager: 'Auto-renewal: Automatic certificate renewal'. An expired certificate is an outage for every client at once.",
    fix: "Set auto_renewal: true on the certificate manager.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        let ComponentKind::CertificateManager(m) = &c.kind else {
            continue;
        };
        if m.auto_renewal {
            continue;
        }
        out.push(
            RULE.finding(
                format!(
                    "{} does not renew certificates automatically",
                    cx.describe(i)
                ),
                vec![c.id.clone()],
            )
            .at_field("auto_renewal"),
        );
    }
}
