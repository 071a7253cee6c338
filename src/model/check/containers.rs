//! Container checks: nesting, cycles, VPC and subnet address blocks, subnet zones.

use std::collections::HashSet;

use ipnet::Ipv4Net;

use super::{Named, Sink, bounds, describe};
use crate::model::{
    Ancestry, Container, ContainerKind, ElementKind, Id, Index, KubernetesClusterProps, Topology,
};

/// Smallest and largest VPC prefix lengths accepted (/8 is the largest block a cloud allows,
/// /28 the smallest subnet).
const VPC_PREFIX: std::ops::RangeInclusive<u8> = 8..=28;
const SMALLEST_SUBNET_PREFIX: u8 = 28;

pub(crate) fn check(t: &Topology, index: &Index, sink: &mut Sink) {
    let ancestry = Ancestry::new(t, index);
    for c in &t.containers {
        cycle(c, &ancestry, sink);
        nesting(c, &ancestry, sink);
        match &c.kind {
            ContainerKind::Vpc(v) => {
                parse_block(sink, &c.id, "cidr", &v.cidr, "VPC");
                if let Ok(net) = v.cidr.parse::<Ipv4Net>()
                    && !VPC_PREFIX.contains(&net.prefix_len())
                {
                    sink.at(
                        &c.id,
                        "cidr",
                        format!(
                            "VPC \"{}\": cidr {} has a /{} prefix; VPC blocks are /8 to /28",
                            c.id,
                            v.cidr,
                            net.prefix_len()
                        ),
                    );
                }
            }
            ContainerKind::Subnet(_) => subnet(t, c, index, &ancestry, sink),
            ContainerKind::KubernetesCluster(k) => cluster(sink, &c.id, describe(index, &c.id), k),
            ContainerKind::Group(_) => {}
        }
    }
    sibling_overlaps(t, &ancestry, sink);
}

/// A container that is (indirectly) its own ancestor. Reported once, on the cycle's smallest id.
fn cycle(c: &Container, ancestry: &Ancestry, sink: &mut Sink) {
    let mut path = vec![&c.id];
    let mut seen: HashSet<&Id> = HashSet::from([&c.id]);
    let mut next = c.parent.as_ref();
    while let Some(id) = next {
        let Some(parent) = ancestry.container(id.as_str()) else {
            return;
        };
        if parent.id == c.id {
            if path.iter().all(|p| *p >= &c.id) && path.len() > 1 {
                let names: Vec<&str> = path
                    .iter()
                    .map(|p| p.as_str())
                    .chain([c.id.as_str()])
                    .collect();
                sink.at(
                    &c.id,
                    "parent",
                    format!(
                        "container \"{}\" is inside itself: {}",
                        c.id,
                        names.join(" › ")
                    ),
                );
            }
            return;
        }
        if !seen.insert(&parent.id) {
            return; // a cycle further up, reported on its own members
        }
        path.push(&parent.id);
        next = parent.parent.as_ref();
    }
}

/// Subnets sit directly in a VPC; VPCs sit in no network.
fn nesting(c: &Container, ancestry: &Ancestry, sink: &mut Sink) {
    let parent = c
        .parent
        .as_ref()
        .and_then(|p| ancestry.container(p.as_str()));
    match &c.kind {
        ContainerKind::Subnet(_)
            if !parent.is_some_and(|p| matches!(p.kind, ContainerKind::Vpc(_))) =>
        {
            let where_ = match parent {
                Some(p) => format!("it is inside {} \"{}\"", p.kind.label(), p.id),
                None => "it is at top level".to_owned(),
            };
            sink.at(
                &c.id,
                "parent",
                format!(
                    "subnet \"{}\" must be directly inside a VPC, but {where_}",
                    c.id
                ),
            );
        }
        ContainerKind::Vpc(_) => {
            let mut chain = ancestry.chain(c.parent.as_ref());
            if let Some(net) = chain.find(|a| {
                matches!(
                    a.kind,
                    ContainerKind::Vpc(_)
                        | ContainerKind::Subnet(_)
                        | ContainerKind::KubernetesCluster(_)
                )
            }) {
                sink.at(
                    &c.id,
                    "parent",
                    format!(
                        "VPC \"{}\" cannot be inside {} \"{}\"",
                        c.id,
                        net.kind.label(),
                        net.id
                    ),
                );
            }
        }
        _ => {}
    }
}

