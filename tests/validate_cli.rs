//! `daedalus validate` and `daedalus rules`: formats, exit codes, waivers from the file, and SARIF
//! that validates against the SARIF 2.1.0 schema.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use daedalus::validate::RULES;

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

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    match serde_json::from_slice(&o.stdout) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e}): {}", stdout(o)),
    }
}

fn write_temp(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Err(e) = std::fs::write(&path, text) {
        panic!("write {}: {e}", path.display());
    }
    path
}

const ICARUS: &str = include_str!("../sample-topologies/icarus-platform.ron");
const HARDENED: &str = include_str!("../sample-topologies/icarus-platform-hardened.ron");

/// `text` with a `waivers` section before the layout.
fn with_waivers(text: &str, waivers: &str) -> String {
    text.replacen(
        "    layout: (",
        &format!("    waivers: [\n{waivers}    ],\n    layout: ("),
        1,
    )
}

#[test]
fn exit_codes_follow_unwaived_errors() {
    for (name, code) in [
        ("icarus-platform.ron", 1),
        ("icarus-platform-hardened.ron", 0),
        ("three-tier.ron", 0),
        ("flawed.ron", 1),
    ] {
        let o = daedalus(&["validate", &sample(name)]);
        assert_eq!(
            o.status.code(),
            Some(code),
            "{name}: {}{}",
            stdout(&o),
            stderr(&o)
        );
        assert!(stderr(&o).is_empty(), "{name}: {}", stderr(&o));
    }
}

