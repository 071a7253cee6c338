//! Headless frames of the whole editor (egui context, layout and tessellation) on a generated
//! 1,000-component, 2,000-connection topology, everything in view. Goal: p95 frame time under
//! 8 ms on one core (the figure is in the README).

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use daedalus::generate::{GenerateOptions, generate};
use daedalus::ui::files::FileDialog;
use daedalus::ui::{AppOptions, DaedalusApp};

struct NoDialog;

impl FileDialog for NoDialog {
    fn open(&self, _kind: daedalus::ui::files::FileKind) -> Option<std::path::PathBuf> {
        None
    }
    fn save(
        &self,
        _name: &str,
        _kind: daedalus::ui::files::FileKind,
    ) -> Option<std::path::PathBuf> {
        None
    }
    fn folder(&self) -> Option<std::path::PathBuf> {
        None
    }
}

/// The app on the generated topology, in a headless context of 1600×1000 points.
fn setup() -> (egui::Context, DaedalusApp, tempfile::TempDir) {
    let options = GenerateOptions {
        components: 1000,
        connections: Some(2000),
        seed: 1,
    };
    let Ok(topology) = generate(&options) else {
        panic!("generate")
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.ron");
    daedalus::io::save(&path, &topology).expect("save");
    let app = DaedalusApp::new(AppOptions {
        file: Some(path),
        data_dir: None,
        dialog: Box::new(NoDialog),
    });
    let ctx = egui::Context::default();
    egui_extras::install_image_loaders(&ctx);
    (ctx, app, dir)
}

fn input(frame: u32) -> egui::RawInput {
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1600.0, 1000.0));
    let pointer = egui::pos2(700.0 + (frame % 50) as f32, 500.0);
    egui::RawInput {
        screen_rect: Some(screen),
        time: Some(f64::from(frame) / 60.0),
        events: vec![egui::Event::PointerMoved(pointer)],
        ..Default::default()
    }
}

/// One frame: run the UI, tessellate the shapes, drop the texture updates.
fn frame(ctx: &egui::Context, app: &mut DaedalusApp, n: u32) -> usize {
    let output = ctx.run_ui(input(n), |ui| app.frame(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    primitives.len()
}

/// Frame times of 300 frames: (p50, p95, max) in milliseconds.
fn percentiles(ctx: &egui::Context, app: &mut DaedalusApp, first: u32) -> (f64, f64, f64) {
    let mut times: Vec<Duration> = (0..300)
        .map(|n| {
            let start = Instant::now();
            frame(ctx, app, first + n);
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    (ms(times[150]), ms(times[284]), ms(times[299]))
}

fn bench(c: &mut Criterion) {
    let (ctx, mut app, _dir) = setup();
    for n in 0..10 {
        frame(&ctx, &mut app, n); // warm-up: fit to content, rasterise icons, fill caches
    }
    let (p50, p95, max) = percentiles(&ctx, &mut app, 10);
    eprintln!(
        "editor frame, everything in view: p50 {p50:.2} ms, p95 {p95:.2} ms, max {max:.2} ms"
    );
    let mut n = 1000;
    c.bench_function(
        "editor frame, 1000 components / 2000 connections, everything in view",
        |b| {
            b.iter(|| {
                n += 1;
                frame(&ctx, &mut app, n)
            })
        },
    );
    // At 100 % every visible box has its icon, name, caption and badges.
    app.run(&ctx, daedalus::ui::command::Command::ZoomReset);
    for i in 0..10 {
        frame(&ctx, &mut app, 5000 + i);
    }
    let (p50, p95, max) = percentiles(&ctx, &mut app, 6000);
    eprintln!("editor frame, zoom 100 %: p50 {p50:.2} ms, p95 {p95:.2} ms, max {max:.2} ms");
    c.bench_function(
        "editor frame, 1000 components / 2000 connections, zoom 100 %",
        |b| {
            b.iter(|| {
                n += 1;
                frame(&ctx, &mut app, n)
            })
        },
    );
}

criterion_group! {
    name = benches;
    // No HTML plots: criterion's plotter wants system fonts, which this project does without.
    config = Criterion::default().without_plots();
    targets = bench
}
criterion_main!(benches);
