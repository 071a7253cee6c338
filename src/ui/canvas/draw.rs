//! Painting the diagram: grid, containers, connections, components, selection and previews.
//! Text is laid out at the zoomed size, so it stays sharp at every zoom.

use std::collections::HashSet;

use egui::text::{LayoutJob, TextFormat, TextWrapping};
use egui::{
    Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2,
};

use super::camera::Camera;
use super::geometry::{arrowhead, edge_endpoints};
use super::hit::{HANDLE_R, HEADER_H, handle_position};
use super::scene::{Scene, SceneComponent, SceneContainer, SceneEdge};
use crate::diagram::labels;
use crate::model::{Component, ConnectionKind, ContainerKind, Id, Topology};
use crate::ui::icons;
use crate::ui::theme::Palette;

/// Text smaller than this many pixels is not drawn (it could not be read anyway).
const MIN_TEXT_PX: f32 = 4.5;

/// Drawing context: painter, camera, theme and the canvas widget's origin.
pub struct Pen<'a> {
    /// Paints into the canvas area.
    pub painter: &'a Painter,
    /// Current camera.
    pub camera: Camera,
    /// Screen position of the canvas widget's top-left.
    pub origin: Pos2,
    /// Colours.
    pub palette: Palette,
    /// Visible part of the canvas, in canvas units (for culling).
    pub visible: Rect,
}

impl Pen<'_> {
    fn screen(&self, r: Rect) -> Rect {
        self.camera.rect_to_screen(self.origin, r)
    }

    fn point(&self, p: Pos2) -> Pos2 {
        self.camera.to_screen(self.origin, p)
    }

    fn px(&self, canvas_units: f32) -> f32 {
        canvas_units * self.camera.zoom
    }

    /// One line of text, cut with `…` to `max_w` screen pixels.
    fn text(&self, pos: Pos2, anchor: Align2, text: &str, size: f32, color: Color32, max_w: f32) {
        let px = self.px(size);
        if px < MIN_TEXT_PX || max_w < px {
            return;
        }
        let mut job = LayoutJob::single_section(
            text.to_owned(),
            TextFormat {
                font_id: FontId::proportional(px),
                color,
                ..Default::default()
            },
        );
        job.wrap = TextWrapping {
            max_width: max_w,
            max_rows: 1,
            break_anywhere: true,
            overflow_character: Some('…'),
        };
        let galley = self.painter.layout_job(job);
        let rect = anchor.anchor_size(pos, galley.size());
        self.painter.galley(rect.min, galley, color);
    }
}

/// Dots every 20 canvas units (every 100 when zoomed out).
pub fn grid(pen: &Pen, area: Rect) {
    let zoom = pen.camera.zoom;
    let v = pen.visible;
    let count = |step: f32| ((v.width() / step) as usize + 1) * ((v.height() / step) as usize + 1);
    // The finest step whose dots are at least 12 px apart and not too many to draw.
    let Some(step) = [20.0, 100.0, 500.0, 2500.0]
        .into_iter()
        .find(|s| s * zoom >= 12.0 && count(*s) <= 4000)
    else {
        return;
    };
    let (x0, y0) = (
        (v.min.x / step).floor() * step,
        (v.min.y / step).floor() * step,
    );
    let (nx, ny) = (
        ((v.max.x - x0) / step) as usize + 1,
        ((v.max.y - y0) / step) as usize + 1,
    );
    let colour = pen.palette.grid;
    // Dots, drawn as tiny squares: 4 vertices each instead of a circle's dozens.
    let side = Vec2::splat((zoom * 2.2).clamp(1.2, 2.8));
    let mut shapes = Vec::with_capacity(nx * ny);
    for j in 0..ny {
        for i in 0..nx {
            let p = pen.point(Pos2::new(x0 + i as f32 * step, y0 + j as f32 * step));
            if area.contains(p) {
                shapes.push(Shape::rect_filled(
                    Rect::from_center_size(p, side),
                    0,
                    colour,
                ));
            }
        }
    }
    pen.painter.extend(shapes);
}

