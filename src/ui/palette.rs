//! The palette: component kinds and container kinds to drag onto the canvas, and how a drop
//! becomes an element (placement, id, defaults).

use std::collections::BTreeSet;

use egui::{Pos2, Vec2};

use super::edit::{Edit, fresh_id};
use super::icons;
use super::theme::Palette;
use crate::layout::{COMPONENT_H, COMPONENT_W, GAP, HEADER, PADDING};
use crate::model::{
    ComponentKind, Connection, ConnectionKind, Container, ContainerKind, Environment, GroupProps,
    GroupPurpose, Id, Index, KindTag, KubernetesClusterProps, Protocol, QueueEngine, Region, Stage,
    SubnetProps, Tier, Topology, VpcProps, new_component,
};

/// Something that can be dragged from the palette.
#[derive(Debug, Clone, PartialEq)]
pub enum PaletteItem {
    /// A component of this kind.
    Component(KindTag),
    /// A VPC.
    Vpc,
    /// A subnet tier.
    Subnet(Tier),
    /// A Kubernetes cluster box.
    Cluster,
    /// A non-network group.
    Group(GroupPurpose),
}

impl PaletteItem {
    /// Name shown in the palette and given to new elements.
    pub fn label(&self) -> String {
        match self {
            PaletteItem::Component(k) => k.label().to_owned(),
            PaletteItem::Vpc => "VPC".to_owned(),
            PaletteItem::Subnet(t) => match t {
                Tier::Public => "Public subnet".to_owned(),
                Tier::PrivateApp => "Private app subnet".to_owned(),
                Tier::PrivateData => "Private data subnet".to_owned(),
                Tier::PrivateMessaging => "Private messaging subnet".to_owned(),
                Tier::Custom(c) => format!("{} subnet", c.name),
            },
            PaletteItem::Cluster => "Kubernetes cluster box".to_owned(),
            PaletteItem::Group(p) => group_name(p).to_owned(),
        }
    }
}

fn group_name(p: &GroupPurpose) -> &'static str {
    match p {
        GroupPurpose::Internet => "Internet",
        GroupPurpose::Edge => "CDN / Edge",
        GroupPurpose::Cloud => "Cloud provider",
        GroupPurpose::ExternalServices => "External services",
        GroupPurpose::Monitoring => "Monitoring",
        GroupPurpose::Security => "Security services",
        GroupPurpose::ObjectStorage => "Object storage",
        GroupPurpose::Other => "Group",
    }
}

/// The group a kind belongs in when it is dropped outside any subnet.
fn matching_group(kind: KindTag) -> Option<GroupPurpose> {
    Some(match kind {
        KindTag::Users | KindTag::Admins => GroupPurpose::Internet,
        KindTag::Cdn | KindTag::Dns => GroupPurpose::Edge,
        KindTag::LogAggregation | KindTag::Metrics | KindTag::Tracing | KindTag::Alerting => {
            GroupPurpose::Monitoring
        }
        KindTag::SecretsManager | KindTag::CertificateManager | KindTag::Waf => {
            GroupPurpose::Security
        }
        KindTag::ObjectStorage => GroupPurpose::ObjectStorage,
        KindTag::IdentityProvider | KindTag::ExternalApi | KindTag::EmailService => {
            GroupPurpose::ExternalServices
        }
        _ => return None,
    })
}

