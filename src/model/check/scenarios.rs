//! Simulation data: scenarios (unique, non-reserved ids; faults and loads that name existing
//! elements of the right kind; numbers in range) and the MTBF/MTTR of components and zones.
//!
//! Problems in a scenario are placed at its entry of the `scenarios` list, since scenario ids
//! live outside the topology's id space.

use std::collections::HashSet;

use super::references::expected;
use super::{Locus, Named, Sink, bounds};
use crate::model::{
    ComponentKind, ElementKind, FaultKind, Index, LoadProfile, RefField, Reliability, Scenario,
    Topology,
};

/// Scenario ids taken by the built-in scenario sets of `daedalus simulate`.
pub const RESERVED_SCENARIO_IDS: [&str; 3] = ["baseline", "single-failures", "availability"];

/// Longest scenario, and latest fault, in seconds: a week.
const WEEK_S: f64 = 604_800.0;
/// Largest load factor of a profile.
const MAX_FACTOR: f64 = 1000.0;
/// Largest MTBF: a thousand years.
const MAX_MTBF_HOURS: f64 = 8_760_000.0;
/// Largest MTTR: about eleven years.
const MAX_MTTR_HOURS: f64 = 100_000.0;

pub(crate) fn check(t: &Topology, index: &Index, sink: &mut Sink) {
    let mut seen = HashSet::new();
    for (i, s) in t.scenarios.iter().enumerate() {
        let mut at = At {
            sink,
            scenario: s,
            index: i,
        };
        if RESERVED_SCENARIO_IDS.contains(&s.id.as_str()) {
            at.report(format!(
                "is the name of a built-in scenario set ({}); choose another id",
                RESERVED_SCENARIO_IDS.join(", ")
            ));
        }
        if !seen.insert(&s.id) {
            at.report("duplicates the id of an earlier scenario".into());
        }
        if let Some(d) = s.duration_s {
            at.positive("duration_s", d, WEEK_S, " s");
        }
        loads(t, index, &mut at);
        faults(t, index, &mut at);
    }
    if let Some(r) = &t.zone_reliability {
        let locus = || Locus::Topology("zone_reliability");
        for (field, message) in reliability_problems(r) {
            sink.push(locus(), format!("zone_reliability: {field} {message}"));
        }
        if r.common_cause_ratio != 0.0 {
            sink.push(
                locus(),
                "zone_reliability: common_cause_ratio applies to the replicas of a component, not to zones; leave it out".into(),
            );
        }
    }
    for c in &t.components {
        let Some(r) = &c.capacity.reliability else {
            continue;
        };
        let what = Named::new("component", &c.id);
        for (field, message) in reliability_problems(r) {
            sink.at(&c.id, field, format!("{what}: {field} {message}"));
        }
        bounds::float(
            sink,
            (&c.id, what),
            "common_cause_ratio",
            r.common_cause_ratio,
            0.0,
            1.0,
            "",
        );
    }
}

/// A scenario's entry in the list, for messages and positions.
struct At<'a, 's> {
    sink: &'a mut Sink,
    scenario: &'s Scenario,
    index: usize,
}

impl At<'_, '_> {
    fn report(&mut self, message: String) {
        self.sink.push(
            Locus::ListEntry {
                list: "scenarios",
                index: self.index,
            },
            format!("scenario \"{}\" {message}", self.scenario.id),
        );
    }

    fn range(&mut self, field: &str, value: f64, min: f64, max: f64, unit: &str) {
        if !(value.is_finite() && (min..=max).contains(&value)) {
            self.report(format!(
                "has {field} {}; expected {min} to {max}{unit}",
                shown(value)
            ));
        }
    }

    fn positive(&mut self, field: &str, value: f64, max: f64, unit: &str) {
        if !(value.is_finite() && value > 0.0 && value <= max) {
            self.report(format!(
                "has {field} {}; expected more than 0 and at most {max}{unit}",
                shown(value)
            ));
        }
    }

    /// Checks that `target` (held in `field`) names an element of the kind the field needs.
    fn reference(&mut self, index: &Index, field: RefField, target: &str, what: &str) -> bool {
        let name = field.field_name();
        match index.kind_of(target) {
            None => {
                self.report(format!(
                    "{what}: {name} refers to \"{target}\", which does not exist"
                ));
                false
            }
            Some(kind) if !expected(field).contains(&kind) => {
                self.report(format!(
                    "{what}: {name} refers to \"{target}\", which is a {}, not a {name}",
                    kind.label()
                ));
                false
            }
            Some(_) => true,
        }
    }
}

fn shown(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        "not a finite number".into()
    }
}

