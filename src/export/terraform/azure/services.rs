//! Azure services: Log Analytics, Key Vault, Application Gateway with WAF_v2, AKS with a node
//! pool over the drawn zones, PostgreSQL flexible server (zone-redundant HA, geo-redundant
//! backups), Azure Cache for Redis and storage accounts.

use super::Azure;
use crate::export::ExportError;
use crate::export::hcl::{B, list, obj, r, s, strs, t};
use crate::export::names::{cloud_name, tf_ident};
use crate::export::terraform::Emitter;
use crate::model::{ComponentKind, Id, Size};

fn vm_size(size: Size) -> &'static str {
    match size {
        Size::Small => "Standard_D2s_v5",
        Size::Medium => "Standard_D2s_v5",
        Size::Large => "Standard_D4s_v5",
        Size::XLarge => "Standard_D8s_v5",
        Size::X2Large => "Standard_D16s_v5",
    }
}

fn db_sku(size: Size) -> &'static str {
    match size {
        Size::Small => "GP_Standard_D2ds_v5",
        Size::Medium => "GP_Standard_D2ds_v5",
        Size::Large => "MO_Standard_E4ds_v5",
        Size::XLarge => "MO_Standard_E8ds_v5",
        Size::X2Large => "MO_Standard_E16ds_v5",
    }
}

fn zones_of(az: &Azure<'_>, i: usize) -> Vec<String> {
    let plan = az.plan;
    let c = plan.component(i);
    let Some(region) = plan.region_of(i) else {
        return Vec::new();
    };
    c.capacity
        .occupied_zones()
        .iter()
        .filter_map(|z| region.zones.iter().position(|x| x == *z))
        .map(|n| (n + 1).to_string())
        .collect()
}

fn compact(id: &Id, max: usize) -> String {
    let mut n: String = cloud_name(id).replace('-', "");
    n.truncate(max);
    n
}

