//! The flow view (egui_graphs): the request graph of the topology — components and the
//! containers connections point at, joined by the request and asynchronous connections — laid
//! out in layers from the entry points (hierarchical) or by forces. Edges are as wide as the
//! simulated traffic they carry, nodes coloured by utilisation, failed nodes crossed out.
//! Selecting a node here selects it on the canvas, and the canvas selection shows here.

use std::collections::{BTreeSet, HashMap};

use egui::epaint::TextShape;
use egui::{Color32, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Ui, Vec2};
use egui_graphs::{
    DisplayEdge, DisplayNode, DrawContext, EdgeProps, Graph, GraphView, LayoutHierarchical,
    LayoutHierarchicalOrientation, LayoutStateHierarchical, MetadataFrame, Node, NodeProps,
    SettingsInteraction, SettingsNavigation, SettingsStyle,
};
use petgraph::Directed;
use petgraph::stable_graph::{DefaultIx, NodeIndex, StableGraph};

use crate::model::{ConnectionKind, Id, Topology};
use crate::ui::canvas::Overlay;
use crate::ui::canvas::overlay::heat_colour;

/// Size of a node in graph units.
const NODE: Vec2 = Vec2::new(132.0, 34.0);
/// The smallest zoom "Fit" goes to.
const MIN_FIT_ZOOM: f32 = 0.65;
/// The id egui_graphs keeps the view's pan, zoom and layout under.
const VIEW_ID: &str = "daedalus-flow-view";

/// What a node shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowNode {
    /// Element id.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// Whether it is a container (drawn with a double outline).
    pub container: bool,
    /// Utilisation from the simulation, when simulated and serving.
    pub utilization: Option<f64>,
    /// Whether it is down at the replay second.
    pub down: bool,
}

/// What an edge shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowEdge {
    /// Connection id.
    pub id: Id,
    /// Asynchronous (dashed).
    pub asynchronous: bool,
    /// Simulated calls per second (0 without results).
    pub rps: f64,
    /// The most calls per second on any edge (for the width scale).
    pub max_rps: f64,
}

type FlowGraph = Graph<FlowNode, FlowEdge, Directed, DefaultIx, NodeShape, EdgeShape>;

/// The flow view's state: the graph (rebuilt when the document changes) and the layout choice.
#[derive(Default)]
pub struct FlowView {
    graph: Option<(u64, FlowGraph)>,
    /// Lay out by forces instead of layers.
    pub force_directed: bool,
    relayout: bool,
    fit_frames: u32,
    screen: HashMap<Id, Pos2>,
}

impl FlowView {
    /// Where node `id` was drawn in the last frame (screen coordinates; tests click there).
    pub fn node_on_screen(&self, id: &str) -> Option<Pos2> {
        self.screen.get(id).copied()
    }

    /// Number of nodes and edges of the graph shown.
    pub fn size(&self) -> (usize, usize) {
        self.graph
            .as_ref()
            .map_or((0, 0), |(_, g)| (g.node_count(), g.edge_count()))
    }

