//! Line geometry for connections on the canvas: endpoints on box borders (the core's, in
//! egui types), distances for hit testing, arrowheads.

use egui::{Pos2, Rect, Vec2};

use super::scene::to_model;
use crate::diagram::geometry;

/// The two ends of a connection between boxes `from` and `to`, on their borders (see
/// [`crate::diagram::geometry::edge_endpoints`]).
pub fn edge_endpoints(from: Rect, to: Rect) -> (Pos2, Pos2) {
    let (a, b) = geometry::edge_endpoints(&to_model(from), &to_model(to));
    let p = |(x, y): (f64, f64)| Pos2::new(x as f32, y as f32);
    (p(a), p(b))
}

/// Distance from `p` to the segment `a`–`b`.
pub fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len_sq = ab.length_sq();
    if len_sq < 1e-9 {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / len_sq).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

/// The two back corners of an arrowhead of `size` pointing at `tip` from direction `dir`.
pub fn arrowhead(tip: Pos2, dir: Vec2, size: f32) -> [Pos2; 3] {
    let d = if dir.length_sq() > 1e-9 {
        dir.normalized()
    } else {
        Vec2::X
    };
    let n = Vec2::new(-d.y, d.x);
    let base = tip - d * size;
    [tip, base + n * size * 0.5, base - n * size * 0.5]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_lie_on_the_borders() {
        let a = Rect::from_min_size(Pos2::new(0.0, 0.0), egui::vec2(100.0, 50.0));
        let b = Rect::from_min_size(Pos2::new(300.0, 0.0), egui::vec2(100.0, 50.0));
        let (p, q) = edge_endpoints(a, b);
        assert!((p.x - 100.0).abs() < 1e-3 && (q.x - 300.0).abs() < 1e-3);
        assert!((distance_to_segment(Pos2::new(200.0, 30.0), p, q) - 5.0).abs() < 1e-3);
    }
}
