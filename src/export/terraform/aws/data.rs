//! `data.tf`: PostgreSQL/MySQL on RDS (primary, Multi-AZ standby, read replicas, encryption,
//! backups with point-in-time recovery and a cross-region copy, enhanced monitoring, logs),
//! ElastiCache Redis/Valkey replication groups (multi-AZ, encryption, auth token) and Amazon
//! MQ for RabbitMQ (a three-node cluster across zones).

use super::{Aws, cache_type, mq_type, rds_class};
use crate::export::ExportError;
use crate::export::hcl::{B, list, r, s, strs, t};
use crate::export::names::{cloud_name, tf_ident};
use crate::export::terraform::Emitter;
use crate::model::{CacheEngine, CachePersistence, ComponentKind, DatabaseEngine, Id, QueueEngine};

fn with(provider: &Option<String>, b: B) -> B {
    match provider {
        Some(p) => b.e("provider", p),
        None => b,
    }
}

fn refs(items: &[String]) -> hcl::Expression {
    list(items.iter().map(|x| r(x)).collect())
}

pub(crate) fn emit(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    databases(aws, out)?;
    caches(aws, out)?;
    queues(aws, out)
}

fn databases(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    let dbs: Vec<usize> = plan
        .components_where(|k| matches!(k, ComponentKind::Database(_)))
        .into_iter()
        .filter(|&i| aws.has_sg(i))
        .collect();
    if dbs.is_empty() {
        return Ok(());
    }
    let root = Id::fallback();
    out.resource("data.tf", &root, "aws_iam_role", "rds_monitoring", |b| {
        b.a("name", t("${local.name}-rds-monitoring")).a(
            "assume_role_policy",
            crate::export::hcl::call(
                "jsonencode",
                vec![crate::export::hcl::obj(vec![
                    ("Version", s("2012-10-17")),
                    (
                        "Statement",
                        list(vec![crate::export::hcl::obj(vec![
                            ("Effect", s("Allow")),
                            (
                                "Principal",
                                crate::export::hcl::obj(vec![(
                                    "Service",
                                    s("monitoring.rds.amazonaws.com"),
                                )]),
                            ),
                            ("Action", s("sts:AssumeRole")),
                        ])]),
                    ),
                ])],
            ),
        )
    })?;
    out.resource("data.tf", &root, "aws_iam_role_policy_attachment", "rds_monitoring", |b| {
        b.e("role", "aws_iam_role.rds_monitoring.name")
            .a("policy_arn", t("arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"))
    })?;
    for i in dbs {
        let c = plan.component(i);
        let ComponentKind::Database(d) = &c.kind else {
            continue;
        };
        let id = aws.ident(i);
        let region = plan.region_of(i);
        let provider = aws.provider(region);
        let kms = aws.kms(region);
        let (engine, family, logs, port) = match d.engine {
            DatabaseEngine::Postgresql => (
                "postgres",
                format!("postgres{}", major(&d.version)),
                vec!["postgresql", "upgrade"],
                5432,
            ),
            DatabaseEngine::Mysql => (
                "mysql",
                format!("mysql{}", d.version),
                vec!["audit", "error", "general", "slowquery"],
                3306,
            ),
        };
        let subnets = aws.subnets(
            plan.placement[i].vpc.unwrap_or(0),
            plan.placement[i].tier.unwrap_or(0),
        );
        out.resource("data.tf", &c.id, "aws_db_subnet_group", &id, |b| {
            with(&provider, b)
                .a("name", t(&aws.name(&c.id)))
                .a("subnet_ids", refs(&subnets))
        })?;
        out.resource("data.tf", &c.id, "aws_db_parameter_group", &id, |b| {
            let b = with(&provider, b)
                .a("name", t(&aws.name(&c.id)))
                .a("family", s(family.clone()));
            match d.engine {
                DatabaseEngine::Postgresql => b
                    .b(B::new("parameter", &[])
                        .a("name", s("log_statement"))
                        .a("value", s("ddl")))
                    .b(B::new("parameter", &[])
                        .a("name", s("log_min_duration_statement"))
                        .a("value", s("1000")))
                    .b(B::new("parameter", &[])
                        .a("name", s("rds.force_ssl"))
                        .a("value", s("1"))),
                DatabaseEngine::Mysql => b.b(B::new("parameter", &[])
                    .a("name", s("require_secure_transport"))
                    .a("value", s("ON"))),
            }
        })?;
        let class = out.variable(
            &c.id,
            &format!("{id}_instance_class"),
            "string",
            &format!("Instance class of database {} ({:?}).", c.id, d.size),
            Some(s(rds_class(d.size))),
        )?;
        let version = out.variable(
            &c.id,
            &format!("{id}_engine_version"),
            "string",
            &format!("Engine version of database {}.", c.id),
            Some(s(d.version.clone())),
        )?;
        let storage = out.variable(
            &c.id,
            &format!("{id}_storage_gib"),
            "number",
            &format!("Storage of each instance of database {}, in GiB.", c.id),
            Some(i64::from(d.storage_gib).into()),
        )?;
        let multi_zone = c.capacity.is_multi_zone();
        let retention = d.backups.as_ref().map_or(0, |b| b.retention_days.min(35));
        if let Some(b) = &d.backups {
            if b.retention_days > 35 {
                out.note(format!("database \"{}\": RDS keeps automated backups at most 35 days, not {}; take snapshots for longer", c.id, b.retention_days));
            }
            if !b.point_in_time_recovery {
                out.note(format!("database \"{}\": RDS always offers point-in-time recovery while automated backups are kept", c.id));
            }
        }
        let retention_var = out.variable(
            &c.id,
            &format!("{id}_backup_retention_days"),
            "number",
            &format!(
                "Days automated backups of database {} are kept (0 to 35).",
                c.id
            ),
            Some(i64::from(retention).into()),
        )?;
        let zones = c.capacity.zones.clone();
        let zone_of = |r: u32| -> Option<String> {
            let z = c.capacity.zone_of_replica(r)?;
            let reg = region?;
            let idx = reg.zones.iter().position(|x| x == z)?;
            Some(format!("var.zones_{}[{idx}]", tf_ident(&reg.id)))
        };
        let _ = zones;
        let sg = format!("aws_security_group.{id}.id");
        let encrypted = d.encryption_at_rest;
        let backups = d.backups.is_some();
        let deletion = d.deletion_protection;
        let logs_c = logs.clone();
        let common = move |b: B| -> B {
            let b = b
                .e("instance_class", &class)
                .a("storage_type", s("gp3"))
                .a("storage_encrypted", encrypted)
                .a("vpc_security_group_ids", list(vec![r(&sg)]))
                .a("publicly_accessible", false)
                .a("auto_minor_version_upgrade", true)
                .a("iam_database_authentication_enabled", true)
                .a(
                    "enabled_cloudwatch_logs_exports",
                    strs(logs_c.iter().copied()),
                )
                .a("performance_insights_enabled", true)
                .a("monitoring_interval", 60)
                .e("monitoring_role_arn", "aws_iam_role.rds_monitoring.arn")
                .a("copy_tags_to_snapshot", true)
                .a("deletion_protection", deletion);
            if encrypted {
                b.e("kms_key_id", &kms)
                    .e("performance_insights_kms_key_id", &kms)
            } else {
                b.skip("CKV_AWS_16", "encryption at rest is off in the design")
                    .skip("CKV_AWS_354", "encryption at rest is off in the design")
            }
        };
        let primary_az = zone_of(0);
        let name = aws.name(&c.id);
        let pw = format!("random_password.{id}.result");
        out.resource("data.tf", &c.id, "aws_db_instance", &id, |b| {
            let mut b = with(&provider, b);
            if !backups {
                b = b.skip(
                    "CKV_AWS_133",
                    "the design takes no automated backups (backups: None)",
                );
            }
            if !deletion {
                b = b.skip("CKV_AWS_293", "deletion protection is off in the design");
            }
            if !multi_zone {
                b = b.skip("CKV_AWS_157", "the design runs this database in one zone");
            }
            let b = b
                .a("identifier", t(&name))
                .a("engine", s(engine))
                .e("engine_version", &version)
                .e("allocated_storage", &storage)
                .a("max_allocated_storage", r(&format!("{storage} * 2")))
                .a("multi_az", multi_zone)
                .e(
                    "db_subnet_group_name",
                    &format!("aws_db_subnet_group.{id}.name"),
                )
                .e(
                    "parameter_group_name",
                    &format!("aws_db_parameter_group.{id}.name"),
                )
                .a("port", port)
                .a("username", s("app_admin"))
                .e("password", &pw)
                .e("backup_retention_period", &retention_var)
                .a("backup_window", s("02:00-03:00"))
                .a("maintenance_window", s("sun:03:30-sun:04:30"))
                .a("skip_final_snapshot", false)
                .a("final_snapshot_identifier", t(&format!("{name}-final")));
            let b = common(b);
            let b = match &primary_az {
                Some(z) if !multi_zone => b.e("availability_zone", z),
                _ => b,
            };
            b.b(B::new("lifecycle", &[]).a("ignore_changes", list(vec![r("password")])))
        })?;
        // Read replicas: the replicas after the primary, each in its zone.
        for r_i in 1..c.capacity.replicas {
            let rname = format!("{id}_replica_{r_i}");
            let az = zone_of(r_i);
            let ident = format!("{name}-replica-{r_i}");
            out.resource("data.tf", &c.id, "aws_db_instance", &rname, |b| {
                let b = with(&provider, b)
                    .a("identifier", t(&ident))
                    .e(
                        "replicate_source_db",
                        &format!("aws_db_instance.{id}.identifier"),
                    )
                    .a("multi_az", multi_zone)
                    .e(
                        "parameter_group_name",
                        &format!("aws_db_parameter_group.{id}.name"),
                    )
                    .a("skip_final_snapshot", true)
                    .a("backup_retention_period", 7);
                let b = common.clone()(b);
                match &az {
                    Some(z) if !multi_zone => b.e("availability_zone", z),
                    _ => b,
                }
            })?;
        }
        // Cross-region copy of the automated backups.
        if let Some(to) = d
            .backups
            .as_ref()
            .and_then(|b| b.copy_to_region.as_ref())
            .and_then(|r| plan.topology.regions.iter().find(|x| &x.id == r))
        {
            let dst = aws.provider(Some(to));
            let dst_kms = aws.kms(Some(to));
            out.resource(
                "data.tf",
                &c.id,
                "aws_db_instance_automated_backups_replication",
                &id,
                |b| {
                    with(&dst, b)
                        .e(
                            "source_db_instance_arn",
                            &format!("aws_db_instance.{id}.arn"),
                        )
                        .e("retention_period", &retention_var)
                        .e("kms_key_id", &dst_kms)
                },
            )?;
        }
        out.output(
            &c.id,
            &format!("{id}_endpoint"),
            &format!("Endpoint of database {}.", c.id),
            r(&format!("aws_db_instance.{id}.endpoint")),
            false,
        )?;
    }
    Ok(())
}