    /// Draws the view and returns the element the user selected in it, if the selection changed.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        t: &Topology,
        revision: u64,
        overlay: Option<&Overlay>,
        selection: &BTreeSet<Id>,
    ) -> Option<Id> {
        ui.horizontal(|ui| {
            ui.label("Layout:");
            let before = self.force_directed;
            ui.selectable_value(&mut self.force_directed, false, "Layers");
            ui.selectable_value(&mut self.force_directed, true, "Forces");
            if before != self.force_directed || ui.button("Re-layout").clicked() {
                self.relayout = true;
            }
            if ui.button("Fit").clicked() {
                self.fit_frames = self.fit_frames.max(1);
            }
            ui.separator();
            ui.weak(
                "Edge width: mean calls per second of the run · colour: utilisation at the replay second · drag to pan, Ctrl+wheel to zoom",
            );
        });
        if self.graph.as_ref().is_none_or(|(r, _)| *r != revision) {
            self.graph = Some((revision, build(t)));
            self.relayout = true;
        }
        let (_, graph) = self.graph.as_mut()?;
        if graph.node_count() == 0 {
            ui.weak("No request or asynchronous connections to show.");
            return None;
        }
        refresh(graph, overlay, selection);
        let id = Some(VIEW_ID.to_owned());
        if std::mem::take(&mut self.relayout) {
            egui_graphs::reset::<LayoutStateHierarchical>(ui, id.clone());
            if self.force_directed {
                scatter(graph);
            }
            // Forces keep moving the nodes for a while: keep them in view meanwhile.
            self.fit_frames = if self.force_directed { 120 } else { 1 };
        }
        let before = selected_ids(graph);
        let interaction = SettingsInteraction::new()
            .with_dragging_enabled(true)
            .with_node_selection_enabled(true)
            .with_hover_enabled(true);
        let navigation = SettingsNavigation::new()
            .with_fit_to_screen_enabled(false)
            .with_zoom_and_pan_enabled(true);
        let style = SettingsStyle::new().with_labels_always(true);
        let response = if self.force_directed {
            GraphView::<
                egui_graphs::FruchtermanReingoldWithCenterGravityState,
                egui_graphs::LayoutForceDirected<egui_graphs::FruchtermanReingoldWithCenterGravity>,
            >::new()
            .with_id(id.clone())
            .with_interactions(&interaction)
            .with_navigations(&navigation)
            .with_styles(&style)
            .show(ui, graph)
        } else {
            let mut state: LayoutStateHierarchical = egui_graphs::get_layout_state(ui, id.clone());
            if !state.triggered {
                state.orientation = LayoutHierarchicalOrientation::LeftRight;
                state.row_dist = NODE.x + 70.0;
                state.col_dist = NODE.y + 14.0;
                state.center_parent = true;
                egui_graphs::set_layout_state(ui, state, id.clone());
            }
            GraphView::<LayoutStateHierarchical, LayoutHierarchical>::new()
                .with_id(id.clone())
                .with_interactions(&interaction)
                .with_navigations(&navigation)
                .with_styles(&style)
                .show(ui, graph)
        };
        let mut meta = MetadataFrame::new(id).load(ui);
        if self.fit_frames > 0 {
            self.fit_frames -= 1;
            fit(graph, &mut meta, response.response.rect.size());
            meta.clone().save(ui);
        }
        let origin = response.response.rect.min.to_vec2();
        self.screen = graph
            .nodes_iter()
            .map(|(_, n)| {
                (
                    n.payload().id.clone(),
                    meta.canvas_to_screen_pos(n.location()) + origin,
                )
            })
            .collect();
        let after = selected_ids(graph);
        if after != before
            && let Some(first) = after.into_iter().find(|id| !selection.contains(id))
        {
            return Some(first);
        }
        None
    }
}

/// The ids of the selected nodes (the view marks them during `show`).
fn selected_ids(graph: &FlowGraph) -> Vec<Id> {
    graph
        .nodes_iter()
        .filter(|(_, n)| n.selected())
        .map(|(_, n)| n.payload().id.clone())
        .collect()
}

/// Zooms and pans `meta` so every node, with its box, fits a view of `size`.
fn fit(graph: &FlowGraph, meta: &mut MetadataFrame, size: Vec2) {
    let mut bounds = Rect::NOTHING;
    for (_, n) in graph.nodes_iter() {
        bounds = bounds.union(Rect::from_center_size(n.location(), NODE));
    }
    if !bounds.is_positive() || size.x <= 0.0 || size.y <= 0.0 {
        return;
    }
    let margin = 24.0;
    let fitting =
        ((size.x - 2.0 * margin) / bounds.width()).min((size.y - 2.0 * margin) / bounds.height());
    // Below this the names cannot be read: keep it and show the entry side, the rest is a pan
    // away.
    let zoom = fitting.clamp(MIN_FIT_ZOOM, 1.5);
    meta.zoom = zoom;
    meta.pan = if fitting < MIN_FIT_ZOOM {
        Vec2::splat(margin) - bounds.min.to_vec2() * zoom
    } else {
        (size / 2.0) - bounds.center().to_vec2() * zoom
    };
}

