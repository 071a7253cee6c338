//! The Azure root module: a resource group per environment, a VNet per drawn VPC with one subnet
//! per tier (Azure subnets span zones), an application security group per component and one
//! NSG rule per drawn connection, NAT gateways, Application Gateway (WAF_v2), AKS, PostgreSQL
//! flexible server, Azure Cache for Redis, storage accounts, Key Vault and Log Analytics.
//! RabbitMQ has no managed Azure service: it is left to the cluster (see
//! `docs/export-mapping.md`).

mod network;
mod services;

use crate::export::ExportError;
use crate::export::Plan;
use crate::export::hcl::{B, obj, s};
use crate::export::names::{slug, tf_ident};
use crate::export::terraform::Emitter;
use crate::model::{Id, Provider};

/// The azurerm provider version constraint.
pub const AZURERM_PROVIDER: &str = "~> 4.14";

/// Writes the Azure module for `plan` into `out`.
///
/// # Errors
/// [`ExportError::NameCollision`] when two elements map to the same Terraform address.
pub fn emit(plan: &Plan<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let root = Id::fallback();
    let required = B::new("required_providers", &[])
        .a(
            "azurerm",
            obj(vec![
                ("source", s("hashicorp/azurerm")),
                ("version", s(AZURERM_PROVIDER)),
            ]),
        )
        .a(
            "random",
            obj(vec![
                ("source", s("hashicorp/random")),
                ("version", s(super::aws::RANDOM_PROVIDER)),
            ]),
        );
    out.block(
        "versions.tf",
        None,
        B::new("terraform", &[])
            .a("required_version", s(">= 1.6.0"))
            .b(required),
    )?;
    out.block(
        "versions.tf",
        None,
        B::new("provider", &["azurerm"])
            .b(B::new("features", &[]))
            .e("subscription_id", "var.subscription_id"),
    )?;
    out.variable(
        &root,
        "subscription_id",
        "string",
        "Azure subscription to deploy into.",
        None,
    )?;
    out.variable(
        &root,
        "name_prefix",
        "string",
        "Prefix of every resource name; lowercase letters and digits, at most 12 characters.",
        Some(s(slug(&plan.topology.name)
            .replace('-', "")
            .chars()
            .take(12)
            .collect::<String>())),
    )?;
    out.variable(
        &root,
        "tags",
        "map(string)",
        "Tags added to every resource.",
        Some(obj::<&str>(vec![])),
    )?;
    for r in &plan.topology.regions {
        out.variable(
            &r.id,
            &format!("location_{}", tf_ident(&r.id)),
            "string",
            &format!(
                "Azure region of {}.",
                crate::export::names::comment_text(&r.name, 80)
            ),
            Some(s(r
                .provider_names
                .get(&Provider::Azure)
                .cloned()
                .unwrap_or_else(|| "westeurope".into()))),
        )?;
    }
    out.block(
        "variables.tf",
        None,
        B::new("locals", &[]).e("name", "var.name_prefix").a(
            "tags",
            crate::export::hcl::call(
                "merge",
                vec![
                    obj(vec![
                        (
                            "project",
                            s(crate::export::names::comment_text(&plan.topology.name, 120)),
                        ),
                        ("managed-by", s("daedalus")),
                    ]),
                    crate::export::hcl::r("var.tags"),
                ],
            ),
        ),
    )?;
    let az = Azure { plan };
    network::emit(&az, out)?;
    services::emit(&az, out)
}

/// The plan with Azure naming conventions.
pub(crate) struct Azure<'p> {
    pub plan: &'p Plan<'p>,
}

impl Azure<'_> {
    /// The resource group of a region (one per region used).
    pub fn group(&self, region: Option<&crate::model::Region>) -> String {
        let r = region.or_else(|| self.plan.primary_region());
        format!(
            "azurerm_resource_group.{}",
            r.map_or_else(|| "main".to_owned(), |r| tf_ident(&r.id))
        )
    }

    /// The location variable of a region.
    pub fn location(&self, region: Option<&crate::model::Region>) -> String {
        let r = region.or_else(|| self.plan.primary_region());
        r.map_or_else(
            || "\"westeurope\"".to_owned(),
            |r| format!("var.location_{}", tf_ident(&r.id)),
        )
    }

    /// `"${local.name}-<id>"`.
    pub fn name(&self, id: &Id) -> String {
        format!("${{local.name}}-{}", crate::export::names::cloud_name(id))
    }
}
