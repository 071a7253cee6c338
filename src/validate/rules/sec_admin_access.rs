//! SEC-005: SSH and administrative access only through a bastion in a public subnet with MFA,
//! audit logging and a session timeout; SSH from the internet to anything else is an error.

use super::join_and;
use crate::model::{ComponentKind, ConnectionKind, KindTag, Protocol};
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "SEC-005",
    family: Family::Security,
    severity: Severity::Error,
    title: "Administrative access only through a hardened bastion",
    rationale: "Icarus: External Access › Bastion Host: 'SSH Access: Secure access to private resources', 'Multi-factor Authentication: MFA required', 'Audit Logging: All access logged' and 'Time-limited Access: Session timeouts'. Every other administrative path is unauthenticated by the second factor and unaudited.",
    fix: "Send SSH and admin connections to a bastion in a public subnet and from the bastion to the targets; turn on mfa and audit_log and set session_timeout_min on the bastion.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let is_bastion = |ends: &[usize]| {
        !ends.is_empty()
            && ends
                .iter()
                .all(|&i| cx.component(i).kind.tag() == KindTag::Bastion)
    };
    for c in &cx.t.connections {
        if c.kind != ConnectionKind::Admin && c.protocol != Protocol::Ssh {
            continue;
        }
        let (from, to) = (cx.ends(&c.from), cx.ends(&c.to));
        if from.is_empty() || to.is_empty() || is_bastion(from) || is_bastion(to) {
            continue;
        }
        let from_internet = from.iter().any(|&i| cx.places[i].internet);
        let what = if c.protocol == Protocol::Ssh {
            "SSH"
        } else {
            "administrative access"
        };
        let message = if from_internet {
            format!(
                "connection \"{}\": {what} from the internet (\"{}\") straight to \"{}\"; only a bastion may be reached from the internet",
                c.id, c.from, c.to
            )
        } else {
            format!(
                "connection \"{}\": {what} from \"{}\" to \"{}\" does not go through a bastion",
                c.id, c.from, c.to
            )
        };
        out.push(RULE.finding(message, vec![c.id.clone(), c.from.clone(), c.to.clone()]));
    }
    for (i, c) in cx.t.components.iter().enumerate() {
        let ComponentKind::Bastion(b) = &c.kind else {
            continue;
        };
        let mut missing = Vec::new();
        if !cx.is_public_subnet(i) {
            missing.push("is not in a public subnet");
        }
        if !b.mfa {
            missing.push("does not require MFA");
        }
        if !b.audit_log {
            missing.push("does not log sessions");
        }
        if b.session_timeout_min.is_none_or(|m| m == 0) {
            missing.push("has no session timeout");
        }
        if !missing.is_empty() {
            out.push(RULE.finding(
                format!("{} {}", cx.describe(i), join_and(&missing)),
                vec![c.id.clone()],
            ));
        }
    }
}
