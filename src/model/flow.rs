//! Expected offered load: the request rate each component receives in the baseline (no failures,
//! no retries), and the capacity a component has to serve it.
//!
//! The load is a pure function of the model, shared by the validator (static stability) and the
//! simulator:
//!
//! - the `Users` and `Admins` actors send Poisson traffic at their `rate_rps`;
//! - it propagates along `Request` connections only, `traffic.calls_per_request` calls per request
//!   served (fractions are probabilities), `retries` ignored;
//! - a component with a hit ratio (a CDN's `cache_hit_ratio`, a cache's `hit_ratio`) answers hits
//!   itself: only its misses continue along its own outgoing request connections;
//! - a connection with `traffic.on_miss_of` is made only on a miss of that cache: its rate is
//!   multiplied by the cache's miss ratio;
//! - a connection to a container delivers to the container's entry members (members, at any depth,
//!   that no request connection from another member targets), split evenly; a connection from a
//!   container is made by each of its members;
//! - request cycles are detected and broken at the call that closes them (in depth-first order
//!   from the first component in the file), so the load along a cycle is counted once.
//!
//! # Complexity
//! O(n + c + a) in the components n, the connections c and the expanded arcs a (one per
//! sender/receiver pair of a connection; a for component-to-component connections equals c), plus
//! O(n · d) to list the members of containers nested d deep.

use std::collections::BTreeMap;

use super::{Capacity, ComponentKind, ConnectionKind, ElementKind, Id, Index, Topology};

/// Request cycles whose path is kept in [`OfferedLoad::cycles`]; further ones are only counted.
pub const MAX_LISTED_CYCLES: usize = 20;

/// The baseline request load of a topology.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferedLoad {
    /// Requests per second offered to each component, by position in `Topology::components`.
    pub component_rps: Vec<f64>,
    /// Requests per second carried by each connection, by position in `Topology::connections`
    /// (0 for connections that are not `Request` connections).
    pub connection_rps: Vec<f64>,
    /// Request cycles, each as the components along it in calling order (the last one calls the
    /// first); at most [`MAX_LISTED_CYCLES`] are listed.
    pub cycles: Vec<Vec<Id>>,
    /// Number of calls that close a cycle, listed or not.
    pub cycles_found: usize,
}

impl OfferedLoad {
    /// The load offered to the component `id`, if it exists.
    pub fn rps_of(&self, topology: &Topology, id: &str) -> Option<f64> {
        let i = topology.components.iter().position(|c| c.id == id)?;
        self.component_rps.get(i).copied()
    }

    /// The load of every component, by id.
    pub fn by_id(&self, topology: &Topology) -> BTreeMap<Id, f64> {
        topology
            .components
            .iter()
            .zip(&self.component_rps)
            .map(|(c, rps)| (c.id.clone(), *rps))
            .collect()
    }
}

impl Capacity {
    /// Requests per second the component serves at full utilisation:
    /// replicas × concurrency per replica × 1000 / mean service time in ms (0 when the mean is
    /// not a positive number).
    pub fn capacity_rps(&self) -> f64 {
        self.capacity_rps_with(self.replicas)
    }

    /// Like [`Capacity::capacity_rps`] with `replicas` replicas left (e.g. after losing a zone).
    pub fn capacity_rps_with(&self, replicas: u32) -> f64 {
        let mean_ms = self.service_time.mean_ms;
        if !(mean_ms.is_finite() && mean_ms > 0.0) {
            return 0.0;
        }
        f64::from(replicas) * f64::from(self.concurrency_per_replica) * 1000.0 / mean_ms
    }
}

/// Utilisation ρ of a station offered `load_rps` with `capacity_rps` of capacity: infinite when
/// there is load and no capacity, 0 when there is neither.
pub fn utilisation(load_rps: f64, capacity_rps: f64) -> f64 {
    if capacity_rps > 0.0 {
        load_rps / capacity_rps
    } else if load_rps > 0.0 {
        f64::INFINITY
    } else {
        0.0
    }
}

