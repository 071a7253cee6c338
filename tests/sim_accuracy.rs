//! The simulator against queueing theory: with exponential service and non-blocking calls a
//! topology is an open Jackson network, so M/M/1, M/M/4 and a four-station network have exact
//! answers (`docs/simulation.md` lists the formulas). Means must come within 1 %, utilisations
//! within 0.5 % (absolute), and Little's law L = λW must hold within 1 %.
//!
//! The runs are long enough (6–72 million simulated requests) that the 95 % confidence interval
//! of every checked mean is well inside its tolerance: M/M/4 at ρ = 0.9 needs the most, and the
//! network's database (ρ = 0.7 with 10 ms services, a tenth of the traffic) needs 56 million
//! requests for its mean number in system to settle within ±0.6 %. The seed is fixed, so the
//! test is deterministic.

use std::path::Path;

use daedalus::sim::{self, ComponentResult, Control, ScenarioResult, ScenarioSet, SimOptions};

fn run(fixture: &str, duration_s: f64) -> ScenarioResult {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sim")
        .join(fixture);
    let loaded = daedalus::io::load(&path).expect("fixture loads");
    let options = SimOptions {
        duration_s,
        replications: 4,
        seed: 7,
        warmup_s: 20.0,
        component_timelines: false,
        ..SimOptions::default()
    };
    let report = sim::simulate(
        &loaded.topology,
        &ScenarioSet::Baseline,
        &options,
        &Control::new(),
    )
    .expect("simulation runs");
    let mut scenarios = report.scenarios;
    assert_eq!(scenarios.len(), 1);
    scenarios.remove(0)
}

fn station<'a>(s: &'a ScenarioResult, id: &str) -> &'a ComponentResult {
    s.components
        .iter()
        .find(|c| c.id.as_str() == id)
        .unwrap_or_else(|| panic!("no station {id}"))
}

#[track_caller]
fn within(what: &str, got: f64, exact: f64, relative: f64) {
    let error = (got - exact).abs() / exact;
    assert!(
        error <= relative,
        "{what}: simulated {got:.4}, exact {exact:.4}, off by {:.2} % (allowed {:.2} %)",
        100.0 * error,
        100.0 * relative
    );
}

#[track_caller]
fn within_abs(what: &str, got: f64, exact: f64, absolute: f64) {
    assert!(
        (got - exact).abs() <= absolute,
        "{what}: simulated {got:.4}, exact {exact:.4}, allowed ±{absolute}"
    );
}

fn mean_latency(s: &ScenarioResult) -> f64 {
    s.latency_ms.mean.expect("requests succeeded")
}

#[test]
fn mm1_matches_the_exact_mean_time_and_number_in_system() {
    // λ = 0.8 /ms, μ = 1 /ms: W = 1 / (μ − λ) = 5 ms, L = ρ / (1 − ρ) = 4.
    let s = run("mm1.ron", 2000.0);
    assert!(s.requests > 6_000_000, "{} requests", s.requests);
    assert_eq!(s.failed_requests, 0);
    let server = station(&s, "server");
    within("M/M/1 W (end to end)", mean_latency(&s), 5.000, 0.01);
    within(
        "M/M/1 W (station)",
        server.mean_sojourn_ms.expect("served"),
        5.000,
        0.01,
    );
    within("M/M/1 L", server.mean_in_system, 4.000, 0.01);
    within_abs("M/M/1 utilisation", server.utilization, 0.8, 0.005);
    within(
        "M/M/1 Wq",
        server.mean_wait_ms.expect("served"),
        4.000,
        0.015,
    );
    // The sojourn time is exponential with rate μ − λ: p50 = ln 2 / 0.2 = 3.466 ms,
    // p95 = 14.98 ms, p99 = 23.03 ms (histogram buckets limit these to about 1 %).
    within("M/M/1 p50", s.latency_ms.p50.expect("p50"), 3.466, 0.02);
    within("M/M/1 p95", s.latency_ms.p95.expect("p95"), 14.98, 0.02);
    within("M/M/1 p99", s.latency_ms.p99.expect("p99"), 23.03, 0.03);
    // Little's law at the station: L = λW.
    within(
        "M/M/1 Little",
        server.mean_in_system,
        server.offered_rps / 1000.0 * server.mean_sojourn_ms.expect("served"),
        0.01,
    );
}

#[test]
fn mm4_matches_erlang_c() {
    // λ = 3.6 /ms, c = 4, μ = 1 /ms: ρ = 0.9, C = 0.7878, Wq = 1.969 ms, W = 2.969 ms.
    let s = run("mm4.ron", 5000.0);
    assert!(s.requests > 70_000_000, "{} requests", s.requests);
    let server = station(&s, "server");
    within("M/M/4 W", mean_latency(&s), 2.969, 0.01);
    within(
        "M/M/4 Wq",
        server.mean_wait_ms.expect("served"),
        1.969,
        0.01,
    );
    within("M/M/4 L", server.mean_in_system, 10.69, 0.01);
    within_abs("M/M/4 utilisation", server.utilization, 0.9, 0.005);
    within(
        "M/M/4 Little",
        server.mean_in_system,
        server.offered_rps / 1000.0 * server.mean_sojourn_ms.expect("served"),
        0.01,
    );
}

#[test]
fn jackson_network_matches_the_product_form() {
    // 1.4 /ms → LB (c=2, 0.5 ms) → API (c=4, 2 ms) → 90 % cache (c=2, 0.5 ms) / 10 % DB
    // (c=2, 10 ms): W = Σ v_i W_i = 5.745 ms, L = Σ L_i = 8.042.
    let s = run("jackson.ron", 10_000.0);
    assert!(s.requests > 55_000_000, "{} requests", s.requests);
    within("network W", mean_latency(&s), 5.745, 0.01);
    let exact = [
        ("lb", 0.35, 0.5698, 0.7977),
        ("api", 0.70, 2.714, 3.800),
        ("cache", 0.315, 0.5551, 0.6994),
        ("db", 0.70, 19.61, 2.745),
    ];
    let mut total_l = 0.0;
    for (id, rho, w_ms, l) in exact {
        let c = station(&s, id);
        within_abs(&format!("{id} utilisation"), c.utilization, rho, 0.005);
        within(
            &format!("{id} W"),
            c.mean_sojourn_ms.expect("served"),
            w_ms,
            0.01,
        );
        within(&format!("{id} L"), c.mean_in_system, l, 0.01);
        total_l += c.mean_in_system;
    }
    within("network L", total_l, 8.042, 0.01);
    // Little's law for the whole network: L = γ W with the external rate γ.
    let gamma_per_ms = s.requests as f64 / (4.0 * (10_000.0 - 20.0)) / 1000.0;
    within(
        "network Little",
        total_l,
        gamma_per_ms * mean_latency(&s),
        0.01,
    );
}
