//! From a parsed flowchart to a topology: subgraphs become containers, nodes components, edges
//! connections, each by the keyword tables. Whatever is guessed or unknown is listed in the
//! report, never dropped.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::ast::{Diagram, Edge, Hint, Node, Pos, Shape, Stroke};
use super::keywords::{self, ContainerGuess};
use super::{Note, NoteKind};
use crate::model::*;

/// The mapped topology and what the mapping had to guess.
pub struct Mapped {
    /// The topology (without a layout).
    pub topology: Topology,
    /// Guesses, unknown labels, ignored lines.
    pub notes: Vec<Note>,
}

/// Region every imported VPC is placed in.
const REGION: &str = "region-1";

fn id(s: &str) -> Id {
    Id::new(s).unwrap_or_else(|_| Id::fallback())
}

/// The hints of kind `what` by target.
fn hints<'a>(d: &'a Diagram, what: &str) -> HashMap<&'a str, &'a Hint> {
    d.hints
        .iter()
        .filter(|h| h.what == what)
        .map(|h| (h.target.as_str(), h))
        .collect()
}

fn field<'a>(hint: Option<&&'a Hint>, key: &str) -> Option<&'a str> {
    hint.and_then(|h| h.fields.iter().find(|(k, _)| k == key))
        .map(|(_, v)| v.as_str())
}

/// Maps `d` to a topology.
pub fn map(d: &Diagram) -> Mapped {
    let mut m = Mapper {
        d,
        t: Topology::new("Imported diagram"),
        notes: Vec::new(),
        ids: HashMap::new(),
        taken: BTreeSet::new(),
    };
    m.t.description = "Imported from a Mermaid flowchart.".into();
    m.t.regions.push(Region {
        id: id(REGION),
        name: "Region 1".into(),
        provider_names: BTreeMap::new(),
        zones: ["a", "b", "c"]
            .iter()
            .map(|z| id(&format!("{REGION}-{z}")))
            .collect(),
    });
    m.containers();
    m.components();
    m.connections();
    m.styles();
    for (pos, line) in &d.ignored {
        m.notes.push(Note {
            pos: *pos,
            element: None,
            kind: NoteKind::Ignored,
            message: format!("ignored `{line}`"),
        });
    }
    if m.t.providers.is_empty() {
        m.t.providers.push(Provider::Aws);
    }
    Mapped {
        topology: m.t,
        notes: m.notes,
    }
}

struct Mapper<'a> {
    d: &'a Diagram,
    t: Topology,
    notes: Vec<Note>,
    /// Mermaid id → topology id.
    ids: HashMap<&'a str, Id>,
    taken: BTreeSet<Id>,
}

impl<'a> Mapper<'a> {
    /// A unique topology id for Mermaid id `mermaid` (or `title` when the id gives none).
    fn assign(&mut self, mermaid: &'a str, title: &str) -> Id {
        let base = Id::slugify(mermaid)
            .or_else(|| Id::slugify(title))
            .unwrap_or_else(Id::fallback);
        let unique = (1..)
            .map(|n| base.numbered(n))
            .find(|c| !self.taken.contains(c))
            .unwrap_or(base);
        self.taken.insert(unique.clone());
        self.ids.insert(mermaid, unique.clone());
        unique
    }

    fn note(&mut self, pos: Pos, element: &Id, kind: NoteKind, message: String) {
        self.notes.push(Note {
            pos,
            element: Some(element.clone()),
            kind,
            message,
        });
    }

