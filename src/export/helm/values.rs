//! Each workload's values, read from the model, and `values.yaml` written with serde-saphyr
//! (which quotes `on`, `yes`, `no` and friends, so Helm never retypes them) and a comment on
//! every setting.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;
use serde_json::{Value, json};

use super::chart::yaml_error;
use crate::export::names::{comment_text, k8s_name, slug};
use crate::export::plan::{Endpoint, Link};
use crate::export::{ExportError, Plan};
use crate::model::{Autoscaling, ComponentKind, Id, Provider, Region, WorkloadProps};

/// The other side of an allowed connection.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Peer {
    /// Pods of another workload of the chart.
    Workload(String),
    /// Address blocks: the subnets of a component outside the cluster, or the internet.
    IpBlocks(Vec<String>),
}

/// One allowed connection of a workload's NetworkPolicy.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PolicyRule {
    /// The drawn connection it allows.
    pub connection: Id,
    /// The other side.
    pub peer: Peer,
    /// The pod port (ingress: this workload's; egress: the callee's).
    pub port: u16,
    /// UDP rather than TCP.
    pub udp: bool,
}

/// What the chart deploys for one workload.
#[derive(Debug, Clone)]
pub struct WorkloadValues {
    /// The workload's element id.
    pub element: Id,
    /// Its Kubernetes name.
    pub name: String,
    /// The cluster it runs on (element id).
    pub cluster: Option<Id>,
    /// Its properties.
    pub props: WorkloadProps,
    /// Replicas (the capacity's).
    pub replicas: u32,
    /// Autoscaling bounds.
    pub autoscaling: Option<Autoscaling>,
    /// The provider's names of the zones its replicas run in.
    pub zones: Vec<String>,
    /// Ports its Service exposes: the drawn ports of the connections into it.
    pub service_ports: Vec<u16>,
    /// Allowed incoming connections.
    pub ingress: Vec<PolicyRule>,
    /// Allowed outgoing connections.
    pub egress: Vec<PolicyRule>,
    /// Secrets store (the secrets manager's Kubernetes name) and keys: (secret key, remote key).
    pub secret_store: Option<String>,
    /// (secret key, remote key) pairs.
    pub secret_keys: Vec<(String, String)>,
    /// Display name and description, for comments.
    pub title: String,
}

/// The provider names of zones: the first provider of the topology that names the region.
fn zone_names(plan: &Plan<'_>, region: Option<&Region>, zones: &[&Id]) -> Vec<String> {
    let Some(region) = region else {
        return zones.iter().map(|z| z.to_string()).collect();
    };
    let providers: Vec<Provider> = if plan.topology.providers.is_empty() {
        Provider::ALL.to_vec()
    } else {
        plan.topology.providers.clone()
    };
    let named = providers
        .iter()
        .find_map(|p| region.provider_names.get(p).map(|n| (*p, n.clone())));
    zones
        .iter()
        .map(|z| {
            let i = region.zones.iter().position(|x| x == *z).unwrap_or(0);
            match &named {
                Some((Provider::Aws, n)) => format!("{n}{}", char::from(b'a' + (i % 26) as u8)),
                Some((Provider::Azure, n)) => format!("{n}-{}", i + 1),
                Some((Provider::Gcp, n)) => format!("{n}-{}", char::from(b'a' + (i % 26) as u8)),
                None => z.to_string(),
            }
        })
        .collect()
}

/// The address blocks an endpoint outside the chart is reached at.
fn blocks_of(plan: &Plan<'_>, e: Endpoint) -> Vec<String> {
    let (vpc, tier) = match e {
        Endpoint::Component(i) => (plan.placement[i].vpc, plan.placement[i].tier),
        Endpoint::Cluster(k) => (plan.clusters[k].vpc, plan.clusters[k].tier),
    };
    match (vpc, tier) {
        (Some(v), Some(t)) => plan.vpcs[v].tiers[t]
            .subnets
            .iter()
            .map(|s| s.cidr.to_string())
            .collect(),
        (Some(v), None) => vec![plan.vpcs[v].cidr.to_string()],
        _ => vec!["0.0.0.0/0".to_owned()],
    }
}

