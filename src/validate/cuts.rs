//! Cut points of the request graph: a component is one when every request path from the internet
//! to some other component passes through it, so that losing it cuts that component off. This is
//! the directed form of an articulation point (with respect to the internet root), computed as
//! immediate dominators with petgraph's `simple_fast` (Cooper, Harvey and Kennedy).
//!
//! # Complexity
//! O((V + E) · d) with d the loop-nesting depth of the graph, a small constant for request
//! graphs; O(V + E) memory.

use petgraph::algo::dominators::simple_fast;
use petgraph::graph::NodeIndex;
use petgraph::visit::EdgeFiltered;

use super::graph::{Arc, Graph};

/// Per node, the nodes it immediately dominates: those cut off from the internet when it fails.
pub(crate) struct Cuts {
    /// By node position, the nodes it immediately dominates, in node order.
    pub cut_off: Vec<Vec<usize>>,
    reached: Vec<bool>,
}

impl Cuts {
    /// Whether `node` is reached from the internet root.
    pub fn reached(&self, node: usize) -> bool {
        self.reached.get(node).copied().unwrap_or(false)
    }
}

/// The cut points of the subgraph of arcs `follow` accepts, from the internet root.
pub(crate) fn cuts(graph: &Graph, follow: impl Fn(&Arc) -> bool) -> Cuts {
    let n = graph.g.node_count();
    let filtered = EdgeFiltered::from_fn(&graph.g, |e: petgraph::graph::EdgeReference<'_, Arc>| {
        follow(e.weight())
    });
    let dominators = simple_fast(&filtered, graph.root);
    let mut cut_off = vec![Vec::new(); n];
    let mut reached = vec![false; n];
    reached[graph.root.index()] = true;
    for (v, seen) in reached.iter_mut().enumerate() {
        if let Some(d) = dominators.immediate_dominator(NodeIndex::new(v)) {
            *seen = true;
            cut_off[d.index()].push(v);
        }
    }
    Cuts { cut_off, reached }
}
