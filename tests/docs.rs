//! `docs/file-format.md` documents every field and every variant the file format can contain.

use std::collections::BTreeSet;

use daedalus::io;
use daedalus::model::*;

const DOC: &str = include_str!("../docs/file-format.md");

fn id(s: &str) -> Id {
    Id::new(s).expect("valid id")
}

/// A topology that uses every field and every kind, with optional values set.
fn kitchen_sink() -> Topology {
    let mut t = Topology::new("everything");
    t.description = "all fields".into();
    t.providers = Provider::ALL.to_vec();
    t.regions.push(Region {
        id: id("r"),
        name: "R".into(),
        provider_names: Provider::ALL.iter().map(|p| (*p, "x".to_owned())).collect(),
        zones: vec![id("r-a"), id("r-b")],
    });
    for (i, stage) in [
        Stage::Production,
        Stage::Staging,
        Stage::Development,
        Stage::Test,
    ]
    .into_iter()
    .enumerate()
    {
        t.environments.push(Environment {
            id: id(&format!("e{i}")),
            name: "E".into(),
            stage,
        });
    }
    t.policies.rto_min = Some(1.0);
    t.policies.rpo_min = Some(1.0);
    t.policies.availability_slo_percent = Some(99.9);
    t.policies.latency_slo = Some(LatencySlo {
        percentile: 99.0,
        threshold_ms: 100.0,
    });
    let tiers = [
        Tier::Public,
        Tier::PrivateApp,
        Tier::PrivateData,
        Tier::PrivateMessaging,
        Tier::Custom(CustomTier {
            name: "dmz".into(),
            public: true,
        }),
    ];
    let purposes = [
        GroupPurpose::Internet,
        GroupPurpose::Edge,
        GroupPurpose::Cloud,
        GroupPurpose::ExternalServices,
        GroupPurpose::Monitoring,
        GroupPurpose::Security,
        GroupPurpose::ObjectStorage,
        GroupPurpose::Other,
    ];
    let mut kinds = vec![ContainerKind::Vpc(VpcProps {
        environment: id("e0"),
        region: id("r"),
        cidr: "10.0.0.0/16".into(),
        dns_hostnames: true,
        flow_logs: true,
    })];
    kinds.extend(tiers.into_iter().map(|tier| {
        ContainerKind::Subnet(SubnetProps {
            tier,
            zones: vec![id("r-a")],
            cidr: Some("10.0.0.0/24".into()),
        })
    }));
    kinds.push(ContainerKind::KubernetesCluster(
        KubernetesClusterProps::default(),
    ));
    kinds.extend(purposes.into_iter().map(|purpose| {
        ContainerKind::Group(GroupProps {
            purpose,
            region: Some(id("r")),
            environment: Some(id("e0")),
        })
    }));
    for (i, kind) in kinds.into_iter().enumerate() {
        t.containers.push(Container {
            id: id(&format!("k{i}")),
            name: "K".into(),
            kind,
            parent: Some(id("k0")),
            description: "d".into(),
            tags: [("a".to_owned(), "b".to_owned())].into(),
        });
    }
    for (i, tag) in KindTag::ALL.into_iter().enumerate() {
        let mut c = Component::new(id(&format!("c{i}")), "C", tag.default_kind());
        c.container = Some(id("k1"));
        c.region = Some(id("r"));
        c.managed = true;
        c.description = "d".into();
        c.tags.insert("k".into(), "v".into());
        c.capacity.call_mode = CallMode::Blocking;
        c.capacity.failover.promotion_time_s = 5.0;
        c.capacity.reliability = Some(Reliability {
            mtbf_hours: 100.0,
            mttr_hours: 1.0,
            common_cause_ratio: 0.1,
        });
        c.capacity.service_time.distribution = match i % 3 {
            0 => Distribution::Exponential,
            1 => Distribution::Constant,
            _ => Distribution::LogNormal { sigma: 0.5 },
        };
        match &mut c.kind {
            ComponentKind::Workload(w) => {
                w.cluster = Some(id("c9"));
                w.secrets_from = Some(id("c15"));
                w.env.insert("A".into(), "b".into());
                w.role = WorkloadRole::Worker;
            }
            ComponentKind::Database(d) => {
                d.replication = Replication::Asynchronous { lag_ms: 100.0 };
                if let Some(b) = &mut d.backups {
                    b.copy_to_region = Some(id("r"));
                }
                d.engine = DatabaseEngine::Mysql;
            }
            ComponentKind::ObjectStorage(o) => {
                o.replicate_to_region = Some(id("r"));
                o.lifecycle = Some(Lifecycle {
                    archive_after_days: Some(1),
                    expire_after_days: Some(2),
                });
            }
            ComponentKind::Bastion(b) => b.allowed_cidrs.push("10.0.0.0/8".into()),
            ComponentKind::CertificateManager(c) => c.domains.push("x.example".into()),
            ComponentKind::ExternalApi(e) => e.sla_percent = Some(99.0),
            ComponentKind::EmailService(e) => e.sla_percent = Some(99.0),
            ComponentKind::Cache(c) => c.persistence = CachePersistence::AppendOnly,
            ComponentKind::LoadBalancer(l) => l.layer = LoadBalancerLayer::Network,
            _ => {}
        }
        t.components.push(c);
    }
    for (i, protocol) in Protocol::ALL.into_iter().enumerate() {
        let kind = [
            ConnectionKind::Request,
            ConnectionKind::Async,
            ConnectionKind::Observability,
            ConnectionKind::Admin,
            ConnectionKind::Control,
        ][i % 5];
        t.connections.push(Connection {
            id: id(&format!("n{i}")),
            from: id("c0"),
            to: id("c1"),
            protocol,
            port: Some(1000),
            tls: true,
            kind,
            label: "l".into(),
            traffic: Traffic {
                calls_per_request: 0.5,
                on_miss_of: Some(id("c12")),
                timeout_ms: Some(10.0),
                retries: 1,
            },
        });
    }
    t.zone_reliability = Some(Reliability {
        mtbf_hours: 4383.0,
        mttr_hours: 4.0,
        common_cause_ratio: 0.0,
    });
    let profiles = [
        LoadProfile::Constant,
        LoadProfile::Ramp {
            from_factor: 1.0,
            to_factor: 2.0,
            start_s: 1.0,
            end_s: 2.0,
        },
        LoadProfile::Step {
            at_s: 1.0,
            factor: 2.0,
        },
        LoadProfile::Spike {
            at_s: 1.0,
            duration_s: 1.0,
            factor: 2.0,
        },
        LoadProfile::Diurnal {
            period_s: 86400.0,
            trough_factor: 0.5,
            peak_factor: 1.0,
            peak_at_s: 0.0,
        },
    ];
    t.scenarios.push(Scenario {
        id: id("s"),
        description: "d".into(),
        duration_s: Some(60.0),
        load: profiles
            .into_iter()
            .map(|profile| ActorLoad {
                actor: Some(id("c0")),
                rate_rps: Some(10.0),
                profile,
            })
            .collect(),
        faults: vec![
            Fault {
                at_s: 1.0,
                duration_s: Some(1.0),
                fault: FaultKind::ComponentDown {
                    component: id("c1"),
                    replicas: Some(1),
                },
            },
            Fault {
                at_s: 1.0,
                duration_s: None,
                fault: FaultKind::ZoneDown { zone: id("r-a") },
            },
            Fault {
                at_s: 1.0,
                duration_s: None,
                fault: FaultKind::RegionDown { region: id("r") },
            },
            Fault {
                at_s: 1.0,
                duration_s: None,
                fault: FaultKind::SlowComponent {
                    component: id("c1"),
                    added_ms: 5.0,
                },
            },
        ],
    });
    t.layout.elements.insert(
        id("c0"),
        Rect {
            x: 0.0,
            y: 0.0,
            w: 1.0,
            h: 1.0,
        },
    );
    t
}