/// The components inside each container, at any depth, by position in `Topology::containers`;
/// each list holds positions in `Topology::components`, in file order.
pub fn container_members(topology: &Topology, index: &Index) -> Vec<Vec<usize>> {
    let mut members = vec![Vec::new(); topology.containers.len()];
    for (i, c) in topology.components.iter().enumerate() {
        let mut next = c.container.as_ref();
        // At most as many steps as there are containers, even on a cyclic tree.
        for _ in 0..topology.containers.len() {
            let Some(id) = next else { break };
            let Some(k) = index.position(id.as_str(), ElementKind::Container) else {
                break;
            };
            if members[k].last() != Some(&i) {
                members[k].push(i);
            }
            next = topology.containers[k].parent.as_ref();
        }
    }
    members
}

/// The baseline offered load of `topology` (see the module documentation).
pub fn offered_load(topology: &Topology) -> OfferedLoad {
    let index = Index::new(topology);
    let members = container_members(topology, &index);
    offered_load_with(topology, &index, &members)
}

/// One sender/receiver pair of a request connection.
struct Arc {
    from: usize,
    to: usize,
    /// Calls per request the sender serves, after miss ratios and the split over entry members.
    factor: f64,
    connection: usize,
}

/// [`offered_load`] with an index and the container members already computed.
pub fn offered_load_with(
    topology: &Topology,
    index: &Index,
    members: &[Vec<usize>],
) -> OfferedLoad {
    let n = topology.components.len();
    let arcs = expand(topology, index, members);
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, a) in arcs.iter().enumerate() {
        out[a.from].push(k);
    }
    let (order, closing, cycles) = break_cycles(topology, &arcs, &out);
    let mut rps: Vec<f64> = topology
        .components
        .iter()
        .map(|c| match &c.kind {
            ComponentKind::Users(a) | ComponentKind::Admins(a)
                if a.rate_rps.is_finite() && a.rate_rps > 0.0 =>
            {
                a.rate_rps
            }
            _ => 0.0,
        })
        .collect();
    let mut connection_rps = vec![0.0; topology.connections.len()];
    for &u in &order {
        let sent = rps[u] * miss_ratio(&topology.components[u].kind);
        for &k in &out[u] {
            if closing[k] {
                continue;
            }
            let a = &arcs[k];
            let rate = sent * a.factor;
            rps[a.to] += rate;
            connection_rps[a.connection] += rate;
        }
    }
    OfferedLoad {
        component_rps: rps,
        connection_rps,
        cycles_found: closing.iter().filter(|c| **c).count(),
        cycles,
    }
}

/// The fraction of requests a component passes on: its miss ratio, or 1 without a hit ratio.
fn miss_ratio(kind: &ComponentKind) -> f64 {
    match kind.hit_ratio() {
        Some(h) if h.is_finite() => 1.0 - h.clamp(0.0, 1.0),
        _ => 1.0,
    }
}

/// Every sender/receiver pair of every request connection.
fn expand(topology: &Topology, index: &Index, members: &[Vec<usize>]) -> Vec<Arc> {
    let component = |id: &Id| index.position(id.as_str(), ElementKind::Component);
    let container = |id: &Id| index.position(id.as_str(), ElementKind::Container);
    let entries = entry_members(topology, index, members);
    let mut arcs = Vec::with_capacity(topology.connections.len());
    for (ci, c) in topology.connections.iter().enumerate() {
        if c.kind != ConnectionKind::Request {
            continue;
        }
        let calls = c.traffic.calls_per_request;
        if !(calls.is_finite() && calls > 0.0) {
            continue;
        }
        let miss = c
            .traffic
            .on_miss_of
            .as_ref()
            .and_then(component)
            .map_or(1.0, |k| miss_ratio(&topology.components[k].kind));
        let one;
        let senders: &[usize] = match (component(&c.from), container(&c.from)) {
            (Some(i), _) => {
                one = [i];
                &one
            }
            (None, Some(k)) => &members[k],
            (None, None) => &[],
        };
        let receivers: Vec<usize> = match (component(&c.to), container(&c.to)) {
            (Some(j), _) => vec![j],
            (None, Some(k)) => entries[k].clone(),
            (None, None) => Vec::new(),
        };
        if receivers.is_empty() {
            continue;
        }
        let share = calls * miss / receivers.len() as f64;
        for &s in senders {
            for &r in &receivers {
                if s != r {
                    arcs.push(Arc {
                        from: s,
                        to: r,
                        factor: share,
                        connection: ci,
                    });
                }
            }
        }
    }
    arcs
}

