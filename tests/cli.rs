//! The `daedalus` binary: outputs, exit codes (0 ok, 1 findings, 2 unreadable or bad usage).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

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

#[test]
fn check_icarus_json_reports_the_counts() {
    let o = daedalus(&["check", &sample("icarus-platform.ron"), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert!(v["components"].as_u64() >= Some(25));
    assert!(v["connections"].as_u64() >= Some(23));
    assert_eq!(v["containers"].as_u64(), Some(14));
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0));
    assert!(
        v["file"]
            .as_str()
            .is_some_and(|f| f.ends_with("icarus-platform.ron"))
    );
    assert!(stderr(&o).is_empty());
}

#[test]
fn check_text_says_ok() {
    let o = daedalus(&["check", &sample("three-tier.ron")]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).contains("ok: 16 components, 14 connections, 7 containers"),
        "{}",
        stdout(&o)
    );
}

fn write_temp(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Err(e) = std::fs::write(&path, text) {
        panic!("write {}: {e}", path.display());
    }
    path
}

#[test]
fn broken_file_exits_2_with_file_line_col() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = include_str!("../sample-topologies/three-tier.ron").replacen(
        "kind: Users(",
        "kind: Userz(",
        1,
    );
    let path = write_temp(dir.path(), "broken.ron", &text);
    let file = path.display().to_string();
    let o = daedalus(&["check", &file]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let rest = err
        .strip_prefix(&format!("{file}:"))
        .unwrap_or_else(|| panic!("no FILE: prefix: {err}"));
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts.next().and_then(|l| l.parse().ok()).expect("line");
    let col: usize = parts.next().and_then(|c| c.parse().ok()).expect("column");
    assert!(line > 1 && col > 1);
    assert!(parts.next().is_some_and(|m| m.contains("Userz")));
    assert_eq!(err.lines().count(), 1, "the error is printed once: {err}");

    let o = daedalus(&["check", &file, "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let v = json(&o);
    assert_eq!(v["parsed"], false);
    assert_eq!(v["errors"][0]["line"].as_u64(), Some(line as u64));
    assert_eq!(v["errors"][0]["column"].as_u64(), Some(col as u64));
}

#[test]
fn semantic_problems_exit_1_with_positions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = include_str!("../sample-topologies/three-tier.ron").replacen(
        "to: \"cache\"",
        "to: \"cash\"",
        1,
    );
    let path = write_temp(dir.path(), "dangling.ron", &text);
    let o = daedalus(&["check", &path.display().to_string(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let v = json(&o);
    let e = &v["errors"][0];
    assert!(
        e["message"]
            .as_str()
            .is_some_and(|m| m.contains("\"cash\""))
    );
    assert!(e["line"].as_u64().is_some() && e["column"].as_u64().is_some());
    assert_eq!(e["element"], "web-to-cache");
    let o = daedalus(&["check", &path.display().to_string()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with(&format!("{}:", path.display())));
}

#[test]
fn missing_file_exits_2() {
    let o = daedalus(&["check", "/no/such/file.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/no/such/file.ron: cannot read the file"));
}

#[test]
fn every_sample_passes_fmt_check() {
    let files: Vec<String> = ["icarus-platform.ron", "three-tier.ron", "flawed.ron"]
        .iter()
        .map(|s| sample(s))
        .collect();
    let mut args = vec!["fmt", "--check"];
    args.extend(files.iter().map(String::as_str));
    let o = daedalus(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn fmt_rewrites_and_check_detects() {
    let dir = tempfile::tempdir().expect("tempdir");
    let canonical = include_str!("../sample-topologies/three-tier.ron");
    let messy =
        canonical
            .replace("    ", "  ")
            .replacen("name: \"Shoppers\",", "name:\"Shoppers\" ,", 1);
    let path = write_temp(dir.path(), "messy.ron", &messy);
    let file = path.display().to_string();
    let o = daedalus(&["fmt", "--check", &file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not in canonical form"));
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some(messy.as_str()),
        "--check changed the file"
    );
    let o = daedalus(&["fmt", &file]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some(canonical)
    );
}

#[test]
fn fmt_keeps_files_with_comments_unless_told() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = include_str!("../sample-topologies/three-tier.ron").replacen(
        "    version: 1,",
        "    // why\n    version: 1,",
        1,
    );
    let path = write_temp(dir.path(), "commented.ron", &text);
    let file = path.display().to_string();
    let o = daedalus(&["fmt", &file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("{file}:4:5: has a comment")),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some(text.as_str())
    );
    let o = daedalus(&["fmt", "--drop-comments", &file]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn fmt_of_a_broken_file_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write_temp(dir.path(), "broken.ron", "(version: 1, name: ");
    let o = daedalus(&["fmt", "--check", &path.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn generate_writes_a_valid_topology() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.ron");
    let file = path.display().to_string();
    let o = daedalus(&[
        "generate",
        "--components",
        "1500",
        "--seed",
        "3",
        "-o",
        &file,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = daedalus(&["check", &file, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let v = json(&o);
    assert_eq!(v["components"].as_u64(), Some(1500));
    assert_eq!(v["connections"].as_u64(), Some(3000));
    let o = daedalus(&["fmt", "--check", &file]);
    assert_eq!(o.status.code(), Some(0));
    let o = daedalus(&["generate", "--components", "3"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--components must be between"));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(daedalus(&["check"]).status.code(), Some(2));
    assert_eq!(daedalus(&["frobnicate", "x", "y"]).status.code(), Some(2));
    assert_eq!(
        daedalus(&["check", "x.ron", "--format", "yaml"])
            .status
            .code(),
        Some(2)
    );
    let help = daedalus(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).contains("check") && stdout(&help).contains("fmt"));
    assert_eq!(daedalus(&["--version"]).status.code(), Some(0));
}