/// The request graph of `t`.
fn build(t: &Topology) -> FlowGraph {
    let mut g: StableGraph<FlowNode, FlowEdge, Directed> = StableGraph::new();
    let mut by_id: HashMap<Id, NodeIndex> = HashMap::new();
    let flowing = t
        .connections
        .iter()
        .filter(|c| matches!(c.kind, ConnectionKind::Request | ConnectionKind::Async));
    let mut node = |g: &mut StableGraph<FlowNode, FlowEdge, Directed>, id: &Id| -> NodeIndex {
        if let Some(i) = by_id.get(id) {
            return *i;
        }
        let (name, container) = match (t.component(id.as_str()), t.container(id.as_str())) {
            (Some(c), _) => (c.name.clone(), false),
            (None, Some(c)) => (c.name.clone(), true),
            (None, None) => (id.to_string(), false),
        };
        let i = g.add_node(FlowNode {
            id: id.clone(),
            name,
            container,
            utilization: None,
            down: false,
        });
        by_id.insert(id.clone(), i);
        i
    };
    for c in flowing {
        let (a, b) = (node(&mut g, &c.from), node(&mut g, &c.to));
        g.add_edge(
            a,
            b,
            FlowEdge {
                id: c.id.clone(),
                asynchronous: c.kind == ConnectionKind::Async,
                rps: 0.0,
                max_rps: 0.0,
            },
        );
    }
    egui_graphs::to_graph_custom(
        &g,
        |n: &mut Node<FlowNode, FlowEdge, Directed, DefaultIx, NodeShape>| {
            let label = n.payload().name.clone();
            n.set_label(label);
        },
        |_| {},
    )
}

/// Copies the simulation's figures and the canvas selection into the graph.
fn refresh(graph: &mut FlowGraph, overlay: Option<&Overlay>, selection: &BTreeSet<Id>) {
    let max_rps = overlay.map_or(0.0, |o| o.connections.values().copied().fold(0.0, f64::max));
    let nodes: Vec<NodeIndex> = graph.g().node_indices().collect();
    let mut selected = Vec::new();
    for i in nodes {
        let Some(n) = graph.node_mut(i) else { continue };
        let id = n.payload().id.clone();
        let heat = overlay.and_then(|o| o.components.get(&id));
        let down = overlay.is_some_and(|o| o.down.contains(&id))
            || heat.is_some_and(|h| h.utilization.is_none());
        let p = n.payload_mut();
        p.utilization = heat.and_then(|h| h.utilization);
        p.down = down;
        let is_selected = selection.contains(&id);
        n.set_selected(is_selected);
        if is_selected {
            selected.push(i);
        }
    }
    graph.set_selected_nodes(selected);
    let edges: Vec<_> = graph.g().edge_indices().collect();
    for e in edges {
        let Some(edge) = graph.edge_mut(e) else {
            continue;
        };
        let rps = overlay
            .and_then(|o| o.connections.get(&edge.payload().id).copied())
            .unwrap_or(0.0);
        let p = edge.payload_mut();
        p.rps = rps;
        p.max_rps = max_rps;
    }
}

/// Spreads the nodes on a circle so the force layout starts from distinct positions.
fn scatter(graph: &mut FlowGraph) {
    let nodes: Vec<NodeIndex> = graph.g().node_indices().collect();
    let n = nodes.len().max(1) as f32;
    let radius = 40.0 * n.sqrt() + 100.0;
    for (k, i) in nodes.into_iter().enumerate() {
        let a = std::f32::consts::TAU * k as f32 / n;
        if let Some(node) = graph.node_mut(i) {
            node.set_location(Pos2::new(radius * a.cos(), radius * a.sin()));
        }
    }
}

/// A node: a rounded box with the name, filled by utilisation, crossed out when down.
#[derive(Debug, Clone)]
pub struct NodeShape {
    pos: Pos2,
    selected: bool,
    hovered: bool,
    payload: FlowNode,
}

impl From<NodeProps<FlowNode>> for NodeShape {
    fn from(p: NodeProps<FlowNode>) -> Self {
        Self {
            pos: p.location(),
            selected: p.selected,
            hovered: p.hovered,
            payload: p.payload,
        }
    }
}

