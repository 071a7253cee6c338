//! Writing a topology as a Mermaid flowchart: subgraphs for containers, nodes for components,
//! edges with protocol labels (dotted for observability). `%% daedalus` comments record what
//! Mermaid cannot say (exact kinds, tiers, protocols), so importing the text again gives back
//! the same structure; Mermaid renderers ignore them.

use std::fmt::Write as _;

use crate::model::{
    Component, ComponentKind, ConnectionKind, Container, ContainerKind, Id, Tier, Topology,
};

/// The Mermaid id of a topology id: `-` becomes `_` (`db-cluster` → `db_cluster`), which the
/// importer turns back.
pub fn mermaid_id(id: &Id) -> String {
    id.as_str().replace('-', "_")
}

/// A label as Mermaid reads it: quoted, with `"` escaped and line breaks as `<br/>`.
fn label(text: &str) -> String {
    let escaped = text.replace('"', "#quot;").replace('\n', "<br/>");
    format!("\"{escaped}\"")
}

fn node_label(c: &Component) -> String {
    if c.description.is_empty() {
        label(&c.name)
    } else {
        label(&format!("{}\n{}", c.name, c.description))
    }
}

/// `[...]`, or `[(...)]` for data stores (the shape the importer reads as a database).
fn shape(c: &Component, text: &str) -> String {
    match c.kind {
        ComponentKind::Database(_) | ComponentKind::Cache(_) => format!("[({text})]"),
        ComponentKind::Users(_) | ComponentKind::Admins(_) => format!("([{text}])"),
        _ => format!("[{text}]"),
    }
}

/// The flowchart of `t`.
pub fn to_mermaid(t: &Topology) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "%% {} — written by Daedalus; `daedalus import mermaid` reads it back.",
        t.name.replace('\n', " ")
    );
    out.push_str("graph TB\n");
    let mut hints = Vec::new();
    write_children(t, None, 1, &mut out, &mut hints, &mut Vec::new());
    let mut pairs: std::collections::HashMap<(&Id, &Id), usize> = std::collections::HashMap::new();
    for c in &t.connections {
        let n = pairs.entry((&c.from, &c.to)).or_insert(0);
        *n += 1;
        let arrow = if c.kind == ConnectionKind::Observability {
            "-.->"
        } else {
            "-->"
        };
        let text = if c.label.is_empty() {
            c.protocol.label().to_owned()
        } else {
            c.label.clone()
        };
        let text = text.replace('|', "/").replace('\n', " ");
        let (from, to) = (mermaid_id(&c.from), mermaid_id(&c.to));
        let _ = writeln!(out, "    {from} {arrow}|{}| {to}", text.replace('"', "'"));
        let mut hint = format!(
            "edge {from}>{to}#{n} kind={:?} protocol={:?} tls={}",
            c.kind, c.protocol, c.tls
        );
        if let Some(port) = c.port {
            let _ = write!(hint, " port={port}");
        }
        hints.push(hint);
    }
    for c in &t.containers {
        if let Some(css) = c.tags.get("mermaid-style") {
            let _ = writeln!(out, "    style {} {css}", mermaid_id(&c.id));
        }
    }
    for c in &t.components {
        if let Some(css) = c.tags.get("mermaid-style") {
            let _ = writeln!(out, "    style {} {css}", mermaid_id(&c.id));
        }
    }
    for h in hints {
        let _ = writeln!(out, "    %% daedalus {h}");
    }
    out
}

/// Writes the containers and components directly inside `parent`, depth first.
fn write_children(
    t: &Topology,
    parent: Option<&Id>,
    depth: usize,
    out: &mut String,
    hints: &mut Vec<String>,
    visiting: &mut Vec<Id>,
) {
    let indent = "    ".repeat(depth);
    // At the top level, also whatever names a container that does not exist.
    let here = |p: Option<&Id>| match parent {
        Some(_) => p == parent,
        None => p.is_none_or(|p| t.container(p.as_str()).is_none()),
    };
    for c in t.containers.iter().filter(|c| here(c.parent.as_ref())) {
        if visiting.contains(&c.id) || Some(&c.id) == parent {
            continue;
        }
        let _ = writeln!(
            out,
            "{indent}subgraph {}[{}]",
            mermaid_id(&c.id),
            label(&c.name)
        );
        hints.push(container_hint(c));
        visiting.push(c.id.clone());
        write_children(t, Some(&c.id), depth + 1, out, hints, visiting);
        visiting.pop();
        let _ = writeln!(out, "{indent}end");
    }
    for c in t.components.iter().filter(|c| here(c.container.as_ref())) {
        let _ = writeln!(
            out,
            "{indent}{}{}",
            mermaid_id(&c.id),
            shape(c, &node_label(c))
        );
        hints.push(format!(
            "node {} kind={:?}",
            mermaid_id(&c.id),
            c.kind.tag()
        ));
    }
}

fn container_hint(c: &Container) -> String {
    let id = mermaid_id(&c.id);
    match &c.kind {
        ContainerKind::Vpc(v) => format!("container {id} kind=Vpc environment={}", v.environment),
        ContainerKind::Subnet(s) => match &s.tier {
            Tier::Custom(custom) => format!(
                "container {id} kind=Subnet tier=Custom:{} public={}",
                custom.name.replace(' ', "%20"),
                custom.public
            ),
            tier => format!("container {id} kind=Subnet tier={tier:?}"),
        },
        ContainerKind::KubernetesCluster(_) => format!("container {id} kind=KubernetesCluster"),
        ContainerKind::Group(g) => format!("container {id} kind=Group purpose={:?}", g.purpose),
    }
}