    /// The environment of a VPC: the id a Daedalus hint gives, or one found in its title.
    fn environment(&mut self, exact: Option<&str>, title: &str) -> Id {
        let (key, name) = keywords::ENVIRONMENTS
            .iter()
            .find(|(_, _, words)| keywords::find(exact.unwrap_or(title), words).is_some())
            .map_or(("prod", "Production"), |(k, n, _)| (*k, *n));
        let exact = exact.and_then(|e| Id::new(e).ok());
        let name = match &exact {
            Some(e) if e.as_str() != key => e.as_str().to_owned(),
            _ => name.to_owned(),
        };
        let env = exact.clone().unwrap_or_else(|| id(key));
        if !self.t.environments.iter().any(|e| e.id == env) {
            let stage = match key {
                "dev" => Stage::Development,
                "staging" => Stage::Staging,
                "test" => Stage::Test,
                _ => Stage::Production,
            };
            self.t.environments.push(Environment {
                id: env.clone(),
                name,
                stage,
            });
        }
        env
    }

    fn zones(&self) -> Vec<Id> {
        self.t
            .regions
            .first()
            .map(|r| r.zones.clone())
            .unwrap_or_default()
    }

    fn containers(&mut self) {
        let hints = hints(self.d, "container");
        for sg in &self.d.subgraphs {
            let cid = self.assign(&sg.id, &sg.title);
            let parent = sg
                .parent
                .and_then(|p| self.d.subgraphs.get(p))
                .and_then(|p| self.ids.get(p.id.as_str()))
                .cloned();
            let parent_is_vpc = parent.as_ref().is_some_and(|p| {
                self.t
                    .containers
                    .iter()
                    .any(|c| c.id == *p && matches!(c.kind, ContainerKind::Vpc(_)))
            });
            let hint = hints.get(sg.id.as_str());
            let guess = hinted_container(hint).unwrap_or_else(|| guess_container(&sg.title));
            let guess = match guess {
                Some(ContainerGuess::Vpc) if self.inside_network(parent.as_ref()) => {
                    let msg = format!(
                        "subgraph \"{}\" looks like a VPC but is inside another network: imported as a group",
                        sg.title
                    );
                    self.note(sg.pos, &cid, NoteKind::Guessed, msg);
                    Some(ContainerGuess::Group(GroupPurpose::Other))
                }
                g => g,
            };
            let kind = match guess {
                Some(ContainerGuess::Vpc) => {
                    let environment = self.environment(field(hint, "environment"), &sg.title);
                    let k = self
                        .t
                        .containers
                        .iter()
                        .filter(|c| matches!(c.kind, ContainerKind::Vpc(_)))
                        .count();
                    ContainerKind::Vpc(VpcProps {
                        environment,
                        region: id(REGION),
                        cidr: format!("10.{}.0.0/16", k.min(255)),
                        dns_hostnames: true,
                        flow_logs: false,
                    })
                }
                Some(ContainerGuess::Subnet(tier)) if parent_is_vpc => {
                    ContainerKind::Subnet(SubnetProps {
                        tier,
                        zones: self.zones(),
                        cidr: None,
                    })
                }
                Some(ContainerGuess::Subnet(_)) => {
                    self.note(sg.pos, &cid, NoteKind::Guessed, format!("subgraph \"{}\" looks like a subnet but is not inside a VPC: imported as a group", sg.title));
                    ContainerKind::Group(GroupProps {
                        purpose: GroupPurpose::Other,
                        region: None,
                        environment: None,
                    })
                }
                Some(ContainerGuess::Cluster) => {
                    ContainerKind::KubernetesCluster(KubernetesClusterProps::default())
                }
                Some(ContainerGuess::Group(purpose)) => {
                    if purpose == GroupPurpose::Cloud {
                        self.providers(&sg.title);
                    }
                    ContainerKind::Group(GroupProps {
                        purpose,
                        region: None,
                        environment: None,
                    })
                }
                None => {
                    self.note(sg.pos, &cid, NoteKind::Unknown, format!("subgraph \"{}\" matches no container keyword: imported as a plain group", sg.title));
                    ContainerKind::Group(GroupProps {
                        purpose: GroupPurpose::Other,
                        region: None,
                        environment: None,
                    })
                }
            };
            self.t.containers.push(Container {
                id: cid,
                name: sg.title.clone(),
                kind,
                parent,
                description: String::new(),
                tags: BTreeMap::new(),
            });
        }
    }

