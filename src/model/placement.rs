//! Where things run: cloud providers, regions with their availability zones, environments.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;

/// A public cloud provider. The model is cloud-agnostic; exports target one provider at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Provider {
    /// Amazon Web Services.
    Aws,
    /// Microsoft Azure.
    Azure,
    /// Google Cloud Platform.
    Gcp,
}

impl Provider {
    /// Every provider, in a fixed order.
    pub const ALL: [Provider; 3] = [Provider::Aws, Provider::Azure, Provider::Gcp];

    /// Lower-case name used on the command line (`aws`, `azure`, `gcp`).
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Aws => "aws",
            Provider::Azure => "azure",
            Provider::Gcp => "gcp",
        }
    }
}

/// A geographic region with its availability zones.
///
/// Zone ids are ordinary topology ids (unique across the topology) so that a simulation scenario
/// can say "fail zone `eu-central-b`". The provider's own names (`eu-central-1`, `europe-west3`)
/// are given per provider in `provider_names`; a provider's zones are taken in order (zone 1 of
/// the region is `eu-central-1a` on AWS, `1` on Azure, `europe-west3-a` on GCP).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Unique id, e.g. `eu-central`.
    pub id: Id,
    /// Display name, e.g. `EU Central (primary)`.
    pub name: String,
    /// The provider's name for this region, per provider.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub provider_names: BTreeMap<Provider, String>,
    /// The availability zones of the region, in the provider's order.
    pub zones: Vec<Id>,
}

/// A deployment environment such as production or development.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Environment {
    /// Unique id, e.g. `prod`.
    pub id: Id,
    /// Display name, e.g. `Production`.
    pub name: String,
    /// What the environment is for; production gets the strictest rules.
    pub stage: Stage,
}

/// What an environment is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stage {
    /// Serves real users.
    Production,
    /// Pre-production, production-like.
    Staging,
    /// Development and testing.
    Development,
    /// Automated tests, short-lived.
    Test,
}
