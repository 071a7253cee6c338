//! The cloud-neutral reading of a topology that every export shares: VPCs with their subnet
//! tiers expanded per zone and addressed, where each component sits, the Kubernetes clusters
//! and their workloads, and the drawn connections expanded to component pairs with their ports.

use ipnet::Ipv4Net;

use super::ExportError;
use super::cidr;
use crate::model::{
    Ancestry, Component, ComponentKind, Connection, Container, ContainerKind, ElementKind, Id,
    Index, KubernetesClusterProps, Region, Tier, Topology, VpcProps, check,
};

/// One subnet of a tier: the tier's block for one zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubnetPlan {
    /// The zone's id.
    pub zone: Id,
    /// Position of the zone in its region (0 is the provider's first zone).
    pub zone_index: usize,
    /// The subnet's block.
    pub cidr: Ipv4Net,
}

/// A subnet tier of a VPC, expanded into one subnet per zone.
#[derive(Debug, Clone)]
pub struct TierPlan<'a> {
    /// The tier's id (the subnet container's, or `<vpc>-default` for the tier made for
    /// components placed directly in a VPC).
    pub id: Id,
    /// The drawn subnet container, if the tier was drawn.
    pub container: Option<&'a Container>,
    /// Public, private app, data, messaging or custom.
    pub tier: Tier,
    /// The tier's block.
    pub cidr: Ipv4Net,
    /// One subnet per zone, in the tier's zone order.
    pub subnets: Vec<SubnetPlan>,
}

/// A VPC with its tiers.
#[derive(Debug, Clone)]
pub struct VpcPlan<'a> {
    /// The VPC container.
    pub container: &'a Container,
    /// Its properties.
    pub props: &'a VpcProps,
    /// Its block.
    pub cidr: Ipv4Net,
    /// Its region.
    pub region: &'a Region,
    /// Its tiers, in file order (the default tier last).
    pub tiers: Vec<TierPlan<'a>>,
}

/// Where a cluster comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterSource {
    /// A `KubernetesCluster` container (position in `containers`).
    Container(usize),
    /// A `KubernetesCluster` component (position in `components`).
    Component(usize),
    /// Made for workloads of a VPC that are drawn without a cluster (position in `vpcs`).
    Implicit(usize),
}

/// A Kubernetes cluster with its workloads.
#[derive(Debug, Clone)]
pub struct ClusterPlan<'a> {
    /// The element id the cluster's resources are recorded under.
    pub id: Id,
    /// Where it was drawn.
    pub source: ClusterSource,
    /// Its properties (defaults for an implicit cluster).
    pub props: KubernetesClusterProps,
    /// The VPC it runs in (position in `vpcs`).
    pub vpc: Option<usize>,
    /// The tier its nodes run in (position in the VPC's tiers).
    pub tier: Option<usize>,
    /// Its workloads (positions in `components`).
    pub workloads: Vec<usize>,
    /// Its display name.
    pub name: &'a str,
}

/// One end of an expanded connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Endpoint {
    /// A component (position in `components`).
    Component(usize),
    /// A Kubernetes cluster's nodes (position in [`Plan::clusters`]).
    Cluster(usize),
}

/// A drawn connection between two concrete ends: a connection to or from a container becomes
/// one link per member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    /// Position of the connection in `connections`.
    pub connection: usize,
    /// The caller.
    pub from: Endpoint,
    /// The callee.
    pub to: Endpoint,
    /// Destination port.
    pub port: u16,
    /// UDP rather than TCP.
    pub udp: bool,
    /// The connection expands to more than one link.
    pub expanded: bool,
}

/// Where a component sits in the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Placement {
    /// Its VPC (position in `vpcs`).
    pub vpc: Option<usize>,
    /// Its tier (position in the VPC's tiers).
    pub tier: Option<usize>,
    /// Its cluster, for a workload (position in `clusters`).
    pub cluster: Option<usize>,
}

/// The shared reading of a topology.
pub struct Plan<'a> {
    /// The topology.
    pub topology: &'a Topology,
    /// Its index.
    pub index: Index<'a>,
    /// VPCs in file order.
    pub vpcs: Vec<VpcPlan<'a>>,
    /// Kubernetes clusters: drawn containers, drawn components, then implicit ones.
    pub clusters: Vec<ClusterPlan<'a>>,
    /// Per component (by position), where it sits.
    pub placement: Vec<Placement>,
    /// Every drawn connection, expanded.
    pub links: Vec<Link>,
}

