//! Load + semantic check of a generated 5,000-component, 10,000-connection topology.
//! Goal: under 100 ms on one core (the figure is in the README).

use criterion::{Criterion, criterion_group, criterion_main};
use daedalus::generate::{GenerateOptions, generate};
use daedalus::io;
use daedalus::model::check;

fn bench(c: &mut Criterion) {
    let options = GenerateOptions {
        components: 5000,
        connections: Some(10_000),
        seed: 1,
    };
    let Ok(topology) = generate(&options) else {
        panic!("generate")
    };
    let Ok(text) = io::to_string(&topology) else {
        panic!("serialize")
    };
    let mut group = c.benchmark_group("5000 components, 10000 connections");
    group.sample_size(20);
    group.bench_function("parse + check", |b| {
        b.iter(|| {
            let Ok(t) = io::parse(&text) else {
                panic!("parse")
            };
            let problems = check::check(&t);
            assert!(problems.is_empty());
            t
        })
    });
    group.bench_function("parse", |b| b.iter(|| io::parse(&text).is_ok()));
    group.bench_function("check", |b| b.iter(|| check::check(&topology).len()));
    group.bench_function("save (canonical text)", |b| {
        b.iter(|| io::to_string(&topology).map(|s| s.len()))
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
