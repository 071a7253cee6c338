//! Every kind of bad input gets a clear error with a position, never a panic.

use std::path::PathBuf;

use daedalus::io::{self, Diagnostic, LoadError, ParseError};

const THREE_TIER: &str = include_str!("../sample-topologies/three-tier.ron");

/// The sample with the first occurrence of `from` replaced by `to`; returns the text and the
/// 1-based line of the replacement.
fn mutate(from: &str, to: &str) -> (String, usize) {
    let Some(at) = THREE_TIER.find(from) else {
        panic!("{from:?} is not in the sample")
    };
    let line = 1 + THREE_TIER[..at].matches('\n').count();
    (
        format!(
            "{}{to}{}",
            &THREE_TIER[..at],
            &THREE_TIER[at + from.len()..]
        ),
        line,
    )
}

fn parse_err(text: &str) -> ParseError {
    match io::parse(text) {
        Ok(_) => panic!("parsed, but should not have"),
        Err(e) => e,
    }
}

/// The diagnostics of a text that parses.
fn problems(text: &str) -> Vec<Diagnostic> {
    match io::parse(text) {
        Ok(t) => io::check(&t, text),
        Err(e) => panic!("does not parse: {e}"),
    }
}

/// Asserts one diagnostic contains `fragment`, on `line`.
fn assert_problem(diagnostics: &[Diagnostic], fragment: &str, line: usize) {
    let found = diagnostics.iter().find(|d| d.message.contains(fragment));
    let Some(d) = found else {
        panic!("no problem mentions {fragment:?}: {diagnostics:#?}")
    };
    assert_eq!(d.line, Some(line), "{d:?}");
    assert!(d.column.is_some());
}

#[test]
fn empty_and_blank_files() {
    for text in ["", "   \n\t\n"] {
        let e = parse_err(text);
        assert_eq!((e.line, e.column), (1, 1));
        assert!(e.message.contains("empty"), "{e}");
    }
}

#[test]
fn syntax_error_has_line_and_column() {
    let (text, line) = mutate("name: \"Shoppers\",", "name: \"Shoppers\" oops,");
    let e = parse_err(&text);
    assert_eq!(e.line, line);
    assert!(e.column > 1);
}

#[test]
fn unknown_field_is_named_with_the_expected_ones() {
    let (text, line) = mutate("rate_rps: 200.0", "rate_rpz: 200.0");
    let e = parse_err(&text);
    assert_eq!(e.line, line);
    assert!(
        e.message.contains("`rate_rpz`") && e.message.contains("`rate_rps`"),
        "{e}"
    );

    let (text, line) = mutate("hit_ratio: 0.85,", "hit_ratio: 0.85, colour: \"red\",");
    let e = parse_err(&text);
    assert_eq!(e.line, line);
    assert!(
        e.message.contains("`colour`") && e.message.contains("`persistence`"),
        "{e}"
    );
}

#[test]
fn unknown_kind_lists_the_kinds() {
    let (text, line) = mutate("kind: Users(", "kind: Userz(");
    let e = parse_err(&text);
    assert_eq!(e.line, line);
    assert!(
        e.message.contains("`Userz`") && e.message.contains("`LoadBalancer`"),
        "{e}"
    );
}

#[test]
fn wrong_type_is_reported_where_it_is() {
    let (text, line) = mutate("replicas: 3,", "replicas: \"three\",");
    let e = parse_err(&text);
    assert_eq!(e.line, line);
    let (text, line) = mutate("replicas: 3,", "replicas: -3,");
    assert_eq!(parse_err(&text).line, line);
}

#[test]
fn invalid_id_is_explained() {
    let (text, line) = mutate("id: \"cache\"", "id: \"Cache_1\"");
    let e = parse_err(&text);
    assert_eq!(e.line, line);
    assert!(
        e.message.contains("Cache_1") && e.message.contains("lowercase"),
        "{e}"
    );
}

#[test]
fn versions_newer_unknown_or_missing() {
    let (text, line) = mutate("version: 1,", "version: 9,");
    let e = parse_err(&text);
    assert_eq!(e.line, line);
    assert!(e.message.contains("newer"), "{e}");
    let (text, _) = mutate("version: 1,", "version: 0,");
    assert!(parse_err(&text).message.contains("does not exist"));
    let (text, _) = mutate("version: 1,", "");
    assert!(parse_err(&text).message.contains("version"));
}

#[test]
fn truncated_files_say_so() {
    let cut = THREE_TIER.len() / 3;
    let text = &THREE_TIER[..THREE_TIER.floor_char_boundary(cut)];
    let e = parse_err(text);
    assert!(e.message.contains("truncated"), "{e}");
    // Every prefix is an error, not a panic.
    for end in (0..THREE_TIER.len()).step_by(97) {
        let prefix = &THREE_TIER[..THREE_TIER.floor_char_boundary(end)];
        assert!(io::parse(prefix).is_err(), "prefix of {end} bytes parsed");
    }
}

