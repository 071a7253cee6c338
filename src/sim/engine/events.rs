//! The event queue: a binary heap of small `Copy` events ordered by time, then by insertion
//! (so that simultaneous events are handled in a fixed order). No allocation per event once the
//! heap has grown to the run's peak.
//!
//! Ties go in a fixed order: the end of a second first, then the scenario's faults (by their
//! rank in the scenario), then every other event in the order it was scheduled. Faults being
//! ranked rather than numbered as they are scheduled lets several scenarios share one run of
//! their common beginning and schedule their faults afterwards, in exactly the same order.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// What happens at an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A candidate arrival of an actor (accepted by thinning against the load profile).
    Arrival { actor: u32 },
    /// A frame's own service ends.
    ServiceDone { frame: u32, generation: u32 },
    /// The oldest call timeouts of an arc may have expired.
    TimeoutCheck { arc: u32 },
    /// A simulated second ends.
    Tick,
    /// A fault of the scenario starts.
    FaultStart { fault: u32 },
    /// A fault of the scenario is repaired.
    FaultEnd { fault: u32 },
    /// Health checks notice that a replica is down.
    Detect { replica: u32, epoch: u32 },
    /// A repaired replica passes its health checks and is back in rotation.
    Readmit { replica: u32, epoch: u32 },
    /// A shard's replica has been promoted onto a surviving replica.
    Promote {
        station: u32,
        shard: u32,
        token: u32,
    },
}

/// An event at a time (milliseconds).
#[derive(Debug, Clone, Copy)]
pub(super) struct Event {
    /// Bits of the (non-negative) time: their order is the order of the times.
    key: u64,
    seq: u64,
    pub kind: Kind,
}

impl Event {
    /// The time of the event in milliseconds.
    pub fn at_ms(&self) -> f64 {
        f64::from_bits(self.key)
    }
}

impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key && self.seq == other.seq
    }
}

impl Eq for Event {}

impl PartialOrd for Event {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Event {
    /// Reversed, so that the max-heap pops the earliest event first.
    fn cmp(&self, other: &Self) -> Ordering {
        (other.key, other.seq).cmp(&(self.key, self.seq))
    }
}

/// Sequence numbers below this one are ranks (see [`Queue::push_ranked`]).
const FIRST_SEQ: u64 = 1 << 40;

/// Pending events.
#[derive(Debug, Clone)]
pub(super) struct Queue {
    heap: BinaryHeap<Event>,
    seq: u64,
}

impl Default for Queue {
    fn default() -> Self {
        Self {
            heap: BinaryHeap::new(),
            seq: FIRST_SEQ,
        }
    }
}

/// The key of a time: its bits, once clamped to 0 and made finite (the order of the bits of
/// non-negative floats is their numeric order).
fn key_of(at_ms: f64) -> u64 {
    let at = if at_ms.is_finite() {
        at_ms.max(0.0)
    } else {
        f64::MAX
    };
    at.to_bits()
}

impl Queue {
    /// Schedules `kind` at `at_ms` (clamped to 0 and made finite).
    pub fn push(&mut self, at_ms: f64, kind: Kind) {
        self.seq += 1;
        self.heap.push(Event {
            key: key_of(at_ms),
            seq: self.seq,
            kind,
        });
    }

    /// Schedules `kind` at `at_ms` ahead of every other event at the same time (the end of a
    /// simulated second comes before what happens at the start of the next).
    pub fn push_first(&mut self, at_ms: f64, kind: Kind) {
        self.push_ranked(at_ms, 0, kind);
    }

    /// Schedules `kind` at `at_ms` ahead of the other events at the same time, after those of a
    /// lower `rank` (0 is the end of a second's).
    pub fn push_ranked(&mut self, at_ms: f64, rank: u32, kind: Kind) {
        self.heap.push(Event {
            key: key_of(at_ms),
            seq: u64::from(rank),
            kind,
        });
    }

    /// Whether the earliest event comes before an event of `rank` at `at_ms`.
    pub fn next_is_before(&self, at_ms: f64, rank: u32) -> bool {
        self.heap
            .peek()
            .is_some_and(|e| (e.key, e.seq) < (key_of(at_ms), u64::from(rank)))
    }

    /// The earliest event.
    pub fn pop(&mut self) -> Option<Event> {
        self.heap.pop()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earliest_first_and_ties_in_insertion_order() {
        let mut q = Queue::default();
        q.push(5.0, Kind::Tick);
        q.push(1.0, Kind::Arrival { actor: 1 });
        q.push(1.0, Kind::Arrival { actor: 2 });
        q.push(0.5, Kind::FaultStart { fault: 0 });
        q.push(
            5.0,
            Kind::Detect {
                replica: 1,
                epoch: 0,
            },
        );
        q.push_ranked(5.0, 2, Kind::FaultEnd { fault: 0 });
        q.push_ranked(5.0, 1, Kind::FaultStart { fault: 1 });
        assert!(q.next_is_before(0.6, 0) && !q.next_is_before(0.5, 0));
        let order: Vec<Kind> = std::iter::from_fn(|| q.pop().map(|e| e.kind)).collect();
        assert_eq!(
            order,
            vec![
                Kind::FaultStart { fault: 0 },
                Kind::Arrival { actor: 1 },
                Kind::Arrival { actor: 2 },
                Kind::FaultStart { fault: 1 },
                Kind::FaultEnd { fault: 0 },
                Kind::Tick,
                Kind::Detect {
                    replica: 1,
                    epoch: 0
                },
            ]
        );
    }
}
