//! Headless editor frames while a simulation runs in the background: the Icarus sample with
//! the simulation panel open, a single-failures sweep of 600 simulated seconds × 5 replications
//! on the engine's threads. The UI thread must keep its frame time (the figures are in the
//! README); then the same with the finished sweep's table and charts, and with the flow view.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use daedalus::ui::command::{Command, DockTab};
use daedalus::ui::simulation::RunKind;
use daedalus::ui::{AppOptions, DaedalusApp};

mod common;

use common::NoDialog;

/// The pointer's height: over the canvas, above the dock.
const Y: f32 = 400.0;

fn frame(ctx: &egui::Context, app: &mut DaedalusApp, n: u32) -> usize {
    common::frame(ctx, app, n, Y)
}

fn percentiles(
    ctx: &egui::Context,
    app: &mut DaedalusApp,
    first: u32,
    count: u32,
) -> (f64, f64, f64) {
    common::percentiles(ctx, app, first, count, Y)
}

fn bench(c: &mut Criterion) {
    let mut app = DaedalusApp::new(AppOptions {
        file: None, // the Icarus sample
        data_dir: None,
        dialog: Box::new(NoDialog),
    });
    let ctx = egui::Context::default();
    egui_extras::install_image_loaders(&ctx);
    {
        let s = &mut app.simulation_mut().settings;
        s.duration_s = 600.0;
        s.replications = 5;
    }
    app.run(&ctx, Command::ShowTab(DockTab::Simulation));
    for n in 0..10 {
        frame(&ctx, &mut app, n);
    }
    let idle = percentiles(&ctx, &mut app, 10, 200);
    eprintln!(
        "editor frame, simulation panel, idle: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        idle.0, idle.1, idle.2
    );
    app.run(&ctx, Command::Simulate(RunKind::SingleFailures));
    let started = Instant::now();
    let during = percentiles(&ctx, &mut app, 1000, 300);
    let still_running = app.simulation().running();
    eprintln!(
        "editor frame during a background sweep: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} s into the run, still running: {still_running})",
        during.0,
        during.1,
        during.2,
        started.elapsed().as_secs()
    );
    let mut n = 2000;
    if still_running {
        c.bench_function("editor frame while a sweep runs in the background", |b| {
            b.iter(|| {
                n += 1;
                frame(&ctx, &mut app, n)
            })
        });
    }
    app.settle_simulation(Duration::from_secs(600));
    eprintln!(
        "sweep finished after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    for i in 0..5 {
        frame(&ctx, &mut app, 9000 + i);
    }
    let results = percentiles(&ctx, &mut app, 10_000, 200);
    eprintln!(
        "editor frame, sweep table and charts: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        results.0, results.1, results.2
    );
    c.bench_function("editor frame, sweep results with charts and overlay", |b| {
        b.iter(|| {
            n += 1;
            frame(&ctx, &mut app, n)
        })
    });
    app.run(&ctx, Command::ShowTab(DockTab::Flow));
    for i in 0..5 {
        frame(&ctx, &mut app, 20_000 + i);
    }
    let flow = percentiles(&ctx, &mut app, 21_000, 200);
    eprintln!(
        "editor frame, flow view: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        flow.0, flow.1, flow.2
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().without_plots().sample_size(30).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5));
    targets = bench
}
criterion_main!(benches);
