//! Running a plan: every (scenario, replication) pair is an independent job with its own random
//! streams, run in parallel with rayon (on a pool of `threads` when set); results are combined
//! in job order, so the output is identical for any number of threads.

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

/// One replication of scenario `k`.
pub(crate) fn replicate(
    plan: &Plan,
    k: usize,
    replication: u64,
    control: &Control,
) -> Result<Metrics, Cancelled> {
    let slo_quantile = plan.slo.latency.map(|(p, _)| p / 100.0);
    let settings = RunSettings {
        seed: plan.options.seed,
        replication,
        warmup_s: plan.options.warmup_s,
        component_timelines: plan.options.component_timelines,
        slo_quantile,
    };
    Engine::new(&plan.net, &plan.scenarios[k], settings).run(control)
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
        let jobs: Vec<(usize, u64)> = (0..plan.scenarios.len())
            .flat_map(|k| (0..reps).map(move |r| (k, r)))
            .collect();
        let metrics: Vec<Metrics> = jobs
            .par_iter()
            .map(|&(k, r)| replicate(plan, k, r, control))
            .collect::<Result<_, _>>()
            .map_err(|_| SimError::Cancelled)?;
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
