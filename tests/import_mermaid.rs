//! Importing Mermaid: the Icarus document gives the Icarus sample's elements; each construct
//! maps as documented; broken text gets positions; imports pass `daedalus check`.

use std::collections::BTreeSet;

use daedalus::import::mermaid::{self, ImportError, NoteKind, Options};
use daedalus::io;
use daedalus::model::*;

const ICARUS_DOC: &str = include_str!("fixtures/icarus-infrastructure.md");
const ICARUS: &str = include_str!("../sample-topologies/icarus-platform.ron");

fn import(text: &str) -> mermaid::Imported {
    match mermaid::import(text, &Options::default()) {
        Ok(i) => i,
        Err(e) => panic!("{e}\n{text}"),
    }
}

fn container_class(k: &ContainerKind) -> String {
    match k {
        ContainerKind::Vpc(v) => format!("vpc:{}", v.environment),
        ContainerKind::Subnet(s) => format!("subnet:{:?}", s.tier),
        ContainerKind::KubernetesCluster(_) => "cluster".into(),
        ContainerKind::Group(g) => format!("group:{:?}", g.purpose),
    }
}

fn structure(t: &Topology) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let components = t
        .components
        .iter()
        .map(|c| {
            format!(
                "{} {:?} in {:?}",
                c.id,
                c.kind.tag(),
                c.container.as_ref().map(Id::as_str)
            )
        })
        .collect();
    let containers = t
        .containers
        .iter()
        .map(|c| {
            format!(
                "{} {} in {:?}",
                c.id,
                container_class(&c.kind),
                c.parent.as_ref().map(Id::as_str)
            )
        })
        .collect();
    let connections = t
        .connections
        .iter()
        .map(|c| {
            format!(
                "{} -> {} {:?} tls={} {:?} {:?}",
                c.from, c.to, c.protocol, c.tls, c.kind, c.label
            )
        })
        .collect();
    (components, containers, connections)
}

fn assert_consistent(t: &Topology) {
    let text = io::to_string(t).expect("serialize");
    let parsed = io::parse(&text).expect("the import is a valid file");
    let problems = io::check(&parsed, &text);
    assert!(
        problems.is_empty(),
        "daedalus check would fail: {problems:#?}"
    );
}

#[test]
fn the_icarus_document_gives_the_icarus_sample() {
    let imported = import(ICARUS_DOC);
    let sample = io::parse(ICARUS).expect("sample");
    let (c1, k1, e1) = structure(&imported.topology);
    let (c2, k2, e2) = structure(&sample);
    assert_eq!(c1, c2, "components");
    assert_eq!(k1, k2, "containers");
    assert_eq!(e1, e2, "connections");
    assert_consistent(&imported.topology);
    assert!(
        !layout_is_incomplete(&imported.topology),
        "every element is laid out"
    );
    // Names keep the document's text, mojibake included.
    let internet = imported.topology.container("internet").expect("internet");
    assert!(
        internet.name.ends_with("üåê Internet"),
        "{:?}",
        internet.name
    );
    let db = imported.topology.component("db-cluster").expect("db");
    assert_eq!(
        (db.name.as_str(), db.description.as_str()),
        ("Database Cluster", "PostgreSQL, Primary + Replicas")
    );
}

fn layout_is_incomplete(t: &Topology) -> bool {
    daedalus::layout::is_incomplete(t, &t.layout)
}

#[test]
fn guesses_are_reported_and_unknown_nodes_are_generic() {
    let text = "graph TB\n  subgraph Ext[External Services]\n    Thing[Mystery box]\n  end\n  Weird[Flux capacitor]\n  App[Web App] -->|carrier pigeon| Weird\n";
    let imported = import(text);
    let t = &imported.topology;
    let thing = t.component("thing").expect("thing");
    assert_eq!(
        thing.kind.tag(),
        KindTag::ExternalApi,
        "guessed from its group"
    );
    assert_eq!(
        t.component("weird").map(|c| c.kind.tag()),
        Some(KindTag::Generic)
    );
    let kinds: Vec<(NoteKind, usize)> = imported
        .notes
        .iter()
        .map(|n| (n.kind, n.pos.line))
        .collect();
    assert!(
        kinds.contains(&(NoteKind::Guessed, 3)),
        "{:#?}",
        imported.notes
    );
    assert!(
        kinds.contains(&(NoteKind::Unknown, 5)),
        "{:#?}",
        imported.notes
    );
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.message.contains("carrier pigeon")),
        "{:#?}",
        imported.notes
    );
    assert_eq!(t.connections[0].protocol, Protocol::Https);
    assert!(imported.notes[0].render("x.md").starts_with("x.md:3:"));
    assert_consistent(t);
}

