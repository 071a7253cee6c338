//! Property tests: the validator never panics and stays deterministic, on consistent topologies
//! and on inconsistent ones (dangling references, emptied containers, cycles, zero capacity) that
//! a library caller could hand it without checking first.

use daedalus::generate::{GenerateOptions, generate};
use daedalus::io;
use daedalus::model::*;
use daedalus::validate;
use proptest::prelude::*;

/// One edit that may make the topology inconsistent.
#[derive(Debug, Clone)]
enum Edit {
    RemoveComponent(usize),
    RemoveContainer(usize),
    ReverseConnection(usize),
    ConnectToContainer(usize, usize),
    ZeroCapacity(usize),
    Plaintext(usize),
    Waive(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any::<usize>().prop_map(Edit::RemoveComponent),
        any::<usize>().prop_map(Edit::RemoveContainer),
        any::<usize>().prop_map(Edit::ReverseConnection),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::ConnectToContainer(a, b)),
        any::<usize>().prop_map(Edit::ZeroCapacity),
        any::<usize>().prop_map(Edit::Plaintext),
        any::<usize>().prop_map(Edit::Waive),
    ]
}

fn apply(t: &mut Topology, e: &Edit) {
    let pick = |n: usize, k: usize| if n == 0 { None } else { Some(k % n) };
    match *e {
        Edit::RemoveComponent(k) => {
            if let Some(i) = pick(t.components.len(), k) {
                t.components.remove(i);
            }
        }
        Edit::RemoveContainer(k) => {
            if let Some(i) = pick(t.containers.len(), k) {
                t.containers.remove(i);
            }
        }
        Edit::ReverseConnection(k) => {
            if let Some(i) = pick(t.connections.len(), k) {
                let c = &mut t.connections[i];
                std::mem::swap(&mut c.from, &mut c.to);
            }
        }
        Edit::ConnectToContainer(a, b) => {
            if let (Some(i), Some(j)) = (pick(t.connections.len(), a), pick(t.containers.len(), b))
            {
                t.connections[i].to = t.containers[j].id.clone();
            }
        }
        Edit::ZeroCapacity(k) => {
            if let Some(i) = pick(t.components.len(), k) {
                let c = &mut t.components[i].capacity;
                c.replicas = 0;
                c.service_time.mean_ms = 0.0;
            }
        }
        Edit::Plaintext(k) => {
            if let Some(i) = pick(t.connections.len(), k) {
                t.connections[i].tls = false;
            }
        }
        Edit::Waive(k) => {
            if let Some(i) = pick(t.components.len(), k) {
                let element = t.components[i].id.clone();
                t.waivers.push(Waiver {
                    rule: if k % 2 == 0 { "HA-003" } else { "XX-000" }.into(),
                    element,
                    justification: "property test".into(),
                });
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn edited_topologies_never_make_the_validator_panic(
        seed in 0u64..1000,
        components in 20usize..80,
        edits in prop::collection::vec(edit(), 0..12),
    ) {
        let options = GenerateOptions { components, connections: None, seed };
        let mut t = generate(&options).expect("generate");
        for e in &edits {
            apply(&mut t, e);
        }
        let a = validate::validate(&t);
        let b = validate::validate(&t);
        prop_assert_eq!(&a, &b);
        for f in &a.findings {
            prop_assert!(!f.message.is_empty());
        }
        let text = io::to_string(&t).expect("serialize");
        let _ = validate::to_json(&a, validate::Severity::Info, Some(&text));
        let _ = validate::to_sarif(&a, validate::Severity::Info, "t.ron", &text);
    }

    #[test]
    fn edited_samples_never_make_the_validator_panic(
        sample in 0usize..4,
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let text = [
            include_str!("../sample-topologies/icarus-platform.ron"),
            include_str!("../sample-topologies/icarus-platform-hardened.ron"),
            include_str!("../sample-topologies/three-tier.ron"),
            include_str!("../sample-topologies/flawed.ron"),
        ][sample];
        let mut t = io::parse(text).expect("parse");
        for e in &edits {
            apply(&mut t, e);
        }
        let report = validate::validate(&t);
        prop_assert_eq!(report.clone(), validate::validate(&t));
    }
}
