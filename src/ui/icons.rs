//! The component icons for egui: the core's embedded SVGs ([`crate::diagram::icons`]) as image
//! sources.

use egui::ImageSource;
use egui::load::Bytes;

use crate::diagram::icons;
use crate::model::KindTag;

/// The icon of a component kind. Icons are white line art, tinted when painted.
pub fn icon(kind: KindTag) -> ImageSource<'static> {
    ImageSource::Bytes {
        uri: format!("bytes://daedalus/icons/{}", icons::file_name(kind)).into(),
        bytes: Bytes::Static(icons::svg(kind).as_bytes()),
    }
}

/// Icons are rasterised at a few fixed sizes and scaled, so zooming does not rasterise anew
/// every frame: the smallest of these at least `wanted` pixels tall.
pub fn quantized_size(wanted: f32) -> f32 {
    [16.0, 24.0, 32.0, 48.0, 64.0, 96.0]
        .into_iter()
        .find(|s| *s >= wanted)
        .unwrap_or(96.0)
}
