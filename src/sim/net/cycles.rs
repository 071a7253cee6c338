//! Breaking call cycles with the offered load's search ([`crate::model::depth_first`]): from
//! every component in file order, each call that reaches a component still open on the search
//! path is dropped, so that a request can never call itself forever.
//!
//! # Complexity
//! O(n + a) in the components and the sender/receiver pairs.

use super::build::Proto;
use crate::model::depth_first;

/// Removes the receivers that close a cycle from `protos`; returns the dropped (caller, callee)
/// pairs, as component positions.
pub(super) fn break_cycles(n: usize, protos: &mut [Proto]) -> Vec<(usize, usize)> {
    // Out-edges of each component: (proto, receiver position) in connection order.
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (k, p) in protos.iter().enumerate() {
        for r in 0..p.receivers.len() {
            out[p.from].push((k, r));
        }
    }
    let mut closing: Vec<(usize, usize)> = Vec::new();
    depth_first(
        &out,
        |(k, r)| protos[k].receivers[r],
        |edge, _| closing.push(edge),
        |_| {},
    );
    let mut dropped = Vec::with_capacity(closing.len());
    // Remove from the back so that receiver positions stay valid.
    closing.sort_unstable();
    for &(k, r) in closing.iter().rev() {
        let v = protos[k].receivers.remove(r);
        dropped.push((protos[k].from, v));
    }
    dropped.reverse();
    dropped
}
