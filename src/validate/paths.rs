//! Breadth-first search over the request graph: what is reachable from where, and the shortest
//! path that reaches it.
//!
//! # Complexity
//! O(V + E) per search; a path is rebuilt in O(its length).

use std::collections::VecDeque;

use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeRef;

use super::graph::{Arc, Graph};

/// The result of a search: for every node reached, the node and arc it was first reached by.
pub(crate) struct Search {
    parent: Vec<Option<(usize, Arc)>>,
    reached: Vec<bool>,
    /// Nodes in the order they were reached.
    pub order: Vec<usize>,
}

/// Searches from `starts`, following the arcs `follow` accepts and leaving only the nodes
/// `expand` accepts (the starts are always left).
pub(crate) fn search(
    graph: &Graph,
    starts: &[usize],
    follow: impl Fn(&Arc) -> bool,
    expand: impl Fn(usize) -> bool,
) -> Search {
    let n = graph.g.node_count();
    let mut s = Search {
        parent: vec![None; n],
        reached: vec![false; n],
        order: Vec::new(),
    };
    let mut queue = VecDeque::new();
    for &start in starts {
        if start < n && !s.reached[start] {
            s.reached[start] = true;
            s.order.push(start);
            queue.push_back((start, true));
        }
    }
    while let Some((u, is_start)) = queue.pop_front() {
        if !is_start && !expand(u) {
            continue;
        }
        // petgraph lists a node's arcs newest first: reverse for file order.
        let mut arcs: Vec<_> = graph.g.edges(NodeIndex::new(u)).collect();
        arcs.reverse();
        for e in arcs {
            let v = e.target().index();
            if !s.reached[v] && follow(e.weight()) {
                s.reached[v] = true;
                s.parent[v] = Some((u, *e.weight()));
                s.order.push(v);
                queue.push_back((v, false));
            }
        }
    }
    s
}

impl Search {
    /// Whether `node` was reached.
    pub fn reached(&self, node: usize) -> bool {
        self.reached.get(node).copied().unwrap_or(false)
    }

    /// The nodes from a start to `node`, and the arcs between them (one fewer); empty when
    /// `node` was not reached.
    pub fn path_to(&self, node: usize) -> (Vec<usize>, Vec<Arc>) {
        if !self.reached(node) {
            return (Vec::new(), Vec::new());
        }
        let mut nodes = vec![node];
        let mut arcs = Vec::new();
        let mut at = node;
        while let Some((prev, arc)) = self.parent[at] {
            nodes.push(prev);
            arcs.push(arc);
            at = prev;
        }
        nodes.reverse();
        arcs.reverse();
        (nodes, arcs)
    }
}
