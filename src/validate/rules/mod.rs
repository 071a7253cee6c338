//! The rules, one per file, and the small helpers they share.

pub(crate) mod dr_backups_meet_rpo;
pub(crate) mod dr_cross_region_copies;
pub(crate) mod dr_database_backups;
pub(crate) mod dr_failover_within_rto;
pub(crate) mod dr_objectives_defined;
pub(crate) mod ha_edge_redundancy;
pub(crate) mod ha_single_point_of_failure;
pub(crate) mod ha_stateful_cluster;
pub(crate) mod ha_stateless_workload;
pub(crate) mod ha_static_stability;
pub(crate) mod obs_health_checks;
pub(crate) mod obs_metrics_alerting;
pub(crate) mod obs_workload_telemetry;
pub(crate) mod ops_certificate_renewal;
pub(crate) mod ops_queue_durability;
pub(crate) mod ops_secret_rotation;
pub(crate) mod ops_unknown_waiver_rule;
pub(crate) mod sec_admin_access;
pub(crate) mod sec_data_store_tier;
pub(crate) mod sec_egress_path;
pub(crate) mod sec_encryption_at_rest;
pub(crate) mod sec_entry_point_edge;
pub(crate) mod sec_environment_isolation;
pub(crate) mod sec_internet_exposure;
pub(crate) mod sec_object_storage;
pub(crate) mod sec_secrets_source;
pub(crate) mod sec_tls_in_transit;

use super::context::Context;
use crate::model::KindTag;

/// `"a", "b" and "c"`.
pub(crate) fn quoted<S: AsRef<str>>(items: &[S]) -> String {
    let q: Vec<String> = items
        .iter()
        .map(|s| format!("\"{}\"", s.as_ref()))
        .collect();
    join_and(&q)
}

/// `a, b and c`.
pub(crate) fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    join_with(items, "and")
}

/// `a, b or c`.
pub(crate) fn join_or<S: AsRef<str>>(items: &[S]) -> String {
    join_with(items, "or")
}

fn join_with<S: AsRef<str>>(items: &[S], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {word} {}", init.join(", "), last.as_ref())
        }
    }
}

/// `a → b → c`, the ids of components on a path (the internet root left out).
pub(crate) fn path_text(cx: &Context, nodes: &[usize]) -> String {
    let ids: Vec<&str> = nodes
        .iter()
        .filter(|n| **n < cx.t.components.len())
        .map(|n| cx.component(*n).id.as_str())
        .collect();
    ids.join(" → ")
}

/// Whether a component of kind `tag` is connected to component `i` in either direction.
pub(crate) fn connected_to_kind(cx: &Context, i: usize, tag: KindTag) -> bool {
    cx.graph
        .neighbours(i)
        .any(|j| cx.component(j).kind.tag() == tag)
}

/// Whether `replicas` over `zones` is redundant: at least two replicas in at least two zones.
pub(crate) fn zone_redundant(c: &crate::model::Capacity) -> bool {
    c.replicas >= 2 && c.is_multi_zone()
}

/// "1 replica" / "3 replicas".
pub(crate) fn replicas_text(n: u32) -> String {
    format!("{n} replica{}", if n == 1 { "" } else { "s" })
}
