//! Finding elements by id and walking the container hierarchy.

use std::collections::HashMap;

use super::{Component, Connection, Container, ContainerKind, Id, Region, Topology};

/// What kind of element an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementKind {
    /// A region.
    Region,
    /// An availability zone.
    Zone,
    /// An environment.
    Environment,
    /// A container.
    Container,
    /// A component.
    Component,
    /// A connection.
    Connection,
    /// A VPC peering.
    Peering,
}

impl ElementKind {
    /// Lower-case name, for messages.
    pub fn label(self) -> &'static str {
        match self {
            ElementKind::Region => "region",
            ElementKind::Zone => "zone",
            ElementKind::Environment => "environment",
            ElementKind::Container => "container",
            ElementKind::Component => "component",
            ElementKind::Connection => "connection",
            ElementKind::Peering => "peering",
        }
    }
}

/// Every defined id with its kind and position in its list. Built in O(n); first definition
/// wins when an id is defined twice (the checker reports the duplicate).
#[derive(Debug, Clone, Default)]
pub struct Index<'a> {
    entries: HashMap<&'a str, (ElementKind, usize)>,
    zone_region: HashMap<&'a str, usize>,
}

impl<'a> Index<'a> {
    /// Indexes `topology`.
    pub fn new(topology: &'a Topology) -> Self {
        let n = topology.containers.len()
            + topology.components.len()
            + topology.connections.len()
            + topology.peerings.len();
        let mut index = Index {
            entries: HashMap::with_capacity(n + 16),
            zone_region: HashMap::new(),
        };
        for (i, r) in topology.regions.iter().enumerate() {
            index.insert(&r.id, ElementKind::Region, i);
            for z in &r.zones {
                index.insert(z, ElementKind::Zone, i);
                index.zone_region.entry(z.as_str()).or_insert(i);
            }
        }
        for (i, e) in topology.environments.iter().enumerate() {
            index.insert(&e.id, ElementKind::Environment, i);
        }
        for (i, c) in topology.containers.iter().enumerate() {
            index.insert(&c.id, ElementKind::Container, i);
        }
        for (i, c) in topology.components.iter().enumerate() {
            index.insert(&c.id, ElementKind::Component, i);
        }
        for (i, c) in topology.connections.iter().enumerate() {
            index.insert(&c.id, ElementKind::Connection, i);
        }
        for (i, p) in topology.peerings.iter().enumerate() {
            index.insert(&p.id, ElementKind::Peering, i);
        }
        index
    }

    fn insert(&mut self, id: &'a Id, kind: ElementKind, i: usize) {
        self.entries.entry(id.as_str()).or_insert((kind, i));
    }

    /// The kind of element `id` names, if it is defined.
    pub fn kind_of(&self, id: &str) -> Option<ElementKind> {
        self.entries.get(id).map(|&(k, _)| k)
    }

    /// Position of `id` in the list of its kind, if it names an element of that kind.
    pub fn position(&self, id: &str, kind: ElementKind) -> Option<usize> {
        match self.entries.get(id) {
            Some(&(k, i)) if k == kind => Some(i),
            _ => None,
        }
    }

    /// Position in `regions` of the region zone `zone` belongs to.
    pub fn region_of_zone(&self, zone: &str) -> Option<usize> {
        self.zone_region.get(zone).copied()
    }
}

impl Topology {
    /// The component with this id.
    pub fn component(&self, id: &str) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    /// The container with this id.
    pub fn container(&self, id: &str) -> Option<&Container> {
        self.containers.iter().find(|c| c.id == id)
    }

    /// The connection with this id.
    pub fn connection(&self, id: &str) -> Option<&Connection> {
        self.connections.iter().find(|c| c.id == id)
    }

    /// The region with this id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }
}

/// Walks up the container tree using an [`Index`]; never loops, even on a cyclic tree.
#[derive(Clone, Copy)]
pub struct Ancestry<'a> {
    topology: &'a Topology,
    index: &'a Index<'a>,
}

/// The containers from one container up to the top (see [`Ancestry::chain`]).
pub struct Ancestors<'a> {
    ancestry: Ancestry<'a>,
    next: Option<&'a Id>,
    steps_left: usize,
}

impl<'a> Iterator for Ancestors<'a> {
    type Item = &'a Container;

    fn next(&mut self) -> Option<&'a Container> {
        self.steps_left = self.steps_left.checked_sub(1)?;
        let c = self.ancestry.container(self.next?.as_str())?;
        self.next = c.parent.as_ref();
        Some(c)
    }
}

impl<'a> Ancestry<'a> {
    /// A walker over `topology` using its `index`.
    pub fn new(topology: &'a Topology, index: &'a Index<'a>) -> Self {
        Self { topology, index }
    }

    /// The container `id` names.
    pub fn container(&self, id: &str) -> Option<&'a Container> {
        let i = self.index.position(id, ElementKind::Container)?;
        self.topology.containers.get(i)
    }

    /// The containers enclosing `start` (itself first), innermost first. On a cyclic tree the
    /// walk stops after as many steps as there are containers.
    pub fn chain(&self, start: Option<&'a Id>) -> Ancestors<'a> {
        Ancestors {
            ancestry: *self,
            next: start,
            steps_left: self.topology.containers.len(),
        }
    }

    /// The innermost VPC enclosing container `start` (or `start` itself).
    pub fn vpc(&self, start: Option<&'a Id>) -> Option<&'a Container> {
        self.chain(start)
            .find(|c| matches!(c.kind, ContainerKind::Vpc(_)))
    }

    /// The innermost subnet tier enclosing container `start` (or `start` itself).
    pub fn subnet(&self, start: Option<&'a Id>) -> Option<&'a Container> {
        self.chain(start)
            .find(|c| matches!(c.kind, ContainerKind::Subnet(_)))
    }

    /// The region given by the nearest VPC or group with a region, if any.
    pub fn region(&self, start: Option<&'a Id>) -> Option<&'a Id> {
        self.chain(start).find_map(|c| match &c.kind {
            ContainerKind::Vpc(v) => Some(&v.region),
            ContainerKind::Group(g) => g.region.as_ref(),
            _ => None,
        })
    }

    /// The environment given by the nearest VPC or group with an environment, if any.
    pub fn environment(&self, start: Option<&'a Id>) -> Option<&'a Id> {
        self.chain(start).find_map(|c| match &c.kind {
            ContainerKind::Vpc(v) => Some(&v.environment),
            ContainerKind::Group(g) => g.environment.as_ref(),
            _ => None,
        })
    }

    /// The region a component runs in: its own, else its containers'.
    pub fn component_region(&self, c: &'a Component) -> Option<&'a Id> {
        c.region
            .as_ref()
            .or_else(|| self.region(c.container.as_ref()))
    }
}
