//! Single-thread simulation speed on the models of the accuracy tests, every metric on
//! (per-second timelines of every component, latency histograms). Criterion's throughput is
//! in simulated user requests per second. Goal for the Jackson network: at least 2 million
//! (Ciw does about 14 thousand and SimPy about 38 thousand on this model here).

use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use daedalus::model::Topology;
use daedalus::sim::{Control, ScenarioSet, SimOptions, plan, run};

fn fixture(name: &str) -> Topology {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sim")
        .join(name);
    let Ok(loaded) = daedalus::io::load(&path) else {
        panic!("cannot load {}", path.display())
    };
    loaded.topology
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulate, 1 thread");
    group.sample_size(10);
    for (name, file, duration_s) in [
        (
            "Jackson network (1400 rps, 4 stations)",
            "jackson.ron",
            200.0,
        ),
        ("M/M/1 (800 rps)", "mm1.ron", 300.0),
    ] {
        let topology = fixture(file);
        let options = SimOptions {
            duration_s,
            replications: 1,
            threads: Some(1),
            component_timelines: true,
            ..SimOptions::default()
        };
        let Ok(p) = plan(&topology, &ScenarioSet::Baseline, &options) else {
            panic!("plan {file}")
        };
        let Ok(report) = run(&p, &Control::new()) else {
            panic!("run {file}")
        };
        group.throughput(Throughput::Elements(report.scenarios[0].requests));
        group.bench_function(name, |b| {
            b.iter(|| run(&p, &Control::new()).map(|r| r.scenarios[0].requests))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // No HTML plots: criterion's plotter wants system fonts, which this project does without.
    config = Criterion::default().without_plots();
    targets = bench
}
criterion_main!(benches);