impl NodeShape {
    fn rect(&self) -> Rect {
        Rect::from_center_size(self.pos, NODE)
    }
}

impl DisplayNode<FlowNode, FlowEdge, Directed, DefaultIx> for NodeShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        let half = NODE / 2.0;
        let d = if dir.length_sq() > 0.0 {
            dir.normalized()
        } else {
            Vec2::X
        };
        let tx = if d.x.abs() > f32::EPSILON {
            half.x / d.x.abs()
        } else {
            f32::INFINITY
        };
        let ty = if d.y.abs() > f32::EPSILON {
            half.y / d.y.abs()
        } else {
            f32::INFINITY
        };
        self.pos + d * tx.min(ty)
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let visuals = &ctx.ctx.global_style().visuals;
        let r = Rect::from_min_max(
            ctx.meta.canvas_to_screen_pos(self.rect().min),
            ctx.meta.canvas_to_screen_pos(self.rect().max),
        );
        let zoom = ctx.meta.canvas_to_screen_size(1.0);
        let fill = match (self.payload.down, self.payload.utilization) {
            (true, _) => Color32::from_gray(120),
            (false, Some(u)) => heat_colour(u),
            (false, None) => visuals.widgets.inactive.bg_fill,
        };
        let text_colour = if self.payload.down || self.payload.utilization.is_some() {
            Color32::WHITE
        } else {
            visuals.text_color()
        };
        let outline = if self.selected {
            Stroke::new(2.5, visuals.selection.stroke.color)
        } else if self.hovered {
            Stroke::new(1.5, visuals.widgets.hovered.fg_stroke.color)
        } else {
            Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color)
        };
        let mut shapes = vec![Shape::rect_filled(r, 6.0 * zoom, fill)];
        shapes.push(Shape::rect_stroke(
            r,
            6.0 * zoom,
            outline,
            StrokeKind::Outside,
        ));
        if self.payload.container {
            shapes.push(Shape::rect_stroke(
                r.shrink(3.0 * zoom),
                4.0 * zoom,
                Stroke::new(1.0, outline.color),
                StrokeKind::Inside,
            ));
        }
        let mut label = self.payload.name.clone();
        if let (false, Some(u)) = (self.payload.down, self.payload.utilization) {
            label = format!("{label} · {:.0} %", u * 100.0);
        }
        let size = (11.0 * zoom).clamp(7.0, 40.0);
        if r.height() >= 9.0 {
            let galley = ctx.ctx.fonts_mut(|f| {
                let mut job = egui::text::LayoutJob::simple_singleline(
                    label,
                    FontId::proportional(size),
                    text_colour,
                );
                job.wrap = egui::text::TextWrapping::truncate_at_width(r.width() - 8.0 * zoom);
                f.layout_job(job)
            });
            let at = r.center() - galley.size() / 2.0;
            shapes.push(TextShape::new(at, galley, text_colour).into());
        }
        if (self.hovered || self.selected) && zoom < 0.9 {
            // Zoomed out the name is cut: show it whole above the box.
            let galley = ctx.ctx.fonts_mut(|f| {
                f.layout_no_wrap(
                    self.payload.name.clone(),
                    FontId::proportional(12.0),
                    visuals.strong_text_color(),
                )
            });
            let at = r.center_top() - Vec2::new(galley.size().x / 2.0, galley.size().y + 2.0);
            let bg = Rect::from_min_size(at, galley.size()).expand(2.0);
            shapes.push(Shape::rect_filled(bg, 3.0, visuals.extreme_bg_color));
            shapes.push(TextShape::new(at, galley, visuals.strong_text_color()).into());
        }
        if self.payload.down {
            let s = Stroke::new(2.0, Color32::from_rgb(207, 34, 46));
            shapes.push(Shape::line_segment([r.left_top(), r.right_bottom()], s));
            shapes.push(Shape::line_segment([r.right_top(), r.left_bottom()], s));
        }
        shapes
    }

    fn update(&mut self, state: &NodeProps<FlowNode>) {
        self.pos = state.location();
        self.selected = state.selected;
        self.hovered = state.hovered;
        self.payload = state.payload.clone();
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        self.rect().contains(pos)
    }
}