fn loads(t: &Topology, index: &Index, at: &mut At) {
    let mut actors = HashSet::new();
    for l in &at.scenario.load {
        let what = match &l.actor {
            Some(a) => format!("load of \"{a}\""),
            None => "load of every actor".to_owned(),
        };
        if !actors.insert(l.actor.as_ref()) {
            at.report(format!("gives the {what} twice"));
        }
        if let Some(actor) = &l.actor
            && at.reference(index, RefField::LoadActor, actor.as_str(), &what)
        {
            let kind = index
                .position(actor.as_str(), ElementKind::Component)
                .and_then(|i| t.components.get(i))
                .map(|c| &c.kind);
            if !matches!(
                kind,
                Some(ComponentKind::Users(_) | ComponentKind::Admins(_))
            ) {
                at.report(format!(
                    "{what}: \"{actor}\" is not a Users or Admins actor; only actors send load"
                ));
            }
        }
        if let Some(rate) = l.rate_rps {
            at.range(
                &format!("{what}: rate_rps"),
                rate,
                0.0,
                10_000_000.0,
                " rps",
            );
        }
        profile(&l.profile, &what, at);
    }
}

fn profile(p: &LoadProfile, what: &str, at: &mut At) {
    let factor = |at: &mut At, name: &str, v: f64| {
        at.range(&format!("{what}: {name}"), v, 0.0, MAX_FACTOR, "");
    };
    match *p {
        LoadProfile::Constant => {}
        LoadProfile::Ramp {
            from_factor,
            to_factor,
            start_s,
            end_s,
        } => {
            factor(at, "from_factor", from_factor);
            factor(at, "to_factor", to_factor);
            at.range(&format!("{what}: start_s"), start_s, 0.0, WEEK_S, " s");
            at.range(&format!("{what}: end_s"), end_s, 0.0, WEEK_S, " s");
            if end_s <= start_s {
                at.report(format!(
                    "{what}: the ramp ends (end_s {end_s}) before it starts (start_s {start_s})"
                ));
            }
        }
        LoadProfile::Step { at_s, factor: f } => {
            at.range(&format!("{what}: at_s"), at_s, 0.0, WEEK_S, " s");
            factor(at, "factor", f);
        }
        LoadProfile::Spike {
            at_s,
            duration_s,
            factor: f,
        } => {
            at.range(&format!("{what}: at_s"), at_s, 0.0, WEEK_S, " s");
            at.positive(&format!("{what}: duration_s"), duration_s, WEEK_S, " s");
            factor(at, "factor", f);
        }
        LoadProfile::Diurnal {
            period_s,
            trough_factor,
            peak_factor,
            peak_at_s,
        } => {
            at.positive(&format!("{what}: period_s"), period_s, WEEK_S, " s");
            factor(at, "trough_factor", trough_factor);
            factor(at, "peak_factor", peak_factor);
            at.range(&format!("{what}: peak_at_s"), peak_at_s, 0.0, WEEK_S, " s");
            if trough_factor > peak_factor {
                at.report(format!(
                    "{what}: trough_factor {trough_factor} is above peak_factor {peak_factor}"
                ));
            }
        }
    }
}

fn faults(t: &Topology, index: &Index, at: &mut At) {
    for (k, f) in at.scenario.faults.iter().enumerate() {
        let what = format!("fault {}", k + 1);
        at.range(&format!("{what}: at_s"), f.at_s, 0.0, WEEK_S, " s");
        if let Some(d) = f.duration_s {
            at.positive(&format!("{what}: duration_s"), d, WEEK_S, " s");
        }
        let (field, target) = match &f.fault {
            FaultKind::ComponentDown { component, .. }
            | FaultKind::SlowComponent { component, .. } => (RefField::FaultComponent, component),
            FaultKind::ZoneDown { zone } => (RefField::FaultZone, zone),
            FaultKind::RegionDown { region } => (RefField::FaultRegion, region),
        };
        if !at.reference(index, field, target.as_str(), &what) {
            continue;
        }
        let component = index
            .position(target.as_str(), ElementKind::Component)
            .and_then(|i| t.components.get(i));
        if let Some(c) = component
            && c.kind.tag().is_actor()
        {
            at.report(format!(
                "{what}: \"{target}\" is an actor; actors do not fail (change their load instead)"
            ));
        }
        match &f.fault {
            FaultKind::ComponentDown {
                replicas: Some(n), ..
            } => {
                let have = component.map_or(0, |c| c.capacity.replicas);
                if *n == 0 || *n > have {
                    at.report(format!(
                        "{what}: replicas is {n}, but \"{target}\" has {have}; expected 1 to {have} (or leave it out for all)"
                    ));
                }
            }
            FaultKind::SlowComponent { added_ms, .. } => {
                at.positive(&format!("{what}: added_ms"), *added_ms, 3_600_000.0, " ms");
            }
            _ => {}
        }
    }
}

/// What is wrong with the numbers of `r`, as (field, message) pairs.
fn reliability_problems(r: &Reliability) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut positive = |field: &'static str, v: f64, max: f64| {
        if !(v.is_finite() && v > 0.0 && v <= max) {
            out.push((
                field,
                format!(
                    "is {}; expected more than 0 and at most {max} hours",
                    shown(v)
                ),
            ));
        }
    };
    positive("mtbf_hours", r.mtbf_hours, MAX_MTBF_HOURS);
    positive("mttr_hours", r.mttr_hours, MAX_MTTR_HOURS);
    out
}
