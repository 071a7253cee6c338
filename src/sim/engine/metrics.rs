//! What one replication measures: user requests (counts, latency histogram), per-second
//! series, per-component time integrals and counters, per-connection calls, attempts and
//! timeouts. Everything is plain numbers, combined across replications in [`crate::sim`]'s
//! summary.

use crate::sim::histogram::Histogram;

/// One simulated second of user requests.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Second {
    /// Requests the actors sent.
    pub offered: u32,
    /// Requests that succeeded.
    pub ok: u32,
    /// Requests that failed (error, timeout, refused).
    pub failed: u32,
    /// Latency percentiles of the successful ones, ms (NaN when none).
    pub p50_ms: f32,
    pub p95_ms: f32,
    pub p99_ms: f32,
    /// The latency objective's percentile (NaN when none or no objective).
    pub p_slo_ms: f32,
}

/// One simulated second of one component.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct StationSecond {
    /// Requests that arrived.
    pub arrivals: u32,
    /// Busy servers over serving servers (NaN when no server was up).
    pub utilisation: f32,
    /// Mean number waiting in queues.
    pub queue: f32,
}

/// Totals of one component after the warm-up.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct StationTotals {
    pub arrivals: u64,
    pub completed: u64,
    pub failed: u64,
    /// Requests lost on a replica that failed.
    pub lost: u64,
    /// Requests refused: no replica in rotation, shard unavailable, queue full.
    pub refused: u64,
    /// ∫ busy servers dt (ms).
    pub busy_area: f64,
    /// ∫ waiting requests dt (ms).
    pub queue_area: f64,
    /// ∫ serving servers dt (ms).
    pub alive_area: f64,
    /// Σ time from arrival to the release of the server, over released frames.
    pub sojourn_ms: f64,
    pub sojourns: u64,
    /// Σ queueing delay before service.
    pub wait_ms: f64,
    pub waits: u64,
    /// Σ time from arrival to the reply, over completed frames.
    pub response_ms: f64,
    pub responses: u64,
    /// Most requests waiting at once (all replicas).
    pub peak_queue: u32,
}

/// Calls over one connection after the warm-up.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ConnectionTotals {
    /// Calls (first attempts).
    pub calls: u64,
    /// Attempts, retries included.
    pub attempts: u64,
    /// Attempts the caller gave up on.
    pub timeouts: u64,
    /// Calls that failed after every attempt.
    pub failures: u64,
}

/// Everything one replication measured.
#[derive(Debug, Clone)]
pub(crate) struct Metrics {
    /// Statistics count from this time on.
    pub warmup_ms: f64,
    pub requests: u64,
    pub ok: u64,
    pub failed: u64,
    /// Σ latency of the successful requests.
    pub latency_sum_ms: f64,
    /// Latency of the successful requests.
    pub latency: Histogram,
    /// The second being measured.
    pub current: Second,
    pub current_latency: Histogram,
    pub seconds: Vec<Second>,
    pub stations: Vec<StationTotals>,
    /// Per station, per second (empty when component timelines are off).
    pub station_seconds: Vec<Vec<StationSecond>>,
    pub connections: Vec<ConnectionTotals>,
    pub async_sent: u64,
    pub async_lost: u64,
    /// Peak frames alive at once (memory use).
    pub peak_frames: usize,
}

impl Metrics {
    pub fn new(stations: usize, connections: usize, seconds: usize, timelines: bool) -> Self {
        Self {
            warmup_ms: 0.0,
            requests: 0,
            ok: 0,
            failed: 0,
            latency_sum_ms: 0.0,
            latency: Histogram::new(),
            current: Second::default(),
            current_latency: Histogram::new(),
            seconds: Vec::with_capacity(seconds),
            stations: vec![StationTotals::default(); stations],
            station_seconds: if timelines {
                (0..stations).map(|_| Vec::with_capacity(seconds)).collect()
            } else {
                Vec::new()
            },
            connections: vec![ConnectionTotals::default(); connections],
            async_sent: 0,
            async_lost: 0,
            peak_frames: 0,
        }
    }

    /// A user request ended at `now_ms` after `latency_ms`.
    #[inline]
    pub fn request_done(&mut self, now_ms: f64, latency_ms: f64, ok: bool) {
        if ok {
            self.current.ok += 1;
            self.current_latency.record_ms(latency_ms);
        } else {
            self.current.failed += 1;
        }
        if now_ms >= self.warmup_ms {
            self.requests += 1;
            if ok {
                self.ok += 1;
                self.latency_sum_ms += latency_ms;
                self.latency.record_ms(latency_ms);
            } else {
                self.failed += 1;
            }
        }
    }

    /// Closes the current second: its latency percentiles (and the objective's, `slo_q`).
    pub fn close_second(&mut self, slo_q: Option<f64>) {
        let q = |h: &Histogram, q: f64| h.quantile_ms(q).map_or(f32::NAN, |v| v as f32);
        let h = &self.current_latency;
        let mut s = self.current;
        s.p50_ms = q(h, 0.50);
        s.p95_ms = q(h, 0.95);
        s.p99_ms = q(h, 0.99);
        s.p_slo_ms = slo_q.map_or(f32::NAN, |p| q(h, p));
        self.seconds.push(s);
        self.current = Second::default();
        self.current_latency.clear();
    }
}
