//! The discrete-event simulation of one replication of one scenario.
//!
//! Requests are individual frames moving through multi-server queues: an actor's Poisson
//! arrivals (thinned to its load profile) start user requests; each component queues a request
//! on one of its replicas (round robin, or the owner of the request's shard), serves it for a
//! drawn service time, then makes its calls one after another (cache-aside fallbacks last),
//! holding its server during them if it blocks; replies, timeouts, retries and failures travel
//! back up. Faults stop replicas; health checks notice after the detection delay; shards are
//! promoted; repaired replicas come back. See `docs/simulation.md` for the model.
//!
//! # Complexity
//! O(log q) per event with q pending events (about the requests in service plus one per arc
//! and actor), O(1) per call otherwise; O(f) per replica failure in the f live frames.

mod calls;
mod events;
mod frames;
pub(crate) mod metrics;
mod replicas;

use std::collections::VecDeque;

use events::{Kind, Queue};
use frames::{Link, Slab};
use metrics::{Metrics, StationSecond};

use super::net::{Net, Routing};
use super::options::Control;
use super::plan::{Effect, ScenarioPlan};
use super::profile::{factor_at, max_factor};
use super::sample::{ARRIVAL_STREAM, ROUTING_STREAM, SERVICE_STREAM, Stream};

/// Rank of a scenario's first fault among simultaneous events (0 is the end of a second).
const FIRST_FAULT_RANK: u32 = 1;
/// Milliseconds per simulated second.
const SECOND_MS: f64 = 1000.0;
/// NONE marker for replica owners.
const NOBODY: u32 = u32::MAX;

/// Settings of one replication.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RunSettings {
    pub seed: u64,
    pub replication: u64,
    pub warmup_s: f64,
    pub component_timelines: bool,
    /// Quantile (0–1) of the latency objective, if any.
    pub slo_quantile: Option<f64>,
}

/// Why a replication stopped early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cancelled;

/// A replica of a station.
#[derive(Debug, Clone)]
struct Replica {
    station: u32,
    index: u32,
    /// Active faults holding it down.
    down: u32,
    alive: bool,
    /// Out of rotation: its failure was detected and it has not been readmitted.
    detected: bool,
    /// Bumped at every failure and repair, to drop stale detection and readmission events.
    epoch: u32,
    busy: u32,
    queue: VecDeque<u32>,
    /// Callers without a timeout whose request was lost here: they fail at detection.
    waiting: Vec<Link>,
}

/// Run-time state of a station.
#[derive(Debug, Clone)]
struct StationState {
    /// Global number of its first replica.
    first_replica: u32,
    /// Replicas in rotation (balanced routing), ascending.
    rotation: Vec<u32>,
    next: u32,
    /// Owner of each shard (sharded routing), [`NOBODY`] while unavailable.
    owner: Vec<u32>,
    /// Pending promotion of each shard, by token.
    promoting: Vec<bool>,
    token: Vec<u32>,
    /// Milliseconds added to every service time (slow-component faults).
    added_ms: f64,
    busy: u32,
    queued: u32,
    /// Servers of the replicas that serve (alive, and owning a shard when sharded).
    serving: u32,
    last_ms: f64,
    busy_area: f64,
    queue_area: f64,
    serving_area: f64,
    arrivals: u32,
}

/// Pending call outcome, handled after the current event (so nothing recurses).
#[derive(Debug, Clone, Copy)]
enum Work {
    /// A reply (or a failure) for a waiting caller.
    Reply { link: Link, ok: bool, hit: bool },
}

