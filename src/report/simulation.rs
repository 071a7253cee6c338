//! The simulation section of the report: the run's settings, the sweep's ranking (table and
//! chart), and per scenario its figures, its components and its timeline chart; for an
//! availability run, the Monte-Carlo result beside the reliability-block formula.

use std::fmt::Write as _;

use super::html::{esc, inline_svg};
use crate::sim::{self, AvailabilityReport, Report, ScenarioResult};

/// Timeline charts drawn for a sweep: the baseline and the most damaging scenarios (every
/// scenario is still in the tables).
pub const SWEEP_CHARTS: usize = 8;

/// The simulation section (`<section id="simulation">…</section>`). `stale` notes that the run
/// was made on an earlier revision of the design.
pub fn section(report: &Report, stale: bool) -> String {
    let mut out = String::new();
    out.push_str("<section id=\"simulation\">\n<h2>Simulation</h2>\n");
    if stale {
        out.push_str("<p class=\"bad\">These results were computed from an earlier revision of the design; the diagram and findings above are current.</p>\n");
    }
    let latency = report.slo.latency.map_or(String::new(), |(p, ms)| {
        format!(", p{p:.0} latency under {ms:.0} ms")
    });
    let _ = writeln!(
        out,
        "<p class=\"meta\">Scenario set <code>{}</code> · {} replication{} of {:.0} simulated seconds · seed {} · {:.0} requests per second offered · SLO {:.2} % successful{latency} ({})</p>",
        esc(&report.set),
        report.replications,
        if report.replications == 1 { "" } else { "s" },
        report.duration_s,
        report.seed,
        report.offered_rps,
        report.slo.availability_percent,
        if report.slo.source == "policies" {
            "from the design's policies"
        } else {
            "default"
        },
    );
    if let Some(a) = &report.availability {
        out.push_str(&availability(a));
    }
    if !report.ranking.is_empty() {
        out.push_str(&ranking(report));
    }
    let charted = charted(report);
    for (i, s) in report.scenarios.iter().enumerate() {
        out.push_str(&scenario(report, s, charted.contains(&i)));
    }
    if !report.skipped.is_empty() || !report.broken_cycles.is_empty() {
        out.push_str("<h3>Left out of the simulation</h3>\n<ul>\n");
        for s in &report.skipped {
            let _ = writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                esc(s.element.as_str()),
                esc(&s.reason)
            );
        }
        for b in &report.broken_cycles {
            let _ = writeln!(
                out,
                "<li><code>{}</code> → <code>{}</code>: call left out to break a request cycle</li>",
                esc(b.from.as_str()),
                esc(b.to.as_str())
            );
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

/// Which scenarios get a chart: all of a small run; of a sweep, the baseline and the
/// [`SWEEP_CHARTS`] worst.
fn charted(report: &Report) -> Vec<usize> {
    if report.ranking.is_empty() {
        return (0..report.scenarios.len()).collect();
    }
    let position = |name: &str| report.scenarios.iter().position(|s| s.name == name);
    let baseline = report
        .scenarios
        .iter()
        .position(|s| s.kind == sim::ScenarioKind::Baseline);
    baseline
        .into_iter()
        .chain(
            report
                .ranking
                .iter()
                .take(SWEEP_CHARTS)
                .filter_map(|r| position(&r.name)),
        )
        .collect()
}

fn ranking(report: &Report) -> String {
    let mut out = String::from(
        "<h3>Single failures by impact</h3>\n<table>\n<thead><tr><th class=\"num\">#</th><th>Scenario</th><th class=\"num\">Requests lost</th><th class=\"num\">SLO violated</th><th class=\"num\">p99</th><th class=\"num\">Recovery</th><th>Survived</th></tr></thead>\n<tbody>\n",
    );
    for r in &report.ranking {
        let recovery = match r.recovery_s {
            Some(v) if v <= 0.0 => "no breach".to_owned(),
            Some(v) => format!("{v:.0} s"),
            None => "not within the run".to_owned(),
        };
        let _ = writeln!(
            out,
            "<tr><td class=\"num\">{}</td><td><a href=\"#{}\">{}</a></td><td class=\"num\">{:.3} %</td><td class=\"num\">{:.0} s</td><td class=\"num\">{}</td><td class=\"num\">{recovery}</td><td class=\"{}\">{}</td></tr>",
            r.rank,
            anchor(&r.name),
            esc(&r.name),
            100.0 * r.lost_ratio,
            r.slo_violation_s,
            ms(r.p99_ms),
            if r.survived { "good" } else { "bad" },
            if r.survived { "yes" } else { "no" },
        );
    }
    out.push_str("</tbody>\n</table>\n");
    match sim::plot::ranking_svg(report) {
        Ok(Some(svg)) => {
            let _ = writeln!(
                out,
                "<figure>{}<figcaption>Share of the user requests lost from the fault on, worst first; red: the SLO did not hold again within the run.</figcaption></figure>",
                inline_svg(&svg)
            );
        }
        Ok(None) => {}
        Err(e) => {
            let _ = writeln!(
                out,
                "<p class=\"bad\">The ranking chart could not be drawn: {}</p>",
                esc(&e.to_string())
            );
        }
    }
    out
}

fn scenario(report: &Report, s: &ScenarioResult, chart: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<h3 id=\"{}\">{}</h3>", anchor(&s.name), esc(&s.name));
    if !s.description.is_empty() {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", esc(&s.description));
    }
    let ci = |x: Option<f64>, scale: f64, unit: &str| {
        x.map_or(String::new(), |h| format!(" ± {:.3}{unit}", h * scale))
    };
    let mut rows: Vec<(&str, String)> = vec![
        (
            "Faults",
            if s.faults.is_empty() {
                "none".to_owned()
            } else {
                s.faults
                    .iter()
                    .map(|f| match f.until_s {
                        Some(u) => format!("{} from {:.0} s to {u:.0} s", f.label, f.at_s),
                        None => format!("{} from {:.0} s", f.label, f.at_s),
                    })
                    .collect::<Vec<_>>()
                    .join("; ")
            },
        ),
        (
            "Requests",
            format!("{} ({} failed)", s.requests, s.failed_requests),
        ),
        (
            "Success ratio",
            format!(
                "{:.3} %{}",
                100.0 * s.success_ratio,
                ci(s.ci95.success_ratio, 100.0, " %")
            ),
        ),
    ];
    if let Some(f) = s.fault_success_ratio {
        rows.push((
            "Success from the fault on",
            format!(
                "{:.3} %{}",
                100.0 * f,
                ci(s.ci95.fault_success_ratio, 100.0, " %")
            ),
        ));
    }
    rows.push((
        "Latency mean / p50 / p95 / p99",
        format!(
            "{} / {} / {} / {} ms",
            ms(s.latency_ms.mean),
            ms(s.latency_ms.p50),
            ms(s.latency_ms.p95),
            ms(s.latency_ms.p99)
        ),
    ));
    if !s.faults.is_empty() {
        rows.push((
            "Recovery (SLO held again for 60 s)",
            match s.recovery_s {
                Some(r) if r <= 0.0 => "the SLO never broke".to_owned(),
                Some(r) => format!("{r:.0} s{}", ci(s.ci95.recovery_s, 1.0, " s")),
                None => format!(
                    "not within the run ({} of {} replications recovered)",
                    s.recovered_replications, report.replications
                ),
            },
        ));
    }
    rows.push((
        "SLO violated",
        format!(
            "{:.0} s · error budget burn {:.2}× · {:.3} % of a 30-day budget",
            s.slo_violation_s, s.error_budget_burn, s.error_budget_month_percent
        ),
    ));
    rows.push((
        "Retry amplification",
        format!("{:.3}×", s.retry_amplification),
    ));
    if let Some(c) = &s.peak_queue_component {
        rows.push((
            "Peak queue",
            format!("{:.0} requests at {}", s.peak_queue, c),
        ));
    }
    if let Some(p) = &s.peak_utilization {
        rows.push((
            "Busiest second",
            format!(
                "{} at {:.0} % (second {})",
                p.component,
                100.0 * p.utilization,
                p.at_s
            ),
        ));
    }
    if let Some(l) = &s.load_shift {
        rows.push((
            "Largest load shift",
            format!(
                "{} ×{:.2} ({:.0} → {:.0} rps)",
                l.component, l.factor, l.baseline_rps, l.rps
            ),
        ));
    }
    for r in &s.rpo {
        let value = match (r.rpo_s, r.writes_lost) {
            (Some(v), Some(w)) => format!("{v:.0} s, up to {w:.0} writes ({})", r.basis),
            (Some(v), None) => format!("{v:.0} s ({})", r.basis),
            _ => format!("no copy outside the failure ({})", r.basis),
        };
        rows.push(("Recovery point", format!("{}: {value}", r.component)));
    }
    if s.async_messages > 0.0 {
        rows.push((
            "Asynchronous messages",
            format!(
                "{:.0} sent, {:.0} lost per replication",
                s.async_messages, s.async_lost
            ),
        ));
    }
    out.push_str("<table>\n<tbody>\n");
    for (k, v) in rows {
        let _ = writeln!(out, "<tr><th>{}</th><td>{}</td></tr>", esc(k), esc(&v));
    }
    out.push_str("</tbody>\n</table>\n");
    if chart {
        match sim::plot::scenario_svg(s, &report.slo) {
            Ok(svg) => {
                let _ = writeln!(
                    out,
                    "<figure>{}<figcaption>Requests per second offered and served, error rate against the SLO, latency percentiles; faults shaded.</figcaption></figure>",
                    inline_svg(&svg)
                );
            }
            Err(e) => {
                let _ = writeln!(
                    out,
                    "<p class=\"bad\">The chart could not be drawn: {}</p>",
                    esc(&e.to_string())
                );
            }
        }
    }
    out.push_str(&components(s));
    out
}

fn components(s: &ScenarioResult) -> String {
    if s.components.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<details><summary>Components</summary>\n<table>\n<thead><tr><th>Component</th><th>Kind</th><th class=\"num\">Servers</th><th class=\"num\">rps</th><th class=\"num\">Utilisation</th><th class=\"num\">In system</th><th class=\"num\">Latency</th><th class=\"num\">Errors</th><th class=\"num\">Peak queue</th></tr></thead>\n<tbody>\n",
    );
    for c in &s.components {
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1}</td><td class=\"num{}\">{:.1} %</td><td class=\"num\">{:.2}</td><td class=\"num\">{}</td><td class=\"num{}\">{:.3} %</td><td class=\"num\">{:.0}</td></tr>",
            esc(c.id.as_str()),
            esc(c.kind),
            c.servers,
            c.offered_rps,
            if c.utilization >= 0.9 { " bad" } else { "" },
            100.0 * c.utilization,
            c.mean_in_system,
            ms(c.mean_latency_ms),
            if c.error_ratio >= 0.001 { " bad" } else { "" },
            100.0 * c.error_ratio,
            c.peak_queue,
        );
    }
    out.push_str("</tbody>\n</table>\n</details>\n");
    out
}