fn major(version: &str) -> &str {
    version.split('.').next().unwrap_or(version)
}

fn caches(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    for i in plan.components_where(|k| matches!(k, ComponentKind::Cache(_))) {
        if !aws.has_sg(i) {
            continue;
        }
        let c = plan.component(i);
        let ComponentKind::Cache(p) = &c.kind else {
            continue;
        };
        let id = aws.ident(i);
        let region = plan.region_of(i);
        let provider = aws.provider(region);
        let kms = aws.kms(region);
        let subnets = aws.subnets(
            plan.placement[i].vpc.unwrap_or(0),
            plan.placement[i].tier.unwrap_or(0),
        );
        if p.engine == CacheEngine::Memcached {
            out.note(format!("cache \"{}\": Memcached has no replication, encryption or auth token on ElastiCache; exported as Redis OSS with the same settings", c.id));
        }
        out.resource("data.tf", &c.id, "aws_elasticache_subnet_group", &id, |b| {
            with(&provider, b)
                .a("name", t(&aws.name(&c.id)))
                .a("subnet_ids", refs(&subnets))
        })?;
        let node = out.variable(
            &c.id,
            &format!("{id}_node_type"),
            "string",
            &format!("Node type of cache {} ({:?}).", c.id, p.size),
            Some(s(cache_type(p.size))),
        )?;
        let version = out.variable(
            &c.id,
            &format!("{id}_engine_version"),
            "string",
            &format!("Engine version of cache {}.", c.id),
            Some(s(p.version.clone())),
        )?;
        out.resource(
            "observability.tf",
            &c.id,
            "aws_cloudwatch_log_group",
            &format!("{id}_slow_log"),
            |b| {
                with(&provider, b)
                    .a(
                        "name",
                        t(&format!("/aws/elasticache/{}/slow-log", aws.name(&c.id))),
                    )
                    .a("retention_in_days", 365)
                    .e("kms_key_id", &kms)
            },
        )?;
        let replicas = c.capacity.replicas.max(1);
        let failover = p.automatic_failover && replicas >= 2;
        let multi_zone = c.capacity.is_multi_zone() && failover;
        let azs: Vec<String> = (0..replicas)
            .filter_map(|r_i| {
                let z = c.capacity.zone_of_replica(r_i)?;
                let reg = region?;
                let idx = reg.zones.iter().position(|x| x == z)?;
                Some(format!("var.zones_{}[{idx}]", tf_ident(&reg.id)))
            })
            .collect();
        let mut group = cloud_name(&c.id);
        group.truncate(28);
        let group = group.trim_end_matches('-').to_owned();
        out.resource("data.tf", &c.id, "aws_elasticache_replication_group", &id, |b| {
            let mut b = with(&provider, b);
            if !p.encryption_at_rest {
                let why = if p.persistence == CachePersistence::None {
                    "the design keeps no data at rest in this cache (encryption_at_rest: false, persistence: None)"
                } else {
                    "encryption at rest is off in the design"
                };
                b = b.skip("CKV_AWS_29", why).skip("CKV_AWS_191", why);
            }
            if !failover {
                b = b.skip("CKV2_AWS_50", "the design runs this cache without automatic failover across replicas");
            }
            if !p.encryption_in_transit {
                b = b.skip("CKV_AWS_30", "encryption in transit is off in the design");
            }
            if !(p.auth_token && p.encryption_in_transit) {
                b = b.skip("CKV_AWS_31", "the design sets no auth token (or no TLS, which an auth token needs)");
            }
            let mut b = b
                .a("replication_group_id", t(&format!("${{substr(local.name, 0, 11)}}-{group}")))
                .a("description", s(format!("Cache {}", c.id)))
                .a("engine", s(if p.engine == CacheEngine::Valkey { "valkey" } else { "redis" }))
                .e("engine_version", &version)
                .e("node_type", &node)
                .a("num_cache_clusters", i64::from(replicas))
                .a("port", 6379)
                .e("subnet_group_name", &format!("aws_elasticache_subnet_group.{id}.name"))
                .a("security_group_ids", list(vec![r(&format!("aws_security_group.{id}.id"))]))
                .a("automatic_failover_enabled", failover)
                .a("multi_az_enabled", multi_zone)
                .a("at_rest_encryption_enabled", p.encryption_at_rest)
                .a("transit_encryption_enabled", p.encryption_in_transit)
                .a("auto_minor_version_upgrade", true)
                .a("snapshot_retention_limit", if p.persistence == CachePersistence::None { 0 } else { 7 })
                .a("preferred_cache_cluster_azs", list(azs.iter().map(|z| r(z)).collect()));
            if p.encryption_at_rest {
                b = b.e("kms_key_id", &kms);
            }
            if p.auth_token && p.encryption_in_transit {
                b = b.e("auth_token", &format!("random_password.{id}.result"));
            }
            b.b(B::new("log_delivery_configuration", &[])
                .e("destination", &format!("aws_cloudwatch_log_group.{id}_slow_log.name"))
                .a("destination_type", s("cloudwatch-logs"))
                .a("log_format", s("json"))
                .a("log_type", s("slow-log")))
        })?;
        out.output(
            &c.id,
            &format!("{id}_endpoint"),
            &format!("Primary endpoint of cache {}.", c.id),
            r(&format!(
                "aws_elasticache_replication_group.{id}.primary_endpoint_address"
            )),
            false,
        )?;
    }
    Ok(())
}

