//! Our own SVG icons (in `assets/icons/`), one per component kind, embedded in the binary.

use egui::ImageSource;

use crate::model::KindTag;

/// The icon of a component kind. Icons are white line art, tinted when painted.
pub fn icon(kind: KindTag) -> ImageSource<'static> {
    match kind {
        KindTag::Users => egui::include_image!("../../assets/icons/users.svg"),
        KindTag::Admins => egui::include_image!("../../assets/icons/admins.svg"),
        KindTag::Cdn => egui::include_image!("../../assets/icons/cdn.svg"),
        KindTag::Dns => egui::include_image!("../../assets/icons/dns.svg"),
        KindTag::LoadBalancer => egui::include_image!("../../assets/icons/load-balancer.svg"),
        KindTag::ApiGateway => egui::include_image!("../../assets/icons/api-gateway.svg"),
        KindTag::Waf => egui::include_image!("../../assets/icons/waf.svg"),
        KindTag::Bastion => egui::include_image!("../../assets/icons/bastion.svg"),
        KindTag::NatGateway => egui::include_image!("../../assets/icons/nat-gateway.svg"),
        KindTag::KubernetesCluster => {
            egui::include_image!("../../assets/icons/kubernetes-cluster.svg")
        }
        KindTag::Workload => egui::include_image!("../../assets/icons/workload.svg"),
        KindTag::Database => egui::include_image!("../../assets/icons/database.svg"),
        KindTag::Cache => egui::include_image!("../../assets/icons/cache.svg"),
        KindTag::Queue => egui::include_image!("../../assets/icons/queue.svg"),
        KindTag::ObjectStorage => egui::include_image!("../../assets/icons/object-storage.svg"),
        KindTag::SecretsManager => egui::include_image!("../../assets/icons/secrets-manager.svg"),
        KindTag::CertificateManager => {
            egui::include_image!("../../assets/icons/certificate-manager.svg")
        }
        KindTag::LogAggregation => egui::include_image!("../../assets/icons/log-aggregation.svg"),
        KindTag::Metrics => egui::include_image!("../../assets/icons/metrics.svg"),
        KindTag::Tracing => egui::include_image!("../../assets/icons/tracing.svg"),
        KindTag::Alerting => egui::include_image!("../../assets/icons/alerting.svg"),
        KindTag::IdentityProvider => {
            egui::include_image!("../../assets/icons/identity-provider.svg")
        }
        KindTag::ExternalApi => egui::include_image!("../../assets/icons/external-api.svg"),
        KindTag::EmailService => egui::include_image!("../../assets/icons/email-service.svg"),
        KindTag::Generic => egui::include_image!("../../assets/icons/generic.svg"),
    }
}

/// Icons are rasterised at a few fixed sizes and scaled, so zooming does not rasterise anew
/// every frame: the smallest of these at least `wanted` pixels tall.
pub fn quantized_size(wanted: f32) -> f32 {
    [16.0, 24.0, 32.0, 48.0, 64.0, 96.0]
        .into_iter()
        .find(|s| *s >= wanted)
        .unwrap_or(96.0)
}
