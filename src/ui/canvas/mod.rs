//! The diagram canvas: draws the topology with its own camera (sharp text at every zoom) and
//! turns pointer input into selection changes (UI state) and edits (returned, never applied
//! here). One drag is one edit, applied when the pointer is released.

pub mod camera;
mod draw;
pub mod geometry;
pub mod hit;
pub mod overlay;
pub mod scene;

use std::collections::{BTreeSet, HashSet};

use egui::{CursorIcon, PointerButton, Pos2, Rect, Sense, Vec2};

pub use camera::Camera;
use hit::{Edges, Hit};
pub use overlay::{Heat, Overlay};
use scene::{Scene, to_model};

use super::command::Command;
use super::edit::Edit;
use super::palette::{self, PaletteItem};
use super::simulation::{RunKind, failure_targets};
use super::theme::Palette;
use crate::layout::PADDING;
use crate::model::{Id, Topology};

/// Snap step in canvas units.
pub const SNAP: f32 = 10.0;
/// Smallest container, in canvas units.
const MIN_CONTAINER: Vec2 = Vec2::new(140.0, 70.0);

/// A drag in progress.
#[derive(Debug, Clone, PartialEq, Default)]
enum Drag {
    #[default]
    None,
    /// Moving the view.
    Pan,
    /// Moving elements: `roots` are the grabbed elements, `moving` them and their contents.
    Move {
        roots: Vec<Id>,
        moving: HashSet<Id>,
        delta: Vec2,
    },
    /// Resizing a container.
    Resize {
        id: Id,
        edges: Edges,
        start: Rect,
        current: Rect,
    },
    /// Drawing a connection from a component's handle.
    Connect { from: Id, to: Pos2 },
    /// Selecting with a rubber band.
    Band { start: Pos2, end: Pos2 },
}

/// UI-only state of the canvas: camera, selection, the drag in progress. Never saved.
pub struct CanvasState {
    /// Pan and zoom.
    pub camera: Camera,
    /// Selected elements (components, containers, connections).
    pub selection: BTreeSet<Id>,
    /// Whether the grid is drawn.
    pub show_grid: bool,
    /// Whether moves and resizes snap to the grid.
    pub snap: bool,
    /// Whether the next frame fits the view to the content.
    pub fit_requested: bool,
    /// Whether the next frame brings the selection into view.
    pub reveal_requested: bool,
    drag: Drag,
    scene: Option<(u64, Scene)>,
    hovered: Option<Hit>,
    /// What was under the pointer when the primary button went down: what a drag grabs.
    pressed: Option<Option<Hit>>,
    context: Option<Hit>,
    view: Rect,
}

impl Default for CanvasState {
    fn default() -> Self {
        Self {
            camera: Camera::default(),
            selection: BTreeSet::new(),
            show_grid: true,
            snap: true,
            fit_requested: true,
            reveal_requested: false,
            drag: Drag::None,
            scene: None,
            hovered: None,
            pressed: None,
            context: None,
            view: Rect::NOTHING,
        }
    }
}

impl CanvasState {
    /// The screen rectangle of the canvas in the last frame.
    pub fn view(&self) -> Rect {
        self.view
    }

    /// Screen position of canvas point `p` (for tests and overlays).
    pub fn to_screen(&self, p: Pos2) -> Pos2 {
        self.camera.to_screen(self.view.min, p)
    }

    /// Zooms by `factor` around the centre of the view.
    pub fn zoom_by(&mut self, factor: f32) {
        let centre = self.view.center();
        self.camera.zoom_around(self.view.min, centre, factor);
    }

    /// Forgets the cached scene (after loading another document).
    pub fn reset(&mut self) {
        *self = CanvasState {
            show_grid: self.show_grid,
            snap: self.snap,
            ..CanvasState::default()
        };
    }

    fn snap(&self, v: f32) -> f32 {
        if self.snap {
            (v / SNAP).round() * SNAP
        } else {
            v
        }
    }
}

