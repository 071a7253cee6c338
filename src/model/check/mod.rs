//! Semantic checks: what the file format alone cannot say. Duplicate ids, dangling references,
//! zones outside their region, components in the wrong VPC, overlapping or out-of-VPC CIDRs,
//! zero replicas, negative or absurd numbers.
//!
//! These are errors of the model itself. Whether a valid design is *good* (secure, highly
//! available) is the validator's question, not this module's.
//!
//! # Complexity
//! O(n log n) in the number of elements and references, plus O(s²) per VPC for the pairwise
//! subnet-overlap test with s subnet tiers.

mod bounds;
mod components;
mod connections;
mod containers;
mod governance;
mod ids;
mod layout;
mod references;
mod scenarios;
mod topology;

pub use scenarios::RESERVED_SCENARIO_IDS;

use super::{Id, Index, Topology};

/// Where in the file a problem is, as precisely as the model knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Locus {
    /// The `nth` (0-based) definition of element `id`; if `field` is set, that field inside
    /// it; if `value` is set too, that string value of the field (e.g. one zone of a list).
    Element {
        /// Id of the element.
        id: Id,
        /// Which definition, when the id is defined more than once.
        nth: usize,
        /// Field inside the element.
        field: Option<&'static str>,
        /// String value inside the field.
        value: Option<String>,
    },
    /// The entry of element `id` in the layout section.
    LayoutEntry(Id),
    /// A field of the policies section.
    Policies(&'static str),
    /// A field at the top of the file.
    Topology(&'static str),
    /// Entry `index` (0-based) of a top-level list whose entries have no id, e.g. `waivers`.
    ListEntry {
        /// The list's field name.
        list: &'static str,
        /// Position in the list.
        index: usize,
    },
}

/// One semantic error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub locus: Locus,
    /// What is wrong, naming the element.
    pub message: String,
}

impl Problem {
    /// The element the problem is about, if it is about one.
    pub fn element(&self) -> Option<&Id> {
        match &self.locus {
            Locus::Element { id, .. } | Locus::LayoutEntry(id) => Some(id),
            Locus::Policies(_) | Locus::Topology(_) | Locus::ListEntry { .. } => None,
        }
    }
}

/// Collects problems with a short way to point at an element's field.
pub(crate) struct Sink {
    problems: Vec<Problem>,
}

impl Sink {
    fn new() -> Self {
        Self {
            problems: Vec::new(),
        }
    }

    /// A problem in `field` of element `id`.
    pub(crate) fn at(&mut self, id: &Id, field: &'static str, message: String) {
        self.push(
            Locus::Element {
                id: id.clone(),
                nth: 0,
                field: Some(field),
                value: None,
            },
            message,
        );
    }

    /// A problem with the string `value` of `field` of element `id`.
    pub(crate) fn at_value(&mut self, id: &Id, field: &'static str, value: &str, message: String) {
        let locus = Locus::Element {
            id: id.clone(),
            nth: 0,
            field: Some(field),
            value: Some(value.to_owned()),
        };
        self.push(locus, message);
    }

    /// A problem with element `id` as a whole.
    pub(crate) fn element(&mut self, id: &Id, message: String) {
        self.push(
            Locus::Element {
                id: id.clone(),
                nth: 0,
                field: None,
                value: None,
            },
            message,
        );
    }

    pub(crate) fn push(&mut self, locus: Locus, message: String) {
        self.problems.push(Problem { locus, message });
    }
}

/// Runs every semantic check on `topology`. An empty result means the model is consistent.
pub fn check(topology: &Topology) -> Vec<Problem> {
    let index = Index::new(topology);
    let mut sink = Sink::new();
    topology::check(topology, &mut sink);
    ids::check(topology, &mut sink);
    references::check(topology, &index, &mut sink);
    containers::check(topology, &index, &mut sink);
    components::check(topology, &index, &mut sink);
    connections::check(topology, &index, &mut sink);
    layout::check(topology, &index, &mut sink);
    governance::check(topology, &index, &mut sink);
    scenarios::check(topology, &index, &mut sink);
    sink.problems
}

/// An element as messages name it, e.g. `component "db"`; formats without allocating until a
/// message is actually written.
#[derive(Clone, Copy)]
pub(crate) struct Named<'a> {
    kind: &'static str,
    id: &'a Id,
}

impl<'a> Named<'a> {
    pub(crate) fn new(kind: &'static str, id: &'a Id) -> Self {
        Self { kind, id }
    }
}

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.kind.is_empty() {
            write!(f, "\"{}\"", self.id)
        } else {
            write!(f, "{} \"{}\"", self.kind, self.id)
        }
    }
}

/// The element `id` as messages name it, with its kind looked up in `index`.
pub(crate) fn describe<'a>(index: &Index, id: &'a Id) -> Named<'a> {
    Named::new(index.kind_of(id.as_str()).map_or("", |k| k.label()), id)
}