/// The edit that creates `item` dropped at canvas point `at`, inside container `target` (the
/// innermost one under the pointer), and the id of the new element.
pub fn create(t: &Topology, item: &PaletteItem, at: Pos2, target: Option<&Id>) -> (Edit, Id) {
    let taken = BTreeSet::new();
    let id = fresh_id(t, &item.label(), &taken);
    match item {
        PaletteItem::Component(kind) => {
            let parent = target.cloned().or_else(|| {
                let purpose = matching_group(*kind)?;
                t.containers
                    .iter()
                    .find(|c| matches!(&c.kind, ContainerKind::Group(g) if g.purpose == purpose))
                    .map(|c| c.id.clone())
            });
            let zones = parent.as_ref().map(|p| zones_of(t, p)).unwrap_or_default();
            let c = new_component(id.clone(), kind.label(), *kind, parent.clone(), &zones);
            let size = Vec2::new(COMPONENT_W as f32, COMPONENT_H as f32);
            let mut min = at - size / 2.0;
            // Dropped outside any container but placed in a group: put it inside the group.
            if target.is_none()
                && let Some(r) = parent.as_ref().and_then(|p| t.layout.elements.get(p))
            {
                let slots = t
                    .components
                    .iter()
                    .filter(|x| x.container == parent)
                    .count() as f64;
                min = Pos2::new(
                    (r.x + PADDING + slots * (COMPONENT_W + GAP)) as f32,
                    (r.y + HEADER) as f32,
                );
            }
            let rect = crate::model::Rect {
                x: f64::from(min.x),
                y: f64::from(min.y),
                w: COMPONENT_W,
                h: COMPONENT_H,
            };
            (
                grown(
                    t,
                    Edit::AddComponent { component: c, rect },
                    parent.as_ref(),
                    &rect,
                ),
                id,
            )
        }
        _ => {
            let (kind, size, extra) = container_kind(t, item, target);
            let container = Container {
                id: id.clone(),
                name: item.label(),
                kind,
                parent: target.cloned(),
                description: String::new(),
                tags: Default::default(),
            };
            let min = at - size / 2.0;
            let rect = crate::model::Rect {
                x: f64::from(min.x),
                y: f64::from(min.y),
                w: f64::from(size.x),
                h: f64::from(size.y),
            };
            let add = grown(t, Edit::AddContainer { container, rect }, target, &rect);
            let edit = if extra.is_empty() {
                add
            } else {
                Edit::Batch(extra.into_iter().chain([add]).collect())
            };
            (edit, id)
        }
    }
}

/// `edit`, plus enlarging `parent` (and its ancestors) when `rect` sticks out of it.
fn grown(t: &Topology, edit: Edit, parent: Option<&Id>, rect: &crate::model::Rect) -> Edit {
    let mut rects = Vec::new();
    let mut inner = *rect;
    let mut next = parent.cloned();
    let mut guard = 0;
    while let Some(p) = next {
        guard += 1;
        let Some(pr) = t.layout.elements.get(&p).copied() else {
            break;
        };
        if pr.contains(&inner) || guard > 64 {
            break;
        }
        let x0 = pr.x.min(inner.x - PADDING);
        let y0 = pr.y.min(inner.y - HEADER);
        let x1 = (pr.x + pr.w).max(inner.x + inner.w + PADDING);
        let y1 = (pr.y + pr.h).max(inner.y + inner.h + PADDING);
        let bigger = crate::model::Rect {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        };
        rects.push((p.clone(), bigger));
        inner = bigger;
        next = t.container(p.as_str()).and_then(|c| c.parent.clone());
    }
    if rects.is_empty() {
        edit
    } else {
        Edit::Batch(vec![
            edit,
            Edit::Arrange {
                rects,
                parents: Vec::new(),
            },
        ])
    }
}

/// Zones of the subnet (or VPC region, or group region) `container` is, or is inside.
fn zones_of(t: &Topology, container: &Id) -> Vec<Id> {
    let index = Index::new(t);
    let ancestry = crate::model::Ancestry::new(t, &index);
    if let Some(s) = ancestry.subnet(Some(container))
        && let ContainerKind::Subnet(p) = &s.kind
    {
        return p.zones.clone();
    }
    ancestry
        .region(Some(container))
        .and_then(|r| t.region(r.as_str()))
        .map(|r| r.zones.clone())
        .unwrap_or_default()
}

