//! Availability from failure data: a Monte-Carlo run over the components' and zones' MTBF/MTTR
//! (see [`montecarlo`]) beside the reliability-block formula (see [`rbd`]), both through the
//! same structure function of the request graph (see [`success`]).
//!
//! Above about five nines a Monte-Carlo run of practical length sees few outages; the report
//! then says so (`precise: false`) and the formula is the figure to read.

mod montecarlo;
mod rbd;
mod success;

use rayon::prelude::*;
use serde::Serialize;

use super::error::SimError;
use super::options::Control;
use super::plan::Plan;
use super::stats::{ci95_half_width, mean};
use crate::model::{Id, Reliability};
use montecarlo::{Inputs, YEAR_H};

/// Fewest outage episodes per replication for the Monte-Carlo figure to count as precise.
const PRECISE_EPISODES: u64 = 30;
/// Minutes per year.
const YEAR_MIN: f64 = YEAR_H * 60.0;

/// Most failures and repairs one replication may expect to simulate.
const MAX_TRANSITIONS: f64 = 200_000_000.0;

/// Expected failures plus repairs in one replication of `years` years: per element, two per
/// mean cycle (MTBF + MTTR). Elements without failure data never fail.
fn expected_transitions(
    net: &super::net::Net,
    reliability: &[Option<Reliability>],
    zone: Option<&Reliability>,
    years: f64,
) -> f64 {
    let cycles = |r: &Reliability, elements: f64| {
        let cycle_h = r.mtbf_hours.max(0.0) + r.mttr_hours.max(0.0);
        if cycle_h > 0.0 {
            2.0 * elements * years * YEAR_H / cycle_h
        } else {
            f64::INFINITY
        }
    };
    let replicas: f64 = net
        .stations
        .iter()
        .zip(reliability)
        .filter(|(s, _)| !s.actor)
        .filter_map(|(s, r)| Some(cycles(r.as_ref()?, f64::from(s.replicas) + 1.0)))
        .sum();
    let zones = zone.map_or(0.0, |z| cycles(z, net.zones.len() as f64));
    replicas + zones
}

/// The availability run's result.
#[derive(Debug, Clone, Serialize)]
pub struct AvailabilityReport {
    /// Simulated years per replication.
    pub years_per_replication: f64,
    /// Replications.
    pub replications: u32,
    /// Share of user requests that would succeed, Monte-Carlo, with detection, promotion and
    /// readmission delays.
    pub availability: f64,
    /// Its 95 % confidence half-width.
    pub availability_ci95: Option<f64>,
    /// The same with instant failover: comparable with the formula.
    pub availability_instant_failover: f64,
    /// Its 95 % confidence half-width.
    pub availability_instant_failover_ci95: Option<f64>,
    /// The reliability-block formula (independent blocks, instant failover).
    pub rbd_availability: f64,
    /// Expected minutes per year of failed requests (full-outage equivalent), Monte-Carlo with
    /// delays.
    pub downtime_min_per_year: f64,
    /// The same with instant failover.
    pub downtime_instant_failover_min_per_year: f64,
    /// The same from the formula.
    pub rbd_downtime_min_per_year: f64,
    /// Outage episodes (some requests failing) per year, instant failover.
    pub outages_per_year: f64,
    /// Whether the Monte-Carlo figures rest on enough outages to be precise.
    pub precise: bool,
    /// Per component: availability from the formula and from the run.
    pub components: Vec<ComponentAvailability>,
    /// Simulated components without failure data (taken never to fail).
    pub without_failure_data: Vec<Id>,
    /// Failure data of the zones, if any.
    pub zone_reliability: Option<Reliability>,
}

/// One component's availability (reached at all, instant failover).
#[derive(Debug, Clone, Serialize)]
pub struct ComponentAvailability {
    /// Component id.
    pub id: Id,
    /// From the formula.
    pub rbd: f64,
    /// From the Monte-Carlo run.
    pub monte_carlo: f64,
}