/// An edge: a straight arrow as wide as its traffic, labelled with the calls per second.
#[derive(Debug, Clone)]
pub struct EdgeShape {
    selected: bool,
    payload: FlowEdge,
}

impl From<EdgeProps<FlowEdge>> for EdgeShape {
    fn from(p: EdgeProps<FlowEdge>) -> Self {
        Self {
            selected: p.selected,
            payload: p.payload,
        }
    }
}

impl EdgeShape {
    fn width(&self) -> f32 {
        if self.payload.max_rps > 0.0 && self.payload.rps > 0.0 {
            1.5 + 8.0 * (self.payload.rps / self.payload.max_rps).sqrt() as f32
        } else {
            1.2
        }
    }

    fn ends(
        start: &Node<FlowNode, FlowEdge, Directed, DefaultIx, NodeShape>,
        end: &Node<FlowNode, FlowEdge, Directed, DefaultIx, NodeShape>,
    ) -> (Pos2, Pos2) {
        let dir = end.location() - start.location();
        (
            start.display().closest_boundary_point(dir),
            end.display().closest_boundary_point(-dir),
        )
    }
}

impl DisplayEdge<FlowNode, FlowEdge, Directed, DefaultIx, NodeShape> for EdgeShape {
    fn shapes(
        &mut self,
        start: &Node<FlowNode, FlowEdge, Directed, DefaultIx, NodeShape>,
        end: &Node<FlowNode, FlowEdge, Directed, DefaultIx, NodeShape>,
        ctx: &DrawContext,
    ) -> Vec<Shape> {
        let (a, b) = Self::ends(start, end);
        let (a, b) = (
            ctx.meta.canvas_to_screen_pos(a),
            ctx.meta.canvas_to_screen_pos(b),
        );
        let zoom = ctx.meta.canvas_to_screen_size(1.0);
        let visuals = &ctx.ctx.global_style().visuals;
        let colour = if self.selected {
            visuals.selection.stroke.color
        } else if self.payload.rps > 0.0 {
            Color32::from_rgb(31, 111, 235)
        } else {
            visuals.widgets.noninteractive.fg_stroke.color
        };
        let stroke = Stroke::new(self.width() * zoom.sqrt(), colour);
        let mut shapes = if self.payload.asynchronous {
            Shape::dashed_line(&[a, b], stroke, 8.0 * zoom, 4.0 * zoom)
        } else {
            vec![Shape::line_segment([a, b], stroke)]
        };
        let dir = (b - a).normalized();
        let head = (9.0 * zoom).max(4.0) + stroke.width;
        let side = dir.rot90() * head * 0.45;
        shapes.push(Shape::convex_polygon(
            vec![b, b - dir * head + side, b - dir * head - side],
            colour,
            Stroke::NONE,
        ));
        if self.payload.rps > 0.0 && zoom > 0.5 {
            let mid = a + (b - a) * 0.5;
            let text = format!("{:.0} rps", self.payload.rps);
            let galley = ctx.ctx.fonts_mut(|f| {
                f.layout_no_wrap(text, FontId::proportional(10.0 * zoom.min(1.5)), colour)
            });
            shapes.push(
                TextShape::new(mid + Vec2::new(4.0, -galley.size().y - 2.0), galley, colour).into(),
            );
        }
        shapes
    }

    fn update(&mut self, state: &EdgeProps<FlowEdge>) {
        self.selected = state.selected;
        self.payload = state.payload.clone();
    }

    fn is_inside(
        &self,
        start: &Node<FlowNode, FlowEdge, Directed, DefaultIx, NodeShape>,
        end: &Node<FlowNode, FlowEdge, Directed, DefaultIx, NodeShape>,
        pos: Pos2,
    ) -> bool {
        let (a, b) = Self::ends(start, end);
        crate::ui::canvas::geometry::distance_to_segment(pos, a, b) <= self.width() + 3.0
    }
}
