//! SEC-008: encryption at rest for databases, persistent caches, queues, object storage,
//! backups, secrets and logs.

use super::join_and;
use crate::model::{CachePersistence, ComponentKind};
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "SEC-008",
    family: Family::Security,
    severity: Severity::Error,
    title: "Encryption at rest for all stored data",
    rationale: "Icarus: Security Architecture › Data Security: 'Encryption at Rest: All data encrypted at rest'. Unencrypted disks, snapshots and backups leak everything they hold when a volume, a snapshot or a backup copy is exposed.",
    fix: "Turn on encryption_at_rest (and encrypted for backups) with a managed key.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    if !cx.t.policies.require_encryption_at_rest {
        return;
    }
    for (i, c) in cx.t.components.iter().enumerate() {
        let mut plain: Vec<&str> = Vec::new();
        match &c.kind {
            ComponentKind::Database(d) => {
                if !d.encryption_at_rest {
                    plain.push("its storage");
                }
                if d.backups.as_ref().is_some_and(|b| !b.encrypted) {
                    plain.push("its backups");
                }
            }
            ComponentKind::Cache(p)
                if p.persistence != CachePersistence::None && !p.encryption_at_rest =>
            {
                plain.push("its persisted data");
            }
            ComponentKind::Queue(q) if !q.encryption_at_rest => plain.push("its messages"),
            ComponentKind::ObjectStorage(o) if !o.encryption_at_rest => plain.push("its objects"),
            ComponentKind::SecretsManager(s) if !s.encryption_at_rest => {
                plain.push("its secrets");
            }
            ComponentKind::LogAggregation(l) if !l.encryption_at_rest => plain.push("its logs"),
            _ => {}
        }
        if plain.is_empty() {
            continue;
        }
        out.push(
            RULE.finding(
                format!(
                    "{} does not encrypt {} at rest",
                    cx.describe(i),
                    join_and(&plain)
                ),
                vec![c.id.clone()],
            )
            .at_field("encryption_at_rest"),
        );
    }
}
