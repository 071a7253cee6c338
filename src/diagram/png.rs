//! The diagram as a PNG image: the SVG rasterised with resvg, with our embedded font (no
//! system fonts are needed).

use super::svg::{SvgOptions, to_svg};
use crate::model::Topology;

/// The font the PNG export renders text with (Ubuntu Light, Ubuntu Font Licence, in
/// `assets/fonts/`).
const FONT: &[u8] = include_bytes!("../../assets/fonts/Ubuntu-Light.ttf");

/// Largest image side accepted, in pixels.
pub const MAX_SIDE_PX: u32 = 16_384;

/// Why a PNG could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// The SVG could not be read back (a bug: say so).
    #[error("the diagram's SVG could not be rasterised: {0}")]
    Svg(String),
    /// The image would be empty or too large at this scale.
    #[error(
        "the image would be {width}×{height} pixels; choose a scale that keeps both sides between 1 and {MAX_SIDE_PX}"
    )]
    Size {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
    },
    /// Encoding failed.
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
}

/// The PNG bytes of `t`, at `scale` pixels per canvas unit (2.0 for a sharp image on a
/// high-density screen).
pub fn to_png(t: &Topology, options: &SvgOptions, scale: f32) -> Result<Vec<u8>, PngError> {
    svg_to_png(&to_svg(t, options), scale)
}

/// Any SVG document (a diagram, a chart) as PNG bytes at `scale`, its text in the embedded font.
pub fn svg_to_png(svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    let mut opt = resvg::usvg::Options {
        font_family: "Ubuntu".into(),
        ..Default::default()
    };
    opt.fontdb_mut().load_font_data(FONT.to_vec());
    // Charts ask for the generic family; it is the embedded font too.
    opt.fontdb_mut().set_sans_serif_family("Ubuntu");
    let tree = resvg::usvg::Tree::from_str(svg, &opt).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let (width, height) = (
        (size.width() * scale).ceil() as u32,
        (size.height() * scale).ceil() as u32,
    );
    if !(1..=MAX_SIDE_PX).contains(&width) || !(1..=MAX_SIDE_PX).contains(&height) {
        return Err(PngError::Size { width, height });
    }
    let Some(mut pixmap) = resvg::tiny_skia::Pixmap::new(width, height) else {
        return Err(PngError::Size { width, height });
    };
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}
