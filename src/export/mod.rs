//! Exports: the topology as Terraform (AWS, Azure, GCP) and as a Helm chart.
//!
//! Every export is a pure function of the model: it returns an [`Export`] — the generated files
//! in memory (relative path → content, sorted) and, for each model element, the resources it
//! became — and [`write_export`] puts it in a directory. The same topology always gives
//! byte-identical files. Exports refuse a topology with semantic problems (see
//! [`crate::model::check`]): every reference, zone and address block they read is then known
//! to be consistent.
//!
//! What each element becomes on each cloud is documented in `docs/export-mapping.md`.

mod bundle;
mod cidr;
mod error;
pub mod hcl;
pub mod helm;
mod names;
mod plan;
pub mod terraform;
mod write;

pub use bundle::Export;
pub use error::{ExportError, WriteError};
pub use names::{k8s_name, slug, tf_ident};
pub use plan::{Endpoint, Link, Plan, SubnetPlan, TierPlan, VpcPlan};
pub use terraform::Cloud;
pub use write::{MANIFEST_FILE, write_export};

use crate::model::Topology;

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A Terraform root module for one cloud.
    Terraform(Cloud),
    /// A Helm chart of the Kubernetes workloads.
    Helm,
}

/// Exports `topology` as `target`: the files and, per element, the resources it became.
///
/// # Errors
/// [`ExportError::Inconsistent`] when the topology has semantic problems, and the other
/// variants when a name or an address plan cannot be made (see [`ExportError`]).
///
/// # Complexity
/// O(n log n + c · m) in the elements n, the connections c and the members m of the largest
/// container a connection ends at.
pub fn export(topology: &Topology, target: Target) -> Result<Export, ExportError> {
    match target {
        Target::Terraform(cloud) => terraform::export(topology, cloud),
        Target::Helm => helm::export(topology),
    }
}