pub(crate) fn emit(az: &Azure<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = az.plan;
    let group = az.group(None);
    let loc = az.location(None);
    let root = Id::fallback();
    out.data("security.tf", "azurerm_client_config", "current", |b| b);
    for i in plan.components_where(|k| matches!(k, ComponentKind::LogAggregation(_))) {
        let c = plan.component(i);
        let ComponentKind::LogAggregation(p) = &c.kind else {
            continue;
        };
        out.resource(
            "observability.tf",
            &c.id,
            "azurerm_log_analytics_workspace",
            &tf_ident(&c.id),
            |b| {
                b.a("name", t(&az.name(&c.id)))
                    .e("location", &loc)
                    .e("resource_group_name", &format!("{group}.name"))
                    .a("sku", s("PerGB2018"))
                    .a(
                        "retention_in_days",
                        i64::from(p.retention_days.clamp(30, 730)),
                    )
            },
        )?;
    }
    for i in plan.components_where(|k| matches!(k, ComponentKind::SecretsManager(_))) {
        let c = plan.component(i);
        out.resource(
            "security.tf",
            &c.id,
            "azurerm_key_vault",
            &tf_ident(&c.id),
            |b| {
                b.a("name", t(&format!("${{local.name}}{}", compact(&c.id, 10))))
                    .e("location", &loc)
                    .e("resource_group_name", &format!("{group}.name"))
                    .e("tenant_id", "data.azurerm_client_config.current.tenant_id")
                    .a("sku_name", s("standard"))
                    .a("purge_protection_enabled", true)
                    .a("soft_delete_retention_days", 90)
                    .a("rbac_authorization_enabled", true)
                    .a("public_network_access_enabled", false)
                    .b(B::new("network_acls", &[])
                        .a("default_action", s("Deny"))
                        .a("bypass", s("AzureServices")))
            },
        )?;
    }
    for i in 0..plan.topology.components.len() {
        let c = plan.component(i);
        let id = tf_ident(&c.id);
        let p = plan.placement[i];
        let subnet = match (p.vpc, p.tier) {
            (Some(v), Some(ti)) => Some(format!(
                "azurerm_subnet.{}.id",
                tf_ident(&plan.vpcs[v].tiers[ti].id)
            )),
            _ => None,
        };
        let zones = zones_of(az, i);
        match &c.kind {
            ComponentKind::LoadBalancer(lb) if subnet.is_some() => {
                let sn = subnet.clone().unwrap_or_default();
                out.resource(
                    "compute.tf",
                    &c.id,
                    "azurerm_public_ip",
                    &format!("{id}_gateway"),
                    |b| {
                        b.a("name", t(&az.name(&c.id)))
                            .e("location", &loc)
                            .e("resource_group_name", &format!("{group}.name"))
                            .a("allocation_method", s("Static"))
                            .a("sku", s("Standard"))
                            .a("zones", strs(zones.clone()))
                    },
                )?;
                out.resource(
                    "security.tf",
                    &c.id,
                    "azurerm_web_application_firewall_policy",
                    &id,
                    |b| {
                        b.a("name", t(&format!("{}-waf", az.name(&c.id))))
                            .e("location", &loc)
                            .e("resource_group_name", &format!("{group}.name"))
                            .b(B::new("policy_settings", &[])
                                .a("enabled", true)
                                .a("mode", s("Prevention"))
                                .a("request_body_check", true))
                            .b(B::new("managed_rules", &[])
                                .b(B::new("managed_rule_set", &[])
                                    .a("type", s("OWASP"))
                                    .a("version", s("3.2")))
                                .b(B::new("managed_rule_set", &[])
                                    .a("type", s("Microsoft_BotManagerRuleSet"))
                                    .a("version", s("1.0"))))
                    },
                )?;
                let cap = c.capacity.replicas.max(2);
                let redirect = lb.http_to_https_redirect;
                out.resource(
                    "compute.tf",
                    &c.id,
                    "azurerm_application_gateway",
                    &id,
                    |b| {
                        let mut b = b
                            .a("name", t(&az.name(&c.id)))
                            .e("location", &loc)
                            .e("resource_group_name", &format!("{group}.name"))
                            .a("zones", strs(zones.clone()))
                            .e(
                                "firewall_policy_id",
                                &format!("azurerm_web_application_firewall_policy.{id}.id"),
                            )
                            .b(B::new("sku", &[])
                                .a("name", s("WAF_v2"))
                                .a("tier", s("WAF_v2"))
                                .a("capacity", i64::from(cap)))
                            .b(B::new("ssl_policy", &[])
                                .a("policy_type", s("Predefined"))
                                .a("policy_name", s("AppGwSslPolicy20220101")))
                            .b(B::new("gateway_ip_configuration", &[])
                                .a("name", s("gateway"))
                                .e("subnet_id", &sn))
                            .b(B::new("frontend_ip_configuration", &[])
                                .a("name", s("public"))
                                .e(
                                    "public_ip_address_id",
                                    &format!("azurerm_public_ip.{id}_gateway.id"),
                                ))
                            .b(B::new("frontend_port", &[])
                                .a("name", s("https"))
                                .a("port", 443))
                            .b(B::new("frontend_port", &[])
                                .a("name", s("http"))
                                .a("port", 80))
                            .b(B::new("backend_address_pool", &[]).a("name", s("backends")))
                            .b(B::new("backend_http_settings", &[])
                                .a("name", s("https"))
                                .a("cookie_based_affinity", s("Disabled"))
                                .a("port", 443)
                                .a("protocol", s("Https"))
                                .a("request_timeout", 30))
                            .b(B::new("ssl_certificate", &[])
                                .a("name", s("tls"))
                                .e("key_vault_secret_id", "var.tls_certificate_secret_id"))
                            .b(B::new("identity", &[]).a("type", s("UserAssigned")).a(
                                "identity_ids",
                                list(vec![r(&format!("azurerm_user_assigned_identity.{id}.id"))]),
                            ))
                            .b(B::new("http_listener", &[])
                                .a("name", s("https"))
                                .a("frontend_ip_configuration_name", s("public"))
                                .a("frontend_port_name", s("https"))
                                .a("protocol", s("Https"))
                                .a("ssl_certificate_name", s("tls")))
                            .b(B::new("request_routing_rule", &[])
                                .a("name", s("https"))
                                .a("priority", 10)
                                .a("rule_type", s("Basic"))
                                .a("http_listener_name", s("https"))
                                .a("backend_address_pool_name", s("backends"))
                                .a("backend_http_settings_name", s("https")));
                        if redirect {
                            b = b
                                .b(B::new("http_listener", &[])
                                    .a("name", s("http"))
                                    .a("frontend_ip_configuration_name", s("public"))
                                    .a("frontend_port_name", s("http"))
                                    .a("protocol", s("Http")))
                                .b(B::new("redirect_configuration", &[])
                                    .a("name", s("to-https"))
                                    .a("redirect_type", s("Permanent"))
                                    .a("target_listener_name", s("https"))
                                    .a("include_path", true)
                                    .a("include_query_string", true))
                                .b(B::new("request_routing_rule", &[])
                                    .a("name", s("http-to-https"))
                                    .a("priority", 20)
                                    .a("rule_type", s("Basic"))
                                    .a("http_listener_name", s("http"))
                                    .a("redirect_configuration_name", s("to-https")));
                        }
                        b
                    },
                )?;
                out.resource(
                    "compute.tf",
                    &c.id,
                    "azurerm_user_assigned_identity",
                    &id,
                    |b| {
                        b.a("name", t(&az.name(&c.id)))
                            .e("location", &loc)
                            .e("resource_group_name", &format!("{group}.name"))
                    },
                )?;
                if !out.has("var.tls_certificate_secret_id") {
                    out.variable(
                        &root,
                        "tls_certificate_secret_id",
                        "string",
                        "Key Vault secret id of the TLS certificate of the application gateways.",
                        None,
                    )?;
                }
            }
            ComponentKind::Database(d) if subnet.is_some() => {
                let ha = c.capacity.is_multi_zone() && d.automatic_failover;
                let backups = d.backups.as_ref();
                let geo = backups.is_some_and(|b| b.copy_to_region.is_some());
                let sku = out.variable(
                    &c.id,
                    &format!("{id}_sku"),
                    "string",
                    &format!("SKU of database {}.", c.id),
                    Some(s(db_sku(d.size))),
                )?;
                out.resource("security.tf", &c.id, "random_password", &id, |b| {
                    b.a("length", 40).a("special", false)
                })?;
                let zones_c = zones.clone();
                out.resource(
                    "data.tf",
                    &c.id,
                    "azurerm_postgresql_flexible_server",
                    &id,
                    |b| {
                        let mut b = b
                            .a("name", t(&az.name(&c.id)))
                            .e("location", &loc)
                            .e("resource_group_name", &format!("{group}.name"))
                            .a(
                                "version",
                                s(d.version.split('.').next().unwrap_or("16").to_owned()),
                            )
                            .e("sku_name", &sku)
                            .a("storage_mb", i64::from(d.storage_gib) * 1024)
                            .a(
                                "backup_retention_days",
                                i64::from(backups.map_or(7, |b| b.retention_days.clamp(7, 35))),
                            )
                            .a("geo_redundant_backup_enabled", geo)
                            .a("public_network_access_enabled", false)
                            .a("administrator_login", s("app_admin"))
                            .e(
                                "administrator_password",
                                &format!("random_password.{id}.result"),
                            );
                        if let Some(z) = zones_c.first() {
                            b = b.a("zone", s(z.clone()));
                        }
                        if ha && let Some(z) = zones_c.get(1) {
                            b = b.b(B::new("high_availability", &[])
                                .a("mode", s("ZoneRedundant"))
                                .a("standby_availability_zone", s(z.clone())));
                        }
                        b.b(B::new("lifecycle", &[])
                            .a("prevent_destroy", d.deletion_protection)
                            .a("ignore_changes", list(vec![r("administrator_password")])))
                    },
                )?;
                out.resource(
                    "data.tf",
                    &c.id,
                    "azurerm_postgresql_flexible_server_configuration",
                    &format!("{id}_require_tls"),
                    |b| {
                        b.a("name", s("require_secure_transport"))
                            .e(
                                "server_id",
                                &format!("azurerm_postgresql_flexible_server.{id}.id"),
                            )
                            .a("value", s("on"))
                    },
                )?;
            }
            ComponentKind::Cache(p) if subnet.is_some() => {
                let sn = subnet.clone().unwrap_or_default();
                out.resource("data.tf", &c.id, "azurerm_redis_cache", &id, |b| {
                    b.a("name", t(&az.name(&c.id)))
                        .e("location", &loc)
                        .e("resource_group_name", &format!("{group}.name"))
                        .a("capacity", 1)
                        .a("family", s("P"))
                        .a("sku_name", s("Premium"))
                        .a(
                            "replicas_per_primary",
                            i64::from(c.capacity.replicas.saturating_sub(1).max(1)),
                        )
                        .a("zones", strs(zones.clone()))
                        .a("non_ssl_port_enabled", !p.encryption_in_transit)
                        .a("minimum_tls_version", s("1.2"))
                        .a("public_network_access_enabled", false)
                        .e("subnet_id", &sn)
                        .b(B::new("redis_configuration", &[])
                            .a("authentication_enabled", p.auth_token))
                })?;
            }
            ComponentKind::Queue(_) => {
                out.note(format!("queue \"{}\": Azure has no managed RabbitMQ; run it in the cluster (the RabbitMQ cluster operator) or use Azure Service Bus", c.id));
            }
            ComponentKind::ObjectStorage(o) => {
                out.resource("storage.tf", &c.id, "azurerm_storage_account", &id, |b| {
                    let mut b = b
                        .a("name", t(&format!("${{local.name}}{}", compact(&c.id, 12))))
                        .e("location", &loc)
                        .e("resource_group_name", &format!("{group}.name"))
                        .a("account_tier", s("Standard"))
                        .a(
                            "account_replication_type",
                            s(if o.replicate_to_region.is_some() {
                                "RAGZRS"
                            } else {
                                "ZRS"
                            }),
                        )
                        .a("min_tls_version", s("TLS1_2"))
                        .a("https_traffic_only_enabled", true)
                        .a("allow_nested_items_to_be_public", !o.public_access_blocked)
                        .a("shared_access_key_enabled", false)
                        .a("public_network_access_enabled", false);
                    b = b.b(B::new("blob_properties", &[])
                        .a("versioning_enabled", o.versioning)
                        .b(B::new("delete_retention_policy", &[]).a("days", 30)));
                    b
                })?;
                if let Some(l) = &o.lifecycle {
                    out.resource(
                        "storage.tf",
                        &c.id,
                        "azurerm_storage_management_policy",
                        &id,
                        |b| {
                            let mut base = B::new("base_blob", &[]);
                            if let Some(d) = l.archive_after_days {
                                base = base.a(
                                    "tier_to_archive_after_days_since_modification_greater_than",
                                    i64::from(d),
                                );
                            }
                            if let Some(d) = l.expire_after_days {
                                base = base.a(
                                    "delete_after_days_since_modification_greater_than",
                                    i64::from(d),
                                );
                            }
                            b.e(
                                "storage_account_id",
                                &format!("azurerm_storage_account.{id}.id"),
                            )
                            .b(B::new("rule", &[])
                                .a("name", s("lifecycle"))
                                .a("enabled", true)
                                .b(B::new("filters", &[]).a("blob_types", strs(["blockBlob"])))
                                .b(B::new("actions", &[]).b(base)))
                        },
                    )?;
                }
            }
            _ => {}
        }
    }
    for cl in &plan.clusters {
        let Some(v) = cl.vpc else { continue };
        let tier = cl.tier.unwrap_or(0);
        let Some(t_) = plan.vpcs[v].tiers.get(tier) else {
            continue;
        };
        let cid = tf_ident(&cl.id);
        let zones: Vec<String> = t_
            .subnets
            .iter()
            .map(|s| (s.zone_index + 1).to_string())
            .collect();
        let node = out.variable(
            &cl.id,
            &format!("{cid}_node_vm_size"),
            "string",
            &format!("VM size of the nodes of cluster {}.", cl.id),
            Some(s(vm_size(cl.props.node_size))),
        )?;
        let logs = plan
            .components_where(|k| matches!(k, ComponentKind::LogAggregation(_)))
            .first()
            .map(|&i| {
                format!(
                    "azurerm_log_analytics_workspace.{}.id",
                    tf_ident(&plan.component(i).id)
                )
            });
        out.resource(
            "compute.tf",
            &cl.id,
            "azurerm_kubernetes_cluster",
            &cid,
            |b| {
                let b = b
                    .a("name", t(&az.name(&cl.id)))
                    .e("location", &loc)
                    .e("resource_group_name", &format!("{group}.name"))
                    .a("dns_prefix", t(&az.name(&cl.id).to_string()))
                    .a("kubernetes_version", s(cl.props.version.clone()))
                    .a("private_cluster_enabled", cl.props.private_endpoint)
                    .a("local_account_disabled", true)
                    .a("azure_policy_enabled", true)
                    .a("automatic_upgrade_channel", s("patch"))
                    .a("sku_tier", s("Standard"))
                    .b(B::new("default_node_pool", &[])
                        .a("name", s("system"))
                        .e("vm_size", &node)
                        .a("auto_scaling_enabled", true)
                        .a("min_count", i64::from(cl.props.min_nodes))
                        .a("max_count", i64::from(cl.props.max_nodes))
                        .a("zones", strs(zones.clone()))
                        .e(
                            "vnet_subnet_id",
                            &format!("azurerm_subnet.{}.id", tf_ident(&t_.id)),
                        )
                        .a("max_pods", 50)
                        .a("os_disk_type", s("Ephemeral"))
                        .a("host_encryption_enabled", true)
                        .a("only_critical_addons_enabled", false))
                    .b(B::new("identity", &[]).a("type", s("SystemAssigned")))
                    .b(B::new("network_profile", &[])
                        .a("network_plugin", s("azure"))
                        .a(
                            "network_policy",
                            s(if cl.props.network_policies {
                                "azure"
                            } else {
                                "none"
                            }),
                        )
                        .a("outbound_type", s("userAssignedNATGateway")))
                    .b(
                        B::new("azure_active_directory_role_based_access_control", &[])
                            .a("azure_rbac_enabled", true),
                    )
                    .b(B::new("key_vault_secrets_provider", &[])
                        .a("secret_rotation_enabled", true));
                match &logs {
                    Some(l) => b.b(B::new("oms_agent", &[]).e("log_analytics_workspace_id", l)),
                    None => b,
                }
            },
        )?;
    }
    let _ = obj::<&str>;
    Ok(())
}
