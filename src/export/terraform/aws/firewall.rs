//! Security groups, one per component in a VPC (and one for each cluster's nodes), and one
//! ingress and one egress rule per drawn connection: a connection to or from a container gets
//! one pair per member. Nothing else is opened, except what a property of the design asks for
//! (a load balancer's HTTP→HTTPS redirect) and DNS from pods to CoreDNS, each described.

use std::collections::BTreeSet;

use super::Aws;
use super::network::aws_service;
use crate::export::ExportError;
use crate::export::hcl::{B, r, s, t};
use crate::export::names::{comment_text, tf_ident};
use crate::export::plan::{Endpoint, Link};
use crate::export::terraform::Emitter;
use crate::model::{ComponentKind, Id, KindTag};

/// Where a rule's other side is.
enum Peer {
    /// Another security group.
    Group(String),
    /// An address block.
    Cidr(String),
    /// Each block of a list variable (`for_each`).
    CidrEach(String),
    /// A managed prefix list.
    PrefixList(String),
    /// A security group id given as an expression.
    GroupId(String),
}

fn peer_attr(b: B, peer: &Peer) -> B {
    match peer {
        Peer::Group(g) => b.e("referenced_security_group_id", &format!("{g}.id")),
        Peer::Cidr(c) => b.a("cidr_ipv4", s(c.clone())),
        Peer::CidrEach(v) => b
            .a("for_each", crate::export::hcl::call("toset", vec![r(v)]))
            .e("cidr_ipv4", "each.value"),
        Peer::PrefixList(p) => b.e("prefix_list_id", p),
        Peer::GroupId(g) => b.e("referenced_security_group_id", g),
    }
}

struct Rule<'a> {
    owner: &'a Id,
    name: String,
    group: String,
    peer: Peer,
    port: u16,
    udp: bool,
    description: String,
    skip: Option<(&'static str, &'static str)>,
}

fn rule(
    out: &mut Emitter,
    kind: &str,
    rule: Rule<'_>,
    provider: Option<&str>,
) -> Result<String, ExportError> {
    out.resource("security.tf", rule.owner, kind, &rule.name, |b| {
        let b = match provider {
            Some(p) => b.e("provider", p),
            None => b,
        };
        let b = match rule.skip {
            Some((check, reason)) => b.skip(check, reason),
            None => b,
        };
        // Checkov reads a rule without `cidr_ipv4` as open to the world on SSH and HTTP.
        let b = match (&rule.peer, rule.port, kind.ends_with("ingress_rule")) {
            (Peer::Group(_) | Peer::GroupId(_), 22, true) => b.skip(
                "CKV_AWS_24",
                "the source is a security group (referenced_security_group_id), not an address block",
            ),
            (Peer::PrefixList(_), 80, true) => b.skip(
                "CKV_AWS_260",
                "the source is a managed prefix list (prefix_list_id), not 0.0.0.0/0",
            ),
            (Peer::Group(_) | Peer::GroupId(_), 80, true) => b.skip(
                "CKV_AWS_260",
                "the source is a security group (referenced_security_group_id), not 0.0.0.0/0",
            ),
            _ => b,
        };
        let b = b
            .e("security_group_id", &format!("{}.id", rule.group))
            .a("description", s(rule.description.clone()))
            .a("ip_protocol", s(if rule.udp { "udp" } else { "tcp" }))
            .a("from_port", i64::from(rule.port))
            .a("to_port", i64::from(rule.port));
        peer_attr(b, &rule.peer)
    })
}

fn is_internet(kind: KindTag) -> bool {
    matches!(
        kind,
        KindTag::Users
            | KindTag::ExternalApi
            | KindTag::IdentityProvider
            | KindTag::EmailService
            | KindTag::Generic
            | KindTag::Dns
    )
}