#[test]
fn trailing_text_is_rejected() {
    let text = format!("{THREE_TIER}\n(version: 1)");
    assert!(parse_err(&text).message.contains("after the end"));
}

#[test]
fn non_utf8_bytes_are_placed() {
    let mut bytes = b"(\n    version: 1,\n    name: \"caf".to_vec();
    bytes.extend([0xE9, b'"', b')']);
    let e = match io::decode(&bytes) {
        Ok(_) => panic!("decoded invalid UTF-8"),
        Err(e) => e,
    };
    assert_eq!((e.line, e.column), (3, 15));
    assert!(e.message.contains("0xE9") && e.message.contains("UTF-8"));
    // A byte-order mark is not an error.
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(THREE_TIER.as_bytes());
    let Ok(text) = io::decode(&with_bom) else {
        panic!("BOM rejected")
    };
    assert!(io::parse(&text).is_ok());
}

#[test]
fn very_deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = 100_000;
    for text in [
        format!(
            "(version: 1, name: \"x\", bogus: {}{})",
            "[".repeat(deep),
            "]".repeat(deep)
        ),
        format!(
            "(version: 1, name: \"x\", policies: {}{})",
            "(".repeat(deep),
            ")".repeat(deep)
        ),
        "[".repeat(deep),
        format!(
            "(version: 1, name: \"x\", description: {})",
            "Some(".repeat(deep)
        ),
    ] {
        assert!(io::parse(&text).is_err());
    }
}

#[test]
fn a_100_mb_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(100 * 1024 * 1024).expect("sparse file");
    match io::load(&path) {
        Err(LoadError::TooLarge { size, limit, .. }) => {
            assert_eq!(size, 100 * 1024 * 1024);
            assert_eq!(limit, io::MAX_FILE_BYTES);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
}

#[test]
fn a_100_mb_text_parses_to_an_error_quickly() {
    let mut text = String::with_capacity(100 * 1024 * 1024);
    text.push_str("(version: 1, name: \"");
    while text.len() < 100 * 1024 * 1024 {
        text.push_str("abcdefghijklmnopqrstuvwxyz0123456789");
    }
    let e = parse_err(&text);
    assert_eq!((e.line, e.column), (1, 20));
    assert!(e.message.contains("never closed"), "{e}");
}

#[test]
fn unreadable_path_is_a_read_error() {
    let e = match io::load(&PathBuf::from("/no/such/dir/topology.ron")) {
        Err(e) => e,
        Ok(_) => panic!("loaded a missing file"),
    };
    assert!(matches!(e, LoadError::Read { .. }));
    assert!(
        e.to_string()
            .starts_with("/no/such/dir/topology.ron: cannot read")
    );
}

#[test]
fn load_error_display_is_file_line_col() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.ron");
    let (text, line) = mutate("rate_rps: 200.0", "rate_rps: [200.0]");
    std::fs::write(&path, text).expect("write");
    let Err(e) = io::load(&path) else {
        panic!("loaded a broken file")
    };
    let prefix = format!("{}:{line}:", path.display());
    assert!(e.to_string().starts_with(&prefix), "{e}");
}

// Semantic problems: the element is named, and placed on its line.

#[test]
fn duplicate_id_points_at_the_second_definition() {
    let (text, line) = mutate("id: \"operators\"", "id: \"shoppers\"");
    let d = problems(&text);
    assert_problem(&d, "duplicate id \"shoppers\"", line);
}

#[test]
fn dangling_reference_points_at_the_reference() {
    let (text, line) = mutate("to: \"cache\"", "to: \"cash\"");
    let d = problems(&text);
    assert_problem(&d, "to refers to \"cash\", which does not exist", line);
    let (text, line) = mutate("container: \"data\"", "container: \"dta\"");
    assert_problem(&problems(&text), "container refers to \"dta\"", line);
}

#[test]
fn reference_to_the_wrong_kind_of_element() {
    let (text, line) = mutate("secrets_from: \"secrets\"", "secrets_from: \"logs\"");
    assert_problem(
        &problems(&text),
        "which is a log aggregation, not a secrets manager",
        line,
    );
    let (text, line) = mutate(
        "region: \"eu-central\",\n                cidr",
        "region: \"prod\",\n                cidr",
    );
    assert_problem(
        &problems(&text),
        "which is a environment, not a region",
        line,
    );
}

#[test]
fn subnet_zone_outside_the_vpc_region() {
    let (text, line) = mutate(
        "\"eu-central-c\",\n                ],\n                cidr: \"10.20.0.0/20\"",
        "\"eu-west-b\",\n                ],\n                cidr: \"10.20.0.0/20\"",
    );
    assert_problem(
        &problems(&text),
        "zone \"eu-west-b\" is in region \"eu-west\", but its VPC is in region \"eu-central\"",
        line,
    );
}