/// Kind and default size of a new container, and any settings it needs first (a region and an
/// environment for a VPC in a topology that has none).
fn container_kind(
    t: &Topology,
    item: &PaletteItem,
    target: Option<&Id>,
) -> (ContainerKind, Vec2, Vec<Edit>) {
    match item {
        PaletteItem::Vpc => {
            let mut extra = Vec::new();
            let mut settings = super::edit::Settings::of(t);
            if settings.regions.is_empty() {
                let z = |s: &str| Id::new(s).unwrap_or_else(|_| Id::fallback());
                settings.regions.push(Region {
                    id: z("region-1"),
                    name: "Region 1".into(),
                    provider_names: Default::default(),
                    zones: vec![z("region-1-a"), z("region-1-b"), z("region-1-c")],
                });
            }
            if settings.environments.is_empty() {
                let id = Id::new("prod").unwrap_or_else(|_| Id::fallback());
                settings.environments.push(Environment {
                    id,
                    name: "Production".into(),
                    stage: Stage::Production,
                });
            }
            let region = settings.regions[0].id.clone();
            let environment = settings.environments[0].id.clone();
            if settings != super::edit::Settings::of(t) {
                extra.push(Edit::SetSettings(settings));
            }
            let taken: Vec<ipnet::Ipv4Net> = t
                .containers
                .iter()
                .filter_map(|c| match &c.kind {
                    ContainerKind::Vpc(v) => v.cidr.parse().ok(),
                    _ => None,
                })
                .collect();
            let cidr = (0..=255u8)
                .map(|k| format!("10.{k}.0.0/16"))
                .find(|c| {
                    c.parse::<ipnet::Ipv4Net>()
                        .is_ok_and(|n| !taken.iter().any(|o| o.contains(&n) || n.contains(o)))
                })
                .unwrap_or_else(|| "10.0.0.0/16".to_owned());
            let kind = ContainerKind::Vpc(VpcProps {
                environment,
                region,
                cidr,
                dns_hostnames: true,
                flow_logs: true,
            });
            (kind, Vec2::new(720.0, 480.0), extra)
        }
        PaletteItem::Subnet(tier) => {
            let zones = target.map(|p| zones_of(t, p)).unwrap_or_default();
            let kind = ContainerKind::Subnet(SubnetProps {
                tier: tier.clone(),
                zones,
                cidr: None,
            });
            (kind, Vec2::new(640.0, 130.0), Vec::new())
        }
        PaletteItem::Cluster => (
            ContainerKind::KubernetesCluster(KubernetesClusterProps::default()),
            Vec2::new(440.0, 130.0),
            Vec::new(),
        ),
        PaletteItem::Group(purpose) => {
            let kind = ContainerKind::Group(GroupProps {
                purpose: purpose.clone(),
                region: None,
                environment: None,
            });
            (kind, Vec2::new(440.0, 130.0), Vec::new())
        }
        PaletteItem::Component(_) => (
            ContainerKind::Group(GroupProps {
                purpose: GroupPurpose::Other,
                region: None,
                environment: None,
            }),
            Vec2::splat(100.0),
            Vec::new(),
        ),
    }
}

/// A connection from `from` to `to` with the default protocol for the target: PostgreSQL for
/// a database, Redis for a cache, AMQP for a queue, SSH to a bastion, the telemetry protocols
/// to observability backends, HTTPS otherwise; always encrypted.
pub fn new_connection(t: &Topology, from: &Id, to: &Id) -> Connection {
    let target = t.component(to.as_str()).map(|c| &c.kind);
    let source_is_bastion = t
        .component(from.as_str())
        .is_some_and(|c| matches!(c.kind, ComponentKind::Bastion(_)));
    let (protocol, kind) = match target {
        Some(ComponentKind::Database(d)) => (
            if d.engine == crate::model::DatabaseEngine::Mysql {
                Protocol::Mysql
            } else {
                Protocol::Postgresql
            },
            ConnectionKind::Request,
        ),
        Some(ComponentKind::Cache(_)) => (Protocol::Redis, ConnectionKind::Request),
        Some(ComponentKind::Queue(q)) => (
            if q.engine == QueueEngine::Kafka {
                Protocol::Kafka
            } else {
                Protocol::Amqp
            },
            ConnectionKind::Async,
        ),
        Some(ComponentKind::Bastion(_)) => (Protocol::Ssh, ConnectionKind::Admin),
        Some(ComponentKind::LogAggregation(_)) => (Protocol::Logs, ConnectionKind::Observability),
        Some(ComponentKind::Metrics(_)) => (Protocol::Metrics, ConnectionKind::Observability),
        Some(ComponentKind::Tracing(_)) => (Protocol::Traces, ConnectionKind::Observability),
        Some(ComponentKind::IdentityProvider(_)) => (Protocol::OAuthSaml, ConnectionKind::Request),
        Some(ComponentKind::SecretsManager(_) | ComponentKind::CertificateManager(_)) => {
            (Protocol::Https, ConnectionKind::Control)
        }
        _ if source_is_bastion => (Protocol::Ssh, ConnectionKind::Admin),
        _ => (Protocol::Https, ConnectionKind::Request),
    };
    let id = fresh_id(t, &format!("{from}-to-{to}"), &BTreeSet::new());
    Connection {
        id,
        from: from.clone(),
        to: to.clone(),
        protocol,
        port: None,
        tls: true,
        kind,
        label: String::new(),
        traffic: Default::default(),
    }
}

