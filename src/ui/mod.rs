//! The desktop editor (egui/eframe). Panels read the document and return commands; the app
//! runs them in one place, where edits are applied and undo recorded. UI-only state (camera,
//! selection, drags) lives outside the document and is never saved. The core modules never
//! import anything from here.

pub mod app;
mod arrange;
pub mod canvas;
pub mod command;
pub mod document;
pub mod edit;
mod export_view;
pub mod files;
mod icons;
mod inspector;
mod menu;
pub mod palette;
mod problems;
mod shortcuts;
pub mod simulation;
pub mod theme;
mod validation;

use std::path::PathBuf;

pub use app::{AppOptions, DaedalusApp};

/// Opens the editor window on `file` (or the embedded Icarus sample) and runs until it closes.
pub fn run(file: Option<PathBuf>) -> eframe::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Daedalus")
            .with_app_id("daedalus")
            .with_inner_size([1440.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Daedalus",
        options,
        Box::new(move |cc| {
            egui_extras::install_image_loaders(&cc.egui_ctx);
            let app = DaedalusApp::new(AppOptions {
                file,
                data_dir: files::data_dir(),
                dialog: Box::new(files::NativeDialog),
            });
            Ok(Box::new(app))
        }),
    )
}