/// Per container, the members that no request connection from another member (or from a
/// container inside it) targets directly; all members when every one is targeted.
pub fn entry_members(
    topology: &Topology,
    index: &Index,
    members: &[Vec<usize>],
) -> Vec<Vec<usize>> {
    let mut targeted: Vec<Vec<bool>> = members.iter().map(|m| vec![false; m.len()]).collect();
    // Position of each component in the member list of each container it is in.
    let mut slot: Vec<Vec<(usize, usize)>> = vec![Vec::new(); topology.components.len()];
    for (k, m) in members.iter().enumerate() {
        for (s, &i) in m.iter().enumerate() {
            slot[i].push((k, s));
        }
    }
    for c in &topology.connections {
        if c.kind != ConnectionKind::Request {
            continue;
        }
        let Some(to) = index.position(c.to.as_str(), ElementKind::Component) else {
            continue;
        };
        let inside = |k: usize| match index.kind_of(c.from.as_str()) {
            Some(ElementKind::Component) => index
                .position(c.from.as_str(), ElementKind::Component)
                .is_some_and(|f| f != to && slot[f].iter().any(|(kk, _)| *kk == k)),
            Some(ElementKind::Container) => index
                .position(c.from.as_str(), ElementKind::Container)
                .is_some_and(|f| {
                    members[f].iter().any(|m| *m != to) && encloses(topology, index, k, f)
                }),
            _ => false,
        };
        for &(k, s) in &slot[to] {
            if inside(k) {
                targeted[k][s] = true;
            }
        }
    }
    members
        .iter()
        .zip(&targeted)
        .map(|(m, t)| {
            let entries: Vec<usize> = m
                .iter()
                .zip(t)
                .filter(|(_, hit)| !**hit)
                .map(|(i, _)| *i)
                .collect();
            if entries.is_empty() {
                m.clone()
            } else {
                entries
            }
        })
        .collect()
}

/// Whether container `outer` is container `inner` or encloses it (positions in
/// `Topology::containers`).
fn encloses(topology: &Topology, index: &Index, outer: usize, inner: usize) -> bool {
    let mut k = inner;
    for _ in 0..topology.containers.len() {
        if k == outer {
            return true;
        }
        let Some(parent) = topology.containers[k].parent.as_ref() else {
            return false;
        };
        let Some(p) = index.position(parent.as_str(), ElementKind::Container) else {
            return false;
        };
        k = p;
    }
    false
}

/// An iterative depth-first search from every component in file order: returns a topological
/// order of the arcs that remain, which arcs close a cycle, and the first cycles' paths.
fn break_cycles(
    topology: &Topology,
    arcs: &[Arc],
    out: &[Vec<usize>],
) -> (Vec<usize>, Vec<bool>, Vec<Vec<Id>>) {
    let mut closing = vec![false; arcs.len()];
    let mut cycles = Vec::new();
    let mut post = Vec::with_capacity(out.len());
    super::cycles::depth_first(
        out,
        |k: usize| arcs[k].to,
        |k, path| {
            closing[k] = true;
            if cycles.len() < MAX_LISTED_CYCLES {
                let v = arcs[k].to;
                let from = path.iter().position(|w| *w == v).unwrap_or(0);
                cycles.push(
                    path[from..]
                        .iter()
                        .map(|w| topology.components[*w].id.clone())
                        .collect(),
                );
            }
        },
        |u| post.push(u),
    );
    post.reverse();
    (post, closing, cycles)
}