/// Corner radius of `canvas_units`, square when it would be under 2 pixels (rounding costs
/// vertices and cannot be seen that small).
fn corner(pen: &Pen, canvas_units: f32, max_px: f32) -> CornerRadius {
    let px = pen.px(canvas_units);
    if px < 2.0 {
        CornerRadius::ZERO
    } else {
        CornerRadius::same(px.min(max_px) as u8)
    }
}

/// A container: translucent fill, accent border, title bar with its name and caption.
pub fn container(pen: &Pen, t: &Topology, c: &SceneContainer, selected: bool, drop_target: bool) {
    let Some(model) = t.containers.get(c.index) else {
        return;
    };
    let r = pen.screen(c.rect);
    let (fill, accent) = pen.palette.container(&model.kind);
    let radius = corner(pen, 8.0, 12.0);
    let dashed = matches!(model.kind, ContainerKind::Group(_));
    pen.painter.rect_filled(r, radius, fill);
    let width = if drop_target { 3.0 } else { 1.5 };
    let stroke = Stroke::new(
        width,
        if drop_target {
            pen.palette.selection
        } else {
            accent
        },
    );
    if dashed && !drop_target {
        let pts = [
            r.left_top(),
            r.right_top(),
            r.right_bottom(),
            r.left_bottom(),
            r.left_top(),
        ];
        pen.painter
            .extend(Shape::dashed_line(&pts, stroke, 6.0, 4.0));
    } else {
        pen.painter
            .rect_stroke(r, radius, stroke, StrokeKind::Inside);
    }
    let header = Rect::from_min_size(
        r.min,
        Vec2::new(r.width(), pen.px(HEADER_H).min(r.height())),
    );
    let band = pen.palette.header(accent);
    pen.painter.rect_filled(
        header,
        CornerRadius {
            nw: radius.nw,
            ne: radius.ne,
            sw: 0,
            se: 0,
        },
        band,
    );
    let pad = pen.px(10.0);
    let name_w = (r.width() - 2.0 * pad).max(0.0);
    pen.text(
        header.left_center() + Vec2::new(pad, -pen.px(5.0)),
        Align2::LEFT_CENTER,
        &model.name,
        12.0,
        pen.palette.text,
        name_w,
    );
    let caption = labels::container_caption(t, &model.kind);
    pen.text(
        header.left_center() + Vec2::new(pad, pen.px(8.0)),
        Align2::LEFT_CENTER,
        &caption,
        9.0,
        pen.palette.weak_text,
        name_w,
    );
    if selected {
        pen.painter.rect_stroke(
            r.expand(2.0),
            radius,
            Stroke::new(2.0, pen.palette.selection),
            StrokeKind::Outside,
        );
        for corner in [
            r.left_top(),
            r.right_top(),
            r.left_bottom(),
            r.right_bottom(),
        ] {
            pen.painter.rect_filled(
                Rect::from_center_size(corner, Vec2::splat(7.0)),
                1,
                pen.palette.selection,
            );
        }
    }
}

