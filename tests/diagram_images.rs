//! SVG and PNG exports of the diagram: valid documents, everything drawn, stable output.

use daedalus::diagram::png::to_png;
use daedalus::diagram::svg::{SvgOptions, to_svg};
use daedalus::io;

const ICARUS: &str = include_str!("../sample-topologies/icarus-platform.ron");

#[test]
fn the_svg_is_valid_and_draws_every_element() {
    let t = io::parse(ICARUS).expect("sample");
    let svg = to_svg(&t, &SvgOptions::default());
    let opt = resvg::usvg::Options::default();
    let tree = resvg::usvg::Tree::from_str(&svg, &opt).expect("valid SVG");
    assert!(tree.size().width() > 1000.0 && tree.size().height() > 500.0);
    for c in &t.components {
        let shown: String = c.name.chars().take(8).collect();
        assert!(svg.contains(&shown), "{} missing", c.name);
    }
    for c in &t.containers {
        assert!(
            svg.contains(&c.name.replace('&', "&amp;")),
            "{} missing",
            c.name
        );
    }
    assert_eq!(svg.matches("<line ").count(), t.connections.len());
    assert!(
        svg.contains("marker-end=\"url(#arrow-plaintext)\""),
        "the plaintext hop is marked"
    );
    assert_eq!(svg, to_svg(&t, &SvgOptions::default()), "deterministic");
    if let Ok(dir) = std::env::var("DAEDALUS_WRITE_IMAGES") {
        std::fs::write(format!("{dir}/icarus.svg"), &svg).expect("write");
    }
}

#[test]
fn the_png_has_the_svg_size_times_the_scale() {
    let t = io::parse(ICARUS).expect("sample");
    let options = SvgOptions {
        dark: true,
        ..SvgOptions::default()
    };
    let png = to_png(&t, &options, 1.5).expect("png");
    assert_eq!(&png[1..4], b"PNG");
    let svg = to_svg(&t, &options);
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("svg");
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    assert_eq!(width, (tree.size().width() * 1.5).ceil() as u32);
    if let Ok(dir) = std::env::var("DAEDALUS_WRITE_IMAGES") {
        std::fs::write(format!("{dir}/icarus-dark.png"), &png).expect("write");
    }
    assert!(
        to_png(&t, &options, 1000.0).is_err(),
        "absurd scales are refused"
    );
}
