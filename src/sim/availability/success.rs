//! The probability that a user request succeeds, given how likely each component is to be
//! reached (its replicas up): the structure function shared by the Monte-Carlo run (with the
//! current state) and the reliability-block formula (with each block's availability).
//!
//! A call succeeds when its receiver is reached and the receiver's own calls succeed; retries
//! are independent new attempts; a fraction of a call is a probability; a cache lookup that
//! fails or misses sends the request to the cache-aside fallback, which must then succeed;
//! asynchronous messages do not affect the request. Stations are evaluated callees first, which
//! the acyclic network allows.
//!
//! # Complexity
//! O(s + a) per evaluation in the stations and arcs.

use crate::sim::net::{MAX_SLOTS, NO_SLOT, Net};

/// Stations in an order where every callee comes before its callers.
pub(crate) fn callee_order(net: &Net) -> Vec<usize> {
    let n = net.stations.len();
    let mut mark = vec![0u8; n];
    let mut order = Vec::with_capacity(n);
    for start in 0..n {
        if mark[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, net.stations[start].arcs.0)];
        mark[start] = 1;
        while let Some((u, next)) = stack.last_mut() {
            let (u, end) = (*u, net.stations[*u].arcs.1);
            if *next >= end {
                mark[u] = 2;
                order.push(u);
                stack.pop();
                continue;
            }
            let arc = &net.arcs[*next as usize];
            *next += 1;
            for &v in &net.receivers[arc.receivers.0 as usize..arc.receivers.1 as usize] {
                if mark[v as usize] == 0 {
                    mark[v as usize] = 1;
                    stack.push((v as usize, net.stations[v as usize].arcs.0));
                }
            }
        }
    }
    order
}

/// Success probabilities of every station (`out[s]`: a request arriving at `s` succeeds),
/// given `reach[s]` (it is answered by a replica at all), evaluated in `order`.
pub(crate) fn success(net: &Net, order: &[usize], reach: &[f64], out: &mut [f64]) {
    // Per cache-aside slot: the chance its lookup is made, that it hits, and the product of its
    // fallbacks (only for stations that have slots).
    let mut made = [0.0f64; MAX_SLOTS];
    let mut hit = [0.0f64; MAX_SLOTS];
    let mut fallback = [1.0f64; MAX_SLOTS];
    for &s in order {
        let st = &net.stations[s];
        let mut factor = 1.0;
        let mut slots = 0usize;
        for arc in &net.arcs[st.arcs.0 as usize..st.arcs.1 as usize] {
            if arc.asynchronous {
                continue;
            }
            let (a, b) = (arc.receivers.0 as usize, arc.receivers.1 as usize);
            let receivers = &net.receivers[a..b];
            if receivers.is_empty() {
                continue;
            }
            let mean = |f: &dyn Fn(usize) -> f64| {
                receivers.iter().map(|&r| f(r as usize)).sum::<f64>() / receivers.len() as f64
            };
            let retry = |q: f64| 1.0 - (1.0 - q).powi(arc.retries as i32 + 1);
            let calls = |q: f64| q.powi(arc.whole as i32) * (1.0 - arc.frac + arc.frac * q);
            let slot = if arc.lookup_slot != NO_SLOT {
                arc.lookup_slot
            } else {
                arc.on_miss_slot
            };
            if slot != NO_SLOT {
                let k = slot as usize;
                if k >= slots {
                    for j in slots..=k {
                        made[j] = 0.0;
                        hit[j] = 0.0;
                        fallback[j] = 1.0;
                    }
                    slots = k + 1;
                }
                if arc.lookup_slot != NO_SLOT {
                    let reached = retry(mean(&|r| reach[r]));
                    hit[k] = reached * mean(&|r| net.stations[r].hit_ratio.unwrap_or(0.0));
                    made[k] = if arc.whole >= 1 { 1.0 } else { arc.frac };
                } else {
                    fallback[k] *= calls(retry(mean(&|r| out[r])));
                }
            } else {
                factor *= calls(retry(mean(&|r| out[r])));
            }
        }
        for k in 0..slots {
            factor *= 1.0 - made[k] + made[k] * (hit[k] + (1.0 - hit[k]) * fallback[k]);
        }
        out[s] = if st.actor {
            factor
        } else {
            let h = st.hit_ratio.unwrap_or(0.0);
            reach[s] * (h + (1.0 - h) * factor)
        };
    }
}

/// The share of all user requests that succeed: the actors' success weighted by their rate.
pub(crate) fn system(net: &Net, rates: &[f64], out: &[f64]) -> f64 {
    let total: f64 = rates.iter().sum();
    if total <= 0.0 {
        return 1.0;
    }
    (0..net.actors)
        .map(|a| rates.get(a).copied().unwrap_or(0.0) * out[a])
        .sum::<f64>()
        / total
}
