//! The result of an export: files in memory and the resources each element became.

use std::collections::BTreeMap;

use crate::model::Id;

/// Generated files and the element → resources map, ready to preview or write.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Export {
    /// Relative path (`/`-separated, e.g. `network.tf`, `templates/deployment.yaml`) → content,
    /// sorted by path.
    pub files: BTreeMap<String, String>,
    /// Per model element (component, container, connection, region, peering), the addresses of
    /// the resources it became, sorted: `aws_db_instance.db_cluster`,
    /// `kubernetes NetworkPolicy icarus-platform/service-containers`.
    pub resources: BTreeMap<Id, Vec<String>>,
    /// Decisions and limits worth telling the user (e.g. a component with no equivalent on the
    /// chosen cloud), in the order they were found.
    pub notes: Vec<String>,
}

impl Export {
    /// The resources element `id` became (empty if none).
    pub fn resources_of(&self, id: &str) -> &[String] {
        self.resources.get(id).map_or(&[], Vec::as_slice)
    }

    /// Records that element `id` became resource `address`.
    pub(crate) fn record(&mut self, id: &Id, address: String) {
        self.resources.entry(id.clone()).or_default().push(address);
    }

    /// Sorts and deduplicates every element's resource list.
    pub(crate) fn finish(&mut self) {
        for list in self.resources.values_mut() {
            list.sort();
            list.dedup();
        }
    }

    /// Total number of distinct resources.
    pub fn resource_count(&self) -> usize {
        let mut all: Vec<&String> = self.resources.values().flatten().collect();
        all.sort();
        all.dedup();
        all.len()
    }
}
