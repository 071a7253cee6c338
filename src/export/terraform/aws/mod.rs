//! The AWS root module: `versions.tf`, `variables.tf`, `outputs.tf` and one file per concern.
//!
//! What each element becomes is documented in `docs/export-mapping.md`; in short: one VPC per
//! drawn VPC with one subnet per tier and zone, an internet gateway, NAT gateways per zone and
//! route tables; a security group per component with one rule per drawn connection; an ALB with
//! HTTPS and an HTTP→HTTPS redirect, WAFv2, API Gateway, bastion hosts, EKS with node groups per
//! zone; RDS PostgreSQL, ElastiCache Redis, Amazon MQ for RabbitMQ, S3, Secrets Manager, KMS,
//! CloudWatch and CloudFront.

mod compute;
mod data;
mod edge;
mod firewall;
mod network;
mod observability;
mod security;
mod storage;
mod versions;

pub use versions::{AWS_PROVIDER, RANDOM_PROVIDER};

use crate::export::names::{cloud_name, tf_ident};
use crate::export::plan::Endpoint;
use crate::export::{ExportError, Plan};
use crate::model::{ComponentKind, Id, Region, Size};

use super::Emitter;

/// Writes the AWS module for `plan` into `out`.
///
/// # Errors
/// [`ExportError::NameCollision`] when two elements map to the same Terraform address.
pub fn emit(plan: &Plan<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let aws = Aws { plan };
    versions::emit(&aws, out)?;
    security::keys(&aws, out)?;
    network::emit(&aws, out)?;
    observability::log_groups(&aws, out)?;
    storage::emit(&aws, out)?;
    security::emit(&aws, out)?;
    edge::emit(&aws, out)?;
    compute::emit(&aws, out)?;
    data::emit(&aws, out)?;
    firewall::emit(&aws, out)?;
    observability::emit(&aws, out)?;
    Ok(())
}

/// The plan with the AWS naming conventions.
pub(crate) struct Aws<'p> {
    pub plan: &'p Plan<'p>,
}

impl Aws<'_> {
    /// Terraform identifier of a component.
    pub fn ident(&self, i: usize) -> String {
        tf_ident(&self.plan.component(i).id)
    }

    /// `"${local.name}-<id>"`: the AWS name of an element.
    pub fn name(&self, id: &Id) -> String {
        format!("${{local.name}}-{}", cloud_name(id))
    }

    /// The provider alias for resources in `region`, or `None` for the primary region.
    pub fn provider(&self, region: Option<&Region>) -> Option<String> {
        let primary = self.plan.primary_region()?;
        let r = region?;
        (r.id != primary.id).then(|| format!("aws.{}", tf_ident(&r.id)))
    }

    /// The region variable of a region.
    pub fn region_var(&self, r: &Region) -> String {
        format!("var.region_{}", tf_ident(&r.id))
    }

    /// The KMS key of a region (created by `security::keys`).
    pub fn kms(&self, region: Option<&Region>) -> String {
        match self.provider(region) {
            Some(alias) => format!("aws_kms_key.{}.arn", alias.trim_start_matches("aws.")),
            None => "aws_kms_key.main.arn".to_owned(),
        }
    }

    /// Whether a component gets a security group of its own.
    pub fn has_sg(&self, i: usize) -> bool {
        let in_vpc = self.plan.placement[i].vpc.is_some();
        in_vpc
            && matches!(
                self.plan.component(i).kind,
                ComponentKind::LoadBalancer(_)
                    | ComponentKind::ApiGateway(_)
                    | ComponentKind::Bastion(_)
                    | ComponentKind::Workload(_)
                    | ComponentKind::Database(_)
                    | ComponentKind::Cache(_)
                    | ComponentKind::Queue(_)
            )
    }

    /// The security group address (`aws_security_group.x`) of an endpoint, if it has one.
    pub fn sg_of(&self, e: Endpoint) -> Option<String> {
        match e {
            Endpoint::Component(i) if self.has_sg(i) => {
                Some(format!("aws_security_group.{}", self.ident(i)))
            }
            Endpoint::Cluster(k) if self.plan.clusters[k].vpc.is_some() => Some(format!(
                "aws_security_group.{}_nodes",
                tf_ident(&self.plan.clusters[k].id)
            )),
            _ => None,
        }
    }

    /// Subnet addresses of tier `tier` of VPC `vpc`.
    pub fn subnets(&self, vpc: usize, tier: usize) -> Vec<String> {
        let v = &self.plan.vpcs[vpc];
        v.tiers
            .get(tier)
            .map(|t| {
                t.subnets
                    .iter()
                    .map(|s| format!("aws_subnet.{}_{}.id", tf_ident(&t.id), tf_ident(&s.zone)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The subnets a component's replicas run in: its zones' subnets of its tier, else all.
    pub fn component_subnets(&self, i: usize) -> Vec<String> {
        let p = self.plan.placement[i];
        let (Some(vpc), Some(tier)) = (p.vpc, p.tier) else {
            return Vec::new();
        };
        let t = &self.plan.vpcs[vpc].tiers[tier];
        let zones = &self.plan.component(i).capacity.zones;
        let chosen: Vec<String> = t
            .subnets
            .iter()
            .filter(|s| zones.contains(&s.zone))
            .map(|s| format!("aws_subnet.{}_{}.id", tf_ident(&t.id), tf_ident(&s.zone)))
            .collect();
        if chosen.is_empty() {
            self.subnets(vpc, tier)
        } else {
            chosen
        }
    }

    /// The VPC address (`aws_vpc.x`) of a component.
    pub fn vpc_of(&self, i: usize) -> Option<String> {
        let v = self.plan.placement[i].vpc?;
        Some(format!(
            "aws_vpc.{}",
            tf_ident(&self.plan.vpcs[v].container.id)
        ))
    }
}

/// EC2 instance type of a size (general purpose, Graviton).
pub(crate) fn ec2_type(size: Size) -> &'static str {
    match size {
        Size::Small => "t4g.medium",
        Size::Medium => "m7g.large",
        Size::Large => "m7g.xlarge",
        Size::XLarge => "m7g.2xlarge",
        Size::X2Large => "m7g.4xlarge",
    }
}

/// RDS instance class of a size (memory optimised, Graviton).
pub(crate) fn rds_class(size: Size) -> &'static str {
    match size {
        Size::Small => "db.t4g.medium",
        Size::Medium => "db.m7g.large",
        Size::Large => "db.r7g.large",
        Size::XLarge => "db.r7g.xlarge",
        Size::X2Large => "db.r7g.2xlarge",
    }
}

/// ElastiCache node type of a size.
pub(crate) fn cache_type(size: Size) -> &'static str {
    match size {
        Size::Small => "cache.t4g.medium",
        Size::Medium => "cache.m7g.large",
        Size::Large => "cache.r7g.large",
        Size::XLarge => "cache.r7g.xlarge",
        Size::X2Large => "cache.r7g.2xlarge",
    }
}

/// Amazon MQ instance type of a size.
pub(crate) fn mq_type(size: Size) -> &'static str {
    match size {
        Size::Small | Size::Medium => "mq.m5.large",
        Size::Large => "mq.m5.xlarge",
        Size::XLarge => "mq.m5.2xlarge",
        Size::X2Large => "mq.m5.4xlarge",
    }
}
