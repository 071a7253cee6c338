//! Frames: one per request attempt being handled by a component (or per user request at an
//! actor), kept in a slab with a free list and generation counters, so that a stale reference
//! (a late reply to a caller that timed out, a service end on a replica that crashed) is
//! recognised and dropped. No allocation per request once the slab has grown.

/// No parent: the frame is a user request at an actor.
pub(super) const ROOT: u32 = u32::MAX;
/// No parent: the frame is an asynchronous message, nobody waits for it.
pub(super) const DETACHED: u32 = u32::MAX - 1;

/// Where a frame is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    /// Unused slot.
    Free,
    /// Waiting in a replica's queue.
    Queued,
    /// On a server, doing its own work.
    InService,
    /// Making its calls (holding its server if the component blocks).
    Calling,
}

/// A reference to one call attempt of a frame: the reply it waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Link {
    pub frame: u32,
    pub generation: u32,
    pub serial: u32,
}

/// A request attempt at a component.
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub generation: u32,
    pub state: State,
    pub station: u32,
    /// Replica number within the station.
    pub replica: u32,
    /// The caller waiting for this frame ([`ROOT`] or [`DETACHED`] when none).
    pub parent: Link,
    /// Serial of this frame's outstanding call; bumped at every attempt.
    pub serial: u32,
    /// Index of the arc being called.
    pub arc: u32,
    /// Calls still to make on that arc, the outstanding one included.
    pub calls_left: u32,
    /// Attempts made for the outstanding call.
    pub attempt: u32,
    /// Whether `calls_left` was drawn for the current arc.
    pub drawn: bool,
    /// Whether the frame holds a server while calling (blocking components).
    pub holds_server: bool,
    /// Whether this frame's answer was a cache hit.
    pub hit: bool,
    /// Cache-aside slots whose lookup missed or failed.
    pub miss: u64,
    /// Arrival at the component, ms.
    pub arrived_ms: f64,
    /// Key of the request: its choices (fractional calls, cache hits, shards) follow from it,
    /// so that a retry repeats them.
    pub key: u64,
}

impl Frame {
    fn empty() -> Self {
        Self {
            generation: 0,
            state: State::Free,
            station: 0,
            replica: 0,
            parent: Link {
                frame: ROOT,
                generation: 0,
                serial: 0,
            },
            serial: 0,
            arc: 0,
            calls_left: 0,
            attempt: 0,
            drawn: false,
            holds_server: false,
            hit: false,
            miss: 0,
            arrived_ms: 0.0,
            key: 0,
        }
    }
}

/// The frames of one replication.
#[derive(Debug, Clone, Default)]
pub(super) struct Slab {
    pub frames: Vec<Frame>,
    free: Vec<u32>,
}

impl Slab {
    /// A fresh frame at `station`/`replica` for `parent`, arrived at `now_ms`, with request key
    /// `key`.
    pub fn alloc(
        &mut self,
        station: u32,
        replica: u32,
        parent: Link,
        now_ms: f64,
        key: u64,
    ) -> u32 {
        let i = match self.free.pop() {
            Some(i) => i,
            None => {
                self.frames.push(Frame::empty());
                (self.frames.len() - 1) as u32
            }
        };
        let f = &mut self.frames[i as usize];
        f.state = State::Calling;
        f.station = station;
        f.replica = replica;
        f.parent = parent;
        f.arc = 0;
        f.calls_left = 0;
        f.attempt = 0;
        f.drawn = false;
        f.holds_server = false;
        f.hit = false;
        f.miss = 0;
        f.arrived_ms = now_ms;
        f.key = key;
        i
    }

    /// Returns frame `i` to the free list; every reference to it becomes stale.
    pub fn free(&mut self, i: u32) {
        let f = &mut self.frames[i as usize];
        f.state = State::Free;
        f.generation = f.generation.wrapping_add(1);
        self.free.push(i);
    }

    /// Whether `link` still names the frame and call attempt it was made for.
    pub fn is_current(&self, link: Link) -> bool {
        self.frames.get(link.frame as usize).is_some_and(|f| {
            f.generation == link.generation && f.serial == link.serial && f.state == State::Calling
        })
    }
}
