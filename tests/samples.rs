//! The samples load cleanly, are canonical, and the Icarus sample is faithful to its document.

use std::collections::BTreeSet;
use std::path::PathBuf;

use daedalus::io;
use daedalus::model::*;

fn sample_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample-topologies")
        .join(name)
}

fn load(name: &str) -> io::Loaded {
    match io::load(&sample_path(name)) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    }
}

const SAMPLES: [&str; 4] = [
    "icarus-platform.ron",
    "icarus-platform-hardened.ron",
    "three-tier.ron",
    "flawed.ron",
];

#[test]
fn every_sample_is_consistent_and_canonical() {
    for name in SAMPLES {
        let loaded = load(name);
        let diagnostics = io::check(&loaded.topology, &loaded.source);
        assert!(diagnostics.is_empty(), "{name}: {diagnostics:?}");
        let text = io::to_string(&loaded.topology).expect("serialize");
        assert!(
            text == loaded.source,
            "{name}: load then save is not byte-identical"
        );
        let again = io::parse(&text).expect("reparse");
        assert_eq!(
            again, loaded.topology,
            "{name}: model changed through a round trip"
        );
    }
}

#[test]
fn every_sample_has_a_layout_for_every_element() {
    for name in SAMPLES {
        let t = load(name).topology;
        let drawn: BTreeSet<&str> = t
            .components
            .iter()
            .map(|c| c.id.as_str())
            .chain(t.containers.iter().map(|c| c.id.as_str()))
            .collect();
        let laid_out: BTreeSet<&str> = t.layout.elements.keys().map(Id::as_str).collect();
        assert_eq!(drawn, laid_out, "{name}");
    }
}

#[test]
fn layout_nests_members_inside_their_containers() {
    for name in SAMPLES {
        let t = load(name).topology;
        let rect = |id: &Id| t.layout.elements.get(id).copied().expect("laid out");
        for c in &t.components {
            if let Some(parent) = &c.container {
                assert!(
                    rect(parent).contains(&rect(&c.id)),
                    "{name}: {} outside {parent}",
                    c.id
                );
            }
        }
        for c in &t.containers {
            if let Some(parent) = &c.parent {
                assert!(
                    rect(parent).contains(&rect(&c.id)),
                    "{name}: {} outside {parent}",
                    c.id
                );
            }
        }
    }
}

/// Nodes, subgraphs and edges of the Mermaid diagram in the Icarus document, read with just
/// enough parsing for this comparison (the real importer is its own feature).
struct Diagram {
    nodes: BTreeSet<String>,
    subgraphs: BTreeSet<String>,
    edges: BTreeSet<(String, String, String, bool)>,
}

fn slug(mermaid_id: &str) -> String {
    Id::slugify(mermaid_id).map(String::from).expect("slug")
}

fn read_diagram() -> Diagram {
    let doc = include_str!("fixtures/icarus-infrastructure.md");
    let start = doc.find("```mermaid").expect("mermaid fence");
    let body = &doc[start + 10..];
    let body = &body[..body.find("```").expect("closing fence")];
    let mut d = Diagram {
        nodes: BTreeSet::new(),
        subgraphs: BTreeSet::new(),
        edges: BTreeSet::new(),
    };
    for line in body.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("subgraph ") {
            let id = rest.split('[').next().expect("id");
            d.subgraphs.insert(slug(id));
        } else if let Some((from, rest)) = line
            .split_once(" -->|")
            .or_else(|| line.split_once(" -.->|"))
        {
            let dotted = line.contains("-.->");
            let (label, to) = rest.split_once("| ").expect("edge label");
            d.edges
                .insert((slug(from), slug(to), label.to_owned(), dotted));
        } else if let Some(i) = line.find('[')
            && !line.starts_with("style")
            && !line.starts_with("graph")
        {
            d.nodes.insert(slug(&line[..i]));
        }
    }
    d
}

