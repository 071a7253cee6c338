//! Simulation runs off the UI thread: a small tokio runtime owns each job, the engine itself
//! runs on a blocking thread (and uses rayon inside), and the editor polls the job each frame.
//! While a job runs the runtime asks for a repaint ten times a second, so the progress bar moves
//! without the user touching anything.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use tokio::runtime::Runtime;
use tokio::sync::oneshot;

use super::request::{Request, prepare};
use crate::model::{Fault, Topology};
use crate::sim::{self, Control, Report, ScenarioSet, SimError};

/// How a job ended.
#[derive(Debug)]
pub enum Outcome {
    /// The run finished.
    Done(Box<Report>),
    /// The user stopped it.
    Cancelled,
    /// The engine refused the input or stopped with an error.
    Failed(String),
}

/// A run in progress.
pub struct Job {
    /// What runs.
    pub request: Request,
    /// The document revision it simulates.
    pub revision: u64,
    /// Progress counter and cancel flag shared with the engine.
    pub control: Control,
    /// The faults of the scenario when the run is a single scenario of the file (or one
    /// injected from the canvas), for the overlay.
    pub named_faults: Vec<Fault>,
    /// Units of work of the whole run, known once the run is planned (0 before).
    total: Arc<AtomicU64>,
    started: Instant,
    result: oneshot::Receiver<Outcome>,
}

/// Worker threads the engine gets: all cores but one, so the UI thread keeps one to itself.
pub fn engine_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, usize::from)
        .saturating_sub(1)
        .max(1)
}

/// The runtime jobs run on: one async worker (jobs only wait) plus tokio's blocking pool.
pub fn runtime() -> std::io::Result<Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .thread_name("daedalus-jobs")
        .enable_time()
        .build()
}

impl Job {
    /// Plans and runs `request` on `topology` in the background. `ctx` (if given) is asked to
    /// repaint while the job runs and when it ends.
    pub fn start(
        runtime: &Runtime,
        topology: &Topology,
        revision: u64,
        request: Request,
        ctx: Option<egui::Context>,
    ) -> Self {
        let control = Control::new();
        let total = Arc::new(AtomicU64::new(0));
        let (tx, rx) = oneshot::channel();
        let (copy, set, mut options) = prepare(topology, &request);
        let named_faults = match &set {
            ScenarioSet::Named(id) => copy
                .scenarios
                .iter()
                .find(|s| s.id == id.as_str())
                .map(|s| s.faults.clone())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        options.threads = Some(engine_threads());
        let work = {
            let control = control.clone();
            let total = Arc::clone(&total);
            move || -> Outcome {
                let plan = match sim::plan(&copy, &set, &options) {
                    Ok(plan) => plan,
                    Err(e) => return Outcome::Failed(e.to_string()),
                };
                total.store(plan.total_work().max(1), Ordering::Relaxed);
                match sim::run(&plan, &control) {
                    Ok(report) => Outcome::Done(Box::new(report)),
                    Err(SimError::Cancelled) => Outcome::Cancelled,
                    Err(e) => Outcome::Failed(e.to_string()),
                }
            }
        };
        runtime.spawn(async move {
            let mut blocking = tokio::task::spawn_blocking(work);
            let mut tick = tokio::time::interval(Duration::from_millis(100));
            let outcome = loop {
                tokio::select! {
                    joined = &mut blocking => break joined.unwrap_or_else(|e| {
                        Outcome::Failed(format!("the simulation stopped unexpectedly: {e}"))
                    }),
                    _ = tick.tick() => {
                        if let Some(ctx) = &ctx {
                            ctx.request_repaint();
                        }
                    }
                }
            };
            // The editor may have dropped the job (a newer run, or closing): nobody to tell.
            let _ = tx.send(outcome);
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        });
        Self {
            request,
            revision,
            named_faults,
            control,
            total,
            started: Instant::now(),
            result: rx,
        }
    }

    /// Share of the work done, 0–1 (0 while the run is being planned).
    pub fn progress(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        let done = self.control.progress.load(Ordering::Relaxed);
        (done as f64 / total as f64).clamp(0.0, 1.0) as f32
    }

    /// Time since the job started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Asks the engine to stop; the job then ends as [`Outcome::Cancelled`].
    pub fn cancel(&self) {
        self.control.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether cancelling was asked for.
    pub fn cancelling(&self) -> bool {
        self.control.cancelled()
    }

    /// The outcome, once the job has ended.
    pub fn poll(&mut self) -> Option<Outcome> {
        match self.result.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(oneshot::error::TryRecvError::Empty) => None,
            Err(oneshot::error::TryRecvError::Closed) => Some(Outcome::Failed(
                "the simulation stopped without a result".to_owned(),
            )),
        }
    }

    /// Waits up to `timeout` for the outcome (tests and benchmarks).
    pub fn wait(&mut self, timeout: Duration) -> Option<Outcome> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(outcome) = self.poll() {
                return Some(outcome);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}
