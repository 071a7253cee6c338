//! SEC-009: credentials come from a secrets manager (a `secrets_from` property or a connection
//! to one), never inline in environment variables or tags.

use super::{connected_to_kind, quoted};
use crate::model::{ComponentKind, KindTag};
use crate::validate::context::Context;
use crate::validate::finding::{Finding, Severity};
use crate::validate::rule::{Family, Rule};

/// The rule.
pub(crate) const RULE: Rule = Rule {
    id: "SEC-009",
    family: Family::Security,
    severity: Severity::Error,
    title: "Credentials from a secrets manager, never inline",
    rationale: "Icarus: Security Infrastructure › Secrets Manager: 'Vault / AWS Secrets Manager: Centralized secrets management' and 'Rotation: Automatic secret rotation'. A credential written into the design ends up in the repository, the manifests and every copy of them, and never rotates.",
    fix: "Remove the inline value, store it in the secrets manager, and set secrets_from on the workload (or draw its connection to the secrets manager).",
    check,
};

/// Name fragments of environment variables and tags that hold credentials.
const CREDENTIAL_WORDS: [&str; 9] = [
    "PASSWORD",
    "PASSWD",
    "SECRET",
    "TOKEN",
    "API_KEY",
    "APIKEY",
    "PRIVATE_KEY",
    "CREDENTIAL",
    "ACCESS_KEY",
];

fn looks_like_credential(key: &str) -> bool {
    let upper = key.to_ascii_uppercase().replace('-', "_");
    CREDENTIAL_WORDS.iter().any(|w| upper.contains(w))
}

/// Whether calling a component of this kind needs a credential.
fn needs_credential(tag: KindTag) -> bool {
    matches!(
        tag,
        KindTag::Database
            | KindTag::Cache
            | KindTag::Queue
            | KindTag::ExternalApi
            | KindTag::EmailService
            | KindTag::IdentityProvider
    )
}

fn check(cx: &Context, out: &mut Vec<Finding>) {
    for (i, c) in cx.t.components.iter().enumerate() {
        let mut inline: Vec<&str> = c
            .tags
            .keys()
            .map(String::as_str)
            .filter(|k| looks_like_credential(k))
            .collect();
        let ComponentKind::Workload(w) = &c.kind else {
            if !inline.is_empty() {
                out.push(
                    RULE.finding(
                        format!(
                            "{} has credentials inline in its tags {}",
                            cx.describe(i),
                            quoted(&inline)
                        ),
                        vec![c.id.clone()],
                    )
                    .at_field("tags"),
                );
            }
            continue;
        };
        inline.extend(
            w.env
                .keys()
                .map(String::as_str)
                .filter(|k| looks_like_credential(k)),
        );
        if !inline.is_empty() {
            out.push(
                RULE.finding(
                    format!(
                        "{} has credentials inline in {}; credentials come from the secrets manager",
                        cx.describe(i),
                        quoted(&inline)
                    ),
                    vec![c.id.clone()],
                )
                .at_field("env"),
            );
        }
        let mut needing: Vec<&str> = cx
            .graph
            .outgoing(i)
            .map(|(j, _)| cx.component(j))
            .filter(|callee| needs_credential(callee.kind.tag()))
            .map(|callee| callee.id.as_str())
            .collect();
        needing.sort_unstable();
        needing.dedup();
        let has_source =
            w.secrets_from.is_some() || connected_to_kind(cx, i, KindTag::SecretsManager);
        if !needing.is_empty() && !has_source {
            out.push(RULE.finding(
                format!(
                    "{} calls {} but takes its credentials from no secrets manager",
                    cx.describe(i),
                    quoted(&needing)
                ),
                vec![c.id.clone()],
            ));
        }
    }
}
