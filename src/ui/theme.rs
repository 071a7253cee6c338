//! Colours of the diagram, for the light and the dark theme.

use egui::Color32;

use crate::model::{ContainerKind, GroupPurpose, KindTag, Tier};

/// The diagram palette of one theme.
#[derive(Clone, Copy)]
pub struct Palette {
    /// Whether this is the dark theme.
    pub dark: bool,
    /// Canvas background.
    pub background: Color32,
    /// Grid dots.
    pub grid: Color32,
    /// Text on the canvas.
    pub text: Color32,
    /// Secondary text (kinds, replica counts).
    pub weak_text: Color32,
    /// Component box fill.
    pub component_fill: Color32,
    /// Component box outline.
    pub component_stroke: Color32,
    /// Selection outline.
    pub selection: Color32,
    /// Connection lines.
    pub edge: Color32,
    /// Plaintext connection mark.
    pub plaintext: Color32,
    /// Problem badge.
    pub problem: Color32,
}

impl Palette {
    /// The palette for the given theme.
    pub fn new(dark: bool) -> Self {
        if dark {
            Palette {
                dark,
                background: Color32::from_rgb(27, 29, 33),
                grid: Color32::from_rgb(52, 56, 62),
                text: Color32::from_rgb(228, 230, 233),
                weak_text: Color32::from_rgb(160, 166, 175),
                component_fill: Color32::from_rgb(44, 48, 55),
                component_stroke: Color32::from_rgb(96, 104, 116),
                selection: Color32::from_rgb(80, 160, 255),
                edge: Color32::from_rgb(150, 158, 170),
                plaintext: Color32::from_rgb(255, 120, 80),
                problem: Color32::from_rgb(235, 80, 70),
            }
        } else {
            Palette {
                dark,
                background: Color32::from_rgb(250, 250, 251),
                grid: Color32::from_rgb(218, 221, 226),
                text: Color32::from_rgb(30, 32, 36),
                weak_text: Color32::from_rgb(100, 106, 115),
                component_fill: Color32::WHITE,
                component_stroke: Color32::from_rgb(160, 166, 176),
                selection: Color32::from_rgb(20, 110, 230),
                edge: Color32::from_rgb(98, 106, 118),
                plaintext: Color32::from_rgb(220, 70, 30),
                problem: Color32::from_rgb(210, 40, 30),
            }
        }
    }

    /// Accent colour of a container kind: fill (translucent) and outline.
    pub fn container(&self, kind: &ContainerKind) -> (Color32, Color32) {
        let base = match kind {
            ContainerKind::Vpc(_) => Color32::from_rgb(67, 160, 71),
            ContainerKind::Subnet(s) => tier_colour(&s.tier),
            ContainerKind::KubernetesCluster(_) => Color32::from_rgb(50, 108, 229),
            ContainerKind::Group(g) => match g.purpose {
                GroupPurpose::Internet => Color32::from_rgb(120, 130, 145),
                GroupPurpose::Edge => Color32::from_rgb(0, 150, 170),
                GroupPurpose::Cloud => Color32::from_rgb(110, 120, 140),
                GroupPurpose::ExternalServices => Color32::from_rgb(140, 110, 90),
                GroupPurpose::Monitoring => Color32::from_rgb(142, 68, 173),
                GroupPurpose::Security => Color32::from_rgb(200, 160, 0),
                GroupPurpose::ObjectStorage => Color32::from_rgb(90, 140, 60),
                GroupPurpose::Other => Color32::from_rgb(130, 130, 130),
            },
        };
        let alpha = if self.dark { 34 } else { 26 };
        (
            Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), alpha),
            base,
        )
    }

    /// Accent colour of a component kind (its icon background).
    pub fn kind(&self, kind: KindTag) -> Color32 {
        match kind {
            KindTag::Users | KindTag::Admins => Color32::from_rgb(96, 110, 130),
            KindTag::Cdn | KindTag::Dns => Color32::from_rgb(0, 140, 160),
            KindTag::LoadBalancer | KindTag::ApiGateway | KindTag::NatGateway => {
                Color32::from_rgb(230, 120, 20)
            }
            KindTag::Waf
            | KindTag::SecretsManager
            | KindTag::CertificateManager
            | KindTag::Bastion => Color32::from_rgb(200, 60, 60),
            KindTag::KubernetesCluster | KindTag::Workload => Color32::from_rgb(50, 108, 229),
            KindTag::Database => Color32::from_rgb(50, 90, 170),
            KindTag::Cache => Color32::from_rgb(200, 40, 80),
            KindTag::Queue => Color32::from_rgb(240, 100, 0),
            KindTag::ObjectStorage => Color32::from_rgb(70, 140, 50),
            KindTag::LogAggregation | KindTag::Metrics | KindTag::Tracing | KindTag::Alerting => {
                Color32::from_rgb(142, 68, 173)
            }
            KindTag::IdentityProvider | KindTag::ExternalApi | KindTag::EmailService => {
                Color32::from_rgb(120, 95, 75)
            }
            KindTag::Generic => Color32::from_rgb(110, 115, 125),
        }
    }
}

/// Colour of a subnet tier: public tiers warm, private ones cool.
pub fn tier_colour(tier: &Tier) -> Color32 {
    match tier {
        Tier::Public => Color32::from_rgb(239, 130, 0),
        Tier::PrivateApp => Color32::from_rgb(30, 136, 229),
        Tier::PrivateData => Color32::from_rgb(216, 27, 96),
        Tier::PrivateMessaging => Color32::from_rgb(94, 53, 177),
        Tier::Custom(c) if c.public => Color32::from_rgb(239, 130, 0),
        Tier::Custom(_) => Color32::from_rgb(0, 137, 123),
    }
}
