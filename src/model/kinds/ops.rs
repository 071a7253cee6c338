//! Properties of security, observability and external services, and of generic components.

use serde::{Deserialize, Serialize};

/// Properties of a secrets manager.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecretsManagerProps {
    /// The product, e.g. `Vault` or `AWS Secrets Manager` (documentation only).
    pub product: String,
    /// Secrets rotate automatically every this many days; `None` means no rotation.
    pub rotation_days: Option<u32>,
    /// Secrets are encrypted at rest with a managed key.
    pub encryption_at_rest: bool,
}

impl Default for SecretsManagerProps {
    fn default() -> Self {
        Self {
            product: "Managed".into(),
            rotation_days: Some(30),
            encryption_at_rest: true,
        }
    }
}

/// Properties of a certificate manager.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CertificateManagerProps {
    /// Certificates renew automatically.
    pub auto_renewal: bool,
    /// Domains certificates are issued for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<String>,
}

impl Default for CertificateManagerProps {
    fn default() -> Self {
        Self {
            auto_renewal: true,
            domains: Vec::new(),
        }
    }
}

/// Properties of a log aggregation backend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LogAggregationProps {
    /// Days logs are kept.
    pub retention_days: u32,
    /// Audit logs are kept with it (compliance).
    pub audit_logs: bool,
    /// Logs are encrypted at rest.
    pub encryption_at_rest: bool,
}

impl Default for LogAggregationProps {
    fn default() -> Self {
        Self {
            retention_days: 365,
            audit_logs: true,
            encryption_at_rest: true,
        }
    }
}

/// Properties of a metrics backend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsProps {
    /// Days metrics are kept.
    pub retention_days: u32,
    /// Dashboards are provisioned.
    pub dashboards: bool,
}

impl Default for MetricsProps {
    fn default() -> Self {
        Self {
            retention_days: 90,
            dashboards: true,
        }
    }
}

/// Properties of a tracing backend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TracingProps {
    /// Days traces are kept.
    pub retention_days: u32,
    /// Share of requests traced, in percent.
    pub sampling_percent: f64,
}

impl Default for TracingProps {
    fn default() -> Self {
        Self {
            retention_days: 30,
            sampling_percent: 10.0,
        }
    }
}

/// Properties of an alerting system.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AlertingProps {
    /// Notification channels, e.g. `email`, `sms`, `slack`.
    pub channels: Vec<String>,
    /// Unacknowledged alerts escalate.
    pub escalation_policies: bool,
}

impl Default for AlertingProps {
    fn default() -> Self {
        Self {
            channels: vec!["email".into()],
            escalation_policies: true,
        }
    }
}

/// Properties of an identity provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IdentityProviderProps {
    /// Federation protocols offered.
    pub protocols: Vec<IdentityProtocol>,
    /// Multi-factor authentication is enforced.
    pub mfa: bool,
}

impl Default for IdentityProviderProps {
    fn default() -> Self {
        Self {
            protocols: vec![IdentityProtocol::Oidc, IdentityProtocol::Saml],
            mfa: true,
        }
    }
}

/// A federation protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IdentityProtocol {
    /// OAuth 2.0 / OpenID Connect.
    Oidc,
    /// SAML 2.0.
    Saml,
}

/// Properties of an external API.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExternalApiProps {
    /// What the API is for, e.g. `payments`.
    pub purpose: String,
    /// The availability the vendor commits to, in percent, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla_percent: Option<f64>,
}

/// Properties of an e-mail service.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct EmailServiceProps {
    /// The availability the vendor commits to, in percent, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla_percent: Option<f64>,
}

/// Properties of a generic component.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GenericProps {
    /// Free category, e.g. `search` or `ml-inference`.
    pub category: String,
}