#[test]
fn icarus_sample_has_every_node_group_and_edge_of_the_diagram() {
    let t = load("icarus-platform.ron").topology;
    let d = read_diagram();
    assert_eq!(
        (d.nodes.len(), d.subgraphs.len(), d.edges.len()),
        (25, 14, 23)
    );

    let components: BTreeSet<String> = t.components.iter().map(|c| c.id.to_string()).collect();
    let containers: BTreeSet<String> = t.containers.iter().map(|c| c.id.to_string()).collect();
    assert_eq!(components, d.nodes);
    assert_eq!(containers, d.subgraphs);

    let edges: BTreeSet<(String, String, String, bool)> = t
        .connections
        .iter()
        .map(|c| {
            (
                c.from.to_string(),
                c.to.to_string(),
                c.label.clone(),
                c.kind == ConnectionKind::Observability,
            )
        })
        .collect();
    // The dotted edges are the observability ones, plus metrics → alerting, which the document
    // draws solid but which carries alerts, not requests.
    let mut expected = d.edges.clone();
    let alerts = (
        "metrics-collection".to_owned(),
        "alerting".to_owned(),
        "Alerts".to_owned(),
        false,
    );
    assert!(expected.remove(&alerts));
    expected.insert((alerts.0, alerts.1, alerts.2, true));
    assert_eq!(edges, expected);
}

#[test]
fn icarus_sample_keeps_the_nesting_and_the_protocols_of_the_diagram() {
    let t = load("icarus-platform.ron").topology;
    let parent = |id: &str| {
        t.container(id)
            .and_then(|c| c.parent.as_ref())
            .map(Id::as_str)
    };
    let placed = |id: &str| {
        t.component(id)
            .and_then(|c| c.container.as_ref())
            .map(Id::as_str)
    };
    assert_eq!(parent("vpc"), Some("cloud-provider"));
    assert_eq!(parent("vpc-dev"), Some("cloud-provider"));
    assert_eq!(parent("app-cluster"), Some("private-subnet"));
    assert_eq!(placed("web-app-containers"), Some("app-cluster"));
    assert_eq!(placed("db-cluster"), Some("private-subnet-db"));
    assert_eq!(placed("cache-cluster"), Some("private-subnet-db"));
    assert_eq!(
        placed("message-queue-cluster"),
        Some("private-subnet-queue")
    );
    assert_eq!(placed("dev-db"), Some("vpc-dev"));

    let protocol = |id: &str| t.connection(id).map(|c| (c.protocol, c.tls));
    // The diagram's plaintext hop is kept, for the validator to point at.
    assert_eq!(
        protocol("api-gateway-to-service-containers"),
        Some((Protocol::Http, false))
    );
    assert_eq!(
        protocol("service-containers-to-db-cluster"),
        Some((Protocol::Postgresql, true))
    );
    assert_eq!(
        protocol("service-containers-to-cache-cluster"),
        Some((Protocol::Redis, true))
    );
    assert_eq!(
        protocol("service-containers-to-message-queue-cluster"),
        Some((Protocol::Amqp, true))
    );
    assert_eq!(
        protocol("bastion-host-to-app-cluster"),
        Some((Protocol::Ssh, true))
    );
    assert_eq!(
        protocol("service-containers-to-identity-provider"),
        Some((Protocol::OAuthSaml, true))
    );
    // Edges to and from subgraphs stay edges to and from containers.
    assert_eq!(
        t.connection("users-to-cdn").map(|c| c.to.as_str()),
        Some("cdn")
    );
    assert!(t.container("cdn").is_some() && t.container("app-cluster").is_some());
}

