//! The text a diagram shows besides names: container captions (kind, CIDR, tier, zones) and
//! component captions (kind and main property), and replica badges. Shared by the editor and the
//! image exports.

use crate::model::{Component, ComponentKind, ContainerKind, Id, Topology};

/// `a` for zone `eu-central-a`: the part after the last `-`.
fn short_zone(z: &Id) -> &str {
    z.as_str().rsplit('-').next().unwrap_or(z.as_str())
}

/// Title line of a container: its kind and what matters about it.
pub fn container_caption(t: &Topology, kind: &ContainerKind) -> String {
    match kind {
        ContainerKind::Vpc(v) => {
            let env = t
                .environments
                .iter()
                .find(|e| e.id == v.environment)
                .map_or(v.environment.as_str(), |e| e.name.as_str());
            format!("VPC · {} · {} · {}", v.cidr, env, v.region)
        }
        ContainerKind::Subnet(s) => {
            let zones: Vec<&str> = s.zones.iter().map(short_zone).collect();
            let public = if s.tier.is_public() {
                "public"
            } else {
                "private"
            };
            format!(
                "{} tier · {public} · AZ {}",
                s.tier.label(),
                zones.join(" ")
            )
        }
        ContainerKind::KubernetesCluster(k) => {
            format!(
                "Kubernetes {} · {}–{} nodes",
                k.version, k.min_nodes, k.max_nodes
            )
        }
        ContainerKind::Group(g) => {
            let mut s = String::new();
            for c in format!("{:?}", g.purpose).chars() {
                if c.is_uppercase() && !s.is_empty() {
                    s.push(' ');
                }
                s.push(c);
            }
            s
        }
    }
}

/// Second line of a component: its kind and the property that matters most.
pub fn component_caption(c: &Component) -> String {
    let kind = c.kind.tag().label();
    match &c.kind {
        ComponentKind::Database(d) => format!("{kind} · {:?} {}", d.engine, d.version),
        ComponentKind::Cache(p) => format!("{kind} · {:?} {}", p.engine, p.version),
        ComponentKind::Queue(q) => format!("{kind} · {:?} {}", q.engine, q.version),
        ComponentKind::Workload(w) => format!("{:?} workload", w.role),
        ComponentKind::Users(a) | ComponentKind::Admins(a) if a.rate_rps > 0.0 => {
            format!("{kind} · {} rps", a.rate_rps)
        }
        _ if !c.description.is_empty() => c.description.clone(),
        _ => kind.to_owned(),
    }
}

/// `×3  3 AZ` (or `×1` without zones), and whether it deserves a warning colour (one replica,
/// or all in one zone).
pub fn replicas(c: &Component) -> (String, bool) {
    let cap = &c.capacity;
    let occupied = cap.occupied_zones().len();
    let text = if cap.zones.is_empty() {
        format!("×{}", cap.replicas)
    } else {
        format!("×{}  {occupied} AZ", cap.replicas)
    };
    let weak = cap.replicas < 2 || (!cap.zones.is_empty() && occupied < 2);
    (text, weak)
}