fn queues(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    for i in plan.components_where(|k| matches!(k, ComponentKind::Queue(_))) {
        if !aws.has_sg(i) {
            continue;
        }
        let c = plan.component(i);
        let ComponentKind::Queue(q) = &c.kind else {
            continue;
        };
        if q.engine == QueueEngine::Kafka {
            out.note(format!("queue \"{}\": Kafka is not exported to Terraform yet (Amazon MSK); only RabbitMQ is", c.id));
            continue;
        }
        let id = aws.ident(i);
        let provider = aws.provider(plan.region_of(i));
        let cluster = c.capacity.replicas >= 3 && c.capacity.is_multi_zone();
        if c.capacity.replicas != 1 && c.capacity.replicas != 3 {
            out.note(format!(
                "queue \"{}\": Amazon MQ for RabbitMQ runs 1 broker or a 3-node cluster, not {}",
                c.id, c.capacity.replicas
            ));
        }
        let subnets = aws.component_subnets(i);
        let ty = out.variable(
            &c.id,
            &format!("{id}_instance_type"),
            "string",
            &format!("Broker instance type of queue {} ({:?}).", c.id, q.size),
            Some(s(mq_type(q.size))),
        )?;
        let version = out.variable(
            &c.id,
            &format!("{id}_engine_version"),
            "string",
            &format!("RabbitMQ version of queue {}.", c.id),
            Some(s(q.version.clone())),
        )?;
        let mut broker = cloud_name(&c.id);
        broker.truncate(40);
        let broker = broker.trim_end_matches('-').to_owned();
        out.resource("data.tf", &c.id, "aws_mq_broker", &id, |b| {
            let subnet_ids = if cluster { subnets.clone() } else { subnets.iter().take(1).cloned().collect() };
            with(&provider, b)
                .skip("CKV_AWS_197", "audit logs exist only for ActiveMQ brokers; RabbitMQ brokers ship general logs")
                .skip("CKV_AWS_209", "Amazon MQ for RabbitMQ encrypts at rest with an AWS-owned key only")
                .a("broker_name", t(&format!("${{local.name}}-{broker}")))
                .a("engine_type", s("RabbitMQ"))
                .e("engine_version", &version)
                .e("host_instance_type", &ty)
                .a("deployment_mode", s(if cluster { "CLUSTER_MULTI_AZ" } else { "SINGLE_INSTANCE" }))
                .a("publicly_accessible", false)
                .a("auto_minor_version_upgrade", true)
                .a("subnet_ids", refs(&subnet_ids))
                .a("security_groups", list(vec![r(&format!("aws_security_group.{id}.id"))]))
                .b(B::new("encryption_options", &[]).a("use_aws_owned_key", true))
                .b(B::new("logs", &[]).a("general", true))
                .b(B::new("maintenance_window_start_time", &[])
                    .a("day_of_week", s("SUNDAY"))
                    .a("time_of_day", s("04:00"))
                    .a("time_zone", s("UTC")))
                .b(B::new("user", &[])
                    .a("username", s("app"))
                    .e("password", &format!("random_password.{id}.result")))
        })?;
        if q.dead_letter_queue || q.persistence {
            out.note(format!("queue \"{}\": persistence and dead-letter queues are set per queue by the applications (quorum queues with a dead-letter exchange); Amazon MQ has no broker-wide switch", c.id));
        }
        out.output(
            &c.id,
            &format!("{id}_endpoints"),
            &format!("AMQPS endpoints of queue {}.", c.id),
            r(&format!("aws_mq_broker.{id}.instances[*].endpoints")),
            false,
        )?;
    }
    Ok(())
}
