//! Connection checks: ends, ports, TLS consistent with the protocol, traffic numbers,
//! cache-aside references, duplicates, peering of overlapping VPCs.

use std::collections::{HashMap, HashSet};

use ipnet::Ipv4Net;

use super::{Named, Sink, bounds};
use crate::model::{Ancestry, Connection, ContainerKind, ElementKind, Id, Index, Topology};

pub(crate) fn check(t: &Topology, index: &Index, sink: &mut Sink) {
    let vpcs = VpcBlocks::new(t, index);
    let pairs: HashSet<(&Id, &Id)> = t.connections.iter().map(|c| (&c.from, &c.to)).collect();
    let mut seen: HashMap<(&Id, &Id, u16, bool), &Id> = HashMap::with_capacity(t.connections.len());
    for c in &t.connections {
        let what = Named::new("connection", &c.id);
        if c.from == c.to {
            sink.at(
                &c.id,
                "to",
                format!("{what} connects \"{}\" to itself", c.from),
            );
        }
        ports_and_tls(c, what, sink);
        traffic(c, what, sink);
        if let Some(cache) = &c.traffic.on_miss_of
            && index.kind_of(cache.as_str()).is_some()
            && !pairs.contains(&(&c.from, cache))
        {
            sink.at_value(
                &c.id,
                "on_miss_of",
                cache.as_str(),
                format!(
                    "{what} is made on a miss of \"{cache}\", but \"{}\" has no connection to \"{cache}\"",
                    c.from
                ),
            );
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
        if let (Some((a, net_a)), Some((b, net_b))) = (vpcs.of(&c.from), vpcs.of(&c.to))
            && a != b
            && (net_a.contains(&net_b) || net_b.contains(&net_a))
        {
            sink.element(
                &c.id,
                format!(
                    "{what} joins VPC \"{a}\" ({net_a}) and VPC \"{b}\" ({net_b}), whose address blocks overlap: they cannot be peered"
                ),
            );
        }
    }
}

fn ports_and_tls(c: &Connection, what: Named, sink: &mut Sink) {
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

fn traffic(c: &Connection, what: Named, sink: &mut Sink) {
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

/// The enclosing VPC and its address block, for every container, computed once.
struct VpcBlocks<'a> {
    topology: &'a Topology,
    index: &'a Index<'a>,
    by_container: Vec<Option<(&'a Id, Ipv4Net)>>,
}

impl<'a> VpcBlocks<'a> {
    fn new(topology: &'a Topology, index: &'a Index<'a>) -> Self {
        let ancestry = Ancestry::new(topology, index);
        let by_container = topology
            .containers
            .iter()
            .map(|c| {
                let vpc = ancestry.vpc(Some(&c.id))?;
                let ContainerKind::Vpc(p) = &vpc.kind else {
                    return None;
                };
                Some((&vpc.id, p.cidr.parse::<Ipv4Net>().ok()?.trunc()))
            })
            .collect();
        Self {
            topology,
            index,
            by_container,
        }
    }

    /// The VPC a connection end (component or container) is in.
    fn of(&self, id: &Id) -> Option<(&'a Id, Ipv4Net)> {
        let container = match self.index.kind_of(id.as_str())? {
            ElementKind::Container => id,
            ElementKind::Component => {
                let i = self.index.position(id.as_str(), ElementKind::Component)?;
                self.topology.components.get(i)?.container.as_ref()?
            }
            _ => return None,
        };
        let i = self
            .index
            .position(container.as_str(), ElementKind::Container)?;
        *self.by_container.get(i)?
    }
}
