//! Writing exports: the CLI's files and exit codes, refusing a non-empty directory without
//! `--force`, removing only its own stale files, and never writing outside the directory
//! whatever the ids and names contain.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use daedalus::export::{self, Cloud, Export, Target, write_export};

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

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn cli_writes_and_refuses_a_non_empty_directory_without_force() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("tf");
    let o = daedalus(&[
        "export",
        "terraform",
        &sample("three-tier.ron"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(out.join("network.tf").is_file());
    let again = daedalus(&[
        "export",
        "terraform",
        &sample("three-tier.ron"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let forced = daedalus(&[
        "export",
        "terraform",
        &sample("three-tier.ron"),
        "-o",
        out.to_str().expect("utf-8"),
        "--cloud",
        "gcp",
        "--force",
    ]);
    assert_eq!(forced.status.code(), Some(0));
    // The AWS-only files of the first export are gone; a file of the user's stays.
    assert!(
        !out.join("data.tf").exists()
            || std::fs::read_to_string(out.join("data.tf"))
                .expect("read")
                .contains("google_")
    );
    let helm = tmp.path().join("chart");
    let h = daedalus(&[
        "export",
        "helm",
        &sample("icarus-platform-hardened.ron"),
        "-o",
        helm.to_str().expect("utf-8"),
    ]);
    assert_eq!(h.status.code(), Some(0));
    assert!(helm.join("templates/networkpolicy.yaml").is_file());
}

#[test]
fn cli_reports_bad_input_with_the_usual_exit_codes() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let bad = tmp.path().join("bad.ron");
    std::fs::write(&bad, "(version: 1, name: ").expect("write");
    let o = daedalus(&[
        "export",
        "helm",
        bad.to_str().expect("utf-8"),
        "-o",
        tmp.path().join("x").to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.ron:"));
    let text = std::fs::read_to_string(sample("three-tier.ron"))
        .expect("read")
        .replacen("to: \"alb\"", "to: \"albb\"", 1);
    let broken = tmp.path().join("dangling.ron");
    std::fs::write(&broken, text).expect("write");
    let o = daedalus(&[
        "export",
        "terraform",
        broken.to_str().expect("utf-8"),
        "-o",
        tmp.path().join("y").to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("albb"));
    assert!(
        !tmp.path().join("y").exists(),
        "nothing written for an inconsistent topology"
    );
    let usage = daedalus(&["export", "terraform", "--cloud", "oracle"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn force_removes_only_files_of_the_previous_export() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut first = Export::default();
    first.files.insert("a.tf".into(), "a".into());
    first.files.insert("sub/b.tf".into(), "b".into());
    write_export(&first, tmp.path(), false).expect("first write");
    std::fs::write(tmp.path().join("mine.txt"), "keep").expect("user file");
    let mut second = Export::default();
    second.files.insert("a.tf".into(), "a2".into());
    assert!(
        write_export(&second, tmp.path(), false).is_err(),
        "non-empty needs force"
    );
    write_export(&second, tmp.path(), true).expect("forced");
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("a.tf")).expect("a"),
        "a2"
    );
    assert!(
        !tmp.path().join("sub/b.tf").exists(),
        "stale export file removed"
    );
    assert!(tmp.path().join("mine.txt").exists(), "other files kept");
}

#[test]
fn unsafe_paths_and_symlinks_never_escape_the_directory() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let outside = tmp.path().join("outside");
    std::fs::create_dir(&outside).expect("outside dir");
    let dir = tmp.path().join("out");
    for bad in [
        "../escape.tf",
        "/etc/x.tf",
        "a/../../x.tf",
        ".daedalus-export",
    ] {
        let mut e = Export::default();
        e.files.insert(bad.into(), "x".into());
        assert!(write_export(&e, &dir, true).is_err(), "{bad}");
    }
    #[cfg(unix)]
    {
        std::fs::create_dir_all(&dir).expect("dir");
        std::os::unix::fs::symlink(&outside, dir.join("templates")).expect("symlink dir");
        std::os::unix::fs::symlink(outside.join("victim.tf"), dir.join("main.tf"))
            .expect("symlink file");
        let mut e = Export::default();
        e.files.insert("templates/x.yaml".into(), "x".into());
        assert!(
            write_export(&e, &dir, true).is_err(),
            "a symlinked parent is refused"
        );
        let mut e = Export::default();
        e.files.insert("main.tf".into(), "x".into());
        write_export(&e, &dir, true).expect("write through replaced link");
        assert!(
            !outside.join("victim.tf").exists(),
            "never written through a symlink"
        );
    }
    assert!(files_under(&outside).is_empty());
}

#[test]
fn hostile_names_stay_inside_the_directory() {
    let path = sample("icarus-platform-hardened.ron");
    let mut t = daedalus::io::load(Path::new(&path)).expect("load").topology;
    t.name = "../../etc/passwd\"; rm -rf / #${file(\"/etc/shadow\")}\n{{ .Values }}".into();
    for c in &mut t.components {
        c.name = "../$(whoami)/\u{202e}evil\"\n".into();
        c.description = "*/ # ${jndi:ldap://x}".into();
    }
    for c in &mut t.containers {
        c.name = "/tmp/x\\..\\y".into();
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("out");
    for (n, target) in [
        Target::Terraform(Cloud::Aws),
        Target::Terraform(Cloud::Azure),
        Target::Terraform(Cloud::Gcp),
        Target::Helm,
    ]
    .into_iter()
    .enumerate()
    {
        let e = export::export(&t, target).expect("exports");
        let d = dir.join(n.to_string());
        let written = write_export(&e, &d, false).expect("writes");
        let root = d.canonicalize().expect("root");
        for p in written {
            assert!(p.starts_with(&root), "{} escapes", p.display());
        }
        for (path, text) in &e.files {
            assert!(!path.contains(".."));
            if path.ends_with(".tf") {
                hcl::parse(text).unwrap_or_else(|err| panic!("{path}: {err}"));
                assert!(
                    !text.replace("$${", "").contains("${file("),
                    "{path}: a name became an expression"
                );
            }
        }
    }
    let all = files_under(tmp.path());
    assert!(all.iter().all(|p| p.starts_with(&dir)));
}
