//! The HTML report: one self-contained file with the diagram, the findings and a simulation,
//! from the library and from `daedalus report`.

use std::path::Path;
use std::process::{Command, Output};

use daedalus::io;
use daedalus::report::{ReportInput, Simulation, to_html};
use daedalus::sim::{self, Control, ScenarioSet, SimOptions};
use daedalus::validate;

fn daedalus(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_daedalus"))
        .args(args)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot run daedalus: {e}"),
    }
}

fn sample(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-topologies")
        .join(name)
        .display()
        .to_string()
}

fn short(replications: u32) -> SimOptions {
    SimOptions {
        duration_s: 40.0,
        replications,
        fault_at_s: Some(10.0),
        ..SimOptions::default()
    }
}

#[test]
fn a_report_has_the_diagram_the_findings_and_the_simulation() {
    let t = io::load(Path::new(&sample("three-tier.ron")))
        .expect("loads")
        .topology;
    let findings = validate::validate(&t);
    let report =
        sim::simulate(&t, &ScenarioSet::Baseline, &short(2), &Control::new()).expect("simulates");
    let html = to_html(&ReportInput {
        topology: &t,
        source: "three-tier.ron",
        findings: &findings,
        simulation: Some(Simulation {
            report: &report,
            stale: false,
        }),
    });
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.ends_with("</html>\n"));
    for id in ["diagram", "findings", "simulation"] {
        assert!(html.contains(&format!("<section id=\"{id}\">")), "{id}");
    }
    // Every finding is a row.
    let rows = html.matches("<td class=\"sev sev-").count();
    assert_eq!(rows, findings.findings.len());
    // The diagram and one chart per scenario, inline.
    assert!(html.matches("<figure").count() >= 2);
    assert!(html.contains("Throughput (requests per second)"));
    // Self-contained: nothing is fetched.
    for outside in ["<script", "<link", "src=\"http", "href=\"http", "@import"] {
        assert!(!html.contains(outside), "{outside}");
    }
    assert!(!html.contains("earlier revision"));
}

#[test]
fn a_stale_run_is_marked_and_a_sweep_is_ranked() {
    let t = io::load(Path::new(&sample("three-tier.ron")))
        .expect("loads")
        .topology;
    let findings = validate::validate(&t);
    let report = sim::simulate(&t, &ScenarioSet::SingleFailures, &short(1), &Control::new())
        .expect("simulates");
    let html = to_html(&ReportInput {
        topology: &t,
        source: "three-tier.ron",
        findings: &findings,
        simulation: Some(Simulation {
            report: &report,
            stale: true,
        }),
    });
    assert!(html.contains("earlier revision of the design"));
    assert!(html.contains("Single failures by impact"));
    for r in &report.ranking {
        assert!(
            html.contains(&format!(">{}</a>", r.name)),
            "{} is ranked",
            r.name
        );
    }
    // Charts: the baseline and the worst scenarios, not all of a long sweep.
    let charts = html.matches("Throughput (requests per second)").count();
    let expected =
        (1 + report.ranking.len().min(daedalus::report::SWEEP_CHARTS)).min(report.scenarios.len());
    assert_eq!(charts, expected);
}

#[test]
fn names_from_the_file_are_escaped() {
    let mut t = io::load(Path::new(&sample("three-tier.ron")))
        .expect("loads")
        .topology;
    t.name = "<script>alert(1)</script> & co".into();
    t.components[0].name = "\"quoted\" <b>".into();
    let findings = validate::validate(&t);
    let html = to_html(&ReportInput {
        topology: &t,
        source: "<file>",
        findings: &findings,
        simulation: None,
    });
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    assert!(!html.contains("<b>"));
    assert!(!html.contains("id=\"simulation\""));
}

#[test]
fn the_command_writes_the_report_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("report.html");
    let out_s = out.display().to_string();
    let file = sample("three-tier.ron");
    let args = [
        "report",
        &file,
        "-o",
        &out_s,
        "--duration",
        "30",
        "--replications",
        "1",
    ];
    let o = daedalus(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(html.contains("id=\"simulation\""));
    let again = daedalus(&args);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let none = daedalus(&[
        "report",
        &file,
        "-o",
        &out_s,
        "--scenario",
        "none",
        "--force",
    ]);
    assert_eq!(none.status.code(), Some(0));
    let html = std::fs::read_to_string(&out).expect("written");
    assert!(!html.contains("id=\"simulation\""));
}

#[test]
fn the_command_reports_bad_input_once_with_exit_code_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("r.html").display().to_string();
    let missing = daedalus(&["report", "no-such-file.ron", "-o", &out]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no-such-file.ron"));
    let bad = daedalus(&[
        "report",
        &sample("three-tier.ron"),
        "-o",
        &out,
        "--duration",
        "0",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let unknown = daedalus(&[
        "report",
        &sample("three-tier.ron"),
        "-o",
        &out,
        "--scenario",
        "nope",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(!Path::new(&out).exists());
}
