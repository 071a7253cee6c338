//! `daedalus simulate` on the flagship sample: the single-failures sweep prints a ranked table
//! in which losing the cache loads the database and losing one zone is survived; `--json` and
//! `--plots` write what they promise; bad input exits 2 with one line on stderr.

use std::process::{Command, Output};

use serde_json::Value;

fn daedalus(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_daedalus"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn row<'a>(table: &'a str, scenario: &str) -> &'a str {
    table
        .lines()
        .find(|l| l.contains(&format!(" {scenario} ")))
        .unwrap_or_else(|| panic!("no row for {scenario} in\n{table}"))
}

/// The factor of "db-cluster ×N.N" in a row.
fn db_factor(row: &str) -> f64 {
    let Some(at) = row.find("db-cluster ×") else {
        panic!("no database load shift in {row}");
    };
    let rest = &row[at + "db-cluster ×".len()..];
    let number: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number.parse().expect("a factor")
}

#[test]
fn the_icarus_sweep_ranks_failures_writes_json_and_charts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = dir.path().join("sweep.json");
    let plots = dir.path().join("plots");
    let out = daedalus(&[
        "simulate",
        "sample-topologies/icarus-platform.ron",
        "--scenario",
        "single-failures",
        "--duration",
        "300",
        "--replications",
        "2",
        "--json",
        json.to_str().expect("utf-8 path"),
        "--plots",
        plots.to_str().expect("utf-8 path"),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Ranked: ranks 1, 2, 3, ... in order, the baseline last.
    let ranks: Vec<usize> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("rank"))
        .skip(1)
        .map_while(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert!(ranks.len() >= 15, "{stdout}");
    assert!(ranks.iter().enumerate().all(|(i, &r)| r == i + 1));
    // Losing the cache sends every lookup to the database.
    let cache = row(&stdout, "cache-cluster down");
    assert!(db_factor(cache) >= 5.0, "{cache}");
    // Losing one zone is survived: the SLO holds again within the run.
    for zone in ["a", "b", "c"] {
        let r = row(&stdout, &format!("zone eu-central-{zone} down"));
        assert!(!r.contains("not recovered"), "{r}");
    }

    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(&json).expect("json written"))
            .expect("valid json");
    assert_eq!(report["seed"], 1);
    let scenarios = report["scenarios"].as_array().expect("scenarios");
    assert_eq!(scenarios[0]["name"], "baseline");
    for s in scenarios {
        assert!(s["requests"].as_u64().expect("requests") > 100_000);
        assert!(s["success_ratio"].as_f64().is_some());
        for p in ["mean", "p50", "p95", "p99"] {
            assert!(s["latency_ms"][p].is_number(), "{p} of {}", s["name"]);
        }
        assert!(s.get("recovery_s").is_some());
        let c = &s["components"][0];
        for key in ["id", "utilization", "mean_in_system", "mean_latency_ms"] {
            assert!(c.get(key).is_some(), "{key}");
        }
        assert_eq!(s["timeline"].as_array().map(Vec::len), Some(300));
    }
    let cache = scenarios
        .iter()
        .find(|s| s["name"] == "cache-cluster down")
        .expect("cache scenario");
    let db_rps = |s: &Value| {
        s["components"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["id"] == "db-cluster"))
            .and_then(|c| c["offered_rps"].as_f64())
            .expect("db-cluster simulated")
    };
    assert!(db_rps(cache) > 5.0 * db_rps(&scenarios[0]));

    let mut written: Vec<String> = std::fs::read_dir(&plots)
        .expect("plots written")
        .filter_map(|e| Some(e.ok()?.file_name().to_string_lossy().into_owned()))
        .collect();
    written.sort();
    assert!(
        written
            .iter()
            .any(|f| f.starts_with("ranking") && f.ends_with(".png"))
    );
    assert!(
        written
            .iter()
            .any(|f| f.starts_with("ranking") && f.ends_with(".svg"))
    );
    let pngs = written.iter().filter(|f| f.ends_with(".png")).count();
    assert!(
        pngs > scenarios.len(),
        "a chart per scenario and the ranking: {written:?}"
    );
    for f in written.iter().filter(|f| f.ends_with(".png")).take(3) {
        let bytes = std::fs::read(plots.join(f)).expect("readable");
        assert!(bytes.starts_with(b"\x89PNG"), "{f} is a PNG");
        assert!(bytes.len() > 10_000, "{f} has content");
    }
}

#[test]
fn bad_input_exits_2_with_one_line() {
    let missing = daedalus(&["simulate", "no-such-file.ron"]);
    assert_eq!(missing.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no-such-file.ron"), "{stderr}");

    let unknown = daedalus(&[
        "simulate",
        "sample-topologies/three-tier.ron",
        "--scenario",
        "no-such-scenario",
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(stderr.contains("no-such-scenario"), "{stderr}");

    let zero = daedalus(&[
        "simulate",
        "sample-topologies/three-tier.ron",
        "--replications",
        "0",
    ]);
    assert_eq!(
        zero.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&zero.stderr)
    );
}
