//! Running a plan: every (scenario, replication) pair is an independent job with its own random
//! streams, run in parallel with rayon (on a pool of `threads` when set); results are combined
//! in job order, so the output is identical for any number of threads.
//!
//! Scenarios of the same duration and loads (a sweep's baseline and single failures) behave
//! identically until their first fault, since each replication draws the same random streams in
//! every scenario: that common beginning runs once per replication, and each scenario goes on
//! from a copy of it. The output is bit for bit what running each scenario alone gives.

use rayon::prelude::*;

use super::availability;
use super::engine::metrics::Metrics;
use super::engine::{Cancelled, Engine, RunSettings};
use super::error::SimError;
use super::options::{Control, ScenarioSet};
use super::plan::{Plan, plan};
use super::rank::{load_shift, rank};
use super::report::{BrokenCall, Report};
use super::summarize::summarize;
use crate::model::Topology;

/// Plans and runs `set` on `topology` (see [`plan`] and [`run`]).
pub fn simulate(
    topology: &Topology,
    set: &ScenarioSet,
    options: &super::SimOptions,
    control: &Control,
) -> Result<Report, SimError> {
    let p = plan(topology, set, options)?;
    run(&p, control)
}

/// Runs `plan`; `control` receives progress and can cancel.
pub fn run(plan: &Plan, control: &Control) -> Result<Report, SimError> {
    match plan.options.threads {
        Some(threads) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| SimError::Threads {
                    threads,
                    message: e.to_string(),
                })?;
            pool.install(|| run_here(plan, control))
        }
        None => run_here(plan, control),
    }
}

/// The settings of replication `replication` of `plan`.
fn settings(plan: &Plan, replication: u64) -> RunSettings {
    RunSettings {
        seed: plan.options.seed,
        replication,
        warmup_s: plan.options.warmup_s,
        component_timelines: plan.options.component_timelines,
        slo_quantile: plan.slo.latency.map(|(p, _)| p / 100.0),
    }
}

/// One replication of scenario `k`.
pub(crate) fn replicate(
    plan: &Plan,
    k: usize,
    replication: u64,
    control: &Control,
) -> Result<Metrics, Cancelled> {
    Engine::new(&plan.net, &plan.scenarios[k], settings(plan, replication)).run(control)
}

/// The scenarios, in groups that share their beginning (same duration and loads), each group in
/// scenario order.
fn groups(plan: &Plan) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (k, s) in plan.scenarios.iter().enumerate() {
        let same = |g: &Vec<usize>| {
            let first = &plan.scenarios[g[0]];
            first.duration_s == s.duration_s && first.loads == s.loads
        };
        match groups.iter_mut().find(|g| same(g)) {
            Some(g) => g.push(k),
            None => groups.push(vec![k]),
        }
    }
    groups
}

/// When the beginning shared by `group` ends: its earliest fault (the end of the run for a
/// scenario without one); `None` when there is nothing to share.
fn shared_until_s(plan: &Plan, group: &[usize]) -> Option<f64> {
    if group.len() < 2 {
        return None;
    }
    let until = group
        .iter()
        .map(|&k| {
            let s = &plan.scenarios[k];
            s.first_fault_s().unwrap_or(s.duration_s)
        })
        .fold(f64::INFINITY, f64::min);
    (until.is_finite() && until >= 1.0).then_some(until)
}

/// Replication `replication` of every scenario of `group`, sharing their beginning when there
/// is one: (scenario, measurements) pairs.
fn replicate_group(
    plan: &Plan,
    group: &[usize],
    replication: u64,
    control: &Control,
) -> Result<Vec<(usize, Metrics)>, Cancelled> {
    let Some(until) = shared_until_s(plan, group) else {
        return group
            .par_iter()
            .map(|&k| replicate(plan, k, replication, control).map(|m| (k, m)))
            .collect();
    };
    let first = &plan.scenarios[group[0]];
    let prefix =
        Engine::new(&plan.net, first, settings(plan, replication)).run_prefix(until, control)?;
    // The prefix's seconds count once per scenario in the plan's total work.
    let shared_seconds = prefix.seconds_done() as u64;
    group
        .par_iter()
        .enumerate()
        .map(|(i, &k)| {
            if i > 0 {
                control.advance(shared_seconds);
            }
            prefix
                .continue_as(&plan.scenarios[k], control)
                .map(|m| (k, m))
        })
        .collect()
}

