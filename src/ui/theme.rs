//! Colours of the canvas for the light and the dark theme: the core diagram style
//! ([`crate::diagram::style`]) as egui colours.

use egui::Color32;

use crate::diagram::style::{self, Rgba};
use crate::model::{ContainerKind, KindTag};

fn c(rgba: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(rgba.0, rgba.1, rgba.2, rgba.3)
}

/// The diagram palette of one theme.
#[derive(Clone, Copy)]
pub struct Palette {
    /// Whether this is the dark theme.
    pub dark: bool,
    /// Canvas background.
    pub background: Color32,
    /// Grid dots.
    pub grid: Color32,
    /// Text on the canvas.
    pub text: Color32,
    /// Secondary text (kinds, replica counts).
    pub weak_text: Color32,
    /// Component box fill.
    pub component_fill: Color32,
    /// Component box outline.
    pub component_stroke: Color32,
    /// Selection outline.
    pub selection: Color32,
    /// Connection lines.
    pub edge: Color32,
    /// Plaintext connection mark.
    pub plaintext: Color32,
    /// Problem badge.
    pub problem: Color32,
    theme: style::Theme,
}

impl Palette {
    /// The palette for the given theme.
    pub fn new(dark: bool) -> Self {
        let t = style::Theme::new(dark);
        Palette {
            dark,
            background: c(t.background),
            grid: c(t.grid),
            text: c(t.text),
            weak_text: c(t.weak_text),
            component_fill: c(t.component_fill),
            component_stroke: c(t.component_stroke),
            selection: c(t.selection),
            edge: c(t.edge),
            plaintext: c(t.plaintext),
            problem: c(t.problem),
            theme: t,
        }
    }

    /// Accent colour of a container kind: fill (translucent) and outline.
    pub fn container(&self, kind: &ContainerKind) -> (Color32, Color32) {
        let accent = style::container(kind);
        (
            c(accent.with_alpha(self.theme.container_fill_alpha)),
            c(accent),
        )
    }

    /// Translucent title band of a container with accent `accent`.
    pub fn header(&self, accent: Color32) -> Color32 {
        Color32::from_rgba_unmultiplied(accent.r(), accent.g(), accent.b(), self.theme.header_alpha)
    }

    /// Accent colour of a component kind (its icon background).
    pub fn kind(&self, kind: KindTag) -> Color32 {
        c(style::kind(kind))
    }
}
