//! The Helm chart of a topology: an umbrella chart with one values section per Kubernetes
//! workload, rendered by fixed templates into a Deployment (replicas, resources, probes, non-root,
//! read-only root filesystem), Service, HorizontalPodAutoscaler, PodDisruptionBudget,
//! topologySpreadConstraints over the drawn zones, ServiceAccount, an ExternalSecret for the
//! credentials of the data stores it connects to, and NetworkPolicies: a default deny plus exactly
//! the drawn connections (and DNS, which every pod needs).

mod chart;
mod schema;
mod values;

pub use values::{Peer, PolicyRule, WorkloadValues};

use crate::export::names::slug;
use crate::export::{Export, ExportError, Plan};
use crate::model::Topology;

/// The chart's name for a topology (its slug), also the namespace resource addresses name.
pub fn chart_name(topology: &Topology) -> String {
    slug(&topology.name)
}

/// Exports `topology` as a Helm chart.
///
/// # Errors
/// [`ExportError::Inconsistent`] for a topology with semantic problems,
/// [`ExportError::NameCollision`] when two workloads map to one Kubernetes name, and
/// [`ExportError::Format`] if the YAML library fails.
///
/// # Complexity
/// O(n log n + c · m) as [`Plan::new`], plus O(w · l) for w workloads and l links.
pub fn export(topology: &Topology) -> Result<Export, ExportError> {
    let plan = Plan::new(topology)?;
    let name = chart_name(topology);
    let workloads = values::workloads(&plan)?;
    let mut export = Export::default();
    let ns = &name;
    for w in workloads.values() {
        for kind in ["Deployment", "Service", "ServiceAccount", "NetworkPolicy"] {
            export.record(&w.element, format!("kubernetes {kind} {ns}/{}", w.name));
        }
        if w.autoscaling.is_some() {
            export.record(
                &w.element,
                format!("kubernetes HorizontalPodAutoscaler {ns}/{}", w.name),
            );
        }
        if w.replicas >= 2 || w.autoscaling.as_ref().is_some_and(|a| a.min_replicas >= 2) {
            export.record(
                &w.element,
                format!("kubernetes PodDisruptionBudget {ns}/{}", w.name),
            );
        }
        if !w.secret_keys.is_empty() {
            export.record(
                &w.element,
                format!("kubernetes ExternalSecret {ns}/{}-credentials", w.name),
            );
        }
        for r in w.ingress.iter().chain(&w.egress) {
            export.record(
                &r.connection,
                format!("kubernetes NetworkPolicy {ns}/{}", w.name),
            );
        }
        if let Some(c) = &w.cluster {
            export.record(c, format!("kubernetes NetworkPolicy {ns}/default-deny"));
        }
    }
    if workloads.is_empty() {
        export
            .notes
            .push("the topology has no Kubernetes workloads: the chart deploys nothing".into());
    }
    export.files = chart::files(&plan, &name, &workloads)?;
    export.finish();
    Ok(export)
}
