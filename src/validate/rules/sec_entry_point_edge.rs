//! SEC-003: internet-facing entry points sit behind a WAF and terminate TLS with a managed
//! certificate.

use super::{connected_to_kind, join_and};
use crate::model::{ComponentKind, KindTag};
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "SEC-003",
    family: Family::Security,
    severity: Severity::Error,
    title: "Internet-facing entry points behind a WAF, terminating TLS with a managed certificate",
    rationale: "Icarus: Security Infrastructure › Web Application Firewall (WAF): 'Traffic Filtering: Protects against common attacks'; Compute Infrastructure › Load Balancer: 'SSL/TLS Termination: Handles HTTPS connections'; Security Infrastructure › Certificate Manager: 'Auto-renewal: Automatic certificate renewal'. The internet-facing edge is where attacks arrive and where certificates expire if nobody manages them.",
    fix: "Connect the entry point to a WAF component (web ACL), turn on TLS termination (https_only for a CDN), and connect it to a certificate manager.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        let (flag, tls) = match &c.kind {
            ComponentKind::Cdn(p) => (true, p.https_only),
            ComponentKind::LoadBalancer(p) => (p.internet_facing, p.tls_termination),
            ComponentKind::ApiGateway(p) => (p.internet_facing, p.tls_termination),
            _ => continue,
        };
        let called_from_internet = cx.graph.incoming(i).any(|(j, _)| {
            j < cx.t.components.len()
                && (cx.places[j].internet || cx.component(j).kind.tag() == KindTag::Cdn)
        });
        if !flag && !called_from_internet {
            continue;
        }
        let mut missing = Vec::new();
        if !connected_to_kind(cx, i, KindTag::Waf) {
            missing.push("is not behind a WAF");
        }
        if !tls {
            missing.push("does not terminate TLS");
        }
        if !connected_to_kind(cx, i, KindTag::CertificateManager) {
            missing.push("has no managed certificate (no connection to a certificate manager)");
        }
        if missing.is_empty() {
            continue;
        }
        out.push(RULE.finding(
            format!("internet-facing {} {}", cx.describe(i), join_and(&missing)),
            vec![c.id.clone()],
        ));
    }
}
