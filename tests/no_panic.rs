//! Property tests: no input, however mangled, makes loading or checking panic; whatever parses
//! is written back canonically and parses again to the same text.

use daedalus::io;
use proptest::prelude::*;

const SAMPLES: [&str; 3] = [
    include_str!("../sample-topologies/icarus-platform.ron"),
    include_str!("../sample-topologies/three-tier.ron"),
    include_str!("../sample-topologies/flawed.ron"),
];

/// Tokens worth splicing into a file: brackets, quotes, numbers at the edges, ids, keywords.
const VOCABULARY: [&str; 28] = [
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "r#\"",
    "//",
    "/*",
    "-1",
    "0",
    "1e308",
    "-0.0",
    "NaN",
    "inf",
    "4294967296",
    "\"db\"",
    "\"\"",
    "None",
    "Some(",
    "Database(",
    "replicas: 0,",
    "zones: [],",
    "\u{1F310}",
    "\u{0}",
];

/// Checks the invariants on one input: no panic; if it parses, checking does not panic and the
/// canonical text is stable.
fn exercise(bytes: &[u8]) {
    let Ok(text) = io::decode(bytes) else { return };
    let Ok(topology) = io::parse(&text) else {
        return;
    };
    let _ = io::check(&topology, &text);
    let Ok(canonical) = io::to_string(&topology) else {
        return;
    };
    let again = match io::parse(&canonical) {
        Ok(t) => t,
        Err(e) => panic!("canonical text does not parse: {e}\n{canonical}"),
    };
    let Ok(canonical_again) = io::to_string(&again) else {
        panic!("second serialization failed")
    };
    assert!(canonical == canonical_again, "canonical form is not stable");
    let _ = io::check(&again, &canonical);
}

#[derive(Debug, Clone)]
enum Mutation {
    FlipByte(usize, u8),
    Delete(usize, usize),
    Insert(usize, usize),
    Truncate(usize),
    DuplicateLine(usize),
    SwapNumber(usize, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::FlipByte(at, b)),
        (any::<usize>(), 1usize..200).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<usize>(), 0..VOCABULARY.len()).prop_map(|(at, t)| Mutation::Insert(at, t)),
        any::<usize>().prop_map(Mutation::Truncate),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (
            any::<usize>(),
            prop::sample::select(vec![
                "0",
                "-1",
                "-0.5",
                "1e300",
                "NaN",
                "inf",
                "99999999999",
                "0.0"
            ])
        )
            .prop_map(|(at, n)| Mutation::SwapNumber(at, n)),
    ]
}

fn apply(text: &str, m: &Mutation) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    let len = bytes.len().max(1);
    match *m {
        Mutation::FlipByte(at, b) => {
            let at = at % len;
            if let Some(x) = bytes.get_mut(at) {
                *x = b;
            }
        }
        Mutation::Delete(at, n) => {
            let at = at % len;
            let end = (at + n).min(bytes.len());
            bytes.drain(at..end);
        }
        Mutation::Insert(at, t) => {
            let at = at % len;
            let token = VOCABULARY[t].as_bytes();
            bytes.splice(at..at, token.iter().copied());
        }
        Mutation::Truncate(at) => bytes.truncate(at % len),
        Mutation::DuplicateLine(at) => {
            let lines: Vec<&str> = text.split_inclusive('\n').collect();
            let i = at % lines.len().max(1);
            let mut out = String::new();
            for (k, l) in lines.iter().enumerate() {
                out.push_str(l);
                if k == i {
                    out.push_str(l);
                }
            }
            bytes = out.into_bytes();
        }
        Mutation::SwapNumber(at, n) => {
            // Replace the k-th number literal of the text.
            let numbers: Vec<(usize, usize)> = number_spans(text);
            if let Some(&(s, e)) = numbers.get(at % numbers.len().max(1)) {
                bytes.splice(s..e, n.bytes());
            }
        }
    }
    bytes
}

fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_digit()
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'-'));
        if starts {
            let s = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                i += 1;
            }
            spans.push((s, i));
        }
        i += 1;
    }
    spans
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn mutated_samples_never_panic(sample in 0..SAMPLES.len(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let mut text = SAMPLES[sample].to_owned();
        let mut bytes = text.clone().into_bytes();
        for m in &mutations {
            bytes = apply(&text, m);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        exercise(&bytes);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        exercise(&bytes);
    }

    #[test]
    fn arbitrary_ron_like_text_never_panics(tokens in prop::collection::vec(0..VOCABULARY.len(), 0..64)) {
        let text: String = tokens.iter().map(|&t| VOCABULARY[t]).collect::<Vec<_>>().join(" ");
        exercise(text.as_bytes());
        exercise(format!("(version: 1, name: \"x\", {text})").as_bytes());
    }
}

#[test]
fn every_number_of_a_sample_set_to_an_extreme_never_panics() {
    let text = SAMPLES[1];
    for (s, e) in number_spans(text) {
        for n in ["0", "-1", "1e300", "NaN", "4294967296"] {
            let mutated = format!("{}{n}{}", &text[..s], &text[e..]);
            exercise(mutated.as_bytes());
        }
    }
}