/// A connection: line with an arrowhead, dashed for observability, dotted for control and
/// admin, marked red with an open lock when plaintext; the label in the middle.
pub fn edge(pen: &Pen, e: &SceneEdge, selected: bool, problem: bool) {
    let (a, b) = edge_endpoints(e.from, e.to);
    let (sa, sb) = (pen.point(a), pen.point(b));
    let colour = if selected {
        pen.palette.selection
    } else if e.plaintext {
        pen.palette.plaintext
    } else {
        pen.palette.edge
    };
    let width = if selected { 2.5 } else { 1.4 };
    let stroke = Stroke::new(width, colour);
    let dir = sb - sa;
    let head = (8.0 * pen.camera.zoom.sqrt()).clamp(5.0, 12.0);
    let end = sb - dir.normalized() * head * 0.8;
    // Dash patterns in screen pixels; zoomed far out every line is solid (a dash costs as
    // much to draw as a line, and cannot be told apart at that size).
    let pattern = match e.kind {
        ConnectionKind::Observability => Some((6.0, 4.0)),
        ConnectionKind::Control | ConnectionKind::Admin => Some((2.0, 3.0)),
        ConnectionKind::Async => Some((12.0, 3.0)),
        ConnectionKind::Request => None,
    };
    match pattern {
        Some((dash, gap)) if pen.camera.zoom >= 0.45 => {
            pen.painter
                .extend(Shape::dashed_line(&[sa, end], stroke, dash, gap))
        }
        _ => {
            pen.painter.line_segment([sa, end], stroke);
        }
    }
    pen.painter.add(Shape::convex_polygon(
        arrowhead(sb, dir, head).to_vec(),
        colour,
        Stroke::NONE,
    ));
    let mid = sa + (sb - sa) * 0.5;
    let px = pen.px(9.5);
    if px >= MIN_TEXT_PX {
        let font = FontId::proportional(px);
        let galley = pen.painter.layout_no_wrap(e.label.clone(), font, colour);
        let lock = if e.plaintext { px * 1.2 } else { 0.0 };
        let size = galley.size() + Vec2::new(6.0 + lock, 2.0);
        let pill = Rect::from_center_size(mid, size);
        pen.painter.rect_filled(pill, 3, pen.palette.background);
        if e.plaintext {
            open_lock(
                pen.painter,
                Pos2::new(pill.min.x + 3.0 + lock * 0.4, mid.y),
                px * 0.8,
                pen.palette.plaintext,
            );
        }
        pen.painter.galley(
            Pos2::new(pill.min.x + 3.0 + lock, pill.min.y + 1.0),
            galley,
            colour,
        );
        if problem {
            badge(
                pen.painter,
                pill.right_top(),
                px.max(8.0),
                pen.palette.problem,
            );
        }
    }
}

/// An open padlock: the plaintext mark.
fn open_lock(painter: &Painter, centre: Pos2, size: f32, colour: Color32) {
    let body = Rect::from_center_size(
        centre + Vec2::new(0.0, size * 0.2),
        Vec2::new(size, size * 0.7),
    );
    painter.rect_filled(body, 1, colour);
    let r = size * 0.3;
    let top = body.min.y;
    let pts: Vec<Pos2> = (0..=8)
        .map(|i| {
            let a = std::f32::consts::PI * (1.0 + i as f32 / 8.0);
            Pos2::new(
                body.center().x + r * a.cos() - r * 0.6,
                top - r * 0.4 + r * a.sin(),
            )
        })
        .collect();
    painter.add(Shape::line(
        pts,
        Stroke::new((size * 0.15).max(1.0), colour),
    ));
}

/// A red dot with `!`: the element has problems.
pub fn badge(painter: &Painter, at: Pos2, size: f32, colour: Color32) {
    painter.circle_filled(at, size * 0.55, colour);
    painter.text(
        at,
        Align2::CENTER_CENTER,
        "!",
        FontId::proportional(size * 0.85),
        Color32::WHITE,
    );
}

/// A component: box, coloured icon tile, name, caption, replica and zone badges.
pub fn component(
    pen: &Pen,
    ui: &egui::Ui,
    t: &Topology,
    c: &SceneComponent,
    selected: bool,
    problem: bool,
) {
    let Some(model) = t.components.get(c.index) else {
        return;
    };
    let r = pen.screen(c.rect);
    let radius = corner(pen, 6.0, 10.0);
    let outline = if selected {
        Stroke::new(2.5, pen.palette.selection)
    } else if r.height() >= 14.0 {
        Stroke::new(1.0, pen.palette.component_stroke)
    } else {
        Stroke::NONE // too small to see an outline: fill only
    };
    let fill = if outline == Stroke::NONE {
        pen.palette.component_stroke
    } else {
        pen.palette.component_fill
    };
    pen.painter
        .rect(r, radius, fill, outline, StrokeKind::Inside);
    let tile_side = (r.height() - pen.px(16.0)).max(0.0);
    let tile = Rect::from_min_size(r.min + Vec2::splat(pen.px(8.0)), Vec2::splat(tile_side));
    let accent = pen.palette.kind(c.kind);
    if tile_side >= 4.0 {
        pen.painter.rect_filled(tile, corner(pen, 5.0, 8.0), accent);
        if tile_side >= 10.0 {
            let icon_side = tile_side * 0.72;
            let size = icons::quantized_size(icon_side * ui.ctx().pixels_per_point());
            egui::Image::new(icons::icon(c.kind))
                .fit_to_exact_size(Vec2::splat(size))
                .tint(Color32::WHITE)
                .paint_at(
                    ui,
                    Rect::from_center_size(tile.center(), Vec2::splat(icon_side)),
                );
        }
    }
    let text_x = tile.max.x + pen.px(8.0);
    let text_w = (r.max.x - text_x - pen.px(8.0)).max(0.0);
    pen.text(
        Pos2::new(text_x, r.min.y + pen.px(18.0)),
        Align2::LEFT_CENTER,
        &model.name,
        12.0,
        pen.palette.text,
        text_w,
    );
    pen.text(
        Pos2::new(text_x, r.min.y + pen.px(34.0)),
        Align2::LEFT_CENTER,
        &labels::component_caption(model),
        9.0,
        pen.palette.weak_text,
        text_w,
    );
    replicas(
        pen,
        model,
        Pos2::new(text_x, r.min.y + pen.px(50.0)),
        text_w,
    );
    if problem {
        badge(
            pen.painter,
            r.right_top(),
            pen.px(12.0).clamp(8.0, 16.0),
            pen.palette.problem,
        );
    }
}

