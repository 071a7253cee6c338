//! The drawing of a topology outside the editor: its colours, captions, icons and geometry
//! (shared with the editor), and its textual (Mermaid) and image (SVG, PNG) forms for
//! documentation.

pub mod geometry;
pub mod icons;
pub mod labels;
pub mod mermaid;
pub mod png;
pub mod style;
pub mod svg;
