//! `daedalus import mermaid` and `daedalus export mermaid|svg|png` from the command line.

use std::path::Path;
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

fn repo(path: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(path)
        .display()
        .to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn importing_the_icarus_document_gives_a_file_that_checks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("icarus.ron");
    let out_s = out.display().to_string();
    let doc = repo("tests/fixtures/icarus-infrastructure.md");
    let o = daedalus(&["import", "mermaid", &doc, "-o", &out_s]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("imported 25 components, 14 containers, 23 connections"),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.starts_with(&format!("{doc}:")) && l.contains(": guessed: ")),
        "{err}"
    );
    let o = daedalus(&["check", &out_s]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = daedalus(&["import", "mermaid", &doc, "-o", &out_s]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "an existing output is not replaced without --force"
    );
    let o = daedalus(&["import", "mermaid", &doc, "-o", &out_s, "--force"]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_broken_diagram_exits_2_with_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let md = dir.path().join("doc.md");
    std::fs::write(
        &md,
        "# Doc\n\n```mermaid\ngraph TB\n  subgraph S[Open]\n    A --> B\n```\n",
    )
    .expect("write");
    let file = md.display().to_string();
    let o = daedalus(&["import", "mermaid", &file]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!("{file}:5:3: subgraph `S` is not closed")),
        "{}",
        stderr(&o)
    );
    let o = daedalus(&["import", "mermaid", &file, "--diagram", "4"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("there is no diagram 4"));
}

#[test]
fn mermaid_export_imports_back_through_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mmd = dir.path().join("icarus.mmd");
    let mmd_s = mmd.display().to_string();
    let sample = repo("sample-topologies/icarus-platform.ron");
    let o = daedalus(&["export", "mermaid", &sample, "-o", &mmd_s]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = daedalus(&["import", "mermaid", &mmd_s]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("imported 25 components, 14 containers, 23 connections"),
        "{}",
        stderr(&o)
    );
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.starts_with("#![enable(implicit_some)]"),
        "the topology goes to stdout"
    );
}

#[test]
fn svg_and_png_exports_write_images() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sample = repo("sample-topologies/three-tier.ron");
    for (format, name, magic) in [
        ("svg", "d.svg", &b"<svg"[..]),
        ("png", "d.png", &b"\x89PNG"[..]),
    ] {
        let out = dir.path().join(name);
        let out_s = out.display().to_string();
        let o = daedalus(&["export", format, &sample, "-o", &out_s, "--dark"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let bytes = std::fs::read(&out).expect("written");
        assert!(bytes.starts_with(magic), "{format}");
        let o = daedalus(&["export", format, &sample, "-o", &out_s]);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{format}: no overwrite without --force"
        );
    }
    let o = daedalus(&[
        "export",
        "png",
        &sample,
        "-o",
        &dir.path().join("huge.png").display().to_string(),
        "--scale",
        "500",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("pixels"));
}

#[test]
fn the_readme_picture_is_the_current_svg_export() {
    let t = daedalus::io::load(Path::new(&repo("sample-topologies/icarus-platform.ron")))
        .expect("load")
        .topology;
    let svg = daedalus::diagram::svg::to_svg(&t, &daedalus::diagram::svg::SvgOptions::default());
    let committed = std::fs::read_to_string(repo("assets/icarus.svg")).expect("assets/icarus.svg");
    assert!(
        svg == committed,
        "assets/icarus.svg is stale: run `daedalus export svg sample-topologies/icarus-platform.ron -o assets/icarus.svg --force`"
    );
}