#[test]
fn edges_to_and_from_subgraphs_are_edges_of_containers() {
    let t = import("graph LR\nsubgraph Edge[CDN / Edge]\n  S[Static Assets]\nend\nsubgraph Pub[Public Subnet]\nend\nU[Users] --> Edge\nEdge --> LB[Load Balancer]").topology;
    let ends: Vec<(String, String)> = t
        .connections
        .iter()
        .map(|c| (c.from.to_string(), c.to.to_string()))
        .collect();
    assert_eq!(
        ends,
        [
            ("u".to_owned(), "edge".to_owned()),
            ("edge".to_owned(), "lb".to_owned())
        ]
    );
    assert!(t.container("edge").is_some() && t.component("edge").is_none());
    // A subnet outside any VPC cannot be a subnet: it becomes a group, and the report says so.
    assert!(matches!(
        t.container("pub").map(|c| &c.kind),
        Some(ContainerKind::Group(_))
    ));
}

#[test]
fn dotted_edges_are_observability_and_labels_make_protocols() {
    let t = import(
        "flowchart TB\nS[Service Pods] -.->|Logs| L[Log Aggregation]\nS -->|SQL| D[(Orders)]\nS -- Redis Protocol --> C[Redis]\nS ==>|AMQP| Q[RabbitMQ]\nS -->|HTTP| W[Web App]\nA[Admins] -->|SSH| B[Bastion]\nS -->|Retrieve Secrets| V[Vault]",
    )
    .topology;
    let by_to = |to: &str| {
        t.connections
            .iter()
            .find(|c| c.to == to)
            .map(|c| (c.protocol, c.kind, c.tls))
            .expect(to)
    };
    assert_eq!(
        by_to("l"),
        (Protocol::Logs, ConnectionKind::Observability, true)
    );
    assert_eq!(
        by_to("d"),
        (Protocol::Postgresql, ConnectionKind::Request, true)
    );
    assert_eq!(
        t.component("d").map(|c| c.kind.tag()),
        Some(KindTag::Database),
        "cylinder shape"
    );
    assert_eq!(by_to("c"), (Protocol::Redis, ConnectionKind::Request, true));
    assert_eq!(by_to("q"), (Protocol::Amqp, ConnectionKind::Async, true));
    assert_eq!(by_to("w"), (Protocol::Http, ConnectionKind::Request, false));
    assert_eq!(by_to("b"), (Protocol::Ssh, ConnectionKind::Admin, true));
    assert_eq!(by_to("v"), (Protocol::Https, ConnectionKind::Control, true));
    assert_consistent(&t);
}

#[test]
fn chains_ampersands_and_two_way_links() {
    let t = import("graph TB\nA[Users] & B[Admins] --> LB[Load Balancer] --> W[Web App Pods]\nW <--> C[Redis cache]").topology;
    let ends: BTreeSet<(String, String)> = t
        .connections
        .iter()
        .map(|c| (c.from.to_string(), c.to.to_string()))
        .collect();
    let want: BTreeSet<(String, String)> = [
        ("a", "lb"),
        ("b", "lb"),
        ("lb", "w"),
        ("w", "c"),
        ("c", "w"),
    ]
    .iter()
    .map(|(x, y)| (x.to_string(), y.to_string()))
    .collect();
    assert_eq!(ends, want);
}

