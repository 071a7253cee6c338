//! The Monte-Carlo availability run: replicas, zones and common-cause events fail and are
//! repaired (exponential up and repair times from MTBF/MTTR) over many simulated years; between
//! two changes the share of user requests that would succeed is constant, and its time average
//! is the availability.
//!
//! Two views of the same sample path: *instant failover* (a component serves while any replica
//! is up: the assumption of the reliability-block formula) and *with failover delays* (a failed
//! replica keeps its share of requests until the failure is detected, a lost shard or primary
//! waits for its promotion, a repaired replica serves again after its health checks).
//!
//! # Complexity
//! O(e · (s · r + a)) for e failure and repair events, s stations with r replicas and a arcs.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::success::{success, system};
use crate::model::Reliability;
use crate::sim::net::{Net, Routing, Station};
use crate::sim::sample::{AVAILABILITY_STREAM, Stream};

/// Hours per year.
pub(crate) const YEAR_H: f64 = 8766.0;
/// A request-success share below this counts as an outage (some requests fail).
const FULL: f64 = 1.0 - 1e-12;

/// What can fail.
#[derive(Debug, Clone, Copy)]
enum Target {
    Replica(u32),
    Common(u32),
    Zone(u32),
}

#[derive(Debug, Clone, Copy)]
struct Element {
    target: Target,
    mtbf_h: f64,
    mttr_h: f64,
    up: bool,
}

/// The failure data of the run.
pub(crate) struct Inputs<'a> {
    pub net: &'a Net,
    pub order: &'a [usize],
    /// Failure data per station (`None`: never fails).
    pub reliability: Vec<Option<Reliability>>,
    pub zone: Option<Reliability>,
    /// Actor rates (weights of the system figure).
    pub rates: Vec<f64>,
}

/// What one replication measured.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub hours: f64,
    /// ∫ success share dt, with failover delays and with instant failover.
    pub detailed: f64,
    pub instant: f64,
    /// Per station, ∫ reach dt with instant failover.
    pub stations: Vec<f64>,
    /// Episodes in which some requests fail (instant failover view).
    pub episodes: u64,
}

/// Run-time state of one replica.
#[derive(Debug, Clone, Copy)]
struct ReplicaState {
    causes: u32,
    /// While down: when health checks notice. While up: when it serves again.
    detect_at: f64,
    admit_at: f64,
}

