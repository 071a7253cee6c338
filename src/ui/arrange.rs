//! Align and distribute the selected elements: turned into one `Arrange` edit.

use std::collections::BTreeSet;

use super::command::{Align, Axis};
use super::edit::Edit;
use crate::model::{Id, Rect, Topology};

/// The selected components and containers that have a rectangle, with their rectangles.
fn selected_rects(t: &Topology, selection: &BTreeSet<Id>) -> Vec<(Id, Rect)> {
    selection
        .iter()
        .filter_map(|id| t.layout.elements.get(id).map(|r| (id.clone(), *r)))
        .collect()
}

/// Moves a rectangle and, for a container, everything inside it.
fn moved(t: &Topology, id: &Id, dx: f64, dy: f64) -> Vec<(Id, Rect)> {
    let ids = if t.container(id.as_str()).is_some() {
        super::edit::subtree(t, id)
    } else {
        BTreeSet::from([id.clone()])
    };
    ids.into_iter()
        .filter_map(|i| {
            t.layout.elements.get(&i).map(|r| {
                (
                    i.clone(),
                    Rect {
                        x: r.x + dx,
                        y: r.y + dy,
                        ..*r
                    },
                )
            })
        })
        .collect()
}

/// Aligns the selection's edges or centres; `None` when fewer than two are selected.
pub fn align(t: &Topology, selection: &BTreeSet<Id>, how: Align) -> Option<Edit> {
    let items = selected_rects(t, selection);
    if items.len() < 2 {
        return None;
    }
    let min_x = items.iter().map(|(_, r)| r.x).fold(f64::INFINITY, f64::min);
    let max_x = items
        .iter()
        .map(|(_, r)| r.x + r.w)
        .fold(f64::NEG_INFINITY, f64::max);
    let min_y = items.iter().map(|(_, r)| r.y).fold(f64::INFINITY, f64::min);
    let max_y = items
        .iter()
        .map(|(_, r)| r.y + r.h)
        .fold(f64::NEG_INFINITY, f64::max);
    let mut rects = Vec::new();
    for (id, r) in &items {
        let (dx, dy) = match how {
            Align::Left => (min_x - r.x, 0.0),
            Align::Right => (max_x - (r.x + r.w), 0.0),
            Align::Centre => ((min_x + max_x) / 2.0 - (r.x + r.w / 2.0), 0.0),
            Align::Top => (0.0, min_y - r.y),
            Align::Bottom => (0.0, max_y - (r.y + r.h)),
            Align::Middle => (0.0, (min_y + max_y) / 2.0 - (r.y + r.h / 2.0)),
        };
        rects.extend(moved(t, id, dx, dy));
    }
    Some(Edit::Arrange {
        rects,
        parents: Vec::new(),
    })
}

/// Spreads the selection so the gaps between neighbours are equal; `None` for fewer than three.
pub fn distribute(t: &Topology, selection: &BTreeSet<Id>, axis: Axis) -> Option<Edit> {
    let mut items = selected_rects(t, selection);
    if items.len() < 3 {
        return None;
    }
    let start = |r: &Rect| if axis == Axis::Horizontal { r.x } else { r.y };
    let size = |r: &Rect| if axis == Axis::Horizontal { r.w } else { r.h };
    items.sort_by(|a, b| start(&a.1).total_cmp(&start(&b.1)));
    let (first, last) = (items.first()?.1, items.last()?.1);
    let span = start(&last) + size(&last) - start(&first);
    let total: f64 = items.iter().map(|(_, r)| size(r)).sum();
    let gap = (span - total) / (items.len() - 1) as f64;
    let mut at = start(&first);
    let mut rects = Vec::new();
    for (id, r) in &items {
        let d = at - start(r);
        let (dx, dy) = if axis == Axis::Horizontal {
            (d, 0.0)
        } else {
            (0.0, d)
        };
        rects.extend(moved(t, id, dx, dy));
        at += size(r) + gap;
    }
    Some(Edit::Arrange {
        rects,
        parents: Vec::new(),
    })
}