    /// Whether `container` is, or is inside, a VPC, a subnet or a cluster.
    fn inside_network(&self, container: Option<&Id>) -> bool {
        let mut next = container.cloned();
        for _ in 0..=self.t.containers.len() {
            let Some(cid) = next else { return false };
            let Some(c) = self.t.containers.iter().find(|c| c.id == cid) else {
                return false;
            };
            if !matches!(c.kind, ContainerKind::Group(_)) {
                return true;
            }
            next = c.parent.clone();
        }
        false
    }

    fn providers(&mut self, title: &str) {
        let multi =
            keywords::find(title, &["multi cloud", "multicloud", "cloud agnostic"]).is_some();
        for (p, words) in [
            (Provider::Aws, &["aws", "amazon"][..]),
            (Provider::Azure, &["azure"]),
            (Provider::Gcp, &["gcp", "google"]),
        ] {
            if (multi || keywords::find(title, words).is_some()) && !self.t.providers.contains(&p) {
                self.t.providers.push(p);
            }
        }
    }

    fn components(&mut self) {
        let hints = hints(self.d, "node");
        for node in &self.d.nodes {
            let label = node.label.clone().unwrap_or_else(|| node.id.clone());
            let mut lines = label.lines();
            let name = lines.next().unwrap_or(&node.id).to_owned();
            let description = lines.collect::<Vec<_>>().join(", ");
            let cid = self.assign(&node.id, &name);
            let container = node
                .parent
                .and_then(|p| self.d.subgraphs.get(p))
                .and_then(|p| self.ids.get(p.id.as_str()))
                .cloned();
            let kind = match field(hints.get(node.id.as_str()), "kind").and_then(kind_by_name) {
                Some(k) => k,
                None => self.guess_kind(node, &label, &cid, container.as_ref()),
            };
            let zones = container
                .as_ref()
                .map(|c| self.subnet_zones(c))
                .unwrap_or_default();
            let mut c = new_component(cid, name, kind, container, &zones);
            c.description = description;
            refine(&mut c, &label);
            self.t.components.push(c);
        }
    }

    /// Zones of the subnet `container` is, or is inside.
    fn subnet_zones(&self, container: &Id) -> Vec<Id> {
        let mut next = Some(container.clone());
        let mut guard = 0;
        while let Some(cid) = next {
            guard += 1;
            let Some(c) = self.t.containers.iter().find(|c| c.id == cid) else {
                break;
            };
            if let ContainerKind::Subnet(s) = &c.kind {
                return s.zones.clone();
            }
            if guard > self.t.containers.len() {
                break;
            }
            next = c.parent.clone();
        }
        Vec::new()
    }

    fn guess_kind(
        &mut self,
        node: &Node,
        label: &str,
        cid: &Id,
        container: Option<&Id>,
    ) -> KindTag {
        if let Some((kind, _)) = keywords::first_match(keywords::KINDS, label) {
            return *kind;
        }
        let purpose = container
            .and_then(|c| self.t.containers.iter().find(|x| x.id == *c))
            .and_then(|c| match &c.kind {
                ContainerKind::Group(g) => Some(g.purpose.clone()),
                ContainerKind::KubernetesCluster(_) => Some(GroupPurpose::Other),
                _ => None,
            });
        let by_context = match purpose {
            Some(GroupPurpose::Internet) => Some(KindTag::Users),
            Some(GroupPurpose::Edge) => Some(KindTag::Cdn),
            Some(GroupPurpose::ObjectStorage) => Some(KindTag::ObjectStorage),
            Some(GroupPurpose::ExternalServices) => Some(KindTag::ExternalApi),
            _ => None,
        };
        let by_shape = (node.shape == Shape::Cylinder).then_some(KindTag::Database);
        if let Some(kind) = by_context.or(by_shape) {
            let why = if by_context.is_some() {
                "its group"
            } else {
                "its cylinder shape"
            };
            let msg = format!(
                "node \"{}\": no keyword in its label; guessed {} from {why}",
                first_line(label),
                kind.label()
            );
            self.note(node.pos, cid, NoteKind::Guessed, msg);
            return kind;
        }
        let msg = format!(
            "node \"{}\": no keyword in its label; imported as a generic component",
            first_line(label)
        );
        self.note(node.pos, cid, NoteKind::Unknown, msg);
        KindTag::Generic
    }