#[test]
fn component_zone_outside_its_subnet_or_region() {
    let text = THREE_TIER;
    // The data tier spans a, b, c; a cache replica in eu-west-a is in neither.
    let (text2, line) = {
        let at = text.find("id: \"cache\"").expect("cache");
        let zone_at = at + text[at..].find("\"eu-central-b\"").expect("zone");
        let line = 1 + text[..zone_at].matches('\n').count();
        (
            format!("{}\"eu-west-a\"{}", &text[..zone_at], &text[zone_at + 14..]),
            line,
        )
    };
    let d = problems(&text2);
    assert_problem(
        &d,
        "zone \"eu-west-a\" is in region \"eu-west\", but the component runs in region \"eu-central\"",
        line,
    );
    assert_problem(
        &d,
        "zone \"eu-west-a\" is not spanned by its subnet \"data\"",
        line,
    );
}

#[test]
fn component_in_a_subnet_of_another_vpc_than_its_cluster() {
    let extra = r#"(id: "other-vpc", name: "Other", kind: Vpc(environment: "prod", region: "eu-central", cidr: "10.30.0.0/16")),
        (id: "k8s", name: "Cluster", container: "other-vpc", kind: KubernetesCluster()),"#;
    let text = THREE_TIER
        .replacen(
            "    containers: [\n",
            &format!(
                "    containers: [\n        {}\n",
                extra.lines().next().unwrap_or_default()
            ),
            1,
        )
        .replacen(
            "    components: [\n",
            &format!(
                "    components: [\n        {}\n",
                extra.lines().nth(1).unwrap_or_default().trim()
            ),
            1,
        );
    let (text, line) = {
        let at = text
            .find("secrets_from: \"secrets\"")
            .expect("secrets_from");
        let line = 1 + text[..at].matches('\n').count();
        (
            format!("{}cluster: \"k8s\",\n{}", &text[..at], &text[at..]),
            line,
        )
    };
    let d = problems(&text);
    assert_problem(
        &d,
        "component \"web\" is placed in VPC \"shop-vpc\", but its cluster \"k8s\" is in VPC \"other-vpc\"",
        line,
    );
}

#[test]
fn cidr_problems() {
    let (text, line) = mutate("\"10.20.32.0/20\"", "\"10.21.32.0/20\"");
    assert_problem(&problems(&text), "is outside its VPC \"shop-vpc\"", line);
    let (text, line) = mutate("\"10.20.32.0/20\"", "\"10.20.8.0/21\"");
    assert_problem(&problems(&text), "overlaps subnet \"public\"", line);
    let (text, line) = mutate("\"10.20.32.0/20\"", "\"10.20.32.1/20\"");
    assert_problem(
        &problems(&text),
        "has host bits set; did you mean 10.20.32.0/20?",
        line,
    );
    let (text, line) = mutate("\"10.20.32.0/20\"", "\"10.20.32.0/33\"");
    assert_problem(&problems(&text), "is not an IPv4 block", line);
    let (text, line) = mutate("cidr: \"10.20.0.0/16\"", "cidr: \"10.0.0.0/4\"");
    assert_problem(&problems(&text), "has a /4 prefix", line);
    let (text, line) = mutate("\"10.20.32.0/20\"", "\"10.20.32.0/28\"");
    assert_problem(
        &problems(&text),
        "too small to split into 3 per-zone subnets",
        line,
    );
}

#[test]
fn zero_negative_and_absurd_numbers() {
    let (text, line) = mutate("replicas: 3,", "replicas: 0,");
    assert_problem(&problems(&text), "replicas is 0", line);
    let (text, line) = mutate("mean_ms: 15.0", "mean_ms: -15.0");
    assert_problem(&problems(&text), "mean_ms is -15", line);
    let (text, line) = mutate("mean_ms: 15.0", "mean_ms: NaN");
    assert_problem(&problems(&text), "mean_ms is not a finite number", line);
    let (text, line) = mutate(
        "concurrency_per_replica: 50,",
        "concurrency_per_replica: 4000000000,",
    );
    assert_problem(
        &problems(&text),
        "concurrency_per_replica is 4000000000",
        line,
    );
    let (text, line) = mutate("rate_rps: 200.0", "rate_rps: -5.0");
    assert_problem(&problems(&text), "rate_rps is -5", line);
    let (text, line) = mutate("hit_ratio: 0.85", "hit_ratio: 1.5");
    assert_problem(&problems(&text), "hit_ratio is 1.5", line);
    let (text, line) = mutate("retention_days: 14,", "retention_days: 0,");
    assert_problem(&problems(&text), "retention_days is 0", line);
    let (text, line) = mutate("rpo_min: 15.0", "rpo_min: -1.0");
    assert_problem(&problems(&text), "rpo_min is -1", line);
    let (text, _) = mutate("min_replicas: 3,", "min_replicas: 4,");
    let web = text.find("id: \"web\"").expect("web");
    let replicas = web
        + text[web..]
            .find("                replicas: 3,")
            .expect("replicas");
    let line = 1 + text[..replicas].matches('\n').count();
    assert_problem(
        &problems(&text),
        "outside its autoscaling bounds 4..=9",
        line,
    );
}

