//! Every id is defined once across the whole topology.

use std::collections::HashMap;

use super::{Locus, Sink};
use crate::model::{ElementKind, Id, Topology};

/// Every definition of an id, in file order: regions, their zones, environments, containers,
/// components, connections, peerings.
pub(crate) fn definitions(t: &Topology) -> impl Iterator<Item = (&Id, ElementKind)> {
    let regions = t.regions.iter().flat_map(|r| {
        std::iter::once((&r.id, ElementKind::Region))
            .chain(r.zones.iter().map(|z| (z, ElementKind::Zone)))
    });
    regions
        .chain(
            t.environments
                .iter()
                .map(|e| (&e.id, ElementKind::Environment)),
        )
        .chain(t.containers.iter().map(|c| (&c.id, ElementKind::Container)))
        .chain(t.components.iter().map(|c| (&c.id, ElementKind::Component)))
        .chain(
            t.connections
                .iter()
                .map(|c| (&c.id, ElementKind::Connection)),
        )
        .chain(t.peerings.iter().map(|p| (&p.id, ElementKind::Peering)))
}

pub(crate) fn check(t: &Topology, sink: &mut Sink) {
    let mut seen: HashMap<&Id, (ElementKind, usize)> = HashMap::new();
    for (id, kind) in definitions(t) {
        let entry = seen.entry(id).or_insert((kind, 0));
        if entry.1 > 0 {
            sink.push(
                Locus::Element {
                    id: id.clone(),
                    nth: entry.1,
                    field: None,
                    value: None,
                },
                format!(
                    "duplicate id \"{id}\": this {} has the id of an earlier {}",
                    kind.label(),
                    entry.0.label()
                ),
            );
        }
        entry.1 += 1;
    }
}
