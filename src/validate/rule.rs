//! What a rule is: a stable id, a severity, a title, a rationale citing the Icarus document, a
//! fix hint and the check itself.

use std::fmt;

use super::context::Context;
use super::finding::{Finding, Severity};
use crate::model::Id;
use crate::model::check::Locus;

/// The family of a rule, given by the prefix of its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// `SEC-…`: security boundaries.
    Security,
    /// `HA-…`: high availability.
    HighAvailability,
    /// `DR-…`: disaster recovery.
    DisasterRecovery,
    /// `OBS-…`: observability.
    Observability,
    /// `OPS-…`: operations.
    Operations,
}

impl Family {
    /// The id prefix of the family, e.g. `SEC`.
    pub fn prefix(self) -> &'static str {
        match self {
            Family::Security => "SEC",
            Family::HighAvailability => "HA",
            Family::DisasterRecovery => "DR",
            Family::Observability => "OBS",
            Family::Operations => "OPS",
        }
    }

    /// Human-readable name of the family.
    pub fn label(self) -> &'static str {
        match self {
            Family::Security => "Security boundaries",
            Family::HighAvailability => "High availability",
            Family::DisasterRecovery => "Disaster recovery",
            Family::Observability => "Observability",
            Family::Operations => "Operations",
        }
    }
}

/// A validation rule.
#[derive(Clone, Copy)]
pub struct Rule {
    /// Stable id, e.g. `SEC-004`; never reused for another rule.
    pub id: &'static str,
    /// The family its id belongs to.
    pub family: Family,
    /// The severity of its findings (milder cases may be reported at a lower one, as the rule's
    /// documentation says).
    pub severity: Severity,
    /// One-line title.
    pub title: &'static str,
    /// Why the rule exists, citing the Icarus infrastructure document.
    pub rationale: &'static str,
    /// How to fix a finding.
    pub fix: &'static str,
    pub(crate) check: fn(&Context, &mut Vec<Finding>),
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("severity", &self.severity)
            .field("title", &self.title)
            .finish_non_exhaustive()
    }
}

impl Rule {
    /// A finding of this rule at its own severity about `elements` (the main one first).
    pub(crate) fn finding(&self, message: String, elements: Vec<Id>) -> Finding {
        self.finding_at(self.severity, message, elements)
    }

    /// A finding of this rule at `severity` about `elements` (the main one first).
    pub(crate) fn finding_at(
        &self,
        severity: Severity,
        message: String,
        elements: Vec<Id>,
    ) -> Finding {
        let locus = match elements.first() {
            Some(id) => Locus::Element {
                id: id.clone(),
                nth: 0,
                field: None,
                value: None,
            },
            None => Locus::Topology("policies"),
        };
        Finding {
            rule: self.id,
            severity,
            title: self.title,
            message,
            fix: self.fix,
            elements,
            locus,
            waiver: None,
        }
    }
}
