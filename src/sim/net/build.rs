//! Compiling a topology into a [`Net`].
//!
//! Connections are expanded the way [`crate::model::offered_load`] expands them: a connection
//! to a container delivers to the container's entry members (each call to one of them, chosen
//! uniformly), a connection from a container is made by each member. `Request` and `Async`
//! connections carry simulated traffic; `Observability`, `Admin` and `Control` do not. Cycles
//! are broken as in the offered load (see [`super::cycles`]). Only components that traffic can
//! reach from an actor become stations.
//!
//! # Complexity
//! O(n + c + a) in the components, connections and expanded sender/receiver pairs, plus
//! O(n · d) for the members of containers nested d deep.

use std::collections::HashMap;

use super::cycles::break_cycles;
use super::{Arc, MAX_SLOTS, NO_SLOT, NO_ZONE, Net, Routing, Service, Station};
use crate::model::{
    Ancestry, CallMode, Component, ComponentKind, ConnectionKind, Distribution, ElementKind, Index,
    Topology, container_members, entry_members,
};

/// Most calls per request and retries per call (the model's bounds).
const MAX_CALLS: f64 = 1000.0;
const MAX_RETRIES: u32 = 10;

/// A connection from one sender, before cycles are broken and stations numbered.
pub(super) struct Proto {
    pub from: usize,
    pub connection: usize,
    pub receivers: Vec<usize>,
}

/// Compiles `t`. Never fails: what cannot be simulated is left out and listed in
/// [`Net::excluded`].
pub(crate) fn build(t: &Topology) -> Net {
    let index = Index::new(t);
    let ancestry = Ancestry::new(t, &index);
    let members = container_members(t, &index);
    let entries = entry_members(t, &index, &members);
    let mut protos = expand(t, &index, &members, &entries);
    let broken = break_cycles(t.components.len(), &mut protos);
    let n = t.components.len();
    let is_actor = |c: &Component| c.kind.tag().is_actor();

    // Reachability from the actors.
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, p) in protos.iter().enumerate() {
        out[p.from].push(k);
    }
    let mut reached = vec![false; n];
    let mut stack: Vec<usize> = (0..n).filter(|&i| is_actor(&t.components[i])).collect();
    for &i in &stack {
        reached[i] = true;
    }
    while let Some(u) = stack.pop() {
        for &k in &out[u] {
            for &v in &protos[k].receivers {
                if !reached[v] {
                    reached[v] = true;
                    stack.push(v);
                }
            }
        }
    }

    // Station numbers: actors first, then the reached components, in file order.
    let mut station_of = vec![u32::MAX; n];
    let mut order: Vec<usize> = (0..n).filter(|&i| is_actor(&t.components[i])).collect();
    let actors = order.len();
    order.extend((0..n).filter(|&i| reached[i] && !is_actor(&t.components[i])));
    for (s, &i) in order.iter().enumerate() {
        station_of[i] = s as u32;
    }

    let mut zones = Vec::new();
    let mut zone_region = Vec::new();
    let mut zone_number: HashMap<&str, u32> = HashMap::new();
    for (r, region) in t.regions.iter().enumerate() {
        for z in &region.zones {
            zone_number.entry(z.as_str()).or_insert_with(|| {
                zones.push(z.clone());
                zone_region.push(r as u32);
                (zones.len() - 1) as u32
            });
        }
    }
    let region_number: HashMap<&str, u32> = t
        .regions
        .iter()
        .enumerate()
        .map(|(r, region)| (region.id.as_str(), r as u32))
        .collect();

    let mut connections = Vec::new();
    let mut connection_number: HashMap<usize, u32> = HashMap::new();
    let mut stations = Vec::with_capacity(order.len());
    let mut arcs = Vec::new();
    let mut receivers = Vec::new();
    for &i in &order {
        let c = &t.components[i];
        let first = arcs.len() as u32;
        // Cache-aside slots: caches this component falls back from.
        let mut slots: Vec<usize> = Vec::new();
        let mine = &out[i];
        for &k in mine {
            if let Some(cache) = lookup_target(t, &index, &protos[k])
                && slots.len() < MAX_SLOTS
                && !slots.contains(&cache)
                && has_lookup(t, &protos, mine, cache)
            {
                slots.push(cache);
            }
        }
        let dependent = |k: usize| lookup_target(t, &index, &protos[k]).is_some();
        let ordered = mine
            .iter()
            .filter(|&&k| !dependent(k))
            .chain(mine.iter().filter(|&&k| dependent(k)));
        for &k in ordered {
            let p = &protos[k];
            if p.receivers.is_empty() {
                continue;
            }
            let conn = &t.connections[p.connection];
            let mut calls = conn.traffic.calls_per_request;
            let mut on_miss_slot = NO_SLOT;
            if let Some(cache) = lookup_target(t, &index, p) {
                match slots.iter().position(|&s| s == cache) {
                    Some(slot) => on_miss_slot = slot as u8,
                    // No lookup of that cache is simulated: made at its miss ratio, as in the
                    // offered load.
                    None => calls *= miss_ratio(&t.components[cache].kind),
                }
            }
            if !(calls.is_finite() && calls > 0.0) {
                continue;
            }
            // The model's bounds (checked in `model::check`), for callers that skip the checks.
            let calls = calls.min(MAX_CALLS);
            let lookup_slot = match p.receivers.as_slice() {
                [only] => slots
                    .iter()
                    .position(|s| s == only)
                    .map_or(NO_SLOT, |s| s as u8),
                _ => NO_SLOT,
            };
            let number = *connection_number.entry(p.connection).or_insert_with(|| {
                connections.push(conn.id.clone());
                (connections.len() - 1) as u32
            });
            let start = receivers.len() as u32;
            receivers.extend(p.receivers.iter().map(|&v| station_of[v]));
            let timeout_ms = match conn.traffic.timeout_ms {
                Some(ms) if ms.is_finite() && ms > 0.0 => ms,
                _ => f64::INFINITY,
            };
            arcs.push(Arc {
                connection: number,
                whole: calls.floor().min(f64::from(u32::MAX)) as u32,
                frac: calls - calls.floor(),
                receivers: (start, receivers.len() as u32),
                asynchronous: conn.kind == ConnectionKind::Async,
                timeout_ms,
                retries: conn.traffic.retries.min(MAX_RETRIES),
                lookup_slot,
                on_miss_slot,
            });
        }
        stations.push(station(
            c,
            i,
            &ancestry,
            &zone_number,
            &zone_region,
            &region_number,
            (first, arcs.len() as u32),
        ));
    }

    let excluded = t
        .components
        .iter()
        .enumerate()
        .filter(|(i, _)| station_of[*i] == u32::MAX)
        .map(|(_, c)| {
            (
                c.id.clone(),
                "no request or async traffic reaches it (observability, control or admin only)",
            )
        })
        .collect();
    let broken_cycles = broken
        .into_iter()
        .map(|(u, v)| (t.components[u].id.clone(), t.components[v].id.clone()))
        .collect();
    Net {
        stations,
        arcs,
        receivers,
        actors,
        zones,
        zone_region,
        connections,
        excluded,
        broken_cycles,
    }
}

