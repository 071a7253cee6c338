//! SEC-001: databases, caches and queues live only in private data or messaging subnet tiers.

use crate::model::Tier;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "SEC-001",
    family: Family::Security,
    severity: Severity::Error,
    title: "Data stores only in private data or messaging subnets",
    rationale: "Icarus: Infrastructure Components › Network Architecture › Subnets: 'Private Subnet - Database: Database clusters (no internet access)' and 'Private Subnet - Messaging: Message queue clusters'. A data store anywhere else shares its network with components that are reachable from, or reach out to, the internet.",
    fix: "Place databases and caches in a PrivateData subnet tier and queues in a PrivateMessaging (or PrivateData) tier of their VPC; give a VPC without subnets its tiers.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        if !c.kind.tag().is_data_store() {
            continue;
        }
        let place = &cx.places[i];
        let (where_, around) = match (cx.tier(i), place.subnet, place.vpc) {
            (Some(Tier::PrivateData | Tier::PrivateMessaging), _, _) => continue,
            (Some(tier), Some(k), _) => (
                format!(
                    "is in the {} subnet tier \"{}\"",
                    tier.label(),
                    cx.container(k).id
                ),
                Some(k),
            ),
            (_, _, Some(v)) => (
                format!(
                    "is in VPC \"{}\" outside any subnet tier",
                    cx.container(v).id
                ),
                Some(v),
            ),
            _ => ("is outside any VPC".to_owned(), None),
        };
        let mut elements = vec![c.id.clone()];
        elements.extend(around.map(|k| cx.container(k).id.clone()));
        out.push(
            RULE.finding(
                format!(
                    "{} {where_}; data stores belong in a private data or messaging tier",
                    cx.describe(i)
                ),
                elements,
            )
            .at_field("container"),
        );
    }
}
