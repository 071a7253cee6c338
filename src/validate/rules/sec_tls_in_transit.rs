//! SEC-004: TLS for all communications. A plaintext connection is an error when it crosses a
//! trust boundary (internet ↔ VPC, tier ↔ tier, VPC ↔ VPC, VPC ↔ anything outside it) and a
//! warning inside one tier.

use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "SEC-004",
    family: Family::Security,
    severity: Severity::Error,
    title: "TLS for all communications",
    rationale: "Icarus: Security Architecture › Data Security: 'Encryption in Transit: TLS for all communications'. Plaintext that crosses a trust boundary can be read or altered by anything on the networks between; inside one tier the exposure is smaller but real.",
    fix: "Use the protocol's TLS form (HTTPS, PostgreSQL/Redis/AMQP/SMTP with TLS) and set tls: true, or terminate mutual TLS in a service mesh and waive the finding with that justification.",
    check,
};

/// The trust zone of a component: its subnet tier, else its VPC, else its group, the internet,
/// or itself when it is placed nowhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    Internet,
    Subnet(usize),
    Vpc(usize),
    Container(usize),
    Alone(usize),
}

fn zone(cx: &Context, i: usize) -> Zone {
    let p = &cx.places[i];
    if p.internet {
        return Zone::Internet;
    }
    match (p.subnet, p.vpc, p.container) {
        (Some(k), _, _) => Zone::Subnet(k),
        (None, Some(k), _) => Zone::Vpc(k),
        (None, None, Some(k)) => Zone::Container(k),
        (None, None, None) => Zone::Alone(i),
    }
}

fn label(cx: &Context, z: Zone) -> String {
    match z {
        Zone::Internet => "the internet".to_owned(),
        Zone::Subnet(k) => format!("subnet \"{}\"", cx.container(k).id),
        Zone::Vpc(k) => format!("VPC \"{}\"", cx.container(k).id),
        Zone::Container(k) => format!("\"{}\"", cx.container(k).id),
        Zone::Alone(i) => format!("\"{}\"", cx.component(i).id),
    }
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    if !cx.t.policies.require_tls_in_transit {
        return;
    }
    for (ci, c) in cx.t.connections.iter().enumerate() {
        if c.tls {
            continue;
        }
        let crossing = cx
            .graph
            .pairs_of(ci)
            .map(|(a, b)| (zone(cx, a), zone(cx, b)))
            .find(|(a, b)| a != b);
        let any_pair = cx.graph.pairs_of(ci).next();
        let elements = vec![c.id.clone(), c.from.clone(), c.to.clone()];
        let finding = match (crossing, any_pair) {
            (Some((za, zb)), _) => RULE.finding(
                format!(
                    "connection \"{}\" sends {} in plaintext from \"{}\" to \"{}\" across a trust boundary ({} → {})",
                    c.id,
                    c.protocol.label(),
                    c.from,
                    c.to,
                    label(cx, za),
                    label(cx, zb)
                ),
                elements,
            ),
            (None, Some((a, _))) => RULE.finding_at(
                Severity::Warning,
                format!(
                    "connection \"{}\" sends {} in plaintext from \"{}\" to \"{}\" inside {}",
                    c.id,
                    c.protocol.label(),
                    c.from,
                    c.to,
                    label(cx, zone(cx, a))
                ),
                elements,
            ),
            (None, None) => continue,
        };
        out.push(finding.at_field("tls"));
    }
}
