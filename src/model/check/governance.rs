//! Peerings join two distinct VPCs with a reason; waivers name a rule, an element and a reason.

use super::{Locus, Named, Sink};
use crate::model::{ContainerKind, ElementKind, Index, Topology};

pub(crate) fn check(t: &Topology, index: &Index, sink: &mut Sink) {
    for p in &t.peerings {
        let what = Named::new("peering", &p.id);
        if p.from == p.to {
            sink.at(
                &p.id,
                "to",
                format!("{what} joins VPC \"{}\" to itself", p.from),
            );
        }
        for end in [&p.from, &p.to] {
            let container = index
                .position(end.as_str(), ElementKind::Container)
                .and_then(|i| t.containers.get(i));
            if let Some(c) = container
                && !matches!(c.kind, ContainerKind::Vpc(_))
            {
                let msg = format!(
                    "{what}: \"{end}\" is a {}, but peerings join VPCs",
                    c.kind.label()
                );
                sink.at_value(&p.id, "from", end.as_str(), msg);
            }
        }
        if p.justification.trim().is_empty() {
            sink.at(
                &p.id,
                "justification",
                format!("{what} has no justification; say why the networks are joined"),
            );
        }
    }
    for (i, w) in t.waivers.iter().enumerate() {
        let locus = || Locus::ListEntry {
            list: "waivers",
            index: i,
        };
        let well_formed = w.rule.split_once('-').is_some_and(|(family, number)| {
            !family.is_empty()
                && family.bytes().all(|b| b.is_ascii_uppercase())
                && !number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit())
        });
        if !well_formed {
            sink.push(
                locus(),
                format!(
                    "waiver of \"{}\" for \"{}\": rule ids look like SEC-004",
                    w.rule, w.element
                ),
            );
        }
        let kind = index.kind_of(w.element.as_str());
        if kind.is_none() {
            let msg = format!(
                "waiver of {}: element refers to \"{}\", which does not exist",
                w.rule, w.element
            );
            sink.push(locus(), msg);
        } else if matches!(kind, Some(ElementKind::Zone | ElementKind::Environment)) {
            let msg = format!(
                "waiver of {}: \"{}\" is a zone or environment; findings are about components, containers, connections, regions and peerings",
                w.rule, w.element
            );
            sink.push(locus(), msg);
        }
        if w.justification.trim().is_empty() {
            sink.push(
                locus(),
                format!(
                    "waiver of {} for \"{}\" has no justification; a waiver must say why",
                    w.rule, w.element
                ),
            );
        }
    }
}