/// Draws the canvas in the remaining space of `ui` and returns what the user asked for.
pub fn show(
    ui: &mut egui::Ui,
    t: &Topology,
    revision: u64,
    problem_elements: &[Id],
    state: &mut CanvasState,
    palette: Palette,
    overlay: Option<&Overlay>,
) -> Vec<Command> {
    let mut commands = Vec::new();
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    state.view = rect;
    if state.scene.as_ref().is_none_or(|(r, _)| *r != revision) {
        state.scene = Some((revision, Scene::build(t, problem_elements.iter().cloned())));
    }
    let Some((_, scene)) = state.scene.take() else {
        return commands;
    };
    if state.fit_requested && rect.is_positive() {
        state.camera.fit(scene.bounds, rect.size());
        state.fit_requested = false;
    }
    if state.reveal_requested {
        reveal(state, &scene, rect);
        state.reveal_requested = false;
    }

    navigate(ui, &response, state, rect);
    let pointer = response
        .hover_pos()
        .or_else(|| ui.input(|i| i.pointer.latest_pos()));
    let at = pointer.map(|p| state.camera.to_canvas(rect.min, p));
    let handles: HashSet<Id> = handle_owners(state, &scene);
    let selected: HashSet<Id> = state.selection.iter().cloned().collect();
    state.hovered = at
        .filter(|_| response.hovered())
        .and_then(|p| hit::hit(&scene, p, state.camera.zoom, &handles, &selected));

    interact(ui, &response, t, &scene, state, rect, &mut commands);
    palette_drop(ui, &response, t, &scene, state, rect, &mut commands);
    context_menu(&response, t, state, &mut commands);
    cursor(ui, &response, state);

    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0, palette.background);
    let visible = Rect::from_min_max(
        state.camera.to_canvas(rect.min, rect.min),
        state.camera.to_canvas(rect.min, rect.max),
    );
    let pen = draw::Pen {
        painter: &painter,
        camera: state.camera,
        origin: rect.min,
        palette,
        visible,
    };
    if state.show_grid {
        draw::grid(&pen, rect);
    }
    paint(ui, &pen, t, &scene, state, overlay);
    if let Some(overlay) = overlay {
        overlay::caption(&pen, overlay, rect);
    }
    accessibility(ui, t, &scene, state, rect, visible);
    state.scene = Some((revision, scene));
    commands
}

/// Components whose connection handle is shown: the hovered one and the selected ones.
fn handle_owners(state: &CanvasState, scene: &Scene) -> HashSet<Id> {
    let mut ids: HashSet<Id> = state
        .selection
        .iter()
        .filter(|id| scene.components.iter().any(|c| &c.id == *id))
        .cloned()
        .collect();
    if let Some(Hit::Component(id) | Hit::Handle(id)) = &state.hovered {
        ids.insert(id.clone());
    }
    ids
}

/// Wheel, pinch and keyboard-free navigation: scroll pans, Ctrl+wheel or pinch zooms, middle
/// or right drag (or Space + drag) pans.
fn navigate(ui: &egui::Ui, response: &egui::Response, state: &mut CanvasState, rect: Rect) {
    if response.hovered() {
        let (zoom, scroll, pointer) =
            ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta, i.pointer.hover_pos()));
        if (zoom - 1.0).abs() > 1e-4 {
            let anchor = pointer.unwrap_or(rect.center());
            state.camera.zoom_around(rect.min, anchor, zoom);
        } else if scroll != Vec2::ZERO {
            state.camera.pan += scroll;
        }
    }
    let space = ui.input(|i| i.key_down(egui::Key::Space));
    let panning = response.dragged_by(PointerButton::Middle)
        || response.dragged_by(PointerButton::Secondary)
        || (space && response.dragged_by(PointerButton::Primary));
    if panning {
        state.camera.pan += response.drag_delta();
        state.drag = Drag::Pan;
    } else if state.drag == Drag::Pan && !response.dragged() {
        state.drag = Drag::None;
    }
}

