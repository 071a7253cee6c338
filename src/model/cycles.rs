//! The depth-first search that breaks request cycles, shared by the offered load
//! ([`super::offered_load`]) and the simulator, so that both drop exactly the same calls.
//!
//! # Complexity
//! O(n + e) in the nodes and edges.

/// Searches depth first from every node in order, following each node's edges in order
/// (`head` gives an edge's target). An edge that reaches a node still open on the search path
/// closes a cycle: `on_close(edge, path)` is called with the open path, root first. Each node
/// is passed to `on_done` when its search ends (a post-order).
pub(crate) fn depth_first<E: Copy>(
    out: &[Vec<E>],
    head: impl Fn(E) -> usize,
    mut on_close: impl FnMut(E, &[usize]),
    mut on_done: impl FnMut(usize),
) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let n = out.len();
    let mut mark = vec![Mark::New; n];
    // The open path, and per node on it the next edge to follow.
    let mut path: Vec<usize> = Vec::new();
    let mut next: Vec<usize> = Vec::new();
    for start in 0..n {
        if mark[start] != Mark::New {
            continue;
        }
        mark[start] = Mark::Open;
        path.push(start);
        next.push(0);
        while let (Some(&u), Some(i)) = (path.last(), next.last_mut()) {
            let Some(&e) = out[u].get(*i) else {
                mark[u] = Mark::Done;
                on_done(u);
                path.pop();
                next.pop();
                continue;
            };
            *i += 1;
            let v = head(e);
            match mark.get(v).copied() {
                Some(Mark::New) => {
                    mark[v] = Mark::Open;
                    path.push(v);
                    next.push(0);
                }
                Some(Mark::Open) => on_close(e, &path),
                Some(Mark::Done) | None => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_triangle_loses_its_closing_edge_and_a_chain_none() {
        // 0 → 1 → 2 → 0, and 3 → 1.
        let out = vec![vec![1], vec![2], vec![0], vec![1]];
        let mut closing = Vec::new();
        let mut post = Vec::new();
        depth_first(
            &out,
            |v| v,
            |e, path| closing.push((e, path.to_vec())),
            |u| post.push(u),
        );
        assert_eq!(closing, vec![(0, vec![0, 1, 2])]);
        assert_eq!(post, vec![2, 1, 0, 3]);
    }
}
