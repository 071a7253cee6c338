//! Combining the replications of one scenario, in replication order, into its
//! [`ScenarioResult`]: per-replication figures, then their means and 95 % confidence
//! intervals; per-second series averaged second by second.
//!
//! # Complexity
//! O(r · (s · t + c)) for r replications, s components, t seconds and c connections.

use super::engine::metrics::Metrics;
use super::plan::{Plan, ScenarioPlan};
use super::report::{
    ComponentResult, ComponentTimeline, ConnectionResult, Intervals, LatencySummary,
    PeakUtilization, ScenarioResult, SecondResult,
};
use super::rpo;
use super::slo::{MONTH_S, meets, recovery_s};
use super::stats::{ci95_half_width, mean};
use crate::model::Id;

/// Mean over the values that are defined.
fn mean_defined(xs: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let v: Vec<f64> = xs.flatten().filter(|x| x.is_finite()).collect();
    mean(&v)
}

/// Mean and half-width of defined values; `None` for both when some replication has none.
fn estimate(xs: &[Option<f64>]) -> (Option<f64>, Option<f64>) {
    let v: Option<Vec<f64>> = xs.iter().copied().collect();
    match v {
        Some(v) => (mean(&v), ci95_half_width(&v)),
        None => (None, None),
    }
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b > 0.0).then(|| a / b)
}

/// Figures of one replication.
struct Figures {
    success: Option<f64>,
    fault_success: Option<f64>,
    latency: [Option<f64>; 4],
    met: Vec<bool>,
    violation_s: f64,
    recovery: Option<f64>,
    burn: Option<f64>,
    month_percent: Option<f64>,
    retry_amplification: Option<f64>,
    peak_queue: (f64, Option<usize>),
}

fn figures(plan: &Plan, scenario: &ScenarioPlan, m: &Metrics, sync: &[bool]) -> Figures {
    let warmup = plan.options.warmup_s as usize;
    let measured_s = (scenario.duration_s - plan.options.warmup_s).max(1.0);
    let requests = m.requests as f64;
    let allowed = 1.0 - plan.slo.availability_percent / 100.0;
    let met: Vec<bool> = m
        .seconds
        .iter()
        .enumerate()
        .map(|(i, s)| i < warmup || meets(s, &plan.slo))
        .collect();
    let violation_s = met.iter().filter(|ok| !**ok).count() as f64;
    let recovery = match scenario.first_fault_s() {
        Some(at) => recovery_s(&met, at),
        None => None,
    };
    let error_ratio = ratio(m.failed as f64, requests);
    let burn = if allowed > 0.0 {
        error_ratio.map(|e| e / allowed)
    } else {
        None
    };
    let rate = requests / measured_s;
    let month_percent = if allowed > 0.0 && rate > 0.0 {
        Some(m.failed as f64 / (allowed * rate * MONTH_S) * 100.0)
    } else {
        None
    };
    let (calls, attempts) = m
        .connections
        .iter()
        .zip(sync)
        .filter(|(_, s)| **s)
        .fold((0u64, 0u64), |(c, a), (t, _)| (c + t.calls, a + t.attempts));
    let peak = m
        .stations
        .iter()
        .enumerate()
        .max_by_key(|(i, t)| (t.peak_queue, std::cmp::Reverse(*i)))
        .filter(|(_, t)| t.peak_queue > 0)
        .map(|(i, t)| (f64::from(t.peak_queue), Some(i)))
        .unwrap_or((0.0, None));
    let q = |p: f64| m.latency.quantile_ms(p);
    let fault_success = scenario.first_fault_s().and_then(|at| {
        let from = (at.floor() as usize).max(warmup);
        let (ok, ended) = m.seconds.iter().skip(from).fold((0u64, 0u64), |(o, e), s| {
            (o + u64::from(s.ok), e + u64::from(s.ok + s.failed))
        });
        ratio(ok as f64, ended as f64)
    });
    Figures {
        success: ratio(m.ok as f64, requests),
        fault_success,
        latency: [
            ratio(m.latency_sum_ms, m.ok as f64),
            q(0.5),
            q(0.95),
            q(0.99),
        ],
        met,
        violation_s,
        recovery,
        burn,
        month_percent,
        retry_amplification: ratio(attempts as f64, calls as f64),
        peak_queue: peak,
    }
}