/// Clicks select; primary drags move, resize, connect or select with a band.
fn interact(
    ui: &egui::Ui,
    response: &egui::Response,
    t: &Topology,
    scene: &Scene,
    state: &mut CanvasState,
    rect: Rect,
    commands: &mut Vec<Command>,
) {
    let shift = ui.input(|i| i.modifiers.shift);
    let to_canvas = |state: &CanvasState, p: Pos2| state.camera.to_canvas(rect.min, p);
    if response.clicked_by(PointerButton::Primary) {
        let p = response.interact_pointer_pos().map(|p| to_canvas(state, p));
        let handles = HashSet::new();
        let selected: HashSet<Id> = state.selection.iter().cloned().collect();
        let target = p.and_then(|p| hit::hit(scene, p, state.camera.zoom, &handles, &selected));
        match target {
            Some(h) => select(state, h.id().clone(), shift),
            None if !shift => state.selection.clear(),
            None => {}
        }
    }
    // What a drag grabs is decided where the button went down, before the pointer moves away
    // (a connection handle only shows while its component is hovered).
    if ui.input(|i| i.pointer.primary_pressed()) && response.hovered() {
        state.pressed = Some(state.hovered.clone());
    }
    if response.drag_started_by(PointerButton::Primary)
        && state.drag == Drag::None
        && !ui.input(|i| i.key_down(egui::Key::Space))
    {
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .unwrap_or(rect.center());
        let start = to_canvas(state, origin);
        let grabbed = match state.pressed.take() {
            Some(h) => h,
            None => {
                let handles = handle_owners(state, scene);
                let selected: HashSet<Id> = state.selection.iter().cloned().collect();
                hit::hit(scene, start, state.camera.zoom, &handles, &selected)
            }
        };
        state.drag = match grabbed {
            Some(Hit::Handle(id)) => Drag::Connect {
                from: id,
                to: start,
            },
            Some(Hit::Resize(id, edges)) => {
                let r = scene.rects.get(&id).copied().unwrap_or(Rect::NOTHING);
                Drag::Resize {
                    id,
                    edges,
                    start: r,
                    current: r,
                }
            }
            Some(Hit::Component(id) | Hit::Header(id)) => {
                if !state.selection.contains(&id) {
                    select(state, id, shift);
                }
                start_move(state, scene)
            }
            Some(Hit::Body(_)) | Some(Hit::Edge(_)) | None => Drag::Band { start, end: start },
        };
    }
    if response.dragged_by(PointerButton::Primary) {
        let delta = response.drag_delta() / state.camera.zoom;
        let pointer = response.interact_pointer_pos().map(|p| to_canvas(state, p));
        match &mut state.drag {
            Drag::Move { delta: d, .. } => *d += delta,
            Drag::Resize { edges, current, .. } => {
                *current = edges.resize(*current, delta, MIN_CONTAINER)
            }
            Drag::Connect { to, .. } | Drag::Band { end: to, .. } => {
                if let Some(p) = pointer {
                    *to = p;
                }
            }
            Drag::None | Drag::Pan => {}
        }
    }
    if response.drag_stopped() {
        let pointer = response
            .interact_pointer_pos()
            .or_else(|| ui.input(|i| i.pointer.latest_pos()))
            .map(|p| to_canvas(state, p));
        let drag = std::mem::take(&mut state.drag);
        finish_drag(drag, pointer, t, scene, state, commands, shift);
    }
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) && state.drag != Drag::None {
        state.drag = Drag::None;
    }
}

fn select(state: &mut CanvasState, id: Id, toggle: bool) {
    if toggle {
        if !state.selection.remove(&id) {
            state.selection.insert(id);
        }
    } else {
        state.selection = BTreeSet::from([id]);
    }
}

/// Starts moving the selection: the selected components and containers whose ancestors are
/// not selected too, with everything inside them.
fn start_move(state: &CanvasState, scene: &Scene) -> Drag {
    let drawn: Vec<&Id> = state
        .selection
        .iter()
        .filter(|id| scene.rects.contains_key(*id))
        .collect();
    let mut moving: HashSet<Id> = HashSet::new();
    for id in &drawn {
        moving.extend(scene.descendants(id));
    }
    let inside_other = |id: &Id| {
        drawn
            .iter()
            .any(|o| *o != id && scene.descendants(o).contains(id))
    };
    let roots: Vec<Id> = drawn
        .iter()
        .filter(|id| !inside_other(id))
        .map(|id| (*id).clone())
        .collect();
    Drag::Move {
        roots,
        moving,
        delta: Vec2::ZERO,
    }
}