/// Every workload's values, by Kubernetes name.
///
/// # Errors
/// [`ExportError::NameCollision`] if two workloads get one Kubernetes name.
///
/// # Complexity
/// O(w + l) for w workloads and l links.
pub(crate) fn workloads(plan: &Plan<'_>) -> Result<BTreeMap<String, WorkloadValues>, ExportError> {
    let t = plan.topology;
    let prefix: String = slug(&t.name)
        .chars()
        .take(24)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned();
    let mut by_index: HashMap<usize, String> = HashMap::new();
    let mut out: BTreeMap<String, WorkloadValues> = BTreeMap::new();
    for (i, c) in t.components.iter().enumerate() {
        let ComponentKind::Workload(w) = &c.kind else {
            continue;
        };
        let name = k8s_name(&c.id);
        if let Some(first) = out.get(&name) {
            return Err(ExportError::NameCollision {
                what: "Kubernetes name",
                name,
                first: first.element.to_string(),
                second: c.id.to_string(),
            });
        }
        by_index.insert(i, name.clone());
        let zones = zone_names(plan, plan.region_of(i), &c.capacity.occupied_zones());
        out.insert(
            name.clone(),
            WorkloadValues {
                element: c.id.clone(),
                name,
                cluster: plan.placement[i]
                    .cluster
                    .map(|k| plan.clusters[k].id.clone()),
                props: w.clone(),
                replicas: c.capacity.replicas,
                autoscaling: w.autoscaling.clone(),
                zones,
                service_ports: Vec::new(),
                ingress: Vec::new(),
                egress: Vec::new(),
                secret_store: w.secrets_from.as_ref().map(k8s_name),
                secret_keys: Vec::new(),
                title: comment_text(&c.name, 80),
            },
        );
    }
    let port_of = |j: usize| match &t.components[j].kind {
        ComponentKind::Workload(w) => Some(w.port),
        _ => None,
    };
    let peer = |e: Endpoint| -> Peer {
        match e {
            Endpoint::Component(j) if by_index.contains_key(&j) => {
                Peer::Workload(by_index[&j].clone())
            }
            other => Peer::IpBlocks(blocks_of(plan, other)),
        }
    };
    let mut ports: BTreeMap<String, BTreeSet<u16>> = BTreeMap::new();
    for l in &plan.links {
        let Link {
            from,
            to,
            port,
            udp,
            connection,
            ..
        } = *l;
        let conn = &t.connections[connection];
        if let Endpoint::Component(j) = to
            && let (Some(name), Some(pod_port)) = (by_index.get(&j), port_of(j))
        {
            ports.entry(name.clone()).or_default().insert(port);
            if let Some(w) = out.get_mut(name) {
                w.ingress.push(PolicyRule {
                    connection: conn.id.clone(),
                    peer: peer(from),
                    port: pod_port,
                    udp,
                });
            }
        }
        if let Endpoint::Component(j) = from
            && let Some(name) = by_index.get(&j)
        {
            let target_port = match to {
                Endpoint::Component(k) if by_index.contains_key(&k) => port_of(k).unwrap_or(port),
                _ => port,
            };
            let target_peer = peer(to);
            let secret = match to {
                Endpoint::Component(k) => match &t.components[k].kind {
                    ComponentKind::Database(_) | ComponentKind::Queue(_) => {
                        Some(&t.components[k].id)
                    }
                    ComponentKind::Cache(c) if c.auth_token && c.encryption_in_transit => {
                        Some(&t.components[k].id)
                    }
                    _ => None,
                },
                Endpoint::Cluster(_) => None,
            };
            if let Some(w) = out.get_mut(name) {
                w.egress.push(PolicyRule {
                    connection: conn.id.clone(),
                    peer: target_peer,
                    port: target_port,
                    udp,
                });
                if let (Some(store_id), true) = (secret, w.secret_store.is_some()) {
                    let key = (
                        format!("{store_id}-password"),
                        format!("{prefix}/{store_id}"),
                    );
                    if !w.secret_keys.contains(&key) {
                        w.secret_keys.push(key);
                    }
                }
            }
        }
    }
    for (name, w) in out.iter_mut() {
        w.service_ports = ports
            .get(name)
            .map(|p| p.iter().copied().collect())
            .unwrap_or_else(|| vec![w.props.port]);
        w.ingress.sort();
        w.ingress.dedup();
        w.egress.sort();
        w.egress.dedup();
        w.secret_keys.sort();
        if w.secret_keys.is_empty() {
            w.secret_store = w.secret_store.take().filter(|_| false);
        }
    }
    Ok(out)
}