/// The simulation of one replication.
#[derive(Clone)]
pub(crate) struct Engine<'a> {
    net: &'a Net,
    scenario: &'a ScenarioPlan,
    settings: RunSettings,
    now: f64,
    end_ms: f64,
    queue: Queue,
    slab: Slab,
    replicas: Vec<Replica>,
    stations: Vec<StationState>,
    /// Per arc, pending timeouts in deadline order: (deadline, caller).
    timeouts: Vec<VecDeque<(f64, Link)>>,
    timeout_armed: Vec<bool>,
    service_rng: Stream,
    routing_rng: Stream,
    arrival_rng: Vec<Stream>,
    /// Per actor: base rate (per ms) and the thinning bound.
    rates: Vec<(f64, f64)>,
    work: Vec<Work>,
    metrics: Metrics,
}

impl<'a> Engine<'a> {
    /// A fresh replication of `scenario` on `net`.
    pub fn new(net: &'a Net, scenario: &'a ScenarioPlan, settings: RunSettings) -> Self {
        let seconds = scenario.duration_s as usize;
        let mut replicas = Vec::new();
        let mut stations = Vec::with_capacity(net.stations.len());
        for (s, st) in net.stations.iter().enumerate() {
            let first = replicas.len() as u32;
            for r in 0..st.replicas {
                replicas.push(Replica {
                    station: s as u32,
                    index: r,
                    down: 0,
                    alive: true,
                    detected: false,
                    epoch: 0,
                    busy: 0,
                    queue: VecDeque::new(),
                    waiting: Vec::new(),
                });
            }
            let shards = match st.routing {
                Routing::Balanced => 0,
                Routing::Sharded { shards } => shards,
            };
            let serving = match st.routing {
                Routing::Balanced => st.replicas,
                Routing::Sharded { shards } => shards.min(st.replicas),
            } * st.concurrency;
            stations.push(StationState {
                first_replica: first,
                rotation: if shards == 0 {
                    (0..st.replicas).collect()
                } else {
                    Vec::new()
                },
                next: 0,
                owner: (0..shards).collect(),
                promoting: vec![false; shards as usize],
                token: vec![0; shards as usize],
                added_ms: 0.0,
                busy: 0,
                queued: 0,
                serving: if st.actor { 0 } else { serving },
                last_ms: 0.0,
                busy_area: 0.0,
                queue_area: 0.0,
                serving_area: 0.0,
                arrivals: 0,
            });
        }
        let mut metrics = Metrics::new(
            net.stations.len(),
            net.connections.len(),
            seconds,
            settings.component_timelines,
        );
        metrics.warmup_ms = settings.warmup_s * SECOND_MS;
        let (seed, rep) = (settings.seed, settings.replication);
        let rates = (0..net.actors)
            .map(|a| {
                let load = scenario.loads.iter().find(|l| l.station as usize == a);
                let base = load.map_or(0.0, |l| l.rate_rps.max(0.0)) / SECOND_MS;
                let bound = load.map_or(0.0, |l| base * max_factor(&l.profile));
                (base, bound)
            })
            .collect();
        Self {
            net,
            scenario,
            settings,
            now: 0.0,
            end_ms: scenario.duration_s * SECOND_MS,
            queue: Queue::default(),
            slab: Slab::default(),
            replicas,
            stations,
            timeouts: vec![VecDeque::new(); net.arcs.len()],
            timeout_armed: vec![false; net.arcs.len()],
            service_rng: Stream::new(seed, rep, SERVICE_STREAM),
            routing_rng: Stream::new(seed, rep, ROUTING_STREAM),
            arrival_rng: (0..net.actors)
                .map(|a| Stream::new(seed, rep, ARRIVAL_STREAM + a as u64))
                .collect(),
            rates,
            work: Vec::new(),
            metrics,
        }
    }

    /// Runs to the end of the scenario; `control` gets one unit of progress per simulated second
    /// and can cancel.
    pub fn run(mut self, control: &Control) -> Result<Metrics, Cancelled> {
        self.start();
        self.schedule_faults();
        self.process(None, control)?;
        Ok(self.finish())
    }

