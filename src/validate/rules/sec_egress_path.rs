//! SEC-007: private components that call external services need an egress path in their VPC: a
//! NAT gateway in a public subnet, or an egress proxy (a `Generic` component of category
//! `egress-proxy`).

use super::quoted;
use crate::model::{ComponentKind, ConnectionKind, Id, KindTag};
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "SEC-007",
    family: Family::Security,
    severity: Severity::Error,
    title: "Egress path for private components that call external services",
    rationale: "Icarus: Infrastructure Components › Network Architecture › Subnets: 'Private Subnet - Application: Application containers (no direct internet access)', while the diagram has the services call the identity provider, the payment gateway and the e-mail service. Without a NAT gateway or an egress proxy those calls cannot leave the VPC, or someone opens a direct route to the internet to make them work.",
    fix: "Add a NAT gateway to a public subnet of the VPC (one per zone), or an egress proxy (a Generic component with category egress-proxy).",
    check,
};

/// Whether component `i` gives its VPC a way out.
fn is_egress(cx: &Context, i: usize) -> bool {
    match &cx.component(i).kind {
        ComponentKind::NatGateway(_) => cx.is_public_subnet(i),
        ComponentKind::Generic(g) => g.category.eq_ignore_ascii_case("egress-proxy"),
        _ => false,
    }
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        let Some(vpc) = cx.places[i].vpc else {
            continue;
        };
        if !cx.is_private(i) || c.kind.tag() == KindTag::NatGateway {
            continue;
        }
        let mut targets: Vec<&Id> = Vec::new();
        let mut connections: Vec<Id> = Vec::new();
        for (j, arc) in cx.graph.outgoing(i) {
            if arc.kind == ConnectionKind::Observability || !cx.places[j].external {
                continue;
            }
            let target = &cx.component(j).id;
            if !targets.contains(&target) {
                targets.push(target);
            }
            if let Some(ci) = arc.connection {
                connections.push(cx.t.connections[ci].id.clone());
            }
        }
        if targets.is_empty() || cx.members[vpc].iter().any(|&m| is_egress(cx, m)) {
            continue;
        }
        let vpc_id = cx.container(vpc).id.clone();
        let mut elements = vec![c.id.clone(), vpc_id.clone()];
        connections.sort();
        elements.extend(connections);
        out.push(RULE.finding(
            format!(
                "{} in a private tier calls the external {} {}, but VPC \"{vpc_id}\" has no NAT gateway in a public subnet and no egress proxy",
                cx.describe(i),
                if targets.len() == 1 { "service" } else { "services" },
                quoted(&targets)
            ),
            elements,
        ));
    }
}
