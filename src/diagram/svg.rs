//! The diagram as an SVG document, drawn as the editor draws it: container boxes with their
//! titles and captions, components with their icons, names and replica badges, connections
//! with arrowheads and protocol labels (dashed for observability, red with a padlock when
//! plaintext).

use std::fmt::Write as _;

use super::geometry::edge_endpoints;
use super::style::{self, Rgba, Theme};
use super::{icons, labels};
use crate::layout;
use crate::model::{ConnectionKind, Id, Rect, Topology};

/// How to draw.
#[derive(Debug, Clone, Copy)]
pub struct SvgOptions {
    /// Dark theme instead of light.
    pub dark: bool,
    /// Space around the drawing, in canvas units.
    pub margin: f64,
}

impl Default for SvgOptions {
    fn default() -> Self {
        Self {
            dark: false,
            margin: 24.0,
        }
    }
}

/// Height of a container's title bar.
const HEADER: f64 = 30.0;
/// The font the exports use; the PNG export embeds it.
pub const FONT_FAMILY: &str = "Ubuntu, 'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";

/// Escapes text for SVG.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `text` cut with `…` to about `max_w` at `size` (an average glyph is 0.56 em wide).
fn fit(text: &str, size: f64, max_w: f64) -> String {
    let max_chars = (max_w / (size * 0.56)).floor().max(1.0) as usize;
    if text.chars().count() <= max_chars {
        return text.to_owned();
    }
    let mut cut: String = text.chars().take(max_chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

fn fill(c: Rgba) -> String {
    if c.3 == 255 {
        format!("fill=\"{}\"", c.hex())
    } else {
        format!("fill=\"{}\" fill-opacity=\"{:.3}\"", c.hex(), c.opacity())
    }
}

/// The SVG document of `t`. Elements without a position are laid out automatically.
pub fn to_svg(t: &Topology, options: &SvgOptions) -> String {
    let theme = Theme::new(options.dark);
    let mut layout = t.layout.clone();
    layout::fill_missing(t, &mut layout);
    let rect = |id: &Id| layout.elements.get(id).copied();
    let bounds = layout
        .elements
        .values()
        .fold(None::<(f64, f64, f64, f64)>, |acc, r| {
            let b = (r.x, r.y, r.x + r.w, r.y + r.h);
            Some(acc.map_or(b, |a| {
                (a.0.min(b.0), a.1.min(b.1), a.2.max(b.2), a.3.max(b.3))
            }))
        });
    let (x0, y0, x1, y1) = bounds.unwrap_or((0.0, 0.0, 200.0, 100.0));
    let m = options.margin;
    let (vx, vy, vw, vh) = (x0 - m, y0 - m, x1 - x0 + 2.0 * m, y1 - y0 + 2.0 * m);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{vw:.0}\" height=\"{vh:.0}\" viewBox=\"{vx:.1} {vy:.1} {vw:.1} {vh:.1}\" font-family=\"{FONT_FAMILY}\">"
    );
    let _ = writeln!(out, "<title>{}</title>", esc(&t.name));
    defs(&mut out, &theme);
    let _ = writeln!(
        out,
        "<rect x=\"{vx:.1}\" y=\"{vy:.1}\" width=\"{vw:.1}\" height=\"{vh:.1}\" {}/>",
        fill(theme.background)
    );

    // Containers, parents first.
    let mut containers: Vec<(usize, &crate::model::Container)> =
        t.containers.iter().map(|c| (depth(t, c), c)).collect();
    containers.sort_by_key(|(d, _)| *d);
    for (_, c) in containers {
        if let Some(r) = rect(&c.id) {
            container(&mut out, t, c, &r, &theme);
        }
    }
    for c in &t.connections {
        if let (Some(a), Some(b)) = (rect(&c.from), rect(&c.to)) {
            connection(&mut out, c, &a, &b, &theme);
        }
    }
    for c in &t.components {
        if let Some(r) = rect(&c.id) {
            component(&mut out, c, &r, &theme);
        }
    }
    out.push_str("</svg>\n");
    out
}

fn depth(t: &Topology, c: &crate::model::Container) -> usize {
    let mut d = 0;
    let mut next = c.parent.as_ref();
    while let Some(p) = next {
        d += 1;
        if d > t.containers.len() {
            break;
        }
        next = t.container(p.as_str()).and_then(|x| x.parent.as_ref());
    }
    d
}

fn defs(out: &mut String, theme: &Theme) {
    out.push_str("<defs>\n");
    for (id, colour) in [("arrow", theme.edge), ("arrow-plaintext", theme.plaintext)] {
        let _ = writeln!(
            out,
            "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" {}/></marker>",
            fill(colour)
        );
    }
    out.push_str("</defs>\n");
}

fn container(out: &mut String, t: &Topology, c: &crate::model::Container, r: &Rect, theme: &Theme) {
    let accent = style::container(&c.kind);
    let dash = if style::dashed(&c.kind) {
        " stroke-dasharray=\"6 4\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "<g><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"8\" {} stroke=\"{}\" stroke-width=\"1.5\"{dash}/>",
        r.x,
        r.y,
        r.w,
        r.h,
        fill(accent.with_alpha(theme.container_fill_alpha)),
        accent.hex()
    );
    let header = HEADER.min(r.h);
    let _ = writeln!(
        out,
        "<path d=\"M{x0:.1},{y1:.1} V{y0r:.1} Q{x0:.1},{y0:.1} {x0r:.1},{y0:.1} H{x1r:.1} Q{x1:.1},{y0:.1} {x1:.1},{y0r:.1} V{y1:.1} Z\" {}/>",
        fill(accent.with_alpha(theme.header_alpha)),
        x0 = r.x,
        y0 = r.y,
        x1 = r.x + r.w,
        y1 = r.y + header,
        x0r = r.x + 8.0,
        x1r = r.x + r.w - 8.0,
        y0r = r.y + 8.0,
    );
    let w = r.w - 20.0;
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" font-weight=\"bold\" {}>{}</text>",
        r.x + 10.0,
        r.y + 13.0,
        fill(theme.text),
        esc(&fit(&c.name, 12.0, w))
    );
    let caption = labels::container_caption(t, &c.kind);
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" {}>{}</text></g>",
        r.x + 10.0,
        r.y + 25.0,
        fill(theme.weak_text),
        esc(&fit(&caption, 9.0, w))
    );
}

