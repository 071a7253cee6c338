//! Component checks: placement (region, zones, VPC), capacity numbers, kind-specific numbers.

use std::collections::HashSet;

use super::{Named, Sink, bounds, containers, describe};
use crate::model::{
    Ancestry, Capacity, Component, ComponentKind, ContainerKind, Distribution, ElementKind, Id,
    Index, Replication, Topology,
};

const MAX_REPLICAS: u64 = 10_000;
const MAX_CONCURRENCY: u64 = 1_000_000;
const HOUR_MS: f64 = 3_600_000.0;
const DAY_S: f64 = 86_400.0;
const CENTURY_DAYS: u64 = 36_500;

pub(crate) fn check(t: &Topology, index: &Index, sink: &mut Sink) {
    let ancestry = Ancestry::new(t, index);
    for c in &t.components {
        let what = describe(index, &c.id);
        placement(t, c, index, &ancestry, what, sink);
        capacity(&c.id, what, &c.capacity, sink);
        kind(t, c, index, &ancestry, what, sink);
    }
}

/// Region consistent with the containers; zones in that region and in the subnet's zones.
fn placement(
    t: &Topology,
    c: &Component,
    index: &Index,
    ancestry: &Ancestry,
    what: Named,
    sink: &mut Sink,
) {
    let container_region = ancestry.region(c.container.as_ref());
    if let (Some(own), Some(inherited)) = (&c.region, container_region)
        && own != inherited
    {
        sink.at(
            &c.id,
            "region",
            format!("{what}: region is \"{own}\", but its container is in region \"{inherited}\""),
        );
    }
    let region = c.region.as_ref().or(container_region);
    let subnet_zones = ancestry
        .subnet(c.container.as_ref())
        .and_then(|s| match &s.kind {
            ContainerKind::Subnet(p) => Some((&s.id, &p.zones)),
            _ => None,
        });
    let mut seen = HashSet::new();
    let mut zone_regions: Vec<&Id> = Vec::new();
    for z in &c.capacity.zones {
        if !seen.insert(z) {
            sink.at_value(
                &c.id,
                "zones",
                z.as_str(),
                format!("{what}: zone \"{z}\" is listed twice"),
            );
            continue;
        }
        let Some(zone_region) = index
            .region_of_zone(z.as_str())
            .and_then(|i| t.regions.get(i))
        else {
            continue; // dangling: reported by the reference check
        };
        if !zone_regions.contains(&&zone_region.id) {
            zone_regions.push(&zone_region.id);
        }
        if let Some(region) = region
            && index.kind_of(region.as_str()) == Some(ElementKind::Region)
            && zone_region.id != *region
        {
            sink.at_value(
                &c.id,
                "zones",
                z.as_str(),
                format!("{what}: zone \"{z}\" is in region \"{}\", but the component runs in region \"{region}\"", zone_region.id),
            );
        }
        if let Some((subnet, zones)) = subnet_zones
            && !zones.contains(z)
        {
            sink.at_value(
                &c.id,
                "zones",
                z.as_str(),
                format!("{what}: zone \"{z}\" is not spanned by its subnet \"{subnet}\""),
            );
        }
    }
    if region.is_none() && zone_regions.len() > 1 {
        let names: Vec<&str> = zone_regions.iter().map(|r| r.as_str()).collect();
        sink.at(
            &c.id,
            "zones",
            format!(
                "{what}: its zones lie in several regions ({})",
                names.join(", ")
            ),
        );
    }
    let zones = c.capacity.zones.len() as u64;
    if zones > u64::from(c.capacity.replicas) && c.capacity.replicas > 0 {
        sink.at(
            &c.id,
            "zones",
            format!(
                "{what}: lists {zones} zones but has only {} replicas; replica i runs in zone i, so some zones stay empty",
                c.capacity.replicas
            ),
        );
    }
}

fn capacity(id: &Id, what: Named, c: &Capacity, sink: &mut Sink) {
    let owner = (id, what);
    if c.replicas == 0 {
        sink.at(
            id,
            "replicas",
            format!("{what}: replicas is 0; a component has at least one replica"),
        );
    } else {
        bounds::int(
            sink,
            owner,
            "replicas",
            c.replicas.into(),
            1,
            MAX_REPLICAS,
            " replicas",
        );
    }
    bounds::int(
        sink,
        owner,
        "concurrency_per_replica",
        c.concurrency_per_replica.into(),
        1,
        MAX_CONCURRENCY,
        "",
    );
    bounds::positive(
        sink,
        owner,
        "mean_ms",
        c.service_time.mean_ms,
        HOUR_MS,
        " ms",
    );
    if let Distribution::LogNormal { sigma } = c.service_time.distribution {
        bounds::positive(sink, owner, "sigma", sigma, 5.0, "");
    }
    let f = &c.failover;
    bounds::positive(
        sink,
        owner,
        "health_check_interval_s",
        f.health_check_interval_s,
        3600.0,
        " s",
    );
    bounds::int(
        sink,
        owner,
        "unhealthy_threshold",
        f.unhealthy_threshold.into(),
        1,
        100,
        "",
    );
    bounds::float(
        sink,
        owner,
        "promotion_time_s",
        f.promotion_time_s,
        0.0,
        DAY_S,
        " s",
    );
}

