//! Automatic layout of a topology: containers packed and nested, request flow from top to
//! bottom, no overlaps. Used by the editor for files without a layout and by the importers.
//!
//! Each container lays out its children (components and containers) in rows: children are
//! sorted by their rank along the request flow (see [`rank`]), a new row starts where the rank
//! changes or the row gets too wide, and the container is sized to fit. Top-level elements are
//! laid out the same way on the canvas.
//!
//! # Complexity
//! O((V + E) + n log n) for V components, E connections and n elements.

mod rank;

pub use rank::ranks;

use std::collections::HashMap;

use crate::model::{ContainerKind, Id, Index, Layout, Rect, Topology};

/// Width of a component box, in canvas units.
pub const COMPONENT_W: f64 = 180.0;
/// Height of a component box.
pub const COMPONENT_H: f64 = 64.0;
/// Space between boxes.
pub const GAP: f64 = 20.0;
/// Inner margin of a container.
pub const PADDING: f64 = 20.0;
/// Height of a container's title bar.
pub const HEADER: f64 = 36.0;
/// Rows wrap when they would be wider than this.
const MAX_ROW_W: f64 = 1500.0;

/// A child being placed: its id, rank, and size.
struct Item<'a> {
    /// `None` for the top level.
    id: Option<&'a Id>,
    rank: usize,
    order: usize,
    w: f64,
    h: f64,
    /// Positions of everything inside, relative to the item's top-left corner.
    inner: Vec<(&'a Id, Rect)>,
}

/// Lays out the whole topology from scratch.
pub fn auto_layout(t: &Topology) -> Layout {
    let index = Index::new(t);
    let ranks = ranks(t);
    let mut children: HashMap<Option<&Id>, Vec<Child>> = HashMap::new();
    for (i, c) in t.containers.iter().enumerate() {
        let parent = c
            .parent
            .as_ref()
            .filter(|p| index.kind_of(p.as_str()).is_some() && **p != c.id);
        children
            .entry(parent)
            .or_default()
            .push(Child::Container(i));
    }
    for (i, c) in t.components.iter().enumerate() {
        let parent = c
            .container
            .as_ref()
            .filter(|p| index.kind_of(p.as_str()).is_some());
        children
            .entry(parent)
            .or_default()
            .push(Child::Component(i));
    }
    let ctx = Ctx {
        t,
        ranks: &ranks,
        children: &children,
    };
    let mut visiting = Vec::new();
    let top = ctx.pack(None, &mut visiting);
    let mut layout = Layout::default();
    let origin = 40.0;
    for (id, r) in top.inner {
        let placed = Rect {
            x: r.x + origin,
            y: r.y + origin,
            w: r.w,
            h: r.h,
        };
        layout.elements.insert(id.clone(), placed);
    }
    // Containers caught in a parent cycle are not reachable from the top: place them below.
    let mut y = top.h + 2.0 * origin;
    for c in &t.containers {
        if !layout.elements.contains_key(&c.id) {
            layout.elements.insert(
                c.id.clone(),
                Rect {
                    x: origin,
                    y,
                    w: COMPONENT_W + 2.0 * PADDING,
                    h: HEADER + PADDING,
                },
            );
            y += HEADER + PADDING + GAP;
        }
    }
    for c in &t.components {
        if !layout.elements.contains_key(&c.id) {
            layout.elements.insert(
                c.id.clone(),
                Rect {
                    x: origin,
                    y,
                    w: COMPONENT_W,
                    h: COMPONENT_H,
                },
            );
            y += COMPONENT_H + GAP;
        }
    }
    layout
}

/// Whether `layout` has no rectangle for some component or container of `t`.
pub fn is_incomplete(t: &Topology, layout: &Layout) -> bool {
    let has = |id: &Id| layout.elements.contains_key(id);
    !t.components.iter().all(|c| has(&c.id)) || !t.containers.iter().all(|c| has(&c.id))
}

