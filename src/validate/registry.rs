//! The registry: every rule, in id order. `daedalus rules` lists it and `docs/rules.md`
//! documents it (a test keeps the two in sync).

use super::rule::Rule;
use super::rules::*;

/// Every rule, in id order.
pub const RULES: &[Rule] = &[
    sec_data_store_tier::RULE,
    sec_internet_exposure::RULE,
    sec_entry_point_edge::RULE,
    sec_tls_in_transit::RULE,
    sec_admin_access::RULE,
    sec_environment_isolation::RULE,
    sec_egress_path::RULE,
    sec_encryption_at_rest::RULE,
    sec_secrets_source::RULE,
    sec_object_storage::RULE,
    ha_stateful_cluster::RULE,
    ha_stateless_workload::RULE,
    ha_single_point_of_failure::RULE,
    ha_edge_redundancy::RULE,
    ha_static_stability::RULE,
    dr_database_backups::RULE,
    dr_backups_meet_rpo::RULE,
    dr_cross_region_copies::RULE,
    dr_objectives_defined::RULE,
    dr_failover_within_rto::RULE,
    obs_workload_telemetry::RULE,
    obs_metrics_alerting::RULE,
    obs_health_checks::RULE,
    ops_queue_durability::RULE,
    ops_certificate_renewal::RULE,
    ops_secret_rotation::RULE,
    ops_unknown_waiver_rule::RULE,
];

/// The rule with id `id`, if there is one.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