/// Every sender/receiver pair of the request and async connections, grouped per sender.
fn expand(
    t: &Topology,
    index: &Index,
    members: &[Vec<usize>],
    entries: &[Vec<usize>],
) -> Vec<Proto> {
    let component = |id: &str| index.position(id, ElementKind::Component);
    let container = |id: &str| index.position(id, ElementKind::Container);
    let mut protos = Vec::with_capacity(t.connections.len());
    for (ci, c) in t.connections.iter().enumerate() {
        if !matches!(c.kind, ConnectionKind::Request | ConnectionKind::Async) {
            continue;
        }
        let calls = c.traffic.calls_per_request;
        if !(calls.is_finite() && calls > 0.0) {
            continue;
        }
        let senders: Vec<usize> = match (component(c.from.as_str()), container(c.from.as_str())) {
            (Some(i), _) => vec![i],
            (None, Some(k)) => members[k].clone(),
            (None, None) => Vec::new(),
        };
        let targets: Vec<usize> = match (component(c.to.as_str()), container(c.to.as_str())) {
            (Some(j), _) => vec![j],
            (None, Some(k)) => entries[k].clone(),
            (None, None) => Vec::new(),
        };
        for s in senders {
            let receivers: Vec<usize> = targets.iter().copied().filter(|&r| r != s).collect();
            if !receivers.is_empty() {
                protos.push(Proto {
                    from: s,
                    connection: ci,
                    receivers,
                });
            }
        }
    }
    protos
}

