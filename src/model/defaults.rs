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
