//! Serving a request and making its calls: queueing on a replica, service, cache hits, the
//! call plan (calls one after another, a fraction of a call as a probability, cache-aside
//! fallbacks only after a miss), timeouts, retries, replies and failures.

use super::frames::{DETACHED, Link, ROOT, State};
use super::replicas::Route;
use super::{Engine, Kind, Work};
use crate::sim::net::NO_SLOT;
use crate::sim::sample::{keyed_uniform, mix};

/// Salt of the cache-hit choice.
const HIT_SALT: u64 = 0x0048_4954;

/// The key of call `i` (counted from the end) along arc `k` of a request with key `key`.
#[inline]
fn child_key(key: u64, k: u32, i: u32) -> u64 {
    mix(key ^ (u64::from(k) << 32 | u64::from(i)))
}

impl Engine<'_> {
    /// Frame `f` has done its own work (or is a user request at its actor): it starts its calls,
    /// or answers at once on a cache hit.
    pub(super) fn start_calls(&mut self, f: u32, hit: bool) {
        let station = self.slab.frames[f as usize].station;
        let (first, end) = self.net.stations[station as usize].arcs;
        let frame = &mut self.slab.frames[f as usize];
        frame.state = State::Calling;
        frame.hit = hit;
        frame.arc = if hit { end } else { first };
        frame.drawn = false;
        self.advance(f);
    }

    /// Makes the next call of `f`, or completes it when no call is left.
    pub(super) fn advance(&mut self, f: u32) {
        loop {
            let frame = &self.slab.frames[f as usize];
            let end = self.net.stations[frame.station as usize].arcs.1;
            if frame.arc >= end {
                self.complete(f, true);
                return;
            }
            let k = frame.arc;
            let arc = &self.net.arcs[k as usize];
            if !frame.drawn {
                let skip = arc.on_miss_slot != NO_SLOT && frame.miss >> arc.on_miss_slot & 1 == 0;
                let n = if skip {
                    0
                } else {
                    let extra = arc.frac > 0.0 && keyed_uniform(frame.key, u64::from(k)) < arc.frac;
                    arc.whole + u32::from(extra)
                };
                let frame = &mut self.slab.frames[f as usize];
                frame.calls_left = n;
                frame.drawn = true;
                frame.attempt = 0;
            }
            let frame = &mut self.slab.frames[f as usize];
            if frame.calls_left == 0 {
                frame.arc += 1;
                frame.drawn = false;
                continue;
            }
            if arc.asynchronous {
                let (n, key) = (frame.calls_left, frame.key);
                frame.calls_left = 0;
                for i in 0..n {
                    self.send_async(k, child_key(key, k, i));
                }
                continue;
            }
            self.issue(f);
            return;
        }
    }

    /// One attempt of the current call of `f`.
    fn issue(&mut self, f: u32) {
        let frame = &mut self.slab.frames[f as usize];
        frame.attempt += 1;
        frame.serial = frame.serial.wrapping_add(1);
        let link = Link {
            frame: f,
            generation: frame.generation,
            serial: frame.serial,
        };
        let k = frame.arc;
        let key = child_key(frame.key, k, frame.calls_left);
        let first_attempt = frame.attempt == 1;
        let arc = &self.net.arcs[k as usize];
        if self.now >= self.metrics.warmup_ms {
            let c = &mut self.metrics.connections[arc.connection as usize];
            c.attempts += 1;
            c.calls += u64::from(first_attempt);
        }
        if arc.timeout_ms.is_finite() {
            self.timeouts[k as usize].push_back((self.now + arc.timeout_ms, link));
            if !self.timeout_armed[k as usize] {
                self.timeout_armed[k as usize] = true;
                self.queue
                    .push(self.now + arc.timeout_ms, Kind::TimeoutCheck { arc: k });
            }
        }
        let to = self.receiver(k);
        self.dispatch(to, link, key);
    }

    /// A receiver of arc `k`, uniformly among its receivers.
    #[inline]
    fn receiver(&mut self, k: u32) -> u32 {
        let (a, b) = self.net.arcs[k as usize].receivers;
        let i = a + self.routing_rng.below(b - a);
        self.net.receivers[i as usize]
    }

    /// A message along async arc `k` with request key `key`: nobody waits for it.
    fn send_async(&mut self, k: u32, key: u64) {
        if self.now >= self.metrics.warmup_ms {
            self.metrics.async_sent += 1;
            let c = &mut self.metrics.connections[self.net.arcs[k as usize].connection as usize];
            c.calls += 1;
            c.attempts += 1;
        }
        let to = self.receiver(k);
        let link = Link {
            frame: DETACHED,
            generation: 0,
            serial: 0,
        };
        self.dispatch(to, link, key);
    }

    /// A request for `link`, with key `key`, arrives at station `s`.
    fn dispatch(&mut self, s: u32, link: Link, key: u64) {
        let counted = self.now >= self.metrics.warmup_ms;
        self.stations[s as usize].arrivals += 1;
        if counted {
            self.metrics.stations[s as usize].arrivals += 1;
        }
        let g = match self.route(s, key) {
            Route::To(g) => g,
            Route::Lost(g) => {
                self.lost_at(g, link);
                return;
            }
            Route::Refused => {
                self.refuse(s, link);
                return;
            }
        };
        let local = self.replicas[g as usize].index;
        let concurrency = self.net.stations[s as usize].concurrency;
        let limit = self.net.stations[s as usize].queue_limit as usize;
        let rep = &self.replicas[g as usize];
        if rep.busy < concurrency {
            let f = self.slab.alloc(s, local, link, self.now, key);
            self.start_service(g, f);
        } else if rep.queue.len() < limit {
            let f = self.slab.alloc(s, local, link, self.now, key);
            self.slab.frames[f as usize].state = State::Queued;
            self.touch(s);
            self.replicas[g as usize].queue.push_back(f);
            let st = &mut self.stations[s as usize];
            st.queued += 1;
            if counted {
                let t = &mut self.metrics.stations[s as usize];
                t.peak_queue = t.peak_queue.max(st.queued);
            }
        } else {
            self.refuse(s, link);
        }
    }

    /// Station `s` cannot take the request: the caller gets an error at once.
    fn refuse(&mut self, s: u32, link: Link) {
        if self.now >= self.metrics.warmup_ms {
            self.metrics.stations[s as usize].refused += 1;
        }
        self.answer(link, false, false);
    }

    /// Sends an outcome to whoever waits for `link`.
    fn answer(&mut self, link: Link, ok: bool, hit: bool) {
        match link.frame {
            ROOT => {}
            DETACHED => {
                if !ok {
                    self.metrics.async_lost += 1;
                }
            }
            _ => self.work.push(Work::Reply { link, ok, hit }),
        }
    }

    /// Frame `f` takes a server of replica `g`.
    fn start_service(&mut self, g: u32, f: u32) {
        let s = self.replicas[g as usize].station;
        self.touch(s);
        self.replicas[g as usize].busy += 1;
        self.stations[s as usize].busy += 1;
        let frame = &mut self.slab.frames[f as usize];
        frame.state = State::InService;
        if self.now >= self.metrics.warmup_ms {
            let t = &mut self.metrics.stations[s as usize];
            t.wait_ms += self.now - frame.arrived_ms;
            t.waits += 1;
        }
        let generation = frame.generation;
        let service = self.net.stations[s as usize].service;
        let duration = self.service_rng.service(service) + self.stations[s as usize].added_ms;
        self.queue.push(
            self.now + duration,
            Kind::ServiceDone {
                frame: f,
                generation,
            },
        );
    }

    /// Frame `f` gives its server back; the next waiting request takes it.
    fn release(&mut self, f: u32) {
        let frame = &mut self.slab.frames[f as usize];
        frame.holds_server = false;
        let (s, local, arrived) = (frame.station, frame.replica, frame.arrived_ms);
        let g = self.stations[s as usize].first_replica + local;
        self.touch(s);
        self.replicas[g as usize].busy -= 1;
        self.stations[s as usize].busy -= 1;
        if self.now >= self.metrics.warmup_ms {
            let t = &mut self.metrics.stations[s as usize];
            t.sojourn_ms += self.now - arrived;
            t.sojourns += 1;
        }
        if let Some(next) = self.replicas[g as usize].queue.pop_front() {
            self.stations[s as usize].queued -= 1;
            self.start_service(g, next);
        }
    }

    /// The own service of frame `f` ends (if the frame is still the one that started it).
    pub(super) fn service_done(&mut self, f: u32, generation: u32) {
        let Some(frame) = self.slab.frames.get(f as usize) else {
            return;
        };
        if frame.generation != generation || frame.state != State::InService {
            return;
        }
        let station = &self.net.stations[frame.station as usize];
        let hit = station
            .hit_ratio
            .is_some_and(|h| keyed_uniform(frame.key, HIT_SALT) < h);
        if station.blocking {
            self.slab.frames[f as usize].holds_server = true;
        } else {
            self.release(f);
        }
        self.start_calls(f, hit);
    }

    /// The outcome of the outstanding call of `link`'s frame (ignored if that call is no longer
    /// outstanding: the caller timed out, retried, or was lost).
    pub(super) fn reply(&mut self, link: Link, ok: bool, hit: bool, timed_out: bool) {
        if !self.slab.is_current(link) {
            return;
        }
        let f = link.frame;
        let frame = &self.slab.frames[f as usize];
        let arc = &self.net.arcs[frame.arc as usize];
        let counted = self.now >= self.metrics.warmup_ms;
        if timed_out && counted {
            self.metrics.connections[arc.connection as usize].timeouts += 1;
        }
        if !ok && frame.attempt <= arc.retries {
            self.issue(f);
            return;
        }
        if !ok && counted {
            self.metrics.connections[arc.connection as usize].failures += 1;
        }
        let lookup = arc.lookup_slot;
        if !ok && lookup == NO_SLOT {
            self.complete(f, false);
            return;
        }
        let frame = &mut self.slab.frames[f as usize];
        if lookup != NO_SLOT {
            // A miss, or a failed lookup that the caller falls back from.
            if ok && hit {
                frame.miss &= !(1u64 << lookup);
            } else {
                frame.miss |= 1u64 << lookup;
            }
        }
        frame.calls_left -= 1;
        frame.attempt = 0;
        if frame.calls_left > 0 {
            self.issue(f);
        } else {
            frame.arc += 1;
            frame.drawn = false;
            self.advance(f);
        }
    }

    /// Frame `f` is done: it frees its server, answers its caller and is recycled.
    fn complete(&mut self, f: u32, ok: bool) {
        if self.slab.frames[f as usize].holds_server {
            self.release(f);
        }
        let frame = self.slab.frames[f as usize];
        let latency = self.now - frame.arrived_ms;
        if frame.parent.frame == ROOT {
            self.metrics.request_done(self.now, latency, ok);
        } else if self.now >= self.metrics.warmup_ms {
            let t = &mut self.metrics.stations[frame.station as usize];
            if ok {
                t.completed += 1;
            } else {
                t.failed += 1;
            }
            t.response_ms += latency;
            t.responses += 1;
        }
        self.slab.free(f);
        if frame.parent.frame != ROOT {
            self.answer(frame.parent, ok, frame.hit);
        }
    }

    /// Expired timeouts of arc `k`: each caller still waiting gives up on its attempt.
    ///
    /// Attempts already answered are dropped from the front whatever their deadline, so the
    /// check is armed again only for the oldest attempt still outstanding: about one check
    /// per timeout period and arc, not one per call.
    pub(super) fn timeout_check(&mut self, k: u32) {
        loop {
            let Some(&(deadline, link)) = self.timeouts[k as usize].front() else {
                self.timeout_armed[k as usize] = false;
                return;
            };
            let current = self.slab.is_current(link);
            if current && deadline > self.now {
                self.queue.push(deadline, Kind::TimeoutCheck { arc: k });
                return;
            }
            self.timeouts[k as usize].pop_front();
            if current {
                self.reply(link, false, false, true);
                self.drain();
            }
        }
    }
}