    fn connections(&mut self) {
        let hints = hints(self.d, "edge");
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        for e in &self.d.edges {
            let n = seen.entry((e.from.clone(), e.to.clone())).or_insert(0);
            *n += 1;
            let key = format!("{}>{}#{n}", e.from, e.to);
            let hint = hints.get(key.as_str());
            self.connection(e, &e.from, &e.to, hint);
            if e.both_ways {
                self.connection(e, &e.to, &e.from, None);
            }
        }
    }

    fn connection(&mut self, e: &Edge, from: &str, to: &str, hint: Option<&&Hint>) {
        let (Some(a), Some(b)) = (self.ids.get(from).cloned(), self.ids.get(to).cloned()) else {
            return;
        };
        if a == b {
            let message = format!(
                "edge from \"{from}\" to itself: a connection needs two ends; not imported"
            );
            self.notes.push(Note {
                pos: e.pos,
                element: Some(a),
                kind: NoteKind::Ignored,
                message,
            });
            return;
        }
        let target = self
            .t
            .components
            .iter()
            .find(|c| c.id == b)
            .map(|c| &c.kind);
        let label = e.label.clone().unwrap_or_default();
        let named = keywords::first_match(keywords::PROTOCOLS, &label).map(|(p, _)| *p);
        let protocol = match field(hint, "protocol").and_then(protocol_by_name) {
            Some(p) => p,
            None => match (named, target) {
                (Some(Protocol::Postgresql), Some(ComponentKind::Database(d)))
                    if d.engine == DatabaseEngine::Mysql =>
                {
                    Protocol::Mysql
                }
                (Some(p), _) => p,
                (None, _) => default_protocol(target),
            },
        };
        let tls = match field(hint, "tls") {
            Some(v) => v == "true",
            None => protocol.inherent_tls().unwrap_or(true),
        };
        let kind = field(hint, "kind")
            .and_then(connection_kind_by_name)
            .unwrap_or_else(|| infer_kind(e, protocol, target, &label));
        let cid = (1..)
            .map(|n| {
                Id::slugify(&format!("{a}-to-{b}"))
                    .unwrap_or_else(Id::fallback)
                    .numbered(n)
            })
            .find(|c| !self.taken.contains(c))
            .unwrap_or_else(Id::fallback);
        self.taken.insert(cid.clone());
        if named.is_none() && !label.is_empty() && hint.is_none() {
            let msg = format!(
                "edge {a} → {b}: label \"{label}\" names no protocol; guessed {}",
                protocol.label()
            );
            self.note(e.pos, &cid, NoteKind::Guessed, msg);
        }
        let mut c = Connection {
            id: cid,
            from: a,
            to: b,
            protocol,
            port: None,
            tls,
            kind,
            label,
            traffic: Traffic::default(),
        };
        if let Some(port) = field(hint, "port").and_then(|p| p.parse().ok()) {
            c.port = Some(port);
        }
        let same = |o: &Connection| {
            o.from == c.from && o.to == c.to && o.effective_port() == c.effective_port()
        };
        if self.t.connections.iter().any(same) {
            let message = format!(
                "duplicate edge {} → {} on the same port: imported once",
                c.from, c.to
            );
            self.notes.push(Note {
                pos: e.pos,
                element: Some(c.from.clone()),
                kind: NoteKind::Ignored,
                message,
            });
            self.taken.remove(&c.id);
            return;
        }
        self.t.connections.push(c);
    }

