//! The simulation in the editor: the panel's settings, the background run (tokio job, rayon
//! inside the engine) with progress and cancel, the results (charts, sweep table, replay second)
//! and what they put on the diagram and in the flow view. Everything here is UI state: none of
//! it is saved with the document, and results of an older revision are marked stale.

mod charts;
pub mod flow;
pub mod job;
mod overlay;
mod panel;
pub mod request;
mod sweep;

use std::time::Duration;

pub use panel::ui;
pub use request::{FailureTarget, Request, RunKind, RunSettings, failure_targets};

use job::{Job, Outcome};
use overlay::FaultSpan;

use crate::model::Topology;
use crate::sim::Report;
use crate::ui::canvas::Overlay;

/// Results of a finished run.
pub struct Results {
    /// The document revision simulated.
    pub revision: u64,
    /// What ran.
    pub request: Request,
    /// What the engine found.
    pub report: Report,
    /// Wall-clock time of the run.
    pub elapsed: Duration,
    spans: Vec<Vec<FaultSpan>>,
}

/// The simulation's UI state.
pub struct SimulationView {
    /// Settings of the next run.
    pub settings: RunSettings,
    runtime: Option<Result<tokio::runtime::Runtime, String>>,
    job: Option<Job>,
    results: Option<Results>,
    message: Option<(String, bool)>,
    /// Scenario of the results shown (index into `report.scenarios`).
    pub selected: usize,
    /// The replay second drawn on the diagram.
    pub time_s: u32,
    /// Whether the replay advances by itself.
    pub playing: bool,
    /// Simulated seconds per real second while playing.
    pub speed: f32,
    replay_pos: f64,
    /// Whether the results are drawn over the diagram.
    pub show_overlay: bool,
    sort: sweep::Sort,
    chart: charts::Chart,
    /// The flow view.
    pub flow: flow::FlowView,
}

impl Default for SimulationView {
    fn default() -> Self {
        Self {
            settings: RunSettings::default(),
            runtime: None,
            job: None,
            results: None,
            message: None,
            selected: 0,
            time_s: 0,
            playing: false,
            speed: 20.0,
            replay_pos: 0.0,
            show_overlay: true,
            sort: sweep::Sort::default(),
            chart: charts::Chart::default(),
            flow: flow::FlowView::default(),
        }
    }
}

impl SimulationView {
    /// Starts `kind` with the current settings on `t` (stopping a run in progress).
    pub fn start(
        &mut self,
        ctx: Option<&egui::Context>,
        t: &Topology,
        revision: u64,
        kind: RunKind,
    ) {
        if let Some(job) = self.job.take() {
            job.cancel();
        }
        let runtime = self
            .runtime
            .get_or_insert_with(|| job::runtime().map_err(|e| e.to_string()));
        let runtime = match runtime {
            Ok(runtime) => runtime,
            Err(e) => {
                self.message = Some((format!("Cannot start background jobs: {e}"), true));
                return;
            }
        };
        let request = Request {
            kind,
            settings: self.settings.clone(),
        };
        self.message = None;
        self.playing = false;
        self.job = Some(Job::start(runtime, t, revision, request, ctx.cloned()));
    }

    /// Asks the running simulation to stop.
    pub fn cancel(&mut self) {
        if let Some(job) = &self.job {
            job.cancel();
        }
    }

    /// Picks up the outcome of the running job, if it ended. Returns a line for the status bar.
    pub fn poll(&mut self) -> Option<String> {
        let outcome = self.job.as_mut()?.poll()?;
        self.finish(outcome)
    }

    /// Waits for the running job to end and picks up its outcome (tests and benchmarks).
    pub fn settle(&mut self, timeout: Duration) -> Option<String> {
        let outcome = self.job.as_mut()?.wait(timeout)?;
        self.finish(outcome)
    }

    fn finish(&mut self, outcome: Outcome) -> Option<String> {
        let job = self.job.take()?;
        let line = match outcome {
            Outcome::Done(report) => {
                let spans = report
                    .scenarios
                    .iter()
                    .map(|s| overlay::spans_of(s, &job.named_faults))
                    .collect();
                let line = format!(
                    "{} simulated in {:.1} s",
                    job.request.kind.label(),
                    job.elapsed().as_secs_f64()
                );
                self.selected = first_to_show(&report);
                self.time_s = report
                    .scenarios
                    .get(self.selected)
                    .and_then(|s| s.faults.first())
                    .map_or(0, |f| f.at_s as u32 + 1);
                self.results = Some(Results {
                    revision: job.revision,
                    elapsed: job.elapsed(),
                    request: job.request,
                    report: *report,
                    spans,
                });
                self.message = Some((line.clone(), false));
                line
            }
            Outcome::Cancelled => {
                let line = "Simulation cancelled".to_owned();
                self.message = Some((line.clone(), false));
                line
            }
            Outcome::Failed(e) => {
                let line = format!("Simulation failed: {e}");
                self.message = Some((line.clone(), true));
                line
            }
        };
        Some(line)
    }

    /// Whether a run is in progress.
    pub fn running(&self) -> bool {
        self.job.is_some()
    }

    /// The latest results.
    pub fn results(&self) -> Option<&Results> {
        self.results.as_ref()
    }

    /// The last message of the panel (finished, cancelled, failed) and whether it is an error.
    pub fn message(&self) -> Option<(&str, bool)> {
        self.message.as_ref().map(|(m, e)| (m.as_str(), *e))
    }

    /// Moves the replay forward while playing; call once per frame with the frame's length.
    pub fn tick(&mut self, ctx: &egui::Context, dt_s: f32) {
        let duration = self
            .results
            .as_ref()
            .and_then(|r| r.report.scenarios.get(self.selected))
            .map(|s| s.duration_s);
        let (Some(duration), true) = (duration, self.playing) else {
            self.playing = false;
            self.replay_pos = f64::from(self.time_s);
            return;
        };
        let last = (duration - 1.0).max(0.0);
        self.replay_pos += f64::from(dt_s.clamp(0.0, 0.25) * self.speed);
        if self.replay_pos >= last {
            self.replay_pos = last;
            self.playing = false;
        }
        self.time_s = self.replay_pos as u32;
        ctx.request_repaint();
    }

    /// The overlay to draw for document revision `revision`, when results exist and are shown.
    pub fn overlay(&self, t: &Topology, revision: u64) -> Option<Overlay> {
        if !self.show_overlay {
            return None;
        }
        let r = self.results.as_ref()?;
        let s = r.report.scenarios.get(self.selected)?;
        let spans = r.spans.get(self.selected).map_or(&[][..], Vec::as_slice);
        let caption = format!("Simulation: {} · t = {} s", s.name, self.time_s);
        Some(overlay::build(
            t,
            s,
            spans,
            self.time_s,
            r.revision != revision,
            caption,
        ))
    }

    /// Progress of the running job, 0–1, with its request and whether cancelling was asked.
    pub fn progress(&self) -> Option<(f32, &Request, Duration, bool)> {
        self.job
            .as_ref()
            .map(|j| (j.progress(), &j.request, j.elapsed(), j.cancelling()))
    }
}

/// The scenario shown first: the worst of a sweep, otherwise the first.
fn first_to_show(report: &Report) -> usize {
    report
        .ranking
        .first()
        .and_then(|r| report.scenarios.iter().position(|s| s.name == r.name))
        .unwrap_or(0)
}
