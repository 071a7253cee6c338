//! Azure networking: resource groups, VNets and subnets per tier, NAT gateways, an application
//! security group per component and a network security group per tier with one rule per drawn
//! connection into it (priority order follows the file), denying the rest.

use super::Azure;
use crate::export::ExportError;
use crate::export::hcl::{list, r, s, t};
use crate::export::names::tf_ident;
use crate::export::plan::Endpoint;
use crate::export::terraform::Emitter;
use crate::model::{ComponentKind, Tier};

pub(crate) fn emit(az: &Azure<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = az.plan;
    let mut regions: Vec<&crate::model::Region> = plan.vpcs.iter().map(|v| v.region).collect();
    if let Some(p) = plan.primary_region() {
        regions.push(p);
    }
    regions.sort_by(|a, b| a.id.cmp(&b.id));
    regions.dedup_by(|a, b| a.id == b.id);
    for reg in &regions {
        let rid = tf_ident(&reg.id);
        out.resource("network.tf", &reg.id, "azurerm_resource_group", &rid, |b| {
            b.a("name", t(&format!("${{local.name}}-{}-rg", reg.id)))
                .e("location", &az.location(Some(reg)))
                .e("tags", "local.tags")
        })?;
    }
    for (v, vpc) in plan.vpcs.iter().enumerate() {
        let c = vpc.container;
        let vid = tf_ident(&c.id);
        let group = az.group(Some(vpc.region));
        let loc = az.location(Some(vpc.region));
        let cidr = out.variable(
            &c.id,
            &format!("{vid}_address_space"),
            "string",
            &format!("Address space of VNet {}.", c.id),
            Some(s(vpc.cidr.to_string())),
        )?;
        out.resource("network.tf", &c.id, "azurerm_virtual_network", &vid, |b| {
            b.a("name", t(&az.name(&c.id)))
                .e("location", &loc)
                .e("resource_group_name", &format!("{group}.name"))
                .a("address_space", list(vec![r(&cidr)]))
                .e("tags", "local.tags")
        })?;
        let nat: Vec<usize> = plan
            .components_where(|k| matches!(k, ComponentKind::NatGateway(_)))
            .into_iter()
            .filter(|&i| plan.placement[i].vpc == Some(v))
            .collect();
        for &i in &nat {
            let k = plan.component(i);
            let id = tf_ident(&k.id);
            out.resource("network.tf", &k.id, "azurerm_public_ip", &id, |b| {
                b.a("name", t(&az.name(&k.id)))
                    .e("location", &loc)
                    .e("resource_group_name", &format!("{group}.name"))
                    .a("allocation_method", s("Static"))
                    .a("sku", s("Standard"))
            })?;
            out.resource("network.tf", &k.id, "azurerm_nat_gateway", &id, |b| {
                b.a("name", t(&az.name(&k.id)))
                    .e("location", &loc)
                    .e("resource_group_name", &format!("{group}.name"))
                    .a("sku_name", s("Standard"))
            })?;
            out.resource(
                "network.tf",
                &k.id,
                "azurerm_nat_gateway_public_ip_association",
                &id,
                |b| {
                    b.e("nat_gateway_id", &format!("azurerm_nat_gateway.{id}.id"))
                        .e(
                            "public_ip_address_id",
                            &format!("azurerm_public_ip.{id}.id"),
                        )
                },
            )?;
        }
        for (ti, tier) in vpc.tiers.iter().enumerate() {
            let owner = tier.container.map_or(&c.id, |k| &k.id);
            let tid = tf_ident(&tier.id);
            out.resource("network.tf", owner, "azurerm_subnet", &tid, |b| {
                b.a("name", s(tier.id.to_string()))
                    .e("resource_group_name", &format!("{group}.name"))
                    .e(
                        "virtual_network_name",
                        &format!("azurerm_virtual_network.{vid}.name"),
                    )
                    .a(
                        "address_prefixes",
                        crate::export::hcl::strs([tier.cidr.to_string()]),
                    )
                    .a("default_outbound_access_enabled", false)
            })?;
            out.resource(
                "security.tf",
                owner,
                "azurerm_network_security_group",
                &tid,
                |b| {
                    b.a("name", t(&format!("{}-nsg", az.name(&tier.id))))
                        .e("location", &loc)
                        .e("resource_group_name", &format!("{group}.name"))
                        .e("tags", "local.tags")
                },
            )?;
            out.resource(
                "security.tf",
                owner,
                "azurerm_subnet_network_security_group_association",
                &tid,
                |b| {
                    b.e("subnet_id", &format!("azurerm_subnet.{tid}.id")).e(
                        "network_security_group_id",
                        &format!("azurerm_network_security_group.{tid}.id"),
                    )
                },
            )?;
            if matches!(tier.tier, Tier::PrivateApp)
                && let Some(&i) = nat.first()
            {
                let id = tf_ident(&plan.component(i).id);
                out.resource(
                    "network.tf",
                    owner,
                    "azurerm_subnet_nat_gateway_association",
                    &tid,
                    |b| {
                        b.e("subnet_id", &format!("azurerm_subnet.{tid}.id"))
                            .e("nat_gateway_id", &format!("azurerm_nat_gateway.{id}.id"))
                    },
                )?;
            }
            // One inbound rule per drawn connection into a member of this tier, then deny.
            let mut priority = 100;
            for l in &plan.links {
                let into_tier = match l.to {
                    Endpoint::Component(j) => {
                        plan.placement[j].vpc == Some(v) && plan.placement[j].tier == Some(ti)
                    }
                    Endpoint::Cluster(k) => {
                        plan.clusters[k].vpc == Some(v) && plan.clusters[k].tier == Some(ti)
                    }
                };
                if !into_tier || priority > 4000 {
                    continue;
                }
                let conn = plan.connection(l);
                let name = format!(
                    "{}_{}",
                    tf_ident(&conn.id),
                    tf_ident(plan.endpoint_id(l.to))
                );
                let source = source_prefix(az, l.from);
                let dest = format!("azurerm_subnet.{tid}.address_prefixes[0]");
                out.resource(
                    "security.tf",
                    &conn.id,
                    "azurerm_network_security_rule",
                    &name,
                    |b| {
                        b.a("name", s(format!("{}-{}", conn.id, plan.endpoint_id(l.to))))
                            .a("priority", priority)
                            .a("direction", s("Inbound"))
                            .a("access", s("Allow"))
                            .a("protocol", s(if l.udp { "Udp" } else { "Tcp" }))
                            .a("source_port_range", s("*"))
                            .a("destination_port_range", s(l.port.to_string()))
                            .a("source_address_prefix", source)
                            .e("destination_address_prefix", &dest)
                            .e("resource_group_name", &format!("{group}.name"))
                            .e(
                                "network_security_group_name",
                                &format!("azurerm_network_security_group.{tid}.name"),
                            )
                            .a(
                                "description",
                                s(crate::export::names::comment_text(
                                    &format!("{} ({})", conn.id, conn.protocol.label()),
                                    140,
                                )),
                            )
                    },
                )?;
                priority += 10;
            }
            out.resource(
                "security.tf",
                owner,
                "azurerm_network_security_rule",
                &format!("{tid}_deny_inbound"),
                |b| {
                    b.a("name", s("deny-all-inbound"))
                        .a("priority", 4096)
                        .a("direction", s("Inbound"))
                        .a("access", s("Deny"))
                        .a("protocol", s("*"))
                        .a("source_port_range", s("*"))
                        .a("destination_port_range", s("*"))
                        .a("source_address_prefix", s("*"))
                        .a("destination_address_prefix", s("*"))
                        .e("resource_group_name", &format!("{group}.name"))
                        .e(
                            "network_security_group_name",
                            &format!("azurerm_network_security_group.{tid}.name"),
                        )
                },
            )?;
        }
    }
    Ok(())
}

/// The source of an inbound rule: the caller's subnet, or the internet.
fn source_prefix(az: &Azure<'_>, e: Endpoint) -> hcl::Expression {
    let plan = az.plan;
    let place = match e {
        Endpoint::Component(i) => (plan.placement[i].vpc, plan.placement[i].tier),
        Endpoint::Cluster(k) => (plan.clusters[k].vpc, plan.clusters[k].tier),
    };
    match place {
        (Some(v), Some(t)) => r(&format!(
            "azurerm_subnet.{}.address_prefixes[0]",
            tf_ident(&plan.vpcs[v].tiers[t].id)
        )),
        _ => match e {
            Endpoint::Component(i) if matches!(plan.component(i).kind, ComponentKind::Cdn(_)) => {
                s("AzureFrontDoor.Backend")
            }
            _ => s("Internet"),
        },
    }
}
