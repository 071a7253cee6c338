//! Components: the typed boxes inside containers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Capacity, ComponentKind, Id};

/// A component of the topology: a load balancer, a database cluster, a workload, ...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Unique id, e.g. `db-cluster`.
    pub id: Id,
    /// Name shown on the diagram.
    pub name: String,
    /// What it is, with its kind-specific properties.
    pub kind: ComponentKind,
    /// The container it is placed in, `None` at top level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub container: Option<Id>,
    /// Its region, when no enclosing VPC or group gives one (e.g. a bucket in the DR region).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Id>,
    /// Operated by the cloud provider or a vendor (RDS, S3, a SaaS API): its redundancy inside
    /// each replica is the vendor's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub managed: bool,
    /// Replicas, zones, service time and failover.
    #[serde(default)]
    pub capacity: Capacity,
    /// Free text, e.g. the product (`Application Load Balancer`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Free key/value pairs: the escape hatch for anything the model does not type.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl Component {
    /// A component of the given kind with default capacity, not placed in any container.
    pub fn new(id: Id, name: impl Into<String>, kind: ComponentKind) -> Self {
        Self {
            id,
            name: name.into(),
            kind,
            container: None,
            region: None,
            managed: false,
            capacity: Capacity::default(),
            description: String::new(),
            tags: BTreeMap::new(),
        }
    }
}
