//! Headless frames of the whole editor (egui context, layout and tessellation) on a generated
//! 1,000-component, 2,000-connection topology, everything in view. Goal: p95 frame time under
//! 8 ms on one core (the figure is in the README).

use criterion::{Criterion, criterion_group, criterion_main};
use daedalus::generate::{GenerateOptions, generate};
use daedalus::ui::{AppOptions, DaedalusApp};

mod common;

use common::{NoDialog, percentiles};

/// The pointer's height: over the canvas.
const Y: f32 = 500.0;

fn frame(ctx: &egui::Context, app: &mut DaedalusApp, n: u32) -> usize {
    common::frame(ctx, app, n, Y)
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

fn bench(c: &mut Criterion) {
    let (ctx, mut app, _dir) = setup();
    for n in 0..10 {
        frame(&ctx, &mut app, n); // warm-up: fit to content, rasterise icons, fill caches
    }
    let (p50, p95, max) = percentiles(&ctx, &mut app, 10, 300, Y);
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
    let (p50, p95, max) = percentiles(&ctx, &mut app, 6000, 300, Y);
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