#[test]
fn icarus_sample_carries_the_properties_its_text_states() {
    let t = load("icarus-platform.ron").topology;
    let Some(db) = t.component("db-cluster") else {
        panic!("db-cluster")
    };
    let ComponentKind::Database(p) = &db.kind else {
        panic!("db-cluster is not a database")
    };
    assert_eq!(p.engine, DatabaseEngine::Postgresql);
    assert!(
        db.capacity.replicas >= 3 && db.capacity.is_multi_zone(),
        "primary + replicas, multi-AZ"
    );
    assert!(p.automatic_failover && p.encryption_at_rest && p.replicas_serve_reads);
    let Some(b) = &p.backups else {
        panic!("automated backups")
    };
    assert!(b.point_in_time_recovery);
    assert_eq!(
        b.copy_to_region.as_ref().map(Id::as_str),
        Some("eu-west"),
        "backups in a separate region"
    );

    let Some(ComponentKind::Bastion(bastion)) = t.component("bastion-host").map(|c| &c.kind) else {
        panic!()
    };
    assert!(bastion.mfa && bastion.audit_log && bastion.session_timeout_min.is_some());

    let Some(ComponentKind::Cache(cache)) = t.component("cache-cluster").map(|c| &c.kind) else {
        panic!()
    };
    assert!(cache.encryption_in_transit && cache.automatic_failover);

    let Some(ComponentKind::Queue(q)) = t.component("message-queue-cluster").map(|c| &c.kind)
    else {
        panic!()
    };
    assert!(q.persistence && q.dead_letter_queue);

    for bucket in ["document-storage", "backup-storage"] {
        let Some(ComponentKind::ObjectStorage(o)) = t.component(bucket).map(|c| &c.kind) else {
            panic!()
        };
        assert!(o.versioning && o.lifecycle.is_some(), "{bucket}");
    }
    let Some(ComponentKind::SecretsManager(s)) = t.component("secrets-manager").map(|c| &c.kind)
    else {
        panic!()
    };
    assert!(s.rotation_days.is_some(), "automatic secret rotation");
    let Some(ComponentKind::CertificateManager(c)) =
        t.component("certificate-manager").map(|c| &c.kind)
    else {
        panic!()
    };
    assert!(c.auto_renewal);

    let envs: Vec<&str> = t.environments.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        envs,
        ["prod", "dev"],
        "separate VPCs for production and development"
    );
    assert!(t.policies.require_tls_in_transit && t.policies.require_encryption_at_rest);
    assert_eq!(
        t.providers,
        [Provider::Aws, Provider::Azure, Provider::Gcp],
        "multi-cloud"
    );
}

#[test]
fn renaming_updates_every_reference_in_the_icarus_sample() {
    let mut t = load("icarus-platform.ron").topology;
    let rename = |t: &mut Topology, old: &str, new: &str| {
        let (Ok(old), Ok(new)) = (Id::new(old), Id::new(new)) else {
            panic!("ids")
        };
        t.rename(&old, &new).unwrap_or_else(|e| panic!("{e}"));
    };
    rename(&mut t, "cache-cluster", "session-cache");
    rename(&mut t, "eu-central-b", "eu-central-2");
    rename(&mut t, "app-cluster", "apps");
    rename(&mut t, "eu-west", "dr-region");
    assert!(
        daedalus::model::check::check(&t).is_empty(),
        "{:?}",
        daedalus::model::check::check(&t)
    );
    let text = io::to_string(&t).expect("serialize");
    for old in [
        "\"cache-cluster\"",
        "\"eu-central-b\"",
        "\"app-cluster\"",
        "\"eu-west\"",
    ] {
        assert!(!text.contains(old), "{old} is still referenced");
    }
    let db = t
        .connection("service-containers-to-db-cluster")
        .expect("connection");
    assert_eq!(
        db.traffic.on_miss_of.as_ref().map(Id::as_str),
        Some("session-cache")
    );
    assert_eq!(
        t.connection("bastion-host-to-app-cluster")
            .map(|c| c.to.as_str()),
        Some("apps")
    );
    assert!(
        t.layout.elements.contains_key("session-cache") && t.layout.elements.contains_key("apps")
    );
}
