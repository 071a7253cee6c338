//! The simulated network: the topology compiled into stations (multi-server queues, one per
//! component that traffic reaches, plus the actors that send it) and arcs (the request and async
//! connections between them), in flat arrays indexed by small integers.

mod build;
mod cycles;
mod work;

pub(crate) use build::build;
pub(crate) use work::visits_per_request;

use crate::model::{Id, KindTag};

/// Marks "no zone" in [`Station::replica_zone`].
pub(crate) const NO_ZONE: u32 = u32::MAX;
/// Marks "no slot" in [`Arc::lookup_slot`] and [`Arc::on_miss_slot`].
pub(crate) const NO_SLOT: u8 = u8::MAX;
/// Most caches one component can fall back from (bits of a frame's miss mask).
pub(crate) const MAX_SLOTS: usize = 64;

/// The compiled topology.
#[derive(Debug, Clone)]
pub(crate) struct Net {
    /// Actors first (in file order), then every component traffic can reach (in file order).
    pub stations: Vec<Station>,
    /// Outgoing arcs, grouped by station (see [`Station::arcs`]).
    pub arcs: Vec<Arc>,
    /// Receiving stations of the arcs (see [`Arc::receivers`]).
    pub receivers: Vec<u32>,
    /// Number of actor stations (they come first).
    pub actors: usize,
    /// Zone ids, indexed by the zone numbers of [`Station::replica_zone`].
    pub zones: Vec<Id>,
    /// Region of each zone (index into `regions`).
    pub zone_region: Vec<u32>,
    /// Connection ids, indexed by [`Arc::connection`].
    pub connections: Vec<Id>,
    /// Components that are not simulated, with the reason.
    pub excluded: Vec<(Id, &'static str)>,
    /// Calls dropped to break request cycles, as (caller, callee).
    pub broken_cycles: Vec<(Id, Id)>,
}

/// How a component's requests are spread over its replicas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Routing {
    /// Round robin over the replicas in rotation (stateless services, databases whose replicas
    /// serve reads).
    Balanced,
    /// Each request belongs to one of `shards` key ranges, each owned by one replica (caches,
    /// queues); a database whose replicas do not serve reads is one shard owned by its primary.
    Sharded {
        /// Number of shards.
        shards: u32,
    },
}

/// Time one request spends on a server.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Service {
    /// Exponential with this mean.
    Exponential { mean_ms: f64 },
    /// Always this long.
    Constant { mean_ms: f64 },
    /// exp(N(mu, sigma²)) milliseconds.
    LogNormal { mu: f64, sigma: f64 },
}

/// A simulated component (or actor).
#[derive(Debug, Clone)]
pub(crate) struct Station {
    /// Component id.
    pub id: Id,
    /// Position in `Topology::components`.
    pub component: usize,
    /// Its kind.
    pub tag: KindTag,
    /// Whether it is an actor (a source of requests, no servers).
    pub actor: bool,
    /// An actor's base rate (its `rate_rps`).
    pub rate_rps: f64,
    /// Replicas.
    pub replicas: u32,
    /// Servers per replica.
    pub concurrency: u32,
    /// Service time.
    pub service: Service,
    /// Mean service time (for reports).
    pub mean_service_ms: f64,
    /// Whether a server is held while the request's synchronous calls are out.
    pub blocking: bool,
    /// Hit ratio of a cache or CDN: hits are answered without further calls.
    pub hit_ratio: Option<f64>,
    /// Spreading over replicas.
    pub routing: Routing,
    /// Failure detection delay (health-check interval × threshold), ms.
    pub detect_ms: f64,
    /// Delay before a repaired replica is back in rotation, ms.
    pub readmit_ms: f64,
    /// Promotion time of a shard's replica after detection, ms.
    pub promote_ms: f64,
    /// Whether a lost shard is promoted onto a surviving replica.
    pub auto_failover: bool,
    /// Range of this station's arcs in [`Net::arcs`].
    pub arcs: (u32, u32),
    /// Zone number of each replica ([`NO_ZONE`] when unplaced).
    pub replica_zone: Vec<u32>,
    /// Region number of the component, if known.
    pub region: Option<u32>,
    /// Most requests one replica holds waiting; further ones are refused.
    pub queue_limit: u32,
}

impl Station {
    /// Servers of the station with every replica up.
    pub fn servers(&self) -> u64 {
        u64::from(self.replicas) * u64::from(self.concurrency)
    }
}

/// Calls from one station along one connection.
#[derive(Debug, Clone)]
pub(crate) struct Arc {
    /// Index into [`Net::connections`].
    pub connection: u32,
    /// Whole calls per request.
    pub whole: u32,
    /// Probability of one more call.
    pub frac: f64,
    /// Range of receiving stations in [`Net::receivers`]; each call goes to one, uniformly.
    pub receivers: (u32, u32),
    /// A message without a reply: adds no latency, its outcome does not reach the caller.
    pub asynchronous: bool,
    /// The caller gives up after this long (infinite when unset).
    pub timeout_ms: f64,
    /// Attempts after the first.
    pub retries: u32,
    /// This call looks a key up in a cache the caller falls back from: its miss (or failure) is
    /// recorded in this bit of the caller's miss mask, and a failure does not fail the caller.
    pub lookup_slot: u8,
    /// This call is made only when the lookup in this slot missed.
    pub on_miss_slot: u8,
}
