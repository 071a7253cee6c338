//! `storage.tf`: one S3 bucket per object storage component (versioning, KMS encryption, public
//! access block, TLS-only policy, lifecycle, access logging, event notifications, cross-region
//! replication), and the access-log bucket of each region that needs one.

use std::collections::BTreeSet;

use super::Aws;
use crate::export::ExportError;
use crate::export::hcl::{B, call, list, obj, r, s, strs, t};
use crate::export::names::{cloud_name, tf_ident};
use crate::export::terraform::Emitter;
use crate::model::{ComponentKind, Id, ObjectStorageProps, Region};

/// The access-log bucket's Terraform name in `region` (`access_logs`, `access_logs_<region>`).
pub(crate) fn log_bucket(aws: &Aws<'_>, region: Option<&Region>) -> String {
    match aws.provider(region) {
        Some(p) => format!("access_logs_{}", p.trim_start_matches("aws.")),
        None => "access_logs".to_owned(),
    }
}

fn with(provider: &Option<String>, b: B) -> B {
    match provider {
        Some(p) => b.e("provider", p),
        None => b,
    }
}

fn bucket_name(id: &Id) -> String {
    let mut n = cloud_name(id);
    n.truncate(24);
    let n = n.trim_end_matches('-');
    format!("${{local.name}}-{n}-${{data.aws_caller_identity.current.account_id}}")
}

/// A policy that denies every request not made over TLS.
fn tls_only(bucket: &str) -> hcl::Expression {
    call(
        "jsonencode",
        vec![obj(vec![
            ("Version", s("2012-10-17")),
            (
                "Statement",
                list(vec![obj(vec![
                    ("Sid", s("DenyInsecureTransport")),
                    ("Effect", s("Deny")),
                    ("Principal", s("*")),
                    ("Action", s("s3:*")),
                    (
                        "Resource",
                        list(vec![
                            r(&format!("aws_s3_bucket.{bucket}.arn")),
                            t(&format!("${{aws_s3_bucket.{bucket}.arn}}/*")),
                        ]),
                    ),
                    (
                        "Condition",
                        obj(vec![(
                            "Bool",
                            obj(vec![("aws:SecureTransport", s("false"))]),
                        )]),
                    ),
                ])]),
            ),
        ])],
    )
}

/// The common settings of a bucket: versioning, encryption, public access block, TLS policy.
#[allow(clippy::too_many_arguments)]
fn bucket_settings(
    out: &mut Emitter,
    owner: &Id,
    name: &str,
    provider: &Option<String>,
    versioning: bool,
    kms: Option<&str>,
    block_public: bool,
) -> Result<(), ExportError> {
    out.resource("storage.tf", owner, "aws_s3_bucket_versioning", name, |b| {
        with(provider, b)
            .e("bucket", &format!("aws_s3_bucket.{name}.id"))
            .b(B::new("versioning_configuration", &[]).a(
                "status",
                s(if versioning { "Enabled" } else { "Suspended" }),
            ))
    })?;
    out.resource(
        "storage.tf",
        owner,
        "aws_s3_bucket_server_side_encryption_configuration",
        name,
        |b| {
            let rule = match kms {
                Some(k) => B::new("apply_server_side_encryption_by_default", &[])
                    .a("sse_algorithm", s("aws:kms"))
                    .e("kms_master_key_id", k),
                None => B::new("apply_server_side_encryption_by_default", &[])
                    .a("sse_algorithm", s("AES256")),
            };
            with(provider, b)
                .e("bucket", &format!("aws_s3_bucket.{name}.id"))
                .b(B::new("rule", &[])
                    .b(rule)
                    .a("bucket_key_enabled", kms.is_some()))
        },
    )?;
    out.resource(
        "storage.tf",
        owner,
        "aws_s3_bucket_public_access_block",
        name,
        |b| {
            let mut b = with(provider, b);
            if !block_public {
                for check in ["CKV_AWS_53", "CKV_AWS_54", "CKV_AWS_55", "CKV_AWS_56"] {
                    b = b.skip(
                        check,
                        "public access is not blocked in the design (public_access_blocked: false)",
                    );
                }
            }
            b.e("bucket", &format!("aws_s3_bucket.{name}.id"))
                .a("block_public_acls", block_public)
                .a("block_public_policy", block_public)
                .a("ignore_public_acls", block_public)
                .a("restrict_public_buckets", block_public)
        },
    )?;
    out.resource("storage.tf", owner, "aws_s3_bucket_policy", name, |b| {
        with(provider, b)
            .e("bucket", &format!("aws_s3_bucket.{name}.id"))
            .a("policy", tls_only(name))
    })?;
    Ok(())
}

