//! `daedalus simulate FILE [--scenario NAME|baseline|single-failures|availability]
//! [--duration SECS] [--rps N] [--replications N] [--seed N] [--threads N] [--json OUT]
//! [--plots DIR]`: traffic and failure simulation of a topology.
//!
//! Prints a summary (one scenario), a ranked table (`single-failures`) or the availability
//! figures on stdout, a progress bar on stderr when it is a terminal. Exit codes: 0 when the
//! simulation ran, 1 when the design sends no traffic to simulate, 2 when the file cannot be
//! read, parsed or has semantic problems (printed as `FILE:LINE:COL: message`), the command
//! line is wrong, or an output cannot be written.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anstyle::{AnsiColor, Style};
use daedalus::io;
use daedalus::sim::{
    self, AvailabilityReport, Control, Report, ScenarioKind, ScenarioResult, ScenarioSet, SimError,
    SimOptions,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Outcome;
use super::check::load_consistent;

/// Arguments of `simulate`.
#[derive(clap::Args)]
pub(crate) struct Args {
    /// The topology file.
    file: PathBuf,
    /// What to run: `baseline`, `single-failures` (every component, zone and region, ranked),
    /// `availability` (Monte-Carlo from MTBF/MTTR against the reliability-block formula), or
    /// the id of a scenario stored in the file.
    #[arg(long, default_value = "baseline", value_name = "NAME")]
    scenario: String,
    /// Simulated seconds per replication (a scenario of the file may set its own).
    #[arg(long, default_value_t = 600.0, value_name = "SECS")]
    duration: f64,
    /// Total request rate of the actors, shared in proportion to their `rate_rps`; default:
    /// the file's rates.
    #[arg(long, value_name = "N")]
    rps: Option<f64>,
    /// Independent replications per scenario (2 or more give 95 % confidence intervals).
    #[arg(long, default_value_t = 5, value_name = "N")]
    replications: u32,
    /// Seed of every random stream: the same seed gives the same output for any --threads.
    #[arg(long, default_value_t = 1, value_name = "N")]
    seed: u64,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Seconds at the start of each replication left out of the statistics.
    #[arg(long, default_value_t = 0.0, value_name = "SECS")]
    warmup: f64,
    /// When the generated single-failure faults start (default: 60 s, or a quarter of a
    /// shorter run).
    #[arg(long, value_name = "SECS")]
    fault_at: Option<f64>,
    /// Simulated years per replication of the availability run.
    #[arg(long, default_value_t = 1000.0, value_name = "N")]
    years: f64,
    /// Write the full results (summary, components, connections, per-second timelines) as
    /// JSON to this file (`-` for stdout, which then gets nothing else).
    #[arg(long, value_name = "OUT")]
    json: Option<PathBuf>,
    /// Write PNG and SVG charts into this directory: throughput, errors and latency over time
    /// per scenario with the faults marked, and the ranking of a sweep.
    #[arg(long, value_name = "DIR")]
    plots: Option<PathBuf>,
}

pub(crate) fn run(args: &Args) -> Outcome {
    let file = args.file.display().to_string();
    let loaded = match load_consistent(&args.file, "not simulated", Outcome::Unreadable) {
        Ok(l) => l,
        Err(outcome) => return outcome,
    };
    let Ok(set) = args.scenario.parse::<ScenarioSet>();
    let options = SimOptions {
        duration_s: args.duration,
        rps: args.rps,
        replications: args.replications,
        seed: args.seed,
        threads: args.threads,
        warmup_s: args.warmup,
        fault_at_s: args.fault_at,
        component_timelines: true,
        availability_years: args.years,
    };
    let plan = match sim::plan(&loaded.topology, &set, &options) {
        Ok(p) => p,
        Err(SimError::NoTraffic) => {
            eprintln!("{file}: {}", SimError::NoTraffic);
            return Outcome::Findings;
        }
        Err(e) => {
            eprintln!("daedalus: {e}");
            return Outcome::Unreadable;
        }
    };
    let started = Instant::now();
    let report = match run_with_progress(&plan) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("daedalus: {e}");
            return Outcome::Unreadable;
        }
    };
    let elapsed = started.elapsed();
    let json_to_stdout = args.json.as_deref().is_some_and(|p| p.as_os_str() == "-");
    if let Some(out) = &args.json {
        let mut value = match serde_json::to_value(&report) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("daedalus: cannot write the JSON report: {e}");
                return Outcome::Unreadable;
            }
        };
        if let Some(map) = value.as_object_mut() {
            map.insert("file".into(), serde_json::Value::String(file.clone()));
        }
        let text = match serde_json::to_string_pretty(&value) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("daedalus: cannot write the JSON report: {e}");
                return Outcome::Unreadable;
            }
        };
        if json_to_stdout {
            println!("{text}");
        } else if let Err(e) = io::write_atomic(out, format!("{text}\n").as_bytes()) {
            eprintln!("daedalus: {e}");
            return Outcome::Unreadable;
        }
    }
    if let Some(dir) = &args.plots
        && let Err(e) = sim::plot::write_plots(&report, dir)
    {
        eprintln!("daedalus: {e}");
        return Outcome::Unreadable;
    }
    if !json_to_stdout {
        let text = render(&file, &report, elapsed);
        let mut stdout = anstream::stdout();
        if let Err(e) = write!(stdout, "{text}") {
            eprintln!("daedalus: cannot write the report: {e}");
            return Outcome::Unreadable;
        }
    }
    Outcome::Ok
}