/// Every replication of every scenario, in (scenario, replication) order.
fn replicate_all(plan: &Plan, control: &Control) -> Result<Vec<Metrics>, Cancelled> {
    let reps = plan.options.replications as usize;
    let groups = groups(plan);
    let units: Vec<(usize, usize)> = (0..groups.len())
        .flat_map(|g| (0..reps).map(move |r| (g, r)))
        .collect();
    let done = units
        .par_iter()
        .map(|&(g, r)| replicate_group(plan, &groups[g], r as u64, control).map(|m| (r, m)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut all: Vec<(usize, Metrics)> = done
        .into_iter()
        .flat_map(|(r, ms)| ms.into_iter().map(move |(k, m)| (k * reps + r, m)))
        .collect();
    all.sort_by_key(|(i, _)| *i);
    Ok(all.into_iter().map(|(_, m)| m).collect())
}

fn run_here(plan: &Plan, control: &Control) -> Result<Report, SimError> {
    let reps = u64::from(plan.options.replications);
    let availability = if plan.set == ScenarioSet::Availability {
        Some(availability::run(plan, control)?)
    } else {
        None
    };
    let scenarios = if availability.is_some() {
        Vec::new()
    } else {
        let metrics = replicate_all(plan, control).map_err(|_| SimError::Cancelled)?;
        let per = reps as usize;
        let mut results: Vec<_> = (0..plan.scenarios.len())
            .into_par_iter()
            .map(|k| summarize(plan, k, &metrics[k * per..(k + 1) * per]))
            .collect();
        if let Some(base) = results
            .iter()
            .position(|r| r.kind == super::plan::ScenarioKind::Baseline)
            && results.len() > 1
        {
            let baseline = results[base].clone();
            for (i, r) in results.iter_mut().enumerate() {
                if i != base {
                    r.load_shift = load_shift(&baseline, r);
                }
            }
        }
        results
    };
    let ranking = if plan.set == ScenarioSet::SingleFailures {
        rank(&scenarios)
    } else {
        Vec::new()
    };
    let set = match &plan.set {
        ScenarioSet::Baseline => "baseline".to_owned(),
        ScenarioSet::SingleFailures => "single-failures".to_owned(),
        ScenarioSet::Availability => "availability".to_owned(),
        ScenarioSet::Named(n) => n.clone(),
    };
    Ok(Report {
        seed: plan.options.seed,
        set,
        duration_s: plan.options.duration_s,
        replications: plan.options.replications,
        offered_rps: plan
            .scenarios
            .first()
            .map_or(0.0, |s| s.loads.iter().map(|l| l.rate_rps).sum()),
        slo: plan.slo.clone(),
        scenarios,
        ranking,
        skipped: plan.skipped.clone(),
        broken_cycles: plan
            .net
            .broken_cycles
            .iter()
            .map(|(from, to)| BrokenCall {
                from: from.clone(),
                to: to.clone(),
            })
            .collect(),
        availability,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SimOptions;

    /// The Icarus sample's sweep, short: 18 scenarios sharing their first 7.5 s.
    fn sweep() -> Plan {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-topologies/icarus-platform.ron");
        let Ok(loaded) = crate::io::load(&path) else {
            panic!("cannot load {}", path.display())
        };
        let options = SimOptions {
            duration_s: 20.0,
            rps: Some(300.0),
            replications: 2,
            fault_at_s: Some(7.5),
            threads: Some(2),
            ..SimOptions::default()
        };
        let Ok(p) = plan(&loaded.topology, &ScenarioSet::SingleFailures, &options) else {
            panic!("cannot plan the sweep")
        };
        p
    }

    #[test]
    fn a_sweep_shares_one_beginning_per_replication() {
        let p = sweep();
        let groups = groups(&p);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].len(), p.scenarios.len());
        assert_eq!(shared_until_s(&p, &groups[0]), Some(7.5));
    }

    #[test]
    fn sharing_the_beginning_changes_nothing_in_the_output() {
        let p = sweep();
        let control = Control::new();
        let Ok(shared) = replicate_all(&p, &control) else {
            panic!("the sweep failed")
        };
        // Every simulated second counts once per scenario and replication.
        assert_eq!(
            control.progress.load(std::sync::atomic::Ordering::Relaxed),
            p.total_work()
        );
        let reps = p.options.replications as usize;
        assert_eq!(shared.len(), p.scenarios.len() * reps);
        for (i, m) in shared.iter().enumerate() {
            let (k, r) = (i / reps, i % reps);
            let Ok(alone) = replicate(&p, k, r as u64, &Control::new()) else {
                panic!("scenario {k} failed")
            };
            assert!(alone.requests > 1000);
            assert!(
                format!("{m:?}") == format!("{alone:?}"),
                "sharing the beginning changed {}, replication {r}",
                p.scenarios[k].name
            );
        }
    }
}
