//! Terraform root modules: one per cloud, one file per concern, formatted like `terraform fmt`.

pub mod aws;
pub mod azure;
mod emit;
pub mod gcp;

pub use emit::Emitter;

use super::{Export, ExportError, Plan};
use crate::model::Topology;

/// A cloud provider to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Cloud {
    /// Amazon Web Services.
    Aws,
    /// Microsoft Azure.
    Azure,
    /// Google Cloud.
    Gcp,
}

impl Cloud {
    /// Every cloud.
    pub const ALL: [Cloud; 3] = [Cloud::Aws, Cloud::Azure, Cloud::Gcp];

    /// Lower-case name (`aws`, `azure`, `gcp`).
    pub fn as_str(self) -> &'static str {
        match self {
            Cloud::Aws => "aws",
            Cloud::Azure => "azure",
            Cloud::Gcp => "gcp",
        }
    }
}

/// Exports `topology` as a Terraform root module for `cloud`.
///
/// # Errors
/// See [`ExportError`].
///
/// # Complexity
/// O(n log n + c · m) as [`Plan::new`], plus the size of the output.
pub fn export(topology: &Topology, cloud: Cloud) -> Result<Export, ExportError> {
    let plan = Plan::new(topology)?;
    let mut out = Emitter::new(cloud);
    match cloud {
        Cloud::Aws => aws::emit(&plan, &mut out)?,
        Cloud::Azure => azure::emit(&plan, &mut out)?,
        Cloud::Gcp => gcp::emit(&plan, &mut out)?,
    }
    out.finish()
}
