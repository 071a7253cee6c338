//! Failures and failover: detection delays, promotion, repair, retries, and cascades that
//! emerge from the model (a slow dependency drowning a thread-per-request caller) rather than
//! being scripted.

use std::path::Path;

use daedalus::model::{CallMode, Fault, FaultKind, Id, Scenario, Topology};
use daedalus::sim::{self, Control, ScenarioResult, ScenarioSet, SimOptions};

fn load(path: &str) -> Topology {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    daedalus::io::load(&path).expect("file loads").topology
}

fn run(topology: &Topology, scenario: &str, duration_s: f64) -> ScenarioResult {
    let options = SimOptions {
        duration_s,
        replications: 2,
        seed: 3,
        ..SimOptions::default()
    };
    let set = ScenarioSet::Named(scenario.to_owned());
    let report = sim::simulate(topology, &set, &options, &Control::new()).expect("simulation runs");
    let mut scenarios = report.scenarios;
    assert_eq!(scenarios.len(), 1);
    scenarios.remove(0)
}

fn error_rate(s: &ScenarioResult, from_s: u32, to_s: u32) -> f64 {
    let (failed, ended) = s
        .timeline
        .iter()
        .filter(|t| t.t_s >= from_s && t.t_s < to_s)
        .fold((0.0, 0.0), |(f, e), t| {
            (f + t.failed_rps, e + t.failed_rps + t.served_rps)
        });
    if ended > 0.0 { failed / ended } else { 0.0 }
}

fn utilisation_after(s: &ScenarioResult, id: &str, from_s: usize) -> f64 {
    let c = s
        .components
        .iter()
        .find(|c| c.id.as_str() == id)
        .expect("component simulated");
    let series = &c.timeline.as_ref().expect("timelines kept").utilization;
    let tail: Vec<f64> = series.iter().skip(from_s).flatten().copied().collect();
    tail.iter().sum::<f64>() / tail.len() as f64
}

#[test]
fn a_slow_database_overloads_a_blocking_api_but_not_an_async_one() {
    let blocking = load("tests/fixtures/sim/slow-dependency.ron");
    let s = run(&blocking, "slow-database", 90.0);
    assert!(error_rate(&s, 0, 30) < 0.001, "healthy before the fault");
    // 200 rps × ~107 ms need ~21 threads; the API has 16: its queue grows until callers time
    // out, and most requests fail.
    assert!(
        utilisation_after(&s, "api", 40) > 0.97,
        "API threads saturated"
    );
    assert!(error_rate(&s, 45, 90) > 0.3, "{}", error_rate(&s, 45, 90));
    assert!(s.recovery_s.is_none(), "does not recover while slow");
    assert!(s.peak_queue > 1000.0, "queue grew to {}", s.peak_queue);

    let mut async_api = blocking.clone();
    let Some(api) = async_api
        .components
        .iter_mut()
        .find(|c| c.id.as_str() == "api")
    else {
        panic!("api in the fixture");
    };
    api.capacity.call_mode = CallMode::NonBlocking;
    let s = run(&async_api, "slow-database", 90.0);
    assert!(error_rate(&s, 30, 90) < 0.001, "released threads keep up");
    assert!(utilisation_after(&s, "api", 40) < 0.1);
    let p50 = s.latency_ms.p50.expect("served");
    assert!(p50 > 60.0, "the slowness reaches the users: p50 {p50} ms");
    assert_eq!(s.recovery_s, Some(0.0), "the SLO never broke");
}

#[test]
fn a_repaired_database_is_detected_readmitted_and_the_backlog_drains() {
    let t = load("tests/fixtures/sim/slow-dependency.ron");
    let s = run(&t, "database-down", 180.0);
    assert!(error_rate(&s, 0, 30) < 0.001);
    assert!(
        error_rate(&s, 35, 60) > 0.5,
        "down: {}",
        error_rate(&s, 35, 60)
    );
    assert!(error_rate(&s, 100, 180) < 0.001, "back to normal");
    let recovery = s.recovery_s.expect("recovered within the run");
    assert!(
        (30.0..=60.0).contains(&recovery),
        "SLO holds again soon after the repair at 30 s into the fault: {recovery} s"
    );
    let db = s.connections.iter().find(|c| c.id.as_str() == "api-to-db");
    let db = db.expect("connection simulated");
    assert!(db.timeouts > 0.0, "calls to the dead database time out");
    assert!(db.retry_amplification > 1.0, "and are retried");
}

#[test]
fn losing_the_primary_fails_writes_until_detection_and_promotion() {
    let mut t = load("sample-topologies/three-tier.ron");
    let db = Id::new("db").expect("valid id");
    assert!(t.components.iter().any(|c| c.id == db), "three-tier has db");
    t.scenarios.push(Scenario {
        id: Id::new("primary-down").expect("valid id"),
        description: "The primary stops at 60 s.".to_owned(),
        duration_s: None,
        load: Vec::new(),
        faults: vec![Fault {
            at_s: 60.0,
            duration_s: None,
            fault: FaultKind::ComponentDown {
                component: db.clone(),
                replicas: Some(1),
            },
        }],
    });
    let s = run(&t, "primary-down", 240.0);
    assert!(error_rate(&s, 0, 60) < 0.001, "healthy before");
    // Detection 5 s × 3 and promotion 35 s: about 50 s without a primary.
    assert!(
        error_rate(&s, 62, 100) > 0.05,
        "{}",
        error_rate(&s, 62, 100)
    );
    assert!(error_rate(&s, 130, 240) < 0.001, "the standby took over");
    let recovery = s.recovery_s.expect("recovered");
    assert!((45.0..=90.0).contains(&recovery), "recovery {recovery} s");
    let rpo = s.rpo.iter().find(|r| r.component == db).expect("RPO of db");
    assert_eq!(rpo.rpo_s, Some(0.0), "synchronous standby: {}", rpo.basis);
}