    /// Runs the beginning that scenarios of the same duration and loads share: every event
    /// before faults starting at `until_s` (of the lowest rank). [`Self::continue_as`] then
    /// goes on as each of them, exactly as if it had run alone from the start.
    pub fn run_prefix(mut self, until_s: f64, control: &Control) -> Result<Self, Cancelled> {
        self.start();
        self.process(Some(until_s * SECOND_MS), control)?;
        Ok(self)
    }

    /// Simulated seconds this engine has closed.
    pub fn seconds_done(&self) -> usize {
        self.metrics.seconds.len()
    }

    /// A copy of this prefix engine that goes on as `scenario` (same duration and loads as the
    /// one it started as, faults not before the prefix's end) to the end of the run.
    pub fn continue_as(
        &self,
        scenario: &'a ScenarioPlan,
        control: &Control,
    ) -> Result<Metrics, Cancelled> {
        let mut engine = self.clone();
        engine.scenario = scenario;
        engine.schedule_faults();
        engine.process(None, control)?;
        Ok(engine.finish())
    }

    /// Schedules the actors' first arrivals and the end of the first second.
    fn start(&mut self) {
        for a in 0..self.net.actors {
            self.schedule_arrival(a as u32);
        }
        self.queue.push_first(SECOND_MS, Kind::Tick);
    }

    /// Schedules the scenario's faults and repairs, ranked in the scenario's order.
    fn schedule_faults(&mut self) {
        for (k, f) in self.scenario.faults.iter().enumerate() {
            let (fault, rank) = (k as u32, FIRST_FAULT_RANK + 2 * k as u32);
            self.queue
                .push_ranked(f.at_s * SECOND_MS, rank, Kind::FaultStart { fault });
            if let Some(until) = f.until_s {
                self.queue
                    .push_ranked(until * SECOND_MS, rank + 1, Kind::FaultEnd { fault });
            }
        }
    }

    /// Handles events in order to the end of the run, or (`stop_ms`) until the next would come
    /// at or after a first-ranked fault at that time.
    fn process(&mut self, stop_ms: Option<f64>, control: &Control) -> Result<(), Cancelled> {
        loop {
            if let Some(stop) = stop_ms
                && !self.queue.next_is_before(stop, FIRST_FAULT_RANK)
            {
                return Ok(());
            }
            let Some(event) = self.queue.pop() else {
                return Ok(());
            };
            let at = event.at_ms();
            if at > self.end_ms {
                return Ok(());
            }
            self.now = at;
            match event.kind {
                Kind::Arrival { actor } => self.arrival(actor),
                Kind::ServiceDone { frame, generation } => self.service_done(frame, generation),
                Kind::TimeoutCheck { arc } => self.timeout_check(arc),
                Kind::Tick => {
                    self.tick();
                    control.advance(1);
                    if control.cancelled() {
                        return Err(Cancelled);
                    }
                    if self.now + SECOND_MS <= self.end_ms + 1e-9 {
                        self.queue.push_first(self.now + SECOND_MS, Kind::Tick);
                    }
                }
                Kind::FaultStart { fault } => self.fault(fault as usize, true),
                Kind::FaultEnd { fault } => self.fault(fault as usize, false),
                Kind::Detect { replica, epoch } => self.detect(replica, epoch),
                Kind::Readmit { replica, epoch } => self.readmit(replica, epoch),
                Kind::Promote {
                    station,
                    shard,
                    token,
                } => self.promote(station, shard, token),
            }
            self.drain();
        }
    }

    /// The measurements, once the run is over.
    fn finish(mut self) -> Metrics {
        self.metrics.peak_frames = self.slab.frames.len();
        self.metrics
    }

    /// Handles pending replies until none is left.
    fn drain(&mut self) {
        while let Some(w) = self.work.pop() {
            match w {
                Work::Reply { link, ok, hit } => self.reply(link, ok, hit, false),
            }
        }
    }