/// The access-log bucket of `region`: SSE-S3 (what ALB and CloudFront log delivery accept),
/// versioned, private, expiring logs after a year.
pub(crate) fn access_log_bucket(
    aws: &Aws<'_>,
    out: &mut Emitter,
    region: Option<&Region>,
) -> Result<String, ExportError> {
    let name = log_bucket(aws, region);
    if out.has(&format!("aws_s3_bucket.{name}")) {
        return Ok(name);
    }
    let owner = region.map_or_else(Id::fallback, |r| r.id.clone());
    let provider = aws.provider(region);
    let label = name.replace('_', "-");
    out.resource("storage.tf", &owner, "aws_s3_bucket", &name, |b| {
        with(&provider, b)
            .skip(
                "CKV_AWS_18",
                "this is the access-log bucket; logging it into itself would loop",
            )
            .skip(
                "CKV_AWS_144",
                "access logs are not replicated to another region",
            )
            .skip(
                "CKV_AWS_145",
                "load balancer and CloudFront log delivery only write to SSE-S3 buckets",
            )
            .a(
                "bucket",
                t(&format!(
                    "${{local.name}}-{label}-${{data.aws_caller_identity.current.account_id}}"
                )),
            )
    })?;
    bucket_settings(out, &owner, &name, &provider, true, None, true)?;
    // CloudFront standard logs are delivered with an ACL; other log delivery needs none.
    let cloudfront = super::versions::needs_us_east_1(aws) && provider.is_none();
    out.resource(
        "storage.tf",
        &owner,
        "aws_s3_bucket_ownership_controls",
        &name,
        |b| {
            let b = with(&provider, b);
            let b = if cloudfront {
                b.skip(
                    "CKV2_AWS_65",
                    "CloudFront standard logs are delivered to this bucket with an ACL",
                )
            } else {
                b
            };
            b.e("bucket", &format!("aws_s3_bucket.{name}.id"))
                .b(B::new("rule", &[]).a(
                    "object_ownership",
                    s(if cloudfront {
                        "BucketOwnerPreferred"
                    } else {
                        "BucketOwnerEnforced"
                    }),
                ))
        },
    )?;
    out.resource(
        "storage.tf",
        &owner,
        "aws_s3_bucket_lifecycle_configuration",
        &name,
        |b| {
            with(&provider, b)
                .e("bucket", &format!("aws_s3_bucket.{name}.id"))
                .b(B::new("rule", &[])
                    .a("id", s("expire-logs"))
                    .a("status", s("Enabled"))
                    .b(B::new("filter", &[]))
                    .b(B::new("expiration", &[]).a("days", 365))
                    .b(B::new("noncurrent_version_expiration", &[]).a("noncurrent_days", 30))
                    .b(B::new("abort_incomplete_multipart_upload", &[])
                        .a("days_after_initiation", 7)))
        },
    )?;
    out.resource(
        "storage.tf",
        &owner,
        "aws_s3_bucket_notification",
        &name,
        |b| {
            with(&provider, b)
                .e("bucket", &format!("aws_s3_bucket.{name}.id"))
                .a("eventbridge", true)
        },
    )?;
    Ok(name)
}

fn lifecycle(
    out: &mut Emitter,
    owner: &Id,
    name: &str,
    provider: &Option<String>,
    p: &ObjectStorageProps,
) -> Result<(), ExportError> {
    let (archive, expire) = p.lifecycle.as_ref().map_or((None, None), |l| {
        (l.archive_after_days, l.expire_after_days)
    });
    out.resource(
        "storage.tf",
        owner,
        "aws_s3_bucket_lifecycle_configuration",
        name,
        |b| {
            let mut rule = B::new("rule", &[])
                .a("id", s("lifecycle"))
                .a("status", s("Enabled"))
                .b(B::new("filter", &[]));
            if let Some(d) = archive {
                rule = rule.b(B::new("transition", &[])
                    .a("days", i64::from(d))
                    .a("storage_class", s("GLACIER")));
            }
            if let Some(d) = expire {
                rule = rule.b(B::new("expiration", &[]).a("days", i64::from(d)));
            }
            rule = rule
                .b(B::new("noncurrent_version_expiration", &[]).a("noncurrent_days", 90))
                .b(B::new("abort_incomplete_multipart_upload", &[]).a("days_after_initiation", 7));
            with(provider, b)
                .e("bucket", &format!("aws_s3_bucket.{name}.id"))
                .b(rule)
        },
    )?;
    Ok(())
}

