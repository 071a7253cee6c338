//! Every rule against a passing and a failing fixture.
//!
//! The passing fixture is the hardened Icarus sample, which has no finding at all, sometimes
//! with a change that the rule must still accept; each failing fixture is that sample with one
//! deliberate mistake, still consistent (`check` finds nothing), and must give a finding of the
//! rule about the expected element. The findings come from `validate`, which runs the registry:
//! a rule taken out of the registry fails its cases here, and a registered rule without a case
//! fails `every_registered_rule_has_a_passing_and_a_failing_case`.

use std::collections::BTreeSet;

use daedalus::io;
use daedalus::model::check;
use daedalus::model::*;
use daedalus::validate::{self, RULES, Report, Severity};

const HARDENED: &str = include_str!("../sample-topologies/icarus-platform-hardened.ron");

fn hardened() -> Topology {
    io::parse(HARDENED).expect("the hardened sample parses")
}

fn id(s: &str) -> Id {
    Id::new(s).expect("valid id")
}

fn comp<'a>(t: &'a mut Topology, key: &str) -> &'a mut Component {
    t.components
        .iter_mut()
        .find(|c| c.id == key)
        .unwrap_or_else(|| panic!("no component {key}"))
}

fn conn<'a>(t: &'a mut Topology, key: &str) -> &'a mut Connection {
    t.connections
        .iter_mut()
        .find(|c| c.id == key)
        .unwrap_or_else(|| panic!("no connection {key}"))
}

fn connect(
    t: &mut Topology,
    key: &str,
    from: &str,
    to: &str,
    protocol: Protocol,
    kind: ConnectionKind,
) {
    let tls = protocol.inherent_tls().unwrap_or(true);
    t.connections.push(Connection {
        id: id(key),
        from: id(from),
        to: id(to),
        protocol,
        port: None,
        tls,
        kind,
        label: String::new(),
        traffic: Traffic::default(),
    });
}

fn disconnect(t: &mut Topology, key: &str) {
    let before = t.connections.len();
    t.connections.retain(|c| c.id != key);
    assert_eq!(t.connections.len() + 1, before, "no connection {key}");
}

fn remove_component(t: &mut Topology, key: &str) {
    t.components.retain(|c| c.id != key);
    t.connections.retain(|c| c.from != key && c.to != key);
    t.layout.elements.remove(key);
}

fn place(c: &mut Component, replicas: u32, zones: &[&str]) {
    c.capacity.replicas = replicas;
    c.capacity.zones = zones.iter().map(|z| id(z)).collect();
}

macro_rules! kind {
    ($c:expr, $variant:ident) => {
        match &mut $c.kind {
            ComponentKind::$variant(p) => p,
            other => panic!("not a {}: {other:?}", stringify!($variant)),
        }
    };
}

/// Validates `t` after checking that it is consistent, so that fixtures stay honest.
fn run(t: &Topology) -> Report {
    let problems = check::check(t);
    assert!(problems.is_empty(), "fixture is inconsistent: {problems:?}");
    validate::validate(t)
}

/// One failing fixture: a mistake, the element and the severity its finding must have.
struct Fail {
    mistake: fn(&mut Topology),
    element: &'static str,
    severity: Severity,
}

/// A rule's cases: changes the rule must accept, and mistakes it must report.
struct Case {
    rule: &'static str,
    passing: Vec<fn(&mut Topology)>,
    failing: Vec<Fail>,
}

fn fail(mistake: fn(&mut Topology), element: &'static str, severity: Severity) -> Fail {
    Fail {
        mistake,
        element,
        severity,
    }
}

use Severity::{Error, Warning};

fn unchanged(_: &mut Topology) {}

