//! Our SVG icons (`assets/icons/`), one per component kind, embedded in the binary: white line
//! art on a 24×24 grid, drawn on the kind's coloured tile.

use crate::model::KindTag;

/// The SVG document of the icon of `kind`.
pub fn svg(kind: KindTag) -> &'static str {
    match kind {
        KindTag::Users => include_str!("../../assets/icons/users.svg"),
        KindTag::Admins => include_str!("../../assets/icons/admins.svg"),
        KindTag::Cdn => include_str!("../../assets/icons/cdn.svg"),
        KindTag::Dns => include_str!("../../assets/icons/dns.svg"),
        KindTag::LoadBalancer => include_str!("../../assets/icons/load-balancer.svg"),
        KindTag::ApiGateway => include_str!("../../assets/icons/api-gateway.svg"),
        KindTag::Waf => include_str!("../../assets/icons/waf.svg"),
        KindTag::Bastion => include_str!("../../assets/icons/bastion.svg"),
        KindTag::NatGateway => include_str!("../../assets/icons/nat-gateway.svg"),
        KindTag::KubernetesCluster => include_str!("../../assets/icons/kubernetes-cluster.svg"),
        KindTag::Workload => include_str!("../../assets/icons/workload.svg"),
        KindTag::Database => include_str!("../../assets/icons/database.svg"),
        KindTag::Cache => include_str!("../../assets/icons/cache.svg"),
        KindTag::Queue => include_str!("../../assets/icons/queue.svg"),
        KindTag::ObjectStorage => include_str!("../../assets/icons/object-storage.svg"),
        KindTag::SecretsManager => include_str!("../../assets/icons/secrets-manager.svg"),
        KindTag::CertificateManager => include_str!("../../assets/icons/certificate-manager.svg"),
        KindTag::LogAggregation => include_str!("../../assets/icons/log-aggregation.svg"),
        KindTag::Metrics => include_str!("../../assets/icons/metrics.svg"),
        KindTag::Tracing => include_str!("../../assets/icons/tracing.svg"),
        KindTag::Alerting => include_str!("../../assets/icons/alerting.svg"),
        KindTag::IdentityProvider => include_str!("../../assets/icons/identity-provider.svg"),
        KindTag::ExternalApi => include_str!("../../assets/icons/external-api.svg"),
        KindTag::EmailService => include_str!("../../assets/icons/email-service.svg"),
        KindTag::Generic => include_str!("../../assets/icons/generic.svg"),
    }
}

/// The file name of the icon of `kind` (`database.svg`), for URIs.
pub fn file_name(kind: KindTag) -> String {
    let mut name = String::new();
    for (i, c) in format!("{kind:?}").chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            name.push('-');
        }
        name.extend(c.to_lowercase());
    }
    format!("{name}.svg")
}

/// The drawing inside the icon's `<svg>` element, for nesting in another SVG.
pub fn body(kind: KindTag) -> &'static str {
    let doc = svg(kind);
    let start = doc.find('>').map_or(0, |i| i + 1);
    let end = doc.rfind("</svg>").unwrap_or(doc.len());
    doc.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_an_icon_named_after_it() {
        for kind in KindTag::ALL {
            assert!(svg(kind).starts_with("<svg"), "{kind:?}");
            assert!(!body(kind).contains("<svg"), "{kind:?}");
        }
        assert_eq!(file_name(KindTag::LoadBalancer), "load-balancer.svg");
        assert_eq!(file_name(KindTag::Cdn), "cdn.svg");
    }
}
