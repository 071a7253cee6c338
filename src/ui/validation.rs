//! The validator on a background thread: the editor asks for the findings of a revision and
//! keeps drawing; the report arrives a few milliseconds later and is picked up the next frame.
//! A revision that is superseded before the thread reaches it is skipped.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crate::model::Topology;
use crate::validate::{self, Report};

/// The background validator and the latest report it produced.
pub struct Validator {
    requests: Sender<(u64, Topology)>,
    results: Receiver<(u64, Report)>,
    requested: Option<u64>,
    latest: Option<(u64, Report)>,
}

impl Validator {
    /// Starts the worker thread. `ctx` (if given) is asked to repaint when a report arrives.
    pub fn new(ctx: Option<egui::Context>) -> Self {
        let (requests, inbox) = mpsc::channel::<(u64, Topology)>();
        let (outbox, results) = mpsc::channel();
        let repaint = ctx;
        // If the thread cannot start, the request channel is closed and `request` validates
        // on the spot instead.
        let _spawned = thread::Builder::new()
            .name("daedalus-validate".into())
            .spawn(move || {
                while let Ok(mut next) = inbox.recv() {
                    // Only the newest request matters.
                    while let Ok(newer) = inbox.try_recv() {
                        next = newer;
                    }
                    let (revision, topology) = next;
                    let report = validate::validate(&topology);
                    if outbox.send((revision, report)).is_err() {
                        break;
                    }
                    if let Some(ctx) = &repaint {
                        ctx.request_repaint();
                    }
                }
            });
        Self {
            requests,
            results,
            requested: None,
            latest: None,
        }
    }

    /// Asks for the findings of `topology` at `revision`, unless already asked.
    pub fn request(&mut self, revision: u64, topology: &Topology) {
        if self.requested == Some(revision) {
            return;
        }
        self.requested = Some(revision);
        if self.requests.send((revision, topology.clone())).is_err() {
            self.latest = Some((revision, validate::validate(topology)));
        }
    }

    /// Picks up the reports that arrived; returns the latest one (maybe of an older revision).
    pub fn poll(&mut self) -> Option<&Report> {
        while let Ok(result) = self.results.try_recv() {
            self.latest = Some(result);
        }
        self.latest.as_ref().map(|(_, r)| r)
    }

    /// Whether the latest report is of `revision`.
    pub fn is_current(&self, revision: u64) -> bool {
        self.latest.as_ref().is_some_and(|(r, _)| *r == revision)
    }

    /// Waits until the report of the requested revision has arrived (tests and benchmarks).
    pub fn settle(&mut self) {
        let Some(wanted) = self.requested else { return };
        while !self.is_current(wanted) {
            match self
                .results
                .recv_timeout(std::time::Duration::from_secs(10))
            {
                Ok(result) => self.latest = Some(result),
                Err(_) => break,
            }
        }
    }
}
