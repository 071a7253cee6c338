//! The Google Cloud root module: a VPC network per drawn VPC with one regional subnet per tier,
//! Cloud NAT, one firewall rule per drawn connection (by network tags, one tag per component)
//! and a deny-all rule, a global HTTPS load balancer with Cloud Armor, GKE (private, with
//! network policy), Cloud SQL for PostgreSQL (regional HA, PITR), Memorystore for Redis (HA,
//! TLS, AUTH), Cloud Storage and Secret Manager. RabbitMQ has no managed GCP service: it is
//! left to the cluster (see `docs/export-mapping.md`).

mod network;
mod services;

use crate::export::ExportError;
use crate::export::Plan;
use crate::export::hcl::{B, obj, s};
use crate::export::names::{slug, tf_ident};
use crate::export::terraform::Emitter;
use crate::model::{Id, Provider};

/// The google provider version constraint.
pub const GOOGLE_PROVIDER: &str = "~> 6.14";

/// Writes the GCP module for `plan` into `out`.
///
/// # Errors
/// [`ExportError::NameCollision`] when two elements map to the same Terraform address.
pub fn emit(plan: &Plan<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let root = Id::fallback();
    let required = B::new("required_providers", &[]).a(
        "google",
        obj(vec![
            ("source", s("hashicorp/google")),
            ("version", s(GOOGLE_PROVIDER)),
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
        B::new("provider", &["google"])
            .e("project", "var.project_id")
            .e("region", &Gcp { plan }.region(None))
            .e("default_labels", "local.labels"),
    )?;
    out.variable(
        &root,
        "project_id",
        "string",
        "Google Cloud project to deploy into.",
        None,
    )?;
    out.variable(
        &root,
        "name_prefix",
        "string",
        "Prefix of every resource name; lowercase letters, digits and '-', at most 20 characters.",
        Some(s(slug(&plan.topology.name)
            .chars()
            .take(20)
            .collect::<String>()
            .trim_end_matches('-')
            .to_owned())),
    )?;
    out.variable(
        &root,
        "labels",
        "map(string)",
        "Labels added to every resource.",
        Some(obj::<&str>(vec![])),
    )?;
    for r in &plan.topology.regions {
        out.variable(
            &r.id,
            &format!("region_{}", tf_ident(&r.id)),
            "string",
            &format!(
                "Google Cloud region of {}.",
                crate::export::names::comment_text(&r.name, 80)
            ),
            Some(s(r
                .provider_names
                .get(&Provider::Gcp)
                .cloned()
                .unwrap_or_else(|| "europe-west1".into()))),
        )?;
    }
    out.block(
        "variables.tf",
        None,
        B::new("locals", &[]).e("name", "var.name_prefix").a(
            "labels",
            crate::export::hcl::call(
                "merge",
                vec![
                    obj(vec![("managed-by", s("daedalus"))]),
                    crate::export::hcl::r("var.labels"),
                ],
            ),
        ),
    )?;
    let gcp = Gcp { plan };
    network::emit(&gcp, out)?;
    services::emit(&gcp, out)
}

/// The plan with GCP naming conventions.
pub(crate) struct Gcp<'p> {
    pub plan: &'p Plan<'p>,
}

impl Gcp<'_> {
    /// The region variable of a region (the primary one by default).
    pub fn region(&self, region: Option<&crate::model::Region>) -> String {
        let r = region.or_else(|| self.plan.primary_region());
        r.map_or_else(
            || "\"europe-west1\"".to_owned(),
            |r| format!("var.region_{}", tf_ident(&r.id)),
        )
    }

    /// `"${local.name}-<id>"`.
    pub fn name(&self, id: &Id) -> String {
        format!("${{local.name}}-{}", crate::export::names::cloud_name(id))
    }

    /// The network tag of a component (its firewall identity).
    pub fn tag(&self, id: &Id) -> String {
        let mut t = crate::export::names::cloud_name(id);
        t.truncate(60);
        t.trim_end_matches('-').to_owned()
    }
}
