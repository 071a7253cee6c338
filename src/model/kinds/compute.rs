//! Properties of compute: Kubernetes clusters and workloads.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Size;
use crate::model::Id;

/// Properties of a Kubernetes cluster (drawn as a component or as a container).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KubernetesClusterProps {
    /// Kubernetes version, e.g. `1.31`.
    pub version: String,
    /// Size of the worker nodes.
    pub node_size: Size,
    /// Smallest number of worker nodes.
    pub min_nodes: u32,
    /// Largest number of worker nodes.
    pub max_nodes: u32,
    /// The API server is reachable only from inside the VPC.
    pub private_endpoint: bool,
    /// NetworkPolicies are enforced.
    pub network_policies: bool,
    /// Kubernetes secrets are encrypted with a managed key.
    pub secrets_encryption: bool,
}

impl Default for KubernetesClusterProps {
    fn default() -> Self {
        Self {
            version: "1.31".into(),
            node_size: Size::Large,
            min_nodes: 3,
            max_nodes: 9,
            private_endpoint: true,
            network_policies: true,
            secrets_encryption: true,
        }
    }
}

/// Properties of a Kubernetes workload. Its replica count and zone spread are those of its
/// capacity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WorkloadProps {
    /// Web application, service or background worker.
    pub role: WorkloadRole,
    /// Container image, e.g. `registry.example.com/icarus/api:1.4.2`.
    pub image: String,
    /// Port the container listens on.
    pub port: u16,
    /// The cluster it runs on, when the cluster is drawn as a component; a cluster drawn as a
    /// container around the workload needs no reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<Id>,
    /// Horizontal pod autoscaling, if enabled.
    pub autoscaling: Option<Autoscaling>,
    /// Resource requests and limits of one replica.
    pub resources: Resources,
    /// Liveness and readiness probes are configured.
    pub health_probes: bool,
    /// The secrets manager the workload reads its credentials from, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secrets_from: Option<Id>,
    /// Plain environment variables. Credentials do not belong here: use `secrets_from`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub env: BTreeMap<String, String>,
}

impl Default for WorkloadProps {
    fn default() -> Self {
        Self {
            role: WorkloadRole::Service,
            image: String::new(),
            port: 8080,
            cluster: None,
            autoscaling: Some(Autoscaling::default()),
            resources: Resources::default(),
            health_probes: true,
            secrets_from: None,
            env: BTreeMap::new(),
        }
    }
}

/// What a workload does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum WorkloadRole {
    /// Serves web pages or a single-page application.
    WebApp,
    /// Serves an API.
    #[default]
    Service,
    /// Consumes queues or runs jobs.
    Worker,
}

/// Horizontal pod autoscaling bounds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Autoscaling {
    /// Fewest replicas.
    pub min_replicas: u32,
    /// Most replicas.
    pub max_replicas: u32,
    /// Average CPU utilisation the autoscaler aims for, in percent.
    pub target_cpu_percent: u32,
}

impl Default for Autoscaling {
    fn default() -> Self {
        Self {
            min_replicas: 2,
            max_replicas: 10,
            target_cpu_percent: 70,
        }
    }
}

/// Resource requests and limits of one replica.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Resources {
    /// CPU request in millicores.
    pub cpu_request_millicores: u32,
    /// CPU limit in millicores.
    pub cpu_limit_millicores: u32,
    /// Memory request in MiB.
    pub memory_request_mib: u32,
    /// Memory limit in MiB.
    pub memory_limit_mib: u32,
}

impl Default for Resources {
    fn default() -> Self {
        Self {
            cpu_request_millicores: 250,
            cpu_limit_millicores: 1000,
            memory_request_mib: 256,
            memory_limit_mib: 512,
        }
    }
}