#[test]
fn vpcs_get_environments_cidrs_and_subnets_their_zones() {
    let t = import(
        "graph TB\nsubgraph P[VPC - Production]\n subgraph D[Private Subnet - Database]\n  DB[(PostgreSQL)]\n end\nend\nsubgraph Q[VPC - Development]\n X[Dev Cluster - Kubernetes]\nend",
    )
    .topology;
    let envs: Vec<&str> = t.environments.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(envs, ["prod", "dev"]);
    let Some(ContainerKind::Vpc(p)) = t.container("p").map(|c| &c.kind) else {
        panic!("vpc")
    };
    let Some(ContainerKind::Vpc(q)) = t.container("q").map(|c| &c.kind) else {
        panic!("vpc")
    };
    assert_ne!(p.cidr, q.cidr);
    let Some(ContainerKind::Subnet(s)) = t.container("d").map(|c| &c.kind) else {
        panic!("subnet")
    };
    assert_eq!((s.tier.clone(), s.zones.len()), (Tier::PrivateData, 3));
    let db = t.component("db").expect("db");
    assert!(
        db.capacity.is_multi_zone(),
        "spread over the subnet's zones"
    );
    assert_consistent(&t);
}

#[test]
fn styles_and_classes_are_kept_as_tags() {
    let t =
        import("graph TB\nsubgraph V[VPC]\n A[API Pods]\nend\nstyle V fill:#e8f5e9\nclass A hot")
            .topology;
    assert_eq!(
        t.container("v")
            .and_then(|c| c.tags.get("mermaid-style"))
            .map(String::as_str),
        Some("fill:#e8f5e9")
    );
    assert_eq!(
        t.component("a")
            .and_then(|c| c.tags.get("mermaid-class"))
            .map(String::as_str),
        Some("hot")
    );
}

#[test]
fn markdown_documents_with_several_diagrams() {
    let doc = "# Doc\n```mermaid\nsequenceDiagram\n A->>B: hi\n```\n\n```mermaid\ngraph TB\n U[Users] --> W[Web App]\n```\n\n```mermaid\nflowchart LR\n W[Web App] --> D[(DB)]\n```\n";
    let all = import(doc);
    assert_eq!(
        all.topology.components.len(),
        3,
        "every flowchart is read, shared nodes merged"
    );
    assert!(
        all.notes
            .iter()
            .any(|n| n.message.contains("diagram 1 is not a flowchart"))
    );
    let one = mermaid::import(doc, &Options { diagram: Some(3) }).expect("diagram 3");
    assert_eq!(one.topology.components.len(), 2);
    assert!(matches!(
        mermaid::import(doc, &Options { diagram: Some(9) }),
        Err(ImportError::NoSuchDiagram { asked: 9, count: 3 })
    ));
    assert!(matches!(
        mermaid::import("# no diagrams here\n\ntext", &Options::default()),
        Err(ImportError::Syntax { .. })
    ));
}

#[test]
fn broken_text_gets_file_positions() {
    let cases = [
        (
            "intro\n\n```mermaid\ngraph TB\n  subgraph S[Open]\n    A --> B\n```\n",
            (5, 3),
            "not closed",
        ),
        (
            "```mermaid\ngraph TB\n  A --> \n```\n",
            (3, 5),
            "needs a node",
        ),
        (
            "```mermaid\ngraph TB\n  A[unclosed --> B\n```\n",
            (3, 4),
            "unclosed",
        ),
        (
            "```mermaid\ngraph TB\n  A --> B\n  end\n```\n",
            (4, 3),
            "without a `subgraph`",
        ),
        ("intro\n```mermaid\ngraph TB\n", (2, 1), "never closed"),
    ];
    for (text, (line, column), fragment) in cases {
        let Err(e) = mermaid::import(text, &Options::default()) else {
            panic!("imported {text:?}")
        };
        assert_eq!(
            (e.pos().line, e.pos().column),
            (line, column),
            "{e} for {text:?}"
        );
        assert!(e.to_string().contains(fragment), "{e}");
    }
}

fn round_trip_structure(t: &Topology) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    let (components, containers, _) = structure(t);
    let connections = t
        .connections
        .iter()
        .map(|c| {
            format!(
                "{} -> {} {:?} tls={} {:?} port={:?}",
                c.from, c.to, c.protocol, c.tls, c.kind, c.port
            )
        })
        .collect();
    (components, containers, connections)
}

