//! The `single-failures` sweep of the Icarus sample (every component, zone and region: 18
//! scenarios) with the CLI's defaults: 600 simulated seconds at 1,000 rps, 5 replications.
//! Goals: under 10 s on this 2-core machine, and at least 1.8× faster on 2 threads than on 1.
//! A shorter sweep (120 s) measures the scaling with less waiting.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use daedalus::sim::{Control, ScenarioSet, SimOptions, plan, run};

fn bench(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-topologies/icarus-platform.ron");
    let Ok(loaded) = daedalus::io::load(&path) else {
        panic!("cannot load the Icarus sample")
    };
    let mut group = c.benchmark_group("Icarus single-failures");
    group.sample_size(10);
    for (duration_s, threads) in [(120.0, 1), (120.0, 2), (600.0, 2)] {
        let options = SimOptions {
            duration_s,
            rps: Some(1000.0),
            replications: 5,
            threads: Some(threads),
            ..SimOptions::default()
        };
        let Ok(p) = plan(&loaded.topology, &ScenarioSet::SingleFailures, &options) else {
            panic!("plan")
        };
        let name = format!("{duration_s} s x 5 replications, {threads} thread(s)");
        group.bench_function(name, |b| {
            b.iter(|| run(&p, &Control::new()).map(|r| r.scenarios.len()))
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