    /// `style` lines and class memberships are kept as tags, so an export can write them back.
    fn styles(&mut self) {
        for (mermaid, css) in &self.d.styles {
            let Some(target) = self.ids.get(mermaid.as_str()).cloned() else {
                self.notes.push(Note {
                    pos: Pos::default(),
                    element: None,
                    kind: NoteKind::Ignored,
                    message: format!("`style` for unknown `{mermaid}`"),
                });
                continue;
            };
            if let Some(c) = self.t.containers.iter_mut().find(|c| c.id == target) {
                c.tags.insert("mermaid-style".into(), css.clone());
            } else if let Some(c) = self.t.components.iter_mut().find(|c| c.id == target) {
                c.tags.insert("mermaid-style".into(), css.clone());
            }
        }
        for node in &self.d.nodes {
            if node.classes.is_empty() {
                continue;
            }
            let Some(target) = self.ids.get(node.id.as_str()) else {
                continue;
            };
            if let Some(c) = self.t.components.iter_mut().find(|c| c.id == *target) {
                c.tags
                    .insert("mermaid-class".into(), node.classes.join(" "));
            }
        }
    }
}

fn first_line(label: &str) -> &str {
    label.lines().next().unwrap_or(label)
}

fn guess_container(title: &str) -> Option<ContainerGuess> {
    let (class, _) = keywords::first_match(keywords::CONTAINERS, title)?;
    Some(match *class {
        "vpc" => ContainerGuess::Vpc,
        "subnet" => {
            let tier = keywords::first_match(keywords::TIERS, title).map(|(t, _)| t.clone());
            ContainerGuess::Subnet(tier.unwrap_or(Tier::PrivateApp))
        }
        "cluster" => ContainerGuess::Cluster,
        "internet" => ContainerGuess::Group(GroupPurpose::Internet),
        "edge" => ContainerGuess::Group(GroupPurpose::Edge),
        "cloud" => ContainerGuess::Group(GroupPurpose::Cloud),
        "external" => ContainerGuess::Group(GroupPurpose::ExternalServices),
        "monitoring" => ContainerGuess::Group(GroupPurpose::Monitoring),
        "security" => ContainerGuess::Group(GroupPurpose::Security),
        _ => ContainerGuess::Group(GroupPurpose::ObjectStorage),
    })
}

/// A container kind stated by a Daedalus hint.
fn hinted_container(hint: Option<&&Hint>) -> Option<Option<ContainerGuess>> {
    let kind = field(hint, "kind")?;
    Some(Some(match kind {
        "Vpc" => ContainerGuess::Vpc,
        "Subnet" => ContainerGuess::Subnet(match field(hint, "tier") {
            Some("Public") => Tier::Public,
            Some("PrivateData") => Tier::PrivateData,
            Some("PrivateMessaging") => Tier::PrivateMessaging,
            Some(other) if other.starts_with("Custom:") => {
                let name = other.trim_start_matches("Custom:").to_owned();
                Tier::Custom(CustomTier {
                    name,
                    public: field(hint, "public") == Some("true"),
                })
            }
            _ => Tier::PrivateApp,
        }),
        "KubernetesCluster" => ContainerGuess::Cluster,
        _ => ContainerGuess::Group(match field(hint, "purpose") {
            Some("Internet") => GroupPurpose::Internet,
            Some("Edge") => GroupPurpose::Edge,
            Some("Cloud") => GroupPurpose::Cloud,
            Some("ExternalServices") => GroupPurpose::ExternalServices,
            Some("Monitoring") => GroupPurpose::Monitoring,
            Some("Security") => GroupPurpose::Security,
            Some("ObjectStorage") => GroupPurpose::ObjectStorage,
            _ => GroupPurpose::Other,
        }),
    }))
}

/// A component kind by its name in the file format (`Database`), as hints write it.
pub fn kind_by_name(name: &str) -> Option<KindTag> {
    KindTag::ALL.into_iter().find(|k| format!("{k:?}") == name)
}

fn protocol_by_name(name: &str) -> Option<Protocol> {
    Protocol::ALL.into_iter().find(|p| format!("{p:?}") == name)
}

