//! The request graph of one validation, in petgraph.
//!
//! Nodes are the components (node `i` is `Topology::components[i]`) plus one virtual *internet*
//! node, the root, with an arc to every `Users` and `Admins` actor. Every connection becomes arcs
//! from each component it stands for at its `from` end to each one at its `to` end: a component
//! stands for itself, a container for all of its members at any depth (the firewall view: a
//! connection to a subnet or cluster opens it to every member). Arcs keep the connection and its
//! kind, so rules filter the view they need (request arcs for availability, everything but
//! observability and control for exposure).
//!
//! # Complexity
//! O(n + Σ |from members| × |to members|) to build: O(n + c) when connections join components.

use std::ops::Range;

use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::model::{ConnectionKind, ElementKind, Id, Index, Topology};

/// What an arc carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Arc {
    /// The connection it comes from (position in `Topology::connections`); `None` for the arcs
    /// of the internet root.
    pub connection: Option<usize>,
    /// What flows over it (`Request` for the root's arcs).
    pub kind: ConnectionKind,
}

/// The graph and the arcs of each connection.
pub(crate) struct Graph {
    /// Components as nodes `0..n`, the internet root as node `n`.
    pub g: DiGraph<(), Arc, u32>,
    /// The internet root.
    pub root: NodeIndex,
    /// Arc indices of each connection, by connection position.
    by_connection: Vec<Range<usize>>,
}

impl Graph {
    /// Builds the graph of `t`; `members` lists each container's components at any depth.
    pub fn new(t: &Topology, index: &Index, members: &[Vec<usize>]) -> Self {
        let n = t.components.len();
        let mut g = DiGraph::with_capacity(n + 1, t.connections.len() + 8);
        for _ in 0..=n {
            g.add_node(());
        }
        let root = NodeIndex::new(n);
        let ends = |id: &Id| -> Vec<usize> {
            if let Some(i) = index.position(id.as_str(), ElementKind::Component) {
                return vec![i];
            }
            index
                .position(id.as_str(), ElementKind::Container)
                .map_or_else(Vec::new, |k| members[k].clone())
        };
        let mut by_connection = Vec::with_capacity(t.connections.len());
        for (ci, c) in t.connections.iter().enumerate() {
            let start = g.edge_count();
            let to = ends(&c.to);
            for from in ends(&c.from) {
                for &to in &to {
                    if from != to {
                        g.add_edge(
                            NodeIndex::new(from),
                            NodeIndex::new(to),
                            Arc {
                                connection: Some(ci),
                                kind: c.kind,
                            },
                        );
                    }
                }
            }
            by_connection.push(start..g.edge_count());
        }
        for (i, c) in t.components.iter().enumerate() {
            if c.kind.tag().is_actor() {
                let arc = Arc {
                    connection: None,
                    kind: ConnectionKind::Request,
                };
                g.add_edge(root, NodeIndex::new(i), arc);
            }
        }
        Self {
            g,
            root,
            by_connection,
        }
    }

    /// The (from, to) component pairs connection `connection` stands for.
    pub fn pairs_of(&self, connection: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.by_connection
            .get(connection)
            .cloned()
            .unwrap_or(0..0)
            .filter_map(|e| self.g.edge_endpoints(EdgeIndex::new(e)))
            .map(|(a, b)| (a.index(), b.index()))
    }

    /// Arcs leaving component `i`: (target component, arc).
    pub fn outgoing(&self, i: usize) -> impl Iterator<Item = (usize, Arc)> + '_ {
        self.g
            .edges(NodeIndex::new(i))
            .map(|e| (e.target().index(), *e.weight()))
    }

    /// Arcs entering component `i`: (source node, arc); the source is the root for actors.
    pub fn incoming(&self, i: usize) -> impl Iterator<Item = (usize, Arc)> + '_ {
        self.g
            .edges_directed(NodeIndex::new(i), petgraph::Direction::Incoming)
            .map(|e| (e.source().index(), *e.weight()))
    }

    /// Components connected to `i` in either direction by any arc.
    pub fn neighbours(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let root = self.root.index();
        self.outgoing(i)
            .map(|(j, _)| j)
            .chain(self.incoming(i).map(|(j, _)| j))
            .filter(move |j| *j != root)
    }
}
