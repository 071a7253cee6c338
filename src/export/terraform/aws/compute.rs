//! `compute.tf`: application load balancers (HTTPS with the ACM certificate, HTTP→HTTPS
//! redirect, WAF association, access logs), API gateways (HTTP API with a VPC link, throttling
//! and access logs), bastion hosts, and EKS clusters with one managed node group per zone.

use super::storage::access_log_bucket;
use super::{Aws, ec2_type};
use crate::export::ExportError;
use crate::export::hcl::{B, call, list, obj, r, s, strs, t};
use crate::export::names::tf_ident;
use crate::export::plan::{ClusterSource, Endpoint};
use crate::export::terraform::Emitter;
use crate::model::{ComponentKind, ConnectionKind, Id, LoadBalancerLayer};

fn with(provider: &Option<String>, b: B) -> B {
    match provider {
        Some(p) => b.e("provider", p),
        None => b,
    }
}

fn refs(items: &[String]) -> hcl::Expression {
    list(items.iter().map(|x| r(x)).collect())
}

fn assume(service: &str) -> hcl::Expression {
    call(
        "jsonencode",
        vec![obj(vec![
            ("Version", s("2012-10-17")),
            (
                "Statement",
                list(vec![obj(vec![
                    ("Effect", s("Allow")),
                    ("Principal", obj(vec![("Service", s(service))])),
                    ("Action", s("sts:AssumeRole")),
                ])]),
            ),
        ])],
    )
}

/// The first certificate manager's certificate, if one is drawn.
pub(crate) fn certificate(aws: &Aws<'_>) -> Option<String> {
    aws.plan
        .components_where(|k| matches!(k, ComponentKind::CertificateManager(_)))
        .first()
        .map(|&i| format!("aws_acm_certificate.{}", aws.ident(i)))
}

pub(crate) fn emit(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    load_balancers(aws, out)?;
    api_gateways(aws, out)?;
    bastions(aws, out)?;
    clusters(aws, out)
}

