//! Judging simulated seconds against the SLO: violation seconds, recovery time and error-budget
//! burn.
//!
//! A second meets the SLO when its share of failed user requests is at most 1 − target, and
//! (with a latency objective) its percentile latency is at most the threshold. A second in which
//! requests were sent but none ended does not meet it.

use super::engine::metrics::Second;
use super::plan::SloTarget;

/// How long the SLO must hold again before a fault counts as recovered from.
pub const RECOVERY_HOLD_S: usize = 60;
/// Seconds in 30 days: the period of an error budget.
pub const MONTH_S: f64 = 2_592_000.0;

/// Whether second `s` meets `slo`.
pub(crate) fn meets(s: &Second, slo: &SloTarget) -> bool {
    let ended = s.ok + s.failed;
    if ended == 0 {
        return s.offered == 0;
    }
    let allowed = 1.0 - slo.availability_percent / 100.0;
    let error_rate = f64::from(s.failed) / f64::from(ended);
    if error_rate > allowed + 1e-12 {
        return false;
    }
    match slo.latency {
        Some((_, threshold_ms)) if s.p_slo_ms.is_finite() => f64::from(s.p_slo_ms) <= threshold_ms,
        _ => true,
    }
}

/// Seconds from `fault_s` until the SLO held again: the start of the first run of
/// [`RECOVERY_HOLD_S`] compliant seconds after the first violation at or after the fault.
/// `Some(0.0)` when it never broke; `None` when it did not recover within the run.
pub(crate) fn recovery_s(met: &[bool], fault_s: f64) -> Option<f64> {
    let from = fault_s.max(0.0).floor() as usize;
    let Some(first_violation) = (from..met.len()).find(|&i| !met[i]) else {
        return Some(0.0);
    };
    let mut run = 0;
    for (i, &ok) in met.iter().enumerate().skip(first_violation + 1) {
        if ok {
            run += 1;
            if run == RECOVERY_HOLD_S {
                let start = i + 1 - RECOVERY_HOLD_S;
                return Some((start as f64 - fault_s).max(0.0));
            }
        } else {
            run = 0;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slo() -> SloTarget {
        SloTarget {
            availability_percent: 99.0,
            latency: Some((99.0, 100.0)),
            source: "policies",
        }
    }

    #[test]
    fn a_second_meets_the_slo_on_errors_and_latency() {
        let mut s = Second {
            offered: 100,
            ok: 99,
            failed: 1,
            p_slo_ms: 50.0,
            ..Second::default()
        };
        assert!(meets(&s, &slo()));
        s.failed = 2;
        assert!(!meets(&s, &slo()));
        s.failed = 0;
        s.p_slo_ms = 150.0;
        assert!(!meets(&s, &slo()));
        let nothing_ended = Second {
            offered: 5,
            ..Second::default()
        };
        assert!(!meets(&nothing_ended, &slo()));
        assert!(meets(&Second::default(), &slo()));
    }

    #[test]
    fn recovery_waits_for_sixty_good_seconds() {
        let mut met = vec![true; 300];
        assert_eq!(recovery_s(&met, 10.0), Some(0.0));
        for m in met.iter_mut().take(40).skip(10) {
            *m = false;
        }
        // Broken from 10 to 39, good from 40 on: recovered 30 s after the fault.
        assert_eq!(recovery_s(&met, 10.0), Some(30.0));
        met[70] = false; // a relapse inside the hold restarts it
        assert_eq!(recovery_s(&met, 10.0), Some(61.0));
        let never: Vec<bool> = (0..100).map(|i| i < 50).collect();
        assert_eq!(recovery_s(&never, 50.0), None);
    }
}
