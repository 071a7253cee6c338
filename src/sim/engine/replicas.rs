//! Replicas: which one a request goes to, and what happens when one fails, is detected, has its
//! shards promoted elsewhere, is repaired and is readmitted.
//!
//! A failed replica answers nothing. Until health checks notice (the detection delay), the
//! component's callers keep sending it their share of requests, which are lost: each caller
//! gives up at its timeout, or, without one, when the failure is detected. After detection a
//! balanced component's survivors take everything; a sharded one's lost shards fail at once
//! until a surviving replica is promoted for them (`promotion_time_s`, if the component fails
//! over automatically). A repaired replica serves again after passing its health checks.

use super::frames::{DETACHED, Link, ROOT, State};
use super::{Engine, NOBODY, Work};
use crate::sim::net::Routing;
use crate::sim::sample::keyed_below;

/// Salt of the shard choice.
const SHARD_SALT: u64 = 0x0053_4841_5244;

/// Where a request to a station goes.
pub(super) enum Route {
    /// To this replica (global number), which is up.
    To(u32),
    /// To this replica, which is down but still in rotation: the request is lost.
    Lost(u32),
    /// Nowhere: no replica in rotation, or the shard has no owner.
    Refused,
}

impl Engine<'_> {
    /// Picks the replica for a request with key `key` to station `s`.
    #[inline]
    pub(super) fn route(&mut self, s: u32, key: u64) -> Route {
        let station = &self.net.stations[s as usize];
        let st = &mut self.stations[s as usize];
        let local = match station.routing {
            Routing::Balanced => {
                let n = st.rotation.len() as u32;
                if n == 0 {
                    return Route::Refused;
                }
                if st.next >= n {
                    st.next = 0;
                }
                let r = st.rotation[st.next as usize];
                st.next += 1;
                r
            }
            Routing::Sharded { shards } => {
                let shard = keyed_below(key, SHARD_SALT, shards);
                match st.owner.get(shard as usize) {
                    Some(&o) if o != NOBODY => o,
                    _ => return Route::Refused,
                }
            }
        };
        let g = st.first_replica + local;
        if self.replicas[g as usize].alive {
            Route::To(g)
        } else {
            Route::Lost(g)
        }
    }

    /// A request for `link` reached replica `g`, which is down: nothing answers. A caller with a
    /// timeout finds out then; one without is told when the failure is detected.
    pub(super) fn lost_at(&mut self, g: u32, link: Link) {
        let s = self.replicas[g as usize].station as usize;
        if self.now >= self.metrics.warmup_ms {
            self.metrics.stations[s].lost += 1;
        }
        if link.frame == DETACHED {
            self.metrics.async_lost += 1;
            return;
        }
        if link.frame == ROOT {
            return;
        }
        let caller = &self.slab.frames[link.frame as usize];
        let timeout = self.net.arcs[caller.arc as usize].timeout_ms;
        if !timeout.is_finite() {
            self.replicas[g as usize].waiting.push(link);
        }
    }

    /// Replica `g` stops: everything on it is lost.
    pub(super) fn kill(&mut self, g: u32) {
        let (s, local) = {
            let rep = &mut self.replicas[g as usize];
            if !rep.alive {
                return;
            }
            rep.alive = false;
            rep.epoch = rep.epoch.wrapping_add(1);
            (rep.station, rep.index)
        };
        self.touch(s);
        let lost: Vec<u32> = self
            .slab
            .frames
            .iter()
            .enumerate()
            .filter(|(_, f)| f.state != State::Free && f.station == s && f.replica == local)
            .filter(|(_, f)| f.parent.frame != ROOT)
            .map(|(i, _)| i as u32)
            .collect();
        {
            let rep = &mut self.replicas[g as usize];
            let st = &mut self.stations[s as usize];
            st.busy -= rep.busy;
            st.queued -= rep.queue.len() as u32;
            rep.busy = 0;
            rep.queue.clear();
        }
        for f in lost {
            let parent = self.slab.frames[f as usize].parent;
            self.slab.free(f);
            if parent.frame == DETACHED || self.slab.is_current(parent) {
                self.lost_at(g, parent);
            }
        }
        self.recount(s);
        let (detect_ms, epoch) = (
            self.net.stations[s as usize].detect_ms,
            self.replicas[g as usize].epoch,
        );
        self.queue.push(
            self.now + detect_ms,
            super::Kind::Detect { replica: g, epoch },
        );
    }

    /// Replica `g` is repaired: it serves at once if its failure was never detected, else after
    /// its health checks pass again.
    pub(super) fn revive(&mut self, g: u32) {
        let (s, detected, epoch) = {
            let rep = &mut self.replicas[g as usize];
            if rep.alive {
                return;
            }
            rep.alive = true;
            rep.epoch = rep.epoch.wrapping_add(1);
            (rep.station, rep.detected, rep.epoch)
        };
        // Its connections were reset by the restart: callers waiting without a timeout fail.
        self.fail_waiting(g);
        self.recount(s);
        if detected {
            let readmit_ms = self.net.stations[s as usize].readmit_ms;
            self.queue.push(
                self.now + readmit_ms,
                super::Kind::Readmit { replica: g, epoch },
            );
        }
    }

    /// Health checks notice that replica `g` is down (if it still is).
    pub(super) fn detect(&mut self, g: u32, epoch: u32) {
        let (s, local) = {
            let rep = &mut self.replicas[g as usize];
            if rep.epoch != epoch || rep.alive {
                return;
            }
            rep.detected = true;
            (rep.station, rep.index)
        };
        let station = &self.net.stations[s as usize];
        let (promote_ms, auto) = (station.promote_ms, station.auto_failover);
        let st = &mut self.stations[s as usize];
        st.rotation.retain(|&r| r != local);
        let mut promotions = Vec::new();
        for shard in 0..st.owner.len() {
            if st.owner[shard] == local {
                st.owner[shard] = NOBODY;
                if auto {
                    st.token[shard] = st.token[shard].wrapping_add(1);
                    st.promoting[shard] = true;
                    promotions.push((shard as u32, st.token[shard]));
                }
            }
        }
        for (shard, token) in promotions {
            self.queue.push(
                self.now + promote_ms,
                super::Kind::Promote {
                    station: s,
                    shard,
                    token,
                },
            );
        }
        self.fail_waiting(g);
        self.recount(s);
    }

    /// A shard's promotion completes: a surviving replica (the one owning fewest shards, then
    /// the lowest) takes it; with no survivor it stays unavailable until a replica is readmitted.
    pub(super) fn promote(&mut self, s: u32, shard: u32, token: u32) {
        let first = self.stations[s as usize].first_replica;
        let replicas = self.net.stations[s as usize].replicas;
        let st = &self.stations[s as usize];
        let k = shard as usize;
        if st.token.get(k) != Some(&token) || !st.promoting[k] {
            return;
        }
        let best = (0..replicas)
            .filter(|&r| {
                let rep = &self.replicas[(first + r) as usize];
                rep.alive && !rep.detected
            })
            .min_by_key(|&r| (st.owner.iter().filter(|&&o| o == r).count(), r));
        let st = &mut self.stations[s as usize];
        st.promoting[k] = false;
        if let Some(r) = best {
            st.owner[k] = r;
        }
        self.recount(s);
    }

    /// Repaired replica `g` passes its health checks: back in rotation, and owner again of its
    /// own shard and of any shard left without one.
    pub(super) fn readmit(&mut self, g: u32, epoch: u32) {
        let (s, local) = {
            let rep = &mut self.replicas[g as usize];
            if rep.epoch != epoch || !rep.alive || !rep.detected {
                return;
            }
            rep.detected = false;
            (rep.station, rep.index)
        };
        let st = &mut self.stations[s as usize];
        if matches!(self.net.stations[s as usize].routing, Routing::Balanced) {
            if let Err(at) = st.rotation.binary_search(&local) {
                st.rotation.insert(at, local);
            }
        } else {
            for shard in 0..st.owner.len() {
                let own = shard as u32 == local;
                let orphan = st.owner[shard] == NOBODY && !st.promoting[shard];
                if own || orphan {
                    st.owner[shard] = local;
                    st.promoting[shard] = false;
                    st.token[shard] = st.token[shard].wrapping_add(1);
                }
            }
        }
        self.recount(s);
    }

    /// Fails every caller waiting (without a timeout) on replica `g`.
    fn fail_waiting(&mut self, g: u32) {
        let waiting = std::mem::take(&mut self.replicas[g as usize].waiting);
        for link in waiting {
            self.work.push(Work::Reply {
                link,
                ok: false,
                hit: false,
            });
        }
    }

    /// Recomputes the serving servers of station `s` (after a failure, repair or promotion).
    fn recount(&mut self, s: u32) {
        self.touch(s);
        let station = &self.net.stations[s as usize];
        let st = &self.stations[s as usize];
        let first = st.first_replica;
        let serving = (0..station.replicas)
            .filter(|&r| {
                let rep = &self.replicas[(first + r) as usize];
                rep.alive
                    && match station.routing {
                        Routing::Balanced => true,
                        Routing::Sharded { .. } => st.owner.contains(&r),
                    }
            })
            .count() as u32;
        self.stations[s as usize].serving = serving * station.concurrency;
    }
}
