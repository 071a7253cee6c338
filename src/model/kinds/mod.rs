//! Component kinds and their typed, kind-specific properties.

mod compute;
mod data;
mod edge;
mod ops;
mod size;

pub use compute::*;
pub use data::*;
pub use edge::*;
pub use ops::*;
pub use size::*;

use serde::{Deserialize, Serialize};

/// What a component is, with the properties that only that kind has.
///
/// Properties shared by every kind (replicas, zones, service time) live in
/// [`super::Capacity`]; a replica count is never repeated here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ComponentKind {
    /// End users on the internet; an entry point of simulated traffic.
    Users(ActorProps),
    /// Administrators and operators; an entry point of admin access.
    Admins(ActorProps),
    /// Content delivery network / edge cache.
    Cdn(CdnProps),
    /// DNS zone and resolver.
    Dns(DnsProps),
    /// Layer-7 or layer-4 load balancer.
    LoadBalancer(LoadBalancerProps),
    /// API gateway (managed or self-hosted such as Kong).
    ApiGateway(ApiGatewayProps),
    /// Web application firewall.
    Waf(WafProps),
    /// Bastion (jump) host for administrative access.
    Bastion(BastionProps),
    /// NAT gateway: egress from private subnets to the internet.
    NatGateway(NatGatewayProps),
    /// Kubernetes cluster as a single component (when its workloads are not drawn).
    KubernetesCluster(KubernetesClusterProps),
    /// Kubernetes workload: a web app, a service or a worker.
    Workload(WorkloadProps),
    /// Relational database cluster.
    Database(DatabaseProps),
    /// In-memory cache cluster.
    Cache(CacheProps),
    /// Message broker / queue cluster.
    Queue(QueueProps),
    /// Object storage bucket.
    ObjectStorage(ObjectStorageProps),
    /// Secrets manager (Vault, AWS Secrets Manager, Key Vault, ...).
    SecretsManager(SecretsManagerProps),
    /// TLS certificate manager (ACM, Let's Encrypt, ...).
    CertificateManager(CertificateManagerProps),
    /// Log aggregation (ELK, CloudWatch Logs, ...).
    LogAggregation(LogAggregationProps),
    /// Metrics collection (Prometheus, CloudWatch, ...).
    Metrics(MetricsProps),
    /// Distributed tracing backend (Jaeger, X-Ray, ...).
    Tracing(TracingProps),
    /// Alerting and on-call (PagerDuty, CloudWatch Alarms, ...).
    Alerting(AlertingProps),
    /// Identity provider (SSO).
    IdentityProvider(IdentityProviderProps),
    /// An external API run by a third party (e.g. a payment gateway).
    ExternalApi(ExternalApiProps),
    /// E-mail delivery service (SMTP or API).
    EmailService(EmailServiceProps),
    /// Anything the other kinds do not cover.
    Generic(GenericProps),
}

/// The kind of a component without its properties: for palettes, filters and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)]
pub enum KindTag {
    Users,
    Admins,
    Cdn,
    Dns,
    LoadBalancer,
    ApiGateway,
    Waf,
    Bastion,
    NatGateway,
    KubernetesCluster,
    Workload,
    Database,
    Cache,
    Queue,
    ObjectStorage,
    SecretsManager,
    CertificateManager,
    LogAggregation,
    Metrics,
    Tracing,
    Alerting,
    IdentityProvider,
    ExternalApi,
    EmailService,
    Generic,
}

impl KindTag {
    /// Every kind, in palette order.
    pub const ALL: [KindTag; 25] = [
        KindTag::Users,
        KindTag::Admins,
        KindTag::Cdn,
        KindTag::Dns,
        KindTag::LoadBalancer,
        KindTag::ApiGateway,
        KindTag::Waf,
        KindTag::Bastion,
        KindTag::NatGateway,
        KindTag::KubernetesCluster,
        KindTag::Workload,
        KindTag::Database,
        KindTag::Cache,
        KindTag::Queue,
        KindTag::ObjectStorage,
        KindTag::SecretsManager,
        KindTag::CertificateManager,
        KindTag::LogAggregation,
        KindTag::Metrics,
        KindTag::Tracing,
        KindTag::Alerting,
        KindTag::IdentityProvider,
        KindTag::ExternalApi,
        KindTag::EmailService,
        KindTag::Generic,
    ];

