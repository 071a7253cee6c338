//! Ranking the scenarios of a sweep by impact, and finding the component each fault loads most
//! compared with the baseline.
//!
//! Impact: the share of user requests lost first, then the seconds the SLO did not hold, then
//! the p99 latency of the requests that succeeded.

use super::plan::ScenarioKind;
use super::report::{ComponentResult, LoadShift, Ranked, ScenarioResult};

/// Smallest growth in requests per second that counts as a load shift (below it is noise).
const MIN_SHIFT_RPS: f64 = 1.0;

/// The faulty scenarios of `results`, worst first.
pub(crate) fn rank(results: &[ScenarioResult]) -> Vec<Ranked> {
    let mut faulty: Vec<&ScenarioResult> = results
        .iter()
        .filter(|r| r.kind != ScenarioKind::Baseline)
        .collect();
    faulty.sort_by(|a, b| {
        let lost = lost_ratio;
        lost(b)
            .total_cmp(&lost(a))
            .then(b.slo_violation_s.total_cmp(&a.slo_violation_s))
            .then(
                b.latency_ms
                    .p99
                    .unwrap_or(f64::INFINITY)
                    .total_cmp(&a.latency_ms.p99.unwrap_or(f64::INFINITY)),
            )
    });
    faulty
        .into_iter()
        .enumerate()
        .map(|(i, r)| Ranked {
            rank: i + 1,
            name: r.name.clone(),
            kind: r.kind,
            lost_ratio: lost_ratio(r),
            slo_violation_s: r.slo_violation_s,
            p99_ms: r.latency_ms.p99,
            survived: r.recovery_s.is_some(),
            recovery_s: r.recovery_s,
        })
        .collect()
}

/// Share of the requests lost from the fault on (over the run without faults).
fn lost_ratio(r: &ScenarioResult) -> f64 {
    1.0 - r.fault_success_ratio.unwrap_or(r.success_ratio)
}

/// Mean request rate of component `c` from second `from` on (its whole-run rate without a
/// timeline).
fn rate_from(c: &ComponentResult, from: usize) -> f64 {
    match &c.timeline {
        Some(t) if t.rps.len() > from => {
            t.rps[from..].iter().sum::<f64>() / (t.rps.len() - from) as f64
        }
        _ => c.offered_rps,
    }
}

/// The component of `scenario` whose request rate, from the first fault on, grew most against
/// `baseline` over the same seconds (by factor, at least [`MIN_SHIFT_RPS`] more).
pub(crate) fn load_shift(
    baseline: &ScenarioResult,
    scenario: &ScenarioResult,
) -> Option<LoadShift> {
    let from = scenario
        .faults
        .iter()
        .map(|f| f.at_s)
        .min_by(|a, b| a.total_cmp(b))
        .map_or(0, |s| s.max(0.0).ceil() as usize);
    scenario
        .components
        .iter()
        .filter_map(|c| {
            let b = baseline.components.iter().find(|b| b.id == c.id)?;
            let (before, after) = (rate_from(b, from), rate_from(c, from));
            (before > 0.0 && after - before >= MIN_SHIFT_RPS).then(|| LoadShift {
                component: c.id.clone(),
                baseline_rps: before,
                rps: after,
                factor: after / before,
            })
        })
        .max_by(|a, b| a.factor.total_cmp(&b.factor))
}