pub(crate) fn emit(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    let mut regions_with_logs: BTreeSet<Id> = BTreeSet::new();
    for i in plan.components_where(|k| matches!(k, ComponentKind::ObjectStorage(_))) {
        let c = plan.component(i);
        let ComponentKind::ObjectStorage(p) = &c.kind else {
            continue;
        };
        let id = aws.ident(i);
        let region = plan.region_of(i).or_else(|| plan.primary_region());
        let provider = aws.provider(region);
        let replica_region = p
            .replicate_to_region
            .as_ref()
            .and_then(|r| plan.topology.regions.iter().find(|x| &x.id == r));
        out.resource("storage.tf", &c.id, "aws_s3_bucket", &id, |b| {
            let mut b = with(&provider, b);
            if replica_region.is_none() {
                b = b.skip("CKV_AWS_144", "the design replicates this bucket to no other region (replicate_to_region unset)");
            }
            if !p.access_logging {
                b = b.skip("CKV_AWS_18", "access logging is off in the design");
            }
            if !p.encryption_at_rest {
                b = b.skip("CKV_AWS_145", "encryption at rest with a KMS key is off in the design");
            }
            if !p.versioning {
                b = b.skip("CKV_AWS_21", "versioning is off in the design");
            }
            if !p.public_access_blocked {
                b = b.skip("CKV2_AWS_6", "public access is not blocked in the design (public_access_blocked: false)");
            }
            if p.lifecycle.is_none() {
                b = b.skip("CKV2_AWS_61", "the design sets no lifecycle rules");
            }
            b.a("bucket", t(&bucket_name(&c.id)))
                .a("tags", obj(vec![("Purpose", s(format!("{:?}", p.purpose)))]))
        })?;
        let kms = aws.kms(region);
        bucket_settings(
            out,
            &c.id,
            &id,
            &provider,
            p.versioning,
            p.encryption_at_rest.then_some(kms.as_str()),
            p.public_access_blocked,
        )?;
        if p.lifecycle.is_some() {
            lifecycle(out, &c.id, &id, &provider, p)?;
        }
        if p.access_logging {
            let logs = access_log_bucket(aws, out, region)?;
            if let Some(r) = region {
                regions_with_logs.insert(r.id.clone());
            }
            out.resource("storage.tf", &c.id, "aws_s3_bucket_logging", &id, |b| {
                with(&provider, b)
                    .e("bucket", &format!("aws_s3_bucket.{id}.id"))
                    .e("target_bucket", &format!("aws_s3_bucket.{logs}.id"))
                    .a("target_prefix", s(format!("s3/{}/", c.id)))
            })?;
        }
        out.resource(
            "storage.tf",
            &c.id,
            "aws_s3_bucket_notification",
            &id,
            |b| {
                with(&provider, b)
                    .e("bucket", &format!("aws_s3_bucket.{id}.id"))
                    .a("eventbridge", true)
            },
        )?;
        if let Some(rr) = replica_region {
            replication(aws, out, i, rr)?;
        }
    }
    Ok(())
}

