//! `observability.tf`: CloudWatch log groups of the log aggregation (KMS, retention from the
//! design), the alerting SNS topic, CloudWatch alarms on the data stores and load balancers,
//! X-Ray sampling from the tracing backend, and a dashboard.

use super::Aws;
use crate::export::ExportError;
use crate::export::hcl::{B, call, list, obj, r, s, t};
use crate::export::terraform::Emitter;
use crate::model::{ComponentKind, Id};

/// The log groups of each log aggregation component.
pub(crate) fn log_groups(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    for i in plan.components_where(|k| matches!(k, ComponentKind::LogAggregation(_))) {
        let c = plan.component(i);
        let ComponentKind::LogAggregation(p) = &c.kind else {
            continue;
        };
        let id = aws.ident(i);
        let provider = aws.provider(plan.region_of(i));
        let retention = out.variable(
            &c.id,
            &format!("{id}_retention_days"),
            "number",
            &format!("Days log aggregation {} keeps logs.", c.id),
            Some(i64::from(cloudwatch_retention(p.retention_days)).into()),
        )?;
        out.resource(
            "observability.tf",
            &c.id,
            "aws_cloudwatch_log_group",
            &id,
            |b| {
                let b = match &provider {
                    Some(x) => b.e("provider", x),
                    None => b,
                };
                let b = if p.retention_days < 365 {
                    b.skip(
                        "CKV_AWS_338",
                        "the design keeps these logs less than a year (retention_days)",
                    )
                } else {
                    b
                };
                let b = b
                    .a("name", t(&format!("/{}/application", aws.name(&c.id))))
                    .e("retention_in_days", &retention);
                if p.encryption_at_rest {
                    b.e("kms_key_id", &aws.kms(plan.region_of(i)))
                } else {
                    b.skip("CKV_AWS_158", "encryption at rest is off in the design")
                }
            },
        )?;
        if p.audit_logs {
            out.resource(
                "observability.tf",
                &c.id,
                "aws_cloudwatch_log_group",
                &format!("{id}_audit"),
                |b| {
                    let b = match &provider {
                        Some(x) => b.e("provider", x),
                        None => b,
                    };
                    b.a("name", t(&format!("/{}/audit", aws.name(&c.id))))
                        .a(
                            "retention_in_days",
                            i64::from(cloudwatch_retention(p.retention_days.max(365))),
                        )
                        .e("kms_key_id", &aws.kms(plan.region_of(i)))
                },
            )?;
        }
    }
    Ok(())
}

/// The smallest retention CloudWatch offers that keeps logs at least `days`.
fn cloudwatch_retention(days: u32) -> u32 {
    const ALLOWED: [u32; 22] = [
        1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
        2922, 3288, 3653,
    ];
    ALLOWED.iter().copied().find(|&a| a >= days).unwrap_or(3653)
}

