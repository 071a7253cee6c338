//! What the validator finds on the samples: the Icarus Platform's departures from its own
//! document, nothing on the hardened platform, and errors of every family on the flawed shop.

use std::collections::BTreeSet;

use daedalus::io;
use daedalus::model::Topology;
use daedalus::validate::{self, Family, Report, Severity};

fn sample(text: &str) -> Topology {
    let t = io::parse(text).expect("the sample parses");
    let problems = io::check(&t, text);
    assert!(problems.is_empty(), "{problems:?}");
    t
}

fn icarus() -> Topology {
    sample(include_str!("../sample-topologies/icarus-platform.ron"))
}

fn hardened() -> Topology {
    sample(include_str!(
        "../sample-topologies/icarus-platform-hardened.ron"
    ))
}

/// (rule, main element or "" for the topology, severity) of every finding.
fn summary(report: &Report) -> BTreeSet<(&str, String, Severity)> {
    report
        .findings
        .iter()
        .map(|f| {
            let element = f
                .elements
                .first()
                .map(|e| e.to_string())
                .unwrap_or_default();
            (f.rule, element, f.severity)
        })
        .collect()
}

#[test]
fn the_icarus_sample_breaks_its_document_where_its_diagram_does() {
    let report = validate::validate(&icarus());
    let e = Severity::Error;
    let w = Severity::Warning;
    let expected: BTreeSet<(&str, String, Severity)> = [
        // Plain HTTP from the public API gateway to the private services.
        ("SEC-004", "api-gateway-to-service-containers", e),
        // The services call the identity provider, payments and e-mail with no NAT.
        ("SEC-007", "service-containers", e),
        // The development VPC has no subnets, so its database is in no data tier.
        ("SEC-001", "dev-db", e),
        // The CDN is internet-facing with no WAF and no managed certificate drawn.
        ("SEC-003", "static-assets", e),
        // The document says RTO/RPO are defined, but gives no values.
        ("DR-004", "", e),
        // The web app ships no logs, metrics or traces.
        ("OBS-001", "web-app-containers", e),
        // One bastion, and an API gateway in two of three zones.
        ("HA-004", "bastion-host", w),
        ("HA-004", "api-gateway", w),
    ]
    .into_iter()
    .map(|(r, el, s)| (r, el.to_owned(), s))
    .collect();
    assert_eq!(summary(&report), expected, "{:#?}", report.findings);
    // Both objectives are reported.
    assert_eq!(report.of_rule("DR-004").count(), 2);
    assert!(report.has_unwaived_errors());
    let sec007 = report.of_rule("SEC-007").next().expect("SEC-007");
    for callee in ["identity-provider", "payment-gateway", "email-service"] {
        assert!(sec007.message.contains(callee), "{}", sec007.message);
    }
}

#[test]
fn the_hardened_sample_fixes_every_finding_without_waivers() {
    let t = hardened();
    let report = validate::validate(&t);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert!(t.waivers.is_empty());
}

#[test]
fn the_hardened_sample_is_the_same_platform() {
    let (a, b) = (icarus(), hardened());
    let ids = |t: &Topology| -> [BTreeSet<String>; 3] {
        [
            t.components.iter().map(|c| c.id.to_string()).collect(),
            t.containers.iter().map(|c| c.id.to_string()).collect(),
            t.connections.iter().map(|c| c.id.to_string()).collect(),
        ]
    };
    let (ia, ib) = (ids(&a), ids(&b));
    for (kind, (x, y)) in ["components", "containers", "connections"]
        .iter()
        .zip(ia.iter().zip(&ib))
    {
        assert!(
            x.is_subset(y),
            "{kind} missing from the hardened sample: {:?}",
            x.difference(y)
        );
    }
    // What was added is only what the fixes need.
    let added: BTreeSet<String> = ib[0].difference(&ia[0]).cloned().collect();
    assert_eq!(added, BTreeSet::from(["nat-gateway".to_owned()]));
}

#[test]
fn the_flawed_sample_fails_with_errors_of_every_family() {
    let t = sample(include_str!("../sample-topologies/flawed.ron"));
    let report = validate::validate(&t);
    assert!(report.has_unwaived_errors());
    let families: BTreeSet<Family> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .filter_map(|f| validate::rule(f.rule).map(|r| r.family))
        .collect();
    assert_eq!(
        families,
        BTreeSet::from([
            Family::Security,
            Family::HighAvailability,
            Family::DisasterRecovery,
            Family::Observability,
            Family::Operations,
        ])
    );
    let rules: BTreeSet<&str> = report.findings.iter().map(|f| f.rule).collect();
    for expected in [
        "SEC-001", "SEC-002", "SEC-003", "SEC-004", "SEC-005", "SEC-006", "SEC-007", "SEC-008",
        "SEC-009", "SEC-010", "HA-001", "HA-002", "HA-003", "HA-004", "DR-001", "DR-004",
        "OBS-001", "OPS-001", "OPS-002",
    ] {
        assert!(
            rules.contains(expected),
            "{expected} missing from {rules:?}"
        );
    }
    // The README quotes these counts.
    let summary = report.summary();
    assert_eq!((summary.error, summary.warning), (35, 4), "{summary:?}");
}

#[test]
fn the_three_tier_sample_has_no_error() {
    let t = sample(include_str!("../sample-topologies/three-tier.ron"));
    let report = validate::validate(&t);
    assert!(!report.has_unwaived_errors(), "{:#?}", report.findings);
}