/// Palette sections: container kinds first, then component kinds by family.
fn sections() -> Vec<(&'static str, Vec<PaletteItem>)> {
    use KindTag as K;
    let comps = |kinds: &[KindTag]| {
        kinds
            .iter()
            .map(|k| PaletteItem::Component(*k))
            .collect::<Vec<_>>()
    };
    vec![
        (
            "Networks",
            vec![
                PaletteItem::Vpc,
                PaletteItem::Subnet(Tier::Public),
                PaletteItem::Subnet(Tier::PrivateApp),
                PaletteItem::Subnet(Tier::PrivateData),
                PaletteItem::Subnet(Tier::PrivateMessaging),
                PaletteItem::Cluster,
            ],
        ),
        (
            "Groups",
            [
                GroupPurpose::Internet,
                GroupPurpose::Edge,
                GroupPurpose::Cloud,
                GroupPurpose::ExternalServices,
                GroupPurpose::Monitoring,
                GroupPurpose::Security,
                GroupPurpose::ObjectStorage,
            ]
            .into_iter()
            .map(PaletteItem::Group)
            .collect(),
        ),
        ("People", comps(&[K::Users, K::Admins])),
        (
            "Edge and network",
            comps(&[
                K::Cdn,
                K::Dns,
                K::LoadBalancer,
                K::ApiGateway,
                K::Waf,
                K::Bastion,
                K::NatGateway,
            ]),
        ),
        ("Compute", comps(&[K::KubernetesCluster, K::Workload])),
        (
            "Data",
            comps(&[K::Database, K::Cache, K::Queue, K::ObjectStorage]),
        ),
        (
            "Security",
            comps(&[
                K::SecretsManager,
                K::CertificateManager,
                K::IdentityProvider,
            ]),
        ),
        (
            "Observability",
            comps(&[K::LogAggregation, K::Metrics, K::Tracing, K::Alerting]),
        ),
        (
            "External",
            comps(&[K::ExternalApi, K::EmailService, K::Generic]),
        ),
    ]
}

/// The palette panel: every item can be dragged onto the canvas.
pub fn ui(ui: &mut egui::Ui, palette: Palette) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (title, items) in sections() {
            egui::CollapsingHeader::new(title)
                .default_open(true)
                .show(ui, |ui| {
                    for item in items {
                        item_ui(ui, &item, palette);
                    }
                });
        }
        ui.add_space(8.0);
        ui.weak("Drag onto the canvas. Drop a component inside a subnet to place it there.");
    });
}

fn item_ui(ui: &mut egui::Ui, item: &PaletteItem, palette: Palette) {
    let id = egui::Id::new(("palette", format!("{item:?}")));
    let response = ui
        .dnd_drag_source(id, item.clone(), |ui| {
            ui.horizontal(|ui| {
                let (rect, _) = ui.allocate_exact_size(Vec2::splat(20.0), egui::Sense::hover());
                match item {
                    PaletteItem::Component(kind) => {
                        ui.painter().rect_filled(rect, 4, palette.kind(*kind));
                        egui::Image::new(icons::icon(*kind))
                            .tint(egui::Color32::WHITE)
                            .paint_at(ui, rect.shrink(3.0));
                    }
                    _ => {
                        let kind = preview_kind(item);
                        let (fill, accent) = palette.container(&kind);
                        ui.painter().rect_filled(rect, 3, fill);
                        ui.painter().rect_stroke(
                            rect,
                            3,
                            egui::Stroke::new(1.5, accent),
                            egui::StrokeKind::Inside,
                        );
                    }
                }
                ui.label(item.label());
            });
        })
        .response;
    response.on_hover_text(hint(item));
}

fn preview_kind(item: &PaletteItem) -> ContainerKind {
    match item {
        PaletteItem::Subnet(t) => ContainerKind::Subnet(SubnetProps {
            tier: t.clone(),
            zones: Vec::new(),
            cidr: None,
        }),
        PaletteItem::Cluster => ContainerKind::KubernetesCluster(KubernetesClusterProps::default()),
        PaletteItem::Group(p) => ContainerKind::Group(GroupProps {
            purpose: p.clone(),
            region: None,
            environment: None,
        }),
        _ => ContainerKind::Vpc(VpcProps {
            environment: Id::fallback(),
            region: Id::fallback(),
            cidr: String::new(),
            dns_hostnames: true,
            flow_logs: true,
        }),
    }
}

fn hint(item: &PaletteItem) -> String {
    match item {
        PaletteItem::Component(_) => {
            "Drag onto the canvas; inside a subnet it is placed there, elsewhere in its group"
                .to_owned()
        }
        PaletteItem::Subnet(_) => {
            "Drag into a VPC: a subnet tier spanning the VPC's zones".to_owned()
        }
        _ => "Drag onto the canvas".to_owned(),
    }
}