fn load_balancers(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    for i in plan.components_where(|k| matches!(k, ComponentKind::LoadBalancer(_))) {
        let c = plan.component(i);
        let ComponentKind::LoadBalancer(lb) = &c.kind else {
            continue;
        };
        if plan.placement[i].vpc.is_none() {
            out.note(format!(
                "load balancer \"{}\" is in no VPC: not exported",
                c.id
            ));
            continue;
        }
        let id = aws.ident(i);
        let region = plan.region_of(i);
        let provider = aws.provider(region);
        let logs = access_log_bucket(aws, out, region)?;
        let subnets = aws.component_subnets(i);
        let application = lb.layer == LoadBalancerLayer::Application;
        let has_waf = plan.links_from(Endpoint::Component(i)).any(|l| {
            matches!(l.to, Endpoint::Component(j) if matches!(plan.component(j).kind, ComponentKind::Waf(_)))
        });
        let redirect = lb.http_to_https_redirect && lb.tls_termination;
        out.resource("compute.tf", &c.id, "aws_lb", &id, |b| {
            let mut b = with(&provider, b);
            if lb.internet_facing && !has_waf {
                b = b.skip(
                    "CKV2_AWS_28",
                    "the design draws no WAF for this load balancer",
                );
            }
            if !redirect {
                b = b.skip(
                    "CKV2_AWS_20",
                    "the design has no HTTP to HTTPS redirect at this load balancer",
                );
            }
            let b = b
                .a(
                    "name",
                    call(
                        "substr",
                        vec![
                            t(&format!(
                                "${{local.name}}-{}",
                                crate::export::names::cloud_name(&c.id)
                            )),
                            0.into(),
                            32.into(),
                        ],
                    ),
                )
                .a("internal", !lb.internet_facing)
                .a(
                    "load_balancer_type",
                    s(if application {
                        "application"
                    } else {
                        "network"
                    }),
                )
                .a(
                    "security_groups",
                    list(vec![r(&format!("aws_security_group.{id}.id"))]),
                )
                .a("subnets", refs(&subnets))
                .a("enable_deletion_protection", true)
                .a("enable_cross_zone_load_balancing", lb.cross_zone);
            let b = if application {
                b.a("drop_invalid_header_fields", true)
            } else {
                b
            };
            b.b(B::new("access_logs", &[])
                .e("bucket", &format!("aws_s3_bucket.{logs}.id"))
                .a("prefix", s(format!("lb/{}", c.id)))
                .a("enabled", true))
        })?;
        out.data("compute.tf", "aws_elb_service_account", "main", |b| b);
        // Target groups: one per drawn request connection from the load balancer to a target in
        // the VPC (WAF and certificate connections are associations, not targets).
        let mut targets: Vec<(String, u16, Id, bool)> = Vec::new();
        for l in plan.links_from(Endpoint::Component(i)) {
            let conn = plan.connection(l);
            if conn.kind != ConnectionKind::Request || aws.sg_of(l.to).is_none() {
                continue;
            }
            let tid = tf_ident(&conn.id);
            let tls = conn.tls;
            let health = lb.health_check_path.clone();
            let tg = format!("{id}_{}", tf_ident(plan.endpoint_id(l.to)));
            let name_src = crate::export::names::cloud_name(plan.endpoint_id(l.to));
            out.resource("compute.tf", &conn.id, "aws_lb_target_group", &tg, |b| {
                let b = if tls || !application {
                    b
                } else {
                    b.skip(
                        "CKV_AWS_378",
                        "the design draws this connection in plain HTTP (tls: false)",
                    )
                };
                with(&provider, b)
                    .a(
                        "name",
                        call(
                            "substr",
                            vec![
                                t(&format!("${{local.name}}-{name_src}")),
                                0.into(),
                                32.into(),
                            ],
                        ),
                    )
                    .a("port", i64::from(l.port))
                    .a(
                        "protocol",
                        s(if !application {
                            "TCP"
                        } else if tls {
                            "HTTPS"
                        } else {
                            "HTTP"
                        }),
                    )
                    .a("target_type", s("ip"))
                    .e(
                        "vpc_id",
                        &format!("{}.id", aws.vpc_of(i).unwrap_or_default()),
                    )
                    .b(B::new("health_check", &[])
                        .a("enabled", true)
                        .a("path", s(if application { health } else { String::new() }))
                        .a(
                            "protocol",
                            s(if !application {
                                "TCP"
                            } else if tls {
                                "HTTPS"
                            } else {
                                "HTTP"
                            }),
                        )
                        .a("healthy_threshold", 2)
                        .a(
                            "unhealthy_threshold",
                            i64::from(c.capacity.failover.unhealthy_threshold.clamp(2, 10)),
                        )
                        .a(
                            "interval",
                            (c.capacity.failover.health_check_interval_s.round() as i64)
                                .clamp(5, 300),
                        ))
            })?;
            let web = matches!(&plan.component(match l.to { Endpoint::Component(j) => j, _ => i }).kind, ComponentKind::Workload(w) if w.role == crate::model::WorkloadRole::WebApp);
            targets.push((tg, l.port, plan.endpoint_id(l.to).clone(), web));
            let _ = tid;
        }
        let default = targets.iter().position(|t| t.3).unwrap_or(0);
        let cert = certificate(aws);
        if application && lb.tls_termination {
            let Some(cert) = cert.clone() else {
                out.note(format!("load balancer \"{}\": TLS termination needs a certificate manager in the design; no HTTPS listener exported", c.id));
                continue;
            };
            out.resource(
                "compute.tf",
                &c.id,
                "aws_lb_listener",
                &format!("{id}_https"),
                |b| {
                    let b = with(&provider, b)
                        .e("load_balancer_arn", &format!("aws_lb.{id}.arn"))
                        .a("port", 443)
                        .a("protocol", s("HTTPS"))
                        .a("ssl_policy", s("ELBSecurityPolicy-TLS13-1-2-2021-06"))
                        .e("certificate_arn", &format!("{cert}.arn"));
                    match targets.get(default) {
                        Some((tg, ..)) => b.b(B::new("default_action", &[])
                            .a("type", s("forward"))
                            .e("target_group_arn", &format!("aws_lb_target_group.{tg}.arn"))),
                        None => b.b(B::new("default_action", &[])
                            .a("type", s("fixed-response"))
                            .b(B::new("fixed_response", &[])
                                .a("content_type", s("text/plain"))
                                .a("status_code", s("404")))),
                    }
                },
            )?;
            for (n, (tg, _, target, _)) in targets.iter().enumerate() {
                if n == default {
                    continue;
                }
                let paths = out.variable(
                    target,
                    &format!("{id}_{}_paths", tf_ident(target)),
                    "list(string)",
                    &format!(
                        "Path patterns the load balancer {} sends to {}.",
                        c.id, target
                    ),
                    Some(strs([
                        if matches!(
                            plan.topology
                                .component(target.as_str())
                                .map(|k| k.kind.tag()),
                            Some(crate::model::KindTag::ApiGateway)
                        ) {
                            "/api/*".to_owned()
                        } else {
                            format!("/{target}/*")
                        },
                    ])),
                )?;
                out.resource(
                    "compute.tf",
                    target,
                    "aws_lb_listener_rule",
                    &format!("{id}_{}", tf_ident(target)),
                    |b| {
                        with(&provider, b)
                            .e("listener_arn", &format!("aws_lb_listener.{id}_https.arn"))
                            .a("priority", (n + 1) as i64 * 10)
                            .b(B::new("action", &[])
                                .a("type", s("forward"))
                                .e("target_group_arn", &format!("aws_lb_target_group.{tg}.arn")))
                            .b(B::new("condition", &[])
                                .b(B::new("path_pattern", &[]).e("values", &paths)))
                    },
                )?;
            }
            if lb.http_to_https_redirect {
                out.resource(
                    "compute.tf",
                    &c.id,
                    "aws_lb_listener",
                    &format!("{id}_http"),
                    |b| {
                        with(&provider, b)
                            .e("load_balancer_arn", &format!("aws_lb.{id}.arn"))
                            .a("port", 80)
                            .a("protocol", s("HTTP"))
                            .b(B::new("default_action", &[])
                                .a("type", s("redirect"))
                                .b(B::new("redirect", &[])
                                    .a("port", s("443"))
                                    .a("protocol", s("HTTPS"))
                                    .a("status_code", s("HTTP_301"))))
                    },
                )?;
            }
        } else if let Some((tg, port, ..)) = targets.get(default) {
            let tls = !application && lb.tls_termination && cert.is_some();
            out.resource("compute.tf", &c.id, "aws_lb_listener", &id, |b| {
                let b = with(&provider, b)
                    .e("load_balancer_arn", &format!("aws_lb.{id}.arn"))
                    .a("port", i64::from(*port));
                let b = if tls {
                    b.a("protocol", s("TLS"))
                        .a("ssl_policy", s("ELBSecurityPolicy-TLS13-1-2-2021-06"))
                        .e("certificate_arn", &format!("{}.arn", cert.clone().unwrap_or_default()))
                } else {
                    b.a("protocol", s(if application { "HTTP" } else { "TCP" }))
                        .skip("CKV_AWS_2", "the design terminates no TLS at this load balancer (tls_termination: false)")
                        .skip("CKV_AWS_103", "the design terminates no TLS at this load balancer")
                };
                b.b(B::new("default_action", &[])
                    .a("type", s("forward"))
                    .e("target_group_arn", &format!("aws_lb_target_group.{tg}.arn")))
            })?;
        }
        // WAF association for each drawn connection to a WAF.
        for l in plan.links_from(Endpoint::Component(i)) {
            let Endpoint::Component(j) = l.to else {
                continue;
            };
            if !matches!(plan.component(j).kind, ComponentKind::Waf(_)) {
                continue;
            }
            let conn = plan.connection(l);
            let waf = aws.ident(j);
            out.resource(
                "security.tf",
                &conn.id,
                "aws_wafv2_web_acl_association",
                &tf_ident(&conn.id),
                |b| {
                    with(&provider, b)
                        .e("resource_arn", &format!("aws_lb.{id}.arn"))
                        .e("web_acl_arn", &format!("aws_wafv2_web_acl.{waf}.arn"))
                },
            )?;
            out.also(
                &plan.component(j).id,
                &format!("aws_wafv2_web_acl_association.{}", tf_ident(&conn.id)),
            );
        }
        for l in plan.links_from(Endpoint::Component(i)) {
            let Endpoint::Component(j) = l.to else {
                continue;
            };
            if matches!(plan.component(j).kind, ComponentKind::CertificateManager(_))
                && let Some(cert) = &cert
            {
                out.also(&plan.connection(l).id, cert);
                out.also(
                    &plan.connection(l).id,
                    &format!("aws_lb_listener.{id}_https"),
                );
            }
        }
        out.output(
            &c.id,
            &format!("{id}_dns_name"),
            &format!("DNS name of load balancer {}.", c.id),
            r(&format!("aws_lb.{id}.dns_name")),
            false,
        )?;
    }
    Ok(())
}

