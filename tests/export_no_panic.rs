//! Property tests: no topology, however odd, makes an export panic; every exported `.tf` parses.

use daedalus::export::{self, Cloud, Target};
use daedalus::model::{Id, Topology};
use proptest::prelude::*;

fn base() -> Topology {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-topologies/icarus-platform-hardened.ron");
    daedalus::io::load(&path).expect("load").topology
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn odd_topologies_never_panic(
        name in "\\PC{0,40}",
        rename in proptest::collection::vec(("[0-9a-z][0-9a-z-]{0,62}", 0usize..60), 0..6),
        drop_connections in proptest::collection::vec(0usize..40, 0..8),
        replicas in proptest::collection::vec((0usize..40, 1u32..8), 0..6),
        cidr_prefix in 16u8..25,
    ) {
        let mut t = base();
        t.name = name;
        for (new, i) in rename {
            if let (Ok(id), Some(c)) = (Id::new(new), t.components.get(i % t.components.len().max(1)).map(|c| c.id.clone())) {
                let _ = t.rename(&c, &id);
            }
        }
        for i in drop_connections {
            if !t.connections.is_empty() {
                let n = i % t.connections.len();
                t.connections.remove(n);
            }
        }
        for (i, r) in replicas {
            let n = t.components.len();
            if let Some(c) = t.components.get_mut(i % n) {
                c.capacity.replicas = r;
            }
        }
        for c in &mut t.containers {
            if let daedalus::model::ContainerKind::Vpc(v) = &mut c.kind
                && v.cidr == "10.1.0.0/16"
            {
                v.cidr = format!("10.1.0.0/{cidr_prefix}");
            }
        }
        for target in [Target::Terraform(Cloud::Aws), Target::Terraform(Cloud::Azure), Target::Terraform(Cloud::Gcp), Target::Helm] {
            if let Ok(e) = export::export(&t, target) {
                for (path, text) in &e.files {
                    if path.ends_with(".tf") {
                        prop_assert!(hcl::parse(text).is_ok(), "{} does not parse", path);
                    }
                }
            }
        }
    }
}