pub(crate) fn emit(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    // One security group per component that has one.
    for i in 0..plan.topology.components.len() {
        if !aws.has_sg(i) {
            continue;
        }
        let c = plan.component(i);
        let Some(vpc) = aws.vpc_of(i) else { continue };
        let provider = aws.provider(plan.region_of(i));
        let unattached = matches!(c.kind, ComponentKind::Workload(_));
        out.resource("security.tf", &c.id, "aws_security_group", &aws.ident(i), |b| {
            let b = match &provider {
                Some(p) => b.e("provider", p),
                None => b,
            };
            let b = if unattached {
                b.skip(
                    "CKV2_AWS_5",
                    "attached to the workload's pods by a SecurityGroupPolicy (security groups for pods; see output workload_security_group_ids)",
                )
            } else {
                b
            };
            b.a("name", t(&aws.name(&c.id)))
                .a("description", s(format!("{} ({}): only the drawn connections", c.id, c.kind.tag().label())))
                .e("vpc_id", &format!("{vpc}.id"))
                .b(B::new("lifecycle", &[]).a("create_before_destroy", true))
        })?;
    }
    for (k, cl) in plan.clusters.iter().enumerate() {
        let Some(v) = cl.vpc else { continue };
        let vid = tf_ident(&plan.vpcs[v].container.id);
        let name = format!("{}_nodes", tf_ident(&cl.id));
        let provider = aws.provider(Some(plan.vpcs[v].region));
        let _ = k;
        out.resource("security.tf", &cl.id, "aws_security_group", &name, |b| {
            let b = match &provider {
                Some(p) => b.e("provider", p),
                None => b,
            };
            b.a("name", t(&format!("{}-nodes", aws.name(&cl.id))))
                .a(
                    "description",
                    s(format!(
                        "Nodes of cluster {}: only the drawn connections",
                        cl.id
                    )),
                )
                .e("vpc_id", &format!("aws_vpc.{vid}.id"))
                .b(B::new("lifecycle", &[]).a("create_before_destroy", true))
        })?;
    }
    let mut endpoint_ingress: BTreeSet<String> = BTreeSet::new();
    let mut redirect_sources: Vec<(usize, Peer, String)> = Vec::new();
    for l in &plan.links {
        link_rules(aws, out, l, &mut endpoint_ingress, &mut redirect_sources)?;
    }
    // A load balancer's HTTP→HTTPS redirect listener: port 80 from the sources of its HTTPS.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (i, peer, label) in redirect_sources {
        let c = plan.component(i);
        let ComponentKind::LoadBalancer(lb) = &c.kind else {
            continue;
        };
        if !(lb.http_to_https_redirect && lb.tls_termination) {
            continue;
        }
        let name = format!("{}_http_redirect_{}", aws.ident(i), label);
        if !seen.insert(name.clone()) {
            continue;
        }
        let open = matches!(peer, Peer::Cidr(_));
        rule(
            out,
            "aws_vpc_security_group_ingress_rule",
            Rule {
                owner: &c.id,
                name,
                group: format!("aws_security_group.{}", aws.ident(i)),
                peer,
                port: 80,
                udp: false,
                description:
                    "HTTP, answered only with a redirect to HTTPS (http_to_https_redirect)".into(),
                skip: open.then_some((
                    "CKV_AWS_260",
                    "port 80 only answers with a redirect to HTTPS",
                )),
            },
            aws.provider(plan.region_of(i)).as_deref(),
        )?;
    }
    // DNS from pods (security groups for pods) to CoreDNS on the cluster security group.
    for cl in &plan.clusters {
        if cl.vpc.is_none() {
            continue;
        }
        for &w in &cl.workloads {
            if !aws.has_sg(w) {
                continue;
            }
            let c = plan.component(w);
            for udp in [true, false] {
                let proto = if udp { "udp" } else { "tcp" };
                rule(
                    out,
                    "aws_vpc_security_group_egress_rule",
                    Rule {
                        owner: &c.id,
                        name: format!("{}_dns_{proto}", aws.ident(w)),
                        group: format!("aws_security_group.{}", aws.ident(w)),
                        peer: Peer::GroupId(format!(
                            "aws_eks_cluster.{}.vpc_config[0].cluster_security_group_id",
                            tf_ident(&cl.id)
                        )),
                        port: 53,
                        udp,
                        description: "DNS to CoreDNS (every pod needs it; not a drawn connection)"
                            .into(),
                        skip: None,
                    },
                    aws.provider(plan.region_of(w)).as_deref(),
                )?;
            }
        }
    }
    Ok(())
}

