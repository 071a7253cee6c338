//! Export of a generated 1,000-component, 2,000-connection topology: Terraform for each cloud
//! and the Helm chart, in memory. Goal: under 1 s each (the figures are in the README).

use criterion::{Criterion, criterion_group, criterion_main};
use daedalus::export::{Cloud, Target, export};
use daedalus::generate::{GenerateOptions, generate};

fn bench(c: &mut Criterion) {
    let options = GenerateOptions {
        components: 1000,
        connections: Some(2000),
        seed: 1,
    };
    let Ok(topology) = generate(&options) else {
        panic!("generate")
    };
    let mut group = c.benchmark_group("export 1000 components, 2000 connections");
    group.sample_size(10);
    for cloud in Cloud::ALL {
        group.bench_function(format!("terraform {}", cloud.as_str()), |b| {
            b.iter(|| export(&topology, Target::Terraform(cloud)).map(|e| e.files.len()))
        });
    }
    group.bench_function("helm", |b| {
        b.iter(|| export(&topology, Target::Helm).map(|e| e.files.len()))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // No HTML plots: criterion's plotter wants system fonts, which this project does without.
    config = Criterion::default().without_plots();
    targets = bench
}
criterion_main!(benches);