fn connection_kind_by_name(name: &str) -> Option<ConnectionKind> {
    [
        ConnectionKind::Request,
        ConnectionKind::Async,
        ConnectionKind::Observability,
        ConnectionKind::Admin,
        ConnectionKind::Control,
    ]
    .into_iter()
    .find(|k| format!("{k:?}") == name)
}

/// The protocol a connection to `target` usually speaks.
fn default_protocol(target: Option<&ComponentKind>) -> Protocol {
    match target {
        Some(ComponentKind::Database(d)) if d.engine == DatabaseEngine::Mysql => Protocol::Mysql,
        Some(ComponentKind::Database(_)) => Protocol::Postgresql,
        Some(ComponentKind::Cache(_)) => Protocol::Redis,
        Some(ComponentKind::Queue(q)) if q.engine == QueueEngine::Kafka => Protocol::Kafka,
        Some(ComponentKind::Queue(_)) => Protocol::Amqp,
        Some(ComponentKind::Bastion(_)) => Protocol::Ssh,
        Some(ComponentKind::LogAggregation(_)) => Protocol::Logs,
        Some(ComponentKind::Metrics(_)) => Protocol::Metrics,
        Some(ComponentKind::Tracing(_)) => Protocol::Traces,
        Some(ComponentKind::IdentityProvider(_)) => Protocol::OAuthSaml,
        Some(ComponentKind::EmailService(_)) => Protocol::Smtp,
        _ => Protocol::Https,
    }
}

/// What flows over an edge: dotted edges and telemetry are observability, SSH is admin access,
/// queues and e-mail are asynchronous, secrets and certificates are control plane.
fn infer_kind(
    e: &Edge,
    protocol: Protocol,
    target: Option<&ComponentKind>,
    label: &str,
) -> ConnectionKind {
    use ConnectionKind as K;
    if e.stroke == Stroke::Dotted {
        return K::Observability;
    }
    match protocol {
        Protocol::Ssh => return K::Admin,
        Protocol::Amqp | Protocol::Kafka => return K::Async,
        Protocol::Logs | Protocol::Metrics | Protocol::Traces => return K::Observability,
        _ => {}
    }
    match target {
        Some(
            ComponentKind::Alerting(_)
            | ComponentKind::LogAggregation(_)
            | ComponentKind::Metrics(_)
            | ComponentKind::Tracing(_),
        ) => K::Observability,
        Some(ComponentKind::SecretsManager(_) | ComponentKind::CertificateManager(_)) => K::Control,
        Some(ComponentKind::EmailService(_) | ComponentKind::Queue(_)) => K::Async,
        _ if keywords::find(
            label,
            &[
                "backup",
                "backups",
                "replication",
                "async",
                "event",
                "events",
            ],
        )
        .is_some() =>
        {
            K::Async
        }
        _ => K::Request,
    }
}

/// Properties the label states: the engine, a backup bucket, a web app or a worker.
fn refine(c: &mut Component, label: &str) {
    match &mut c.kind {
        ComponentKind::Database(d) if keywords::find(label, &["mysql", "mariadb"]).is_some() => {
            d.engine = DatabaseEngine::Mysql
        }
        ComponentKind::Cache(p) if keywords::find(label, &["memcached"]).is_some() => {
            p.engine = CacheEngine::Memcached
        }
        ComponentKind::Queue(q) if keywords::find(label, &["kafka"]).is_some() => {
            q.engine = QueueEngine::Kafka
        }
        ComponentKind::ObjectStorage(o)
            if keywords::find(label, &["backup", "backups"]).is_some() =>
        {
            o.purpose = StoragePurpose::Backups
        }
        ComponentKind::Workload(w) => {
            if keywords::find(label, &["web app", "webapp", "frontend", "web"]).is_some() {
                w.role = WorkloadRole::WebApp;
            } else if keywords::find(label, &["worker", "workers", "consumer", "job", "jobs"])
                .is_some()
            {
                w.role = WorkloadRole::Worker;
            }
        }
        _ => {}
    }
}
