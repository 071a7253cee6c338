//! Recovery-point estimates for the stateful components a scenario's faults hit.
//!
//! - A database that keeps a replica: synchronous replication loses nothing; asynchronous
//!   replication loses its lag (if the primary was lost).
//! - A database that loses every replica: point-in-time recovery loses up to the 5 minutes of
//!   transaction log not yet archived (when its region survives); otherwise the last backup is
//!   up to `interval_hours` old; backups that were in the lost region and not copied elsewhere
//!   are gone with it.
//! - Caches are not systems of record; queues keep persisted messages; object storage is
//!   replicated across zones by the provider.
//!
//! `writes_lost` multiplies the window by the component's simulated request rate: an upper
//! bound, since the model does not tell reads from writes.

use std::collections::BTreeMap;

use super::net::Net;
use super::plan::{Effect, ScenarioPlan};
use super::report::RpoEstimate;
use crate::model::{CachePersistence, ComponentKind, Replication, Topology};

/// Seconds of transaction log at risk with point-in-time recovery (archived every 5 minutes).
const PITR_WINDOW_S: f64 = 300.0;

/// The estimates for `scenario`; `rps` is the simulated request rate of each station.
pub(crate) fn estimates(
    t: &Topology,
    net: &Net,
    scenario: &ScenarioPlan,
    rps: &[f64],
) -> Vec<RpoEstimate> {
    // Replicas lost per station, and whether a whole-region fault hit it.
    let mut lost: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let mut region_lost: BTreeMap<u32, bool> = BTreeMap::new();
    for f in &scenario.faults {
        if let Effect::Down { replicas, region } = &f.effect {
            for &(s, r) in replicas {
                let list = lost.entry(s).or_default();
                if !list.contains(&r) {
                    list.push(r);
                }
                *region_lost.entry(s).or_default() |= *region;
            }
        }
    }
    let mut out = Vec::new();
    for (s, replicas) in lost {
        let Some(station) = net.stations.get(s as usize) else {
            continue;
        };
        let Some(c) = t.components.get(station.component) else {
            continue;
        };
        let all = replicas.len() as u32 >= station.replicas;
        let primary = replicas.contains(&0);
        let in_region = region_lost.get(&s).copied().unwrap_or(false);
        let rate = rps.get(s as usize).copied().unwrap_or(0.0);
        let estimate = |rpo_s: Option<f64>, basis: String| RpoEstimate {
            component: c.id.clone(),
            rpo_s,
            writes_lost: rpo_s.map(|w| w * rate),
            basis,
        };
        let e = match &c.kind {
            ComponentKind::Database(d) if !all => match d.replication {
                _ if !primary => estimate(Some(0.0), "the primary survives".into()),
                Replication::Synchronous => {
                    estimate(Some(0.0), "a synchronous standby has every write".into())
                }
                Replication::Asynchronous { lag_ms } => estimate(
                    Some(lag_ms.max(0.0) / 1000.0),
                    format!("asynchronous replication: the {lag_ms} ms lag is lost"),
                ),
            },
            ComponentKind::Database(d) => match &d.backups {
                None => estimate(None, "every replica lost and no backups".into()),
                Some(b) if b.point_in_time_recovery && !in_region => estimate(
                    Some(PITR_WINDOW_S),
                    "restore with point-in-time recovery (log archived every 5 min)".into(),
                ),
                Some(b) if in_region && b.copy_to_region.is_none() => estimate(
                    None,
                    "every replica lost with its region, and the backups are not copied to another region".into(),
                ),
                Some(b) => estimate(
                    Some(f64::from(b.interval_hours) * 3600.0),
                    format!("restore the last backup (every {} h)", b.interval_hours),
                ),
            },
            ComponentKind::Cache(k) => estimate(
                None,
                match k.persistence {
                    CachePersistence::None => {
                        "cache: contents lost and rebuilt from the source of record"
                    }
                    _ => "cache: not a source of record (persisted contents reload on restart)",
                }
                .into(),
            ),
            ComponentKind::Queue(q) if !all || q.persistence => estimate(
                Some(0.0),
                if all {
                    "persisted messages return with the brokers".into()
                } else {
                    "replicated queue: surviving brokers have the messages".into()
                },
            ),
            ComponentKind::Queue(_) => {
                estimate(None, "messages held in memory on the lost brokers are lost".into())
            }
            ComponentKind::ObjectStorage(o) if in_region => match &o.replicate_to_region {
                Some(r) => estimate(
                    None,
                    format!("objects replicated to {r}; the replication lag is lost"),
                ),
                None => estimate(None, "no copy of the objects outside the lost region".into()),
            },
            ComponentKind::ObjectStorage(_) => estimate(
                Some(0.0),
                "the provider replicates objects across zones".into(),
            ),
            _ => continue,
        };
        out.push(e);
    }
    out
}
