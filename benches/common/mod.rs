//! Headless editor frames for the editor benchmarks: a file dialog that never answers, the
//! input of one frame (a 1600×1000 screen, the pointer moving), one frame (UI, layout,
//! tessellation) and the percentiles of many.

use std::time::{Duration, Instant};

use daedalus::ui::DaedalusApp;
use daedalus::ui::files::{FileDialog, FileKind};

/// A file dialog that is always cancelled.
pub struct NoDialog;

impl FileDialog for NoDialog {
    fn open(&self, _kind: FileKind) -> Option<std::path::PathBuf> {
        None
    }
    fn save(&self, _name: &str, _kind: FileKind) -> Option<std::path::PathBuf> {
        None
    }
    fn folder(&self) -> Option<std::path::PathBuf> {
        None
    }
}

/// The input of frame `frame`: the whole screen, the pointer moving over the canvas at `y`.
fn input(frame: u32, y: f32) -> egui::RawInput {
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0));
    let pointer = egui::pos2(700.0 + (frame % 50) as f32, y);
    egui::RawInput {
        screen_rect: Some(screen),
        time: Some(f64::from(frame) / 60.0),
        events: vec![egui::Event::PointerMoved(pointer)],
        ..Default::default()
    }
}

/// One frame with the pointer at height `y`: run the UI, tessellate the shapes, drop the
/// texture updates. Returns the number of primitives (so the work is not optimised away).
pub fn frame(ctx: &egui::Context, app: &mut DaedalusApp, n: u32, y: f32) -> usize {
    let output = ctx.run_ui(input(n, y), |ui| app.frame(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

/// Frame times of frames `first .. first + count`: (p50, p95, max) in milliseconds.
pub fn percentiles(
    ctx: &egui::Context,
    app: &mut DaedalusApp,
    first: u32,
    count: u32,
    y: f32,
) -> (f64, f64, f64) {
    let mut times: Vec<Duration> = (0..count.max(1))
        .map(|n| {
            let start = Instant::now();
            frame(ctx, app, first + n, y);
            start.elapsed()
        })
        .collect();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e3;
    (at(0.5), at(0.95), at(1.0))
}
