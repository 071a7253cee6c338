//! Terraform exports: golden files of the small sample, every generated `.tf` parses back, the
//! same input gives the same bytes, every drawn connection becomes firewall rules, and the
//! element → resource map the editor shows.

use std::path::{Path, PathBuf};

use daedalus::export::{self, Cloud, Export, Target};
use daedalus::model::Topology;

fn sample(name: &str) -> Topology {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-topologies")
        .join(name);
    io_load(&path)
}

fn io_load(path: &Path) -> Topology {
    match daedalus::io::load(path) {
        Ok(l) => l.topology,
        Err(e) => panic!("{e}"),
    }
}

fn exported(name: &str, target: Target) -> Export {
    match export::export(&sample(name), target) {
        Ok(e) => e,
        Err(e) => panic!("{name} {target:?}: {e}"),
    }
}

const SAMPLES: [&str; 4] = [
    "three-tier.ron",
    "icarus-platform.ron",
    "icarus-platform-hardened.ron",
    "flawed.ron",
];

/// Compares `export` with `tests/golden/<dir>/`; `UPDATE_GOLDEN=1` rewrites the files.
pub fn golden(dir: &str, export: &Export) {
    let root: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
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
    let mut on_disk = Vec::new();
    collect(&root, &root, &mut on_disk);
    on_disk.sort();
    let generated: Vec<&String> = export.files.keys().collect();
    assert_eq!(
        on_disk.iter().collect::<Vec<_>>(),
        generated,
        "files of {dir} differ from the golden ones (UPDATE_GOLDEN=1 to accept)"
    );
    for (path, text) in &export.files {
        let want = std::fs::read_to_string(root.join(path)).expect("read golden");
        assert!(
            &want == text,
            "{dir}/{path} differs from its golden file (UPDATE_GOLDEN=1 cargo test --test export_terraform to accept)"
        );
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(root, &p, out);
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn golden_files_of_the_small_sample() {
    for cloud in Cloud::ALL {
        golden(
            &format!("three-tier/terraform-{}", cloud.as_str()),
            &exported("three-tier.ron", Target::Terraform(cloud)),
        );
    }
}

#[test]
fn every_generated_file_parses_back() {
    for name in SAMPLES {
        for cloud in Cloud::ALL {
            let e = exported(name, Target::Terraform(cloud));
            assert!(e.files.contains_key("versions.tf") && e.files.contains_key("variables.tf"));
            for (path, text) in &e.files {
                if let Err(err) = hcl::parse(text) {
                    panic!("{name} {cloud:?} {path} does not parse: {err}");
                }
                assert!(
                    text.ends_with("}\n"),
                    "{path} ends with a block and one newline"
                );
                assert!(!text.contains("\n\n\n"), "{path}: no double blank lines");
                assert!(
                    !text.contains("__daedalus_comment"),
                    "{path}: placeholder left"
                );
            }
        }
    }
}

#[test]
fn exports_are_deterministic() {
    for cloud in Cloud::ALL {
        let a = exported("icarus-platform-hardened.ron", Target::Terraform(cloud));
        let b = exported("icarus-platform-hardened.ron", Target::Terraform(cloud));
        assert_eq!(a, b);
    }
}

#[test]
fn aws_has_the_files_per_concern() {
    let e = exported(
        "icarus-platform-hardened.ron",
        Target::Terraform(Cloud::Aws),
    );
    for f in [
        "versions.tf",
        "variables.tf",
        "outputs.tf",
        "network.tf",
        "security.tf",
        "compute.tf",
        "data.tf",
        "storage.tf",
        "observability.tf",
    ] {
        assert!(e.files.contains_key(f), "{f}");
    }
    let versions = &e.files["versions.tf"];
    assert!(versions.contains("source  = \"hashicorp/aws\"") && versions.contains("~> 5.80"));
}

#[test]
fn every_drawn_connection_between_security_groups_becomes_an_egress_and_an_ingress_rule() {
    let t = sample("icarus-platform-hardened.ron");
    let e = exported(
        "icarus-platform-hardened.ron",
        Target::Terraform(Cloud::Aws),
    );
    let sec = &e.files["security.tf"];
    for (conn, port) in [
        ("api-gateway-to-service-containers", 8443),
        ("service-containers-to-db-cluster", 5432),
        ("service-containers-to-cache-cluster", 6379),
        ("service-containers-to-message-queue-cluster", 5671),
    ] {
        let id = conn.replace('-', "_");
        for dir in ["egress", "ingress"] {
            let head = format!("resource \"aws_vpc_security_group_{dir}_rule\" \"{id}_{dir}\" {{");
            let Some(at) = sec.find(&head) else {
                panic!("no {dir} rule for {conn}")
            };
            let block = &sec[at..at + sec[at..].find("\n}\n").expect("block end")];
            assert!(
                block.contains(&format!("from_port                    = {port}")),
                "{block}"
            );
            assert!(block.contains("referenced_security_group_id"), "{block}");
        }
        assert!(t.connection(conn).is_some());
    }
    // No rule opens everything.
    assert!(!sec.contains("ip_protocol = \"-1\""));
    assert!(!sec.contains("\"-1\""));
}

#[test]
fn subnets_per_zone_are_carved_from_the_tier() {
    let e = exported(
        "icarus-platform-hardened.ron",
        Target::Terraform(Cloud::Aws),
    );
    let vars = &e.files["variables.tf"];
    for (key, cidr) in [
        ("private-subnet-eu-central-a", "10.0.32.0/21"),
        ("private-subnet-eu-central-c", "10.0.48.0/21"),
        ("public-subnet-eu-central-b", "10.0.4.0/22"),
    ] {
        let line = vars
            .lines()
            .find(|l| l.trim_start().starts_with(key))
            .expect("subnet key");
        assert!(line.ends_with(&format!("\"{cidr}\"")), "{line}");
    }
    let net = &e.files["network.tf"];
    assert_eq!(
        net.matches("resource \"aws_nat_gateway\"").count(),
        3,
        "one NAT gateway per zone"
    );
    assert_eq!(
        net.matches("resource \"aws_subnet\"").count(),
        4 * 3 + 2 * 2
    );
}

#[test]
fn skips_carry_reasons() {
    let e = exported(
        "icarus-platform-hardened.ron",
        Target::Terraform(Cloud::Aws),
    );
    for text in e.files.values() {
        for line in text.lines().filter(|l| l.contains("checkov:skip=")) {
            let reason = line
                .split_once("checkov:skip=")
                .map(|(_, r)| r)
                .unwrap_or("");
            let (check, why) = reason.split_once(':').unwrap_or(("", ""));
            assert!(check.starts_with("CKV"), "{line}");
            assert!(why.len() > 15, "skip without a reason: {line}");
        }
    }
}

#[test]
fn elements_map_to_the_resources_they_became() {
    let e = exported(
        "icarus-platform-hardened.ron",
        Target::Terraform(Cloud::Aws),
    );
    let db = e.resources_of("db-cluster");
    for want in [
        "aws_db_instance.db_cluster",
        "aws_db_instance.db_cluster_replica_1",
        "aws_db_instance_automated_backups_replication.db_cluster",
        "aws_security_group.db_cluster",
        "aws_secretsmanager_secret.db_cluster",
    ] {
        assert!(db.iter().any(|r| r == want), "{want} in {db:?}");
    }
    let conn = e.resources_of("service-containers-to-db-cluster");
    assert_eq!(
        conn,
        [
            "aws_vpc_security_group_egress_rule.service_containers_to_db_cluster_egress",
            "aws_vpc_security_group_ingress_rule.service_containers_to_db_cluster_ingress",
        ]
    );
    assert!(e.resources_of("vpc").iter().any(|r| r == "aws_vpc.vpc"));
    assert!(e.resources_of("nope").is_empty());
    // Every recorded resource exists in the files.
    let all: String = e.files.values().cloned().collect();
    for list in e.resources.values() {
        for r in list {
            let (kind, name) = r.split_once('.').expect("kind.name");
            assert!(
                all.contains(&format!("resource \"{kind}\" \"{name}\"")),
                "{r} is recorded but not generated"
            );
        }
    }
}

#[test]
fn an_inconsistent_topology_is_refused() {
    let mut t = sample("three-tier.ron");
    t.connections[0].to = daedalus::model::Id::new("nowhere").expect("id");
    match export::export(&t, Target::Terraform(Cloud::Aws)) {
        Err(export::ExportError::Inconsistent { count, .. }) => assert!(count >= 1),
        other => panic!("expected a refusal, got {other:?}"),
    }
}