fn availability(a: &AvailabilityReport) -> String {
    let nines = |x: f64| format!("{:.5} %", 100.0 * x);
    let ci = |x: Option<f64>| x.map_or(String::new(), |h| format!(" ± {:.5} %", 100.0 * h));
    let mut out = String::from(
        "<h3>Availability from MTBF and MTTR</h3>\n<table>\n<thead><tr><th></th><th class=\"num\">Availability</th><th class=\"num\">Downtime per year</th></tr></thead>\n<tbody>\n",
    );
    let _ = writeln!(
        out,
        "<tr><th>Monte-Carlo, with detection and failover delays</th><td class=\"num\">{}{}</td><td class=\"num\">{:.1} min</td></tr>",
        nines(a.availability),
        ci(a.availability_ci95),
        a.downtime_min_per_year
    );
    let _ = writeln!(
        out,
        "<tr><th>Monte-Carlo, instant failover</th><td class=\"num\">{}{}</td><td class=\"num\">{:.1} min</td></tr>",
        nines(a.availability_instant_failover),
        ci(a.availability_instant_failover_ci95),
        a.downtime_instant_failover_min_per_year
    );
    let _ = writeln!(
        out,
        "<tr><th>Reliability-block formula</th><td class=\"num\">{}</td><td class=\"num\">{:.1} min</td></tr>",
        nines(a.rbd_availability),
        a.rbd_downtime_min_per_year
    );
    out.push_str("</tbody>\n</table>\n");
    let _ = writeln!(
        out,
        "<p class=\"note\">{} replications of {:.0} simulated years; {:.2} outages per year{}.</p>",
        a.replications,
        a.years_per_replication,
        a.outages_per_year,
        if a.precise {
            ""
        } else {
            " — too few outages for precise Monte-Carlo figures"
        }
    );
    out
}

fn ms(x: Option<f64>) -> String {
    x.map_or("–".to_owned(), |v| format!("{v:.1} ms"))
}

/// An HTML id for a scenario name.
fn anchor(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("scenario-{slug}")
}
