//! The topology model: everything validation, simulation and export need, and nothing of the UI.
//!
//! A [`Topology`] holds placement (providers, regions, zones, environments), containers (VPCs,
//! subnet tiers, clusters, groups), typed components, connections, policies and the layout.
//! Every element has a stable [`Id`], unique across the topology.

mod capacity;
pub mod check;
mod component;
mod connection;
mod container;
mod cycles;
mod defaults;
mod flow;
mod governance;
mod id;
mod kinds;
mod layout;
mod lookup;
mod placement;
mod policy;
mod refs;
mod rename;
mod scenario;

pub use capacity::*;
pub use component::*;
pub use connection::*;
pub use container::*;
pub(crate) use cycles::depth_first;
pub use defaults::*;
pub use flow::*;
pub use governance::*;
pub use id::*;
pub use kinds::*;
pub use layout::*;
pub use lookup::*;
pub use placement::*;
pub use policy::*;
pub use refs::*;
pub use rename::*;
pub use scenario::*;

use serde::{Deserialize, Serialize};

/// The schema version this build writes. Files with an older version are migrated on load.
pub const SCHEMA_VERSION: u32 = 1;

/// An infrastructure topology: the whole content of a `.ron` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topology {
    /// Schema version of the file (see [`SCHEMA_VERSION`]).
    pub version: u32,
    /// Name of the system, e.g. `Icarus Platform`.
    pub name: String,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Cloud providers the design targets.
    #[serde(default)]
    pub providers: Vec<Provider>,
    /// Regions with their availability zones.
    #[serde(default)]
    pub regions: Vec<Region>,
    /// Environments (production, development, ...).
    #[serde(default)]
    pub environments: Vec<Environment>,
    /// Recovery and service-level objectives, security requirements.
    #[serde(default)]
    pub policies: Policies,
    /// VPCs, subnet tiers, clusters and groups.
    #[serde(default)]
    pub containers: Vec<Container>,
    /// The components.
    #[serde(default)]
    pub components: Vec<Component>,
    /// The drawn connections.
    #[serde(default)]
    pub connections: Vec<Connection>,
    /// Explicit, justified peerings between VPCs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub peerings: Vec<Peering>,
    /// Validation findings accepted for one element each, with a justification.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
    /// How often an availability zone fails and how long until it is back, for the Monte-Carlo
    /// availability run; unset when zones are taken never to fail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone_reliability: Option<Reliability>,
    /// Named simulation scenarios: timed faults and load profiles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<Scenario>,
    /// Positions and sizes of drawn elements.
    #[serde(default, skip_serializing_if = "Layout::is_empty")]
    pub layout: Layout,
}

impl Topology {
    /// An empty topology with the given name and the current schema version.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            version: SCHEMA_VERSION,
            name: name.into(),
            description: String::new(),
            providers: Vec::new(),
            regions: Vec::new(),
            environments: Vec::new(),
            policies: Policies::default(),
            containers: Vec::new(),
            components: Vec::new(),
            connections: Vec::new(),
            peerings: Vec::new(),
            waivers: Vec::new(),
            zone_reliability: None,
            scenarios: Vec::new(),
            layout: Layout::default(),
        }
    }
}