fn cases() -> Vec<Case> {
    vec![
        Case {
            rule: "SEC-001",
            passing: vec![unchanged, |t| {
                // A queue may sit in the data tier.
                comp(t, "message-queue-cluster").container = Some(id("private-subnet-db"));
            }],
            failing: vec![
                fail(
                    |t| comp(t, "dev-db").container = Some(id("vpc-dev")),
                    "dev-db",
                    Error,
                ),
                fail(
                    |t| comp(t, "db-cluster").container = Some(id("public-subnet")),
                    "db-cluster",
                    Error,
                ),
                fail(
                    |t| comp(t, "cache-cluster").container = Some(id("app-cluster")),
                    "cache-cluster",
                    Error,
                ),
            ],
        },
        Case {
            rule: "SEC-002",
            passing: vec![unchanged, |t| {
                // Through the load balancer is fine.
                connect(
                    t,
                    "users-to-load-balancer",
                    "users",
                    "load-balancer",
                    Protocol::Https,
                    ConnectionKind::Request,
                );
            }],
            failing: vec![
                fail(
                    |t| {
                        connect(
                            t,
                            "users-to-services",
                            "users",
                            "service-containers",
                            Protocol::Https,
                            ConnectionKind::Request,
                        )
                    },
                    "service-containers",
                    Error,
                ),
                fail(
                    |t| {
                        connect(
                            t,
                            "admins-to-db",
                            "admins",
                            "db-cluster",
                            Protocol::Postgresql,
                            ConnectionKind::Admin,
                        )
                    },
                    "db-cluster",
                    Error,
                ),
            ],
        },
        Case {
            rule: "SEC-003",
            passing: vec![unchanged, |t| {
                // An internal gateway needs no WAF of its own.
                kind!(comp(t, "api-gateway"), ApiGateway).tls_termination = false;
            }],
            failing: vec![
                fail(
                    |t| disconnect(t, "load-balancer-to-waf"),
                    "load-balancer",
                    Error,
                ),
                fail(
                    |t| kind!(comp(t, "load-balancer"), LoadBalancer).tls_termination = false,
                    "load-balancer",
                    Error,
                ),
                fail(
                    |t| disconnect(t, "static-assets-to-certificate-manager"),
                    "static-assets",
                    Error,
                ),
                fail(
                    |t| kind!(comp(t, "api-gateway"), ApiGateway).internet_facing = true,
                    "api-gateway",
                    Error,
                ),
            ],
        },
        Case {
            rule: "SEC-004",
            passing: vec![unchanged, |t| {
                // With the policy off, plaintext is the organisation's choice.
                t.policies.require_tls_in_transit = false;
                let c = conn(t, "api-gateway-to-service-containers");
                c.protocol = Protocol::Http;
                c.tls = false;
            }],
            failing: vec![
                fail(
                    |t| {
                        let c = conn(t, "api-gateway-to-service-containers");
                        c.protocol = Protocol::Http;
                        c.tls = false;
                    },
                    "api-gateway-to-service-containers",
                    Error,
                ),
                fail(
                    |t| conn(t, "service-containers-to-db-cluster").tls = false,
                    "service-containers-to-db-cluster",
                    Error,
                ),
                fail(
                    |t| {
                        // Inside one tier: a warning.
                        connect(
                            t,
                            "web-to-services",
                            "web-app-containers",
                            "service-containers",
                            Protocol::Http,
                            ConnectionKind::Request,
                        );
                        conn(t, "web-to-services").port = Some(8080);
                    },
                    "web-to-services",
                    Warning,
                ),
            ],
        },
        Case {
            rule: "SEC-005",
            passing: vec![unchanged, |t| {
                connect(
                    t,
                    "bastion-to-db",
                    "bastion-host",
                    "db-cluster",
                    Protocol::Postgresql,
                    ConnectionKind::Admin,
                );
            }],
            failing: vec![
                fail(
                    |t| {
                        connect(
                            t,
                            "admins-to-services",
                            "admins",
                            "service-containers",
                            Protocol::Ssh,
                            ConnectionKind::Admin,
                        )
                    },
                    "admins-to-services",
                    Error,
                ),
                fail(
                    |t| {
                        connect(
                            t,
                            "services-to-db-admin",
                            "service-containers",
                            "db-cluster",
                            Protocol::Ssh,
                            ConnectionKind::Admin,
                        )
                    },
                    "services-to-db-admin",
                    Error,
                ),
                fail(
                    |t| kind!(comp(t, "bastion-host"), Bastion).mfa = false,
                    "bastion-host",
                    Error,
                ),
                fail(
                    |t| kind!(comp(t, "bastion-host"), Bastion).session_timeout_min = None,
                    "bastion-host",
                    Error,
                ),
                fail(
                    |t| comp(t, "bastion-host").container = Some(id("private-subnet")),
                    "bastion-host",
                    Error,
                ),
            ],
        },
        Case {
            rule: "SEC-006",
            passing: vec![unchanged, |t| {
                connect(
                    t,
                    "dev-to-prod-db",
                    "dev-cluster",
                    "db-cluster",
                    Protocol::Postgresql,
                    ConnectionKind::Request,
                );
                t.peerings.push(Peering {
                    id: id("dev-to-prod"),
                    from: id("vpc-dev"),
                    to: id("vpc"),
                    justification: "anonymised production data for load tests".into(),
                });
            }],
            failing: vec![fail(
                |t| {
                    connect(
                        t,
                        "dev-to-prod-db",
                        "dev-cluster",
                        "db-cluster",
                        Protocol::Postgresql,
                        ConnectionKind::Request,
                    )
                },
                "dev-to-prod-db",
                Error,
            )],
        },
        Case {
            rule: "SEC-007",
            passing: vec![unchanged, |t| {
                // An egress proxy instead of NAT.
                remove_component(t, "nat-gateway");
                let mut proxy = Component::new(
                    id("egress-proxy"),
                    "Egress proxy",
                    ComponentKind::Generic(GenericProps {
                        category: "egress-proxy".into(),
                    }),
                );
                proxy.container = Some(id("private-subnet"));
                t.components.push(proxy);
            }],
            failing: vec![
                fail(
                    |t| remove_component(t, "nat-gateway"),
                    "service-containers",
                    Error,
                ),
                fail(
                    |t| {
                        // A NAT gateway in a private subnet is no way out.
                        comp(t, "nat-gateway").container = Some(id("private-subnet"));
                    },
                    "service-containers",
                    Error,
                ),
            ],
        },
        Case {
            rule: "SEC-008",
            passing: vec![unchanged, |t| {
                t.policies.require_encryption_at_rest = false;
                kind!(comp(t, "db-cluster"), Database).encryption_at_rest = false;
            }],
            failing: vec![
                fail(
                    |t| kind!(comp(t, "db-cluster"), Database).encryption_at_rest = false,
                    "db-cluster",
                    Error,
                ),
                fail(
                    |t| {
                        kind!(comp(t, "cache-cluster"), Cache).persistence =
                            CachePersistence::AppendOnly
                    },
                    "cache-cluster",
                    Error,
                ),
                fail(
                    |t| kind!(comp(t, "backup-storage"), ObjectStorage).encryption_at_rest = false,
                    "backup-storage",
                    Error,
                ),
                fail(
                    |t| {
                        let d = kind!(comp(t, "db-cluster"), Database);
                        if let Some(b) = d.backups.as_mut() {
                            b.encrypted = false;
                        }
                    },
                    "db-cluster",
                    Error,
                ),
            ],
        },
        Case {
            rule: "SEC-009",
            passing: vec![unchanged, |t| {
                let w = kind!(comp(t, "service-containers"), Workload);
                w.env.insert("LOG_LEVEL".into(), "info".into());
            }],
            failing: vec![
                fail(
                    |t| {
                        let w = kind!(comp(t, "service-containers"), Workload);
                        w.env.insert("DB_PASSWORD".into(), "hunter2".into());
                    },
                    "service-containers",
                    Error,
                ),
                fail(
                    |t| {
                        kind!(comp(t, "service-containers"), Workload).secrets_from = None;
                        disconnect(t, "service-containers-to-secrets-manager");
                    },
                    "service-containers",
                    Error,
                ),
                fail(
                    |t| {
                        comp(t, "payment-gateway")
                            .tags
                            .insert("api-key".into(), "sk_live_123".into());
                    },
                    "payment-gateway",
                    Error,
                ),
            ],
        },
        Case {
            rule: "SEC-010",
            passing: vec![unchanged],
            failing: vec![
                fail(
                    |t| {
                        kind!(comp(t, "document-storage"), ObjectStorage).public_access_blocked =
                            false
                    },
                    "document-storage",
                    Error,
                ),
                fail(
                    |t| kind!(comp(t, "document-storage"), ObjectStorage).versioning = false,
                    "document-storage",
                    Error,
                ),
                fail(
                    |t| kind!(comp(t, "backup-storage"), ObjectStorage).lifecycle = None,
                    "backup-storage",
                    Warning,
                ),
            ],
        },
        Case {
            rule: "HA-001",
            passing: vec![unchanged],
            failing: vec![
                fail(
                    |t| place(comp(t, "db-cluster"), 1, &["eu-central-a"]),
                    "db-cluster",
                    Error,
                ),
                fail(
                    |t| place(comp(t, "message-queue-cluster"), 3, &["eu-central-a"]),
                    "message-queue-cluster",
                    Error,
                ),
                fail(
                    |t| kind!(comp(t, "db-cluster"), Database).automatic_failover = false,
                    "db-cluster",
                    Error,
                ),
            ],
        },
        Case {
            rule: "HA-002",
            passing: vec![unchanged],
            failing: vec![
                fail(
                    |t| {
                        let c = comp(t, "web-app-containers");
                        place(c, 1, &["eu-central-a"]);
                        kind!(c, Workload).autoscaling = None;
                    },
                    "web-app-containers",
                    Error,
                ),
                fail(
                    |t| {
                        let w = kind!(comp(t, "service-containers"), Workload);
                        if let Some(a) = w.autoscaling.as_mut() {
                            a.min_replicas = 1;
                        }
                    },
                    "service-containers",
                    Error,
                ),
            ],
        },
        Case {
            rule: "HA-003",
            passing: vec![unchanged, |t| {
                // Two single gateways in two zones, in parallel: neither is a cut point.
                place(comp(t, "api-gateway"), 1, &["eu-central-a"]);
                let mut second = t
                    .components
                    .iter()
                    .find(|c| c.id == "api-gateway")
                    .cloned()
                    .expect("gateway");
                second.id = id("api-gateway-b");
                place(&mut second, 1, &["eu-central-b"]);
                t.components.push(second);
                connect(
                    t,
                    "load-balancer-to-api-gateway-b",
                    "load-balancer",
                    "api-gateway-b",
                    Protocol::Https,
                    ConnectionKind::Request,
                );
                connect(
                    t,
                    "api-gateway-b-to-service-containers",
                    "api-gateway-b",
                    "service-containers",
                    Protocol::Https,
                    ConnectionKind::Request,
                );
                conn(t, "api-gateway-b-to-service-containers").port = Some(8443);
            }],
            failing: vec![
                fail(
                    |t| place(comp(t, "api-gateway"), 1, &["eu-central-a"]),
                    "api-gateway",
                    Error,
                ),
                fail(
                    |t| place(comp(t, "cache-cluster"), 2, &["eu-central-b"]),
                    "cache-cluster",
                    Error,
                ),
            ],
        },
        Case {
            rule: "HA-004",
            passing: vec![unchanged],
            failing: vec![
                fail(
                    |t| place(comp(t, "nat-gateway"), 1, &["eu-central-a"]),
                    "nat-gateway",
                    Error,
                ),
                fail(
                    |t| place(comp(t, "api-gateway"), 2, &["eu-central-a", "eu-central-b"]),
                    "api-gateway",
                    Warning,
                ),
                fail(
                    |t| place(comp(t, "bastion-host"), 1, &["eu-central-a"]),
                    "bastion-host",
                    Warning,
                ),
            ],
        },
        Case {
            rule: "HA-005",
            passing: vec![unchanged, |t| {
                // 9 replicas of 55.6 rps: 6 left after a zone carry the 281 rps.
                let c = comp(t, "service-containers");
                c.capacity.concurrency_per_replica = 1;
                c.capacity.service_time.mean_ms = 18.0;
                c.capacity.replicas = 9;
            }],
            failing: vec![
                fail(
                    |t| {
                        // 6 replicas of 55.6 rps carry 281 rps, the 4 left after a zone do not.
                        let c = comp(t, "service-containers");
                        c.capacity.concurrency_per_replica = 1;
                        c.capacity.service_time.mean_ms = 18.0;
                    },
                    "service-containers",
                    Error,
                ),
                fail(
                    |t| {
                        // A request cycle is reported (and its load not looped over).
                        connect(
                            t,
                            "services-to-api-gateway",
                            "service-containers",
                            "api-gateway",
                            Protocol::Https,
                            ConnectionKind::Request,
                        );
                        conn(t, "services-to-api-gateway").traffic.calls_per_request = 0.1;
                    },
                    "api-gateway",
                    Warning,
                ),
            ],
        },
        Case {
            rule: "DR-001",
            passing: vec![unchanged],
            failing: vec![
                fail(
                    |t| kind!(comp(t, "db-cluster"), Database).backups = None,
                    "db-cluster",
                    Error,
                ),
                fail(
                    |t| {
                        let d = kind!(comp(t, "db-cluster"), Database);
                        if let Some(b) = d.backups.as_mut() {
                            b.point_in_time_recovery = false;
                        }
                    },
                    "db-cluster",
                    Error,
                ),
            ],
        },
        Case {
            rule: "DR-002",
            passing: vec![unchanged, |t| {
                // Without point-in-time recovery, hourly backups meet a 60-minute RPO.
                t.policies.rpo_min = Some(60.0);
                let d = kind!(comp(t, "db-cluster"), Database);
                if let Some(b) = d.backups.as_mut() {
                    b.point_in_time_recovery = false;
                    b.interval_hours = 1;
                }
            }],
            failing: vec![
                fail(
                    |t| {
                        let d = kind!(comp(t, "db-cluster"), Database);
                        if let Some(b) = d.backups.as_mut() {
                            b.point_in_time_recovery = false;
                        }
                    },
                    "db-cluster",
                    Error,
                ),
                fail(|t| t.policies.rpo_min = Some(1.0), "db-cluster", Error),
                fail(
                    |t| {
                        kind!(comp(t, "db-cluster"), Database).replication =
                            Replication::Asynchronous {
                                lag_ms: 1_800_000.0,
                            };
                    },
                    "db-cluster",
                    Error,
                ),
            ],
        },
        Case {
            rule: "DR-003",
            passing: vec![unchanged, |t| {
                t.policies.require_cross_region_backups = false
            }],
            failing: vec![
                fail(
                    |t| {
                        let d = kind!(comp(t, "db-cluster"), Database);
                        if let Some(b) = d.backups.as_mut() {
                            b.copy_to_region = None;
                        }
                    },
                    "db-cluster",
                    Error,
                ),
                fail(
                    |t| comp(t, "backup-storage").region = Some(id("eu-central")),
                    "backup-storage",
                    Error,
                ),
            ],
        },
        Case {
            rule: "DR-004",
            passing: vec![unchanged],
            failing: vec![
                fail(|t| t.policies.rto_min = None, "", Error),
                fail(|t| t.policies.rpo_min = None, "", Error),
            ],
        },
        Case {
            rule: "DR-005",
            passing: vec![unchanged],
            failing: vec![fail(
                |t| t.policies.rto_min = Some(1.0),
                "db-cluster",
                Error,
            )],
        },
        Case {
            rule: "OBS-001",
            passing: vec![unchanged, |t| {
                // A connection of the cluster counts for its members.
                for key in [
                    "web-app-containers-to-tracing",
                    "service-containers-to-tracing",
                ] {
                    disconnect(t, key);
                }
                connect(
                    t,
                    "app-cluster-to-tracing",
                    "app-cluster",
                    "tracing",
                    Protocol::Traces,
                    ConnectionKind::Observability,
                );
            }],
            failing: vec![fail(
                |t| disconnect(t, "web-app-containers-to-tracing"),
                "web-app-containers",
                Error,
            )],
        },
        Case {
            rule: "OBS-002",
            passing: vec![unchanged],
            failing: vec![fail(
                |t| disconnect(t, "metrics-collection-to-alerting"),
                "metrics-collection",
                Error,
            )],
        },
        Case {
            rule: "OBS-003",
            passing: vec![unchanged],
            failing: vec![
                fail(
                    |t| kind!(comp(t, "web-app-containers"), Workload).health_probes = false,
                    "web-app-containers",
                    Warning,
                ),
                fail(
                    |t| {
                        kind!(comp(t, "load-balancer"), LoadBalancer).health_check_path =
                            String::new()
                    },
                    "load-balancer",
                    Warning,
                ),
            ],
        },
        Case {
            rule: "OPS-001",
            passing: vec![unchanged],
            failing: vec![
                fail(
                    |t| kind!(comp(t, "message-queue-cluster"), Queue).dead_letter_queue = false,
                    "message-queue-cluster",
                    Error,
                ),
                fail(
                    |t| kind!(comp(t, "message-queue-cluster"), Queue).persistence = false,
                    "message-queue-cluster",
                    Error,
                ),
            ],
        },
        Case {
            rule: "OPS-002",
            passing: vec![unchanged],
            failing: vec![fail(
                |t| kind!(comp(t, "certificate-manager"), CertificateManager).auto_renewal = false,
                "certificate-manager",
                Error,
            )],
        },
        Case {
            rule: "OPS-003",
            passing: vec![unchanged],
            failing: vec![
                fail(
                    |t| kind!(comp(t, "secrets-manager"), SecretsManager).rotation_days = None,
                    "secrets-manager",
                    Error,
                ),
                fail(
                    |t| kind!(comp(t, "secrets-manager"), SecretsManager).rotation_days = Some(365),
                    "secrets-manager",
                    Warning,
                ),
            ],
        },
        Case {
            rule: "OPS-004",
            passing: vec![unchanged, |t| {
                t.waivers.push(Waiver {
                    rule: "SEC-004".into(),
                    element: id("db-cluster"),
                    justification: "a waiver of a known rule".into(),
                });
            }],
            failing: vec![fail(
                |t| {
                    t.waivers.push(Waiver {
                        rule: "SEC-999".into(),
                        element: id("db-cluster"),
                        justification: "a typo in the rule id".into(),
                    });
                },
                "db-cluster",
                Warning,
            )],
        },
    ]
}

