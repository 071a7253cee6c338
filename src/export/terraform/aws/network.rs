//! `network.tf`: per drawn VPC the VPC, its subnets (one per tier and zone, addressed from the
//! tier's block), internet gateway, NAT gateways per zone, route tables, flow logs, VPC
//! endpoints for the AWS services the drawn connections reach, and peerings.

use std::collections::BTreeSet;

use super::Aws;
use super::versions::zone_letter;
use crate::export::ExportError;
use crate::export::hcl::{B, list, obj, r, s, t};
use crate::export::names::tf_ident;
use crate::export::plan::Endpoint;
use crate::export::terraform::Emitter;
use crate::model::{ComponentKind, Tier};

/// The AWS service a managed component is reached through, as a VPC endpoint service name
/// suffix (`s3` is a gateway endpoint, the others interface endpoints).
pub(crate) fn aws_service(kind: &ComponentKind) -> Option<&'static str> {
    match kind {
        ComponentKind::ObjectStorage(_) => Some("s3"),
        ComponentKind::SecretsManager(_) => Some("secretsmanager"),
        ComponentKind::LogAggregation(_) => Some("logs"),
        ComponentKind::Metrics(_) => Some("monitoring"),
        ComponentKind::Tracing(_) => Some("xray"),
        _ => None,
    }
}