fn link_rules(
    aws: &Aws<'_>,
    out: &mut Emitter,
    l: &Link,
    endpoint_ingress: &mut BTreeSet<String>,
    redirect_sources: &mut Vec<(usize, Peer, String)>,
) -> Result<(), ExportError> {
    let plan = aws.plan;
    let conn = plan.connection(l);
    let base = if l.expanded {
        format!(
            "{}_{}_{}",
            tf_ident(&conn.id),
            tf_ident(plan.endpoint_id(l.from)),
            tf_ident(plan.endpoint_id(l.to))
        )
    } else {
        tf_ident(&conn.id)
    };
    let from_sg = aws.sg_of(l.from);
    let to_sg = aws.sg_of(l.to);
    let label = comment_text(&format!("{} ({})", conn.id, conn.protocol.label()), 200);
    let kind_of = |e: Endpoint| match e {
        Endpoint::Component(i) => Some(plan.component(i).kind.tag()),
        Endpoint::Cluster(_) => None,
    };
    let region = match l.from {
        Endpoint::Component(i) => plan.region_of(i),
        Endpoint::Cluster(k) => plan.clusters[k].vpc.map(|v| plan.vpcs[v].region),
    };
    let provider = aws.provider(region);
    let vpc_of = |e: Endpoint| match e {
        Endpoint::Component(i) => plan.placement[i].vpc,
        Endpoint::Cluster(k) => plan.clusters[k].vpc,
    };
    match (&from_sg, &to_sg) {
        (Some(f), Some(to)) => {
            let same_vpc = vpc_of(l.from) == vpc_of(l.to);
            let (eg_peer, in_peer) = if same_vpc {
                (Peer::Group(to.clone()), Peer::Group(f.clone()))
            } else {
                let cidr = |e| {
                    vpc_of(e).map(|v| format!("var.{}_cidr", tf_ident(&plan.vpcs[v].container.id)))
                };
                match (cidr(l.to), cidr(l.from)) {
                    (Some(a), Some(b)) => (
                        Peer::CidrEach(format!("[{a}]")),
                        Peer::CidrEach(format!("[{b}]")),
                    ),
                    _ => return Ok(()),
                }
            };
            rule(
                out,
                "aws_vpc_security_group_egress_rule",
                Rule {
                    owner: &conn.id,
                    name: format!("{base}_egress"),
                    group: f.clone(),
                    peer: eg_peer,
                    port: l.port,
                    udp: l.udp,
                    description: label.clone(),
                    skip: None,
                },
                provider.as_deref(),
            )?;
            rule(
                out,
                "aws_vpc_security_group_ingress_rule",
                Rule {
                    owner: &conn.id,
                    name: format!("{base}_ingress"),
                    group: to.clone(),
                    peer: in_peer,
                    port: l.port,
                    udp: l.udp,
                    description: label,
                    skip: None,
                },
                aws.provider(match l.to {
                    Endpoint::Component(j) => plan.region_of(j),
                    _ => region,
                })
                .as_deref(),
            )?;
            if let Endpoint::Component(j) = l.to
                && matches!(plan.component(j).kind, ComponentKind::LoadBalancer(_))
            {
                redirect_sources.push((
                    j,
                    Peer::Group(f.clone()),
                    tf_ident(plan.endpoint_id(l.from)),
                ));
            }
        }
        (None, Some(to)) => {
            let Some(tag) = kind_of(l.from) else {
                return Ok(());
            };
            let (peer, skip, key) = if tag == KindTag::Admins {
                let v = admin_cidrs(aws, out)?;
                (Peer::CidrEach(v), None, "admins".to_owned())
            } else if tag == KindTag::Cdn {
                let pl = out.data(
                    "security.tf",
                    "aws_ec2_managed_prefix_list",
                    "cloudfront",
                    |b| b.a("name", s("com.amazonaws.global.cloudfront.origin-facing")),
                );
                (Peer::PrefixList(format!("{pl}.id")), None, "cdn".to_owned())
            } else if is_internet(tag) {
                let skip = match l.port {
                    80 => Some((
                        "CKV_AWS_260",
                        "the design draws plain HTTP from the internet to this component",
                    )),
                    22 => Some((
                        "CKV_AWS_24",
                        "the design draws SSH from the internet to this component",
                    )),
                    _ => None,
                };
                (Peer::Cidr("0.0.0.0/0".into()), skip, "internet".to_owned())
            } else {
                return Ok(());
            };
            let redirect_peer = match &peer {
                Peer::Cidr(c) => Peer::Cidr(c.clone()),
                Peer::CidrEach(v) => Peer::CidrEach(v.clone()),
                Peer::PrefixList(p) => Peer::PrefixList(p.clone()),
                Peer::Group(g) => Peer::Group(g.clone()),
                Peer::GroupId(g) => Peer::GroupId(g.clone()),
            };
            rule(
                out,
                "aws_vpc_security_group_ingress_rule",
                Rule {
                    owner: &conn.id,
                    name: format!("{base}_ingress"),
                    group: to.clone(),
                    peer,
                    port: l.port,
                    udp: l.udp,
                    description: label,
                    skip,
                },
                aws.provider(match l.to {
                    Endpoint::Component(j) => plan.region_of(j),
                    _ => region,
                })
                .as_deref(),
            )?;
            if let Endpoint::Component(j) = l.to
                && matches!(plan.component(j).kind, ComponentKind::LoadBalancer(_))
            {
                redirect_sources.push((j, redirect_peer, key));
            }
        }
        (Some(f), None) => {
            let Endpoint::Component(j) = l.to else {
                return Ok(());
            };
            let target = plan.component(j);
            let tag = target.kind.tag();
            let Some(v) = vpc_of(l.from) else {
                return Ok(());
            };
            let vid = tf_ident(&plan.vpcs[v].container.id);
            if let Some(svc) = aws_service(&target.kind) {
                let (peer, port) = if svc == "s3" {
                    (
                        Peer::PrefixList(format!("aws_vpc_endpoint.{vid}_s3.prefix_list_id")),
                        443,
                    )
                } else {
                    (
                        Peer::Group(format!("aws_security_group.{vid}_endpoints")),
                        443,
                    )
                };
                rule(
                    out,
                    "aws_vpc_security_group_egress_rule",
                    Rule {
                        owner: &conn.id,
                        name: format!("{base}_egress"),
                        group: f.clone(),
                        peer,
                        port,
                        udp: false,
                        description: comment_text(
                            &format!("{label} via the {svc} VPC endpoint (HTTPS)"),
                            250,
                        ),
                        skip: None,
                    },
                    provider.as_deref(),
                )?;
                if svc != "s3" {
                    let from_ident = tf_ident(plan.endpoint_id(l.from));
                    let name = format!("{vid}_endpoints_from_{from_ident}");
                    if endpoint_ingress.insert(name.clone()) {
                        rule(
                            out,
                            "aws_vpc_security_group_ingress_rule",
                            Rule {
                                owner: &conn.id,
                                name: name.clone(),
                                group: format!("aws_security_group.{vid}_endpoints"),
                                peer: Peer::Group(f.clone()),
                                port: 443,
                                udp: false,
                                description: comment_text(
                                    &format!(
                                        "HTTPS to the VPC endpoints from {}",
                                        plan.endpoint_id(l.from)
                                    ),
                                    200,
                                ),
                                skip: None,
                            },
                            provider.as_deref(),
                        )?;
                    } else {
                        out.also(
                            &conn.id,
                            &format!("aws_vpc_security_group_ingress_rule.{name}"),
                        );
                    }
                }
            } else if is_internet(tag) || tag == KindTag::Alerting || tag == KindTag::Admins {
                rule(
                    out,
                    "aws_vpc_security_group_egress_rule",
                    Rule {
                        owner: &conn.id,
                        name: format!("{base}_egress"),
                        group: f.clone(),
                        peer: Peer::Cidr("0.0.0.0/0".into()),
                        port: l.port,
                        udp: l.udp,
                        description: comment_text(
                            &format!("{label} to the internet through the NAT gateway"),
                            250,
                        ),
                        skip: None,
                    },
                    provider.as_deref(),
                )?;
            }
        }
        (None, None) => {}
    }
    Ok(())
}

/// The `admin_cidrs` variable: address blocks administrators connect from (the bastions'
/// `allowed_cidrs`; empty by default, which opens nothing).
fn admin_cidrs(aws: &Aws<'_>, out: &mut Emitter) -> Result<String, ExportError> {
    if out.has("var.admin_cidrs") {
        return Ok("var.admin_cidrs".into());
    }
    let mut cidrs: Vec<String> = Vec::new();
    for c in &aws.plan.topology.components {
        if let ComponentKind::Bastion(b) = &c.kind {
            for x in &b.allowed_cidrs {
                if !cidrs.contains(x) {
                    cidrs.push(x.clone());
                }
            }
        }
    }
    out.variable(
        &Id::fallback(),
        "admin_cidrs",
        "list(string)",
        "Address blocks administrators connect from (SSH to the bastions). Empty opens nothing.",
        Some(crate::export::hcl::strs(cidrs)),
    )
}