/// `×3` and one dot per zone, filled for zones holding replicas: replicas and AZ spread at a glance.
fn replicas(pen: &Pen, c: &Component, at: Pos2, max_w: f32) {
    let px = pen.px(9.0);
    if px < MIN_TEXT_PX {
        return;
    }
    let cap = &c.capacity;
    let (label, weak) = labels::replicas(c);
    let colour = if weak {
        pen.palette.plaintext
    } else {
        pen.palette.weak_text
    };
    let galley = pen
        .painter
        .layout_no_wrap(label, FontId::proportional(px), colour);
    let w = galley.size().x;
    if w > max_w {
        return;
    }
    pen.painter.galley(
        Pos2::new(at.x, at.y - galley.size().y / 2.0),
        galley,
        colour,
    );
    let mut x = at.x + w + px * 0.6;
    for (i, _) in cap.zones.iter().enumerate() {
        if x > at.x + max_w {
            break;
        }
        let filled = (i as u32) < cap.replicas;
        let p = Pos2::new(x, at.y);
        if filled {
            pen.painter.circle_filled(p, px * 0.3, colour);
        } else {
            pen.painter
                .circle_stroke(p, px * 0.3, Stroke::new(1.0, colour));
        }
        x += px * 0.9;
    }
}

/// The connection handle of a component.
pub fn handle(pen: &Pen, r: Rect, hot: bool) {
    let p = pen.point(handle_position(r));
    let fill = if hot {
        pen.palette.selection
    } else {
        pen.palette.component_fill
    };
    pen.painter
        .circle(p, HANDLE_R, fill, Stroke::new(1.5, pen.palette.selection));
}

/// Everything that moves in a drag, drawn translucent at its new place.
pub fn ghosts(pen: &Pen, scene: &Scene, ids: &HashSet<Id>, delta: Vec2) {
    let colour = pen.palette.selection.gamma_multiply(0.35);
    for (_, r) in scene.rects.iter().filter(|(id, _)| ids.contains(*id)) {
        let moved = pen.screen(r.translate(delta));
        pen.painter
            .rect_stroke(moved, 4, Stroke::new(1.5, colour), StrokeKind::Inside);
    }
}

/// The rubber band.
pub fn band(pen: &Pen, r: Rect) {
    let s = pen.screen(r);
    pen.painter
        .rect_filled(s, 0, pen.palette.selection.gamma_multiply(0.12));
    pen.painter.rect_stroke(
        s,
        0,
        Stroke::new(1.0, pen.palette.selection),
        StrokeKind::Inside,
    );
}

/// The connection being drawn.
pub fn pending_edge(pen: &Pen, from: Rect, to: Pos2) {
    let a = pen.point(handle_position(from));
    let b = pen.point(to);
    let stroke = Stroke::new(2.0, pen.palette.selection);
    pen.painter.line_segment([a, b], stroke);
    pen.painter.add(Shape::convex_polygon(
        arrowhead(b, b - a, 10.0).to_vec(),
        pen.palette.selection,
        Stroke::NONE,
    ));
}
