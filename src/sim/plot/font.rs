//! The chart font, bundled: Ubuntu Light (Ubuntu Font Licence, `assets/fonts/UFL.txt`),
//! registered once as plotters' `sans-serif`.

use std::sync::Once;

use plotters::style::FontStyle;

static FONT: &[u8] = include_bytes!("../../../assets/fonts/Ubuntu-Light.ttf");

/// Registers the bundled font (once per process).
pub(crate) fn register() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The bytes are a valid TrueType font (checked by a test); if registration failed
        // anyway, text would be missing from the charts, not the charts themselves.
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, FONT);
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_font_parses() {
        assert!(
            plotters::style::register_font(
                "sans-serif",
                plotters::style::FontStyle::Normal,
                super::FONT
            )
            .is_ok()
        );
    }
}
