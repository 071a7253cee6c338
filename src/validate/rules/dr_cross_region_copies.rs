//! DR-003: backups are kept in another region than the data: database backups are copied to
//! another region, and backup buckets are in another region than the components writing to them.

use crate::model::{ComponentKind, StoragePurpose};
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "DR-003",
    family: Family::DisasterRecovery,
    severity: Severity::Error,
    title: "Backups copied to another region",
    rationale: "Icarus: High Availability and Disaster Recovery › Disaster Recovery: 'Backup Storage: Backups stored in separate region'. A regional disaster that takes the data also takes backups kept beside it.",
    fix: "Set backups.copy_to_region to another region, and place backup buckets in a region other than the data's.",
    check,
};

fn check(cx: &Context, out: &mut Vec<Finding>) {
    if !cx.t.policies.require_cross_region_backups {
        return;
    }
    for (i, c) in cx.t.components.iter().enumerate() {
        if !cx.is_production(i) {
            continue;
        }
        let region = cx.places[i].region;
        match &c.kind {
            ComponentKind::Database(d) => {
                let Some(b) = &d.backups else { continue };
                let problem = match (&b.copy_to_region, region) {
                    (None, _) => "keeps its backups in its own region only".to_owned(),
                    (Some(to), Some(own)) if to == own => {
                        format!("copies its backups to its own region \"{own}\"")
                    }
                    _ => continue,
                };
                out.push(
                    RULE.finding(format!("{} {problem}", cx.describe(i)), vec![c.id.clone()])
                        .at_field("backups"),
                );
            }
            ComponentKind::ObjectStorage(o) if o.purpose == StoragePurpose::Backups => {
                let Some(own) = region else { continue };
                let mut writers: Vec<&str> = cx
                    .graph
                    .incoming(i)
                    .filter(|(j, _)| *j < cx.t.components.len())
                    .filter(|(j, _)| cx.places[*j].region == Some(own))
                    .map(|(j, _)| cx.component(j).id.as_str())
                    .collect();
                writers.sort_unstable();
                writers.dedup();
                if writers.is_empty() {
                    continue;
                }
                out.push(RULE.finding(
                    format!(
                        "backup {} is in region \"{own}\", the region of the data it backs up (\"{}\")",
                        cx.describe(i),
                        writers.join("\", \"")
                    ),
                    vec![c.id.clone()],
                ));
            }
            _ => {}
        }
    }
}
