//! Layout checks: entries name drawn elements, rectangles are finite and sized.

use super::{Locus, Sink};
use crate::model::{ElementKind, Index, Topology};

/// Largest coordinate accepted, in canvas units.
const MAX_COORD: f64 = 10_000_000.0;

pub(crate) fn check(t: &Topology, index: &Index, sink: &mut Sink) {
    for (id, r) in &t.layout.elements {
        match index.kind_of(id.as_str()) {
            Some(ElementKind::Component | ElementKind::Container) => {}
            Some(other) => {
                let msg = format!(
                    "layout: \"{id}\" is a {}; only components and containers are drawn",
                    other.label()
                );
                sink.push(Locus::LayoutEntry(id.clone()), msg);
                continue;
            }
            None => {
                let msg = format!("layout: entry for \"{id}\", which does not exist");
                sink.push(Locus::LayoutEntry(id.clone()), msg);
                continue;
            }
        }
        let coords_ok = [r.x, r.y]
            .iter()
            .all(|v| v.is_finite() && v.abs() <= MAX_COORD);
        let size_ok = [r.w, r.h]
            .iter()
            .all(|v| v.is_finite() && *v > 0.0 && *v <= MAX_COORD);
        if !coords_ok || !size_ok {
            let msg = format!(
                "layout: \"{id}\" has rectangle x {} y {} w {} h {}; coordinates must be finite and within ±{MAX_COORD}, sizes positive",
                r.x, r.y, r.w, r.h
            );
            sink.push(Locus::LayoutEntry(id.clone()), msg);
        }
    }
}
