//! Whatever a file or the command line holds (zero replicas, NaN service times, negative
//! rates, faults outside the run, absurd timeouts), planning and running a simulation return a
//! result or an error; they never panic.

use std::path::Path;

use daedalus::model::{
    ActorLoad, CallMode, Distribution, Fault, FaultKind, Id, LoadProfile, Scenario, Topology,
};
use daedalus::sim::{self, Control, ScenarioSet, SimOptions};
use proptest::prelude::*;

fn three_tier() -> Topology {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-topologies/three-tier.ron");
    daedalus::io::load(&path).expect("sample loads").topology
}

/// Numbers a user might type, the odd ones included.
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        -10.0..5000.0f64,
        Just(0.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(-f64::INFINITY),
        Just(1e-300),
        Just(f64::MAX),
    ]
}

fn distribution() -> impl Strategy<Value = Distribution> {
    prop_oneof![
        Just(Distribution::Exponential),
        Just(Distribution::Constant),
        number().prop_map(|sigma| Distribution::LogNormal { sigma }),
    ]
}

fn profile() -> impl Strategy<Value = LoadProfile> {
    prop_oneof![
        Just(LoadProfile::Constant),
        (number(), number()).prop_map(|(at_s, factor)| LoadProfile::Step { at_s, factor }),
        (number(), number(), number()).prop_map(|(at_s, duration_s, factor)| {
            LoadProfile::Spike {
                at_s,
                duration_s,
                factor,
            }
        }),
        (number(), number(), number(), number()).prop_map(|(a, b, c, d)| LoadProfile::Ramp {
            from_factor: a,
            to_factor: b,
            start_s: c,
            end_s: d,
        }),
        (number(), number(), number(), number()).prop_map(|(a, b, c, d)| {
            LoadProfile::Diurnal {
                period_s: a,
                trough_factor: b,
                peak_factor: c,
                peak_at_s: d,
            }
        }),
    ]
}

/// Per component: replicas, concurrency, mean service time, distribution, blocking.
type Capacity = (u32, u32, f64, Distribution, bool);
/// Per connection: calls per request, timeout, retries.
type Traffic = (f64, Option<f64>, u32);

fn apply(t: &mut Topology, capacities: &[Capacity], traffic: &[Traffic]) {
    for (c, (replicas, concurrency, mean_ms, distribution, blocking)) in
        t.components.iter_mut().zip(capacities)
    {
        c.capacity.replicas = *replicas;
        c.capacity.concurrency_per_replica = *concurrency;
        c.capacity.service_time.mean_ms = *mean_ms;
        c.capacity.service_time.distribution = distribution.clone();
        c.capacity.call_mode = if *blocking {
            CallMode::Blocking
        } else {
            CallMode::NonBlocking
        };
    }
    for (c, (calls, timeout_ms, retries)) in t.connections.iter_mut().zip(traffic) {
        c.traffic.calls_per_request = *calls;
        c.traffic.timeout_ms = *timeout_ms;
        c.traffic.retries = *retries;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_capacity_traffic_and_faults_plan_and_run_without_panicking(
        capacities in proptest::collection::vec(
            (0u32..4, 0u32..50, number(), distribution(), any::<bool>()), 0..40),
        traffic in proptest::collection::vec(
            (prop_oneof![0.0..3.0f64, number()], proptest::option::of(number()), 0u32..20), 0..40),
        faults in proptest::collection::vec(
            (number(), proptest::option::of(number()), 0usize..40, 0u8..4, proptest::option::of(0u32..4)),
            0..4),
        profile in profile(),
        rate in proptest::option::of(number()),
        duration_s in prop_oneof![1.0..6.0f64, number()],
        replications in 0u32..3,
        sweep in any::<bool>(),
    ) {
        let mut t = three_tier();
        apply(&mut t, &capacities, &traffic);
        let ids: Vec<Id> = t.components.iter().map(|c| c.id.clone()).collect();
        let zone = t.regions[0].zones[0].clone();
        let region = t.regions[0].id.clone();
        let faults = faults
            .into_iter()
            .map(|(at_s, duration_s, who, what, replicas)| {
                let component = ids[who % ids.len()].clone();
                let fault = match what {
                    0 => FaultKind::ComponentDown { component, replicas },
                    1 => FaultKind::ZoneDown { zone: zone.clone() },
                    2 => FaultKind::RegionDown { region: region.clone() },
                    _ => FaultKind::SlowComponent { component, added_ms: at_s },
                };
                Fault { at_s, duration_s, fault }
            })
            .collect();
        t.scenarios.push(Scenario {
            id: Id::new("fuzz").expect("valid id"),
            description: String::new(),
            duration_s: Some(duration_s.min(6.0)),
            load: vec![ActorLoad { actor: None, rate_rps: rate.map(|r| r.min(3000.0)), profile }],
            faults,
        });
        let options = SimOptions {
            duration_s: duration_s.min(6.0),
            rps: rate.map(|r| r.min(3000.0)),
            replications,
            threads: Some(1),
            fault_at_s: Some(1.0),
            ..SimOptions::default()
        };
        for set in [ScenarioSet::Named("fuzz".to_owned()), ScenarioSet::Baseline] {
            let _ = sim::simulate(&t, &set, &options, &Control::new());
        }
        if sweep {
            let _ = sim::simulate(&t, &ScenarioSet::SingleFailures, &options, &Control::new());
        }
    }

    #[test]
    fn any_failure_data_runs_the_availability_analysis(
        mtbf in number(), mttr in number(), ratio in number(), years in number(),
    ) {
        let mut t = three_tier();
        for c in &mut t.components {
            c.capacity.reliability = Some(daedalus::model::Reliability {
                mtbf_hours: mtbf,
                mttr_hours: mttr,
                common_cause_ratio: ratio,
            });
        }
        let options = SimOptions {
            replications: 2,
            availability_years: years.min(2.0),
            ..SimOptions::default()
        };
        let _ = sim::simulate(&t, &ScenarioSet::Availability, &options, &Control::new());
    }
}
