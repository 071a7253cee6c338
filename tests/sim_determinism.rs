//! The same seed gives bit-identical results for any number of threads; another seed gives
//! other results.

use std::path::Path;

use daedalus::sim::{self, Control, ScenarioSet, SimOptions};

fn sweep_json(threads: usize, seed: u64) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-topologies/icarus-platform.ron");
    let topology = daedalus::io::load(&path).expect("sample loads").topology;
    let options = SimOptions {
        duration_s: 40.0,
        rps: Some(300.0),
        replications: 3,
        seed,
        threads: Some(threads),
        fault_at_s: Some(10.0),
        ..SimOptions::default()
    };
    let report = sim::simulate(
        &topology,
        &ScenarioSet::SingleFailures,
        &options,
        &Control::new(),
    )
    .expect("sweep runs");
    assert!(report.scenarios.len() > 10, "a real sweep");
    serde_json::to_string(&report).expect("serialisable")
}

#[test]
fn one_two_and_three_threads_give_identical_output() {
    let one = sweep_json(1, 42);
    let two = sweep_json(2, 42);
    let three = sweep_json(3, 42);
    assert!(one == two, "1 vs 2 threads differ");
    assert!(one == three, "1 vs 3 threads differ");
}

#[test]
fn another_seed_draws_other_requests() {
    assert_ne!(sweep_json(2, 1), sweep_json(2, 2));
}