fn rules_json(rules: &[PolicyRule], side: &str) -> Value {
    Value::Array(
        rules
            .iter()
            .map(|r| {
                let peer = match &r.peer {
                    Peer::Workload(w) => json!({"workload": w}),
                    Peer::IpBlocks(b) => json!({"ipBlocks": b}),
                };
                json!({
                    "connection": r.connection.as_str(),
                    side: peer,
                    "port": r.port,
                    "protocol": if r.udp { "UDP" } else { "TCP" },
                })
            })
            .collect(),
    )
}

/// Splits `registry/image:tag` into repository and tag (`latest` never: an untagged image gets
/// the tag `stable`, which the user is expected to set).
fn split_image(image: &str, fallback: &str) -> (String, String) {
    let image = if image.trim().is_empty() {
        fallback
    } else {
        image.trim()
    };
    let (repo, tag) = match image.rsplit_once(':') {
        Some((r, t)) if !t.contains('/') => (r.to_owned(), t.to_owned()),
        _ => (image.to_owned(), "stable".to_owned()),
    };
    let tag = if tag == "latest" {
        "stable".to_owned()
    } else {
        tag
    };
    (repo, tag)
}

/// Writes one `key: value` entry at `indent`, with comment lines above it.
fn entry(
    out: &mut String,
    indent: usize,
    comments: &[&str],
    key: &str,
    value: &Value,
) -> Result<(), ExportError> {
    let pad = " ".repeat(indent);
    for c in comments {
        out.push_str(&pad);
        out.push_str("# ");
        out.push_str(&comment_text(c, 300));
        out.push('\n');
    }
    let mut map = serde_json::Map::new();
    map.insert(key.to_owned(), value.clone());
    let text =
        serde_saphyr::to_string(&Value::Object(map)).map_err(|e| yaml_error("values.yaml", e))?;
    for line in text.lines() {
        out.push_str(&pad);
        out.push_str(line);
        out.push('\n');
    }
    Ok(())
}

