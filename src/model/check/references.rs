//! Every reference names an existing element of the right kind.

use super::{Sink, describe};
use crate::model::{ComponentKind, ElementKind, Index, RefField, Topology};

/// What a reference in `field` must point at.
pub(crate) fn expected(field: RefField) -> &'static [ElementKind] {
    use ElementKind as E;
    match field {
        RefField::Parent | RefField::Container => &[E::Container],
        RefField::Environment => &[E::Environment],
        RefField::Region | RefField::CopyToRegion | RefField::ReplicateToRegion => &[E::Region],
        RefField::Zone => &[E::Zone],
        RefField::Cluster | RefField::SecretsFrom | RefField::OnMissOf => &[E::Component],
        RefField::From | RefField::To => &[E::Component, E::Container],
        RefField::PeeringVpc => &[E::Container],
        RefField::WaivedElement => &[
            E::Component,
            E::Container,
            E::Connection,
            E::Region,
            E::Peering,
        ],
        RefField::FaultComponent | RefField::LoadActor => &[E::Component],
        RefField::FaultZone => &[E::Zone],
        RefField::FaultRegion => &[E::Region],
    }
}

pub(crate) fn check(t: &Topology, index: &Index, sink: &mut Sink) {
    t.for_each_ref(|owner, field, target| {
        if field == RefField::WaivedElement {
            return; // placed by position in the waiver list: see `governance`
        }
        if field.in_scenario() {
            return; // placed by position in the scenario list: see `scenarios`
        }
        let name = field.field_name();
        let what = describe(index, owner);
        let Some(kind) = index.kind_of(target.as_str()) else {
            let msg = format!("{what}: {name} refers to \"{target}\", which does not exist");
            sink.at_value(owner, name, target.as_str(), msg);
            return;
        };
        let allowed = expected(field);
        if !allowed.contains(&kind) {
            let want: Vec<&str> = allowed.iter().map(|k| k.label()).collect();
            let msg = format!(
                "{what}: {name} refers to \"{target}\", which is a {}, not a {}",
                kind.label(),
                want.join(" or ")
            );
            sink.at_value(owner, name, target.as_str(), msg);
            return;
        }
        if let Some(needed) = component_kind_needed(field) {
            let actual = index
                .position(target.as_str(), ElementKind::Component)
                .and_then(|i| t.components.get(i))
                .map(|c| &c.kind);
            if let Some(actual) = actual
                && !needed.matches(actual)
            {
                let msg = format!(
                    "{what}: {name} refers to \"{target}\", which is a {}, not a {}",
                    actual.tag().label().to_lowercase(),
                    needed.label()
                );
                sink.at_value(owner, name, target.as_str(), msg);
            }
        }
        if field == RefField::Parent && owner == target {
            sink.at(owner, name, format!("{what} is its own parent"));
        }
    });
}

/// Component kinds some reference fields require.
enum Needed {
    Cluster,
    SecretsManager,
    Cache,
}

impl Needed {
    fn matches(&self, kind: &ComponentKind) -> bool {
        match self {
            Needed::Cluster => matches!(kind, ComponentKind::KubernetesCluster(_)),
            Needed::SecretsManager => matches!(kind, ComponentKind::SecretsManager(_)),
            Needed::Cache => matches!(kind, ComponentKind::Cache(_)),
        }
    }

    fn label(&self) -> &'static str {
        match self {
            Needed::Cluster => "kubernetes cluster",
            Needed::SecretsManager => "secrets manager",
            Needed::Cache => "cache",
        }
    }
}

fn component_kind_needed(field: RefField) -> Option<Needed> {
    match field {
        RefField::Cluster => Some(Needed::Cluster),
        RefField::SecretsFrom => Some(Needed::SecretsManager),
        RefField::OnMissOf => Some(Needed::Cache),
        _ => None,
    }
}