/// The cache a proto's connection is made on a miss of, if it is a cache-aside fallback.
fn lookup_target(t: &Topology, index: &Index, p: &Proto) -> Option<usize> {
    let cache = t.connections[p.connection].traffic.on_miss_of.as_ref()?;
    let i = index.position(cache.as_str(), ElementKind::Component)?;
    matches!(t.components[i].kind, ComponentKind::Cache(_)).then_some(i)
}

/// Whether the sender of `mine` makes synchronous lookups in `cache` (a request connection whose
/// only receiver is the cache).
fn has_lookup(t: &Topology, protos: &[Proto], mine: &[usize], cache: usize) -> bool {
    mine.iter().any(|&k| {
        let p = &protos[k];
        p.receivers == [cache] && t.connections[p.connection].kind == ConnectionKind::Request
    })
}

fn miss_ratio(kind: &ComponentKind) -> f64 {
    match kind.hit_ratio() {
        Some(h) if h.is_finite() => 1.0 - h.clamp(0.0, 1.0),
        _ => 1.0,
    }
}

fn station(
    c: &Component,
    i: usize,
    ancestry: &Ancestry,
    zone_number: &HashMap<&str, u32>,
    zone_region: &[u32],
    region_number: &HashMap<&str, u32>,
    arcs: (u32, u32),
) -> Station {
    let cap = &c.capacity;
    let tag = c.kind.tag();
    let actor = tag.is_actor();
    let rate_rps = match &c.kind {
        ComponentKind::Users(a) | ComponentKind::Admins(a)
            if a.rate_rps.is_finite() && a.rate_rps > 0.0 =>
        {
            a.rate_rps
        }
        _ => 0.0,
    };
    let mean_ms = if cap.service_time.mean_ms.is_finite() && cap.service_time.mean_ms > 0.0 {
        cap.service_time.mean_ms
    } else {
        1.0
    };
    let service = match cap.service_time.distribution {
        Distribution::Exponential => Service::Exponential { mean_ms },
        Distribution::Constant => Service::Constant { mean_ms },
        Distribution::LogNormal { sigma } => {
            let sigma = if sigma.is_finite() && sigma > 0.0 {
                sigma.min(5.0)
            } else {
                0.5
            };
            Service::LogNormal {
                mu: mean_ms.ln() - sigma * sigma / 2.0,
                sigma,
            }
        }
    };
    let replicas = cap.replicas.max(1);
    let concurrency = cap.concurrency_per_replica.max(1);
    let replica_zone: Vec<u32> = (0..replicas)
        .map(|r| {
            cap.zone_of_replica(r)
                .and_then(|z| zone_number.get(z.as_str()).copied())
                .unwrap_or(NO_ZONE)
        })
        .collect();
    let region = ancestry
        .component_region(c)
        .and_then(|r| region_number.get(r.as_str()).copied())
        .or_else(|| {
            replica_zone
                .iter()
                .find(|&&z| z != NO_ZONE)
                .and_then(|&z| zone_region.get(z as usize).copied())
        });
    let (routing, auto_failover) = match &c.kind {
        ComponentKind::Database(d) if d.replicas_serve_reads => (Routing::Balanced, true),
        ComponentKind::Database(d) => (Routing::Sharded { shards: 1 }, d.automatic_failover),
        ComponentKind::Cache(k) => (Routing::Sharded { shards: replicas }, k.automatic_failover),
        ComponentKind::Queue(_) => (Routing::Sharded { shards: replicas }, true),
        _ => (Routing::Balanced, true),
    };
    let f = &cap.failover;
    let detect_ms = finite_ms(f.detection_delay_s());
    let promote_ms = finite_ms(f.promotion_time_s);
    let queue_limit = (u64::from(concurrency) * 16).clamp(1024, 1 << 20) as u32;
    let hit_ratio = c
        .kind
        .hit_ratio()
        .filter(|h| h.is_finite())
        .map(|h| h.clamp(0.0, 1.0));
    Station {
        id: c.id.clone(),
        component: i,
        tag,
        actor,
        rate_rps,
        replicas,
        concurrency,
        service,
        mean_service_ms: mean_ms,
        blocking: cap.call_mode == CallMode::Blocking,
        hit_ratio,
        routing,
        detect_ms,
        readmit_ms: detect_ms,
        promote_ms,
        auto_failover,
        arcs,
        replica_zone,
        region,
        queue_limit,
    }
}

/// Seconds as milliseconds, 0 when not a non-negative finite number.
fn finite_ms(s: f64) -> f64 {
    if s.is_finite() && s > 0.0 {
        s * 1000.0
    } else {
        0.0
    }
}