/// Turns a finished drag into edits or a new selection.
fn finish_drag(
    drag: Drag,
    pointer: Option<Pos2>,
    t: &Topology,
    scene: &Scene,
    state: &mut CanvasState,
    commands: &mut Vec<Command>,
    shift: bool,
) {
    match drag {
        Drag::Move {
            roots,
            moving,
            delta,
        } => {
            if delta.length() < 0.5 / state.camera.zoom {
                return;
            }
            let Some(first) = roots.first().and_then(|id| scene.rects.get(id)) else {
                return;
            };
            let snapped = Vec2::new(
                state.snap(first.min.x + delta.x) - first.min.x,
                state.snap(first.min.y + delta.y) - first.min.y,
            );
            let target = pointer.and_then(|p| hit::container_at(scene, p, &moving));
            let mut rects: Vec<(Id, crate::model::Rect)> = Vec::new();
            for (id, r) in scene.rects.iter().filter(|(id, _)| moving.contains(*id)) {
                rects.push((id.clone(), to_model(r.translate(snapped))));
            }
            rects.sort_by(|a, b| a.0.cmp(&b.0));
            let mut parents = Vec::new();
            for id in &roots {
                let current = t
                    .component(id.as_str())
                    .map(|c| c.container.clone())
                    .or_else(|| t.container(id.as_str()).map(|c| c.parent.clone()));
                if let Some(current) = current
                    && current != target
                {
                    parents.push((id.clone(), target.clone()));
                }
            }
            grow_ancestors(t, scene, &mut rects, &parents);
            commands.push(Command::Edit(Edit::Arrange { rects, parents }));
        }
        Drag::Resize {
            id, start, current, ..
        } => {
            let snapped = Rect::from_min_max(
                Pos2::new(state.snap(current.min.x), state.snap(current.min.y)),
                Pos2::new(state.snap(current.max.x), state.snap(current.max.y)),
            );
            if snapped != start {
                let mut rects = vec![(id, to_model(snapped))];
                grow_ancestors(t, scene, &mut rects, &[]);
                commands.push(Command::Edit(Edit::Arrange {
                    rects,
                    parents: Vec::new(),
                }));
            }
        }
        Drag::Connect { from, to } => {
            let target = scene
                .components
                .iter()
                .rev()
                .find(|c| c.rect.contains(to) && c.id != from)
                .map(|c| c.id.clone())
                .or_else(|| hit::container_at(scene, to, &HashSet::new()));
            if let Some(target) = target.filter(|x| *x != from) {
                let connection = palette::new_connection(t, &from, &target);
                state.selection = BTreeSet::from([connection.id.clone()]);
                commands.push(Command::Edit(Edit::AddConnection(connection)));
            }
        }
        Drag::Band { start, end } => {
            let band = Rect::from_two_pos(start, end);
            if !shift {
                state.selection.clear();
            }
            for (id, r) in &scene.rects {
                if band.contains_rect(*r) {
                    state.selection.insert(id.clone());
                }
            }
        }
        Drag::None | Drag::Pan => {}
    }
}

/// Enlarges the new or current ancestors of moved elements so that they still contain them.
fn grow_ancestors(
    t: &Topology,
    scene: &Scene,
    rects: &mut Vec<(Id, crate::model::Rect)>,
    parents: &[(Id, Option<Id>)],
) {
    let pad = PADDING as f32;
    for _ in 0..t.containers.len().min(64) {
        let mut grown = false;
        let current: Vec<(Id, Rect)> = rects
            .iter()
            .map(|(id, r)| (id.clone(), scene::to_egui(r)))
            .collect();
        for (id, r) in &current {
            let new_parent = parents
                .iter()
                .find(|(c, _)| c == id)
                .map(|(_, p)| p.clone());
            let parent = new_parent.unwrap_or_else(|| {
                t.component(id.as_str())
                    .and_then(|c| c.container.clone())
                    .or_else(|| t.container(id.as_str()).and_then(|c| c.parent.clone()))
            });
            let Some(parent) = parent else { continue };
            let prect = current
                .iter()
                .find(|(p, _)| *p == parent)
                .map(|(_, r)| *r)
                .or_else(|| scene.rects.get(&parent).copied());
            let Some(prect) = prect else { continue };
            if prect.contains_rect(*r) {
                continue;
            }
            let header = hit::HEADER_H + 6.0;
            let needed =
                Rect::from_min_max(r.min - Vec2::new(pad, header), r.max + Vec2::splat(pad));
            let bigger = prect.union(needed);
            match rects.iter_mut().find(|(p, _)| *p == parent) {
                Some(entry) => entry.1 = to_model(bigger),
                None => rects.push((parent.clone(), to_model(bigger))),
            }
            grown = true;
        }
        if !grown {
            break;
        }
    }
}

