//! How much work one user request can cause: the expected station visits along the call graph,
//! counting every retry as if it happened, so that a design that would make the simulator run
//! for hours (a thousand calls per request on every hop) is refused up front.
//!
//! # Complexity
//! O(s + a + r) in the stations, arcs and receivers: each station's figure is computed once
//! (the call graph is acyclic once cycles are broken).

use super::Net;

/// Expected visits per request arriving at each station, worst case (all retries made, no
/// cache hits); `f64::INFINITY` when it overflows.
pub(crate) fn visits_per_request(net: &Net) -> Vec<f64> {
    let mut memo: Vec<Option<f64>> = vec![None; net.stations.len()];
    (0..net.stations.len())
        .map(|s| visits(net, s, &mut memo, 0))
        .collect()
}

/// Deeper than this the graph would have a cycle, which `build` has broken; stop anyway.
const MAX_DEPTH: usize = 4096;

fn visits(net: &Net, s: usize, memo: &mut [Option<f64>], depth: usize) -> f64 {
    if let Some(v) = memo[s] {
        return v;
    }
    if depth > MAX_DEPTH {
        return f64::INFINITY;
    }
    let (first, end) = net.stations[s].arcs;
    let mut total = 1.0;
    for arc in &net.arcs[first as usize..end as usize] {
        let (r0, r1) = arc.receivers;
        let receivers = &net.receivers[r0 as usize..r1 as usize];
        if receivers.is_empty() {
            continue;
        }
        let per_receiver: f64 = receivers
            .iter()
            .map(|&r| visits(net, r as usize, memo, depth + 1))
            .sum::<f64>()
            / receivers.len() as f64;
        let calls = f64::from(arc.whole) + arc.frac;
        let attempts = 1.0 + f64::from(arc.retries);
        total += calls * attempts * per_receiver;
    }
    memo[s] = Some(total);
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Topology;

    #[test]
    fn a_chain_multiplies_calls_and_attempts() {
        let t: Topology = crate::io::parse(include_str!("../../../tests/fixtures/sim/jackson.ron"))
            .expect("fixture parses");
        let net = super::super::build(&t);
        let v = visits_per_request(&net);
        // clients → lb → api → 0.9 cache + 0.1 db: 1 + 1 + 1 + (0.9 + 0.1) visits.
        let clients = net.stations.iter().position(|s| s.actor).expect("actor");
        assert!((v[clients] - 4.0).abs() < 1e-9, "{}", v[clients]);
    }
}