fn api_gateways(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    for i in plan.components_where(|k| matches!(k, ComponentKind::ApiGateway(_))) {
        let c = plan.component(i);
        let ComponentKind::ApiGateway(g) = &c.kind else {
            continue;
        };
        let id = aws.ident(i);
        let region = plan.region_of(i);
        let provider = aws.provider(region);
        let kms = aws.kms(region);
        out.resource("compute.tf", &c.id, "aws_apigatewayv2_api", &id, |b| {
            with(&provider, b)
                .a("name", t(&aws.name(&c.id)))
                .a("protocol_type", s("HTTP"))
                .a(
                    "description",
                    s(format!(
                        "API gateway {} ({})",
                        c.id,
                        crate::export::names::comment_text(&g.product, 60)
                    )),
                )
        })?;
        out.resource(
            "observability.tf",
            &c.id,
            "aws_cloudwatch_log_group",
            &format!("{id}_access"),
            |b| {
                with(&provider, b)
                    .a("name", t(&format!("/aws/apigateway/{}", aws.name(&c.id))))
                    .a("retention_in_days", 365)
                    .e("kms_key_id", &kms)
            },
        )?;
        let fmt = call(
            "jsonencode",
            vec![obj(vec![
                ("requestId", s("$context.requestId")),
                ("ip", s("$context.identity.sourceIp")),
                ("requestTime", s("$context.requestTime")),
                ("routeKey", s("$context.routeKey")),
                ("status", s("$context.status")),
                ("latency", s("$context.integrationLatency")),
            ])],
        );
        out.resource("compute.tf", &c.id, "aws_apigatewayv2_stage", &id, |b| {
            let mut settings =
                B::new("default_route_settings", &[]).a("detailed_metrics_enabled", true);
            if let Some(rps) = g.rate_limit_rps {
                settings = settings
                    .a("throttling_rate_limit", i64::from(rps))
                    .a("throttling_burst_limit", i64::from(rps.saturating_mul(2)));
            }
            with(&provider, b)
                .e("api_id", &format!("aws_apigatewayv2_api.{id}.id"))
                .a("name", s("$default"))
                .a("auto_deploy", true)
                .b(settings)
                .b(B::new("access_log_settings", &[])
                    .e(
                        "destination_arn",
                        &format!("aws_cloudwatch_log_group.{id}_access.arn"),
                    )
                    .a("format", fmt))
        })?;
        if aws.has_sg(i) {
            let subnets = aws.component_subnets(i);
            out.resource("compute.tf", &c.id, "aws_apigatewayv2_vpc_link", &id, |b| {
                with(&provider, b)
                    .a("name", t(&aws.name(&c.id)))
                    .a(
                        "security_group_ids",
                        list(vec![r(&format!("aws_security_group.{id}.id"))]),
                    )
                    .a("subnet_ids", refs(&subnets))
            })?;
            let uri = out.variable(
                &c.id,
                &format!("{id}_integration_uri"),
                "string",
                &format!("ARN of the listener of the internal load balancer that API gateway {} forwards to (the services' ingress); empty until it exists.", c.id),
                Some(s("")),
            )?;
            out.resource(
                "compute.tf",
                &c.id,
                "aws_apigatewayv2_integration",
                &id,
                |b| {
                    with(&provider, b)
                        .a("count", r(&format!("{uri} == \"\" ? 0 : 1")))
                        .e("api_id", &format!("aws_apigatewayv2_api.{id}.id"))
                        .a("integration_type", s("HTTP_PROXY"))
                        .a("integration_method", s("ANY"))
                        .a("connection_type", s("VPC_LINK"))
                        .e(
                            "connection_id",
                            &format!("aws_apigatewayv2_vpc_link.{id}.id"),
                        )
                        .e("integration_uri", &uri)
                        .b(B::new("tls_config", &[])
                            .a("server_name_to_verify", r(&format!("var.{id}_server_name"))))
                },
            )?;
            out.variable(
                &c.id,
                &format!("{id}_server_name"),
                "string",
                &format!(
                    "Host name whose certificate API gateway {} verifies at its backend.",
                    c.id
                ),
                Some(s("services.internal")),
            )?;
        }
        if !g.authentication {
            out.note(format!("API gateway \"{}\": authentication is off in the design; no authorizer is exported", c.id));
        }
    }
    Ok(())
}