/// Field names (`word:`) and capitalised identifiers (kinds, variants) of a RON text.
fn words(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut in_string = false;
    let mut prev = '\0';
    let mut word = String::new();
    for c in text.chars().chain([' ']) {
        if c == '"' && prev != '\\' {
            in_string = !in_string;
        }
        if !in_string && (c.is_alphanumeric() || c == '_') {
            word.push(c);
        } else {
            let is_field = c == ':' && word.chars().next().is_some_and(|f| f.is_lowercase());
            let is_variant = word.chars().next().is_some_and(|f| f.is_uppercase());
            if (is_field || is_variant) && !word.is_empty() {
                out.insert(std::mem::take(&mut word));
            }
            word.clear();
        }
        prev = c;
    }
    out
}

#[test]
fn every_field_and_variant_is_documented() {
    let text = io::to_string(&kitchen_sink()).expect("serialize");
    let mut missing: Vec<String> = words(&text)
        .into_iter()
        .filter(|w| !matches!(w.as_str(), "None"))
        .filter(|w| {
            !DOC.contains(&format!("`{w}`"))
                && !DOC.contains(&format!("`{w}("))
                && !DOC.contains(&format!("{w}:"))
        })
        .collect();
    missing.sort();
    assert!(
        missing.is_empty(),
        "not documented in docs/file-format.md: {missing:?}"
    );
}

#[test]
fn the_kitchen_sink_round_trips() {
    let t = kitchen_sink();
    let text = io::to_string(&t).expect("serialize");
    assert_eq!(io::parse(&text).expect("parse"), t);
}