#[test]
fn the_hardened_sample_has_no_finding_at_all() {
    let report = run(&hardened());
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

#[test]
fn every_rule_accepts_its_passing_fixtures() {
    for case in cases() {
        for (n, change) in case.passing.iter().enumerate() {
            let mut t = hardened();
            change(&mut t);
            let report = run(&t);
            let found: Vec<_> = report.of_rule(case.rule).collect();
            assert!(
                found.is_empty(),
                "{} passing fixture {n}: {found:#?}",
                case.rule
            );
        }
    }
}

#[test]
fn every_rule_reports_its_failing_fixtures() {
    for case in cases() {
        for (n, f) in case.failing.iter().enumerate() {
            let mut t = hardened();
            (f.mistake)(&mut t);
            let report = run(&t);
            let hit = report.of_rule(case.rule).find(|x| {
                x.severity == f.severity
                    && (f.element.is_empty() && x.elements.is_empty()
                        || x.elements.iter().any(|e| e == f.element))
            });
            assert!(
                hit.is_some(),
                "{} failing fixture {n}: no {} about {:?}; got {:#?}",
                case.rule,
                f.severity,
                f.element,
                report.findings
            );
            let hit = hit.expect("found");
            assert_eq!(
                hit.title,
                validate::rule(case.rule).expect("registered").title
            );
            assert!(!hit.message.is_empty() && !hit.fix.is_empty());
        }
    }
}

#[test]
fn every_registered_rule_has_a_passing_and_a_failing_case() {
    let cases = cases();
    let covered: BTreeSet<&str> = cases
        .iter()
        .filter(|c| !c.passing.is_empty() && !c.failing.is_empty())
        .map(|c| c.rule)
        .collect();
    let registered: BTreeSet<&str> = RULES.iter().map(|r| r.id).collect();
    assert_eq!(covered, registered);
    assert_eq!(cases.len(), RULES.len(), "one case per rule");
}

#[test]
fn rule_ids_are_unique_well_formed_and_in_order() {
    let ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len());
    for r in RULES {
        let (prefix, number) = r.id.split_once('-').expect("PREFIX-NNN");
        assert_eq!(prefix, r.family.prefix(), "{}", r.id);
        assert!(
            number.len() == 3 && number.bytes().all(|b| b.is_ascii_digit()),
            "{}",
            r.id
        );
        assert!(r.rationale.starts_with("Icarus: "), "{}", r.id);
        assert!(!r.title.is_empty() && !r.fix.is_empty(), "{}", r.id);
    }
}

