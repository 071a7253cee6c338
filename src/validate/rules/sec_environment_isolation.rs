//! SEC-006: environments are isolated: no connection between two environments unless an explicit
//! peering joins their VPCs.

use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "SEC-006",
    family: Family::Security,
    severity: Severity::Error,
    title: "Environments isolated unless explicitly peered",
    rationale: "Icarus: Security Architecture › Network Security: 'VPC Isolation: Separate VPCs for different environments'. A connection between production and development lets a compromise or a mistake in the weaker environment reach the stronger one.",
    fix: "Remove the connection, or add a peering between the two VPCs with the reason it is needed.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    if !cx.t.policies.require_environment_isolation {
        return;
    }
    for c in &cx.t.connections {
        let (Some(a), Some(b)) = (cx.environment_of_end(&c.from), cx.environment_of_end(&c.to))
        else {
            continue;
        };
        if a.id == b.id {
            continue;
        }
        let vpcs = (cx.vpc_of_end(&c.from), cx.vpc_of_end(&c.to));
        if let (Some(va), Some(vb)) = vpcs {
            let (ia, ib) = (&cx.container(va).id, &cx.container(vb).id);
            if cx.t.peerings.iter().any(|p| p.joins(ia, ib)) {
                continue;
            }
        }
        out.push(RULE.finding(
            format!(
                "connection \"{}\" joins environment \"{}\" (\"{}\") and environment \"{}\" (\"{}\") without a peering of their VPCs",
                c.id, a.id, c.from, b.id, c.to
            ),
            vec![c.id.clone(), c.from.clone(), c.to.clone()],
        ));
    }
}
