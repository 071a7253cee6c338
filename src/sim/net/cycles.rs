//! Breaking call cycles, with the rule of the offered load (`model::flow`): an iterative
//! depth-first search from every component in file order drops each call that reaches a
//! component still open on the search path, so that a request can never call itself forever.
//!
//! # Complexity
//! O(n + a) in the components and the sender/receiver pairs.

use super::build::Proto;

/// Removes the receivers that close a cycle from `protos`; returns the dropped (caller, callee)
/// pairs, as component positions.
pub(super) fn break_cycles(n: usize, protos: &mut [Proto]) -> Vec<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    // Out-edges of each component: (proto, receiver position) in connection order.
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (k, p) in protos.iter().enumerate() {
        for r in 0..p.receivers.len() {
            out[p.from].push((k, r));
        }
    }
    let mut mark = vec![Mark::New; n];
    let mut closing: Vec<(usize, usize)> = Vec::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for start in 0..n {
        if mark[start] != Mark::New {
            continue;
        }
        mark[start] = Mark::Open;
        stack.push((start, 0));
        while let Some(&mut (u, ref mut next)) = stack.last_mut() {
            let Some(&(k, r)) = out[u].get(*next) else {
                mark[u] = Mark::Done;
                stack.pop();
                continue;
            };
            *next += 1;
            let v = protos[k].receivers[r];
            match mark[v] {
                Mark::New => {
                    mark[v] = Mark::Open;
                    stack.push((v, 0));
                }
                Mark::Open => closing.push((k, r)),
                Mark::Done => {}
            }
        }
    }
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