/// The text of `values.yaml`.
pub(crate) fn values_yaml(
    plan: &Plan<'_>,
    chart: &str,
    workloads: &BTreeMap<String, WorkloadValues>,
) -> Result<String, ExportError> {
    let t = plan.topology;
    let mut out = String::new();
    out.push_str(&format!(
        "# Values of chart {chart}: the Kubernetes workloads of {}. Generated by Daedalus;\n# every value comes from the topology and can be overridden per environment.\n\n",
        comment_text(&t.name, 120)
    ));
    out.push_str("# Settings shared by every workload.\nglobal:\n");
    entry(
        &mut out,
        2,
        &["Pull the image on every start, so a moved tag is never served stale."],
        "imagePullPolicy",
        &json!("Always"),
    )?;
    entry(
        &mut out,
        2,
        &["Unprivileged user (and group) the containers run as."],
        "runAsUser",
        &json!(10001),
    )?;
    entry(
        &mut out,
        2,
        &[
            "A default-deny NetworkPolicy plus one per workload allowing exactly the drawn connections;",
            "allowDns adds DNS to kube-dns, which every pod needs.",
        ],
        "networkPolicy",
        &json!({"enabled": true, "allowDns": true}),
    )?;
    entry(
        &mut out,
        2,
        &[
            "External Secrets: credentials are read from the secrets manager, never stored in the chart.",
        ],
        "externalSecrets",
        &json!({"storeKind": "ClusterSecretStore", "refreshInterval": "1h"}),
    )?;
    out.push_str("\n# One section per workload, by Kubernetes name.\nworkloads:");
    if workloads.is_empty() {
        out.push_str(" {}\n");
        return Ok(out);
    }
    out.push('\n');
    for (name, w) in workloads {
        let p = &w.props;
        out.push_str(&format!("  # {} ({}, {:?})", w.title, w.element, p.role));
        if let Some(c) = &w.cluster {
            out.push_str(&format!(", on cluster {c}"));
        }
        out.push('\n');
        out.push_str(&format!("  {name}:\n"));
        let (repo, tag) = split_image(&p.image, &format!("registry.example.com/{name}"));
        let i = 4;
        entry(
            &mut out,
            i,
            &["Deploy this workload."],
            "enabled",
            &json!(true),
        )?;
        entry(
            &mut out,
            i,
            &["What the workload does (documentation)."],
            "role",
            &json!(format!("{:?}", p.role)),
        )?;
        entry(
            &mut out,
            i,
            &["Container image; set digest (sha256:...) to pin it by digest."],
            "image",
            &json!({"repository": repo, "tag": tag, "digest": ""}),
        )?;
        entry(
            &mut out,
            i,
            &["Replicas when autoscaling is off (the design's capacity)."],
            "replicas",
            &json!(w.replicas),
        )?;
        entry(
            &mut out,
            i,
            &["Port the container listens on."],
            "containerPort",
            &json!(p.port),
        )?;
        if !p.env.is_empty() {
            entry(
                &mut out,
                i,
                &["Plain environment variables (credentials come from externalSecret)."],
                "env",
                &json!(p.env),
            )?;
        }
        let r = &p.resources;
        entry(
            &mut out,
            i,
            &["Requests and limits of one replica."],
            "resources",
            &json!({
                "requests": {"cpu": format!("{}m", r.cpu_request_millicores), "memory": format!("{}Mi", r.memory_request_mib)},
                "limits": {"cpu": format!("{}m", r.cpu_limit_millicores), "memory": format!("{}Mi", r.memory_limit_mib)},
            }),
        )?;
        let hpa = match &w.autoscaling {
            Some(a) => {
                json!({"enabled": true, "minReplicas": a.min_replicas, "maxReplicas": a.max_replicas, "targetCPUUtilizationPercentage": a.target_cpu_percent})
            }
            None => json!({"enabled": false}),
        };
        entry(
            &mut out,
            i,
            &["Horizontal pod autoscaling within the design's bounds."],
            "autoscaling",
            &hpa,
        )?;
        let min = w
            .autoscaling
            .as_ref()
            .map_or(w.replicas, |a| a.min_replicas);
        let pdb = if min >= 2 {
            json!({"enabled": true, "maxUnavailable": 1})
        } else {
            json!({"enabled": false})
        };
        entry(
            &mut out,
            i,
            &[
                "At most one replica down at a time during voluntary disruptions (needs two or more).",
            ],
            "podDisruptionBudget",
            &pdb,
        )?;
        entry(
            &mut out,
            i,
            &["Liveness and readiness probes on the container port."],
            "probes",
            &json!({"enabled": p.health_probes, "livenessPath": "/healthz", "readinessPath": "/readyz", "periodSeconds": 10, "failureThreshold": 3}),
        )?;
        entry(
            &mut out,
            i,
            &["Zones the replicas run in, spread evenly (the drawn zone spread)."],
            "zones",
            &json!(w.zones),
        )?;
        entry(
            &mut out,
            i,
            &["Ports of the Service: the drawn ports of the connections into the workload."],
            "servicePorts",
            &json!(w.service_ports),
        )?;
        let es = match &w.secret_store {
            Some(store) => json!({
                "enabled": true,
                "store": store,
                "keys": w.secret_keys.iter().map(|(k, r)| json!({"secretKey": k, "remoteKey": r})).collect::<Vec<_>>(),
            }),
            None => json!({"enabled": false}),
        };
        entry(
            &mut out,
            i,
            &[
                "Credentials of the data stores it connects to, from the secrets manager, mounted at /var/run/secrets/app.",
            ],
            "externalSecret",
            &es,
        )?;
        entry(
            &mut out,
            i,
            &["AWS: security groups for the pods (Terraform output workload_security_group_ids)."],
            "securityGroupIds",
            &json!([]),
        )?;
        entry(
            &mut out,
            i,
            &[
                "Exactly the drawn connections: ingress from callers on the pod port, egress to callees.",
            ],
            "networkPolicy",
            &json!({
                "ingress": rules_json(&w.ingress, "from"),
                "egress": rules_json(&w.egress, "to"),
            }),
        )?;
    }
    Ok(out)
}
