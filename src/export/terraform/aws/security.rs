//! `security.tf`: KMS keys (one per region used), the WAF with managed rule groups and its
//! logging, the ACM certificate, and the Secrets Manager secrets of the data stores with their
//! rotation.

use super::Aws;
use super::versions::{needs_us_east_1, used_regions};
use crate::export::ExportError;
use crate::export::hcl::{B, call, list, obj, r, s, strs, t};
use crate::export::names::tf_ident;
use crate::export::terraform::Emitter;
use crate::model::{ComponentKind, Id};

/// A key policy: the account administers the key; CloudWatch Logs, SNS and CloudWatch alarms
/// of the account may use it.
fn key_policy(region_var: &str) -> hcl::Expression {
    let account = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root";
    call(
        "jsonencode",
        vec![obj(vec![
            ("Version", s("2012-10-17")),
            (
                "Statement",
                list(vec![
                    obj(vec![
                        ("Sid", s("AccountAdministers")),
                        ("Effect", s("Allow")),
                        ("Principal", obj(vec![("AWS", t(account))])),
                        ("Action", s("kms:*")),
                        ("Resource", s("*")),
                    ]),
                    obj(vec![
                        ("Sid", s("ServicesUseTheKey")),
                        ("Effect", s("Allow")),
                        (
                            "Principal",
                            obj(vec![(
                                "Service",
                                list(vec![
                                    t(&format!("logs.${{{region_var}}}.amazonaws.com")),
                                    s("sns.amazonaws.com"),
                                    s("cloudwatch.amazonaws.com"),
                                    s("delivery.logs.amazonaws.com"),
                                ]),
                            )]),
                        ),
                        (
                            "Action",
                            strs([
                                "kms:Encrypt*",
                                "kms:Decrypt*",
                                "kms:ReEncrypt*",
                                "kms:GenerateDataKey*",
                                "kms:Describe*",
                            ]),
                        ),
                        ("Resource", s("*")),
                        (
                            "Condition",
                            obj(vec![(
                                "StringEquals",
                                obj(vec![(
                                    "aws:SourceAccount",
                                    t("${data.aws_caller_identity.current.account_id}"),
                                )]),
                            )]),
                        ),
                    ]),
                ]),
            ),
        ])],
    )
}

fn key_block(b: B, description: &str, region_var: &str, provider: Option<&str>) -> B {
    let b = match provider {
        Some(p) => b.e("provider", p),
        None => b,
    };
    b.a("description", s(description))
        .a("enable_key_rotation", true)
        .a("deletion_window_in_days", 30)
        .a("policy", key_policy(region_var))
}

/// KMS keys: `aws_kms_key.main` in the primary region, one per other region used.
pub(crate) fn keys(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let root = Id::fallback();
    let primary = aws.plan.primary_region();
    for region in used_regions(aws) {
        let is_primary = Some(region.id.as_str()) == primary.map(|p| p.id.as_str());
        let name = if is_primary {
            "main".to_owned()
        } else {
            tf_ident(&region.id)
        };
        let provider = aws.provider(Some(region));
        let rv = aws.region_var(region);
        let desc = format!(
            "Encryption at rest in {}",
            crate::export::names::comment_text(&region.name, 80)
        );
        out.resource("security.tf", &region.id, "aws_kms_key", &name, |b| {
            key_block(b, &desc, &rv, provider.as_deref())
        })?;
        out.resource("security.tf", &region.id, "aws_kms_alias", &name, |b| {
            let b = match &provider {
                Some(p) => b.e("provider", p),
                None => b,
            };
            b.a(
                "name",
                t(&format!("alias/${{local.name}}-{}", name.replace('_', "-"))),
            )
            .e("target_key_id", &format!("aws_kms_key.{name}.key_id"))
        })?;
    }
    if needs_us_east_1(aws) {
        out.resource("security.tf", &root, "aws_kms_key", "us_east_1", |b| {
            key_block(
                b,
                "Encryption of the CloudFront WAF logs (us-east-1)",
                "\"us-east-1\"",
                Some("aws.us_east_1"),
            )
        })?;
    }
    Ok(())
}