fn connection(out: &mut String, c: &crate::model::Connection, a: &Rect, b: &Rect, theme: &Theme) {
    let ((x1, y1), (x2, y2)) = edge_endpoints(a, b);
    let colour = if c.tls { theme.edge } else { theme.plaintext };
    let dash = match c.kind {
        ConnectionKind::Observability => " stroke-dasharray=\"6 4\"",
        ConnectionKind::Async => " stroke-dasharray=\"12 3\"",
        ConnectionKind::Admin | ConnectionKind::Control => " stroke-dasharray=\"2 3\"",
        ConnectionKind::Request => "",
    };
    let marker = if c.tls { "arrow" } else { "arrow-plaintext" };
    let _ = writeln!(
        out,
        "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{}\" stroke-width=\"1.4\"{dash} marker-end=\"url(#{marker})\"/>",
        colour.hex()
    );
    let text = if c.label.is_empty() {
        c.protocol.label().to_owned()
    } else {
        c.label.clone()
    };
    let (mx, my) = ((x1 + x2) / 2.0, (y1 + y2) / 2.0);
    let size = 9.5;
    let lock = if c.tls { 0.0 } else { 11.0 };
    let w = text.chars().count() as f64 * size * 0.56 + 6.0 + lock;
    let _ = writeln!(
        out,
        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" rx=\"3\" {}/>",
        mx - w / 2.0,
        my - size * 0.75,
        size * 1.5,
        fill(theme.background)
    );
    if !c.tls {
        // An open padlock: body and shackle.
        let (lx, ly) = (mx - w / 2.0 + 3.0, my - 3.5);
        let _ = writeln!(
            out,
            "<rect x=\"{lx:.1}\" y=\"{ly:.1}\" width=\"7\" height=\"5.5\" rx=\"1\" {}/><path d=\"M{:.1},{ly:.1} v-2.5 a2.5,2.5 0 0 1 5,0\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.2\"/>",
            fill(theme.plaintext),
            lx - 2.5,
            theme.plaintext.hex()
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"{size}\" text-anchor=\"middle\" {}>{}</text>",
        mx + lock / 2.0,
        my + size * 0.35,
        fill(colour),
        esc(&text)
    );
}

fn component(out: &mut String, c: &crate::model::Component, r: &Rect, theme: &Theme) {
    let _ = writeln!(
        out,
        "<g><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"6\" {} stroke=\"{}\" stroke-width=\"1\"/>",
        r.x,
        r.y,
        r.w,
        r.h,
        fill(theme.component_fill),
        theme.component_stroke.hex()
    );
    let kind = c.kind.tag();
    let side = (r.h - 16.0).max(0.0);
    let (tx, ty) = (r.x + 8.0, r.y + 8.0);
    let _ = writeln!(
        out,
        "<rect x=\"{tx:.1}\" y=\"{ty:.1}\" width=\"{side:.1}\" height=\"{side:.1}\" rx=\"5\" {}/>",
        fill(style::kind(kind))
    );
    let icon = side * 0.72;
    let _ = writeln!(
        out,
        "<svg x=\"{:.1}\" y=\"{:.1}\" width=\"{icon:.1}\" height=\"{icon:.1}\" viewBox=\"0 0 24 24\"><g fill=\"none\" stroke=\"#ffffff\" stroke-width=\"1.8\" stroke-linecap=\"round\" stroke-linejoin=\"round\">{}</g></svg>",
        tx + (side - icon) / 2.0,
        ty + (side - icon) / 2.0,
        icons::body(kind)
    );
    let text_x = tx + side + 8.0;
    let w = (r.x + r.w - text_x - 8.0).max(0.0);
    let _ = writeln!(
        out,
        "<text x=\"{text_x:.1}\" y=\"{:.1}\" font-size=\"12\" font-weight=\"bold\" {}>{}</text>",
        r.y + 22.0,
        fill(theme.text),
        esc(&fit(&c.name, 12.0, w))
    );
    let _ = writeln!(
        out,
        "<text x=\"{text_x:.1}\" y=\"{:.1}\" font-size=\"9\" {}>{}</text>",
        r.y + 37.0,
        fill(theme.weak_text),
        esc(&fit(&labels::component_caption(c), 9.0, w))
    );
    let (replicas, weak) = labels::replicas(c);
    let colour = if weak {
        theme.plaintext
    } else {
        theme.weak_text
    };
    let _ = writeln!(
        out,
        "<text x=\"{text_x:.1}\" y=\"{:.1}\" font-size=\"9\" {}>{}</text></g>",
        r.y + 53.0,
        fill(colour),
        esc(&replicas)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_and_escapes() {
        assert_eq!(fit("short", 10.0, 100.0), "short");
        assert!(fit(&"x".repeat(100), 10.0, 50.0).ends_with('…'));
        assert_eq!(esc("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
