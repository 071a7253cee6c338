//! The Monte-Carlo availability run against the reliability-block formula: two replicas with
//! a = 0.99 (MTBF 99 h, MTTR 1 h) in zones with a_AZ = 0.9990882 (MTBF 4383 h, MTTR 4 h).

use std::path::Path;

use daedalus::sim::{self, AvailabilityReport, Control, ScenarioSet, SimOptions};

fn availability(fixture: &str) -> AvailabilityReport {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sim")
        .join(fixture);
    let topology = daedalus::io::load(&path).expect("fixture loads").topology;
    let options = SimOptions {
        replications: 4,
        availability_years: 1000.0,
        seed: 11,
        ..SimOptions::default()
    };
    let report = sim::simulate(
        &topology,
        &ScenarioSet::Availability,
        &options,
        &Control::new(),
    )
    .expect("availability runs");
    report.availability.expect("an availability report")
}

#[track_caller]
fn inside_interval(a: &AvailabilityReport) {
    let half = a
        .availability_instant_failover_ci95
        .expect("a confidence interval with 4 replications");
    let off = (a.availability_instant_failover - a.rbd_availability).abs();
    assert!(
        off <= half,
        "Monte-Carlo {:.7} ± {half:.7} misses the formula {:.7}",
        a.availability_instant_failover,
        a.rbd_availability
    );
}

#[test]
fn one_replica_per_zone_matches_the_parallel_formula() {
    let a = availability("availability-two-zones.ron");
    // A = 1 − (1 − a·a_AZ)² = 0.9998811: 62.5 min a year.
    assert!(
        (a.rbd_availability - 0.999_881_1).abs() < 5e-8,
        "{}",
        a.rbd_availability
    );
    assert!((a.rbd_downtime_min_per_year - 62.5).abs() < 0.1);
    inside_interval(&a);
    assert!(a.precise, "about two outages a year over 4000 years");
    // Detection and readmission delays cost extra minutes over instant failover.
    assert!(a.availability < a.availability_instant_failover);
}

#[test]
fn both_replicas_in_one_zone_share_its_outages() {
    let a = availability("availability-one-zone.ron");
    // A = a_AZ · (1 − (1 − a)²) = 0.9989883: 532 min a year.
    assert!(
        (a.rbd_availability - 0.998_988_3).abs() < 5e-8,
        "{}",
        a.rbd_availability
    );
    assert!((a.rbd_downtime_min_per_year - 532.0).abs() < 1.0);
    inside_interval(&a);
}
