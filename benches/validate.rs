//! Validation of a generated 5,000-component, 10,000-connection topology with every rule.
//! Goal: under 50 ms on one core (the figure is in the README).

use criterion::{Criterion, criterion_group, criterion_main};
use daedalus::generate::{GenerateOptions, generate};
use daedalus::model::{check, offered_load};
use daedalus::validate;

fn bench(c: &mut Criterion) {
    let options = GenerateOptions {
        components: 5000,
        connections: Some(10_000),
        seed: 1,
    };
    let Ok(topology) = generate(&options) else {
        panic!("generate")
    };
    assert!(check::check(&topology).is_empty());
    let mut group = c.benchmark_group("5000 components, 10000 connections");
    group.sample_size(20);
    group.bench_function("validate (every rule)", |b| {
        b.iter(|| validate::validate(&topology).findings.len())
    });
    group.bench_function("offered load", |b| {
        b.iter(|| offered_load(&topology).component_rps.len())
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