/// Runs `plan` on a worker thread while a progress bar (on a terminal) follows it.
pub(super) fn run_with_progress(plan: &sim::Plan) -> Result<Report, SimError> {
    let control = Control::new();
    let total = plan.total_work();
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} simulating [{bar:40}] {percent:>3}% {msg} (eta {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(format!(
        "{} scenario{} × {} replication{}",
        plan.scenarios().len(),
        if plan.scenarios().len() == 1 { "" } else { "s" },
        plan.options().replications,
        if plan.options().replications == 1 {
            ""
        } else {
            "s"
        }
    ));
    let done = AtomicBool::new(false);
    let result = std::thread::scope(|scope| {
        let worker = scope.spawn(|| {
            let r = sim::run(plan, &control);
            done.store(true, Ordering::Release);
            r
        });
        while !done.load(Ordering::Acquire) {
            bar.set_position(control.progress.load(Ordering::Relaxed));
            std::thread::sleep(Duration::from_millis(100));
        }
        worker.join()
    });
    bar.finish_and_clear();
    match result {
        Ok(r) => r,
        Err(_) => Err(SimError::InvalidOption(
            "the simulation stopped unexpectedly".into(),
        )),
    }
}

fn pct(x: f64) -> String {
    format!("{:.3} %", 100.0 * x)
}

fn ms(x: Option<f64>) -> String {
    match x {
        Some(v) if v >= 100.0 => format!("{v:.0}"),
        Some(v) if v >= 10.0 => format!("{v:.1}"),
        Some(v) => format!("{v:.2}"),
        None => "—".into(),
    }
}

fn pm(x: Option<f64>, digits: usize) -> String {
    x.map_or_else(String::new, |h| format!(" ± {h:.digits$}"))
}

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn recovery(r: &ScenarioResult) -> String {
    if r.faults.is_empty() {
        "—".into()
    } else {
        match r.recovery_s {
            Some(0.0) => "SLO held".into(),
            Some(s) => format!("{s:.0} s"),
            None => "not recovered".into(),
        }
    }
}

/// The text report.
fn render(file: &str, report: &Report, elapsed: Duration) -> String {
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let mut out = String::new();
    if let Some(a) = &report.availability {
        render_availability(&mut out, file, report, a, elapsed);
        return out;
    }
    let n = report.scenarios.len();
    let duration_s = match report.scenarios.as_slice() {
        [only] => only.duration_s,
        _ => report.duration_s,
    };
    out.push_str(&format!(
        "{bold}{file}{bold:#}: {} — {} scenario{} × {} replication{}, {} s at {:.0} rps, seed {} {dim}({:.1} s){dim:#}\n",
        report.set,
        n,
        if n == 1 { "" } else { "s" },
        report.replications,
        if report.replications == 1 { "" } else { "s" },
        duration_s,
        report.offered_rps,
        report.seed,
        elapsed.as_secs_f64()
    ));
    let slo = &report.slo;
    out.push_str(&format!(
        "SLO: {} % of requests succeed{}{} — each simulated second is judged\n",
        slo.availability_percent,
        slo.latency
            .map_or_else(String::new, |(p, t)| format!(", p{p} under {t} ms")),
        if slo.source == "default" {
            " (default: the file's policies set none)"
        } else {
            ""
        }
    ));
    if report.ranking.is_empty() {
        for s in &report.scenarios {
            render_scenario(&mut out, s);
        }
    } else {
        render_ranking(&mut out, report);
    }
    if !report.skipped.is_empty() {
        let names: Vec<&str> = report.skipped.iter().map(|s| s.element.as_str()).collect();
        out.push_str(&format!(
            "{dim}not simulated (no request or async traffic reaches them, or nothing simulated runs there): {}{dim:#}\n",
            names.join(", ")
        ));
    }
    for b in &report.broken_cycles {
        out.push_str(&format!(
            "{dim}call {} → {} left out: it closes a request cycle{dim:#}\n",
            b.from, b.to
        ));
    }
    out
}

fn render_scenario(out: &mut String, s: &ScenarioResult) {
    let bold = Style::new().bold();
    out.push_str(&format!("\n{bold}{}{bold:#}", s.name));
    if !s.description.is_empty() {
        out.push_str(&format!(": {}", s.description));
    }
    out.push('\n');
    for f in &s.faults {
        out.push_str(&format!(
            "  fault         {} at {} s{}\n",
            f.label,
            f.at_s,
            f.until_s
                .map_or_else(|| " to the end".into(), |u| format!(", repaired at {u} s"))
        ));
    }
    let c = &s.ci95;
    out.push_str(&format!(
        "  requests      {} ({} failed)\n",
        thousands(s.requests),
        thousands(s.failed_requests)
    ));
    out.push_str(&format!(
        "  success       {}{}\n",
        pct(s.success_ratio),
        c.success_ratio
            .map_or_else(String::new, |h| format!(" ± {:.3} %", 100.0 * h))
    ));
    out.push_str(&format!(
        "  latency ms    mean {}{}, p50 {}, p95 {}, p99 {}{}\n",
        ms(s.latency_ms.mean),
        pm(c.latency_ms.mean, 2),
        ms(s.latency_ms.p50),
        ms(s.latency_ms.p95),
        ms(s.latency_ms.p99),
        pm(c.latency_ms.p99, 1)
    ));
    out.push_str(&format!(
        "  SLO           {:.0} s violated{}, error budget burn {:.2}× ({:.2} % of a 30-day budget)\n",
        s.slo_violation_s,
        pm(c.slo_violation_s, 0),
        s.error_budget_burn,
        s.error_budget_month_percent
    ));
    out.push_str(&format!("  recovery      {}\n", recovery(s)));
    out.push_str(&format!(
        "  retries       {:.4} attempts per call\n",
        s.retry_amplification
    ));
    if let Some(id) = &s.peak_queue_component {
        out.push_str(&format!(
            "  peak queue    {:.0} waiting at {id}\n",
            s.peak_queue
        ));
    }
    if s.async_messages > 0.0 {
        out.push_str(&format!(
            "  async         {:.0} messages per replication, {:.0} lost\n",
            s.async_messages, s.async_lost
        ));
    }
    for r in &s.rpo {
        out.push_str(&format!(
            "  RPO           {}: {} — {}\n",
            r.component,
            r.rpo_s
                .map_or_else(|| "no bound".into(), |v| format!("{v} s")),
            r.basis
        ));
    }
    out.push_str(&format!(
        "  {:<28} {:>10} {:>8} {:>10} {:>11} {:>10} {:>8}\n",
        "component", "rps", "util", "in system", "latency ms", "peak queue", "errors"
    ));
    for k in &s.components {
        out.push_str(&format!(
            "  {:<28} {:>10.1} {:>7.1}% {:>10.2} {:>11} {:>10.0} {:>7.2}%\n",
            k.id.as_str(),
            k.offered_rps,
            100.0 * k.utilization,
            k.mean_in_system,
            ms(k.mean_latency_ms),
            k.peak_queue,
            100.0 * k.error_ratio
        ));
    }
}

fn render_ranking(out: &mut String, report: &Report) {
    let red = Style::new().fg_color(Some(AnsiColor::Red.into()));
    let dim = Style::new().dimmed();
    let baseline = report
        .scenarios
        .iter()
        .find(|s| s.kind == ScenarioKind::Baseline);
    if let Some(f) = report
        .scenarios
        .iter()
        .find(|s| s.kind != ScenarioKind::Baseline)
        .and_then(|s| s.faults.first())
    {
        out.push_str(&format!(
            "each fault lasts from {} s to the end of the run; ranked by requests lost, then SLO seconds, then p99\n",
            f.at_s
        ));
    }
    out.push_str(&format!(
        "\n{:>4}  {:<30} {:>9} {:>9} {:>14} {:>8}  {:<34} {}\n",
        "rank",
        "scenario",
        "lost",
        "SLO viol.",
        "recovery",
        "p99 ms",
        "load shift vs baseline",
        "busiest"
    ));
    for r in &report.ranking {
        let Some(s) = report.scenarios.iter().find(|s| s.name == r.name) else {
            continue;
        };
        let shift = s.load_shift.as_ref().map_or_else(
            || "—".to_owned(),
            |l| {
                format!(
                    "{} ×{:.1} ({:.0} → {:.0} rps)",
                    l.component, l.factor, l.baseline_rps, l.rps
                )
            },
        );
        let busiest = s.peak_utilization.as_ref().map_or_else(
            || "—".to_owned(),
            |p| format!("{} {:.0} %", p.component, 100.0 * p.utilization),
        );
        let line = format!(
            "{:>4}  {:<30} {:>9} {:>8.0}s {:>14} {:>8}  {:<34} {}",
            r.rank,
            r.name,
            format!("{:.2} %", 100.0 * r.lost_ratio),
            r.slo_violation_s,
            recovery(s),
            ms(r.p99_ms),
            shift,
            busiest
        );
        if r.survived {
            out.push_str(&format!("{line}\n"));
        } else {
            out.push_str(&format!("{red}{line}{red:#}\n"));
        }
    }
    if let Some(b) = baseline {
        out.push_str(&format!(
            "{dim}{:>4}  {:<30} {:>9} {:>8.0}s {:>14} {:>8}{dim:#}\n",
            "",
            "baseline (no fault)",
            format!("{:.2} %", 100.0 * (1.0 - b.success_ratio)),
            b.slo_violation_s,
            "—",
            ms(b.latency_ms.p99)
        ));
    }
    let survived = report.ranking.iter().filter(|r| r.survived).count();
    out.push_str(&format!(
        "{survived} of {} single failures recovered within the run (SLO held for {} s after the fault)\n",
        report.ranking.len(),
        sim::RECOVERY_HOLD_S
    ));
}

fn render_availability(
    out: &mut String,
    file: &str,
    report: &Report,
    a: &AvailabilityReport,
    elapsed: Duration,
) {
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let nines = |x: f64| format!("{:.6} %", 100.0 * x);
    out.push_str(&format!(
        "{bold}{file}{bold:#}: availability — {} replication{} × {} simulated years, seed {} {dim}({:.1} s){dim:#}\n",
        a.replications,
        if a.replications == 1 { "" } else { "s" },
        a.years_per_replication,
        report.seed,
        elapsed.as_secs_f64()
    ));
    let ci = |h: Option<f64>| h.map_or_else(String::new, |h| format!(" ± {:.6} %", 100.0 * h));
    out.push_str(&format!(
        "  Monte-Carlo, with failover delays   {}{}  ({:.1} min/year of failed requests)\n",
        nines(a.availability),
        ci(a.availability_ci95),
        a.downtime_min_per_year
    ));
    out.push_str(&format!(
        "  Monte-Carlo, instant failover       {}{}  ({:.1} min/year)\n",
        nines(a.availability_instant_failover),
        ci(a.availability_instant_failover_ci95),
        a.downtime_instant_failover_min_per_year
    ));
    out.push_str(&format!(
        "  reliability-block formula           {}  ({:.1} min/year; independent blocks, instant failover)\n",
        nines(a.rbd_availability),
        a.rbd_downtime_min_per_year
    ));
    out.push_str(&format!(
        "  outages                             {:.2} per year\n",
        a.outages_per_year
    ));
    if !a.precise {
        out.push_str(
            "  too few outages were simulated for a precise Monte-Carlo figure: read the formula, or run more --years\n",
        );
    }
    out.push_str(&format!(
        "  {:<28} {:>14} {:>14}\n",
        "component", "formula", "Monte-Carlo"
    ));
    for c in &a.components {
        out.push_str(&format!(
            "  {:<28} {:>14} {:>14}\n",
            c.id.as_str(),
            nines(c.rbd),
            nines(c.monte_carlo)
        ));
    }
    if !a.without_failure_data.is_empty() {
        let names: Vec<&str> = a.without_failure_data.iter().map(|i| i.as_str()).collect();
        out.push_str(&format!(
            "{dim}no failure data (capacity.reliability), taken never to fail: {}{dim:#}\n",
            names.join(", ")
        ));
    }
    if a.zone_reliability.is_none() {
        out.push_str(&format!(
            "{dim}no zone_reliability: availability zones are taken never to fail{dim:#}\n"
        ));
    }
}
