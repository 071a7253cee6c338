//! Inspector sections of a component: placement, kind-specific properties, capacity.

use egui::Ui;

use super::fields as f;
use super::{Choices, section};
use crate::model::*;

/// Every property of component `c`, edited in place.
pub fn ui(ui: &mut Ui, c: &mut Component, choices: &Choices) {
    section(ui, "component", "Component", |ui| {
        f::text(ui, "Name", &mut c.name);
        f::multiline(ui, "Description", &mut c.description);
        f::reference(
            ui,
            "Container",
            &mut c.container,
            &choices.containers,
            "(top level)",
        );
        f::reference(
            ui,
            "Region",
            &mut c.region,
            &choices.regions,
            "(from container)",
        );
        f::flag(ui, "Managed service", &mut c.managed);
    });
    let zones = choices.zones_for(c);
    kind(ui, &mut c.kind, choices);
    capacity(ui, &mut c.capacity, &zones);
    section(ui, "tags", "Tags", |ui| {
        f::string_map(ui, "Tags", &mut c.tags)
    });
}

fn sizes() -> Vec<(Size, &'static str)> {
    vec![
        (Size::Small, "Small (2 vCPU, 4 GiB)"),
        (Size::Medium, "Medium (2 vCPU, 8 GiB)"),
        (Size::Large, "Large (4 vCPU, 16 GiB)"),
        (Size::XLarge, "XLarge (8 vCPU, 32 GiB)"),
        (Size::X2Large, "X2Large (16 vCPU, 64 GiB)"),
    ]
}

