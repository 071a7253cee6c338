//! Every place one element refers to another by id, in one list, so that reference checks and
//! renames can never disagree about what a reference is.

use super::{
    Component, ComponentKind, Connection, Container, ContainerKind, FaultKind, Id, Scenario,
    Topology,
};

/// The field a reference is held in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefField {
    /// `Container.parent`.
    Parent,
    /// `VpcProps.environment` or `GroupProps.environment`.
    Environment,
    /// `VpcProps.region`, `GroupProps.region` or `Component.region`.
    Region,
    /// An entry of `SubnetProps.zones` or `Capacity.zones`.
    Zone,
    /// `Component.container`.
    Container,
    /// `WorkloadProps.cluster`.
    Cluster,
    /// `WorkloadProps.secrets_from`.
    SecretsFrom,
    /// `Backups.copy_to_region`.
    CopyToRegion,
    /// `ObjectStorageProps.replicate_to_region`.
    ReplicateToRegion,
    /// `Connection.from`.
    From,
    /// `Connection.to`.
    To,
    /// `Traffic.on_miss_of`.
    OnMissOf,
    /// `Peering.from` or `Peering.to`.
    PeeringVpc,
    /// `Waiver.element`.
    WaivedElement,
    /// The component of a scenario's `ComponentDown` or `SlowComponent` fault.
    FaultComponent,
    /// The zone of a scenario's `ZoneDown` fault.
    FaultZone,
    /// The region of a scenario's `RegionDown` fault.
    FaultRegion,
    /// `ActorLoad.actor` in a scenario.
    LoadActor,
}

impl RefField {
    /// The field name as written in the file.
    pub fn field_name(self) -> &'static str {
        match self {
            RefField::Parent => "parent",
            RefField::Environment => "environment",
            RefField::Region => "region",
            RefField::Zone => "zones",
            RefField::Container => "container",
            RefField::Cluster => "cluster",
            RefField::SecretsFrom => "secrets_from",
            RefField::CopyToRegion => "copy_to_region",
            RefField::ReplicateToRegion => "replicate_to_region",
            RefField::From => "from",
            RefField::To => "to",
            RefField::OnMissOf => "on_miss_of",
            RefField::PeeringVpc => "from",
            RefField::WaivedElement => "element",
            RefField::FaultComponent => "component",
            RefField::FaultZone => "zone",
            RefField::FaultRegion => "region",
            RefField::LoadActor => "actor",
        }
    }

    /// Whether the reference is held by a simulation scenario (whose owner id is the scenario's,
    /// outside the topology's id space).
    pub fn in_scenario(self) -> bool {
        matches!(
            self,
            RefField::FaultComponent
                | RefField::FaultZone
                | RefField::FaultRegion
                | RefField::LoadActor
        )
    }
}

