//! Sensible starting values for a new component of a kind: what the editor's palette and the
//! importers create.

use super::{Capacity, Distribution, Failover, Id, KindTag, ServiceTime};

/// Whether components of this kind are usually a managed service (RDS, S3, a SaaS API).
pub fn managed_by_default(kind: KindTag) -> bool {
    !matches!(
        kind,
        KindTag::Users
            | KindTag::Admins
            | KindTag::Bastion
            | KindTag::Workload
            | KindTag::ApiGateway
            | KindTag::Generic
    )
}

/// Capacity of a new component of `kind` placed over `zones` (the zones of its subnet, or
/// none): replicated kinds get one replica per zone (at least two), with typical concurrency,
/// service times and failover.
pub fn default_capacity(kind: KindTag, zones: &[Id]) -> Capacity {
    let (concurrency, mean_ms) = match kind {
        KindTag::Users | KindTag::Admins => (1, 1.0),
        KindTag::Cdn
        | KindTag::LoadBalancer
        | KindTag::Waf
        | KindTag::NatGateway
        | KindTag::Dns => (10_000, 0.5),
        KindTag::ApiGateway => (512, 2.0),
        KindTag::Workload => (64, 10.0),
        KindTag::KubernetesCluster => (64, 10.0),
        KindTag::Database => (100, 4.0),
        KindTag::Cache => (200, 0.3),
        KindTag::Queue => (500, 1.0),
        KindTag::ObjectStorage => (5000, 20.0),
        KindTag::Bastion => (20, 1.0),
        KindTag::ExternalApi | KindTag::EmailService | KindTag::IdentityProvider => (1000, 100.0),
        _ => (1000, 5.0),
    };
    let replicated = matches!(
        kind,
        KindTag::LoadBalancer
            | KindTag::ApiGateway
            | KindTag::NatGateway
            | KindTag::Workload
            | KindTag::Database
            | KindTag::Cache
            | KindTag::Queue
            | KindTag::Waf
    );
    let replicas = if replicated && !zones.is_empty() {
        zones.len().clamp(2, 3)
    } else {
        1
    };
    let failover = match kind {
        KindTag::Database => Failover {
            health_check_interval_s: 5.0,
            unhealthy_threshold: 3,
            promotion_time_s: 60.0,
        },
        KindTag::Cache => Failover {
            health_check_interval_s: 5.0,
            unhealthy_threshold: 3,
            promotion_time_s: 20.0,
        },
        KindTag::Queue => Failover {
            health_check_interval_s: 10.0,
            unhealthy_threshold: 3,
            promotion_time_s: 30.0,
        },
        _ => Failover::default(),
    };
    Capacity {
        replicas: replicas as u32,
        zones: zones.iter().take(replicas).cloned().collect(),
        concurrency_per_replica: concurrency,
        service_time: ServiceTime {
            distribution: Distribution::Exponential,
            mean_ms,
        },
        failover,
        ..Capacity::default()
    }
}

/// A new component of `kind` with the defaults above, placed in `container` over `zones`
/// (those of its subnet, or none). What the editor's palette and the importers create.
pub fn new_component(
    id: Id,
    name: impl Into<String>,
    kind: KindTag,
    container: Option<Id>,
    zones: &[Id],
) -> super::Component {
    let mut c = super::Component::new(id, name, kind.default_kind());
    c.managed = managed_by_default(kind);
    c.capacity = default_capacity(kind, zones);
    c.container = container;
    match &mut c.kind {
        super::ComponentKind::Workload(w) => {
            w.image = format!("registry.example.com/{}:1.0.0", c.id);
            if let Some(a) = &mut w.autoscaling {
                a.min_replicas = a.min_replicas.min(c.capacity.replicas);
            }
        }
        super::ComponentKind::Users(a) => a.rate_rps = 100.0,
        super::ComponentKind::Admins(a) => a.rate_rps = 1.0,
        _ => {}
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Topology, check};

    #[test]
    fn a_new_component_of_every_kind_is_consistent_with_or_without_zones() {
        let zone = |s: &str| Id::new(s).expect("id");
        let zones = [zone("z-a"), zone("z-b"), zone("z-c")];
        for with_zones in [false, true] {
            let mut t = Topology::new("t");
            t.regions.push(crate::model::Region {
                id: zone("r"),
                name: "R".into(),
                provider_names: Default::default(),
                zones: zones.to_vec(),
            });
            for (i, kind) in KindTag::ALL.into_iter().enumerate() {
                let z: &[Id] = if with_zones { &zones } else { &[] };
                t.components.push(new_component(
                    zone(&format!("c{i}")),
                    kind.label(),
                    kind,
                    None,
                    z,
                ));
            }
            let problems = check::check(&t);
            assert!(problems.is_empty(), "zones {with_zones}: {problems:?}");
        }
    }
}
