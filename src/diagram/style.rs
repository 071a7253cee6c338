//! The diagram's colours, shared by the editor canvas and the SVG/PNG exports, so a picture
//! looks like the editor.

use crate::model::{ContainerKind, GroupPurpose, KindTag, Tier};

/// An sRGB colour with alpha (not premultiplied).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgba(pub u8, pub u8, pub u8, pub u8);

impl Rgba {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self(r, g, b, 255)
    }

    /// The same colour with alpha `a`.
    pub const fn with_alpha(self, a: u8) -> Self {
        Self(self.0, self.1, self.2, a)
    }

    /// `#rrggbb` (for SVG; the alpha goes in an opacity attribute).
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Opacity 0–1.
    pub fn opacity(self) -> f32 {
        f32::from(self.3) / 255.0
    }
}

/// Accent colour of a subnet tier: public tiers warm, private ones cool.
pub fn tier(tier: &Tier) -> Rgba {
    match tier {
        Tier::Public => Rgba::rgb(239, 130, 0),
        Tier::PrivateApp => Rgba::rgb(30, 136, 229),
        Tier::PrivateData => Rgba::rgb(216, 27, 96),
        Tier::PrivateMessaging => Rgba::rgb(94, 53, 177),
        Tier::Custom(c) if c.public => Rgba::rgb(239, 130, 0),
        Tier::Custom(_) => Rgba::rgb(0, 137, 123),
    }
}

/// Accent colour of a container kind.
pub fn container(kind: &ContainerKind) -> Rgba {
    match kind {
        ContainerKind::Vpc(_) => Rgba::rgb(67, 160, 71),
        ContainerKind::Subnet(s) => tier(&s.tier),
        ContainerKind::KubernetesCluster(_) => Rgba::rgb(50, 108, 229),
        ContainerKind::Group(g) => match g.purpose {
            GroupPurpose::Internet => Rgba::rgb(120, 130, 145),
            GroupPurpose::Edge => Rgba::rgb(0, 150, 170),
            GroupPurpose::Cloud => Rgba::rgb(110, 120, 140),
            GroupPurpose::ExternalServices => Rgba::rgb(140, 110, 90),
            GroupPurpose::Monitoring => Rgba::rgb(142, 68, 173),
            GroupPurpose::Security => Rgba::rgb(200, 160, 0),
            GroupPurpose::ObjectStorage => Rgba::rgb(90, 140, 60),
            GroupPurpose::Other => Rgba::rgb(130, 130, 130),
        },
    }
}

/// Whether a container is drawn with a dashed outline (groups that are not networks).
pub fn dashed(kind: &ContainerKind) -> bool {
    matches!(kind, ContainerKind::Group(_))
}

/// Accent colour of a component kind (its icon tile).
pub fn kind(kind: KindTag) -> Rgba {
    match kind {
        KindTag::Users | KindTag::Admins => Rgba::rgb(96, 110, 130),
        KindTag::Cdn | KindTag::Dns => Rgba::rgb(0, 140, 160),
        KindTag::LoadBalancer | KindTag::ApiGateway | KindTag::NatGateway => {
            Rgba::rgb(230, 120, 20)
        }
        KindTag::Waf | KindTag::SecretsManager | KindTag::CertificateManager | KindTag::Bastion => {
            Rgba::rgb(200, 60, 60)
        }
        KindTag::KubernetesCluster | KindTag::Workload => Rgba::rgb(50, 108, 229),
        KindTag::Database => Rgba::rgb(50, 90, 170),
        KindTag::Cache => Rgba::rgb(200, 40, 80),
        KindTag::Queue => Rgba::rgb(240, 100, 0),
        KindTag::ObjectStorage => Rgba::rgb(70, 140, 50),
        KindTag::LogAggregation | KindTag::Metrics | KindTag::Tracing | KindTag::Alerting => {
            Rgba::rgb(142, 68, 173)
        }
        KindTag::IdentityProvider | KindTag::ExternalApi | KindTag::EmailService => {
            Rgba::rgb(120, 95, 75)
        }
        KindTag::Generic => Rgba::rgb(110, 115, 125),
    }
}

/// The neutral colours of one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Whether this is the dark theme.
    pub dark: bool,
    /// Canvas background.
    pub background: Rgba,
    /// Grid dots.
    pub grid: Rgba,
    /// Text.
    pub text: Rgba,
    /// Secondary text.
    pub weak_text: Rgba,
    /// Component box fill.
    pub component_fill: Rgba,
    /// Component box outline.
    pub component_stroke: Rgba,
    /// Selection outline.
    pub selection: Rgba,
    /// Connection lines.
    pub edge: Rgba,
    /// Plaintext connections.
    pub plaintext: Rgba,
    /// Problem badges.
    pub problem: Rgba,
    /// Alpha of container fills.
    pub container_fill_alpha: u8,
    /// Alpha of container title bands.
    pub header_alpha: u8,
}

impl Theme {
    /// The light or the dark theme.
    pub fn new(dark: bool) -> Self {
        if dark {
            Theme {
                dark,
                background: Rgba::rgb(27, 29, 33),
                grid: Rgba::rgb(52, 56, 62),
                text: Rgba::rgb(228, 230, 233),
                weak_text: Rgba::rgb(160, 166, 175),
                component_fill: Rgba::rgb(44, 48, 55),
                component_stroke: Rgba::rgb(96, 104, 116),
                selection: Rgba::rgb(80, 160, 255),
                edge: Rgba::rgb(150, 158, 170),
                plaintext: Rgba::rgb(255, 120, 80),
                problem: Rgba::rgb(235, 80, 70),
                container_fill_alpha: 34,
                header_alpha: 60,
            }
        } else {
            Theme {
                dark,
                background: Rgba::rgb(250, 250, 251),
                grid: Rgba::rgb(218, 221, 226),
                text: Rgba::rgb(30, 32, 36),
                weak_text: Rgba::rgb(100, 106, 115),
                component_fill: Rgba::rgb(255, 255, 255),
                component_stroke: Rgba::rgb(160, 166, 176),
                selection: Rgba::rgb(20, 110, 230),
                edge: Rgba::rgb(98, 106, 118),
                plaintext: Rgba::rgb(220, 70, 30),
                problem: Rgba::rgb(210, 40, 30),
                container_fill_alpha: 26,
                header_alpha: 40,
            }
        }
    }
}
