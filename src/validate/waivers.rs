//! Applying waivers: a finding whose rule and one of whose elements match a waiver is marked
//! waived with the waiver's justification. It is still reported, and does not fail a run.
//!
//! # Complexity
//! O(f · e + w) for f findings of e elements each and w waivers (waivers are looked up by
//! rule and element in a map).

use std::collections::HashMap;

use super::finding::Finding;
use crate::model::Topology;

/// Marks the findings that a waiver of `t` accepts.
pub(crate) fn apply(t: &Topology, findings: &mut [Finding]) {
    if t.waivers.is_empty() {
        return;
    }
    let mut by_key: HashMap<(&str, &str), &str> = HashMap::with_capacity(t.waivers.len());
    for w in &t.waivers {
        by_key
            .entry((w.rule.as_str(), w.element.as_str()))
            .or_insert(w.justification.as_str());
    }
    for f in findings.iter_mut() {
        let waiver = f
            .elements
            .iter()
            .find_map(|e| by_key.get(&(f.rule, e.as_str())));
        if let Some(justification) = waiver {
            f.waiver = Some((*justification).to_owned());
        }
    }
}