#[test]
fn a_waiver_accepts_the_finding_for_its_element_only() {
    let mut t = hardened();
    for key in [
        "api-gateway-to-service-containers",
        "service-containers-to-db-cluster",
    ] {
        conn(&mut t, key).tls = false;
        if key.starts_with("api") {
            conn(&mut t, key).protocol = Protocol::Http;
        }
    }
    t.waivers.push(Waiver {
        rule: "SEC-004".into(),
        element: id("api-gateway-to-service-containers"),
        justification: "mutual TLS by the service mesh sidecars".into(),
    });
    let report = run(&t);
    let sec004: Vec<_> = report.of_rule("SEC-004").collect();
    assert_eq!(sec004.len(), 2, "{sec004:#?}");
    let waived: Vec<_> = sec004.iter().filter(|f| f.is_waived()).collect();
    assert_eq!(waived.len(), 1);
    assert_eq!(waived[0].elements[0], "api-gateway-to-service-containers");
    assert_eq!(
        waived[0].waiver.as_deref(),
        Some("mutual TLS by the service mesh sidecars")
    );
    assert!(report.has_unwaived_errors());
    let summary = report.summary();
    assert_eq!((summary.error, summary.waived), (1, 1));

    // Waiving the second one too leaves no unwaived error.
    t.waivers.push(Waiver {
        rule: "SEC-004".into(),
        element: id("db-cluster"),
        justification: "the database end is enough to name the finding".into(),
    });
    let report = run(&t);
    assert!(!report.has_unwaived_errors(), "{:#?}", report.findings);
    assert_eq!(report.summary().waived, 2);
}

