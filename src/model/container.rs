//! Containers: VPCs, subnet tiers, Kubernetes clusters drawn as boxes, and non-network groups.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;
use super::kinds::KubernetesClusterProps;

/// A box on the diagram that holds components and other containers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Container {
    /// Unique id, e.g. `private-subnet-db`.
    pub id: Id,
    /// Title shown on the diagram.
    pub name: String,
    /// What the container is, with its typed properties.
    pub kind: ContainerKind,
    /// The enclosing container, `None` at top level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Id>,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Free key/value pairs: the escape hatch for anything the model does not type.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

/// The kinds of container.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ContainerKind {
    /// A virtual network (AWS VPC, Azure VNet, GCP VPC network).
    Vpc(VpcProps),
    /// A subnet tier of a VPC, spanning one or more zones; exports expand it into one subnet per
    /// zone.
    Subnet(SubnetProps),
    /// A Kubernetes cluster drawn as a box around its workloads.
    KubernetesCluster(KubernetesClusterProps),
    /// A grouping that is not a network (Internet, edge, external services, monitoring, ...).
    Group(GroupProps),
}

impl ContainerKind {
    /// Short lower-case name of the kind, for messages.
    pub fn label(&self) -> &'static str {
        match self {
            ContainerKind::Vpc(_) => "VPC",
            ContainerKind::Subnet(_) => "subnet",
            ContainerKind::KubernetesCluster(_) => "Kubernetes cluster",
            ContainerKind::Group(_) => "group",
        }
    }
}

/// Properties of a VPC.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VpcProps {
    /// The environment the VPC belongs to (an [`super::Environment`] id).
    pub environment: Id,
    /// The region the VPC lives in (a [`super::Region`] id).
    pub region: Id,
    /// The VPC's IPv4 address block, e.g. `10.0.0.0/16`.
    pub cidr: String,
    /// DNS host names for instances (on by default).
    #[serde(default = "yes")]
    pub dns_hostnames: bool,
    /// VPC flow logs shipped to the log aggregation.
    #[serde(default)]
    pub flow_logs: bool,
}

/// Properties of a subnet tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubnetProps {
    /// The tier: public or one of the private ones.
    pub tier: Tier,
    /// The zones the tier spans (ids of zones of the VPC's region).
    pub zones: Vec<Id>,
    /// The tier's address block inside the VPC's; exports carve one per-zone block from it.
    /// `None` lets the export carve a free block from the VPC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
}

/// A subnet tier.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tier {
    /// Internet-facing: load balancers, gateways, bastions, NAT gateways.
    Public,
    /// Private application tier: workloads, no direct internet access.
    PrivateApp,
    /// Private data tier: databases and caches, no internet access.
    PrivateData,
    /// Private messaging tier: message queues.
    PrivateMessaging,
    /// Any other tier.
    Custom(CustomTier),
}

/// A tier that is none of the standard ones.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomTier {
    /// Name of the tier, e.g. `dmz`.
    pub name: String,
    /// Whether the tier routes to the internet gateway.
    pub public: bool,
}

impl Tier {
    /// Whether subnets of this tier route directly to the internet.
    pub fn is_public(&self) -> bool {
        match self {
            Tier::Public => true,
            Tier::Custom(c) => c.public,
            _ => false,
        }
    }

    /// Short name of the tier, for messages and labels.
    pub fn label(&self) -> &str {
        match self {
            Tier::Public => "public",
            Tier::PrivateApp => "private-app",
            Tier::PrivateData => "private-data",
            Tier::PrivateMessaging => "private-messaging",
            Tier::Custom(c) => &c.name,
        }
    }
}

/// Properties of a non-network group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupProps {
    /// What the group holds.
    pub purpose: GroupPurpose,
    /// The region its members run in, when they are regional (object storage, monitoring).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Id>,
    /// The environment its members belong to, when they belong to one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub environment: Option<Id>,
}

/// What a non-network group holds.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum GroupPurpose {
    /// The public internet: users, administrators.
    Internet,
    /// CDN and other edge services.
    Edge,
    /// A cloud account or a multi-cloud boundary.
    Cloud,
    /// Services run by third parties.
    ExternalServices,
    /// Monitoring and observability.
    Monitoring,
    /// Security services.
    Security,
    /// Object storage.
    ObjectStorage,
    /// Anything else.
    Other,
}

fn yes() -> bool {
    true
}
