//! What the canvas draws, computed once per document revision: rectangles in drawing order,
//! container depths, labels, and which elements have problems.

use std::collections::{HashMap, HashSet};

use egui::{Pos2, Rect};

use crate::layout::{COMPONENT_H, COMPONENT_W};
use crate::model::{
    ConnectionKind, ContainerKind, ElementKind, Id, Index, KindTag, Rect as ModelRect, Topology,
};

/// A drawn container.
#[derive(Debug, Clone)]
pub struct SceneContainer {
    /// Its id.
    pub id: Id,
    /// Position in `topology.containers`.
    pub index: usize,
    /// Canvas rectangle.
    pub rect: Rect,
    /// Nesting depth (0 at top level).
    pub depth: usize,
    /// The enclosing container.
    pub parent: Option<Id>,
}

/// A drawn component.
#[derive(Debug, Clone)]
pub struct SceneComponent {
    /// Its id.
    pub id: Id,
    /// Position in `topology.components`.
    pub index: usize,
    /// Canvas rectangle.
    pub rect: Rect,
    /// Its kind.
    pub kind: KindTag,
    /// Its container.
    pub container: Option<Id>,
}

/// A drawn connection.
#[derive(Debug, Clone)]
pub struct SceneEdge {
    /// Its id.
    pub id: Id,
    /// Position in `topology.connections`.
    pub index: usize,
    /// Rectangle of the caller.
    pub from: Rect,
    /// Rectangle of the callee.
    pub to: Rect,
    /// What flows.
    pub kind: ConnectionKind,
    /// Not encrypted in transit.
    pub plaintext: bool,
    /// Text on the edge.
    pub label: String,
}

/// Everything the canvas needs to draw and hit-test one revision of a topology.
#[derive(Debug, Clone)]
pub struct Scene {
    /// Containers, parents before children.
    pub containers: Vec<SceneContainer>,
    /// Components, in file order (drawn after all containers).
    pub components: Vec<SceneComponent>,
    /// Connections.
    pub edges: Vec<SceneEdge>,
    /// Rectangle of every drawn element by id.
    pub rects: HashMap<Id, Rect>,
    /// Elements with at least one problem.
    pub with_problems: HashSet<Id>,
    /// Bounding box of everything.
    pub bounds: Rect,
}

/// Converts a model rectangle.
pub fn to_egui(r: &ModelRect) -> Rect {
    Rect::from_min_size(
        Pos2::new(r.x as f32, r.y as f32),
        egui::vec2(r.w as f32, r.h as f32),
    )
}

/// Converts back to a model rectangle.
pub fn to_model(r: Rect) -> ModelRect {
    ModelRect {
        x: f64::from(r.min.x),
        y: f64::from(r.min.y),
        w: f64::from(r.width()),
        h: f64::from(r.height()),
    }
}

impl Scene {
    /// The scene of `t`; `problems` names the elements that have problems.
    pub fn build(t: &Topology, problems: impl Iterator<Item = Id>) -> Self {
        let index = Index::new(t);
        let rect_of =
            |id: &Id, fallback: Rect| t.layout.elements.get(id).map(to_egui).unwrap_or(fallback);
        let depth_of = |start: Option<&Id>| {
            let mut depth = 0;
            let mut next = start;
            while let Some(p) = next {
                let Some(i) = index.position(p.as_str(), ElementKind::Container) else {
                    break;
                };
                depth += 1;
                if depth > t.containers.len() {
                    break;
                }
                next = t.containers[i].parent.as_ref();
            }
            depth
        };
        let mut containers: Vec<SceneContainer> = t
            .containers
            .iter()
            .enumerate()
            .map(|(i, c)| SceneContainer {
                id: c.id.clone(),
                index: i,
                rect: rect_of(
                    &c.id,
                    Rect::from_min_size(Pos2::ZERO, egui::vec2(240.0, 120.0)),
                ),
                depth: depth_of(c.parent.as_ref()),
                parent: c.parent.clone(),
            })
            .collect();
        containers.sort_by_key(|c| (c.depth, c.index));
        let components: Vec<SceneComponent> = t
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| SceneComponent {
                id: c.id.clone(),
                index: i,
                rect: rect_of(
                    &c.id,
                    Rect::from_min_size(
                        Pos2::ZERO,
                        egui::vec2(COMPONENT_W as f32, COMPONENT_H as f32),
                    ),
                ),
                kind: c.kind.tag(),
                container: c.container.clone(),
            })
            .collect();
        let mut rects: HashMap<Id, Rect> =
            HashMap::with_capacity(containers.len() + components.len());
        for c in &containers {
            rects.insert(c.id.clone(), c.rect);
        }
        for c in &components {
            rects.insert(c.id.clone(), c.rect);
        }
        let edges = t
            .connections
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let (from, to) = (*rects.get(&c.from)?, *rects.get(&c.to)?);
                let label = if c.label.is_empty() {
                    c.protocol.label().to_owned()
                } else {
                    c.label.clone()
                };
                Some(SceneEdge {
                    id: c.id.clone(),
                    index: i,
                    from,
                    to,
                    kind: c.kind,
                    plaintext: !c.tls,
                    label,
                })
            })
            .collect();
        let bounds = rects.values().fold(Rect::NOTHING, |acc, r| acc.union(*r));
        Scene {
            containers,
            components,
            edges,
            rects,
            with_problems: problems.collect(),
            bounds,
        }
    }

    /// The container kind of scene container `c`.
    pub fn container_kind<'a>(t: &'a Topology, c: &SceneContainer) -> Option<&'a ContainerKind> {
        t.containers.get(c.index).map(|x| &x.kind)
    }

    /// Ids of `id` and everything inside it (for a container), at any depth.
    pub fn descendants(&self, id: &Id) -> HashSet<Id> {
        let mut out: HashSet<Id> = HashSet::from([id.clone()]);
        for c in &self.containers {
            if c.parent.as_ref().is_some_and(|p| out.contains(p)) {
                out.insert(c.id.clone());
            }
        }
        for c in &self.components {
            if c.container.as_ref().is_some_and(|p| out.contains(p)) {
                out.insert(c.id.clone());
            }
        }
        out
    }
}