/// Zones of the VPC's region, a CIDR inside the VPC's, room for one block per zone.
fn subnet(t: &Topology, c: &Container, index: &Index, ancestry: &Ancestry, sink: &mut Sink) {
    let ContainerKind::Subnet(s) = &c.kind else {
        return;
    };
    if s.zones.is_empty() {
        sink.at(
            &c.id,
            "zones",
            format!("subnet \"{}\" spans no zones; give at least one", c.id),
        );
    }
    let mut seen = HashSet::new();
    let vpc = ancestry.vpc(c.parent.as_ref());
    let vpc_region = vpc.and_then(|v| match &v.kind {
        ContainerKind::Vpc(p) => Some(&p.region),
        _ => None,
    });
    for z in &s.zones {
        if !seen.insert(z) {
            sink.at_value(
                &c.id,
                "zones",
                z.as_str(),
                format!("subnet \"{}\" lists zone \"{z}\" twice", c.id),
            );
        }
        let (Some(region_id), Some(zone_region)) = (vpc_region, index.region_of_zone(z.as_str()))
        else {
            continue;
        };
        let Some(zone_region) = t.regions.get(zone_region) else {
            continue;
        };
        if index.kind_of(region_id.as_str()) == Some(ElementKind::Region)
            && zone_region.id != *region_id
        {
            sink.at_value(
                &c.id,
                "zones",
                z.as_str(),
                format!(
                    "subnet \"{}\": zone \"{z}\" is in region \"{}\", but its VPC is in region \"{region_id}\"",
                    c.id, zone_region.id
                ),
            );
        }
    }
    let Some(cidr) = &s.cidr else { return };
    let Some(net) = parse_block(sink, &c.id, "cidr", cidr, "subnet") else {
        return;
    };
    let per_zone_bits = usize::BITS - s.zones.len().max(1).saturating_sub(1).leading_zeros();
    if u32::from(net.prefix_len()) + per_zone_bits > u32::from(SMALLEST_SUBNET_PREFIX) {
        sink.at(
            &c.id,
            "cidr",
            format!(
                "subnet \"{}\": {cidr} is too small to split into {} per-zone subnets of at least /{SMALLEST_SUBNET_PREFIX}",
                c.id,
                s.zones.len()
            ),
        );
    }
    let vpc_net = vpc.and_then(|v| match &v.kind {
        ContainerKind::Vpc(p) => p.cidr.parse::<Ipv4Net>().ok().map(|n| (v, n.trunc())),
        _ => None,
    });
    if let Some((v, vnet)) = vpc_net
        && !vnet.contains(&net)
    {
        sink.at(
            &c.id,
            "cidr",
            format!(
                "subnet \"{}\": {cidr} is outside its VPC \"{}\" ({vnet})",
                c.id, v.id
            ),
        );
    }
}

/// Subnet tiers of one VPC do not overlap.
fn sibling_overlaps(t: &Topology, ancestry: &Ancestry, sink: &mut Sink) {
    // (VPC, position in the file, subnet, block): the later subnet of an overlapping pair is
    // the one reported.
    let mut by_vpc: Vec<(&Id, usize, &Id, Ipv4Net)> = Vec::new();
    for (i, c) in t.containers.iter().enumerate() {
        let ContainerKind::Subnet(s) = &c.kind else {
            continue;
        };
        let (Some(cidr), Some(vpc)) = (&s.cidr, ancestry.vpc(c.parent.as_ref())) else {
            continue;
        };
        if let Ok(net) = cidr.parse::<Ipv4Net>() {
            by_vpc.push((&vpc.id, i, &c.id, net.trunc()));
        }
    }
    by_vpc.sort();
    for (i, (vpc, _, id, net)) in by_vpc.iter().enumerate() {
        for (vpc2, _, id2, net2) in &by_vpc[i + 1..] {
            if vpc2 != vpc {
                break;
            }
            if net.contains(net2) || net2.contains(net) {
                sink.at(
                    id2,
                    "cidr",
                    format!(
                        "subnet \"{id2}\": {net2} overlaps subnet \"{id}\" ({net}) in VPC \"{vpc}\""
                    ),
                );
            }
        }
    }
}

/// Parses an IPv4 block; reports a malformed one or one with host bits set.
fn parse_block(
    sink: &mut Sink,
    id: &Id,
    field: &'static str,
    cidr: &str,
    what: &str,
) -> Option<Ipv4Net> {
    let Ok(net) = cidr.parse::<Ipv4Net>() else {
        sink.at(
            id,
            field,
            format!("{what} \"{id}\": {field} \"{cidr}\" is not an IPv4 block such as 10.0.0.0/16"),
        );
        return None;
    };
    if net.trunc() != net {
        sink.at(
            id,
            field,
            format!(
                "{what} \"{id}\": {cidr} has host bits set; did you mean {}?",
                net.trunc()
            ),
        );
    }
    Some(net.trunc())
}

/// Node counts of a Kubernetes cluster, drawn as a container or a component.
pub(crate) fn cluster(sink: &mut Sink, id: &Id, what: Named, k: &KubernetesClusterProps) {
    let owner = (id, what);
    bounds::int(
        sink,
        owner,
        "min_nodes",
        k.min_nodes.into(),
        1,
        5000,
        " nodes",
    );
    bounds::int(
        sink,
        owner,
        "max_nodes",
        k.max_nodes.into(),
        1,
        5000,
        " nodes",
    );
    if k.min_nodes > k.max_nodes {
        sink.at(
            id,
            "min_nodes",
            format!(
                "{what}: min_nodes ({}) is more than max_nodes ({})",
                k.min_nodes, k.max_nodes
            ),
        );
    }
}