fn kind(ui: &mut Ui, kind: &mut ComponentKind, choices: &Choices) {
    let title = kind.tag().label();
    section(ui, "kind", title, |ui| match kind {
        ComponentKind::Users(a) | ComponentKind::Admins(a) => {
            f::number(
                ui,
                "Request rate",
                &mut a.rate_rps,
                0.0..=10_000_000.0,
                " rps",
                1.0,
            );
        }
        ComponentKind::Cdn(p) => {
            f::number(
                ui,
                "Cache hit ratio",
                &mut p.cache_hit_ratio,
                0.0..=1.0,
                "",
                0.01,
            );
            f::flag(ui, "DDoS protection", &mut p.ddos_protection);
            f::flag(ui, "HTTPS only", &mut p.https_only);
        }
        ComponentKind::Dns(p) => {
            f::flag(ui, "DNSSEC", &mut p.dnssec);
            f::flag(ui, "Failover routing", &mut p.failover_routing);
        }
        ComponentKind::LoadBalancer(p) => {
            f::choice(
                ui,
                "Layer",
                &mut p.layer,
                &[
                    (LoadBalancerLayer::Application, "Application (L7)"),
                    (LoadBalancerLayer::Network, "Network (L4)"),
                ],
            );
            f::flag(ui, "Internet-facing", &mut p.internet_facing);
            f::flag(ui, "TLS termination", &mut p.tls_termination);
            f::flag(ui, "HTTP to HTTPS redirect", &mut p.http_to_https_redirect);
            f::flag(ui, "Cross-zone", &mut p.cross_zone);
            f::text(ui, "Health check path", &mut p.health_check_path);
        }
        ComponentKind::ApiGateway(p) => {
            f::text(ui, "Product", &mut p.product);
            f::flag(ui, "Internet-facing", &mut p.internet_facing);
            f::flag(ui, "TLS termination", &mut p.tls_termination);
            f::flag(ui, "Authentication", &mut p.authentication);
            f::optional_int(
                ui,
                "Rate limit",
                &mut p.rate_limit_rps,
                100,
                1..=10_000_000,
                " rps",
            );
        }
        ComponentKind::Waf(p) => {
            f::flag(ui, "Managed rules", &mut p.managed_rules);
            f::optional_int(
                ui,
                "Rate limit",
                &mut p.rate_limit_per_5min,
                2000,
                1..=2_000_000_000,
                " / 5 min",
            );
            f::flag(ui, "Blocking", &mut p.blocking);
            f::flag(ui, "Logging", &mut p.logging);
        }
        ComponentKind::Bastion(p) => {
            f::flag(ui, "MFA", &mut p.mfa);
            f::flag(ui, "Audit log", &mut p.audit_log);
            f::optional_int(
                ui,
                "Session timeout",
                &mut p.session_timeout_min,
                15,
                1..=1440,
                " min",
            );
            f::string_list(ui, "Allowed CIDRs", &mut p.allowed_cidrs);
            f::choice(ui, "Size", &mut p.size, &sizes());
        }
        ComponentKind::NatGateway(_) => {
            ui.weak("One gateway per zone of its capacity.");
            ui.end_row();
        }
        ComponentKind::KubernetesCluster(k) => cluster(ui, k),
        ComponentKind::Workload(w) => workload(ui, w, choices),
        ComponentKind::Database(d) => database(ui, d, choices),
        ComponentKind::Cache(p) => {
            f::choice(
                ui,
                "Engine",
                &mut p.engine,
                &[
                    (CacheEngine::Redis, "Redis"),
                    (CacheEngine::Valkey, "Valkey"),
                    (CacheEngine::Memcached, "Memcached"),
                ],
            );
            f::text(ui, "Version", &mut p.version);
            f::choice(ui, "Size", &mut p.size, &sizes());
            f::number(ui, "Hit ratio", &mut p.hit_ratio, 0.0..=1.0, "", 0.01);
            f::choice(
                ui,
                "Persistence",
                &mut p.persistence,
                &[
                    (CachePersistence::None, "None (memory only)"),
                    (CachePersistence::Snapshot, "Snapshots"),
                    (CachePersistence::AppendOnly, "Append-only file"),
                ],
            );
            f::flag(ui, "Encryption in transit", &mut p.encryption_in_transit);
            f::flag(ui, "Encryption at rest", &mut p.encryption_at_rest);
            f::flag(ui, "Auth token", &mut p.auth_token);
            f::flag(ui, "Automatic failover", &mut p.automatic_failover);
        }
        ComponentKind::Queue(q) => {
            f::choice(
                ui,
                "Engine",
                &mut q.engine,
                &[
                    (QueueEngine::Rabbitmq, "RabbitMQ"),
                    (QueueEngine::Kafka, "Kafka"),
                ],
            );
            f::text(ui, "Version", &mut q.version);
            f::choice(ui, "Size", &mut q.size, &sizes());
            f::flag(ui, "Persistence", &mut q.persistence);
            f::flag(ui, "Dead-letter queue", &mut q.dead_letter_queue);
            f::flag(ui, "Encryption at rest", &mut q.encryption_at_rest);
        }
        ComponentKind::ObjectStorage(o) => storage(ui, o, choices),
        ComponentKind::SecretsManager(s) => {
            f::text(ui, "Product", &mut s.product);
            f::optional_int(ui, "Rotation", &mut s.rotation_days, 30, 1..=3650, " days");
            f::flag(ui, "Encryption at rest", &mut s.encryption_at_rest);
        }
        ComponentKind::CertificateManager(c) => {
            f::flag(ui, "Auto-renewal", &mut c.auto_renewal);
            f::string_list(ui, "Domains", &mut c.domains);
        }
        ComponentKind::LogAggregation(p) => {
            f::int(ui, "Retention", &mut p.retention_days, 1..=36_500, " days");
            f::flag(ui, "Audit logs", &mut p.audit_logs);
            f::flag(ui, "Encryption at rest", &mut p.encryption_at_rest);
        }
        ComponentKind::Metrics(p) => {
            f::int(ui, "Retention", &mut p.retention_days, 1..=36_500, " days");
            f::flag(ui, "Dashboards", &mut p.dashboards);
        }
        ComponentKind::Tracing(p) => {
            f::int(ui, "Retention", &mut p.retention_days, 1..=36_500, " days");
            f::number(
                ui,
                "Sampling",
                &mut p.sampling_percent,
                0.0..=100.0,
                " %",
                0.5,
            );
        }
        ComponentKind::Alerting(p) => {
            f::string_list(ui, "Channels", &mut p.channels);
            f::flag(ui, "Escalation policies", &mut p.escalation_policies);
        }
        ComponentKind::IdentityProvider(p) => {
            ui.label("Protocols");
            ui.horizontal(|ui| {
                for (proto, name) in [
                    (IdentityProtocol::Oidc, "OIDC"),
                    (IdentityProtocol::Saml, "SAML"),
                ] {
                    let mut on = p.protocols.contains(&proto);
                    if ui.checkbox(&mut on, name).changed() {
                        if on {
                            p.protocols.push(proto);
                        } else {
                            p.protocols.retain(|x| *x != proto);
                        }
                    }
                }
            });
            ui.end_row();
            f::flag(ui, "MFA", &mut p.mfa);
        }
        ComponentKind::ExternalApi(p) => {
            f::text(ui, "Purpose", &mut p.purpose);
            f::optional_number(
                ui,
                "Vendor SLA",
                &mut p.sla_percent,
                99.9,
                0.0..=100.0,
                " %",
            );
        }
        ComponentKind::EmailService(p) => f::optional_number(
            ui,
            "Vendor SLA",
            &mut p.sla_percent,
            99.9,
            0.0..=100.0,
            " %",
        ),
        ComponentKind::Generic(p) => f::text(ui, "Category", &mut p.category),
    });
}