pub(crate) fn emit(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    let root = Id::fallback();
    let alerting = plan
        .components_where(|k| matches!(k, ComponentKind::Alerting(_)))
        .first()
        .copied();
    let topic = match alerting {
        Some(a) => {
            let c = plan.component(a);
            let id = aws.ident(a);
            out.resource("observability.tf", &c.id, "aws_sns_topic", &id, |b| {
                b.a("name", t(&aws.name(&c.id)))
                    .e("kms_master_key_id", &aws.kms(None))
            })?;
            let emails = out.variable(
                &c.id,
                &format!("{id}_email_endpoints"),
                "list(string)",
                &format!(
                    "E-mail addresses alerting {} notifies (channels: {}).",
                    c.id,
                    match &c.kind {
                        ComponentKind::Alerting(p) => p.channels.join(", "),
                        _ => String::new(),
                    }
                ),
                Some(crate::export::hcl::strs(Vec::<String>::new())),
            )?;
            out.resource(
                "observability.tf",
                &c.id,
                "aws_sns_topic_subscription",
                &format!("{id}_email"),
                |b| {
                    b.a("for_each", call("toset", vec![r(&emails)]))
                        .e("topic_arn", &format!("aws_sns_topic.{id}.arn"))
                        .a("protocol", s("email"))
                        .e("endpoint", "each.value")
                },
            )?;
            Some(format!("aws_sns_topic.{id}.arn"))
        }
        None => None,
    };
    let actions = || list(topic.iter().map(|x| r(x)).collect());
    let alarm = |out: &mut Emitter,
                 owner: &Id,
                 name: String,
                 ns: &str,
                 metric: &str,
                 dims: Vec<(&str, hcl::Expression)>,
                 cmp: &str,
                 threshold: f64,
                 stat: &str,
                 desc: String| {
        out.resource(
            "observability.tf",
            owner,
            "aws_cloudwatch_metric_alarm",
            &name,
            |b| {
                b.a(
                    "alarm_name",
                    t(&format!("${{local.name}}-{}", name.replace('_', "-"))),
                )
                .a("alarm_description", s(desc))
                .a("namespace", s(ns))
                .a("metric_name", s(metric))
                .a("dimensions", obj(dims))
                .a("statistic", s(stat))
                .a("period", 300)
                .a("evaluation_periods", 2)
                .a("comparison_operator", s(cmp))
                .a("threshold", threshold)
                .a("treat_missing_data", s("notBreaching"))
                .a("alarm_actions", actions())
                .a("ok_actions", actions())
            },
        )
    };
    for i in 0..plan.topology.components.len() {
        let c = plan.component(i);
        let id = aws.ident(i);
        match &c.kind {
            ComponentKind::Database(_) if aws.has_sg(i) => {
                let dim = vec![(
                    "DBInstanceIdentifier",
                    r(&format!("aws_db_instance.{id}.identifier")),
                )];
                alarm(
                    out,
                    &c.id,
                    format!("{id}_cpu"),
                    "AWS/RDS",
                    "CPUUtilization",
                    dim.clone(),
                    "GreaterThanThreshold",
                    80.0,
                    "Average",
                    format!("Database {}: CPU above 80 %", c.id),
                )?;
                alarm(
                    out,
                    &c.id,
                    format!("{id}_storage"),
                    "AWS/RDS",
                    "FreeStorageSpace",
                    dim,
                    "LessThanThreshold",
                    10_737_418_240.0,
                    "Minimum",
                    format!("Database {}: less than 10 GiB free", c.id),
                )?;
            }
            ComponentKind::Cache(_) if aws.has_sg(i) => {
                let dim = vec![(
                    "ReplicationGroupId",
                    r(&format!("aws_elasticache_replication_group.{id}.id")),
                )];
                alarm(
                    out,
                    &c.id,
                    format!("{id}_cpu"),
                    "AWS/ElastiCache",
                    "EngineCPUUtilization",
                    dim.clone(),
                    "GreaterThanThreshold",
                    80.0,
                    "Average",
                    format!("Cache {}: engine CPU above 80 %", c.id),
                )?;
                alarm(
                    out,
                    &c.id,
                    format!("{id}_memory"),
                    "AWS/ElastiCache",
                    "DatabaseMemoryUsagePercentage",
                    dim,
                    "GreaterThanThreshold",
                    85.0,
                    "Average",
                    format!("Cache {}: memory above 85 %", c.id),
                )?;
            }
            ComponentKind::LoadBalancer(_) if out.has(&format!("aws_lb.{id}")) => {
                let dim = vec![("LoadBalancer", r(&format!("aws_lb.{id}.arn_suffix")))];
                alarm(
                    out,
                    &c.id,
                    format!("{id}_5xx"),
                    "AWS/ApplicationELB",
                    "HTTPCode_ELB_5XX_Count",
                    dim.clone(),
                    "GreaterThanThreshold",
                    50.0,
                    "Sum",
                    format!("Load balancer {}: more than 50 errors in 5 minutes", c.id),
                )?;
                if let Some(slo) = &plan.topology.policies.latency_slo {
                    alarm(
                        out,
                        &c.id,
                        format!("{id}_latency"),
                        "AWS/ApplicationELB",
                        "TargetResponseTime",
                        dim,
                        "GreaterThanThreshold",
                        slo.threshold_ms / 1000.0,
                        "Average",
                        format!(
                            "Load balancer {}: response time above the latency objective",
                            c.id
                        ),
                    )?;
                }
            }
            ComponentKind::Queue(_) if out.has(&format!("aws_mq_broker.{id}")) => {
                let dim = vec![("Broker", r(&format!("aws_mq_broker.{id}.broker_name")))];
                alarm(
                    out,
                    &c.id,
                    format!("{id}_memory"),
                    "AWS/AmazonMQ",
                    "RabbitMQMemUsed",
                    dim,
                    "GreaterThanThreshold",
                    0.8 * 8_589_934_592.0,
                    "Maximum",
                    format!("Queue {}: broker memory high", c.id),
                )?;
            }
            ComponentKind::Tracing(tp) => {
                let provider = aws.provider(plan.region_of(i));
                out.resource(
                    "observability.tf",
                    &c.id,
                    "aws_xray_sampling_rule",
                    &id,
                    |b| {
                        let b = match &provider {
                            Some(x) => b.e("provider", x),
                            None => b,
                        };
                        let mut rule = crate::export::names::cloud_name(&c.id);
                        rule.truncate(32);
                        b.a("rule_name", s(rule.trim_end_matches('-').to_owned()))
                            .a("priority", 1000)
                            .a("reservoir_size", 1)
                            .a("fixed_rate", (tp.sampling_percent / 100.0).clamp(0.0, 1.0))
                            .a("host", s("*"))
                            .a("http_method", s("*"))
                            .a("url_path", s("*"))
                            .a("service_name", s("*"))
                            .a("service_type", s("*"))
                            .a("resource_arn", s("*"))
                            .a("version", 1)
                    },
                )?;
            }
            ComponentKind::Metrics(m) if m.dashboards => {
                let widgets: Vec<hcl::Expression> = plan
                    .topology
                    .components
                    .iter()
                    .enumerate()
                    .filter_map(|(j, k)| {
                        let kid = aws.ident(j);
                        let (ns, metric, dim, value) = match &k.kind {
                            ComponentKind::Database(_) if aws.has_sg(j) => (
                                "AWS/RDS",
                                "CPUUtilization",
                                "DBInstanceIdentifier",
                                format!("aws_db_instance.{kid}.identifier"),
                            ),
                            ComponentKind::Cache(_) if aws.has_sg(j) => (
                                "AWS/ElastiCache",
                                "EngineCPUUtilization",
                                "ReplicationGroupId",
                                format!("aws_elasticache_replication_group.{kid}.id"),
                            ),
                            ComponentKind::LoadBalancer(_) if out.has(&format!("aws_lb.{kid}")) => {
                                (
                                    "AWS/ApplicationELB",
                                    "RequestCount",
                                    "LoadBalancer",
                                    format!("aws_lb.{kid}.arn_suffix"),
                                )
                            }
                            _ => return None,
                        };
                        Some(obj(vec![
                            ("type", s("metric")),
                            ("width", 12.into()),
                            ("height", 6.into()),
                            (
                                "properties",
                                obj(vec![
                                    ("title", s(format!("{} {metric}", k.id))),
                                    (
                                        "metrics",
                                        list(vec![list(vec![s(ns), s(metric), s(dim), r(&value)])]),
                                    ),
                                    ("period", 300.into()),
                                    ("stat", s("Average")),
                                    (
                                        "region",
                                        r(&plan
                                            .primary_region()
                                            .map(|p| aws.region_var(p))
                                            .unwrap_or_else(|| "\"us-east-1\"".into())),
                                    ),
                                ]),
                            ),
                        ]))
                    })
                    .collect();
                if !widgets.is_empty() {
                    out.resource(
                        "observability.tf",
                        &c.id,
                        "aws_cloudwatch_dashboard",
                        &id,
                        |b| {
                            b.a("dashboard_name", t(&aws.name(&c.id))).a(
                                "dashboard_body",
                                call("jsonencode", vec![obj(vec![("widgets", list(widgets))])]),
                            )
                        },
                    )?;
                }
            }
            _ => {}
        }
    }
    let _ = &root;
    if let (Some(a), Some(_)) = (alerting, &topic) {
        for l in plan.links_to(crate::export::plan::Endpoint::Component(a)) {
            out.also(
                &plan.connection(l).id,
                &format!("aws_sns_topic.{}", aws.ident(a)),
            );
        }
    }
    let _ = B::new;
    Ok(())
}