#[test]
fn container_nesting_and_cycles() {
    let (text, line) = mutate("parent: \"shop-vpc\",", "parent: \"internet\",");
    assert_problem(
        &problems(&text),
        "must be directly inside a VPC, but it is inside group \"internet\"",
        line,
    );
    let (text, _) = mutate(
        "purpose: Internet,\n            ),",
        "purpose: Internet,\n            ),\n            parent: \"observability\",",
    );
    let text = text.replacen(
        "purpose: Monitoring,\n                region: \"eu-central\",\n                environment: \"prod\",\n            ),",
        "purpose: Monitoring,\n                region: \"eu-central\",\n                environment: \"prod\",\n            ),\n            parent: \"internet\",",
        1,
    );
    let d = problems(&text);
    assert!(
        d.iter().any(|p| p
            .message
            .contains("is inside itself: internet › observability › internet")),
        "{d:#?}"
    );
}

#[test]
fn connection_problems() {
    let (text, line) = mutate(
        "protocol: Https,\n            tls: true,\n            kind: Request,\n            traffic: (\n                calls_per_request: 1.0,\n                timeout_ms: 30000.0",
        "protocol: Https,\n            tls: false,\n            kind: Request,\n            traffic: (\n                calls_per_request: 1.0,\n                timeout_ms: 30000.0",
    );
    assert_problem(&problems(&text), "HTTPS is always encrypted", line + 1);
    let (text, line) = mutate(
        "from: \"web\",\n            to: \"cache\"",
        "from: \"web\",\n            to: \"web\"",
    );
    assert_problem(&problems(&text), "connects \"web\" to itself", line + 1);
    let (text, line) = mutate("on_miss_of: \"cache\"", "on_miss_of: \"db\"");
    assert_problem(&problems(&text), "which is a database, not a cache", line);
    let (text, line) = mutate("retries: 1,", "retries: 50,");
    assert_problem(&problems(&text), "retries is 50", line);
    let (text, line) = mutate(
        "id: \"web-to-traces\",\n            from: \"web\",\n            to: \"traces\"",
        "id: \"web-to-traces\",\n            from: \"web\",\n            to: \"metrics\"",
    );
    assert_problem(
        &problems(&text),
        "duplicates connection \"web-to-metrics\"",
        line,
    );
}

#[test]
fn layout_problems() {
    let (text, line) = mutate("\"alb\": (", "\"alp\": (");
    assert_problem(
        &problems(&text),
        "layout: entry for \"alp\", which does not exist",
        line,
    );
    let (text, line) = mutate(
        "\"alb\": (\n                x: 80.0",
        "\"alb\": (\n                x: inf",
    );
    assert_problem(&problems(&text), "layout: \"alb\" has rectangle", line);
}

#[test]
fn peering_and_waiver_problems() {
    let end = THREE_TIER.rfind("    layout: (").expect("layout section");
    let insert = |extra: &str| format!("{}{extra}{}", &THREE_TIER[..end], &THREE_TIER[end..]);
    let text = insert(
        "    peerings: [(id: \"p1\", from: \"shop-vpc\", to: \"app\", justification: \" \")],\n",
    );
    let line = 1 + text[..text.find("id: \"p1\"").expect("p1")]
        .matches('\n')
        .count();
    let d = problems(&text);
    assert_problem(
        &d,
        "peering \"p1\": \"app\" is a subnet, but peerings join VPCs",
        line,
    );
    assert_problem(&d, "peering \"p1\" has no justification", line);
    let text = insert(
        "    waivers: [\n        (rule: \"SEC-004\", element: \"web\", justification: \"ok\"),\n        (rule: \"sec4\", element: \"nope\", justification: \"\"),\n    ],\n",
    );
    let line = 1 + text[..text.find("(rule: \"sec4\"").expect("waiver")]
        .matches('\n')
        .count();
    let d = problems(&text);
    assert_problem(&d, "rule ids look like SEC-004", line);
    assert_problem(&d, "has no justification; a waiver must say why", line);
    assert_problem(&d, "element refers to \"nope\", which does not exist", line);
    assert_eq!(d.len(), 3, "{d:#?}");
}