/// Properties of a Kubernetes cluster (component or container).
pub fn cluster(ui: &mut Ui, k: &mut KubernetesClusterProps) {
    f::text(ui, "Version", &mut k.version);
    f::choice(ui, "Node size", &mut k.node_size, &sizes());
    f::int(ui, "Min nodes", &mut k.min_nodes, 1..=5000, "");
    f::int(ui, "Max nodes", &mut k.max_nodes, 1..=5000, "");
    f::flag(ui, "Private endpoint", &mut k.private_endpoint);
    f::flag(ui, "Network policies", &mut k.network_policies);
    f::flag(ui, "Secrets encryption", &mut k.secrets_encryption);
}

fn workload(ui: &mut Ui, w: &mut WorkloadProps, choices: &Choices) {
    f::choice(
        ui,
        "Role",
        &mut w.role,
        &[
            (WorkloadRole::WebApp, "Web app"),
            (WorkloadRole::Service, "Service"),
            (WorkloadRole::Worker, "Worker"),
        ],
    );
    f::text(ui, "Image", &mut w.image);
    let mut port = u32::from(w.port);
    f::int(ui, "Port", &mut port, 1..=65_535, "");
    w.port = u16::try_from(port).unwrap_or(w.port);
    f::reference(
        ui,
        "Cluster",
        &mut w.cluster,
        &choices.clusters,
        "(enclosing box)",
    );
    f::reference(
        ui,
        "Secrets from",
        &mut w.secrets_from,
        &choices.secrets,
        "(none)",
    );
    ui.label("Autoscaling");
    let mut on = w.autoscaling.is_some();
    if ui.checkbox(&mut on, "").changed() {
        w.autoscaling = on.then(|| w.autoscaling.clone().unwrap_or_default());
    }
    ui.end_row();
    if let Some(a) = &mut w.autoscaling {
        f::int(ui, "  Min replicas", &mut a.min_replicas, 1..=10_000, "");
        f::int(ui, "  Max replicas", &mut a.max_replicas, 1..=10_000, "");
        f::int(ui, "  Target CPU", &mut a.target_cpu_percent, 1..=100, " %");
    }
    let r = &mut w.resources;
    f::int(
        ui,
        "CPU request",
        &mut r.cpu_request_millicores,
        1..=256_000,
        " m",
    );
    f::int(
        ui,
        "CPU limit",
        &mut r.cpu_limit_millicores,
        1..=256_000,
        " m",
    );
    f::int(
        ui,
        "Memory request",
        &mut r.memory_request_mib,
        1..=4_194_304,
        " MiB",
    );
    f::int(
        ui,
        "Memory limit",
        &mut r.memory_limit_mib,
        1..=4_194_304,
        " MiB",
    );
    f::flag(ui, "Health probes", &mut w.health_probes);
    f::string_map(ui, "Environment", &mut w.env);
}

fn database(ui: &mut Ui, d: &mut DatabaseProps, choices: &Choices) {
    f::choice(
        ui,
        "Engine",
        &mut d.engine,
        &[
            (DatabaseEngine::Postgresql, "PostgreSQL"),
            (DatabaseEngine::Mysql, "MySQL"),
        ],
    );
    f::text(ui, "Version", &mut d.version);
    f::choice(ui, "Size", &mut d.size, &sizes());
    f::int(ui, "Storage", &mut d.storage_gib, 1..=65_536, " GiB");
    ui.label("Replication");
    ui.horizontal(|ui| {
        let mut sync = matches!(d.replication, Replication::Synchronous);
        if ui.radio_value(&mut sync, true, "Synchronous").changed()
            || ui.radio_value(&mut sync, false, "Asynchronous").changed()
        {
            d.replication = if sync {
                Replication::Synchronous
            } else {
                Replication::Asynchronous { lag_ms: 500.0 }
            };
        }
        if let Replication::Asynchronous { lag_ms } = &mut d.replication {
            ui.add(
                egui::DragValue::new(lag_ms)
                    .clamp_existing_to_range(false)
                    .range(0.0..=3_600_000.0)
                    .suffix(" ms lag"),
            );
        }
    });
    ui.end_row();
    f::flag(ui, "Replicas serve reads", &mut d.replicas_serve_reads);
    f::flag(ui, "Automatic failover", &mut d.automatic_failover);
    f::flag(ui, "Encryption at rest", &mut d.encryption_at_rest);
    f::flag(ui, "Deletion protection", &mut d.deletion_protection);
    ui.label("Automated backups");
    let mut on = d.backups.is_some();
    if ui.checkbox(&mut on, "").changed() {
        d.backups = on.then(|| d.backups.clone().unwrap_or_default());
    }
    ui.end_row();
    if let Some(b) = &mut d.backups {
        f::int(ui, "  Interval", &mut b.interval_hours, 1..=8760, " h");
        f::int(
            ui,
            "  Retention",
            &mut b.retention_days,
            1..=36_500,
            " days",
        );
        f::flag(
            ui,
            "  Point-in-time recovery",
            &mut b.point_in_time_recovery,
        );
        f::reference(
            ui,
            "  Copy to region",
            &mut b.copy_to_region,
            &choices.regions,
            "(none)",
        );
        f::flag(ui, "  Encrypted", &mut b.encrypted);
    }
}