    /// Schedules the next candidate arrival of actor `a` (at the thinning bound rate).
    fn schedule_arrival(&mut self, a: u32) {
        let (_, bound) = self.rates[a as usize];
        if bound > 0.0 {
            let gap = self.arrival_rng[a as usize].exponential(1.0 / bound);
            self.queue.push(self.now + gap, Kind::Arrival { actor: a });
        }
    }

    /// A candidate arrival: accepted with probability rate(t) / bound, then a user request
    /// starts at the actor.
    fn arrival(&mut self, a: u32) {
        let (base, bound) = self.rates[a as usize];
        let profile = self
            .scenario
            .loads
            .iter()
            .find(|l| l.station == a)
            .map(|l| &l.profile);
        let accept = match profile {
            Some(p) if !p.is_constant() => {
                let rate = base * factor_at(p, self.now / SECOND_MS);
                self.arrival_rng[a as usize].uniform() * bound < rate
            }
            _ => true,
        };
        if accept {
            self.metrics.current.offered += 1;
            let root = Link {
                frame: frames::ROOT,
                generation: 0,
                serial: 0,
            };
            let key = self.arrival_rng[a as usize].bits();
            let f = self.slab.alloc(a, 0, root, self.now, key);
            self.start_calls(f, false);
        }
        self.schedule_arrival(a);
    }

    /// Brings the time integrals of station `s` up to now.
    #[inline]
    fn touch(&mut self, s: u32) {
        let st = &mut self.stations[s as usize];
        let dt = self.now - st.last_ms;
        if dt > 0.0 {
            st.busy_area += f64::from(st.busy) * dt;
            st.queue_area += f64::from(st.queued) * dt;
            st.serving_area += f64::from(st.serving) * dt;
            st.last_ms = self.now;
        }
    }

    /// The end of a simulated second: per-second figures, totals after the warm-up.
    fn tick(&mut self) {
        let counted = self.now > self.metrics.warmup_ms;
        for s in 0..self.stations.len() {
            if self.net.stations[s].actor {
                continue;
            }
            self.touch(s as u32);
            let st = &mut self.stations[s];
            if counted {
                let t = &mut self.metrics.stations[s];
                t.busy_area += st.busy_area;
                t.queue_area += st.queue_area;
                t.alive_area += st.serving_area;
            }
            if let Some(series) = self.metrics.station_seconds.get_mut(s) {
                series.push(StationSecond {
                    arrivals: st.arrivals,
                    utilisation: if st.serving_area > 0.0 {
                        (st.busy_area / st.serving_area) as f32
                    } else {
                        f32::NAN
                    },
                    queue: (st.queue_area / SECOND_MS) as f32,
                });
            }
            st.busy_area = 0.0;
            st.queue_area = 0.0;
            st.serving_area = 0.0;
            st.arrivals = 0;
        }
        self.metrics.close_second(self.settings.slo_quantile);
    }

    /// A fault starts (`start`) or is repaired.
    fn fault(&mut self, k: usize, start: bool) {
        let scenario = self.scenario;
        match &scenario.faults[k].effect {
            Effect::Down { replicas, .. } => {
                for &(s, r) in replicas {
                    let Some(st) = self.stations.get(s as usize) else {
                        continue;
                    };
                    let g = st.first_replica + r;
                    let Some(rep) = self.replicas.get_mut(g as usize) else {
                        continue;
                    };
                    if start {
                        rep.down += 1;
                        if rep.down == 1 {
                            self.kill(g);
                        }
                    } else if rep.down > 0 {
                        rep.down -= 1;
                        if rep.down == 0 {
                            self.revive(g);
                        }
                    }
                }
            }
            Effect::Slow { station, added_ms } => {
                if let Some(st) = self.stations.get_mut(*station as usize) {
                    st.added_ms = if start {
                        st.added_ms + added_ms
                    } else {
                        (st.added_ms - added_ms).max(0.0)
                    };
                }
            }
        }
    }
}