/// The WAF (regional, for load balancers and API gateways), the certificate and the secrets.
pub(crate) fn emit(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    for i in plan.components_where(|k| matches!(k, ComponentKind::Waf(_))) {
        let c = plan.component(i);
        let ComponentKind::Waf(w) = &c.kind else {
            continue;
        };
        let id = aws.ident(i);
        out.resource("security.tf", &c.id, "aws_wafv2_web_acl", &id, |b| {
            web_acl(b, aws, &c.id, w, "REGIONAL", None)
        })?;
        out.resource(
            "observability.tf",
            &c.id,
            "aws_cloudwatch_log_group",
            &format!("{id}_waf"),
            |b| {
                b.a("name", t(&format!("aws-waf-logs-{}", aws.name(&c.id))))
                    .a("retention_in_days", 365)
                    .e("kms_key_id", &aws.kms(None))
            },
        )?;
        if w.logging {
            out.resource(
                "security.tf",
                &c.id,
                "aws_wafv2_web_acl_logging_configuration",
                &id,
                |b| {
                    b.a(
                        "log_destination_configs",
                        list(vec![r(&format!("aws_cloudwatch_log_group.{id}_waf.arn"))]),
                    )
                    .e("resource_arn", &format!("aws_wafv2_web_acl.{id}.arn"))
                },
            )?;
        } else {
            out.note(format!(
                "WAF \"{}\": logging is off in the design, so no logging configuration is exported",
                c.id
            ));
        }
    }
    for i in plan.components_where(|k| matches!(k, ComponentKind::CertificateManager(_))) {
        let c = plan.component(i);
        let ComponentKind::CertificateManager(cm) = &c.kind else {
            continue;
        };
        let id = aws.ident(i);
        let var = out.variable(
            &c.id,
            &format!("{id}_domains"),
            "list(string)",
            "Domains of the TLS certificate (the first is its subject).",
            Some(strs(if cm.domains.is_empty() {
                vec!["example.com".to_owned()]
            } else {
                cm.domains.clone()
            })),
        )?;
        let wildcard = cm.domains.iter().any(|d| d.contains('*'));
        let skip_wildcard = |b: B| {
            if wildcard {
                b.skip(
                    "CKV2_AWS_71",
                    "the design asks for a wildcard certificate (domains)",
                )
            } else {
                b
            }
        };
        out.resource("security.tf", &c.id, "aws_acm_certificate", &id, |b| {
            skip_wildcard(b)
                .a("domain_name", r(&format!("{var}[0]")))
                .a(
                    "subject_alternative_names",
                    call(
                        "slice",
                        vec![r(&var), r("1"), call("length", vec![r(&var)])],
                    ),
                )
                .a("validation_method", s("DNS"))
                .b(B::new("lifecycle", &[]).a("create_before_destroy", true))
        })?;
        if super::versions::needs_us_east_1(aws) {
            out.resource(
                "security.tf",
                &c.id,
                "aws_acm_certificate",
                &format!("{id}_cloudfront"),
                |b| {
                    skip_wildcard(b.e("provider", "aws.us_east_1"))
                        .a("domain_name", r(&format!("{var}[0]")))
                        .a(
                            "subject_alternative_names",
                            call(
                                "slice",
                                vec![r(&var), r("1"), call("length", vec![r(&var)])],
                            ),
                        )
                        .a("validation_method", s("DNS"))
                        .b(B::new("lifecycle", &[]).a("create_before_destroy", true))
                },
            )?;
        }
        out.output(
            &c.id,
            &format!("{id}_validation_records"),
            "DNS records that prove ownership of the certificate's domains (create them in the domain's zone).",
            r(&format!("aws_acm_certificate.{id}.domain_validation_options")),
            false,
        )?;
    }
    secrets(aws, out)
}

/// The web ACL body: managed rule groups, a rate limit, blocking or counting.
pub(crate) fn web_acl(
    b: B,
    aws: &Aws<'_>,
    id: &Id,
    w: &crate::model::WafProps,
    scope: &str,
    provider: Option<&str>,
) -> B {
    let b = match provider {
        Some(p) => b.e("provider", p),
        None => b,
    };
    let metric = |name: &str| {
        B::new("visibility_config", &[])
            .a("cloudwatch_metrics_enabled", true)
            .a("metric_name", s(name))
            .a("sampled_requests_enabled", true)
    };
    let mut b = b
        .a(
            "name",
            t(&if scope == "CLOUDFRONT" {
                format!("{}-cloudfront", aws.name(id))
            } else {
                aws.name(id)
            }),
        )
        .a("description", s(format!("Web application firewall {}", id)))
        .a("scope", s(scope))
        .b(B::new("default_action", &[]).b(B::new("allow", &[])))
        .b(metric(&format!("{}-acl", id)));
    let groups = [
        "AWSManagedRulesCommonRuleSet",
        "AWSManagedRulesKnownBadInputsRuleSet",
        "AWSManagedRulesAnonymousIpList",
        "AWSManagedRulesAmazonIpReputationList",
    ];
    let mut priority = 0;
    if w.managed_rules {
        for g in groups {
            priority += 1;
            let action = if w.blocking { "none" } else { "count" };
            b = b.b(B::new("rule", &[])
                .a("name", s(g))
                .a("priority", priority)
                .b(B::new("override_action", &[]).b(B::new(action, &[])))
                .b(
                    B::new("statement", &[]).b(B::new("managed_rule_group_statement", &[])
                        .a("name", s(g))
                        .a("vendor_name", s("AWS"))),
                )
                .b(metric(g)));
        }
    }
    if let Some(limit) = w.rate_limit_per_5min {
        priority += 1;
        let action = if w.blocking { "block" } else { "count" };
        b = b.b(B::new("rule", &[])
            .a("name", s("rate-limit-per-ip"))
            .a("priority", priority)
            .b(B::new("action", &[]).b(B::new(action, &[])))
            .b(
                B::new("statement", &[]).b(B::new("rate_based_statement", &[])
                    .a("limit", i64::from(limit.max(10)))
                    .a("aggregate_key_type", s("IP"))),
            )
            .b(metric("rate-limit-per-ip")));
    }
    b
}

