//! Helm export: golden files of the small sample, determinism, and NetworkPolicies that allow
//! exactly the drawn connections, checked both ways on the Icarus sample.

use std::collections::BTreeSet;
use std::path::Path;

use daedalus::export::{self, Export, Target};
use daedalus::model::{ComponentKind, ElementKind, Index, Topology};

fn sample(name: &str) -> Topology {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-topologies")
        .join(name);
    match daedalus::io::load(&path) {
        Ok(l) => l.topology,
        Err(e) => panic!("{e}"),
    }
}

fn helm(t: &Topology) -> Export {
    match export::export(t, Target::Helm) {
        Ok(e) => e,
        Err(e) => panic!("{e}"),
    }
}

/// Compares `export` with `tests/golden/<dir>/`; `UPDATE_GOLDEN=1` rewrites the files.
fn golden(dir: &str, export: &Export) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(dir);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let _ = std::fs::remove_dir_all(&root);
        for (path, text) in &export.files {
            let p = root.join(path);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(&p, text).expect("write golden");
        }
        return;
    }
    for (path, text) in &export.files {
        let want = std::fs::read_to_string(root.join(path))
            .unwrap_or_else(|e| panic!("{dir}/{path}: {e} (UPDATE_GOLDEN=1 to write)"));
        assert!(
            &want == text,
            "{dir}/{path} differs from its golden file (UPDATE_GOLDEN=1 to accept)"
        );
    }
    let count = walk(&root);
    assert_eq!(count, export.files.len(), "{dir}: stale golden files");
}