/// Dropping a palette item creates the element where it was dropped.
fn palette_drop(
    ui: &egui::Ui,
    response: &egui::Response,
    t: &Topology,
    scene: &Scene,
    state: &mut CanvasState,
    rect: Rect,
    commands: &mut Vec<Command>,
) {
    let Some(item) = response.dnd_release_payload::<PaletteItem>() else {
        return;
    };
    let Some(pointer) = ui.input(|i| i.pointer.latest_pos()) else {
        return;
    };
    let at = state.camera.to_canvas(rect.min, pointer);
    let target = hit::container_at(scene, at, &HashSet::new());
    let (edit, id) = palette::create(t, &item, at, target.as_ref());
    state.selection = BTreeSet::from([id]);
    commands.push(Command::Edit(edit));
}

/// Right-click menu of the element under the pointer.
fn context_menu(
    response: &egui::Response,
    t: &Topology,
    state: &mut CanvasState,
    commands: &mut Vec<Command>,
) {
    if response.secondary_clicked() {
        state.context = state.hovered.clone();
        if let Some(h) = &state.context
            && !state.selection.contains(h.id())
        {
            state.selection = BTreeSet::from([h.id().clone()]);
        }
    }
    response.context_menu(|ui| {
        let Some(target) = state.context.clone() else {
            if ui.button("Fit to content").clicked() {
                commands.push(Command::Fit);
                ui.close();
            }
            if ui.button("Paste").clicked() {
                commands.push(Command::Paste);
                ui.close();
            }
            return;
        };
        let name = t
            .component(target.id().as_str())
            .map(|c| c.name.clone())
            .or_else(|| t.container(target.id().as_str()).map(|c| c.name.clone()))
            .unwrap_or_else(|| target.id().to_string());
        ui.label(egui::RichText::new(name).strong());
        ui.separator();
        for (label, command) in [
            ("Copy", Command::Copy),
            ("Cut", Command::Cut),
            ("Duplicate", Command::Duplicate),
            ("Delete", Command::Delete),
        ] {
            if ui.button(label).clicked() {
                commands.push(command);
                ui.close();
            }
        }
        let targets = failure_targets(t, target.id());
        if !targets.is_empty() {
            ui.separator();
            for failure in targets {
                if ui
                    .button(format!("Simulate failure of {}", failure.label()))
                    .clicked()
                {
                    commands.push(Command::Simulate(RunKind::Failure(failure)));
                    ui.close();
                }
            }
        }
    });
}

fn cursor(ui: &egui::Ui, response: &egui::Response, state: &CanvasState) {
    if !response.hovered() && state.drag == Drag::None {
        return;
    }
    let icon = match (&state.drag, &state.hovered) {
        (Drag::Pan, _) => CursorIcon::Grabbing,
        (Drag::Move { .. }, _) => CursorIcon::Grabbing,
        (Drag::Resize { edges, .. }, _) | (Drag::None, Some(Hit::Resize(_, edges))) => {
            edges.cursor()
        }
        (Drag::Connect { .. }, _) | (Drag::None, Some(Hit::Handle(_))) => CursorIcon::Crosshair,
        (Drag::None, Some(Hit::Component(_) | Hit::Header(_))) => CursorIcon::Grab,
        (Drag::None, Some(Hit::Edge(_))) => CursorIcon::PointingHand,
        _ => return,
    };
    ui.ctx().set_cursor_icon(icon);
}