macro_rules! visitors {
    ($container:ident, $component:ident, $connection:ident, $scenario:ident, [$($lt:lifetime)?], $($m:tt)?) => {
        fn $container<$($lt)?>(c: &$($lt)? $($m)? Container, f: &mut impl FnMut(RefField, &$($lt)? $($m)? Id)) {
            if let Some(p) = & $($m)? c.parent {
                f(RefField::Parent, p);
            }
            match & $($m)? c.kind {
                ContainerKind::Vpc(v) => {
                    f(RefField::Environment, & $($m)? v.environment);
                    f(RefField::Region, & $($m)? v.region);
                }
                ContainerKind::Subnet(s) => {
                    for z in & $($m)? s.zones {
                        f(RefField::Zone, z);
                    }
                }
                ContainerKind::Group(g) => {
                    if let Some(r) = & $($m)? g.region {
                        f(RefField::Region, r);
                    }
                    if let Some(e) = & $($m)? g.environment {
                        f(RefField::Environment, e);
                    }
                }
                ContainerKind::KubernetesCluster(_) => {}
            }
        }

        fn $component<$($lt)?>(c: &$($lt)? $($m)? Component, f: &mut impl FnMut(RefField, &$($lt)? $($m)? Id)) {
            if let Some(x) = & $($m)? c.container {
                f(RefField::Container, x);
            }
            if let Some(x) = & $($m)? c.region {
                f(RefField::Region, x);
            }
            for z in & $($m)? c.capacity.zones {
                f(RefField::Zone, z);
            }
            match & $($m)? c.kind {
                ComponentKind::Workload(w) => {
                    if let Some(x) = & $($m)? w.cluster {
                        f(RefField::Cluster, x);
                    }
                    if let Some(x) = & $($m)? w.secrets_from {
                        f(RefField::SecretsFrom, x);
                    }
                }
                ComponentKind::Database(d) => {
                    if let Some(b) = & $($m)? d.backups {
                        if let Some(x) = & $($m)? b.copy_to_region {
                            f(RefField::CopyToRegion, x);
                        }
                    }
                }
                ComponentKind::ObjectStorage(o) => {
                    if let Some(x) = & $($m)? o.replicate_to_region {
                        f(RefField::ReplicateToRegion, x);
                    }
                }
                _ => {}
            }
        }

        fn $connection<$($lt)?>(c: &$($lt)? $($m)? Connection, f: &mut impl FnMut(RefField, &$($lt)? $($m)? Id)) {
            f(RefField::From, & $($m)? c.from);
            f(RefField::To, & $($m)? c.to);
            if let Some(x) = & $($m)? c.traffic.on_miss_of {
                f(RefField::OnMissOf, x);
            }
        }

        fn $scenario<$($lt)?>(s: &$($lt)? $($m)? Scenario, f: &mut impl FnMut(RefField, &$($lt)? $($m)? Id)) {
            for l in & $($m)? s.load {
                if let Some(x) = & $($m)? l.actor {
                    f(RefField::LoadActor, x);
                }
            }
            for fault in & $($m)? s.faults {
                match & $($m)? fault.fault {
                    FaultKind::ComponentDown { component, .. }
                    | FaultKind::SlowComponent { component, .. } => {
                        f(RefField::FaultComponent, component)
                    }
                    FaultKind::ZoneDown { zone } => f(RefField::FaultZone, zone),
                    FaultKind::RegionDown { region } => f(RefField::FaultRegion, region),
                }
            }
        }
    };
}

visitors!(
    container_refs,
    component_refs,
    connection_refs,
    scenario_refs,
    ['a],
);
visitors!(
    container_refs_mut,
    component_refs_mut,
    connection_refs_mut,
    scenario_refs_mut,
    [],
    mut
);

impl Topology {
    /// Calls `f(owner, field, target)` for every reference held by a container, component,
    /// connection, peering, waiver (a waiver is its own owner: it has no id) or scenario (owned
    /// by the scenario's id; see [`RefField::in_scenario`]). Layout keys are not references; see
    /// [`super::Layout`].
    pub fn for_each_ref<'a>(&'a self, mut f: impl FnMut(&'a Id, RefField, &'a Id)) {
        for c in &self.containers {
            container_refs(c, &mut |field, target| f(&c.id, field, target));
        }
        for c in &self.components {
            component_refs(c, &mut |field, target| f(&c.id, field, target));
        }
        for c in &self.connections {
            connection_refs(c, &mut |field, target| f(&c.id, field, target));
        }
        for p in &self.peerings {
            f(&p.id, RefField::PeeringVpc, &p.from);
            f(&p.id, RefField::PeeringVpc, &p.to);
        }
        for w in &self.waivers {
            f(&w.element, RefField::WaivedElement, &w.element);
        }
        for s in &self.scenarios {
            scenario_refs(s, &mut |field, target| f(&s.id, field, target));
        }
    }

    /// Calls `f(field, target)` for every reference, with write access to the target.
    pub fn for_each_ref_mut(&mut self, mut f: impl FnMut(RefField, &mut Id)) {
        for c in &mut self.containers {
            container_refs_mut(c, &mut f);
        }
        for c in &mut self.components {
            component_refs_mut(c, &mut f);
        }
        for c in &mut self.connections {
            connection_refs_mut(c, &mut f);
        }
        for p in &mut self.peerings {
            f(RefField::PeeringVpc, &mut p.from);
            f(RefField::PeeringVpc, &mut p.to);
        }
        for w in &mut self.waivers {
            f(RefField::WaivedElement, &mut w.element);
        }
        for s in &mut self.scenarios {
            scenario_refs_mut(s, &mut f);
        }
    }
}