/// One replication of `years` years.
pub(crate) fn run(
    inputs: &Inputs,
    seed: u64,
    replication: u64,
    years: f64,
    mut progress: impl FnMut() -> bool,
) -> Option<Outcome> {
    let net = inputs.net;
    let mut rng = Stream::new(seed, replication, AVAILABILITY_STREAM);
    let mut first = Vec::with_capacity(net.stations.len());
    let mut count = 0u32;
    for st in &net.stations {
        first.push(count);
        count += st.replicas;
    }
    let mut elements = Vec::new();
    for (s, st) in net.stations.iter().enumerate().skip(net.actors) {
        let Some(r) = &inputs.reliability[s] else {
            continue;
        };
        let beta = r.common_cause_ratio.clamp(0.0, 1.0);
        if beta < 1.0 {
            for k in 0..st.replicas {
                elements.push(Element {
                    target: Target::Replica(first[s] + k),
                    mtbf_h: r.mtbf_hours / (1.0 - beta),
                    mttr_h: r.mttr_hours,
                    up: true,
                });
            }
        }
        if beta > 0.0 {
            elements.push(Element {
                target: Target::Common(s as u32),
                mtbf_h: r.mtbf_hours / beta,
                mttr_h: r.mttr_hours,
                up: true,
            });
        }
    }
    if let Some(z) = &inputs.zone {
        for k in 0..net.zones.len() {
            let used = net
                .stations
                .iter()
                .any(|st| st.replica_zone.contains(&(k as u32)));
            if used {
                elements.push(Element {
                    target: Target::Zone(k as u32),
                    mtbf_h: z.mtbf_hours,
                    mttr_h: z.mttr_hours,
                    up: true,
                });
            }
        }
    }
    // Per global replica: itself and its station; per station and per zone: their replicas.
    let members: Vec<u32> = (0..count).collect();
    let mut owner = vec![0u32; count as usize];
    let mut common: Vec<Vec<u32>> = vec![Vec::new(); net.stations.len()];
    let mut zoned: Vec<Vec<u32>> = vec![Vec::new(); net.zones.len()];
    for (s, st) in net.stations.iter().enumerate() {
        for k in 0..st.replicas {
            let g = first[s] + k;
            owner[g as usize] = s as u32;
            common[s].push(g);
            if let Some(&z) = st.replica_zone.get(k as usize)
                && let Some(list) = zoned.get_mut(z as usize)
            {
                list.push(g);
            }
        }
    }
    let mut dirty = vec![false; net.stations.len()];
    let mut delayed = vec![false; net.stations.len()];
    let mut replicas = vec![
        ReplicaState {
            causes: 0,
            detect_at: 0.0,
            admit_at: 0.0,
        };
        count as usize
    ];
    // Events: (time bits, sequence, element or SETTLE).
    const SETTLE: u32 = u32::MAX;
    let mut heap: BinaryHeap<Reverse<(u64, u64, u32)>> = BinaryHeap::new();
    let mut seq = 0u64;
    let mut push = |heap: &mut BinaryHeap<Reverse<(u64, u64, u32)>>, t: f64, e: u32| {
        seq += 1;
        heap.push(Reverse((t.max(0.0).to_bits(), seq, e)));
    };
    for (i, e) in elements.iter().enumerate() {
        if e.mtbf_h.is_finite() && e.mtbf_h > 0.0 {
            let t = rng.exponential(e.mtbf_h);
            push(&mut heap, t, i as u32);
        }
    }
    let horizon = years * YEAR_H;
    let n = net.stations.len();
    let mut reach_d = vec![1.0; n];
    let mut reach_i = vec![1.0; n];
    let mut out_d = vec![1.0; n];
    let mut out_i = vec![1.0; n];
    let mut outcome = Outcome {
        hours: horizon,
        detailed: 0.0,
        instant: 0.0,
        stations: vec![0.0; n],
        episodes: 0,
    };
    let (mut p_d, mut p_i) = (1.0, 1.0);
    let mut last = 0.0;
    let mut next_year = YEAR_H;
    loop {
        let (t, e) = match heap.pop() {
            Some(Reverse((bits, _, e))) => (f64::from_bits(bits), e),
            None => (horizon, SETTLE),
        };
        let t = t.min(horizon);
        let dt = t - last;
        outcome.detailed += p_d * dt;
        outcome.instant += p_i * dt;
        for (acc, r) in outcome.stations.iter_mut().zip(&reach_i) {
            *acc += r * dt;
        }
        last = t;
        while t >= next_year && next_year <= horizon {
            next_year += YEAR_H;
            if !progress() {
                return None;
            }
        }
        if t >= horizon {
            break;
        }
        if e != SETTLE {
            let el = &mut elements[e as usize];
            el.up = !el.up;
            let (up, target) = (el.up, el.target);
            let next = if up {
                rng.exponential(el.mtbf_h)
            } else {
                rng.exponential(el.mttr_h.max(1e-9))
            };
            push(&mut heap, t + next, e);
            let replicas_hit: &[u32] = match target {
                Target::Replica(g) => std::slice::from_ref(&members[g as usize]),
                Target::Common(s) => &common[s as usize],
                Target::Zone(z) => &zoned[z as usize],
            };
            for &g in replicas_hit {
                let station = owner[g as usize] as usize;
                let st = &net.stations[station];
                let (detect_h, readmit_h, promote_h) = (
                    st.detect_ms / 3.6e6,
                    st.readmit_ms / 3.6e6,
                    st.promote_ms / 3.6e6,
                );
                let r = &mut replicas[g as usize];
                if up {
                    r.causes = r.causes.saturating_sub(1);
                    if r.causes == 0 {
                        let detected = t >= r.detect_at;
                        r.admit_at = if detected { t + readmit_h } else { t };
                        if detected {
                            push(&mut heap, r.admit_at, SETTLE);
                        }
                    }
                } else {
                    r.causes += 1;
                    if r.causes == 1 {
                        r.detect_at = t + detect_h;
                        push(&mut heap, r.detect_at, SETTLE);
                        push(&mut heap, r.detect_at + promote_h, SETTLE);
                    }
                }
                dirty[station] = true;
            }
        }
        // Reach of every station in both views (a settle may change any delayed state).
        for (s, st) in net.stations.iter().enumerate() {
            if st.actor || !(dirty[s] || e == SETTLE || delayed[s]) {
                continue;
            }
            dirty[s] = false;
            let rs = &replicas[first[s] as usize..(first[s] + st.replicas) as usize];
            let any_up = rs.iter().any(|r| r.causes == 0);
            reach_i[s] = if any_up { 1.0 } else { 0.0 };
            reach_d[s] = detailed_reach(st, rs, t);
            delayed[s] = rs.iter().any(|r| {
                t < r.admit_at || (r.causes > 0 && t < r.detect_at + st.promote_ms / 3.6e6)
            });
        }
        success(net, inputs.order, &reach_d, &mut out_d);
        success(net, inputs.order, &reach_i, &mut out_i);
        p_d = system(net, &inputs.rates, &out_d);
        let before = p_i;
        p_i = system(net, &inputs.rates, &out_i);
        if before >= FULL && p_i < FULL {
            outcome.episodes += 1;
        }
    }
    Some(outcome)
}

/// Share of requests a station answers at time `t`, with failover delays.
fn detailed_reach(st: &Station, rs: &[ReplicaState], t: f64) -> f64 {
    let serving = |r: &ReplicaState| r.causes == 0 && t >= r.admit_at;
    let undetected = |r: &ReplicaState| r.causes > 0 && t < r.detect_at;
    let any_serving = rs.iter().any(serving);
    match st.routing {
        Routing::Balanced => {
            let s = rs.iter().filter(|r| serving(r)).count();
            let u = rs.iter().filter(|r| undetected(r)).count();
            if s + u == 0 {
                0.0
            } else {
                s as f64 / (s + u) as f64
            }
        }
        Routing::Sharded { shards } => {
            let shards = shards.max(1) as usize;
            let promote_h = st.promote_ms / 3.6e6;
            let ok = (0..shards)
                .filter(|&k| {
                    let Some(owner) = rs.get(k) else { return false };
                    if serving(owner) {
                        true
                    } else if owner.causes > 0 {
                        st.auto_failover && t >= owner.detect_at + promote_h && any_serving
                    } else {
                        any_serving
                    }
                })
                .count();
            ok as f64 / shards as f64
        }
    }
}
