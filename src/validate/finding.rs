//! Findings: what a rule reports about a design, with its severity, elements and waiver.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

use crate::model::Id;
use crate::model::check::Locus;

/// How serious a finding is. Ordered from the mildest: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Should be fixed; never fails a run.
    Warning,
    /// Must be fixed (or waived): fails `daedalus validate`.
    Error,
}

impl Severity {
    /// Every severity, most serious first (the order of the text report).
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// Lower-case name: `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing a rule found wrong with the design.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Id of the rule, e.g. `SEC-004`.
    pub rule: &'static str,
    /// Severity of this finding (a rule may report milder cases at a lower severity).
    pub severity: Severity,
    /// Title of the rule.
    pub title: &'static str,
    /// What is wrong, naming the elements.
    pub message: String,
    /// Fix hint of the rule.
    pub fix: &'static str,
    /// Ids of the elements concerned, the main one first; empty for topology-wide findings.
    pub elements: Vec<Id>,
    /// Where in the file the finding points (the main element, or a field of it).
    pub locus: Locus,
    /// The justification of the waiver that accepts this finding, if one does.
    pub waiver: Option<String>,
}

impl Finding {
    /// Whether a waiver accepts this finding.
    pub fn is_waived(&self) -> bool {
        self.waiver.is_some()
    }

    /// Points the finding at `field` of its main element.
    pub fn at_field(mut self, field: &'static str) -> Self {
        if let Locus::Element { field: f, .. } = &mut self.locus {
            *f = Some(field);
        }
        self
    }

    /// Points the finding at the string `value` of `field` of its main element.
    pub fn at_value(mut self, field: &'static str, value: &str) -> Self {
        if let Locus::Element {
            field: f, value: v, ..
        } = &mut self.locus
        {
            *f = Some(field);
            *v = Some(value.to_owned());
        }
        self
    }

    /// The deterministic report order: most severe first, then rule id, elements, message.
    pub fn report_order(&self, other: &Finding) -> Ordering {
        other
            .severity
            .cmp(&self.severity)
            .then_with(|| self.rule.cmp(other.rule))
            .then_with(|| self.elements.cmp(&other.elements))
            .then_with(|| self.message.cmp(&other.message))
    }
}

/// Number of unwaived findings per severity, and of waived ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Unwaived errors.
    pub error: usize,
    /// Unwaived warnings.
    pub warning: usize,
    /// Unwaived infos.
    pub info: usize,
    /// Waived findings of any severity.
    pub waived: usize,
}

impl Summary {
    /// Counts `findings`.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Self {
        let mut s = Summary::default();
        for f in findings {
            match (f.is_waived(), f.severity) {
                (true, _) => s.waived += 1,
                (false, Severity::Error) => s.error += 1,
                (false, Severity::Warning) => s.warning += 1,
                (false, Severity::Info) => s.info += 1,
            }
        }
        s
    }
}
