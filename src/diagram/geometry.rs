//! Where connections meet the boxes they join: shared by the editor and the image exports.

use crate::model::Rect;

/// A point.
pub type Point = (f64, f64);

fn centre(r: &Rect) -> Point {
    (r.x + r.w / 2.0, r.y + r.h / 2.0)
}

/// Where the segment from the centre of `r` towards `toward` leaves `r`.
pub fn border_point(r: &Rect, toward: Point) -> Point {
    let (cx, cy) = centre(r);
    let (dx, dy) = (toward.0 - cx, toward.1 - cy);
    if dx.abs() < 1e-9 && dy.abs() < 1e-9 {
        return (cx, cy);
    }
    let tx = if dx.abs() > 1e-9 {
        (r.w / 2.0) / dx.abs()
    } else {
        f64::INFINITY
    };
    let ty = if dy.abs() > 1e-9 {
        (r.h / 2.0) / dy.abs()
    } else {
        f64::INFINITY
    };
    let t = tx.min(ty).min(1.0);
    (cx + dx * t, cy + dy * t)
}

/// The two ends of a connection between boxes `from` and `to`, on their borders. A box inside
/// the other (a component calling its own container) connects from its top to the
/// container's top edge.
pub fn edge_endpoints(from: &Rect, to: &Rect) -> (Point, Point) {
    if to.contains(from) {
        let x = from.x + from.w / 2.0;
        return ((x, from.y), (x, to.y));
    }
    if from.contains(to) {
        let x = to.x + to.w / 2.0;
        return ((x, from.y), (x, to.y));
    }
    (
        border_point(from, centre(to)),
        border_point(to, centre(from)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_lie_on_the_borders() {
        let a = Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 50.0,
        };
        let b = Rect {
            x: 300.0,
            y: 0.0,
            w: 100.0,
            h: 50.0,
        };
        let (p, q) = edge_endpoints(&a, &b);
        assert!((p.0 - 100.0).abs() < 1e-9 && (q.0 - 300.0).abs() < 1e-9);
        let inner = Rect {
            x: 10.0,
            y: 40.0,
            w: 20.0,
            h: 10.0,
        };
        let outer = Rect {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 100.0,
        };
        assert_eq!(edge_endpoints(&inner, &outer), ((20.0, 40.0), (20.0, 0.0)));
    }
}
