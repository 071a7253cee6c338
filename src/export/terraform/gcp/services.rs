//! GCP services: GKE (private nodes, network policy, workload identity, a node pool over the
//! drawn zones), Cloud SQL (regional HA, backups with PITR), Memorystore for Redis (standard HA,
//! TLS, AUTH), Cloud Storage buckets, Secret Manager secrets, a global HTTPS load balancer's
//! Cloud Armor policy and Cloud Logging buckets.

use super::Gcp;
use crate::export::ExportError;
use crate::export::hcl::{B, list, r, s, strs, t};
use crate::export::names::tf_ident;
use crate::export::terraform::Emitter;
use crate::model::{ComponentKind, Size};

fn machine(size: Size) -> &'static str {
    match size {
        Size::Small => "e2-medium",
        Size::Medium => "e2-standard-2",
        Size::Large => "e2-standard-4",
        Size::XLarge => "e2-standard-8",
        Size::X2Large => "e2-standard-16",
    }
}

fn sql_tier(size: Size) -> &'static str {
    match size {
        Size::Small => "db-custom-2-4096",
        Size::Medium => "db-custom-2-8192",
        Size::Large => "db-custom-4-16384",
        Size::XLarge => "db-custom-8-32768",
        Size::X2Large => "db-custom-16-65536",
    }
}

fn zone_name(gcp: &Gcp<'_>, region: Option<&crate::model::Region>, idx: usize) -> String {
    format!(
        "${{{}}}-{}",
        gcp.region(region),
        char::from(b'a' + (idx % 26) as u8)
    )
}

