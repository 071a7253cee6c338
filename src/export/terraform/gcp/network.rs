//! GCP networking: VPC networks, one regional subnet per tier (GCP subnets span zones), Cloud
//! Router and NAT for the private application tiers, and one ingress firewall rule per drawn
//! connection from the caller's network tag (or address range) to the callee's, above a deny-all.

use super::Gcp;
use crate::export::ExportError;
use crate::export::hcl::{B, list, r, s, strs, t};
use crate::export::names::tf_ident;
use crate::export::plan::Endpoint;
use crate::export::terraform::Emitter;
use crate::model::{ComponentKind, Tier};

pub(crate) fn emit(gcp: &Gcp<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = gcp.plan;
    for (v, vpc) in plan.vpcs.iter().enumerate() {
        let c = vpc.container;
        let vid = tf_ident(&c.id);
        let region = gcp.region(Some(vpc.region));
        out.resource("network.tf", &c.id, "google_compute_network", &vid, |b| {
            b.a("name", t(&gcp.name(&c.id)))
                .a("auto_create_subnetworks", false)
                .a("routing_mode", s("REGIONAL"))
        })?;
        for tier in &vpc.tiers {
            let owner = tier.container.map_or(&c.id, |k| &k.id);
            let tid = tf_ident(&tier.id);
            let flow = vpc.props.flow_logs;
            out.resource(
                "network.tf",
                owner,
                "google_compute_subnetwork",
                &tid,
                |b| {
                    let b = b
                        .a("name", t(&gcp.name(&tier.id)))
                        .a("ip_cidr_range", s(tier.cidr.to_string()))
                        .e("region", &region)
                        .e("network", &format!("google_compute_network.{vid}.id"))
                        .a("private_ip_google_access", true);
                    if flow {
                        b.b(B::new("log_config", &[])
                            .a("aggregation_interval", s("INTERVAL_5_SEC"))
                            .a("flow_sampling", 0.5)
                            .a("metadata", s("INCLUDE_ALL_METADATA")))
                    } else {
                        b
                    }
                },
            )?;
        }
        let has_nat = plan
            .components_where(|k| matches!(k, ComponentKind::NatGateway(_)))
            .into_iter()
            .any(|i| plan.placement[i].vpc == Some(v));
        if has_nat {
            let app: Vec<String> = vpc
                .tiers
                .iter()
                .filter(|t| matches!(t.tier, Tier::PrivateApp))
                .map(|t| format!("google_compute_subnetwork.{}.id", tf_ident(&t.id)))
                .collect();
            out.resource("network.tf", &c.id, "google_compute_router", &vid, |b| {
                b.a("name", t(&gcp.name(&c.id)))
                    .e("region", &region)
                    .e("network", &format!("google_compute_network.{vid}.id"))
            })?;
            out.resource(
                "network.tf",
                &c.id,
                "google_compute_router_nat",
                &vid,
                |b| {
                    let mut b = b
                        .a("name", t(&gcp.name(&c.id)))
                        .e("router", &format!("google_compute_router.{vid}.name"))
                        .e("region", &region)
                        .a("nat_ip_allocate_option", s("AUTO_ONLY"))
                        .a(
                            "source_subnetwork_ip_ranges_to_nat",
                            s("LIST_OF_SUBNETWORKS"),
                        );
                    for sn in &app {
                        b = b.b(B::new("subnetwork", &[])
                            .e("name", sn)
                            .a("source_ip_ranges_to_nat", strs(["ALL_IP_RANGES"])));
                    }
                    b.b(B::new("log_config", &[])
                        .a("enable", true)
                        .a("filter", s("ERRORS_ONLY")))
                },
            )?;
        }
        // One ingress rule per drawn connection into a component of this network.
        for l in &plan.links {
            let to_vpc = match l.to {
                Endpoint::Component(j) => plan.placement[j].vpc,
                Endpoint::Cluster(k) => plan.clusters[k].vpc,
            };
            if to_vpc != Some(v) {
                continue;
            }
            let conn = plan.connection(l);
            let name = format!(
                "{}_{}",
                tf_ident(&conn.id),
                tf_ident(plan.endpoint_id(l.to))
            );
            let from_vpc = match l.from {
                Endpoint::Component(i) => plan.placement[i].vpc,
                Endpoint::Cluster(k) => plan.clusters[k].vpc,
            };
            let target_tag = gcp.tag(plan.endpoint_id(l.to));
            let from_tag = gcp.tag(plan.endpoint_id(l.from));
            let cdn = matches!(l.from, Endpoint::Component(i) if matches!(plan.component(i).kind, ComponentKind::Cdn(_) | ComponentKind::LoadBalancer(_)) && plan.placement[i].vpc.is_none());
            out.resource(
                "security.tf",
                &conn.id,
                "google_compute_firewall",
                &name,
                |b| {
                    let b = b
                        .a(
                            "name",
                            call_substr(&format!("{}-{}", gcp.name(&conn.id), target_tag)),
                        )
                        .e("network", &format!("google_compute_network.{vid}.id"))
                        .a(
                            "description",
                            s(crate::export::names::comment_text(
                                &format!("{} ({})", conn.id, conn.protocol.label()),
                                200,
                            )),
                        )
                        .a("direction", s("INGRESS"))
                        .a("priority", 1000)
                        .b(B::new("allow", &[])
                            .a("protocol", s(if l.udp { "udp" } else { "tcp" }))
                            .a("ports", strs([l.port.to_string()])))
                        .a("target_tags", strs([target_tag.clone()]))
                        .b(B::new("log_config", &[]).a("metadata", s("INCLUDE_ALL_METADATA")));
                    if from_vpc == Some(v) {
                        b.a("source_tags", strs([from_tag.clone()]))
                    } else if cdn {
                        b.a("source_ranges", strs(["130.211.0.0/22", "35.191.0.0/16"]))
                    } else {
                        b.a("source_ranges", strs(["0.0.0.0/0"]))
                    }
                },
            )?;
        }
        out.resource(
            "security.tf",
            &c.id,
            "google_compute_firewall",
            &format!("{vid}_deny_all_ingress"),
            |b| {
                b.a("name", t(&format!("{}-deny-all-ingress", gcp.name(&c.id))))
                    .e("network", &format!("google_compute_network.{vid}.id"))
                    .a("direction", s("INGRESS"))
                    .a("priority", 65534)
                    .b(B::new("deny", &[]).a("protocol", s("all")))
                    .a("source_ranges", strs(["0.0.0.0/0"]))
                    .b(B::new("log_config", &[]).a("metadata", s("INCLUDE_ALL_METADATA")))
            },
        )?;
        let _ = (list(vec![]), r("x"));
    }
    Ok(())
}

/// A name template cut to GCP's 63 characters.
fn call_substr(template: &str) -> hcl::Expression {
    crate::export::hcl::call("substr", vec![t(template), 0.into(), 63.into()])
}
