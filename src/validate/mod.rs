//! The validation engine: judges whether a consistent design is *good* — secure, highly
//! available, recoverable, observable — and says which element is wrong, why, and how to fix it.
//!
//! Every rule lives in its own file under `rules/` with a stable id (`SEC-…`, `HA-…`, `DR-…`,
//! `OBS-…`, `OPS-…`), a severity, a title, a rationale citing the Icarus infrastructure document
//! and a fix hint; [`RULES`] lists them all. Rules read a context computed once per validation:
//! where each component sits, the members of each container, the request graph (petgraph, see
//! `graph.rs`) and the offered load ([`crate::model::offered_load`]). Findings are sorted
//! deterministically (most severe first, then rule id, elements, message) and waivers are applied
//! last. `docs/rules.md` documents every rule and these semantics.
//!
//! The engine is headless (no GUI code) and never panics on a consistent topology; on an
//! inconsistent one (see [`crate::model::check`]) it still returns, but its findings may be
//! incomplete — check first, as `daedalus validate` does.
//!
//! # Complexity
//! Near-linear: O(n + c) for n components and c component-to-component connections per rule,
//! O((n + c) · d) for the cut points (see `cuts`), O(f log f) to sort f findings.

mod context;
mod cuts;
mod finding;
mod graph;
mod json;
mod paths;
mod registry;
mod rule;
mod rules;
mod sarif;
mod waivers;

pub use finding::{Finding, Severity, Summary};
pub use json::to_json;
pub use registry::{RULES, rule};
pub use rule::{Family, Rule};
pub use sarif::to_sarif;

use crate::model::{Index, Topology};

/// The findings of one validation, in report order.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Every finding, waived or not, most severe first.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Counts of unwaived findings per severity, and of waived ones.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.findings)
    }

    /// Whether an unwaived error remains (the run fails).
    pub fn has_unwaived_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == Severity::Error && !f.is_waived())
    }

    /// The findings of at least `min` severity, in report order.
    pub fn at_least(&self, min: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.severity >= min)
    }

    /// The findings of rule `id`.
    pub fn of_rule<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Finding> {
        self.findings.iter().filter(move |f| f.rule == id)
    }
}

/// Validates `topology` with every rule of [`RULES`].
pub fn validate(topology: &Topology) -> Report {
    validate_with(topology, RULES)
}

/// Validates `topology` with the given rules only.
pub fn validate_with(topology: &Topology, rules: &[Rule]) -> Report {
    let index = Index::new(topology);
    let cx = context::Context::new(topology, &index);
    let mut findings = Vec::new();
    for rule in rules {
        (rule.check)(&cx, &mut findings);
    }
    for f in &mut findings {
        f.elements.dedup();
    }
    findings.sort_by(Finding::report_order);
    waivers::apply(topology, &mut findings);
    Report { findings }
}
