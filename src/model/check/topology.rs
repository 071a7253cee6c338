//! Checks of the top of the file: providers, regions, policies. (The schema version is checked
//! while reading, in `io`.)

use std::collections::HashSet;

use super::{Locus, Sink};
use crate::model::Topology;

pub(crate) fn check(t: &Topology, sink: &mut Sink) {
    let mut seen = HashSet::new();
    for p in &t.providers {
        if !seen.insert(p) {
            sink.push(
                Locus::Topology("providers"),
                format!("provider {p:?} is listed twice"),
            );
        }
    }
    for r in &t.regions {
        if r.zones.is_empty() {
            sink.at(
                &r.id,
                "zones",
                format!("region \"{}\" has no availability zones", r.id),
            );
        }
        for p in r.provider_names.keys() {
            if !t.providers.is_empty() && !t.providers.contains(p) {
                sink.at(
                    &r.id,
                    "provider_names",
                    format!(
                        "region \"{}\" names a region of {p:?}, which is not in `providers`",
                        r.id
                    ),
                );
            }
        }
    }
    policies(t, sink);
}

fn policies(t: &Topology, sink: &mut Sink) {
    let p = &t.policies;
    let mut report = |field: &'static str, value: f64, ok: bool, expected: &str| {
        if !ok {
            let shown = if value.is_finite() {
                format!("{value}")
            } else {
                "not a finite number".into()
            };
            sink.push(
                Locus::Policies(field),
                format!("policies: {field} is {shown}; expected {expected}"),
            );
        }
    };
    const YEAR_MIN: f64 = 525_600.0;
    if let Some(v) = p.rto_min {
        report(
            "rto_min",
            v,
            v.is_finite() && (0.0..=YEAR_MIN).contains(&v),
            "0 to 525600 minutes",
        );
    }
    if let Some(v) = p.rpo_min {
        report(
            "rpo_min",
            v,
            v.is_finite() && (0.0..=YEAR_MIN).contains(&v),
            "0 to 525600 minutes",
        );
    }
    if let Some(v) = p.availability_slo_percent {
        report(
            "availability_slo_percent",
            v,
            v.is_finite() && v > 0.0 && v <= 100.0,
            "more than 0 and at most 100 %",
        );
    }
    if let Some(slo) = &p.latency_slo {
        let v = slo.percentile;
        report(
            "percentile",
            v,
            v.is_finite() && v > 0.0 && v < 100.0,
            "more than 0 and less than 100",
        );
        let v = slo.threshold_ms;
        report(
            "threshold_ms",
            v,
            v.is_finite() && v > 0.0 && v <= 3_600_000.0,
            "more than 0 and at most 3600000 ms",
        );
    }
}
