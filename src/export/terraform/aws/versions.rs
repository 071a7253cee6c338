//! `versions.tf` (Terraform and pinned providers, one AWS provider per region used) and the
//! shared inputs of `variables.tf` (name prefix, tags, regions and their zones).

use std::collections::BTreeSet;

use super::Aws;
use crate::export::ExportError;
use crate::export::hcl::{B, obj, r, s, strs};
use crate::export::names::{slug, tf_ident};
use crate::export::terraform::Emitter;
use crate::model::{ComponentKind, Id, Provider, Region};

/// The AWS provider version constraint.
pub const AWS_PROVIDER: &str = "~> 5.80";
/// The random provider version constraint.
pub const RANDOM_PROVIDER: &str = "~> 3.6";

/// Regions the module creates resources in: the VPCs', the components', and backup or
/// replication targets.
pub(crate) fn used_regions<'a>(aws: &Aws<'a>) -> Vec<&'a Region> {
    let t = aws.plan.topology;
    let mut ids: BTreeSet<&Id> = BTreeSet::new();
    for v in &aws.plan.vpcs {
        ids.insert(&v.region.id);
    }
    for (i, c) in t.components.iter().enumerate() {
        if let Some(r) = aws.plan.region_of(i) {
            ids.insert(&r.id);
        }
        match &c.kind {
            ComponentKind::Database(d) => {
                if let Some(r) = d.backups.as_ref().and_then(|b| b.copy_to_region.as_ref()) {
                    ids.insert(r);
                }
            }
            ComponentKind::ObjectStorage(o) => {
                if let Some(r) = &o.replicate_to_region {
                    ids.insert(r);
                }
            }
            _ => {}
        }
    }
    if let Some(p) = aws.plan.primary_region() {
        ids.insert(&p.id);
    }
    t.regions.iter().filter(|r| ids.contains(&r.id)).collect()
}

/// Whether a CloudFront distribution (which needs `us-east-1` resources) is exported.
pub(crate) fn needs_us_east_1(aws: &Aws<'_>) -> bool {
    aws.plan
        .topology
        .components
        .iter()
        .any(|c| matches!(c.kind, ComponentKind::Cdn(_)))
}

pub(crate) fn emit(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let t = aws.plan.topology;
    let root = Id::fallback();
    let mut required = B::new("required_providers", &[]);
    required = required.a(
        "aws",
        obj(vec![
            ("source", s("hashicorp/aws")),
            ("version", s(AWS_PROVIDER)),
        ]),
    );
    required = required.a(
        "random",
        obj(vec![
            ("source", s("hashicorp/random")),
            ("version", s(RANDOM_PROVIDER)),
        ]),
    );
    out.block(
        "versions.tf",
        None,
        B::new("terraform", &[])
            .a("required_version", s(">= 1.6.0"))
            .b(required),
    )?;
    let default_tags = || B::new("default_tags", &[]).e("tags", "local.tags");
    let primary = aws.plan.primary_region();
    for region in used_regions(aws) {
        let mut p = B::new("provider", &["aws"]);
        if Some(region.id.as_str()) != primary.map(|p| p.id.as_str()) {
            p = p.a("alias", s(tf_ident(&region.id)));
        }
        p = p.e("region", &aws.region_var(region)).b(default_tags());
        out.block("versions.tf", None, p)?;
    }
    if needs_us_east_1(aws) {
        out.block(
            "versions.tf",
            None,
            B::new("provider", &["aws"])
                .a("alias", s("us_east_1"))
                .a("region", s("us-east-1"))
                .b(default_tags()),
        )?;
    }

    out.variable(
        &root,
        "name_prefix",
        "string",
        "Prefix of every resource name; lowercase letters, digits and '-', at most 24 characters.",
        Some(s(slug(&t.name)
            .chars()
            .take(24)
            .collect::<String>()
            .trim_end_matches('-'))),
    )?;
    out.variable(
        &root,
        "tags",
        "map(string)",
        "Tags added to every resource.",
        Some(obj::<&str>(vec![])),
    )?;
    for region in used_regions(aws) {
        let aws_name = region.provider_names.get(&Provider::Aws);
        let desc = match aws_name {
            Some(_) => format!(
                "AWS region of {}.",
                crate::export::names::comment_text(&region.name, 80)
            ),
            None => format!(
                "AWS region of {} (the topology gives no AWS name for it).",
                crate::export::names::comment_text(&region.name, 80)
            ),
        };
        out.variable(
            &region.id,
            &format!("region_{}", tf_ident(&region.id)),
            "string",
            &desc,
            aws_name.map(|n| s(n.clone())),
        )?;
        let zones: Option<Vec<String>> = aws_name.map(|n| {
            (0..region.zones.len())
                .map(|i| format!("{n}{}", zone_letter(i)))
                .collect()
        });
        out.variable(
            &region.id,
            &format!("zones_{}", tf_ident(&region.id)),
            "list(string)",
            &format!(
                "Availability zones of {}, in the order of the topology's zones ({}).",
                crate::export::names::comment_text(&region.name, 80),
                region
                    .zones
                    .iter()
                    .map(Id::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            zones.map(strs),
        )?;
    }
    let locals = B::new("locals", &[]).e("name", "var.name_prefix").a(
        "tags",
        crate::export::hcl::call(
            "merge",
            vec![
                obj(vec![
                    (
                        "Project",
                        s(crate::export::names::comment_text(&t.name, 120)),
                    ),
                    ("ManagedBy", s("daedalus")),
                ]),
                r("var.tags"),
            ],
        ),
    );
    out.block("variables.tf", None, locals)?;
    out.data("variables.tf", "aws_caller_identity", "current", |b| b);
    out.data("variables.tf", "aws_partition", "current", |b| b);
    Ok(())
}

/// The letter AWS gives the `i`-th zone of a region (`a`, `b`, ...).
pub(crate) fn zone_letter(i: usize) -> char {
    char::from(b'a' + (i % 26) as u8)
}
