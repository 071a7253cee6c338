//! The canvas camera: pan and zoom, and conversions between canvas and screen coordinates.

use egui::{Pos2, Rect, Vec2};

/// Smallest and largest zoom factors.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.1..=4.0;

/// Where the canvas is looked at from. Canvas units are logical pixels at 100 % zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Camera {
    /// Screen position (relative to the canvas widget's top-left) of canvas point (0, 0).
    pub pan: Vec2,
    /// Screen pixels per canvas unit.
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            pan: Vec2::new(20.0, 20.0),
            zoom: 1.0,
        }
    }
}

impl Camera {
    /// Canvas point `p` on screen, for a canvas widget whose top-left is `origin`.
    pub fn to_screen(&self, origin: Pos2, p: Pos2) -> Pos2 {
        origin + self.pan + p.to_vec2() * self.zoom
    }

    /// Screen point `p` on the canvas.
    pub fn to_canvas(&self, origin: Pos2, p: Pos2) -> Pos2 {
        ((p - origin - self.pan) / self.zoom).to_pos2()
    }

    /// Canvas rectangle on screen.
    pub fn rect_to_screen(&self, origin: Pos2, r: Rect) -> Rect {
        Rect::from_min_max(self.to_screen(origin, r.min), self.to_screen(origin, r.max))
    }

    /// Zooms by `factor`, keeping the canvas point under screen point `anchor` in place.
    pub fn zoom_around(&mut self, origin: Pos2, anchor: Pos2, factor: f32) {
        let before = self.to_canvas(origin, anchor);
        self.zoom = (self.zoom * factor).clamp(*ZOOM_RANGE.start(), *ZOOM_RANGE.end());
        let after = self.to_screen(origin, before);
        self.pan += anchor - after;
    }

    /// Shows all of `content` (canvas coordinates) in a widget of size `view`, with a margin.
    pub fn fit(&mut self, content: Rect, view: Vec2) {
        if !content.is_positive() || view.x <= 0.0 || view.y <= 0.0 {
            *self = Camera::default();
            return;
        }
        let margin = 24.0;
        let zx = (view.x - 2.0 * margin).max(1.0) / content.width();
        let zy = (view.y - 2.0 * margin).max(1.0) / content.height();
        self.zoom = zx.min(zy).clamp(*ZOOM_RANGE.start(), 1.5);
        let centre = content.center().to_vec2() * self.zoom;
        self.pan = view / 2.0 - centre;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_zooms_around_the_anchor() {
        let origin = Pos2::new(100.0, 50.0);
        let mut cam = Camera {
            pan: Vec2::new(10.0, -5.0),
            zoom: 1.5,
        };
        let p = Pos2::new(123.0, 456.0);
        let back = cam.to_canvas(origin, cam.to_screen(origin, p));
        assert!((back - p).length() < 1e-3);
        let anchor = Pos2::new(300.0, 200.0);
        let under = cam.to_canvas(origin, anchor);
        cam.zoom_around(origin, anchor, 2.0);
        assert!((cam.to_canvas(origin, anchor) - under).length() < 1e-3);
        cam.zoom_around(origin, anchor, 1000.0);
        assert_eq!(cam.zoom, *ZOOM_RANGE.end());
    }

    #[test]
    fn fit_shows_everything() {
        let mut cam = Camera::default();
        let content = Rect::from_min_max(Pos2::new(-500.0, 0.0), Pos2::new(1500.0, 1000.0));
        let view = Vec2::new(800.0, 600.0);
        cam.fit(content, view);
        let r = cam.rect_to_screen(Pos2::ZERO, content);
        assert!(r.min.x >= 0.0 && r.min.y >= 0.0 && r.max.x <= view.x && r.max.y <= view.y);
    }
}
