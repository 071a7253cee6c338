//! SEC-002: nothing in a private subnet is reachable from the internet except through a public
//! entry point (load balancer, API gateway, CDN, DNS, or a bastion for admin access).

use super::path_text;
use crate::model::{ConnectionKind, KindTag};
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::paths::search;
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "SEC-002",
    family: Family::Security,
    severity: Severity::Error,
    title: "Private subnets reachable from the internet only through a public entry point",
    rationale: "Icarus: Infrastructure Components › Network Architecture › Subnets: 'Public Subnet: Internet-facing resources (load balancers, API gateways)' and 'Private Subnet - Application: Application containers (no direct internet access)'. A path from the internet into a private tier that skips every entry point bypasses TLS termination, the WAF and authentication.",
    fix: "Route the traffic through a load balancer, API gateway or CDN in a public subnet (administrative access through the bastion), and remove the direct connection.",
    check,
};

/// Whether component `i` is a sanctioned public entry point.
fn is_public_entry(cx: &Context, i: usize) -> bool {
    let tag = cx.component(i).kind.tag();
    (tag.is_entry_point() || tag == KindTag::Bastion) && !cx.is_private(i)
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    let starts: Vec<usize> = (0..cx.t.components.len())
        .filter(|&i| cx.places[i].internet)
        .collect();
    let found = search(
        &cx.graph,
        &starts,
        |a| {
            matches!(
                a.kind,
                ConnectionKind::Request | ConnectionKind::Async | ConnectionKind::Admin
            )
        },
        |u| !is_public_entry(cx, u) && !cx.is_private(u),
    );
    for &v in &found.order {
        if cx.places[v].internet || !cx.is_private(v) {
            continue;
        }
        let (nodes, arcs) = found.path_to(v);
        let tier = cx.places[v]
            .subnet
            .map(|k| format!("private subnet \"{}\"", cx.container(k).id))
            .or_else(|| {
                cx.places[v]
                    .vpc
                    .map(|k| format!("VPC \"{}\"", cx.container(k).id))
            })
            .unwrap_or_default();
        let mut elements = vec![cx.component(v).id.clone()];
        if let Some(c) = arcs.last().and_then(|a| a.connection) {
            elements.push(cx.t.connections[c].id.clone());
        }
        out.push(RULE.finding(
            format!(
                "{} in {tier} is reachable from the internet without a public entry point: {}",
                cx.describe(v),
                path_text(cx, &nodes)
            ),
            elements,
        ));
    }
}