/// Gives every element without a rectangle one: a full auto-layout when nothing is laid out;
/// otherwise missing components are placed in a free spot inside their container (or below
/// everything), and missing containers below everything, sized to their contents.
pub fn fill_missing(t: &Topology, layout: &mut Layout) {
    if layout.elements.is_empty() {
        *layout = auto_layout(t);
        return;
    }
    if !is_incomplete(t, layout) {
        return;
    }
    let fresh = auto_layout(t);
    let bottom = layout
        .elements
        .values()
        .map(|r| r.y + r.h)
        .fold(0.0, f64::max);
    let shift = bottom + 2.0 * GAP
        - fresh
            .elements
            .values()
            .map(|r| r.y)
            .fold(f64::INFINITY, f64::min);
    for c in &t.components {
        if layout.elements.contains_key(&c.id) {
            continue;
        }
        let spot = c
            .container
            .as_ref()
            .and_then(|p| layout.elements.get(p).copied())
            .and_then(|parent| free_spot(&parent, layout));
        let rect = spot.or_else(|| {
            fresh.elements.get(&c.id).map(|r| Rect {
                y: r.y + shift,
                ..*r
            })
        });
        if let Some(r) = rect {
            layout.elements.insert(c.id.clone(), r);
        }
    }
    for c in &t.containers {
        if !layout.elements.contains_key(&c.id)
            && let Some(r) = fresh.elements.get(&c.id)
        {
            layout.elements.insert(
                c.id.clone(),
                Rect {
                    y: r.y + shift,
                    ..*r
                },
            );
        }
    }
}

/// The first grid slot inside `parent` (below its title) that overlaps no laid-out element
/// other than its ancestors.
fn free_spot(parent: &Rect, layout: &Layout) -> Option<Rect> {
    let step_x = COMPONENT_W + GAP;
    let step_y = COMPONENT_H + GAP;
    let cols = ((parent.w - 2.0 * PADDING + GAP) / step_x).floor().max(1.0) as usize;
    let rows = ((parent.h - HEADER - PADDING + GAP) / step_y)
        .floor()
        .max(1.0) as usize;
    (0..rows * cols).find_map(|i| {
        let r = Rect {
            x: parent.x + PADDING + (i % cols) as f64 * step_x,
            y: parent.y + HEADER + (i / cols) as f64 * step_y,
            w: COMPONENT_W,
            h: COMPONENT_H,
        };
        let clear = layout
            .elements
            .values()
            .all(|o| o.contains(&r) || !overlaps(o, &r));
        (clear && parent.contains(&r)).then_some(r)
    })
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

#[derive(Clone, Copy)]
enum Child {
    Container(usize),
    Component(usize),
}

struct Ctx<'a> {
    t: &'a Topology,
    ranks: &'a HashMap<&'a Id, usize>,
    children: &'a HashMap<Option<&'a Id>, Vec<Child>>,
}