/// Containers, connections, components, then selection and drag previews.
fn paint(
    ui: &egui::Ui,
    pen: &draw::Pen,
    t: &Topology,
    scene: &Scene,
    state: &CanvasState,
    overlay: Option<&Overlay>,
) {
    let drop_target = match &state.drag {
        Drag::Move { moving, .. } => ui
            .input(|i| i.pointer.latest_pos())
            .and_then(|p| hit::container_at(scene, state.camera.to_canvas(pen.origin, p), moving)),
        _ => None,
    };
    let palette_target = ui
        .ctx()
        .dragged_id()
        .and(egui::DragAndDrop::payload::<PaletteItem>(ui.ctx()))
        .and_then(|_| ui.input(|i| i.pointer.latest_pos()))
        .filter(|p| state.view.contains(*p))
        .and_then(|p| {
            hit::container_at(
                scene,
                state.camera.to_canvas(pen.origin, p),
                &HashSet::new(),
            )
        });
    let resized = match &state.drag {
        Drag::Resize { id, current, .. } => Some((id, *current)),
        _ => None,
    };
    for c in &scene.containers {
        let mut c = c.clone();
        if let Some((id, r)) = resized
            && *id == c.id
        {
            c.rect = r;
        }
        if !pen.visible.intersects(c.rect) {
            continue;
        }
        let target = drop_target.as_ref() == Some(&c.id) || palette_target.as_ref() == Some(&c.id);
        draw::container(pen, t, &c, state.selection.contains(&c.id), target);
        if overlay.is_some_and(|o| o.down.contains(&c.id)) {
            overlay::container(pen, c.rect);
        }
    }
    for e in &scene.edges {
        let bounds = Rect::from_two_pos(e.from.center(), e.to.center()).expand(40.0);
        if pen.visible.intersects(bounds) {
            if let Some(overlay) = overlay {
                let (a, b) = geometry::edge_endpoints(e.from, e.to);
                overlay::edge(pen, overlay, &e.id, a, b);
            }
            draw::edge(
                pen,
                e,
                state.selection.contains(&e.id),
                scene.with_problems.contains(&e.id),
            );
        }
    }
    let handles = handle_owners(state, scene);
    for c in &scene.components {
        if !pen.visible.intersects(c.rect) {
            continue;
        }
        draw::component(
            pen,
            ui,
            t,
            c,
            state.selection.contains(&c.id),
            scene.with_problems.contains(&c.id),
        );
        if let Some(overlay) = overlay {
            overlay::component(pen, overlay, &c.id, c.rect);
        }
        if handles.contains(&c.id) {
            draw::handle(
                pen,
                c.rect,
                matches!(&state.hovered, Some(Hit::Handle(h)) if *h == c.id),
            );
        }
    }
    match &state.drag {
        Drag::Move { moving, delta, .. } => draw::ghosts(pen, scene, moving, *delta),
        Drag::Band { start, end } => draw::band(pen, Rect::from_two_pos(*start, *end)),
        Drag::Connect { from, to } => {
            if let Some(r) = scene.rects.get(from) {
                draw::pending_edge(pen, *r, *to);
            }
        }
        _ => {}
    }
}

/// Invisible labelled widgets over visible components and containers, so that screen readers
/// and tests find them by name.
fn accessibility(
    ui: &mut egui::Ui,
    t: &Topology,
    scene: &Scene,
    state: &CanvasState,
    rect: Rect,
    visible: Rect,
) {
    // Only worth the work when a screen reader or a test reads the tree.
    let canvas_id = ui.id();
    if ui.ctx().accesskit_node_builder(canvas_id, |_| ()).is_none() {
        return;
    }
    let name_of = |index: usize, container: bool| {
        let name = if container {
            t.containers.get(index).map(|c| &c.name)
        } else {
            t.components.get(index).map(|c| &c.name)
        };
        name.cloned().unwrap_or_default()
    };
    let items = scene
        .containers
        .iter()
        .map(|c| (&c.id, c.rect, c.index, true))
        .chain(
            scene
                .components
                .iter()
                .map(|c| (&c.id, c.rect, c.index, false)),
        );
    for (id, r, index, container) in items {
        if !visible.intersects(r) {
            continue;
        }
        let screen = state.camera.rect_to_screen(rect.min, r).intersect(rect);
        if !screen.is_positive() {
            continue;
        }
        let response = ui.interact(
            screen,
            egui::Id::new(("canvas-element", id)),
            Sense::hover(),
        );
        let name = name_of(index, container);
        let selected = state.selection.contains(id);
        response.widget_info(|| {
            egui::WidgetInfo::selected(egui::WidgetType::Other, true, selected, name.clone())
        });
    }
}

/// Centres the view on the selection, zooming out if it does not fit.
fn reveal(state: &mut CanvasState, scene: &Scene, rect: Rect) {
    let bounds = state
        .selection
        .iter()
        .filter_map(|id| scene.rects.get(id))
        .fold(Rect::NOTHING, |a, r| a.union(*r));
    let bounds = if bounds.is_positive() {
        bounds
    } else {
        let edges = state
            .selection
            .iter()
            .filter_map(|id| scene.edges.iter().find(|e| &e.id == id));
        edges.fold(Rect::NOTHING, |a, e| a.union(e.from).union(e.to))
    };
    if !bounds.is_positive() {
        return;
    }
    let zoom = state.camera.zoom;
    let on_screen = state.camera.rect_to_screen(rect.min, bounds);
    if on_screen.width() > rect.width() * 0.9 || on_screen.height() > rect.height() * 0.9 {
        state.camera.fit(bounds.expand(40.0), rect.size());
        return;
    }
    state.camera.pan = rect.size() / 2.0 - bounds.center().to_vec2() * zoom;
}