/// The result of scenario `k` of `plan` from its replications.
pub(crate) fn summarize(plan: &Plan, k: usize, reps: &[Metrics]) -> ScenarioResult {
    let scenario = &plan.scenarios[k];
    let net = &plan.net;
    let mut sync = vec![false; net.connections.len()];
    for a in &net.arcs {
        if !a.asynchronous {
            sync[a.connection as usize] = true;
        }
    }
    let figs: Vec<Figures> = reps
        .iter()
        .map(|m| figures(plan, scenario, m, &sync))
        .collect();
    let col = |f: &dyn Fn(&Figures) -> Option<f64>| figs.iter().map(f).collect::<Vec<_>>();
    let (success, success_ci) = estimate(&col(&|f| f.success));
    let (fault_success, fault_success_ci) = estimate(&col(&|f| f.fault_success));
    let lat: Vec<(Option<f64>, Option<f64>)> =
        (0..4).map(|i| estimate(&col(&|f| f.latency[i]))).collect();
    let (violation, violation_ci) = estimate(&col(&|f| Some(f.violation_s)));
    let recoveries = col(&|f| f.recovery);
    let recovered = recoveries.iter().filter(|r| r.is_some()).count() as u32;
    let (recovery, recovery_ci) = if scenario.faults.is_empty() {
        (None, None)
    } else {
        estimate(&recoveries)
    };
    let (burn, burn_ci) = estimate(&col(&|f| f.burn));
    let (month, _) = estimate(&col(&|f| f.month_percent));
    let (amplification, amplification_ci) = estimate(&col(&|f| f.retry_amplification));
    let (peak_queue, peak_queue_ci) = estimate(&col(&|f| Some(f.peak_queue.0)));
    let peak_queue_component =
        most_common(figs.iter().filter_map(|f| f.peak_queue.1)).map(|s| net.stations[s].id.clone());

    let n = reps.len().max(1) as f64;
    let measured_s = (scenario.duration_s - plan.options.warmup_s).max(1.0);
    let components = components(plan, reps, measured_s);
    let rps: Vec<f64> = (0..net.stations.len())
        .map(|s| {
            reps.iter()
                .map(|m| m.stations[s].arrivals as f64 / measured_s)
                .sum::<f64>()
                / n
        })
        .collect();
    let connections = net
        .connections
        .iter()
        .enumerate()
        .map(|(c, id)| {
            let calls: f64 = reps.iter().map(|m| m.connections[c].calls as f64).sum();
            let attempts: f64 = reps.iter().map(|m| m.connections[c].attempts as f64).sum();
            ConnectionResult {
                id: id.clone(),
                calls_per_s: calls / n / measured_s,
                attempts_per_s: attempts / n / measured_s,
                retry_amplification: ratio(attempts, calls).unwrap_or(1.0),
                timeouts: reps
                    .iter()
                    .map(|m| m.connections[c].timeouts as f64)
                    .sum::<f64>()
                    / n,
                failures: reps
                    .iter()
                    .map(|m| m.connections[c].failures as f64)
                    .sum::<f64>()
                    / n,
            }
        })
        .collect();
    let timeline = timeline(reps, &figs);
    let peak_utilization = peak_utilization(plan, &components);
    ScenarioResult {
        name: scenario.name.clone(),
        kind: scenario.kind,
        element: scenario.element.clone(),
        description: scenario.description.clone(),
        duration_s: scenario.duration_s,
        faults: scenario.faults.clone(),
        requests: reps.iter().map(|m| m.requests).sum(),
        failed_requests: reps.iter().map(|m| m.failed).sum(),
        success_ratio: success.unwrap_or(0.0),
        fault_success_ratio: fault_success,
        latency_ms: LatencySummary {
            mean: lat[0].0,
            p50: lat[1].0,
            p95: lat[2].0,
            p99: lat[3].0,
        },
        recovery_s: recovery,
        recovered_replications: recovered,
        slo_violation_s: violation.unwrap_or(0.0),
        error_budget_burn: burn.unwrap_or(0.0),
        error_budget_month_percent: month.unwrap_or(0.0),
        retry_amplification: amplification.unwrap_or(1.0),
        peak_queue: peak_queue.unwrap_or(0.0),
        peak_queue_component,
        peak_utilization,
        load_shift: None,
        async_messages: reps.iter().map(|m| m.async_sent as f64).sum::<f64>() / n,
        async_lost: reps.iter().map(|m| m.async_lost as f64).sum::<f64>() / n,
        rpo: rpo::estimates(&plan.topology, net, scenario, &rps),
        ci95: Intervals {
            success_ratio: success_ci,
            fault_success_ratio: fault_success_ci,
            latency_ms: LatencySummary {
                mean: lat[0].1,
                p50: lat[1].1,
                p95: lat[2].1,
                p99: lat[3].1,
            },
            recovery_s: recovery_ci,
            slo_violation_s: violation_ci,
            error_budget_burn: burn_ci,
            retry_amplification: amplification_ci,
            peak_queue: peak_queue_ci,
        },
        components,
        connections,
        timeline,
    }
}

/// The value seen most often (the first of the most frequent, in order).
fn most_common(xs: impl Iterator<Item = usize>) -> Option<usize> {
    let v: Vec<usize> = xs.collect();
    v.iter()
        .copied()
        .max_by_key(|x| (v.iter().filter(|y| *y == x).count(), std::cmp::Reverse(*x)))
}