#[test]
fn exporting_to_mermaid_and_importing_again_gives_the_same_structure() {
    for name in [
        "icarus-platform.ron",
        "icarus-platform-hardened.ron",
        "three-tier.ron",
        "flawed.ron",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("sample-topologies")
            .join(name);
        let original = io::load(&path).expect("load").topology;
        let text = daedalus::diagram::mermaid::to_mermaid(&original);
        let back = import(&text);
        assert_eq!(
            round_trip_structure(&back.topology),
            round_trip_structure(&original),
            "{name}:\n{text}"
        );
        let names: BTreeSet<(String, String)> = original
            .components
            .iter()
            .map(|c| (c.id.to_string(), c.name.clone()))
            .collect();
        let names_back: BTreeSet<(String, String)> = back
            .topology
            .components
            .iter()
            .map(|c| (c.id.to_string(), c.name.clone()))
            .collect();
        assert_eq!(names, names_back, "{name}: names");
        assert!(
            back.notes.iter().all(|n| n.kind != NoteKind::Unknown),
            "{name}: {:#?}",
            back.notes
        );
    }
}

#[test]
fn the_mermaid_export_is_plain_mermaid() {
    let t = io::parse(ICARUS).expect("sample");
    let text = daedalus::diagram::mermaid::to_mermaid(&t);
    assert!(text.lines().nth(1) == Some("graph TB"));
    assert!(
        text.contains("    subgraph vpc[\"VPC - Production\"]"),
        "{text}"
    );
    assert!(
        text.contains("db_cluster[(\"Database Cluster<br/>PostgreSQL, Primary + Replicas\")]"),
        "{text}"
    );
    assert!(
        text.contains("service_containers -.->|Logs| log_aggregation"),
        "{text}"
    );
    assert!(
        text.contains("api_gateway -->|HTTP| service_containers"),
        "{text}"
    );
    // Without the Daedalus comments it still imports, by keywords alone.
    let plain: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("%% daedalus"))
        .map(|l| format!("{l}\n"))
        .collect();
    let back = import(&plain);
    assert_eq!(back.topology.components.len(), t.components.len());
    assert_eq!(back.topology.connections.len(), t.connections.len());
}

#[test]
fn docs_list_every_keyword_of_the_tables() {
    let doc = include_str!("../docs/mermaid.md");
    use daedalus::import::mermaid::keywords as k;
    let mut missing = Vec::new();
    let mut check = |w: &str| {
        if !doc.contains(&format!("`{w}`")) {
            missing.push(w.to_owned());
        }
    };
    k::KINDS
        .iter()
        .flat_map(|(_, ws)| ws.iter())
        .for_each(|w| check(w));
    k::CONTAINERS
        .iter()
        .flat_map(|(_, ws)| ws.iter())
        .for_each(|w| check(w));
    k::TIERS
        .iter()
        .flat_map(|(_, ws)| ws.iter())
        .for_each(|w| check(w));
    k::ENVIRONMENTS
        .iter()
        .flat_map(|(_, _, ws)| ws.iter())
        .for_each(|w| check(w));
    k::PROTOCOLS
        .iter()
        .flat_map(|(_, ws)| ws.iter())
        .for_each(|w| check(w));
    assert!(missing.is_empty(), "not in docs/mermaid.md: {missing:?}");
}

#[test]
fn what_the_model_cannot_hold_is_reported_not_imported_broken() {
    let text = "graph TB\nA[Web App] --> B[(DB)]\nA --> B\nA --> A\nsubgraph V1[VPC one]\n  subgraph V2[VPC two]\n    C[Cache]\n  end\nend\n";
    let imported = import(text);
    let t = &imported.topology;
    assert_consistent(t);
    assert_eq!(
        t.connections.len(),
        1,
        "the duplicate and the self-loop are not connections"
    );
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.message.contains("duplicate")),
        "{:#?}",
        imported.notes
    );
    assert!(
        imported.notes.iter().any(|n| n.message.contains("itself")),
        "{:#?}",
        imported.notes
    );
    assert!(
        matches!(
            t.container("v2").map(|c| &c.kind),
            Some(ContainerKind::Group(_))
        ),
        "no VPC inside a VPC"
    );
}