#[test]
fn text_groups_by_severity_one_line_per_finding() {
    let file = sample("icarus-platform.ron");
    let o = daedalus(&["validate", &file]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let errors = lines
        .iter()
        .position(|l| *l == "errors (7)")
        .expect("errors heading");
    let warnings = lines
        .iter()
        .position(|l| *l == "warnings (2)")
        .expect("warnings heading");
    assert!(errors < warnings);
    assert_eq!(warnings - errors - 1, 7, "{out}");
    let hop = lines
        .iter()
        .find(|l| l.contains("SEC-004 api-gateway-to-service-containers:"))
        .expect("the plaintext hop");
    assert!(hop.contains(&format!("[{file}:")), "{hop}");
    assert!(
        lines
            .last()
            .is_some_and(|l| l.ends_with("7 errors, 2 warnings, 0 info, 0 waived")),
        "{out}"
    );
    // Not a terminal: no colour codes.
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn json_lists_findings_and_a_summary() {
    let o = daedalus(&[
        "validate",
        &sample("icarus-platform.ron"),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let findings = v["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 9);
    let hop = findings
        .iter()
        .find(|f| f["rule"] == "SEC-004")
        .expect("SEC-004");
    assert_eq!(hop["severity"], "error");
    assert_eq!(hop["title"], "TLS for all communications");
    assert_eq!(hop["elements"][0], "api-gateway-to-service-containers");
    assert_eq!(hop["waived"], false);
    assert!(
        hop["message"]
            .as_str()
            .is_some_and(|m| m.contains("plaintext"))
    );
    let line = hop["line"].as_u64().expect("line") as usize;
    assert!(
        ICARUS
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.contains("tls: false"))
    );
    assert_eq!(v["summary"]["error"], 7);
    assert_eq!(v["summary"]["warning"], 2);
    assert_eq!(v["summary"]["info"], 0);
}

#[test]
fn min_severity_filters_the_report_not_the_exit_code() {
    let o = daedalus(&[
        "validate",
        &sample("icarus-platform.ron"),
        "--format",
        "json",
        "--min-severity",
        "error",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let findings = v["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 7);
    assert!(findings.iter().all(|f| f["severity"] == "error"));
    assert_eq!(v["summary"]["warning"], 0);

    let o = daedalus(&[
        "validate",
        &sample("three-tier.ron"),
        "--min-severity",
        "error",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(!stdout(&o).contains("HA-004"), "{}", stdout(&o));
}

/// Replaces the published schema's malformed `language` patterns; returns how many it replaced.
fn fix_language_patterns(v: &mut serde_json::Value) -> usize {
    const BROKEN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    match v {
        serde_json::Value::Object(map) => {
            let mut n = 0;
            for (key, value) in map.iter_mut() {
                if key == "pattern" && value == BROKEN {
                    *value = serde_json::json!("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                    n += 1;
                } else {
                    n += fix_language_patterns(value);
                }
            }
            n
        }
        serde_json::Value::Array(items) => items.iter_mut().map(fix_language_patterns).sum(),
        _ => 0,
    }
}

#[test]
fn sarif_validates_against_the_2_1_0_schema_and_points_at_lines() {
    let mut schema: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/sarif-schema-2.1.0.json")).expect("schema");
    // The fixture is the schema as published. Its `language` patterns (of `run` and
    // `toolComponent`) have a stray `]` (`…{2}]?$`) that jsonschema refuses as an ECMA-262 regex
    // when it checks the schema itself; they are replaced here by the pattern they mean.
    // Daedalus writes no `language`.
    assert_eq!(fix_language_patterns(&mut schema), 2);
    let validator = jsonschema::validator_for(&schema).expect("compile the SARIF schema");
    let dir = tempfile::tempdir().expect("tempdir");
    let waived = with_waivers(
        ICARUS,
        "        (\n            rule: \"SEC-004\",\n            element: \"api-gateway-to-service-containers\",\n            justification: \"mTLS by the service mesh\",\n        ),\n",
    );
    let waived = write_temp(dir.path(), "waived.ron", &waived);
    let files = [
        sample("icarus-platform.ron"),
        sample("flawed.ron"),
        sample("icarus-platform-hardened.ron"),
        waived.display().to_string(),
    ];
    for file in &files {
        let o = daedalus(&["validate", file, "--format", "sarif"]);
        assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
        let v = json(&o);
        let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{file}: {errors:#?}");
        assert_eq!(v["version"], "2.1.0");
        let run = &v["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
        assert_eq!(rules.len(), RULES.len());
        let text = std::fs::read_to_string(file).expect("read");
        for r in run["results"].as_array().expect("results") {
            let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
            assert_eq!(rules[index]["id"], r["ruleId"]);
            let loc = &r["locations"][0]["physicalLocation"];
            assert!(
                loc["artifactLocation"]["uri"]
                    .as_str()
                    .is_some_and(|u| !u.contains('\\'))
            );
            let line = loc["region"]["startLine"].as_u64().expect("startLine") as usize;
            let element = r["locations"][0]["logicalLocations"][0]["name"].as_str();
            // The line is the element's definition or a field inside it (the unknown-waiver
            // rule points at the waiver instead, topology findings at the policies).
            let Some(element) = element else { continue };
            if r["ruleId"] == "OPS-004" {
                continue;
            }
            let lines: Vec<&str> = text.lines().collect();
            let defined = lines
                .iter()
                .position(|l| l.trim() == format!("id: \"{element}\","))
                .map(|i| i + 1)
                .unwrap_or_else(|| panic!("{file}: {element} is not defined"));
            assert!(
                line >= defined,
                "{file}: {element} at {line}, defined at {defined}"
            );
            let between = lines.get(defined..line - 1).unwrap_or_default();
            assert!(
                !between.iter().any(|l| l.starts_with("            id: \"")),
                "{file}: {element} at {line} is past its definition at {defined}"
            );
        }
    }
    // The plaintext hop points at its `tls: false` line, and is suppressed in the waived file.
    let o = daedalus(&["validate", &files[3], "--format", "sarif"]);
    let v = json(&o);
    let hop = v["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "SEC-004")
        .cloned()
        .expect("SEC-004");
    let line = hop["locations"][0]["physicalLocation"]["region"]["startLine"]
        .as_u64()
        .expect("line") as usize;
    let text = std::fs::read_to_string(&files[3]).expect("read");
    assert_eq!(
        text.lines().nth(line - 1).map(str::trim),
        Some("tls: false,")
    );
    assert_eq!(hop["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        hop["suppressions"][0]["justification"],
        "mTLS by the service mesh"
    );
}

#[test]
fn waivers_in_the_file_mark_findings_and_can_clear_the_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The hardened platform with the Icarus plaintext hop, waived.
    let plain = HARDENED.replacen(
        "            protocol: Https,\n            port: 8443,\n            tls: true,",
        "            protocol: Http,\n            port: 8443,\n            tls: false,",
        1,
    );
    assert_ne!(plain, HARDENED);
    let unwaived = write_temp(dir.path(), "plain.ron", &plain);
    let o = daedalus(&["validate", &unwaived.display().to_string()]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));

    let waiver = "        (\n            rule: \"SEC-004\",\n            element: \"api-gateway-to-service-containers\",\n            justification: \"mTLS by the service mesh sidecars\",\n        ),\n";
    let waived = write_temp(dir.path(), "waived.ron", &with_waivers(&plain, waiver));
    let file = waived.display().to_string();
    let o = daedalus(&["validate", &file]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("(waived: mTLS by the service mesh sidecars)"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("0 errors, 0 warnings, 0 info, 1 waived"),
        "{}",
        stdout(&o)
    );
    let o = daedalus(&["validate", &file, "--format", "json"]);
    let v = json(&o);
    assert_eq!(v["findings"][0]["waived"], true);
    assert_eq!(
        v["findings"][0]["justification"],
        "mTLS by the service mesh sidecars"
    );
    assert_eq!(v["summary"]["error"], 0);
    assert_eq!(v["summary"]["waived"], 1);

    // A waiver of a rule that does not exist waives nothing and is reported.
    let typo = waiver.replace("SEC-004", "SEC-044");
    let typo = write_temp(dir.path(), "typo.ron", &with_waivers(&plain, &typo));
    let o = daedalus(&["validate", &typo.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("OPS-004"), "{}", stdout(&o));
}

#[test]
fn unreadable_or_inconsistent_files_exit_2_with_positions() {
    let o = daedalus(&["validate", "/nonexistent/topology.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());

    let dir = tempfile::tempdir().expect("tempdir");
    let broken = write_temp(
        dir.path(),
        "broken.ron",
        &ICARUS.replacen("kind: Users(", "kind: Userz(", 1),
    );
    let file = broken.display().to_string();
    let o = daedalus(&["validate", &file, "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "printed once: {err}");
    assert!(err.starts_with(&format!("{file}:")), "{err}");
    assert!(stdout(&o).is_empty());

    let dangling = write_temp(
        dir.path(),
        "dangling.ron",
        &ICARUS.replacen("to: \"db-cluster\",", "to: \"db-clusterr\",", 1),
    );
    let file = dangling.display().to_string();
    let o = daedalus(&["validate", &file]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let first = err.lines().next().expect("a line");
    let rest = first.strip_prefix(&format!("{file}:")).expect("FILE:");
    let mut parts = rest.splitn(3, ':');
    assert!(
        parts.next().is_some_and(|l| l.parse::<usize>().is_ok()),
        "{first}"
    );
    assert!(
        parts.next().is_some_and(|c| c.parse::<usize>().is_ok()),
        "{first}"
    );
    assert!(first.contains("db-clusterr"), "{first}");
    assert_eq!(err.matches("db-clusterr").count(), 1, "printed once: {err}");
}

#[test]
fn bad_options_are_usage_errors() {
    let o = daedalus(&["validate", &sample("flawed.ron"), "--format", "xml"]);
    assert_eq!(o.status.code(), Some(2));
    let o = daedalus(&["validate", &sample("flawed.ron"), "--min-severity", "fatal"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn rules_lists_every_rule() {
    let o = daedalus(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), RULES.len());
    for (line, r) in out.lines().zip(RULES) {
        assert!(line.starts_with(r.id), "{line}");
        assert!(
            line.contains(r.severity.as_str()) && line.ends_with(r.title),
            "{line}"
        );
    }
    let o = daedalus(&["rules", "--format", "json"]);
    let v = json(&o);
    let listed = v.as_array().expect("array");
    assert_eq!(listed.len(), RULES.len());
    assert!(listed.iter().all(|r| {
        r["rationale"]
            .as_str()
            .is_some_and(|s| s.starts_with("Icarus: "))
    }));
}