/// A replica bucket in `to` and the replication of bucket `i` into it.
fn replication(aws: &Aws<'_>, out: &mut Emitter, i: usize, to: &Region) -> Result<(), ExportError> {
    let plan = aws.plan;
    let c = plan.component(i);
    let id = aws.ident(i);
    let replica = format!("{id}_replica");
    let src_provider = aws.provider(plan.region_of(i).or_else(|| plan.primary_region()));
    let dst_provider = aws.provider(Some(to));
    let dst_kms = aws.kms(Some(to));
    let replica_id = Id::new(format!(
        "{}-replica",
        cloud_name(&c.id)
            .chars()
            .take(20)
            .collect::<String>()
            .trim_end_matches('-')
    ))
    .unwrap_or_else(|_| c.id.clone());
    out.resource("storage.tf", &c.id, "aws_s3_bucket", &replica, |b| {
        with(&dst_provider, b)
            .skip(
                "CKV_AWS_144",
                "this is the replica; it is not replicated further",
            )
            .skip(
                "CKV_AWS_18",
                "the replica of a logged bucket; reads are logged at the source",
            )
            .skip(
                "CKV2_AWS_61",
                "replicated objects follow the source bucket's lifecycle",
            )
            .a("bucket", t(&bucket_name(&replica_id)))
    })?;
    bucket_settings(
        out,
        &c.id,
        &replica,
        &dst_provider,
        true,
        Some(&dst_kms),
        true,
    )?;
    out.resource(
        "storage.tf",
        &c.id,
        "aws_s3_bucket_notification",
        &replica,
        |b| {
            with(&dst_provider, b)
                .e("bucket", &format!("aws_s3_bucket.{replica}.id"))
                .a("eventbridge", true)
        },
    )?;
    let assume = call(
        "jsonencode",
        vec![obj(vec![
            ("Version", s("2012-10-17")),
            (
                "Statement",
                list(vec![obj(vec![
                    ("Effect", s("Allow")),
                    ("Principal", obj(vec![("Service", s("s3.amazonaws.com"))])),
                    ("Action", s("sts:AssumeRole")),
                ])]),
            ),
        ])],
    );
    out.resource(
        "storage.tf",
        &c.id,
        "aws_iam_role",
        &format!("{id}_replication"),
        |b| {
            b.a("name", t(&format!("{}-replication", aws.name(&c.id))))
                .a("assume_role_policy", assume)
        },
    )?;
    let policy = call(
        "jsonencode",
        vec![obj(vec![
            ("Version", s("2012-10-17")),
            (
                "Statement",
                list(vec![
                    obj(vec![
                        ("Effect", s("Allow")),
                        (
                            "Action",
                            strs(["s3:GetReplicationConfiguration", "s3:ListBucket"]),
                        ),
                        ("Resource", r(&format!("aws_s3_bucket.{id}.arn"))),
                    ]),
                    obj(vec![
                        ("Effect", s("Allow")),
                        (
                            "Action",
                            strs([
                                "s3:GetObjectVersionForReplication",
                                "s3:GetObjectVersionAcl",
                                "s3:GetObjectVersionTagging",
                            ]),
                        ),
                        ("Resource", t(&format!("${{aws_s3_bucket.{id}.arn}}/*"))),
                    ]),
                    obj(vec![
                        ("Effect", s("Allow")),
                        (
                            "Action",
                            strs([
                                "s3:ReplicateObject",
                                "s3:ReplicateDelete",
                                "s3:ReplicateTags",
                            ]),
                        ),
                        (
                            "Resource",
                            t(&format!("${{aws_s3_bucket.{replica}.arn}}/*")),
                        ),
                    ]),
                    obj(vec![
                        ("Effect", s("Allow")),
                        (
                            "Action",
                            strs(["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]),
                        ),
                        (
                            "Resource",
                            list(vec![
                                r(&aws.kms(plan.region_of(i).or_else(|| plan.primary_region()))),
                                r(&dst_kms),
                            ]),
                        ),
                    ]),
                ]),
            ),
        ])],
    );
    out.resource(
        "storage.tf",
        &c.id,
        "aws_iam_role_policy",
        &format!("{id}_replication"),
        |b| {
            b.a("name", s("replication"))
                .e("role", &format!("aws_iam_role.{id}_replication.id"))
                .a("policy", policy)
        },
    )?;
    out.resource(
        "storage.tf",
        &c.id,
        "aws_s3_bucket_replication_configuration",
        &id,
        |b| {
            with(&src_provider, b)
                .e("bucket", &format!("aws_s3_bucket.{id}.id"))
                .e("role", &format!("aws_iam_role.{id}_replication.arn"))
                .b(B::new("rule", &[])
                    .a("id", s("replicate-all"))
                    .a("status", s("Enabled"))
                    .b(B::new("filter", &[]))
                    .b(B::new("delete_marker_replication", &[]).a("status", s("Enabled")))
                    .b(B::new("source_selection_criteria", &[]).b(B::new(
                        "sse_kms_encrypted_objects",
                        &[],
                    )
                    .a("status", s("Enabled"))))
                    .b(B::new("destination", &[])
                        .e("bucket", &format!("aws_s3_bucket.{replica}.arn"))
                        .a("storage_class", s("STANDARD_IA"))
                        .b(B::new("encryption_configuration", &[])
                            .e("replica_kms_key_id", &dst_kms))))
                .a(
                    "depends_on",
                    list(vec![
                        r(&format!("aws_s3_bucket_versioning.{id}")),
                        r(&format!("aws_s3_bucket_versioning.{replica}")),
                    ]),
                )
        },
    )?;
    let _ = tf_ident;
    Ok(())
}