    /// Human-readable name of the kind.
    pub fn label(self) -> &'static str {
        match self {
            KindTag::Users => "Users",
            KindTag::Admins => "Administrators",
            KindTag::Cdn => "CDN",
            KindTag::Dns => "DNS",
            KindTag::LoadBalancer => "Load balancer",
            KindTag::ApiGateway => "API gateway",
            KindTag::Waf => "WAF",
            KindTag::Bastion => "Bastion",
            KindTag::NatGateway => "NAT gateway",
            KindTag::KubernetesCluster => "Kubernetes cluster",
            KindTag::Workload => "Kubernetes workload",
            KindTag::Database => "Database",
            KindTag::Cache => "Cache",
            KindTag::Queue => "Message queue",
            KindTag::ObjectStorage => "Object storage",
            KindTag::SecretsManager => "Secrets manager",
            KindTag::CertificateManager => "Certificate manager",
            KindTag::LogAggregation => "Log aggregation",
            KindTag::Metrics => "Metrics",
            KindTag::Tracing => "Tracing",
            KindTag::Alerting => "Alerting",
            KindTag::IdentityProvider => "Identity provider",
            KindTag::ExternalApi => "External API",
            KindTag::EmailService => "E-mail service",
            KindTag::Generic => "Component",
        }
    }

    /// The kind with default properties, as a palette creates it.
    pub fn default_kind(self) -> ComponentKind {
        use ComponentKind as K;
        match self {
            KindTag::Users => K::Users(ActorProps::default()),
            KindTag::Admins => K::Admins(ActorProps::default()),
            KindTag::Cdn => K::Cdn(CdnProps::default()),
            KindTag::Dns => K::Dns(DnsProps::default()),
            KindTag::LoadBalancer => K::LoadBalancer(LoadBalancerProps::default()),
            KindTag::ApiGateway => K::ApiGateway(ApiGatewayProps::default()),
            KindTag::Waf => K::Waf(WafProps::default()),
            KindTag::Bastion => K::Bastion(BastionProps::default()),
            KindTag::NatGateway => K::NatGateway(NatGatewayProps::default()),
            KindTag::KubernetesCluster => K::KubernetesCluster(KubernetesClusterProps::default()),
            KindTag::Workload => K::Workload(WorkloadProps::default()),
            KindTag::Database => K::Database(DatabaseProps::default()),
            KindTag::Cache => K::Cache(CacheProps::default()),
            KindTag::Queue => K::Queue(QueueProps::default()),
            KindTag::ObjectStorage => K::ObjectStorage(ObjectStorageProps::default()),
            KindTag::SecretsManager => K::SecretsManager(SecretsManagerProps::default()),
            KindTag::CertificateManager => {
                K::CertificateManager(CertificateManagerProps::default())
            }
            KindTag::LogAggregation => K::LogAggregation(LogAggregationProps::default()),
            KindTag::Metrics => K::Metrics(MetricsProps::default()),
            KindTag::Tracing => K::Tracing(TracingProps::default()),
            KindTag::Alerting => K::Alerting(AlertingProps::default()),
            KindTag::IdentityProvider => K::IdentityProvider(IdentityProviderProps::default()),
            KindTag::ExternalApi => K::ExternalApi(ExternalApiProps::default()),
            KindTag::EmailService => K::EmailService(EmailServiceProps::default()),
            KindTag::Generic => K::Generic(GenericProps::default()),
        }
    }

    /// Whether components of this kind keep state that must survive a failure.
    pub fn is_stateful(self) -> bool {
        matches!(
            self,
            KindTag::Database | KindTag::Cache | KindTag::Queue | KindTag::ObjectStorage
        )
    }

    /// Whether the kind is a data store kept in the data or messaging tiers.
    pub fn is_data_store(self) -> bool {
        matches!(self, KindTag::Database | KindTag::Cache | KindTag::Queue)
    }

    /// Whether the kind is a person rather than a system.
    pub fn is_actor(self) -> bool {
        matches!(self, KindTag::Users | KindTag::Admins)
    }

    /// Whether the kind receives traffic from the internet by design.
    pub fn is_entry_point(self) -> bool {
        matches!(
            self,
            KindTag::Cdn | KindTag::LoadBalancer | KindTag::ApiGateway | KindTag::Dns
        )
    }

    /// Whether the kind is an observability backend.
    pub fn is_observability(self) -> bool {
        matches!(
            self,
            KindTag::LogAggregation | KindTag::Metrics | KindTag::Tracing | KindTag::Alerting
        )
    }
}

impl ComponentKind {
    /// The kind without its properties.
    pub fn tag(&self) -> KindTag {
        use ComponentKind as K;
        match self {
            K::Users(_) => KindTag::Users,
            K::Admins(_) => KindTag::Admins,
            K::Cdn(_) => KindTag::Cdn,
            K::Dns(_) => KindTag::Dns,
            K::LoadBalancer(_) => KindTag::LoadBalancer,
            K::ApiGateway(_) => KindTag::ApiGateway,
            K::Waf(_) => KindTag::Waf,
            K::Bastion(_) => KindTag::Bastion,
            K::NatGateway(_) => KindTag::NatGateway,
            K::KubernetesCluster(_) => KindTag::KubernetesCluster,
            K::Workload(_) => KindTag::Workload,
            K::Database(_) => KindTag::Database,
            K::Cache(_) => KindTag::Cache,
            K::Queue(_) => KindTag::Queue,
            K::ObjectStorage(_) => KindTag::ObjectStorage,
            K::SecretsManager(_) => KindTag::SecretsManager,
            K::CertificateManager(_) => KindTag::CertificateManager,
            K::LogAggregation(_) => KindTag::LogAggregation,
            K::Metrics(_) => KindTag::Metrics,
            K::Tracing(_) => KindTag::Tracing,
            K::Alerting(_) => KindTag::Alerting,
            K::IdentityProvider(_) => KindTag::IdentityProvider,
            K::ExternalApi(_) => KindTag::ExternalApi,
            K::EmailService(_) => KindTag::EmailService,
            K::Generic(_) => KindTag::Generic,
        }
    }

    /// The fraction of requests answered without going further (CDN and cache hits), if the kind
    /// has one. Misses continue along the component's outgoing request connections.
    pub fn hit_ratio(&self) -> Option<f64> {
        match self {
            ComponentKind::Cdn(p) => Some(p.cache_hit_ratio),
            ComponentKind::Cache(p) => Some(p.hit_ratio),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_round_trips_through_its_default_kind() {
        for tag in KindTag::ALL {
            assert_eq!(tag.default_kind().tag(), tag);
        }
    }
}
