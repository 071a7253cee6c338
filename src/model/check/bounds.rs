//! Range checks for numbers a user types: finite, not negative, not absurd.
//!
//! `unit` is appended to the bound as given, so pass it with its leading space (`" ms"`).

use super::{Named, Sink};
use crate::model::Id;

/// Reports `value` of `field` unless it is finite and within `min..=max`.
pub(crate) fn float(
    sink: &mut Sink,
    owner: (&Id, Named),
    field: &'static str,
    value: f64,
    min: f64,
    max: f64,
    unit: &str,
) {
    if value.is_finite() && (min..=max).contains(&value) {
        return;
    }
    let (id, what) = owner;
    let shown = if value.is_finite() {
        format!("{value}")
    } else {
        "not a finite number".into()
    };
    sink.at(
        id,
        field,
        format!("{what}: {field} is {shown}; expected {min} to {max}{unit}"),
    );
}

/// Reports `value` of `field` unless it is positive, finite and at most `max`.
pub(crate) fn positive(
    sink: &mut Sink,
    owner: (&Id, Named),
    field: &'static str,
    value: f64,
    max: f64,
    unit: &str,
) {
    if value.is_finite() && value > 0.0 && value <= max {
        return;
    }
    let (id, what) = owner;
    let shown = if value.is_finite() {
        format!("{value}")
    } else {
        "not a finite number".into()
    };
    sink.at(
        id,
        field,
        format!("{what}: {field} is {shown}; expected more than 0 and at most {max}{unit}"),
    );
}

/// Reports integer `value` of `field` unless it is within `min..=max`.
pub(crate) fn int(
    sink: &mut Sink,
    owner: (&Id, Named),
    field: &'static str,
    value: u64,
    min: u64,
    max: u64,
    unit: &str,
) {
    if (min..=max).contains(&value) {
        return;
    }
    let (id, what) = owner;
    sink.at(
        id,
        field,
        format!("{what}: {field} is {value}; expected {min} to {max}{unit}"),
    );
}
