//! Properties of actors and of the edge and network components: CDN, DNS, load balancer, API
//! gateway, WAF, bastion, NAT gateway.

use serde::{Deserialize, Serialize};

/// Properties of users and administrators.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ActorProps {
    /// Poisson arrival rate of requests these actors send, in requests per second; 0 for none.
    pub rate_rps: f64,
}

/// Properties of a CDN.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CdnProps {
    /// Fraction of requests answered from the edge cache, 0–1; the rest go to the origin.
    pub cache_hit_ratio: f64,
    /// Built-in DDoS protection.
    pub ddos_protection: bool,
    /// Viewers are redirected to HTTPS.
    pub https_only: bool,
}

impl Default for CdnProps {
    fn default() -> Self {
        Self {
            cache_hit_ratio: 0.8,
            ddos_protection: true,
            https_only: true,
        }
    }
}

/// Properties of DNS.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DnsProps {
    /// Zone signed with DNSSEC.
    pub dnssec: bool,
    /// Health-checked failover routing between regions.
    pub failover_routing: bool,
}

/// Properties of a load balancer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LoadBalancerProps {
    /// Application (layer 7) or network (layer 4).
    pub layer: LoadBalancerLayer,
    /// Reachable from the internet.
    pub internet_facing: bool,
    /// Terminates TLS with a managed certificate.
    pub tls_termination: bool,
    /// Redirects plain HTTP to HTTPS.
    pub http_to_https_redirect: bool,
    /// Balances across zones.
    pub cross_zone: bool,
    /// Path of the health check on targets.
    pub health_check_path: String,
}

impl Default for LoadBalancerProps {
    fn default() -> Self {
        Self {
            layer: LoadBalancerLayer::Application,
            internet_facing: true,
            tls_termination: true,
            http_to_https_redirect: true,
            cross_zone: true,
            health_check_path: "/healthz".into(),
        }
    }
}

/// The layer a load balancer works at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum LoadBalancerLayer {
    /// HTTP(S), layer 7.
    #[default]
    Application,
    /// TCP/UDP, layer 4.
    Network,
}

/// Properties of an API gateway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ApiGatewayProps {
    /// The product, e.g. `Kong` or `Managed` (documentation only).
    pub product: String,
    /// Reachable from the internet.
    pub internet_facing: bool,
    /// Terminates TLS.
    pub tls_termination: bool,
    /// Requests are authenticated at the gateway.
    pub authentication: bool,
    /// Rate limit per client in requests per second, if any.
    pub rate_limit_rps: Option<u32>,
}

impl Default for ApiGatewayProps {
    fn default() -> Self {
        Self {
            product: "Managed".into(),
            internet_facing: false,
            tls_termination: true,
            authentication: true,
            rate_limit_rps: Some(100),
        }
    }
}

/// Properties of a web application firewall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WafProps {
    /// The provider's managed rule groups (common attacks, known bad inputs, anonymous IPs).
    pub managed_rules: bool,
    /// Rate limit per client IP in requests per 5 minutes, if any.
    pub rate_limit_per_5min: Option<u32>,
    /// Blocks matching requests (`false`: counts only).
    pub blocking: bool,
    /// Logs inspected requests.
    pub logging: bool,
}

impl Default for WafProps {
    fn default() -> Self {
        Self {
            managed_rules: true,
            rate_limit_per_5min: Some(2000),
            blocking: true,
            logging: true,
        }
    }
}

/// Properties of a bastion host.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BastionProps {
    /// Multi-factor authentication is required.
    pub mfa: bool,
    /// Every session is logged.
    pub audit_log: bool,
    /// Idle sessions end after this many minutes; `None` means never.
    pub session_timeout_min: Option<u32>,
    /// Source address blocks allowed to connect (empty: only what the drawn connections allow).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_cidrs: Vec<String>,
    /// Machine size.
    pub size: super::Size,
}

impl Default for BastionProps {
    fn default() -> Self {
        Self {
            mfa: true,
            audit_log: true,
            session_timeout_min: Some(15),
            allowed_cidrs: Vec::new(),
            size: super::Size::Small,
        }
    }
}

/// Properties of a NAT gateway. Its zones are those of its capacity: one gateway per zone.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NatGatewayProps {}