/// Runs the availability analysis of `plan`.
pub(crate) fn run(plan: &Plan, control: &Control) -> Result<AvailabilityReport, SimError> {
    let net = &plan.net;
    let t = &plan.topology;
    let order = success::callee_order(net);
    let reliability: Vec<Option<Reliability>> = net
        .stations
        .iter()
        .map(|s| {
            t.components
                .get(s.component)
                .and_then(|c| c.capacity.reliability.clone())
        })
        .collect();
    let zone = t.zone_reliability.clone();
    let rates: Vec<f64> = (0..net.actors)
        .map(|a| {
            plan.scenarios
                .first()
                .and_then(|s| s.loads.iter().find(|l| l.station as usize == a))
                .map_or(0.0, |l| l.rate_rps)
        })
        .collect();
    let inputs = Inputs {
        net,
        order: &order,
        reliability: reliability.clone(),
        zone: zone.clone(),
        rates: rates.clone(),
    };
    let years = plan.options.availability_years;
    let transitions = expected_transitions(net, &reliability, zone.as_ref(), years);
    if transitions.is_nan() || transitions > MAX_TRANSITIONS {
        return Err(SimError::TooManyFailures {
            per_replication: transitions,
        });
    }
    let seed = plan.options.seed;
    let reps: Vec<u64> = (0..u64::from(plan.options.replications)).collect();
    let outcomes: Vec<Option<montecarlo::Outcome>> = reps
        .par_iter()
        .map(|&r| {
            montecarlo::run(&inputs, seed, r, years, || {
                control.advance(1);
                !control.cancelled()
            })
        })
        .collect();
    let outcomes: Vec<montecarlo::Outcome> = match outcomes.into_iter().collect() {
        Some(o) => o,
        None => return Err(SimError::Cancelled),
    };
    let detailed: Vec<f64> = outcomes.iter().map(|o| o.detailed / o.hours).collect();
    let instant: Vec<f64> = outcomes.iter().map(|o| o.instant / o.hours).collect();
    let episodes: Vec<f64> = outcomes.iter().map(|o| o.episodes as f64).collect();

    let blocks: Vec<f64> = net
        .stations
        .iter()
        .zip(&reliability)
        .map(|(s, r)| {
            if s.actor {
                1.0
            } else {
                rbd::block(s, r.as_ref(), zone.as_ref(), net.zones.len())
            }
        })
        .collect();
    let mut out = vec![1.0; net.stations.len()];
    success::success(net, &order, &blocks, &mut out);
    let rbd_availability = success::system(net, &rates, &out);

    let components = net
        .stations
        .iter()
        .enumerate()
        .skip(net.actors)
        .map(|(s, st)| ComponentAvailability {
            id: st.id.clone(),
            rbd: blocks[s],
            monte_carlo: outcomes
                .iter()
                .map(|o| o.stations[s] / o.hours)
                .sum::<f64>()
                / outcomes.len().max(1) as f64,
        })
        .collect();
    let without_failure_data = net
        .stations
        .iter()
        .zip(&reliability)
        .filter(|(s, r)| !s.actor && r.is_none())
        .map(|(s, _)| s.id.clone())
        .collect();
    let a = mean(&detailed).unwrap_or(1.0);
    let ai = mean(&instant).unwrap_or(1.0);
    let min_episodes = outcomes.iter().map(|o| o.episodes).min().unwrap_or(0);
    Ok(AvailabilityReport {
        years_per_replication: years,
        replications: plan.options.replications,
        availability: a,
        availability_ci95: ci95_half_width(&detailed),
        availability_instant_failover: ai,
        availability_instant_failover_ci95: ci95_half_width(&instant),
        rbd_availability,
        downtime_min_per_year: (1.0 - a) * YEAR_MIN,
        downtime_instant_failover_min_per_year: (1.0 - ai) * YEAR_MIN,
        rbd_downtime_min_per_year: (1.0 - rbd_availability) * YEAR_MIN,
        outages_per_year: mean(&episodes).unwrap_or(0.0) / years,
        precise: min_episodes >= PRECISE_EPISODES,
        components,
        without_failure_data,
        zone_reliability: zone,
    })
}
