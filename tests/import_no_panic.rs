//! Property tests: no text makes the Mermaid importer panic, and whatever it imports is a
//! consistent topology (it passes `daedalus check`) that saves and loads.

use daedalus::import::mermaid::{Options, import};
use daedalus::io;
use proptest::prelude::*;

const DOC: &str = include_str!("fixtures/icarus-infrastructure.md");

/// Pieces of Mermaid worth splicing together.
const VOCABULARY: [&str; 34] = [
    "graph TB\n",
    "flowchart LR\n",
    "subgraph ",
    "end\n",
    "A",
    "B",
    "DB",
    "\n",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "[(",
    ")]",
    "\"",
    "-->",
    "---",
    "-.->",
    "==>",
    "<-->",
    "--x",
    "|",
    "&",
    ";",
    "%%",
    ":::",
    "<br/>",
    "Database",
    "VPC - Production",
    "Private Subnet - Data",
    "style A fill:#fff\n",
    "```mermaid\n",
];

fn exercise(text: &str) {
    let Ok(imported) = import(text, &Options::default()) else {
        return;
    };
    let Ok(saved) = io::to_string(&imported.topology) else {
        panic!("cannot serialize an import")
    };
    let Ok(loaded) = io::parse(&saved) else {
        panic!("an import does not load back:\n{saved}")
    };
    let problems = io::check(&loaded, &saved);
    assert!(
        problems.is_empty(),
        "an import is not consistent: {problems:#?}\n{text}"
    );
    let _ = daedalus::validate::validate(&loaded);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn spliced_mermaid_never_panics(tokens in prop::collection::vec(0..VOCABULARY.len(), 0..80)) {
        let body: String = tokens.iter().map(|&t| VOCABULARY[t]).collect::<Vec<_>>().join(" ");
        exercise(&body);
        exercise(&format!("graph TB\n{body}"));
    }

    #[test]
    fn mutated_icarus_documents_never_panic(at in 0usize..20_000, len in 0usize..200, insert in 0..VOCABULARY.len()) {
        let start = DOC.floor_char_boundary(at.min(DOC.len()));
        let end = DOC.floor_char_boundary((start + len).min(DOC.len()));
        let mutated = format!("{}{}{}", &DOC[..start], VOCABULARY[insert], &DOC[end..]);
        exercise(&mutated);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        exercise(&text);
        exercise(&format!("```mermaid\ngraph TB\n{text}\n```"));
    }
}