fn kind(
    t: &Topology,
    c: &Component,
    index: &Index,
    ancestry: &Ancestry,
    what: Named,
    sink: &mut Sink,
) {
    let owner = (&c.id, what);
    match &c.kind {
        ComponentKind::Users(a) | ComponentKind::Admins(a) => {
            bounds::float(
                sink,
                owner,
                "rate_rps",
                a.rate_rps,
                0.0,
                10_000_000.0,
                " requests/s",
            );
        }
        ComponentKind::Cdn(p) => bounds::float(
            sink,
            owner,
            "cache_hit_ratio",
            p.cache_hit_ratio,
            0.0,
            1.0,
            "",
        ),
        ComponentKind::Cache(p) => {
            bounds::float(sink, owner, "hit_ratio", p.hit_ratio, 0.0, 1.0, "")
        }
        ComponentKind::ApiGateway(p) => {
            if let Some(r) = p.rate_limit_rps {
                bounds::int(
                    sink,
                    owner,
                    "rate_limit_rps",
                    r.into(),
                    1,
                    10_000_000,
                    " requests/s",
                );
            }
        }
        ComponentKind::Waf(p) => {
            if let Some(r) = p.rate_limit_per_5min {
                bounds::int(
                    sink,
                    owner,
                    "rate_limit_per_5min",
                    r.into(),
                    1,
                    2_000_000_000,
                    " requests",
                );
            }
        }
        ComponentKind::Bastion(p) => {
            if let Some(m) = p.session_timeout_min {
                bounds::int(
                    sink,
                    owner,
                    "session_timeout_min",
                    m.into(),
                    1,
                    1440,
                    " min",
                );
            }
            for cidr in &p.allowed_cidrs {
                if cidr.parse::<ipnet::IpNet>().is_err() {
                    let msg =
                        format!("{what}: allowed_cidrs entry \"{cidr}\" is not an address block");
                    sink.at_value(&c.id, "allowed_cidrs", cidr, msg);
                }
            }
        }
        ComponentKind::KubernetesCluster(k) => containers::cluster(sink, &c.id, what, k),
        ComponentKind::Workload(w) => workload(t, c, w, index, ancestry, what, sink),
        ComponentKind::Database(d) => {
            bounds::int(
                sink,
                owner,
                "storage_gib",
                d.storage_gib.into(),
                1,
                65_536,
                " GiB",
            );
            if let Replication::Asynchronous { lag_ms } = d.replication {
                bounds::float(sink, owner, "lag_ms", lag_ms, 0.0, HOUR_MS, " ms");
            }
            if let Some(b) = &d.backups {
                bounds::int(
                    sink,
                    owner,
                    "interval_hours",
                    b.interval_hours.into(),
                    1,
                    8760,
                    " h",
                );
                bounds::int(
                    sink,
                    owner,
                    "retention_days",
                    b.retention_days.into(),
                    1,
                    CENTURY_DAYS,
                    " days",
                );
            }
        }
        ComponentKind::ObjectStorage(o) => {
            if let Some(l) = &o.lifecycle {
                if let Some(d) = l.archive_after_days {
                    bounds::int(
                        sink,
                        owner,
                        "archive_after_days",
                        d.into(),
                        1,
                        CENTURY_DAYS,
                        " days",
                    );
                }
                if let Some(d) = l.expire_after_days {
                    bounds::int(
                        sink,
                        owner,
                        "expire_after_days",
                        d.into(),
                        1,
                        CENTURY_DAYS,
                        " days",
                    );
                }
                if let (Some(a), Some(e)) = (l.archive_after_days, l.expire_after_days)
                    && a >= e
                {
                    sink.at(&c.id, "archive_after_days", format!(
                        "{what}: objects are archived after {a} days but expire after {e}: archiving never happens"
                    ));
                }
            }
        }
        ComponentKind::SecretsManager(s) => {
            if let Some(d) = s.rotation_days {
                bounds::int(sink, owner, "rotation_days", d.into(), 1, 3650, " days");
            }
        }
        ComponentKind::LogAggregation(p) => {
            bounds::int(
                sink,
                owner,
                "retention_days",
                p.retention_days.into(),
                1,
                CENTURY_DAYS,
                " days",
            );
        }
        ComponentKind::Metrics(p) => {
            bounds::int(
                sink,
                owner,
                "retention_days",
                p.retention_days.into(),
                1,
                CENTURY_DAYS,
                " days",
            );
        }
        ComponentKind::Tracing(p) => {
            bounds::int(
                sink,
                owner,
                "retention_days",
                p.retention_days.into(),
                1,
                CENTURY_DAYS,
                " days",
            );
            bounds::float(
                sink,
                owner,
                "sampling_percent",
                p.sampling_percent,
                0.0,
                100.0,
                " %",
            );
        }
        ComponentKind::ExternalApi(p) => {
            if let Some(s) = p.sla_percent {
                bounds::positive(sink, owner, "sla_percent", s, 100.0, " %");
            }
        }
        ComponentKind::EmailService(p) => {
            if let Some(s) = p.sla_percent {
                bounds::positive(sink, owner, "sla_percent", s, 100.0, " %");
            }
        }
        ComponentKind::Dns(_)
        | ComponentKind::LoadBalancer(_)
        | ComponentKind::NatGateway(_)
        | ComponentKind::Queue(_)
        | ComponentKind::CertificateManager(_)
        | ComponentKind::Alerting(_)
        | ComponentKind::IdentityProvider(_)
        | ComponentKind::Generic(_) => {}
    }
}

