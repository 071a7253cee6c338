//! The simulation drawn over the diagram: utilisation as a colour on each component, queue and
//! error badges, failed elements greyed and crossed, connections widened by their traffic. The
//! canvas only draws what it is given; the simulation panel decides what that is (which run,
//! which second).

use std::collections::{HashMap, HashSet};

use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, StrokeKind, Vec2};

use super::draw::Pen;
use crate::model::Id;

/// What one simulated component shows at the current second.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Heat {
    /// Busy over serving servers, 0–1; `None` when no server serves (every replica down).
    pub utilization: Option<f64>,
    /// Requests waiting for a server.
    pub queue: f64,
    /// Share of its requests that failed over the run.
    pub error_ratio: f64,
}

/// The simulation results the canvas draws over the diagram.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overlay {
    /// Simulated components.
    pub components: HashMap<Id, Heat>,
    /// Calls per second of each connection that carried simulated traffic.
    pub connections: HashMap<Id, f64>,
    /// Components and containers failed at the current second.
    pub down: HashSet<Id>,
    /// Whether the results are of an older revision of the design.
    pub stale: bool,
    /// A line naming the run and the second, drawn at the top of the canvas.
    pub caption: String,
}

impl Overlay {
    /// The most calls per second on one connection.
    fn max_rps(&self) -> f64 {
        self.connections.values().copied().fold(0.0, f64::max)
    }
}

/// Colour of a utilisation: green when idle, amber from 70 %, red from 90 %.
pub fn heat_colour(utilization: f64) -> Color32 {
    let u = utilization.clamp(0.0, 1.0) as f32;
    let (a, b, f) = if u < 0.7 {
        ((46, 160, 67), (210, 153, 34), u / 0.7)
    } else {
        ((210, 153, 34), (207, 34, 46), ((u - 0.7) / 0.3).min(1.0))
    };
    let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * f).round() as u8;
    Color32::from_rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Greys out a failed container.
pub fn container(pen: &Pen, rect: Rect) {
    let r = pen.camera.rect_to_screen(pen.origin, rect);
    pen.painter
        .rect_filled(r, 4.0, Color32::from_rgba_unmultiplied(110, 110, 110, 70));
    hatch(pen, r);
}

/// Widens a connection by its traffic: an accent line over the drawn one.
pub fn edge(pen: &Pen, overlay: &Overlay, id: &Id, from: Pos2, to: Pos2) {
    let Some(rps) = overlay.connections.get(id).copied() else {
        return;
    };
    let max = overlay.max_rps();
    if !(rps > 0.0 && max > 0.0) {
        return;
    }
    let width = 1.5 + 6.5 * (rps / max).sqrt() as f32;
    let colour = Color32::from_rgba_unmultiplied(31, 111, 235, 110);
    let (a, b) = (
        pen.camera.to_screen(pen.origin, from),
        pen.camera.to_screen(pen.origin, to),
    );
    pen.painter.line_segment([a, b], Stroke::new(width, colour));
}