fn components(plan: &Plan, reps: &[Metrics], measured_s: f64) -> Vec<ComponentResult> {
    let net = &plan.net;
    let measured_ms = measured_s * 1000.0;
    let n = reps.len().max(1) as f64;
    net.stations
        .iter()
        .enumerate()
        .skip(net.actors)
        .map(|(s, st)| {
            let per = |f: &dyn Fn(&super::engine::metrics::StationTotals) -> Option<f64>| {
                mean_defined(reps.iter().map(|m| f(&m.stations[s])))
            };
            let timeline = (!reps.is_empty() && reps.iter().all(|m| m.station_seconds.len() > s))
                .then(|| {
                    let seconds = reps
                        .iter()
                        .map(|m| m.station_seconds[s].len())
                        .min()
                        .unwrap_or(0);
                    let at =
                        |i: usize, f: &dyn Fn(&super::engine::metrics::StationSecond) -> f32| {
                            mean_defined(reps.iter().map(|m| {
                                let v = f(&m.station_seconds[s][i]);
                                v.is_finite().then_some(f64::from(v))
                            }))
                        };
                    ComponentTimeline {
                        rps: (0..seconds)
                            .map(|i| at(i, &|x| x.arrivals as f32).unwrap_or(0.0))
                            .collect(),
                        utilization: (0..seconds).map(|i| at(i, &|x| x.utilisation)).collect(),
                        queue: (0..seconds)
                            .map(|i| at(i, &|x| x.queue).unwrap_or(0.0))
                            .collect(),
                    }
                });
            ComponentResult {
                id: st.id.clone(),
                kind: st.tag.label(),
                servers: st.servers(),
                mean_service_ms: st.mean_service_ms,
                offered_rps: per(&|t| Some(t.arrivals as f64 / measured_s)).unwrap_or(0.0),
                utilization: per(&|t| ratio(t.busy_area, t.alive_area)).unwrap_or(0.0),
                mean_in_system: per(&|t| Some((t.busy_area + t.queue_area) / measured_ms))
                    .unwrap_or(0.0),
                mean_latency_ms: per(&|t| ratio(t.response_ms, t.responses as f64)),
                mean_sojourn_ms: per(&|t| ratio(t.sojourn_ms, t.sojourns as f64)),
                mean_wait_ms: per(&|t| ratio(t.wait_ms, t.waits as f64)),
                error_ratio: per(&|t| {
                    ratio((t.failed + t.lost + t.refused) as f64, t.arrivals as f64)
                })
                .unwrap_or(0.0),
                lost: reps.iter().map(|m| m.stations[s].lost as f64).sum::<f64>() / n,
                refused: reps
                    .iter()
                    .map(|m| m.stations[s].refused as f64)
                    .sum::<f64>()
                    / n,
                peak_queue: reps
                    .iter()
                    .map(|m| f64::from(m.stations[s].peak_queue))
                    .sum::<f64>()
                    / n,
                timeline,
            }
        })
        .collect()
}

fn timeline(reps: &[Metrics], figs: &[Figures]) -> Vec<SecondResult> {
    let seconds = reps.iter().map(|m| m.seconds.len()).min().unwrap_or(0);
    let n = reps.len().max(1) as f64;
    (0..seconds)
        .map(|i| {
            let sum = |f: &dyn Fn(&super::engine::metrics::Second) -> u32| {
                reps.iter()
                    .map(|m| f64::from(f(&m.seconds[i])))
                    .sum::<f64>()
            };
            let (ok, failed) = (sum(&|s| s.ok), sum(&|s| s.failed));
            let pct = |f: &dyn Fn(&super::engine::metrics::Second) -> f32| {
                mean_defined(reps.iter().map(|m| {
                    let v = f(&m.seconds[i]);
                    v.is_finite().then_some(f64::from(v))
                }))
            };
            SecondResult {
                t_s: i as u32,
                offered_rps: sum(&|s| s.offered) / n,
                served_rps: ok / n,
                failed_rps: failed / n,
                error_rate: ratio(failed, ok + failed).unwrap_or(0.0),
                p50_ms: pct(&|s| s.p50_ms),
                p95_ms: pct(&|s| s.p95_ms),
                p99_ms: pct(&|s| s.p99_ms),
                slo_met: figs.iter().filter(|f| f.met.get(i) == Some(&true)).count() as f64 / n,
            }
        })
        .collect()
}

/// The busiest second of the busiest component, after the warm-up.
fn peak_utilization(plan: &Plan, components: &[ComponentResult]) -> Option<PeakUtilization> {
    let warmup = plan.options.warmup_s as usize;
    let mut best: Option<(f64, &Id, usize)> = None;
    for c in components {
        let Some(t) = &c.timeline else { continue };
        for (i, u) in t.utilization.iter().enumerate().skip(warmup) {
            if let Some(u) = u
                && best.is_none_or(|(b, _, _)| *u > b)
            {
                best = Some((*u, &c.id, i));
            }
        }
    }
    best.map(|(utilization, id, at)| PeakUtilization {
        component: id.clone(),
        utilization,
        at_s: at as u32,
    })
}