/// The AWS services reached from inside VPC `v` by the drawn connections.
pub(crate) fn services_of(aws: &Aws<'_>, v: usize) -> BTreeSet<&'static str> {
    let plan = aws.plan;
    let mut set = BTreeSet::new();
    for l in &plan.links {
        let from_vpc = match l.from {
            Endpoint::Component(i) => plan.placement[i].vpc,
            Endpoint::Cluster(k) => plan.clusters[k].vpc,
        };
        if from_vpc != Some(v) || aws.sg_of(l.from).is_none() {
            continue;
        }
        if let Endpoint::Component(j) = l.to
            && plan.placement[j].vpc.is_none()
            && let Some(svc) = aws_service(&plan.component(j).kind)
        {
            set.insert(svc);
        }
    }
    set
}

/// Route tables of VPC `v` that private tiers use (for gateway endpoints and peerings).
pub(crate) fn private_route_tables(aws: &Aws<'_>, v: usize) -> Vec<String> {
    let vpc = &aws.plan.vpcs[v];
    let vid = tf_ident(&vpc.container.id);
    let mut out = Vec::new();
    let zones: BTreeSet<usize> = vpc
        .tiers
        .iter()
        .filter(|t| matches!(t.tier, Tier::PrivateApp))
        .flat_map(|t| t.subnets.iter().map(|s| s.zone_index))
        .collect();
    for z in zones {
        out.push(format!(
            "aws_route_table.{vid}_private_{}.id",
            zone_letter(z)
        ));
    }
    if vpc
        .tiers
        .iter()
        .any(|t| !t.tier.is_public() && !matches!(t.tier, Tier::PrivateApp))
    {
        out.push(format!("aws_route_table.{vid}_isolated.id"));
    }
    out
}

pub(crate) fn emit(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    for (v, vpc) in plan.vpcs.iter().enumerate() {
        let c = vpc.container;
        let vid = tf_ident(&c.id);
        let region = Some(vpc.region);
        let provider = aws.provider(region);
        let with_provider = |b: B| match &provider {
            Some(p) => b.e("provider", p),
            None => b,
        };
        let zones_var = format!("var.zones_{}", tf_ident(&vpc.region.id));
        let cidr_var = out.variable(
            &c.id,
            &format!("{vid}_cidr"),
            "string",
            &format!("Address block of VPC {}.", c.id),
            Some(s(vpc.cidr.to_string())),
        )?;
        let mut subnet_defaults = Vec::new();
        for tier in &vpc.tiers {
            for sn in &tier.subnets {
                subnet_defaults.push((format!("{}-{}", tier.id, sn.zone), s(sn.cidr.to_string())));
            }
        }
        let subnets_var = out.variable(
            &c.id,
            &format!("{vid}_subnet_cidrs"),
            "map(string)",
            &format!(
                "Address block of each subnet of VPC {} (tier-zone), carved from the tier's block.",
                c.id
            ),
            Some(obj(subnet_defaults)),
        )?;
        let flow_logs = vpc.props.flow_logs;
        out.resource("network.tf", &c.id, "aws_vpc", &vid, |b| {
            let b = with_provider(b)
                .e("cidr_block", &cidr_var)
                .a("enable_dns_support", true)
                .a("enable_dns_hostnames", vpc.props.dns_hostnames)
                .a("tags", obj(vec![("Name", t(&aws.name(&c.id)))]));
            if flow_logs {
                b
            } else {
                b.skip(
                    "CKV2_AWS_11",
                    "flow logs are off in the design (flow_logs: false)",
                )
            }
        })?;
        out.resource(
            "network.tf",
            &c.id,
            "aws_default_security_group",
            &vid,
            |b| with_provider(b).e("vpc_id", &format!("aws_vpc.{vid}.id")),
        )?;
        if flow_logs {
            flow_log(aws, out, v)?;
        }
        let has_public = vpc.tiers.iter().any(|t| t.tier.is_public());
        if has_public {
            out.resource("network.tf", &c.id, "aws_internet_gateway", &vid, |b| {
                with_provider(b)
                    .e("vpc_id", &format!("aws_vpc.{vid}.id"))
                    .a("tags", obj(vec![("Name", t(&aws.name(&c.id)))]))
            })?;
            out.resource(
                "network.tf",
                &c.id,
                "aws_route_table",
                &format!("{vid}_public"),
                |b| {
                    with_provider(b)
                        .e("vpc_id", &format!("aws_vpc.{vid}.id"))
                        .b(B::new("route", &[])
                            .a("cidr_block", s("0.0.0.0/0"))
                            .e("gateway_id", &format!("aws_internet_gateway.{vid}.id")))
                        .a(
                            "tags",
                            obj(vec![("Name", t(&format!("{}-public", aws.name(&c.id))))]),
                        )
                },
            )?;
        }
        // Subnets.
        for tier in &vpc.tiers {
            let owner = tier.container.map_or(&c.id, |k| &k.id);
            let tid = tf_ident(&tier.id);
            for sn in &tier.subnets {
                let zid = tf_ident(&sn.zone);
                let name = format!("{tid}_{zid}");
                let key = format!("{}-{}", tier.id, sn.zone);
                out.resource("network.tf", owner, "aws_subnet", &name, |b| {
                    with_provider(b)
                        .e("vpc_id", &format!("aws_vpc.{vid}.id"))
                        .a("cidr_block", r(&format!("{subnets_var}[\"{key}\"]")))
                        .a(
                            "availability_zone",
                            r(&format!("{zones_var}[{}]", sn.zone_index)),
                        )
                        .a("map_public_ip_on_launch", false)
                        .a(
                            "tags",
                            obj(vec![
                                ("Name", t(&format!("{}-{}", aws.name(&tier.id), sn.zone))),
                                ("Tier", s(tier.tier.label().to_owned())),
                            ]),
                        )
                })?;
            }
        }
        // NAT gateways, one per zone of each drawn NAT gateway in this VPC.
        let mut nat_by_zone: Vec<(usize, String)> = Vec::new();
        for i in plan.components_where(|k| matches!(k, ComponentKind::NatGateway(_))) {
            let p = plan.placement[i];
            if p.vpc != Some(v) {
                continue;
            }
            let Some(tier) = p.tier.and_then(|t| vpc.tiers.get(t)) else {
                continue;
            };
            let k = plan.component(i);
            let nid = aws.ident(i);
            let zones: Vec<&crate::model::Id> = if k.capacity.zones.is_empty() {
                tier.subnets.iter().map(|s| &s.zone).collect()
            } else {
                k.capacity.occupied_zones()
            };
            for z in zones {
                let Some(sn) = tier.subnets.iter().find(|s| &s.zone == z) else {
                    continue;
                };
                let zid = tf_ident(z);
                let name = format!("{nid}_{zid}");
                out.resource("network.tf", &k.id, "aws_eip", &name, |b| {
                    with_provider(b).a("domain", s("vpc")).a(
                        "tags",
                        obj(vec![("Name", t(&format!("{}-{}", aws.name(&k.id), z)))]),
                    )
                })?;
                out.resource("network.tf", &k.id, "aws_nat_gateway", &name, |b| {
                    with_provider(b)
                        .e("allocation_id", &format!("aws_eip.{name}.id"))
                        .e(
                            "subnet_id",
                            &format!("aws_subnet.{}_{zid}.id", tf_ident(&tier.id)),
                        )
                        .a(
                            "tags",
                            obj(vec![("Name", t(&format!("{}-{}", aws.name(&k.id), z)))]),
                        )
                        .a(
                            "depends_on",
                            list(if has_public {
                                vec![r(&format!("aws_internet_gateway.{vid}"))]
                            } else {
                                vec![]
                            }),
                        )
                })?;
                nat_by_zone.push((sn.zone_index, format!("aws_nat_gateway.{name}.id")));
            }
        }
        // Private route tables: the application tier per zone through that zone's NAT gateway
        // (else the first one), the data and messaging tiers without a route out.
        let app_zones: BTreeSet<usize> = vpc
            .tiers
            .iter()
            .filter(|t| matches!(t.tier, Tier::PrivateApp))
            .flat_map(|t| t.subnets.iter().map(|s| s.zone_index))
            .collect();
        for z in &app_zones {
            let nat = nat_by_zone
                .iter()
                .find(|(zi, _)| zi == z)
                .or(nat_by_zone.first())
                .map(|(_, a)| a.clone());
            let letter = zone_letter(*z);
            out.resource(
                "network.tf",
                &c.id,
                "aws_route_table",
                &format!("{vid}_private_{letter}"),
                |b| {
                    let mut b = with_provider(b).e("vpc_id", &format!("aws_vpc.{vid}.id"));
                    if let Some(nat) = &nat {
                        b = b.b(B::new("route", &[])
                            .a("cidr_block", s("0.0.0.0/0"))
                            .e("nat_gateway_id", nat));
                    }
                    b.a(
                        "tags",
                        obj(vec![(
                            "Name",
                            t(&format!("{}-private-{letter}", aws.name(&c.id))),
                        )]),
                    )
                },
            )?;
        }
        let isolated = vpc
            .tiers
            .iter()
            .any(|t| !t.tier.is_public() && !matches!(t.tier, Tier::PrivateApp));
        if isolated {
            out.resource(
                "network.tf",
                &c.id,
                "aws_route_table",
                &format!("{vid}_isolated"),
                |b| {
                    with_provider(b)
                        .e("vpc_id", &format!("aws_vpc.{vid}.id"))
                        .a(
                            "tags",
                            obj(vec![("Name", t(&format!("{}-isolated", aws.name(&c.id))))]),
                        )
                },
            )?;
        }
        for tier in &vpc.tiers {
            let owner = tier.container.map_or(&c.id, |k| &k.id);
            let tid = tf_ident(&tier.id);
            for sn in &tier.subnets {
                let zid = tf_ident(&sn.zone);
                let table = if tier.tier.is_public() {
                    format!("aws_route_table.{vid}_public.id")
                } else if matches!(tier.tier, Tier::PrivateApp) {
                    format!(
                        "aws_route_table.{vid}_private_{}.id",
                        zone_letter(sn.zone_index)
                    )
                } else {
                    format!("aws_route_table.{vid}_isolated.id")
                };
                out.resource(
                    "network.tf",
                    owner,
                    "aws_route_table_association",
                    &format!("{tid}_{zid}"),
                    |b| {
                        with_provider(b)
                            .e("subnet_id", &format!("aws_subnet.{tid}_{zid}.id"))
                            .e("route_table_id", &table)
                    },
                )?;
            }
        }
        endpoints(aws, out, v)?;
    }
    peerings(aws, out)
}

fn flow_log(aws: &Aws<'_>, out: &mut Emitter, v: usize) -> Result<(), ExportError> {
    let vpc = &aws.plan.vpcs[v];
    let c = vpc.container;
    let vid = tf_ident(&c.id);
    let provider = aws.provider(Some(vpc.region));
    let with_provider = |b: B| match &provider {
        Some(p) => b.e("provider", p),
        None => b,
    };
    let kms = aws.kms(Some(vpc.region));
    out.resource(
        "observability.tf",
        &c.id,
        "aws_cloudwatch_log_group",
        &format!("{vid}_flow_logs"),
        |b| {
            with_provider(b)
                .a(
                    "name",
                    t(&format!("/aws/vpc/{}/flow-logs", aws.name(&c.id))),
                )
                .a("retention_in_days", 365)
                .e("kms_key_id", &kms)
        },
    )?;
    let assume = crate::export::hcl::call(
        "jsonencode",
        vec![obj(vec![
            ("Version", s("2012-10-17")),
            (
                "Statement",
                list(vec![obj(vec![
                    ("Effect", s("Allow")),
                    (
                        "Principal",
                        obj(vec![("Service", s("vpc-flow-logs.amazonaws.com"))]),
                    ),
                    ("Action", s("sts:AssumeRole")),
                ])]),
            ),
        ])],
    );
    out.resource(
        "network.tf",
        &c.id,
        "aws_iam_role",
        &format!("{vid}_flow_logs"),
        |b| {
            b.a("name", t(&format!("{}-flow-logs", aws.name(&c.id))))
                .a("assume_role_policy", assume)
        },
    )?;
    let policy = crate::export::hcl::call(
        "jsonencode",
        vec![obj(vec![
            ("Version", s("2012-10-17")),
            (
                "Statement",
                list(vec![obj(vec![
                    ("Effect", s("Allow")),
                    (
                        "Action",
                        crate::export::hcl::strs([
                            "logs:CreateLogStream",
                            "logs:PutLogEvents",
                            "logs:DescribeLogStreams",
                        ]),
                    ),
                    (
                        "Resource",
                        t(&format!(
                            "${{aws_cloudwatch_log_group.{vid}_flow_logs.arn}}:*"
                        )),
                    ),
                ])]),
            ),
        ])],
    );
    out.resource(
        "network.tf",
        &c.id,
        "aws_iam_role_policy",
        &format!("{vid}_flow_logs"),
        |b| {
            b.a("name", s("flow-logs"))
                .e("role", &format!("aws_iam_role.{vid}_flow_logs.id"))
                .a("policy", policy)
        },
    )?;
    out.resource("network.tf", &c.id, "aws_flow_log", &vid, |b| {
        with_provider(b)
            .e("vpc_id", &format!("aws_vpc.{vid}.id"))
            .a("traffic_type", s("ALL"))
            .e(
                "log_destination",
                &format!("aws_cloudwatch_log_group.{vid}_flow_logs.arn"),
            )
            .e("iam_role_arn", &format!("aws_iam_role.{vid}_flow_logs.arn"))
    })?;
    Ok(())
}

/// The S3 gateway endpoint and the interface endpoints the drawn connections need.
fn endpoints(aws: &Aws<'_>, out: &mut Emitter, v: usize) -> Result<(), ExportError> {
    let services = services_of(aws, v);
    if services.is_empty() {
        return Ok(());
    }
    let vpc = &aws.plan.vpcs[v];
    let c = vpc.container;
    let vid = tf_ident(&c.id);
    let provider = aws.provider(Some(vpc.region));
    let with_provider = |b: B| match &provider {
        Some(p) => b.e("provider", p),
        None => b,
    };
    let region_var = aws.region_var(vpc.region);
    let tables = private_route_tables(aws, v);
    // Interface endpoints sit in the application tier (else the first private tier).
    let tier = vpc
        .tiers
        .iter()
        .position(|t| matches!(t.tier, Tier::PrivateApp))
        .or_else(|| vpc.tiers.iter().position(|t| !t.tier.is_public()));
    let interface: Vec<&str> = services.iter().copied().filter(|s| *s != "s3").collect();
    if !interface.is_empty() {
        out.resource("security.tf", &c.id, "aws_security_group", &format!("{vid}_endpoints"), |b| {
            with_provider(b)
                .a("name", t(&format!("{}-endpoints", aws.name(&c.id))))
                .a("description", s(format!("VPC interface endpoints of {}: HTTPS from the components the design connects to AWS services", c.id)))
                .e("vpc_id", &format!("aws_vpc.{vid}.id"))
        })?;
    }
    for svc in services {
        let name = format!("{vid}_{}", svc.replace('-', "_"));
        if svc == "s3" {
            out.resource("network.tf", &c.id, "aws_vpc_endpoint", &name, |b| {
                with_provider(b)
                    .e("vpc_id", &format!("aws_vpc.{vid}.id"))
                    .a(
                        "service_name",
                        t(&format!("com.amazonaws.${{{region_var}}}.s3")),
                    )
                    .a("vpc_endpoint_type", s("Gateway"))
                    .a(
                        "route_table_ids",
                        list(tables.iter().map(|x| r(x)).collect()),
                    )
            })?;
        } else {
            let subnets = tier.map(|ti| aws.subnets(v, ti)).unwrap_or_default();
            out.resource("network.tf", &c.id, "aws_vpc_endpoint", &name, |b| {
                with_provider(b)
                    .e("vpc_id", &format!("aws_vpc.{vid}.id"))
                    .a(
                        "service_name",
                        t(&format!("com.amazonaws.${{{region_var}}}.{svc}")),
                    )
                    .a("vpc_endpoint_type", s("Interface"))
                    .a("private_dns_enabled", true)
                    .a("subnet_ids", list(subnets.iter().map(|x| r(x)).collect()))
                    .a(
                        "security_group_ids",
                        list(vec![r(&format!("aws_security_group.{vid}_endpoints.id"))]),
                    )
            })?;
        }
    }
    Ok(())
}

fn peerings(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    for p in &plan.topology.peerings {
        let (Some(a), Some(b)) = (
            plan.vpcs.iter().position(|v| v.container.id == p.from),
            plan.vpcs.iter().position(|v| v.container.id == p.to),
        ) else {
            continue;
        };
        let (va, vb) = (&plan.vpcs[a], &plan.vpcs[b]);
        let pid = tf_ident(&p.id);
        let same_region = va.region.id == vb.region.id;
        let pa = aws.provider(Some(va.region));
        let pb = aws.provider(Some(vb.region));
        let (ia, ib) = (tf_ident(&va.container.id), tf_ident(&vb.container.id));
        out.resource(
            "network.tf",
            &p.id,
            "aws_vpc_peering_connection",
            &pid,
            |bl| {
                let bl = match &pa {
                    Some(x) => bl.e("provider", x),
                    None => bl,
                };
                let bl = bl
                    .e("vpc_id", &format!("aws_vpc.{ia}.id"))
                    .e("peer_vpc_id", &format!("aws_vpc.{ib}.id"));
                let bl = if same_region {
                    bl.a("auto_accept", true)
                } else {
                    bl.e("peer_region", &aws.region_var(vb.region))
                };
                bl.a(
                    "tags",
                    obj(vec![
                        ("Name", t(&aws.name(&p.id))),
                        (
                            "Justification",
                            s(crate::export::names::comment_text(&p.justification, 200)),
                        ),
                    ]),
                )
            },
        )?;
        if !same_region {
            out.resource(
                "network.tf",
                &p.id,
                "aws_vpc_peering_connection_accepter",
                &pid,
                |bl| {
                    let bl = match &pb {
                        Some(x) => bl.e("provider", x),
                        None => bl,
                    };
                    bl.e(
                        "vpc_peering_connection_id",
                        &format!("aws_vpc_peering_connection.{pid}.id"),
                    )
                    .a("auto_accept", true)
                },
            )?;
        }
        for (side, other, prov) in [(a, b, &pa), (b, a, &pb)] {
            for (n, table) in private_route_tables(aws, side).iter().enumerate() {
                let other_cidr = format!(
                    "aws_vpc.{}.cidr_block",
                    tf_ident(&plan.vpcs[other].container.id)
                );
                out.resource(
                    "network.tf",
                    &p.id,
                    "aws_route",
                    &format!("{pid}_{}_{n}", tf_ident(&plan.vpcs[side].container.id)),
                    |bl| {
                        let bl = match prov {
                            Some(x) => bl.e("provider", x),
                            None => bl,
                        };
                        bl.e("route_table_id", table)
                            .e("destination_cidr_block", &other_cidr)
                            .e(
                                "vpc_peering_connection_id",
                                &format!("aws_vpc_peering_connection.{pid}.id"),
                            )
                    },
                )?;
            }
        }
    }
    Ok(())
}
