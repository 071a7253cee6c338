//! What every rule needs, computed once per validation: where each component sits (VPC, subnet,
//! environment, region), the members of each container, the request graph and the offered load.

use super::graph::Graph;
use crate::model::{
    Ancestry, Component, ComponentKind, Container, ContainerKind, ElementKind, Environment,
    GroupPurpose, Id, Index, OfferedLoad, Stage, Tier, Topology, container_members,
    offered_load_with,
};

/// Where a component sits.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Place<'a> {
    /// Its innermost VPC (position in `Topology::containers`).
    pub vpc: Option<usize>,
    /// Its innermost subnet tier (position in `Topology::containers`).
    pub subnet: Option<usize>,
    /// Its innermost container of any kind.
    pub container: Option<usize>,
    /// Its environment.
    pub environment: Option<&'a Environment>,
    /// Its region.
    pub region: Option<&'a Id>,
    /// On the public internet: an actor, or inside an `Internet` group.
    pub internet: bool,
    /// Run by a third party: an external API, e-mail service or identity provider, or inside an
    /// `ExternalServices` group.
    pub external: bool,
}

/// The shared, precomputed view of a topology that rules read.
pub(crate) struct Context<'a> {
    /// The topology.
    pub t: &'a Topology,
    /// Its index.
    pub index: &'a Index<'a>,
    /// Where each component sits, by position.
    pub places: Vec<Place<'a>>,
    /// The components inside each container, at any depth, by container position.
    pub members: Vec<Vec<usize>>,
    /// The request graph.
    pub graph: Graph,
    /// The baseline offered load.
    pub load: OfferedLoad,
    /// `0..n`, so that one component can be lent as a one-element slice.
    positions: Vec<usize>,
}

impl<'a> Context<'a> {
    /// Computes the view of `t`.
    pub fn new(t: &'a Topology, index: &'a Index<'a>) -> Self {
        let ancestry = Ancestry::new(t, index);
        let position = |c: &Container| index.position(c.id.as_str(), ElementKind::Container);
        let places = t
            .components
            .iter()
            .map(|c| {
                let start = c.container.as_ref();
                let mut place = Place {
                    vpc: ancestry.vpc(start).and_then(position),
                    subnet: ancestry.subnet(start).and_then(position),
                    container: start
                        .and_then(|id| index.position(id.as_str(), ElementKind::Container)),
                    environment: ancestry
                        .environment(start)
                        .and_then(|e| t.environments.iter().find(|env| env.id == *e)),
                    region: ancestry.component_region(c),
                    internet: c.kind.tag().is_actor(),
                    external: matches!(
                        c.kind,
                        ComponentKind::ExternalApi(_)
                            | ComponentKind::EmailService(_)
                            | ComponentKind::IdentityProvider(_)
                    ),
                };
                for k in ancestry.chain(start) {
                    if let ContainerKind::Group(g) = &k.kind {
                        match g.purpose {
                            GroupPurpose::Internet => place.internet = true,
                            GroupPurpose::ExternalServices => place.external = true,
                            _ => {}
                        }
                    }
                }
                place
            })
            .collect();
        let members = container_members(t, index);
        let graph = Graph::new(t, index, &members);
        let load = offered_load_with(t, index, &members);
        Self {
            t,
            index,
            places,
            members,
            graph,
            load,
            positions: (0..t.components.len()).collect(),
        }
    }

    /// The component at position `i`.
    pub fn component(&self, i: usize) -> &'a Component {
        &self.t.components[i]
    }

    /// The container at position `k`.
    pub fn container(&self, k: usize) -> &'a Container {
        &self.t.containers[k]
    }

    /// The tier of the subnet component `i` is in, if any.
    pub fn tier(&self, i: usize) -> Option<&'a Tier> {
        let k = self.places[i].subnet?;
        match &self.t.containers[k].kind {
            ContainerKind::Subnet(s) => Some(&s.tier),
            _ => None,
        }
    }

    /// Whether component `i` is in a VPC but not in a public subnet tier.
    pub fn is_private(&self, i: usize) -> bool {
        self.places[i].vpc.is_some() && !self.tier(i).is_some_and(Tier::is_public)
    }

    /// Whether component `i` is in a public subnet tier.
    pub fn is_public_subnet(&self, i: usize) -> bool {
        self.tier(i).is_some_and(Tier::is_public)
    }

    /// Whether high-availability and recovery rules judge component `i`: it belongs to a
    /// production or staging environment, or to none.
    pub fn is_production(&self, i: usize) -> bool {
        self.places[i]
            .environment
            .is_none_or(|e| matches!(e.stage, Stage::Production | Stage::Staging))
    }

    /// The components a connection end stands for: the component itself, or every member of a
    /// container.
    pub fn ends(&self, id: &Id) -> &[usize] {
        if let Some(i) = self.index.position(id.as_str(), ElementKind::Component) {
            return std::slice::from_ref(&self.positions[i]);
        }
        match self.index.position(id.as_str(), ElementKind::Container) {
            Some(k) => &self.members[k],
            None => &[],
        }
    }

    /// The VPC (container position) a connection end is in: a component's, or a container's own
    /// or enclosing one.
    pub fn vpc_of_end(&self, id: &Id) -> Option<usize> {
        if let Some(i) = self.index.position(id.as_str(), ElementKind::Component) {
            return self.places[i].vpc;
        }
        let ancestry = Ancestry::new(self.t, self.index);
        let vpc = ancestry.vpc(Some(id))?;
        self.index.position(vpc.id.as_str(), ElementKind::Container)
    }

    /// The environment of a connection end, if it has one.
    pub fn environment_of_end(&self, id: &Id) -> Option<&'a Environment> {
        if let Some(i) = self.index.position(id.as_str(), ElementKind::Component) {
            return self.places[i].environment;
        }
        let ancestry = Ancestry::new(self.t, self.index);
        let env = ancestry.environment(Some(id))?;
        self.t.environments.iter().find(|e| e.id == *env)
    }

    /// `kind "id"` for messages, e.g. `database "db-cluster"`.
    pub fn describe(&self, i: usize) -> String {
        let c = self.component(i);
        let label = c.kind.tag().label();
        // Lower-case a leading word, but not an acronym (CDN, API) or a name (Kubernetes).
        let mut chars = label.chars();
        let keep = label.starts_with("Kubernetes")
            || chars.nth(1).is_some_and(|second| second.is_uppercase());
        let label = if keep {
            label.to_owned()
        } else {
            label.to_lowercase()
        };
        format!("{label} \"{}\"", c.id)
    }
}
