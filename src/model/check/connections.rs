//! Connection checks: ends, ports, TLS consistent with the protocol, traffic numbers,
//! cache-aside references, duplicates, peering of overlapping VPCs.

use std::collections::{HashMap, HashSet};

use ipnet::Ipv4Net;

use super::{Sink, bounds};
use crate::model::{Ancestry, Connection, ContainerKind, ElementKind, Id, Index, Topology};

pub(crate) fn check(t: &Topology, index: &Index, sink: &mut Sink) {
    let ancestry = Ancestry::new(t, index);
    let pairs: HashSet<(&Id, &Id)> = t.connections.iter().map(|c| (&c.from, &c.to)).collect();
    let mut seen: HashMap<(&Id, &Id, u16, bool), &Id> = HashMap::new();
    for c in &t.connections {
        let what = format!("connection \"{}\"", c.id);
        if c.from == c.to {
            sink.at(
                &c.id,
                "to",
                format!("{what} connects \"{}\" to itself", c.from),
            );
        }
        ports_and_tls(c, &what, sink);
        traffic(c, &what, sink);
        if let Some(cache) = &c.traffic.on_miss_of
            && index.kind_of(cache.as_str()).is_some()
            && !pairs.contains(&(&c.from, cache))
        {
            sink.at_value(&c.id, "on_miss_of", cache.as_str(), format!(
                "{what} is made on a miss of \"{cache}\", but \"{}\" has no connection to \"{cache}\"",
                c.from
            ));
        }
        if let Some(port) = c.effective_port() {
            let key = (&c.from, &c.to, port, c.protocol.is_udp());
            if let Some(first) = seen.insert(key, &c.id) {
                sink.element(
                    &c.id,
                    format!("{what} duplicates connection \"{first}\": same ends and port {port}"),
                );
            }
        }
        overlapping_vpcs(t, c, index, &ancestry, &what, sink);
    }
}

fn ports_and_tls(c: &Connection, what: &str, sink: &mut Sink) {
    if c.port == Some(0) {
        sink.at(&c.id, "port", format!("{what}: port 0 is not a port"));
    }
    if c.effective_port().is_none() {
        sink.at(
            &c.id,
            "protocol",
            format!("{what}: {} needs an explicit port", c.protocol.label()),
        );
    }
    match c.protocol.inherent_tls() {
        Some(true) if !c.tls => sink.at(
            &c.id,
            "tls",
            format!(
                "{what}: {} is always encrypted; set tls: true (or use Http for plaintext)",
                c.protocol.label()
            ),
        ),
        Some(false) if c.tls => sink.at(
            &c.id,
            "tls",
            format!("{what}: HTTP is plaintext; use Https for an encrypted connection"),
        ),
        _ => {}
    }
}

fn traffic(c: &Connection, what: &str, sink: &mut Sink) {
    let owner = (&c.id, what);
    let t = &c.traffic;
    bounds::float(
        sink,
        owner,
        "calls_per_request",
        t.calls_per_request,
        0.0,
        1000.0,
        "",
    );
    if let Some(ms) = t.timeout_ms {
        bounds::positive(sink, owner, "timeout_ms", ms, 3_600_000.0, " ms");
    }
    bounds::int(sink, owner, "retries", t.retries.into(), 0, 10, "");
}

/// Two VPCs whose address blocks overlap cannot be peered, so a connection between them cannot
/// be routed.
fn overlapping_vpcs(
    t: &Topology,
    c: &Connection,
    index: &Index,
    ancestry: &Ancestry,
    what: &str,
    sink: &mut Sink,
) {
    let vpc_of = |id: &Id| {
        let start = match index.kind_of(id.as_str())? {
            ElementKind::Container => Some(id),
            ElementKind::Component => {
                let i = index.position(id.as_str(), ElementKind::Component)?;
                t.components.get(i)?.container.as_ref()
            }
            _ => None,
        };
        let vpc = ancestry.vpc(start)?;
        let ContainerKind::Vpc(p) = &vpc.kind else {
            return None;
        };
        Some((&vpc.id, p.cidr.parse::<Ipv4Net>().ok()?.trunc()))
    };
    let (Some((a, net_a)), Some((b, net_b))) = (vpc_of(&c.from), vpc_of(&c.to)) else {
        return;
    };
    if a != b && (net_a.contains(&net_b) || net_b.contains(&net_a)) {
        sink.element(&c.id, format!(
            "{what} joins VPC \"{a}\" ({net_a}) and VPC \"{b}\" ({net_b}), whose address blocks overlap: they cannot be peered"
        ));
    }
}