/// Colours a component by its heat, or greys and crosses it out when it is down.
pub fn component(pen: &Pen, overlay: &Overlay, id: &Id, rect: Rect) {
    let r = pen.camera.rect_to_screen(pen.origin, rect);
    let heat = overlay.components.get(id);
    let down = overlay.down.contains(id) || heat.is_some_and(|h| h.utilization.is_none());
    if down {
        pen.painter
            .rect_filled(r, 6.0, Color32::from_rgba_unmultiplied(90, 90, 90, 150));
        let s = Stroke::new(2.0, Color32::from_rgb(207, 34, 46));
        pen.painter
            .line_segment([r.left_top(), r.right_bottom()], s);
        pen.painter
            .line_segment([r.right_top(), r.left_bottom()], s);
        label(
            pen,
            r.center_bottom() - Vec2::new(0.0, 2.0),
            "DOWN",
            Color32::from_rgb(207, 34, 46),
        );
        return;
    }
    let Some(heat) = heat else { return };
    let Some(u) = heat.utilization else { return };
    let colour = heat_colour(u);
    pen.painter.rect_stroke(
        r.expand(2.0),
        8.0,
        Stroke::new(3.0, colour),
        StrokeKind::Outside,
    );
    // A utilisation bar along the bottom edge.
    let bar_h = (r.height() * 0.08).clamp(2.0, 6.0);
    let track = Rect::from_min_max(Pos2::new(r.min.x, r.max.y - bar_h), r.max);
    pen.painter
        .rect_filled(track, 0.0, Color32::from_rgba_unmultiplied(0, 0, 0, 40));
    let mut fill = track;
    fill.max.x = track.min.x + track.width() * u.clamp(0.0, 1.0) as f32;
    pen.painter.rect_filled(fill, 0.0, colour);
    if r.height() < 24.0 {
        return;
    }
    label(
        pen,
        r.right_bottom() - Vec2::new(4.0, bar_h + 2.0),
        &format!("{:.0} %", u * 100.0),
        colour,
    );
    let mut badges = Vec::new();
    if heat.queue >= 1.0 {
        badges.push((
            format!("queue {:.0}", heat.queue),
            Color32::from_rgb(154, 103, 0),
        ));
    }
    if heat.error_ratio >= 0.001 {
        badges.push((
            format!("{:.1} % errors", heat.error_ratio * 100.0),
            Color32::from_rgb(207, 34, 46),
        ));
    }
    let mut at = r.left_top() + Vec2::new(0.0, -4.0);
    for (text, colour) in badges {
        let galley = pen
            .painter
            .layout_no_wrap(text, FontId::proportional(11.0), Color32::WHITE);
        let size = galley.size() + Vec2::new(8.0, 2.0);
        let pill = Align2::LEFT_BOTTOM.anchor_size(at, size);
        pen.painter.rect_filled(pill, 6.0, colour);
        pen.painter
            .galley(pill.min + Vec2::new(4.0, 1.0), galley, Color32::WHITE);
        at.x += size.x + 4.0;
    }
}

/// The caption of the overlay at the top of the canvas, with a stale warning when it applies.
pub fn caption(pen: &Pen, overlay: &Overlay, view: Rect) {
    let mut text = overlay.caption.clone();
    if overlay.stale {
        text.push_str("  ·  stale: the design changed since this run");
    }
    let colour = if overlay.stale {
        Color32::from_rgb(154, 103, 0)
    } else {
        Color32::from_rgb(31, 111, 235)
    };
    let galley = pen
        .painter
        .layout_no_wrap(text, FontId::proportional(13.0), Color32::WHITE);
    let size = galley.size() + Vec2::new(16.0, 8.0);
    let r = Align2::CENTER_TOP.anchor_size(view.center_top() + Vec2::new(0.0, 8.0), size);
    pen.painter.rect_filled(r, 6.0, colour);
    pen.painter
        .galley(r.min + Vec2::new(8.0, 4.0), galley, Color32::WHITE);
}

fn label(pen: &Pen, at: Pos2, text: &str, colour: Color32) {
    pen.painter.text(
        at,
        Align2::RIGHT_BOTTOM,
        text,
        FontId::proportional(11.0),
        colour,
    );
}

fn hatch(pen: &Pen, r: Rect) {
    let step = 14.0;
    let stroke = Stroke::new(1.0, Color32::from_rgba_unmultiplied(90, 90, 90, 120));
    let painter = pen
        .painter
        .with_clip_rect(r.intersect(pen.painter.clip_rect()));
    let mut x = r.min.x - r.height();
    while x < r.max.x {
        painter.line_segment(
            [Pos2::new(x, r.max.y), Pos2::new(x + r.height(), r.min.y)],
            stroke,
        );
        x += step;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_goes_from_green_to_red() {
        let idle = heat_colour(0.0);
        let busy = heat_colour(1.0);
        assert!(idle.g() > idle.r());
        assert!(busy.r() > busy.g());
        assert_eq!(heat_colour(0.7), Color32::from_rgb(210, 153, 34));
        assert_eq!(heat_colour(2.0), busy);
    }
}
