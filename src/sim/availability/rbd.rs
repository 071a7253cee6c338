//! The reliability-block formula: each component's availability from its replicas, zones and
//! MTBF/MTTR, assuming independent blocks and instant failover.
//!
//! A replica is up with a = MTBF' / (MTBF' + MTTR), where MTBF' = MTBF / (1 − β) leaves out the
//! common-cause share β; the k replicas in one zone form a group up with
//! a_zone · (1 − (1 − a)^k); the component is up when a group is up and no common-cause failure
//! (MTBF / β) holds: A = a_cc · (1 − Π (1 − group)).

use crate::model::Reliability;
use crate::sim::net::{NO_ZONE, Station};

/// Availability of one element from its MTBF and MTTR scaled by `share` of its failure rate.
pub(crate) fn element(r: &Reliability, share: f64) -> f64 {
    if share <= 0.0 {
        return 1.0;
    }
    let mtbf = r.mtbf_hours / share;
    if !(mtbf.is_finite() && mtbf > 0.0) {
        return 1.0;
    }
    mtbf / (mtbf + r.mttr_hours.max(0.0))
}

/// Availability of station `s` (1 for a station without failure data in a zone that never
/// fails).
pub(crate) fn block(
    s: &Station,
    reliability: Option<&Reliability>,
    zone: Option<&Reliability>,
    zones: usize,
) -> f64 {
    let beta = reliability.map_or(0.0, |r| r.common_cause_ratio.clamp(0.0, 1.0));
    let a = reliability.map_or(1.0, |r| element(r, 1.0 - beta));
    let a_cc = reliability.map_or(1.0, |r| element(r, beta));
    let a_zone = zone.map_or(1.0, |z| element(z, 1.0));
    // Replicas per zone (the last group: replicas without a zone, which never fails).
    let mut per_zone = vec![0i32; zones + 1];
    for &z in &s.replica_zone {
        let i = if z == NO_ZONE || z as usize >= zones {
            zones
        } else {
            z as usize
        };
        per_zone[i] += 1;
    }
    let all_down: f64 = per_zone
        .iter()
        .enumerate()
        .filter(|(_, k)| **k > 0)
        .map(|(i, &k)| {
            let zone_up = if i == zones { 1.0 } else { a_zone };
            1.0 - zone_up * (1.0 - (1.0 - a).powi(k))
        })
        .product();
    a_cc * (1.0 - all_down)
}