impl<'a> Plan<'a> {
    /// Reads `topology`.
    ///
    /// # Errors
    /// [`ExportError::Inconsistent`] if the topology has semantic problems;
    /// [`ExportError::NoAddressSpace`] if a tier without a CIDR does not fit its VPC.
    ///
    /// # Complexity
    /// O(n log n + n · d + c · m): the semantic check, the ancestry of n components nested d
    /// deep, and c connections expanded to at most m members each.
    pub fn new(topology: &'a Topology) -> Result<Self, ExportError> {
        let problems = check::check(topology);
        if let Some(first) = problems.first() {
            return Err(ExportError::Inconsistent {
                count: problems.len(),
                first: first.message.clone(),
            });
        }
        let index = Index::new(topology);
        let mut plan = Plan {
            topology,
            index,
            vpcs: Vec::new(),
            clusters: Vec::new(),
            placement: vec![Placement::default(); topology.components.len()],
            links: Vec::new(),
        };
        plan.read_vpcs()?;
        plan.place_components();
        plan.read_clusters();
        plan.expand_links();
        Ok(plan)
    }

    fn ancestry(&self) -> Ancestry<'_> {
        Ancestry::new(self.topology, &self.index)
    }

    fn read_vpcs(&mut self) -> Result<(), ExportError> {
        let t = self.topology;
        for c in &t.containers {
            let ContainerKind::Vpc(props) = &c.kind else {
                continue;
            };
            let (Ok(cidr), Some(region)) = (
                props.cidr.parse::<Ipv4Net>(),
                t.region(props.region.as_str()),
            ) else {
                continue;
            };
            let zone_index = |z: &Id| region.zones.iter().position(|r| r == z).unwrap_or(0);
            let mut tiers = Vec::new();
            let mut used: Vec<Ipv4Net> = Vec::new();
            let mut unaddressed = Vec::new();
            for s in &t.containers {
                let ContainerKind::Subnet(sp) = &s.kind else {
                    continue;
                };
                if s.parent.as_ref() != Some(&c.id) {
                    continue;
                }
                match sp.cidr.as_deref().map(str::parse::<Ipv4Net>) {
                    Some(Ok(block)) => {
                        used.push(block);
                        tiers.push((s, sp, Some(block)));
                    }
                    _ => {
                        unaddressed.push(tiers.len());
                        tiers.push((s, sp, None));
                    }
                }
            }
            let mut planned = Vec::new();
            for (s, sp, block) in tiers {
                let block = match block {
                    Some(b) => b,
                    None => {
                        let b = cidr::free_block(cidr, &used, sp.zones.len()).ok_or_else(|| {
                            ExportError::NoAddressSpace {
                                vpc: c.id.to_string(),
                                tier: s.id.to_string(),
                                zones: sp.zones.len(),
                            }
                        })?;
                        used.push(b);
                        b
                    }
                };
                let blocks = cidr::per_zone(block, sp.zones.len()).ok_or_else(|| {
                    ExportError::NoAddressSpace {
                        vpc: c.id.to_string(),
                        tier: s.id.to_string(),
                        zones: sp.zones.len(),
                    }
                })?;
                let subnets = sp
                    .zones
                    .iter()
                    .zip(blocks)
                    .map(|(z, b)| SubnetPlan {
                        zone: z.clone(),
                        zone_index: zone_index(z),
                        cidr: b,
                    })
                    .collect();
                planned.push(TierPlan {
                    id: s.id.clone(),
                    container: Some(s),
                    tier: sp.tier.clone(),
                    cidr: block,
                    subnets,
                });
            }
            let _ = unaddressed;
            // Components placed directly in the VPC get a private tier over the region's zones.
            let direct = t.components.iter().any(|k| {
                k.container.as_ref() == Some(&c.id) || self.cluster_container_directly_in(k, &c.id)
            });
            if direct {
                let zones: Vec<Id> = region.zones.clone();
                let id = Id::new(format!("{}-default", truncate_id(&c.id, 55)))
                    .unwrap_or_else(|_| c.id.clone());
                let block = cidr::free_block(cidr, &used, zones.len()).ok_or_else(|| {
                    ExportError::NoAddressSpace {
                        vpc: c.id.to_string(),
                        tier: id.to_string(),
                        zones: zones.len(),
                    }
                })?;
                let blocks = cidr::per_zone(block, zones.len()).unwrap_or_default();
                let subnets = zones
                    .iter()
                    .zip(blocks)
                    .map(|(z, b)| SubnetPlan {
                        zone: z.clone(),
                        zone_index: zone_index(z),
                        cidr: b,
                    })
                    .collect();
                planned.push(TierPlan {
                    id,
                    container: None,
                    tier: Tier::PrivateApp,
                    cidr: block,
                    subnets,
                });
            }
            self.vpcs.push(VpcPlan {
                container: c,
                props,
                cidr,
                region,
                tiers: planned,
            });
        }
        Ok(())
    }

    /// Whether component `k` sits in a cluster container that is directly in VPC `vpc`.
    fn cluster_container_directly_in(&self, k: &Component, vpc: &Id) -> bool {
        let Some(cid) = &k.container else {
            return false;
        };
        self.topology.container(cid.as_str()).is_some_and(|c| {
            matches!(c.kind, ContainerKind::KubernetesCluster(_)) && c.parent.as_ref() == Some(vpc)
        })
    }

    /// Position in `vpcs` and tier of a container chain start.
    fn locate(&self, start: Option<&Id>) -> (Option<usize>, Option<usize>) {
        let a = self.ancestry();
        let Some(vpc) = a.vpc(start) else {
            return (None, None);
        };
        let Some(v) = self.vpcs.iter().position(|p| p.container.id == vpc.id) else {
            return (None, None);
        };
        let tier = match a.subnet(start) {
            Some(s) => self.vpcs[v].tiers.iter().position(|t| t.id == s.id),
            None => self.vpcs[v]
                .tiers
                .iter()
                .position(|t| t.container.is_none()),
        };
        (Some(v), tier)
    }

    fn place_components(&mut self) {
        let places: Vec<(Option<usize>, Option<usize>)> = self
            .topology
            .components
            .iter()
            .map(|c| self.locate(c.container.as_ref()))
            .collect();
        for (p, (vpc, tier)) in self.placement.iter_mut().zip(places) {
            p.vpc = vpc;
            p.tier = tier;
        }
    }

    fn read_clusters(&mut self) {
        let t = self.topology;
        for (i, c) in t.containers.iter().enumerate() {
            if let ContainerKind::KubernetesCluster(props) = &c.kind {
                let (vpc, tier) = self.locate(Some(&c.id));
                self.clusters.push(ClusterPlan {
                    id: c.id.clone(),
                    source: ClusterSource::Container(i),
                    props: props.clone(),
                    vpc,
                    tier,
                    workloads: Vec::new(),
                    name: &c.name,
                });
            }
        }
        for (i, c) in t.components.iter().enumerate() {
            if let ComponentKind::KubernetesCluster(props) = &c.kind {
                self.clusters.push(ClusterPlan {
                    id: c.id.clone(),
                    source: ClusterSource::Component(i),
                    props: props.clone(),
                    vpc: self.placement[i].vpc,
                    tier: self.placement[i].tier,
                    workloads: Vec::new(),
                    name: &c.name,
                });
            }
        }
        for (i, c) in t.components.iter().enumerate() {
            let ComponentKind::Workload(w) = &c.kind else {
                continue;
            };
            let by_ref = w
                .cluster
                .as_ref()
                .and_then(|id| self.clusters.iter().position(|k| &k.id == id));
            let by_box = self.ancestry().chain(c.container.as_ref()).find_map(|k| {
                matches!(k.kind, ContainerKind::KubernetesCluster(_))
                    .then(|| self.clusters.iter().position(|p| p.id == k.id))
                    .flatten()
            });
            let cluster = match by_ref.or(by_box) {
                Some(k) => k,
                None => {
                    let vpc = self.placement[i].vpc;
                    let existing = self.clusters.iter().position(|k| {
                        matches!(k.source, ClusterSource::Implicit(_)) && k.vpc == vpc
                    });
                    match existing {
                        Some(k) => k,
                        None => {
                            let base =
                                vpc.map_or("workloads", |v| self.vpcs[v].container.id.as_str());
                            let id = Id::new(format!("{}-eks", truncate_str(base, 58)))
                                .unwrap_or_else(|_| c.id.clone());
                            self.clusters.push(ClusterPlan {
                                id,
                                source: ClusterSource::Implicit(vpc.unwrap_or(usize::MAX)),
                                props: KubernetesClusterProps::default(),
                                vpc,
                                tier: self.placement[i].tier,
                                workloads: Vec::new(),
                                name: "Kubernetes cluster",
                            });
                            self.clusters.len() - 1
                        }
                    }
                }
            };
            self.clusters[cluster].workloads.push(i);
            self.placement[i].cluster = Some(cluster);
        }
    }

    /// The concrete ends an element id stands for.
    fn ends(&self, id: &Id) -> Vec<Endpoint> {
        match self.index.kind_of(id.as_str()) {
            Some(ElementKind::Component) => self
                .index
                .position(id.as_str(), ElementKind::Component)
                .map(Endpoint::Component)
                .into_iter()
                .collect(),
            Some(ElementKind::Container) => {
                if let Some(k) = self.clusters.iter().position(|k| &k.id == id) {
                    return vec![Endpoint::Cluster(k)];
                }
                let a = self.ancestry();
                self.topology
                    .components
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| a.chain(c.container.as_ref()).any(|k| &k.id == id))
                    .map(|(i, _)| Endpoint::Component(i))
                    .collect()
            }
            _ => Vec::new(),
        }
    }

    fn expand_links(&mut self) {
        let mut links = Vec::new();
        for (ci, conn) in self.topology.connections.iter().enumerate() {
            let Some(port) = conn.effective_port() else {
                continue;
            };
            let froms = self.ends(&conn.from);
            let tos = self.ends(&conn.to);
            let expanded = froms.len() * tos.len() > 1;
            for &from in &froms {
                for &to in &tos {
                    if from == to {
                        continue;
                    }
                    links.push(Link {
                        connection: ci,
                        from,
                        to,
                        port,
                        udp: conn.protocol.is_udp(),
                        expanded,
                    });
                }
            }
        }
        self.links = links;
    }

    /// The connection a link was drawn as.
    pub fn connection(&self, link: &Link) -> &'a Connection {
        &self.topology.connections[link.connection]
    }

    /// The component at position `i`.
    pub fn component(&self, i: usize) -> &'a Component {
        &self.topology.components[i]
    }

    /// The id of an endpoint's element.
    pub fn endpoint_id(&self, e: Endpoint) -> &Id {
        match e {
            Endpoint::Component(i) => &self.topology.components[i].id,
            Endpoint::Cluster(k) => &self.clusters[k].id,
        }
    }

    /// The region a component runs in (its own, its containers', else the first VPC's).
    pub fn region_of(&self, i: usize) -> Option<&'a Region> {
        let c = &self.topology.components[i];
        let a = self.ancestry();
        let id = a.component_region(c)?;
        self.topology.regions.iter().find(|r| &r.id == id)
    }

    /// The primary region: the first VPC's, else the first region.
    pub fn primary_region(&self) -> Option<&'a Region> {
        self.vpcs
            .first()
            .map(|v| v.region)
            .or_else(|| self.topology.regions.first())
    }

    /// Positions of the components of a kind, by a predicate on the kind.
    pub fn components_where(&self, f: impl Fn(&ComponentKind) -> bool) -> Vec<usize> {
        self.topology
            .components
            .iter()
            .enumerate()
            .filter(|(_, c)| f(&c.kind))
            .map(|(i, _)| i)
            .collect()
    }

    /// The links into endpoint `e`.
    pub fn links_to(&self, e: Endpoint) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(move |l| l.to == e)
    }

    /// The links out of endpoint `e`.
    pub fn links_from(&self, e: Endpoint) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(move |l| l.from == e)
    }
}

fn truncate_str(s: &str, n: usize) -> &str {
    let mut end = s.len().min(n);
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].trim_end_matches('-')
}

fn truncate_id(id: &Id, n: usize) -> &str {
    truncate_str(id.as_str(), n)
}
