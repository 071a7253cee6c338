//! Ranks of components along the request flow: actors first, then whatever they call, and so on.
//!
//! # Complexity
//! O(V + E) for the graph, the feedback arc set (petgraph's greedy heuristic) and the longest
//! path over the remaining DAG, with V components and E connections after container ends are
//! expanded to their members.

use std::collections::HashMap;

use petgraph::algo::{greedy_feedback_arc_set, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{ElementKind, Id, Index, Topology};

/// Rank of every component, by id: 0 for sources (actors, components nothing calls), then one
/// more than the highest-ranked caller. Cycles are broken first. Components with no connection
/// at all get the highest rank plus one, so they sit at the end of the flow.
pub fn ranks(t: &Topology) -> HashMap<&Id, usize> {
    let index = Index::new(t);
    let mut graph: DiGraph<&Id, ()> = DiGraph::new();
    let nodes: HashMap<&Id, NodeIndex> = t
        .components
        .iter()
        .map(|c| (&c.id, graph.add_node(&c.id)))
        .collect();
    let members = members_of_containers(t, &index);
    let ends = |id: &Id| -> Vec<NodeIndex> {
        match index.kind_of(id.as_str()) {
            Some(ElementKind::Component) => nodes.get(id).copied().into_iter().collect(),
            Some(ElementKind::Container) => members
                .get(id)
                .map(|m| m.iter().filter_map(|c| nodes.get(c).copied()).collect())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    };
    let mut connected = vec![false; graph.node_count()];
    for c in &t.connections {
        for a in ends(&c.from) {
            for b in ends(&c.to) {
                if a != b {
                    graph.update_edge(a, b, ());
                    connected[a.index()] = true;
                    connected[b.index()] = true;
                }
            }
        }
    }
    let back: Vec<_> = greedy_feedback_arc_set(&graph).map(|e| e.id()).collect();
    for e in back {
        graph.remove_edge(e);
    }
    let order = toposort(&graph, None).unwrap_or_else(|_| graph.node_indices().collect());
    let mut rank = vec![0usize; graph.node_count()];
    for n in order {
        let r = rank[n.index()];
        for next in graph.neighbors(n) {
            rank[next.index()] = rank[next.index()].max(r + 1);
        }
    }
    let last = rank.iter().copied().max().unwrap_or(0) + 1;
    graph
        .node_indices()
        .map(|n| {
            (
                graph[n],
                if connected[n.index()] {
                    rank[n.index()]
                } else {
                    last
                },
            )
        })
        .collect()
}

/// The components inside each container, at any depth.
fn members_of_containers<'a>(
    t: &'a Topology,
    index: &'a Index<'a>,
) -> HashMap<&'a Id, Vec<&'a Id>> {
    let ancestry = crate::model::Ancestry::new(t, index);
    let mut members: HashMap<&Id, Vec<&Id>> = HashMap::new();
    for c in &t.components {
        for container in ancestry.chain(c.container.as_ref()) {
            members.entry(&container.id).or_default().push(&c.id);
        }
    }
    members
}