fn bastions(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    let list_b = plan.components_where(|k| matches!(k, ComponentKind::Bastion(_)));
    if list_b.is_empty() {
        return Ok(());
    }
    out.data("compute.tf", "aws_ssm_parameter", "al2023_arm64", |b| {
        b.a(
            "name",
            s("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64"),
        )
    });
    for i in list_b {
        let c = plan.component(i);
        let ComponentKind::Bastion(bp) = &c.kind else {
            continue;
        };
        if !aws.has_sg(i) {
            continue;
        }
        let id = aws.ident(i);
        let provider = aws.provider(plan.region_of(i));
        let ty = out.variable(
            &c.id,
            &format!("{id}_instance_type"),
            "string",
            &format!("Instance type of bastion {}.", c.id),
            Some(s(ec2_type(bp.size))),
        )?;
        out.resource("compute.tf", &c.id, "aws_iam_role", &id, |b| {
            b.a("name", t(&aws.name(&c.id)))
                .a("assume_role_policy", assume("ec2.amazonaws.com"))
        })?;
        out.resource("compute.tf", &c.id, "aws_iam_role_policy_attachment", &format!("{id}_ssm"), |b| {
            b.e("role", &format!("aws_iam_role.{id}.name"))
                .a("policy_arn", t("arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"))
        })?;
        out.resource("compute.tf", &c.id, "aws_iam_instance_profile", &id, |b| {
            b.a("name", t(&aws.name(&c.id)))
                .e("role", &format!("aws_iam_role.{id}.name"))
        })?;
        let public = plan.placement[i]
            .tier
            .zip(plan.placement[i].vpc)
            .is_some_and(|(t, v)| plan.vpcs[v].tiers[t].tier.is_public());
        let subnets = aws.component_subnets(i);
        let timeout = bp.session_timeout_min.map_or(0, |m| m.saturating_mul(60));
        let user_data = format!(
            "#!/bin/bash\n# Bastion {}: SSH hardening from the design (MFA {}, audit log {}).\necho 'ClientAliveInterval {}' >> /etc/ssh/sshd_config\necho 'ClientAliveCountMax 0' >> /etc/ssh/sshd_config\necho 'LogLevel VERBOSE' >> /etc/ssh/sshd_config\nsystemctl restart sshd\n",
            c.id, bp.mfa, bp.audit_log, timeout
        );
        for r_i in 0..c.capacity.replicas.max(1) {
            let subnet = subnets
                .get(r_i as usize % subnets.len().max(1))
                .cloned()
                .unwrap_or_default();
            let name = if c.capacity.replicas > 1 {
                format!("{id}_{}", r_i + 1)
            } else {
                id.clone()
            };
            let ud = user_data.clone();
            out.resource("compute.tf", &c.id, "aws_instance", &name, |b| {
                let b = with(&provider, b);
                let b = if public {
                    b.skip("CKV_AWS_88", "a bastion in a public subnet needs a public address for SSH from the administrators' networks (admin_cidrs)")
                } else {
                    b
                };
                b.e("ami", "data.aws_ssm_parameter.al2023_arm64.value")
                    .e("instance_type", &ty)
                    .e("subnet_id", &subnet)
                    .a("vpc_security_group_ids", list(vec![r(&format!("aws_security_group.{id}.id"))]))
                    .a("associate_public_ip_address", public)
                    .e("iam_instance_profile", &format!("aws_iam_instance_profile.{id}.name"))
                    .a("monitoring", true)
                    .a("ebs_optimized", true)
                    .a("user_data_base64", call("base64encode", vec![s(ud)]))
                    .b(B::new("metadata_options", &[])
                        .a("http_endpoint", s("enabled"))
                        .a("http_tokens", s("required"))
                        .a("http_put_response_hop_limit", 1))
                    .b(B::new("root_block_device", &[])
                        .a("encrypted", true)
                        .e("kms_key_id", &aws.kms(plan.region_of(i)))
                        .a("volume_size", 20)
                        .a("volume_type", s("gp3")))
                    .a("tags", obj(vec![("Name", t(&format!("{}-{}", aws.name(&c.id), r_i + 1)))]))
            })?;
        }
    }
    Ok(())
}