/// The secrets manager whose rotation applies to the exported secrets: the first drawn.
fn secrets_manager(aws: &Aws<'_>) -> Option<usize> {
    aws.plan
        .components_where(|k| matches!(k, ComponentKind::SecretsManager(_)))
        .first()
        .copied()
}

/// A Secrets Manager secret `<name>/<id>` holding a generated password for each database,
/// cache with an auth token and message broker, rotated as the secrets manager says.
fn secrets(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    let manager = secrets_manager(aws);
    let rotation = manager.and_then(|m| match &plan.component(m).kind {
        ComponentKind::SecretsManager(p) => p.rotation_days,
        _ => None,
    });
    let stores: Vec<usize> = plan.components_where(|k| match k {
        ComponentKind::Database(_) | ComponentKind::Queue(_) => true,
        ComponentKind::Cache(c) => c.auth_token && c.encryption_in_transit,
        _ => false,
    });
    if stores.is_empty() {
        return Ok(());
    }
    let root = Id::fallback();
    let lambda = if rotation.is_some() {
        Some(out.variable(
            &root,
            "secrets_rotation_lambda_arn",
            "string",
            "ARN of the Lambda function that rotates the data stores' credentials (for example one deployed from the AWS Secrets Manager rotation templates).",
            None,
        )?)
    } else {
        None
    };
    for i in stores {
        let c = plan.component(i);
        let id = aws.ident(i);
        let region = plan.region_of(i);
        let provider = aws.provider(region);
        let kms = aws.kms(region);
        let special = !matches!(c.kind, ComponentKind::Queue(_));
        out.resource("security.tf", &c.id, "random_password", &id, |b| {
            let b = b.a("length", 40).a("special", special);
            if special {
                b.a("override_special", s("!#%^*()-_=+[]<>:?"))
            } else {
                b
            }
        })?;
        let owner_extra = manager.map(|m| plan.component(m).id.clone());
        let addr = out.resource(
            "security.tf",
            &c.id,
            "aws_secretsmanager_secret",
            &id,
            |b| {
                let b = match &provider {
                    Some(p) => b.e("provider", p),
                    None => b,
                };
                let b = b
                    .a("name", t(&format!("${{local.name}}/{}", c.id)))
                    .a("description", s(format!("Credentials of {}", c.id)))
                    .e("kms_key_id", &kms)
                    .a("recovery_window_in_days", 30);
                if rotation.is_none() {
                    b.skip(
                        "CKV2_AWS_57",
                        "the design sets no rotation for its secrets manager",
                    )
                } else {
                    b
                }
            },
        )?;
        if let Some(m) = &owner_extra {
            out.also(m, &addr);
        }
        out.resource(
            "security.tf",
            &c.id,
            "aws_secretsmanager_secret_version",
            &id,
            |b| {
                let b = match &provider {
                    Some(p) => b.e("provider", p),
                    None => b,
                };
                b.e("secret_id", &format!("aws_secretsmanager_secret.{id}.id"))
                    .e("secret_string", &format!("random_password.{id}.result"))
                    .b(
                        B::new("lifecycle", &[])
                            .a("ignore_changes", list(vec![r("secret_string")])),
                    )
            },
        )?;
        if let (Some(days), Some(lambda)) = (rotation, &lambda) {
            let addr = out.resource(
                "security.tf",
                &c.id,
                "aws_secretsmanager_secret_rotation",
                &id,
                |b| {
                    let b = match &provider {
                        Some(p) => b.e("provider", p),
                        None => b,
                    };
                    b.e("secret_id", &format!("aws_secretsmanager_secret.{id}.id"))
                        .e("rotation_lambda_arn", lambda)
                        .b(B::new("rotation_rules", &[])
                            .a("automatically_after_days", i64::from(days)))
                },
            )?;
            if let Some(m) = &owner_extra {
                out.also(m, &addr);
            }
        }
    }
    Ok(())
}