fn storage(ui: &mut Ui, o: &mut ObjectStorageProps, choices: &Choices) {
    f::choice(
        ui,
        "Purpose",
        &mut o.purpose,
        &[
            (StoragePurpose::Documents, "Documents"),
            (StoragePurpose::Backups, "Backups"),
            (StoragePurpose::StaticAssets, "Static assets"),
            (StoragePurpose::Logs, "Logs"),
            (StoragePurpose::Other, "Other"),
        ],
    );
    f::flag(ui, "Versioning", &mut o.versioning);
    f::flag(ui, "Public access blocked", &mut o.public_access_blocked);
    f::flag(ui, "Encryption at rest", &mut o.encryption_at_rest);
    f::flag(ui, "Access logging", &mut o.access_logging);
    ui.label("Lifecycle rules");
    let mut on = o.lifecycle.is_some();
    if ui.checkbox(&mut on, "").changed() {
        o.lifecycle = on.then(|| o.lifecycle.clone().unwrap_or_default());
    }
    ui.end_row();
    if let Some(l) = &mut o.lifecycle {
        f::optional_int(
            ui,
            "  Archive after",
            &mut l.archive_after_days,
            90,
            1..=36_500,
            " days",
        );
        f::optional_int(
            ui,
            "  Expire after",
            &mut l.expire_after_days,
            365,
            1..=36_500,
            " days",
        );
    }
    f::reference(
        ui,
        "Replicate to region",
        &mut o.replicate_to_region,
        &choices.regions,
        "(none)",
    );
}

fn capacity(ui: &mut Ui, c: &mut Capacity, zones: &[Id]) {
    section(ui, "capacity", "Capacity and failover", |ui| {
        f::int(ui, "Replicas", &mut c.replicas, 1..=10_000, "");
        f::zones(ui, "Zones", &mut c.zones, zones);
        f::int(
            ui,
            "Concurrency / replica",
            &mut c.concurrency_per_replica,
            1..=1_000_000,
            "",
        );
        ui.label("Service time");
        ui.horizontal(|ui| {
            let mut shape = match c.service_time.distribution {
                Distribution::Exponential => 0,
                Distribution::Constant => 1,
                Distribution::LogNormal { .. } => 2,
            };
            let before = shape;
            egui::ComboBox::from_id_salt("distribution")
                .selected_text(["Exponential", "Constant", "Log-normal"][shape])
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut shape, 0, "Exponential");
                    ui.selectable_value(&mut shape, 1, "Constant");
                    ui.selectable_value(&mut shape, 2, "Log-normal");
                });
            if shape != before {
                c.service_time.distribution = match shape {
                    0 => Distribution::Exponential,
                    1 => Distribution::Constant,
                    _ => Distribution::LogNormal { sigma: 0.5 },
                };
            }
            ui.add(
                egui::DragValue::new(&mut c.service_time.mean_ms)
                    .clamp_existing_to_range(false)
                    .range(0.001..=3_600_000.0)
                    .suffix(" ms mean")
                    .speed(0.1),
            );
            if let Distribution::LogNormal { sigma } = &mut c.service_time.distribution {
                ui.add(
                    egui::DragValue::new(sigma)
                        .clamp_existing_to_range(false)
                        .range(0.01..=5.0)
                        .prefix("σ ")
                        .speed(0.01),
                );
            }
        });
        ui.end_row();
        f::choice(
            ui,
            "Calls",
            &mut c.call_mode,
            &[
                (CallMode::NonBlocking, "Non-blocking (async I/O)"),
                (CallMode::Blocking, "Blocking (thread per request)"),
            ],
        );
        f::number(
            ui,
            "Health-check interval",
            &mut c.failover.health_check_interval_s,
            0.1..=3600.0,
            " s",
            0.5,
        );
        f::int(
            ui,
            "Unhealthy threshold",
            &mut c.failover.unhealthy_threshold,
            1..=100,
            " checks",
        );
        f::number(
            ui,
            "Promotion time",
            &mut c.failover.promotion_time_s,
            0.0..=86_400.0,
            " s",
            1.0,
        );
        ui.label("Detection delay");
        ui.weak(format!("{:.0} s", c.failover.detection_delay_s()));
        ui.end_row();
    });
}