impl<'a> Ctx<'a> {
    /// Lays out the children of `parent` (the top level for `None`) and returns them as one item.
    fn pack(&self, parent: Option<&'a Id>, visiting: &mut Vec<&'a Id>) -> Item<'a> {
        let mut items: Vec<Item<'a>> = Vec::new();
        for (order, child) in self
            .children
            .get(&parent)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            match *child {
                Child::Component(i) => {
                    let c = &self.t.components[i];
                    let rank = self.ranks.get(&c.id).copied().unwrap_or(0);
                    items.push(Item {
                        id: Some(&c.id),
                        rank,
                        order,
                        w: COMPONENT_W,
                        h: COMPONENT_H,
                        inner: Vec::new(),
                    });
                }
                Child::Container(i) => {
                    let c = &self.t.containers[i];
                    if visiting.contains(&&c.id) {
                        continue;
                    }
                    visiting.push(&c.id);
                    let mut inner = self.pack(Some(&c.id), visiting);
                    visiting.pop();
                    inner.order = order;
                    let empty = inner.inner.is_empty();
                    let (w, h) = if empty {
                        (COMPONENT_W + 2.0 * PADDING, HEADER + COMPONENT_H + PADDING)
                    } else {
                        (inner.w + 2.0 * PADDING, inner.h + HEADER + PADDING)
                    };
                    let mut nested: Vec<(&Id, Rect)> = vec![(
                        &c.id,
                        Rect {
                            x: 0.0,
                            y: 0.0,
                            w,
                            h,
                        },
                    )];
                    nested.extend(inner.inner.into_iter().map(|(id, r)| {
                        (
                            id,
                            Rect {
                                x: r.x + PADDING,
                                y: r.y + HEADER,
                                ..r
                            },
                        )
                    }));
                    let rank = if empty {
                        self.rank_of_empty(c)
                    } else {
                        inner.rank
                    };
                    items.push(Item {
                        id: Some(&c.id),
                        rank,
                        order,
                        w,
                        h,
                        inner: nested,
                    });
                }
            }
        }
        items.sort_by_key(|it| (it.rank, it.order));
        let rank = items.first().map_or(usize::MAX, |it| it.rank);
        let mut placed: Vec<(&'a Id, Rect)> = Vec::new();
        let (mut x, mut y, mut row_h, mut width) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
        let mut row_rank = None;
        let mut row_has_container = false;
        for it in items {
            // Containers start a new row where the flow moves on; components of one container
            // stay side by side (in flow order) until the row is full.
            let is_container = !it.inner.is_empty();
            let rank_break = row_rank != Some(it.rank) && (is_container || row_has_container);
            let new_row = x > 0.0 && (rank_break || x + it.w > MAX_ROW_W);
            if new_row {
                y += row_h + GAP;
                x = 0.0;
                row_h = 0.0;
            }
            if new_row {
                row_has_container = false;
            }
            row_has_container |= is_container;
            row_rank = Some(it.rank);
            if let (true, Some(id)) = (it.inner.is_empty(), it.id) {
                placed.push((
                    id,
                    Rect {
                        x,
                        y,
                        w: it.w,
                        h: it.h,
                    },
                ));
            } else {
                placed.extend(it.inner.into_iter().map(|(id, r)| {
                    (
                        id,
                        Rect {
                            x: r.x + x,
                            y: r.y + y,
                            ..r
                        },
                    )
                }));
            }
            x += it.w + GAP;
            width = width.max(x - GAP);
            row_h = row_h.max(it.h);
        }
        Item {
            id: parent,
            rank,
            order: 0,
            w: width,
            h: y + row_h,
            inner: placed,
        }
    }

    fn rank_of_empty(&self, c: &crate::model::Container) -> usize {
        match c.kind {
            ContainerKind::Group(_) => 0,
            _ => usize::MAX / 2,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(name: &str) -> Topology {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-topologies")
            .join(name);
        match crate::io::load(&path) {
            Ok(l) => l.topology,
            Err(e) => panic!("{e}"),
        }
    }

    fn assert_readable(t: &Topology, layout: &Layout) {
        assert!(!is_incomplete(t, layout));
        let rect = |id: &Id| layout.elements.get(id).copied().expect("laid out");
        // Children inside their parents.
        for c in &t.components {
            if let Some(p) = &c.container {
                assert!(rect(p).contains(&rect(&c.id)), "{} outside {p}", c.id);
            }
        }
        for c in &t.containers {
            if let Some(p) = &c.parent {
                assert!(rect(p).contains(&rect(&c.id)), "{} outside {p}", c.id);
            }
        }
        // Siblings never overlap.
        let parent_of = |id: &Id| -> Option<Id> {
            t.component(id.as_str())
                .and_then(|c| c.container.clone())
                .or_else(|| t.container(id.as_str()).and_then(|c| c.parent.clone()))
        };
        let ids: Vec<&Id> = layout.elements.keys().collect();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                if parent_of(a) == parent_of(b) {
                    assert!(!overlaps(&rect(a), &rect(b)), "{a} overlaps {b}");
                }
            }
        }
    }

    #[test]
    fn lays_out_every_sample_nested_and_without_overlaps() {
        for name in ["icarus-platform.ron", "three-tier.ron", "flawed.ron"] {
            let t = sample(name);
            let layout = auto_layout(&t);
            assert_readable(&t, &layout);
        }
    }

    #[test]
    fn request_flow_goes_down() {
        let t = sample("icarus-platform.ron");
        let layout = auto_layout(&t);
        let y = |id: &str| layout.elements.get(id).map(|r| r.y).expect("laid out");
        assert!(y("users") < y("static-assets"));
        assert!(y("static-assets") < y("load-balancer"));
        assert!(y("load-balancer") < y("service-containers"));
        assert!(y("service-containers") < y("db-cluster"));
    }

    #[test]
    fn fills_only_what_is_missing() {
        let mut t = sample("three-tier.ron");
        let before = t.layout.clone();
        t.layout.elements.remove("cache");
        t.layout.elements.remove("observability");
        let mut layout = t.layout.clone();
        fill_missing(&t, &mut layout);
        assert!(!is_incomplete(&t, &layout));
        for (id, r) in &before.elements {
            if id != "cache" && id != "observability" {
                assert_eq!(layout.elements.get(id), Some(r), "{id} moved");
            }
        }
        let data = layout.elements.get("data").copied().expect("data");
        assert!(data.contains(&layout.elements["cache"]));
    }

    #[test]
    fn survives_parent_cycles_and_empty_topologies() {
        let mut t = sample("three-tier.ron");
        t.containers[0].parent = Some(t.containers[1].id.clone());
        t.containers[1].parent = Some(t.containers[0].id.clone());
        let layout = auto_layout(&t);
        assert!(!is_incomplete(&t, &layout));
        assert!(auto_layout(&Topology::new("empty")).elements.is_empty());
    }
}
