//! Names of generated things, derived from element ids and names so that they are valid where
//! they are used: Terraform identifiers, Kubernetes object names, cloud resource names.

use crate::model::Id;

/// A Terraform identifier for an id: `-` becomes `_`, and an id that starts with a digit gets an
/// `n_` prefix (`db-cluster` → `db_cluster`, `3rd-party` → `n_3rd_party`).
pub fn tf_ident(id: &Id) -> String {
    let s = id.as_str().replace('-', "_");
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n_{s}")
    } else {
        s
    }
}

/// A Kubernetes object name (an RFC 1035 label: starts with a letter, ends with a letter or
/// digit, at most 63 characters) for an id.
pub fn k8s_name(id: &Id) -> String {
    dns_label(id.as_str(), "w")
}

/// A cloud resource name part for an id: lowercase letters, digits and single `-`, starting with
/// a letter, not ending with `-` (what RDS, S3 and Azure names accept).
pub fn cloud_name(id: &Id) -> String {
    let mut out = String::with_capacity(id.as_str().len() + 2);
    for c in id.as_str().chars() {
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with('-') {
        out.pop();
    }
    if !out.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.insert(0, 'x');
    }
    out
}

/// A lowercase, `-`-separated slug of free text (a topology name), at most 40 characters,
/// starting with a letter: `Icarus Platform (hardened)` → `icarus-platform-hardened`. Falls
/// back to `topology` when nothing usable remains.
pub fn slug(text: &str) -> String {
    let Some(id) = Id::slugify(text) else {
        return "topology".to_owned();
    };
    let mut s = cloud_name(&id);
    s.truncate(40);
    while s.ends_with('-') {
        s.pop();
    }
    s
}

fn dns_label(s: &str, prefix: &str) -> String {
    let mut out = String::with_capacity(s.len() + prefix.len() + 1);
    if !s.starts_with(|c: char| c.is_ascii_lowercase()) {
        out.push_str(prefix);
        out.push('-');
    }
    out.push_str(s);
    out.truncate(63);
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Text safe inside a generated comment or description: printable ASCII only (others become
/// `?`), no line breaks, at most `max` characters.
pub fn comment_text(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else if c.is_whitespace() {
                ' '
            } else {
                '?'
            }
        })
        .take(max)
        .collect();
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> Id {
        Id::new(s).expect("valid id")
    }

    #[test]
    fn identifiers_are_valid_everywhere() {
        assert_eq!(tf_ident(&id("db-cluster")), "db_cluster");
        assert_eq!(tf_ident(&id("3rd-party")), "n_3rd_party");
        assert_eq!(k8s_name(&id("web-")), "web");
        assert_eq!(k8s_name(&id("0web")), "w-0web");
        assert_eq!(k8s_name(&id(&"a".repeat(63))).len(), 63);
        assert_eq!(cloud_name(&id("a--b-")), "a-b");
        assert_eq!(cloud_name(&id("9x")), "x9x");
        assert_eq!(
            slug("Icarus Platform (hardened)"),
            "icarus-platform-hardened"
        );
        assert_eq!(slug("🌐"), "topology");
        assert_eq!(comment_text("a\nb\u{1F310}", 10), "a b?");
    }
}
