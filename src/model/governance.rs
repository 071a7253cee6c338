//! Decisions recorded in the design: accepted findings (waivers) and justified VPC peerings.

use serde::{Deserialize, Serialize};

use super::Id;

/// A validation finding accepted for one element, with the reason. Waived findings are still
/// reported, marked waived, and do not fail a validation run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The rule id, e.g. `SEC-004`.
    pub rule: String,
    /// The element the finding is accepted for.
    pub element: Id,
    /// Why it is acceptable; required, and shown wherever the finding is.
    pub justification: String,
}

/// An explicit network peering between two VPCs, the only way connections may cross from one
/// environment's network to another's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Peering {
    /// Unique id, e.g. `prod-to-shared`.
    pub id: Id,
    /// One VPC.
    pub from: Id,
    /// The other VPC.
    pub to: Id,
    /// Why the two networks must be joined; required.
    pub justification: String,
}

impl Peering {
    /// Whether the peering joins VPCs `a` and `b`, in either order.
    pub fn joins(&self, a: &Id, b: &Id) -> bool {
        (&self.from == a && &self.to == b) || (&self.from == b && &self.to == a)
    }
}
