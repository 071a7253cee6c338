//! CloudFront distributions for CDNs (in `compute.tf`): the drawn origin, HTTPS only, the
//! certificate and a CloudFront-scope copy of the drawn WAF in `us-east-1`, security headers,
//! access logs.

use super::storage::access_log_bucket;
use super::{Aws, security};
use crate::export::ExportError;
use crate::export::hcl::{B, list, r, s, strs, t};
use crate::export::names::tf_ident;
use crate::export::plan::Endpoint;
use crate::export::terraform::Emitter;
use crate::model::ComponentKind;

pub(crate) fn emit(aws: &Aws<'_>, out: &mut Emitter) -> Result<(), ExportError> {
    let plan = aws.plan;
    for i in plan.components_where(|k| matches!(k, ComponentKind::Cdn(_))) {
        let c = plan.component(i);
        let ComponentKind::Cdn(cdn) = &c.kind else {
            continue;
        };
        let id = aws.ident(i);
        let mut origin = None;
        let mut waf = None;
        let mut cert = None;
        for l in plan.links_from(Endpoint::Component(i)) {
            let Endpoint::Component(j) = l.to else {
                continue;
            };
            let conn = plan.connection(l);
            match &plan.component(j).kind {
                ComponentKind::LoadBalancer(_)
                    if origin.is_none() && plan.placement[j].vpc.is_some() =>
                {
                    origin = Some((aws.ident(j), l.port, conn.id.clone()));
                }
                ComponentKind::Waf(w) => waf = Some((j, w.clone(), conn.id.clone())),
                ComponentKind::CertificateManager(_) => cert = Some((j, conn.id.clone())),
                _ => {}
            }
        }
        let Some((lb, port, origin_conn)) = origin else {
            out.note(format!("CDN \"{}\" has no drawn connection to a load balancer: no CloudFront distribution exported", c.id));
            continue;
        };
        let logs = access_log_bucket(aws, out, plan.primary_region())?;
        let waf_arn = match &waf {
            Some((j, w, conn)) => {
                let wid = format!("{}_cloudfront", aws.ident(*j));
                let owner = plan.component(*j).id.clone();
                if !out.has(&format!("aws_wafv2_web_acl.{wid}")) {
                    out.resource("security.tf", &owner, "aws_wafv2_web_acl", &wid, |b| {
                        security::web_acl(b, aws, &owner, w, "CLOUDFRONT", Some("aws.us_east_1"))
                    })?;
                    out.resource(
                        "observability.tf",
                        &owner,
                        "aws_cloudwatch_log_group",
                        &format!("{wid}_waf"),
                        |b| {
                            b.e("provider", "aws.us_east_1")
                                .a(
                                    "name",
                                    t(&format!("aws-waf-logs-{}-cloudfront", aws.name(&owner))),
                                )
                                .a("retention_in_days", 365)
                                .e("kms_key_id", "aws_kms_key.us_east_1.arn")
                        },
                    )?;
                    out.resource(
                        "security.tf",
                        &owner,
                        "aws_wafv2_web_acl_logging_configuration",
                        &wid,
                        |b| {
                            b.e("provider", "aws.us_east_1")
                                .a(
                                    "log_destination_configs",
                                    list(vec![r(&format!(
                                        "aws_cloudwatch_log_group.{wid}_waf.arn"
                                    ))]),
                                )
                                .e("resource_arn", &format!("aws_wafv2_web_acl.{wid}.arn"))
                        },
                    )?;
                }
                out.also(conn, &format!("aws_wafv2_web_acl.{wid}"));
                Some(format!("aws_wafv2_web_acl.{wid}.arn"))
            }
            None => None,
        };
        let cert_arn = cert.as_ref().map(|(j, conn)| {
            let a = format!("aws_acm_certificate.{}_cloudfront", aws.ident(*j));
            out.also(conn, &a);
            format!("{a}.arn")
        });
        out.resource(
            "compute.tf",
            &c.id,
            "aws_cloudfront_response_headers_policy",
            &id,
            |b| {
                b.a("name", t(&aws.name(&c.id)))
                    .b(B::new("security_headers_config", &[])
                        .b(B::new("strict_transport_security", &[])
                            .a("access_control_max_age_sec", 31536000)
                            .a("include_subdomains", true)
                            .a("preload", true)
                            .a("override", true))
                        .b(B::new("content_type_options", &[]).a("override", true))
                        .b(B::new("frame_options", &[])
                            .a("frame_option", s("DENY"))
                            .a("override", true))
                        .b(B::new("referrer_policy", &[])
                            .a("referrer_policy", s("strict-origin-when-cross-origin"))
                            .a("override", true))
                        .b(B::new("xss_protection", &[])
                            .a("protection", true)
                            .a("mode_block", true)
                            .a("override", true)))
            },
        )?;
        let viewer_protocol = if cdn.https_only {
            "redirect-to-https"
        } else {
            "allow-all"
        };
        out.resource("compute.tf", &c.id, "aws_cloudfront_distribution", &id, |b| {
            let mut b = b
                .skip("CKV_AWS_310", "one origin: the load balancer spans every zone of its region")
                .skip("CKV_AWS_374", "the design restricts no countries")
                .skip("CKV_AWS_305", "the origin serves the application; there is no default root object")
                .skip("CKV2_AWS_46", "the origin is a load balancer, not an S3 bucket");
            if waf_arn.is_none() {
                b = b.skip("CKV_AWS_68", "the design draws no WAF for this CDN")
                    .skip("CKV2_AWS_47", "the design draws no WAF for this CDN");
            }
            if cert_arn.is_none() {
                b = b.skip("CKV2_AWS_42", "the design draws no certificate for this CDN; CloudFront's default certificate is used")
                    .skip("CKV_AWS_174", "CloudFront's default certificate fixes its TLS policy");
            }
            let mut b = b
                .a("enabled", true)
                .a("comment", s(format!("CDN {}", c.id)))
                .a("is_ipv6_enabled", true)
                .a("price_class", s("PriceClass_100"))
                .b(B::new("origin", &[])
                    .e("domain_name", &format!("aws_lb.{lb}.dns_name"))
                    .a("origin_id", s(lb.clone()))
                    .b(B::new("custom_origin_config", &[])
                        .a("http_port", 80)
                        .a("https_port", i64::from(port))
                        .a("origin_protocol_policy", s("https-only"))
                        .a("origin_ssl_protocols", strs(["TLSv1.2"]))))
                .b(B::new("default_cache_behavior", &[])
                    .a("target_origin_id", s(lb.clone()))
                    .a("viewer_protocol_policy", s(viewer_protocol))
                    .a("allowed_methods", strs(["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]))
                    .a("cached_methods", strs(["GET", "HEAD"]))
                    .a("cache_policy_id", s("658327ea-f89d-4fab-a63d-7e88639e58f6"))
                    .a("origin_request_policy_id", s("216adef6-5c7f-47e4-b989-5492eafa07d3"))
                    .e("response_headers_policy_id", &format!("aws_cloudfront_response_headers_policy.{id}.id"))
                    .a("compress", true))
                .b(B::new("restrictions", &[]).b(B::new("geo_restriction", &[]).a("restriction_type", s("none"))))
                .b(B::new("logging_config", &[])
                    .e("bucket", &format!("aws_s3_bucket.{logs}.bucket_domain_name"))
                    .a("prefix", s(format!("cdn/{}/", c.id)))
                    .a("include_cookies", false));
            b = match &cert_arn {
                Some(a) => b.b(B::new("viewer_certificate", &[])
                    .e("acm_certificate_arn", a)
                    .a("ssl_support_method", s("sni-only"))
                    .a("minimum_protocol_version", s("TLSv1.2_2021"))),
                None => b.b(B::new("viewer_certificate", &[]).a("cloudfront_default_certificate", true)),
            };
            b.opt("web_acl_id", waf_arn.as_deref().map(r))
        })?;
        out.also(&origin_conn, &format!("aws_cloudfront_distribution.{id}"));
        out.output(
            &c.id,
            &format!("{id}_domain_name"),
            &format!("Domain name of CDN {}.", c.id),
            r(&format!("aws_cloudfront_distribution.{id}.domain_name")),
            false,
        )?;
        let _ = tf_ident;
    }
    Ok(())
}