pub(crate) fn emit(gcp: &Gcp<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = gcp.plan;
    for i in 0..plan.topology.components.len() {
        let c = plan.component(i);
        let id = tf_ident(&c.id);
        let p = plan.placement[i];
        let region = plan.region_of(i);
        let network = p.vpc.map(|v| {
            format!(
                "google_compute_network.{}.id",
                tf_ident(&plan.vpcs[v].container.id)
            )
        });
        match &c.kind {
            ComponentKind::Waf(w) => {
                out.resource(
                    "security.tf",
                    &c.id,
                    "google_compute_security_policy",
                    &id,
                    |b| {
                        let mut b = b
                            .a("name", t(&gcp.name(&c.id)))
                            .a("description", s(format!("Cloud Armor policy of {}", c.id)));
                        let mut prio = 1000;
                        if w.managed_rules {
                            for rule in [
                                "sqli-v33-stable",
                                "xss-v33-stable",
                                "lfi-v33-stable",
                                "rce-v33-stable",
                                "cve-canary",
                            ] {
                                b = b.b(B::new("rule", &[])
                                    .a("action", s(if w.blocking { "deny(403)" } else { "allow" }))
                                    .a("priority", prio)
                                    .a("preview", !w.blocking)
                                    .b(B::new("match", &[]).b(B::new("expr", &[]).a(
                                        "expression",
                                        s(format!("evaluatePreconfiguredWaf('{rule}')")),
                                    ))));
                                prio += 10;
                            }
                        }
                        if let Some(limit) = w.rate_limit_per_5min {
                            b = b.b(B::new("rule", &[])
                                .a("action", s("throttle"))
                                .a("priority", prio)
                                .b(B::new("match", &[])
                                    .a("versioned_expr", s("SRC_IPS_V1"))
                                    .b(B::new("config", &[]).a("src_ip_ranges", strs(["*"]))))
                                .b(B::new("rate_limit_options", &[])
                                    .a("conform_action", s("allow"))
                                    .a("exceed_action", s("deny(429)"))
                                    .a("enforce_on_key", s("IP"))
                                    .b(B::new("rate_limit_threshold", &[])
                                        .a("count", i64::from(limit))
                                        .a("interval_sec", 300))));
                        }
                        b.b(B::new("rule", &[])
                            .a("action", s("allow"))
                            .a("priority", 2147483647)
                            .b(B::new("match", &[])
                                .a("versioned_expr", s("SRC_IPS_V1"))
                                .b(B::new("config", &[]).a("src_ip_ranges", strs(["*"])))))
                    },
                )?;
            }
            ComponentKind::CertificateManager(cm) => {
                out.resource(
                    "security.tf",
                    &c.id,
                    "google_compute_managed_ssl_certificate",
                    &id,
                    |b| {
                        b.a("name", t(&gcp.name(&c.id))).b(B::new("managed", &[]).a(
                            "domains",
                            strs(if cm.domains.is_empty() {
                                vec!["example.com".to_owned()]
                            } else {
                                cm.domains
                                    .iter()
                                    .filter(|d| !d.contains('*'))
                                    .cloned()
                                    .collect()
                            }),
                        ))
                    },
                )?;
            }
            ComponentKind::Database(d) if network.is_some() => {
                let ha = c.capacity.is_multi_zone() && d.automatic_failover;
                let backups = d.backups.as_ref();
                let net = network.clone().unwrap_or_default();
                let tier = out.variable(
                    &c.id,
                    &format!("{id}_tier"),
                    "string",
                    &format!("Machine tier of database {}.", c.id),
                    Some(s(sql_tier(d.size))),
                )?;
                out.resource("data.tf", &c.id, "google_sql_database_instance", &id, |b| {
                    let mut settings = B::new("settings", &[])
                        .e("tier", &tier)
                        .a(
                            "availability_type",
                            s(if ha { "REGIONAL" } else { "ZONAL" }),
                        )
                        .a("disk_size", i64::from(d.storage_gib))
                        .a("disk_autoresize", true)
                        .b(B::new("ip_configuration", &[])
                            .a("ipv4_enabled", false)
                            .e("private_network", &net)
                            .a("ssl_mode", s("ENCRYPTED_ONLY")))
                        .b(B::new("database_flags", &[])
                            .a("name", s("log_min_duration_statement"))
                            .a("value", s("1000")))
                        .b(B::new("database_flags", &[])
                            .a("name", s("log_connections"))
                            .a("value", s("on")))
                        .b(B::new("database_flags", &[])
                            .a("name", s("log_disconnections"))
                            .a("value", s("on")));
                    if let Some(bk) = backups {
                        settings = settings.b(B::new("backup_configuration", &[])
                            .a("enabled", true)
                            .a("point_in_time_recovery_enabled", bk.point_in_time_recovery)
                            .a("start_time", s("02:00"))
                            .opt(
                                "location",
                                bk.copy_to_region
                                    .as_ref()
                                    .and_then(|r| plan.topology.region(r.as_str()))
                                    .and_then(|r| {
                                        r.provider_names.get(&crate::model::Provider::Gcp).cloned()
                                    })
                                    .map(s),
                            )
                            .b(B::new("backup_retention_settings", &[]).a(
                                "retained_backups",
                                i64::from(bk.retention_days.clamp(1, 365)),
                            )));
                    }
                    b.a("name", t(&gcp.name(&c.id)))
                        .a(
                            "database_version",
                            s(format!(
                                "POSTGRES_{}",
                                d.version.split('.').next().unwrap_or("16")
                            )),
                        )
                        .e("region", &gcp.region(region))
                        .a("deletion_protection", d.deletion_protection)
                        .b(settings)
                })?;
                for r_i in 1..c.capacity.replicas {
                    out.resource(
                        "data.tf",
                        &c.id,
                        "google_sql_database_instance",
                        &format!("{id}_replica_{r_i}"),
                        |b| {
                            b.a("name", t(&format!("{}-replica-{r_i}", gcp.name(&c.id))))
                                .a(
                                    "database_version",
                                    s(format!(
                                        "POSTGRES_{}",
                                        d.version.split('.').next().unwrap_or("16")
                                    )),
                                )
                                .e("region", &gcp.region(region))
                                .e(
                                    "master_instance_name",
                                    &format!("google_sql_database_instance.{id}.name"),
                                )
                                .a("deletion_protection", d.deletion_protection)
                                .b(B::new("settings", &[]).e("tier", &tier).b(B::new(
                                    "ip_configuration",
                                    &[],
                                )
                                .a("ipv4_enabled", false)
                                .e("private_network", &net)
                                .a("ssl_mode", s("ENCRYPTED_ONLY"))))
                        },
                    )?;
                }
            }
            ComponentKind::Cache(cp) if network.is_some() => {
                let net = network.clone().unwrap_or_default();
                let zones: Vec<usize> = region
                    .map(|reg| {
                        c.capacity
                            .occupied_zones()
                            .iter()
                            .filter_map(|z| reg.zones.iter().position(|x| x == *z))
                            .collect()
                    })
                    .unwrap_or_default();
                out.resource("data.tf", &c.id, "google_redis_instance", &id, |b| {
                    let b = b
                        .a("name", t(&gcp.name(&c.id)))
                        .a(
                            "tier",
                            s(if c.capacity.replicas >= 2 {
                                "STANDARD_HA"
                            } else {
                                "BASIC"
                            }),
                        )
                        .a("memory_size_gb", i64::from(cp.size.memory_gib()))
                        .e("region", &gcp.region(region))
                        .e("authorized_network", &net)
                        .a("connect_mode", s("PRIVATE_SERVICE_ACCESS"))
                        .a(
                            "redis_version",
                            s(format!("REDIS_{}", cp.version.replace('.', "_"))),
                        )
                        .a("auth_enabled", cp.auth_token)
                        .a(
                            "transit_encryption_mode",
                            s(if cp.encryption_in_transit {
                                "SERVER_AUTHENTICATION"
                            } else {
                                "DISABLED"
                            }),
                        );
                    let b = if c.capacity.replicas >= 2 {
                        b.a("replica_count", i64::from(c.capacity.replicas - 1))
                            .a("read_replicas_mode", s("READ_REPLICAS_ENABLED"))
                    } else {
                        b
                    };
                    match zones.first() {
                        Some(&z) => b.a("location_id", t(&zone_name(gcp, region, z))),
                        None => b,
                    }
                })?;
            }
            ComponentKind::Queue(_) => {
                out.note(format!("queue \"{}\": Google Cloud has no managed RabbitMQ; run it in the cluster (the RabbitMQ cluster operator) or use Pub/Sub", c.id));
            }
            ComponentKind::ObjectStorage(o) => {
                let loc = region
                    .and_then(|r| r.provider_names.get(&crate::model::Provider::Gcp))
                    .map_or("EU".to_owned(), |n| n.to_uppercase());
                out.resource("storage.tf", &c.id, "google_storage_bucket", &id, |b| {
                    let mut b = b
                        .a(
                            "name",
                            t(&format!("{}-${{var.project_id}}", gcp.name(&c.id))),
                        )
                        .a("location", s(loc.clone()))
                        .a("uniform_bucket_level_access", true)
                        .a(
                            "public_access_prevention",
                            s(if o.public_access_blocked {
                                "enforced"
                            } else {
                                "inherited"
                            }),
                        )
                        .b(B::new("versioning", &[]).a("enabled", o.versioning));
                    if let Some(l) = &o.lifecycle {
                        if let Some(d) = l.archive_after_days {
                            b = b.b(B::new("lifecycle_rule", &[])
                                .b(B::new("condition", &[]).a("age", i64::from(d)))
                                .b(B::new("action", &[])
                                    .a("type", s("SetStorageClass"))
                                    .a("storage_class", s("ARCHIVE"))));
                        }
                        if let Some(d) = l.expire_after_days {
                            b = b.b(B::new("lifecycle_rule", &[])
                                .b(B::new("condition", &[]).a("age", i64::from(d)))
                                .b(B::new("action", &[]).a("type", s("Delete"))));
                        }
                    }
                    b
                })?;
            }
            ComponentKind::LogAggregation(l) => {
                out.resource(
                    "observability.tf",
                    &c.id,
                    "google_logging_project_bucket_config",
                    &id,
                    |b| {
                        b.e("project", "var.project_id")
                            .a("location", s("global"))
                            .a("bucket_id", t(&gcp.name(&c.id)))
                            .a("retention_days", i64::from(l.retention_days.clamp(1, 3650)))
                    },
                )?;
            }
            ComponentKind::SecretsManager(sm) => {
                for j in plan.components_where(|k| {
                    matches!(
                        k,
                        ComponentKind::Database(_)
                            | ComponentKind::Cache(_)
                            | ComponentKind::Queue(_)
                    )
                }) {
                    let store = plan.component(j);
                    let sid = tf_ident(&store.id);
                    out.resource(
                        "security.tf",
                        &c.id,
                        "google_secret_manager_secret",
                        &sid,
                        |b| {
                            let b = b
                                .a(
                                    "secret_id",
                                    t(&format!("{}-credentials", gcp.name(&store.id))),
                                )
                                .b(B::new("replication", &[]).b(B::new("auto", &[])));
                            match sm.rotation_days {
                                Some(d) => b.b(B::new("rotation", &[])
                                    .a("rotation_period", s(format!("{}s", u64::from(d) * 86_400)))
                                    .a("next_rotation_time", s("2030-01-01T00:00:00Z"))),
                                None => b,
                            }
                        },
                    )?;
                    out.also(&store.id, &format!("google_secret_manager_secret.{sid}"));
                }
            }
            _ => {}
        }
    }
    for cl in &plan.clusters {
        let Some(v) = cl.vpc else { continue };
        let vpc = &plan.vpcs[v];
        let tier = cl.tier.unwrap_or(0);
        let Some(tp) = vpc.tiers.get(tier) else {
            continue;
        };
        let cid = tf_ident(&cl.id);
        let zones: Vec<hcl::Expression> = tp
            .subnets
            .iter()
            .map(|s| t(&zone_name(gcp, Some(vpc.region), s.zone_index)))
            .collect();
        let node = out.variable(
            &cl.id,
            &format!("{cid}_machine_type"),
            "string",
            &format!("Machine type of the nodes of cluster {}.", cl.id),
            Some(s(machine(cl.props.node_size))),
        )?;
        out.resource(
            "compute.tf",
            &cl.id,
            "google_container_cluster",
            &cid,
            |b| {
                b.a("name", t(&gcp.name(&cl.id)))
                    .e("location", &gcp.region(Some(vpc.region)))
                    .a("node_locations", list(zones.clone()))
                    .e(
                        "network",
                        &format!("google_compute_network.{}.id", tf_ident(&vpc.container.id)),
                    )
                    .e(
                        "subnetwork",
                        &format!("google_compute_subnetwork.{}.id", tf_ident(&tp.id)),
                    )
                    .a("remove_default_node_pool", true)
                    .a("initial_node_count", 1)
                    .a("min_master_version", s(cl.props.version.clone()))
                    .a("deletion_protection", true)
                    .a("enable_shielded_nodes", true)
                    .b(B::new("private_cluster_config", &[])
                        .a("enable_private_nodes", true)
                        .a("enable_private_endpoint", cl.props.private_endpoint)
                        .a("master_ipv4_cidr_block", s("172.16.0.0/28")))
                    .b(B::new("ip_allocation_policy", &[]))
                    .b(B::new("network_policy", &[])
                        .a("enabled", cl.props.network_policies)
                        .a("provider", s("CALICO")))
                    .b(B::new("workload_identity_config", &[])
                        .a("workload_pool", t("${var.project_id}.svc.id.goog")))
                    .b(B::new("release_channel", &[]).a("channel", s("REGULAR")))
                    .b(B::new("master_authorized_networks_config", &[]))
            },
        )?;
        let per_zone = |n: u32| n.div_ceil(zones.len().max(1) as u32).max(1);
        out.resource(
            "compute.tf",
            &cl.id,
            "google_container_node_pool",
            &cid,
            |b| {
                b.a("name", s("default"))
                    .e("cluster", &format!("google_container_cluster.{cid}.id"))
                    .a("node_locations", list(zones.clone()))
                    .b(B::new("autoscaling", &[])
                        .a("min_node_count", i64::from(per_zone(cl.props.min_nodes)))
                        .a("max_node_count", i64::from(per_zone(cl.props.max_nodes))))
                    .b(B::new("management", &[])
                        .a("auto_repair", true)
                        .a("auto_upgrade", true))
                    .b(B::new("node_config", &[])
                        .e("machine_type", &node)
                        .a("image_type", s("COS_CONTAINERD"))
                        .a(
                            "tags",
                            strs([gcp.tag(&cl.id)].into_iter().chain(
                                cl.workloads.iter().map(|&w| gcp.tag(&plan.component(w).id)),
                            )),
                        )
                        .b(B::new("shielded_instance_config", &[])
                            .a("enable_secure_boot", true)
                            .a("enable_integrity_monitoring", true))
                        .b(B::new("workload_metadata_config", &[]).a("mode", s("GKE_METADATA")))
                        .a(
                            "oauth_scopes",
                            strs(["https://www.googleapis.com/auth/cloud-platform"]),
                        ))
            },
        )?;
    }
    let _ = r;
    Ok(())
}