fn clusters(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    for cl in &plan.clusters {
        let Some(v) = cl.vpc else {
            out.note(format!(
                "Kubernetes cluster \"{}\" is in no VPC: not exported to Terraform",
                cl.id
            ));
            continue;
        };
        let vpc = &plan.vpcs[v];
        let cid = tf_ident(&cl.id);
        let provider = aws.provider(Some(vpc.region));
        let kms = aws.kms(Some(vpc.region));
        let tier = cl.tier.unwrap_or(0);
        let subnets = aws.subnets(v, tier);
        let owner = &cl.id;
        if let ClusterSource::Implicit(_) = cl.source {
            out.note(format!("workloads of VPC \"{}\" are drawn without a cluster: an EKS cluster \"{}\" with default properties is exported for them", vpc.container.id, cl.id));
        }
        let version = out.variable(
            owner,
            &format!("{cid}_kubernetes_version"),
            "string",
            &format!("Kubernetes version of cluster {}.", cl.id),
            Some(s(cl.props.version.clone())),
        )?;
        out.resource(
            "observability.tf",
            owner,
            "aws_cloudwatch_log_group",
            &format!("{cid}_cluster"),
            |b| {
                with(&provider, b)
                    .a("name", t(&format!("/aws/eks/{}/cluster", aws.name(&cl.id))))
                    .a("retention_in_days", 365)
                    .e("kms_key_id", &kms)
            },
        )?;
        out.resource(
            "compute.tf",
            owner,
            "aws_iam_role",
            &format!("{cid}_cluster"),
            |b| {
                b.a("name", t(&format!("{}-cluster", aws.name(&cl.id))))
                    .a("assume_role_policy", assume("eks.amazonaws.com"))
            },
        )?;
        out.resource("compute.tf", owner, "aws_iam_role_policy_attachment", &format!("{cid}_cluster"), |b| {
            b.e("role", &format!("aws_iam_role.{cid}_cluster.name"))
                .a("policy_arn", t("arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSClusterPolicy"))
        })?;
        out.resource("compute.tf", owner, "aws_iam_role_policy_attachment", &format!("{cid}_cluster_vpc"), |b| {
            b.e("role", &format!("aws_iam_role.{cid}_cluster.name"))
                .a("policy_arn", t("arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSVPCResourceController"))
        })?;
        let private = cl.props.private_endpoint;
        let secrets = cl.props.secrets_encryption;
        out.resource("compute.tf", owner, "aws_eks_cluster", &cid, |b| {
            let mut b = with(&provider, b);
            if !private {
                b = b.skip("CKV_AWS_39", "the design exposes the API server publicly (private_endpoint: false)")
                    .skip("CKV_AWS_38", "the design exposes the API server publicly; restrict with cluster_public_access_cidrs");
            }
            let mut b = b
                .a("name", t(&aws.name(&cl.id)))
                .e("version", &version)
                .e("role_arn", &format!("aws_iam_role.{cid}_cluster.arn"))
                .a("enabled_cluster_log_types", strs(["api", "audit", "authenticator", "controllerManager", "scheduler"]))
                .b(B::new("vpc_config", &[])
                    .a("subnet_ids", refs(&subnets))
                    .a("security_group_ids", list(vec![r(&format!("aws_security_group.{cid}_nodes.id"))]))
                    .a("endpoint_private_access", true)
                    .a("endpoint_public_access", !private))
                .b(B::new("access_config", &[]).a("authentication_mode", s("API")));
            if secrets {
                b = b.b(B::new("encryption_config", &[])
                    .a("resources", strs(["secrets"]))
                    .b(B::new("provider", &[]).e("key_arn", &kms)));
            } else {
                b = b.skip("CKV_AWS_58", "the design turns secrets encryption off (secrets_encryption: false)");
            }
            b.a("depends_on", list(vec![
                r(&format!("aws_iam_role_policy_attachment.{cid}_cluster")),
                r(&format!("aws_cloudwatch_log_group.{cid}_cluster")),
            ]))
        })?;
        // Security groups for pods need the VPC CNI's pod ENIs; NetworkPolicies need its
        // policy agent.
        let cni = call(
            "jsonencode",
            vec![obj(vec![
                (
                    "env",
                    obj(vec![
                        ("ENABLE_POD_ENI", s("true")),
                        ("POD_SECURITY_GROUP_ENFORCING_MODE", s("standard")),
                    ]),
                ),
                (
                    "enableNetworkPolicy",
                    s(if cl.props.network_policies {
                        "true"
                    } else {
                        "false"
                    }),
                ),
            ])],
        );
        out.resource(
            "compute.tf",
            owner,
            "aws_eks_addon",
            &format!("{cid}_vpc_cni"),
            |b| {
                with(&provider, b)
                    .e("cluster_name", &format!("aws_eks_cluster.{cid}.name"))
                    .a("addon_name", s("vpc-cni"))
                    .a("configuration_values", cni)
            },
        )?;
        // Nodes.
        out.resource(
            "compute.tf",
            owner,
            "aws_iam_role",
            &format!("{cid}_nodes"),
            |b| {
                b.a("name", t(&format!("{}-nodes", aws.name(&cl.id))))
                    .a("assume_role_policy", assume("ec2.amazonaws.com"))
            },
        )?;
        for policy in [
            "AmazonEKSWorkerNodePolicy",
            "AmazonEKS_CNI_Policy",
            "AmazonEC2ContainerRegistryReadOnly",
            "AmazonSSMManagedInstanceCore",
        ] {
            out.resource(
                "compute.tf",
                owner,
                "aws_iam_role_policy_attachment",
                &format!("{cid}_nodes_{}", policy.to_lowercase()),
                |b| {
                    b.e("role", &format!("aws_iam_role.{cid}_nodes.name")).a(
                        "policy_arn",
                        t(&format!(
                            "arn:${{data.aws_partition.current.partition}}:iam::aws:policy/{policy}"
                        )),
                    )
                },
            )?;
        }
        let node_type = out.variable(
            owner,
            &format!("{cid}_node_instance_type"),
            "string",
            &format!("Instance type of the nodes of cluster {}.", cl.id),
            Some(s(ec2_type(cl.props.node_size))),
        )?;
        let zones = vpc
            .tiers
            .get(tier)
            .map(|t| t.subnets.clone())
            .unwrap_or_default();
        let nz = zones.len().max(1) as u32;
        let per = |n: u32| n.div_ceil(nz).max(1);
        let min_v = out.variable(
            owner,
            &format!("{cid}_min_nodes"),
            "number",
            &format!(
                "Fewest nodes of cluster {} in all zones (split over {nz} zone node groups).",
                cl.id
            ),
            Some(i64::from(cl.props.min_nodes).into()),
        )?;
        let max_v = out.variable(
            owner,
            &format!("{cid}_max_nodes"),
            "number",
            &format!("Most nodes of cluster {} in all zones.", cl.id),
            Some(i64::from(cl.props.max_nodes).into()),
        )?;
        let _ = per;
        out.resource(
            "compute.tf",
            owner,
            "aws_launch_template",
            &format!("{cid}_nodes"),
            |b| {
                with(&provider, b)
                    .a("name_prefix", t(&format!("{}-nodes-", aws.name(&cl.id))))
                    .a(
                        "vpc_security_group_ids",
                        list(vec![r(&format!("aws_security_group.{cid}_nodes.id"))]),
                    )
                    .b(B::new("metadata_options", &[])
                        .a("http_endpoint", s("enabled"))
                        .a("http_tokens", s("required"))
                        .a("http_put_response_hop_limit", 1))
                    .b(B::new("block_device_mappings", &[])
                        .a("device_name", s("/dev/xvda"))
                        .b(B::new("ebs", &[])
                            .a("encrypted", true)
                            .e("kms_key_id", &kms)
                            .a("volume_size", 50)
                            .a("volume_type", s("gp3"))))
                    .b(B::new("monitoring", &[]).a("enabled", true))
            },
        )?;
        for sn in &zones {
            let z = tf_ident(&sn.zone);
            let subnet = format!("aws_subnet.{}_{z}.id", tf_ident(&vpc.tiers[tier].id));
            out.resource("compute.tf", owner, "aws_eks_node_group", &format!("{cid}_{z}"), |b| {
                with(&provider, b)
                    .e("cluster_name", &format!("aws_eks_cluster.{cid}.name"))
                    .a("node_group_name", s(format!("{}-{}", cl.id, sn.zone)))
                    .e("node_role_arn", &format!("aws_iam_role.{cid}_nodes.arn"))
                    .a("subnet_ids", list(vec![r(&subnet)]))
                    .a("instance_types", list(vec![r(&node_type)]))
                    .a("ami_type", s("AL2023_ARM_64_STANDARD"))
                    .b(B::new("launch_template", &[])
                        .e("id", &format!("aws_launch_template.{cid}_nodes.id"))
                        .e("version", &format!("aws_launch_template.{cid}_nodes.latest_version")))
                    .b(B::new("scaling_config", &[])
                        .a("min_size", r(&format!("ceil({min_v} / {nz})")))
                        .a("desired_size", r(&format!("ceil({min_v} / {nz})")))
                        .a("max_size", r(&format!("ceil({max_v} / {nz})"))))
                    .b(B::new("update_config", &[]).a("max_unavailable", 1))
                    .a("labels", obj(vec![("topology.kubernetes.io/zone-group", s(sn.zone.to_string()))]))
                    .b(B::new("lifecycle", &[]).a("ignore_changes", list(vec![r("scaling_config[0].desired_size")])))
                    .a("depends_on", list(vec![r(&format!("aws_iam_role_policy_attachment.{cid}_nodes_amazoneksworkernodepolicy"))]))
            })?;
        }
        out.output(
            owner,
            &format!("{cid}_cluster_name"),
            &format!("Name of EKS cluster {}.", cl.id),
            r(&format!("aws_eks_cluster.{cid}.name")),
            false,
        )?;
    }
    // Pod security groups for the Helm chart's SecurityGroupPolicies.
    let workloads: Vec<(String, hcl::Expression)> = plan
        .components_where(|k| matches!(k, ComponentKind::Workload(_)))
        .into_iter()
        .filter(|&i| aws.has_sg(i))
        .map(|i| {
            (
                plan.component(i).id.to_string(),
                r(&format!("aws_security_group.{}.id", aws.ident(i))),
            )
        })
        .collect();
    if !workloads.is_empty() {
        out.output(&Id::fallback(), "workload_security_group_ids", "Security group of each workload, for its SecurityGroupPolicy (Helm value securityGroupIds).", obj(workloads), false)?;
    }
    Ok(())
}
