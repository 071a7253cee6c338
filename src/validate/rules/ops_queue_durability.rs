//! OPS-001: queues persist their messages and have a dead-letter queue.

use super::join_and;
use crate::model::ComponentKind;
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "OPS-001",
    family: Family::Operations,
    severity: Severity::Error,
    title: "Queues persist messages and have a dead-letter queue",
    rationale: "Icarus: Messaging Infrastructure › Message Queue: 'Persistence: Message persistence enabled' and 'Dead Letter Queues: Error handling'. A broker restart loses unpersisted messages; a poison message without a dead-letter queue blocks or is lost.",
    fix: "Set persistence: true and dead_letter_queue: true on the queue.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        let ComponentKind::Queue(q) = &c.kind else {
            continue;
        };
        let mut missing = Vec::new();
        if !q.persistence {
            missing.push("does not persist messages");
        }
        if !q.dead_letter_queue {
            missing.push("has no dead-letter queue");
        }
        if missing.is_empty() {
            continue;
        }
        out.push(RULE.finding(
            format!("{} {}", cx.describe(i), join_and(&missing)),
            vec![c.id.clone()],
        ));
    }
}