#[test]
fn a_waiver_of_another_rule_does_not_apply() {
    let mut t = hardened();
    kind!(comp(&mut t, "db-cluster"), Database).encryption_at_rest = false;
    t.waivers.push(Waiver {
        rule: "SEC-004".into(),
        element: id("db-cluster"),
        justification: "wrong rule".into(),
    });
    let report = run(&t);
    assert!(report.of_rule("SEC-008").all(|f| !f.is_waived()));
    assert!(report.has_unwaived_errors());
}

#[test]
fn findings_are_sorted_and_deterministic() {
    let t = io::parse(include_str!("../sample-topologies/flawed.ron")).expect("parse");
    let a = run(&t);
    let b = run(&t);
    assert_eq!(a, b);
    for pair in a.findings.windows(2) {
        assert!(
            pair[0].report_order(&pair[1]).is_le(),
            "out of order: {:?} before {:?}",
            pair[0],
            pair[1]
        );
    }
    let severities: Vec<Severity> = a.findings.iter().map(|f| f.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort_by(|x, y| y.cmp(x));
    assert_eq!(severities, sorted, "most severe first");
}

#[test]
fn validate_with_runs_only_the_given_rules() {
    let t = io::parse(include_str!("../sample-topologies/flawed.ron")).expect("parse");
    let only = [*validate::rule("SEC-001").expect("registered")];
    let report = validate::validate_with(&t, &only);
    assert!(!report.findings.is_empty());
    assert!(report.findings.iter().all(|f| f.rule == "SEC-001"));
}
