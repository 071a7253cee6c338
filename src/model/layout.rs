//! Positions and sizes of drawn elements, kept apart from the model so model diffs stay clean.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Id;

/// Where each container and component is drawn, keyed by element id. Elements without an entry
/// are placed by auto-layout. Sorted by id, so the saved section is deterministic.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Layout {
    /// Rectangle of each element, in canvas units (logical pixels at 100 % zoom).
    #[serde(default)]
    pub elements: BTreeMap<Id, Rect>,
}

impl Layout {
    /// Whether no element has a position.
    pub fn is_empty(&self) -> bool {
        self.elements.is_empty()
    }
}

/// An axis-aligned rectangle: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Whether `other` lies entirely inside this rectangle.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.x + other.w <= self.x + self.w
            && other.y + other.h <= self.y + self.h
    }
}
