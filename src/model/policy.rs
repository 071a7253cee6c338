//! Topology-wide policies: recovery objectives, service-level objectives, security requirements.

use serde::{Deserialize, Serialize};

/// What the organisation requires of the design. Targets left `None` are undefined, which the
/// validator reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policies {
    /// Recovery time objective in minutes: longest acceptable outage after a disaster.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rto_min: Option<f64>,
    /// Recovery point objective in minutes: most data (by time) that may be lost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rpo_min: Option<f64>,
    /// Availability objective in percent per month, e.g. 99.9.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_slo_percent: Option<f64>,
    /// Latency objective, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency_slo: Option<LatencySlo>,
    /// Every connection must be encrypted in transit ("TLS for all communications").
    pub require_tls_in_transit: bool,
    /// All data must be encrypted at rest.
    pub require_encryption_at_rest: bool,
    /// Administrative access requires MFA.
    pub require_admin_mfa: bool,
    /// Resources are deployed across availability zones.
    pub require_multi_zone: bool,
    /// Backups are stored in a region other than the data's.
    pub require_cross_region_backups: bool,
    /// Environments (prod, dev, ...) are isolated from each other.
    pub require_environment_isolation: bool,
}

impl Default for Policies {
    fn default() -> Self {
        Self {
            rto_min: None,
            rpo_min: None,
            availability_slo_percent: None,
            latency_slo: None,
            require_tls_in_transit: true,
            require_encryption_at_rest: true,
            require_admin_mfa: true,
            require_multi_zone: true,
            require_cross_region_backups: true,
            require_environment_isolation: true,
        }
    }
}

/// A latency objective: the given percentile of request latency stays under the threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LatencySlo {
    /// Percentile, e.g. 99.0.
    pub percentile: f64,
    /// Threshold in milliseconds.
    pub threshold_ms: f64,
}
