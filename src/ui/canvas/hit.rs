//! Hit testing: what is under a canvas point.

use std::collections::HashSet;

use egui::{Pos2, Rect, Vec2};

use super::geometry::{distance_to_segment, edge_endpoints};
use super::scene::Scene;
use crate::model::Id;

/// Height of a container's title bar in canvas units (drag it to move the container).
pub const HEADER_H: f32 = 30.0;
/// Radius of the connection handle, in screen pixels.
pub const HANDLE_R: f32 = 6.0;

/// A side or corner of a container, grabbed to resize it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edges {
    /// Left side.
    pub left: bool,
    /// Right side.
    pub right: bool,
    /// Top side.
    pub top: bool,
    /// Bottom side.
    pub bottom: bool,
}

impl Edges {
    /// Resizes `r` by dragging these edges by `delta`, keeping a minimum size.
    pub fn resize(&self, r: Rect, delta: Vec2, min: Vec2) -> Rect {
        let mut out = r;
        if self.left {
            out.min.x = (r.min.x + delta.x).min(r.max.x - min.x);
        }
        if self.right {
            out.max.x = (r.max.x + delta.x).max(r.min.x + min.x);
        }
        if self.top {
            out.min.y = (r.min.y + delta.y).min(r.max.y - min.y);
        }
        if self.bottom {
            out.max.y = (r.max.y + delta.y).max(r.min.y + min.y);
        }
        out
    }

    /// The mouse cursor for these edges.
    pub fn cursor(&self) -> egui::CursorIcon {
        use egui::CursorIcon as C;
        match (self.left || self.right, self.top || self.bottom) {
            (true, true) if (self.left && self.top) || (self.right && self.bottom) => C::ResizeNwSe,
            (true, true) => C::ResizeNeSw,
            (true, false) => C::ResizeHorizontal,
            _ => C::ResizeVertical,
        }
    }
}

/// What a point of the canvas is on.
#[derive(Debug, Clone, PartialEq)]
pub enum Hit {
    /// The connection handle of a component: drag it to draw a connection.
    Handle(Id),
    /// A component.
    Component(Id),
    /// The border of a container, to resize it.
    Resize(Id, Edges),
    /// The title bar of a container, to move it.
    Header(Id),
    /// The inside of a container.
    Body(Id),
    /// A connection.
    Edge(Id),
}

impl Hit {
    /// The element hit.
    pub fn id(&self) -> &Id {
        match self {
            Hit::Handle(id)
            | Hit::Component(id)
            | Hit::Resize(id, _)
            | Hit::Header(id)
            | Hit::Body(id)
            | Hit::Edge(id) => id,
        }
    }
}

/// Where the connection handle of a component with canvas rectangle `r` is.
pub fn handle_position(r: Rect) -> Pos2 {
    Pos2::new(r.max.x, r.center().y)
}

/// The element under canvas point `p`. `zoom` converts screen tolerances to canvas units;
/// `handles_for` are the components whose handle is shown (hovered or selected).
pub fn hit(
    scene: &Scene,
    p: Pos2,
    zoom: f32,
    handles_for: &HashSet<Id>,
    selected: &HashSet<Id>,
) -> Option<Hit> {
    let tol = 5.0 / zoom;
    for c in scene.components.iter().rev() {
        if handles_for.contains(&c.id)
            && handle_position(c.rect).distance(p) <= (HANDLE_R + 2.0) / zoom
        {
            return Some(Hit::Handle(c.id.clone()));
        }
    }
    if let Some(c) = scene.components.iter().rev().find(|c| c.rect.contains(p)) {
        return Some(Hit::Component(c.id.clone()));
    }
    for e in scene.edges.iter().rev() {
        let (a, b) = edge_endpoints(e.from, e.to);
        if distance_to_segment(p, a, b) <= tol {
            return Some(Hit::Edge(e.id.clone()));
        }
    }
    // Innermost container first: they are stored parents first.
    for c in scene.containers.iter().rev() {
        let outer = c.rect.expand(tol);
        if !outer.contains(p) {
            continue;
        }
        if selected.contains(&c.id) {
            let edges = Edges {
                left: (p.x - c.rect.min.x).abs() <= tol,
                right: (p.x - c.rect.max.x).abs() <= tol,
                top: (p.y - c.rect.min.y).abs() <= tol,
                bottom: (p.y - c.rect.max.y).abs() <= tol,
            };
            if edges.left || edges.right || edges.top || edges.bottom {
                return Some(Hit::Resize(c.id.clone(), edges));
            }
        }
        if !c.rect.contains(p) {
            continue;
        }
        if p.y <= c.rect.min.y + HEADER_H {
            return Some(Hit::Header(c.id.clone()));
        }
        return Some(Hit::Body(c.id.clone()));
    }
    None
}

/// The innermost container whose rectangle contains `p`, ignoring those in `exclude`.
pub fn container_at(scene: &Scene, p: Pos2, exclude: &HashSet<Id>) -> Option<Id> {
    scene
        .containers
        .iter()
        .rev()
        .find(|c| !exclude.contains(&c.id) && c.rect.contains(p))
        .map(|c| c.id.clone())
}