fn walk(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            if e.path().is_dir() {
                walk(&e.path())
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn golden_files_of_the_small_sample() {
    golden("three-tier/helm", &helm(&sample("three-tier.ron")));
}

#[test]
fn helm_export_is_deterministic_and_complete() {
    let t = sample("icarus-platform-hardened.ron");
    let a = helm(&t);
    assert_eq!(a, helm(&t));
    for f in [
        "Chart.yaml",
        "values.yaml",
        "values.schema.json",
        ".helmignore",
        "templates/deployment.yaml",
        "templates/networkpolicy.yaml",
        "templates/hpa.yaml",
        "templates/pdb.yaml",
        "templates/service.yaml",
        "templates/serviceaccount.yaml",
        "templates/externalsecret.yaml",
    ] {
        assert!(a.files.contains_key(f), "{f}");
    }
    let schema: serde_json::Value =
        serde_json::from_str(&a.files["values.schema.json"]).expect("schema is JSON");
    assert_eq!(schema["type"], "object");
}

/// `(workload, "ingress" | "egress", connection)` triples allowed in `values.yaml`.
fn allowed(values: &serde_json::Value) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    let Some(workloads) = values["workloads"].as_object() else {
        return out;
    };
    for (name, w) in workloads {
        for dir in ["ingress", "egress"] {
            for rule in w["networkPolicy"][dir].as_array().into_iter().flatten() {
                let conn = rule["connection"].as_str().expect("connection").to_owned();
                out.insert((name.clone(), dir.to_owned(), conn));
            }
        }
    }
    out
}

#[test]
fn network_policies_allow_exactly_the_drawn_connections() {
    for name in [
        "icarus-platform-hardened.ron",
        "icarus-platform.ron",
        "three-tier.ron",
    ] {
        let t = sample(name);
        let e = helm(&t);
        let values: serde_json::Value =
            serde_saphyr::from_str(&e.files["values.yaml"]).expect("values.yaml parses");
        let got = allowed(&values);
        // Expected from the model alone: a connection allows egress at a workload that makes it
        // and ingress at a workload that receives it (a container end stands for its members).
        let index = Index::new(&t);
        let ancestry = daedalus::model::Ancestry::new(&t, &index);
        let members = |id: &str| -> Vec<String> {
            match index.kind_of(id) {
                Some(ElementKind::Component) => vec![id.to_owned()],
                Some(ElementKind::Container) => {
                    if t.container(id).is_some_and(|c| {
                        matches!(c.kind, daedalus::model::ContainerKind::KubernetesCluster(_))
                    }) {
                        return vec![];
                    }
                    t.components
                        .iter()
                        .filter(|c| ancestry.chain(c.container.as_ref()).any(|k| k.id == id))
                        .map(|c| c.id.to_string())
                        .collect()
                }
                _ => vec![],
            }
        };
        let is_workload = |id: &str| {
            t.component(id)
                .is_some_and(|c| matches!(c.kind, ComponentKind::Workload(_)))
        };
        let mut want = BTreeSet::new();
        for c in &t.connections {
            for from in members(c.from.as_str()) {
                for to in members(c.to.as_str()) {
                    if from == to {
                        continue;
                    }
                    if is_workload(&from) {
                        want.insert((from.clone(), "egress".to_owned(), c.id.to_string()));
                    }
                    if is_workload(&to) {
                        want.insert((to.clone(), "ingress".to_owned(), c.id.to_string()));
                    }
                }
            }
        }
        assert!(
            !want.is_empty(),
            "{name}: the sample has workload connections"
        );
        let missing: Vec<_> = want.difference(&got).collect();
        let extra: Vec<_> = got.difference(&want).collect();
        assert!(
            missing.is_empty(),
            "{name}: drawn but not allowed: {missing:?}"
        );
        assert!(extra.is_empty(), "{name}: allowed but not drawn: {extra:?}");
    }
}

#[test]
fn ports_and_peers_follow_the_drawing() {
    let e = helm(&sample("icarus-platform-hardened.ron"));
    let v: serde_json::Value = serde_saphyr::from_str(&e.files["values.yaml"]).expect("parses");
    let svc = &v["workloads"]["service-containers"];
    let ingress = svc["networkPolicy"]["ingress"].as_array().expect("ingress");
    let from_gw = ingress
        .iter()
        .find(|r| r["connection"] == "api-gateway-to-service-containers")
        .expect("gateway rule");
    assert_eq!(from_gw["port"], 8080, "NetworkPolicy ports are pod ports");
    assert_eq!(
        from_gw["from"]["ipBlocks"],
        serde_json::json!(["10.0.0.0/22", "10.0.4.0/22", "10.0.8.0/22"]),
        "the gateway's subnets"
    );
    let egress = svc["networkPolicy"]["egress"].as_array().expect("egress");
    let db = egress
        .iter()
        .find(|r| r["connection"] == "service-containers-to-db-cluster")
        .expect("db rule");
    assert_eq!(db["port"], 5432);
    assert_eq!(svc["servicePorts"], serde_json::json!([8443]));
    assert_eq!(svc["zones"].as_array().map(Vec::len), Some(3));
    assert_eq!(svc["autoscaling"]["maxReplicas"], 18);
    assert_eq!(svc["externalSecret"]["enabled"], true);
    // Helm resources the editor lists for the workload and for a connection.
    assert!(
        e.resources_of("service-containers")
            .iter()
            .any(|r| r == "kubernetes NetworkPolicy icarus-platform-hardened/service-containers")
    );
    assert_eq!(
        e.resources_of("service-containers-to-db-cluster"),
        ["kubernetes NetworkPolicy icarus-platform-hardened/service-containers"]
    );
}

#[test]
fn yaml_keeps_strings_that_look_like_booleans() {
    let mut t = sample("three-tier.ron");
    for c in &mut t.components {
        if let ComponentKind::Workload(w) = &mut c.kind {
            w.env.insert("FEATURE".into(), "on".into());
            w.env.insert("LEGACY".into(), "no".into());
        }
    }
    let e = helm(&t);
    let values = &e.files["values.yaml"];
    assert!(
        values.contains("FEATURE: \"on\"") || values.contains("FEATURE: 'on'"),
        "{values}"
    );
    let v: serde_json::Value = serde_saphyr::from_str(values).expect("parses");
    let web = &v["workloads"]["web"]["env"];
    assert_eq!(web["FEATURE"], "on");
    assert_eq!(web["LEGACY"], "no");
}