fn workload(
    t: &Topology,
    c: &Component,
    w: &crate::model::WorkloadProps,
    index: &Index,
    ancestry: &Ancestry,
    what: Named,
    sink: &mut Sink,
) {
    let owner = (&c.id, what);
    bounds::int(sink, owner, "port", w.port.into(), 1, 65_535, "");
    if let Some(a) = &w.autoscaling {
        bounds::int(
            sink,
            owner,
            "min_replicas",
            a.min_replicas.into(),
            1,
            MAX_REPLICAS,
            " replicas",
        );
        bounds::int(
            sink,
            owner,
            "max_replicas",
            a.max_replicas.into(),
            1,
            MAX_REPLICAS,
            " replicas",
        );
        bounds::int(
            sink,
            owner,
            "target_cpu_percent",
            a.target_cpu_percent.into(),
            1,
            100,
            " %",
        );
        if a.min_replicas > a.max_replicas {
            sink.at(
                &c.id,
                "min_replicas",
                format!(
                    "{what}: min_replicas ({}) is more than max_replicas ({})",
                    a.min_replicas, a.max_replicas
                ),
            );
        } else if !(a.min_replicas..=a.max_replicas).contains(&c.capacity.replicas) {
            sink.at(
                &c.id,
                "replicas",
                format!(
                    "{what}: replicas is {}, outside its autoscaling bounds {}..={}",
                    c.capacity.replicas, a.min_replicas, a.max_replicas
                ),
            );
        }
    }
    let r = &w.resources;
    bounds::int(
        sink,
        owner,
        "cpu_request_millicores",
        r.cpu_request_millicores.into(),
        1,
        256_000,
        " millicores",
    );
    bounds::int(
        sink,
        owner,
        "cpu_limit_millicores",
        r.cpu_limit_millicores.into(),
        1,
        256_000,
        " millicores",
    );
    bounds::int(
        sink,
        owner,
        "memory_request_mib",
        r.memory_request_mib.into(),
        1,
        4_194_304,
        " MiB",
    );
    bounds::int(
        sink,
        owner,
        "memory_limit_mib",
        r.memory_limit_mib.into(),
        1,
        4_194_304,
        " MiB",
    );
    if r.cpu_request_millicores > r.cpu_limit_millicores {
        sink.at(
            &c.id,
            "cpu_request_millicores",
            format!("{what}: the CPU request is above its limit"),
        );
    }
    if r.memory_request_mib > r.memory_limit_mib {
        sink.at(
            &c.id,
            "memory_request_mib",
            format!("{what}: the memory request is above its limit"),
        );
    }
    // A workload runs on a cluster of its own VPC.
    let Some(cluster_id) = &w.cluster else { return };
    let Some(cluster) = index
        .position(cluster_id.as_str(), ElementKind::Component)
        .and_then(|i| t.components.get(i))
    else {
        return;
    };
    let mine = ancestry.vpc(c.container.as_ref());
    let theirs = ancestry.vpc(cluster.container.as_ref());
    if let (Some(mine), Some(theirs)) = (mine, theirs)
        && mine.id != theirs.id
    {
        sink.at_value(
            &c.id,
            "cluster",
            cluster_id.as_str(),
            format!(
                "{what} is placed in VPC \"{}\", but its cluster \"{cluster_id}\" is in VPC \"{}\"",
                mine.id, theirs.id
            ),
        );
    }
}
