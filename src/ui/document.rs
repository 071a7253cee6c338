//! The open document: the topology, its file, undo and redo. The one place edits are applied.

use std::path::{Path, PathBuf};

use crate::io;
use crate::model::Topology;
use crate::model::check::{self, Problem};

use super::edit::{Edit, EditError};

/// Most undo steps kept; older ones are dropped.
const MAX_UNDO: usize = 500;

/// Two edits with the same merge key less than this many seconds apart are one undo step
/// (typing in a field, dragging a slider).
const MERGE_WINDOW_S: f64 = 2.0;

/// What an inspector edit is about, so that a run of small edits of one field undoes at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeKey(pub String);

struct Step {
    before: Topology,
    before_revision: u64,
    label: &'static str,
    merge: Option<(MergeKey, f64)>,
}

/// A topology being edited.
pub struct Document {
    topology: Topology,
    path: Option<PathBuf>,
    revision: u64,
    next_revision: u64,
    saved_revision: Option<u64>,
    undo: Vec<Step>,
    redo: Vec<Step>,
    problems: Vec<Problem>,
    problems_revision: u64,
}

impl Document {
    /// A document for `topology`, read from `path` (or new when `None`), not modified.
    pub fn new(topology: Topology, path: Option<PathBuf>) -> Self {
        let problems = check::check(&topology);
        Self {
            topology,
            path,
            revision: 0,
            next_revision: 1,
            saved_revision: Some(0),
            undo: Vec::new(),
            redo: Vec::new(),
            problems,
            problems_revision: 0,
        }
    }

    /// A document that holds `topology` but has never been saved (recovered work, templates).
    pub fn unsaved(topology: Topology, path: Option<PathBuf>) -> Self {
        let mut doc = Self::new(topology, path);
        doc.saved_revision = None;
        doc
    }

    /// The topology.
    pub fn topology(&self) -> &Topology {
        &self.topology
    }

    /// The file, if the document has one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A number that changes with every change of the topology (and comes back on undo).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether there are changes not saved to the file.
    pub fn is_dirty(&self) -> bool {
        self.saved_revision != Some(self.revision)
    }

    /// File name for titles, `Untitled` without a file.
    pub fn display_name(&self) -> String {
        self.path.as_ref().and_then(|p| p.file_name()).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Applies `edit` as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.apply_merged(edit, None, 0.0)
    }

    /// Applies `edit`; when `merge` matches the previous step's key and `now_s` is within the
    /// merge window, the two form one undo step.
    pub fn apply_merged(
        &mut self,
        edit: Edit,
        merge: Option<MergeKey>,
        now_s: f64,
    ) -> Result<(), EditError> {
        let label = edit.label();
        let mut next = self.topology.clone();
        edit.apply(&mut next)?;
        if next == self.topology {
            return Ok(());
        }
        let merges = match (&merge, self.undo.last()) {
            (
                Some(key),
                Some(Step {
                    merge: Some((last, at)),
                    ..
                }),
            ) => key == last && now_s - at < MERGE_WINDOW_S && self.redo.is_empty(),
            _ => false,
        };
        let before = std::mem::replace(&mut self.topology, next);
        if merges {
            if let Some(step) = self.undo.last_mut() {
                step.merge = merge.map(|k| (k, now_s));
            }
        } else {
            self.undo.push(Step {
                before,
                before_revision: self.revision,
                label,
                merge: merge.map(|k| (k, now_s)),
            });
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        }
        self.redo.clear();
        self.revision = self.next_revision;
        self.next_revision += 1;
        Ok(())
    }

    /// What undo would undo, if anything.
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(|s| s.label)
    }

    /// What redo would redo, if anything.
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(|s| s.label)
    }

    /// Undoes the last step. Returns whether there was one.
    pub fn undo(&mut self) -> bool {
        let Some(step) = self.undo.pop() else {
            return false;
        };
        let after = std::mem::replace(&mut self.topology, step.before);
        self.redo.push(Step {
            before: after,
            before_revision: self.revision,
            label: step.label,
            merge: None,
        });
        self.revision = step.before_revision;
        true
    }

    /// Redoes the last undone step. Returns whether there was one.
    pub fn redo(&mut self) -> bool {
        let Some(step) = self.redo.pop() else {
            return false;
        };
        let before = std::mem::replace(&mut self.topology, step.before);
        self.undo.push(Step {
            before,
            before_revision: self.revision,
            label: step.label,
            merge: None,
        });
        self.revision = step.before_revision;
        true
    }

    /// The semantic problems of the current topology (recomputed after a change).
    pub fn problems(&mut self) -> &[Problem] {
        if self.problems_revision != self.revision {
            self.problems = check::check(&self.topology);
            self.problems_revision = self.revision;
        }
        &self.problems
    }

    /// Saves to `path` (atomically) and makes it the document's file.
    pub fn save_as(&mut self, path: &Path) -> Result<(), io::SaveError> {
        io::save(path, &self.topology)?;
        self.path = Some(path.to_path_buf());
        self.saved_revision = Some(self.revision);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, ComponentKind, Id, Rect};

    fn add(doc: &mut Document, id: &str) {
        let c = Component::new(
            Id::new(id).expect("id"),
            id,
            ComponentKind::Generic(Default::default()),
        );
        doc.apply(Edit::AddComponent {
            component: c,
            rect: Rect {
                x: 0.0,
                y: 0.0,
                w: 1.0,
                h: 1.0,
            },
        })
        .expect("add");
    }

    #[test]
    fn undo_and_redo_restore_exactly_and_track_dirtiness() {
        let mut doc = Document::new(Topology::new("t"), None);
        let empty = doc.topology().clone();
        assert!(!doc.is_dirty());
        add(&mut doc, "a");
        add(&mut doc, "b");
        let two = doc.topology().clone();
        assert!(doc.is_dirty());
        assert!(doc.undo() && doc.undo());
        assert_eq!(doc.topology(), &empty);
        assert!(!doc.is_dirty(), "back at the saved state");
        assert!(!doc.undo());
        assert!(doc.redo() && doc.redo());
        assert_eq!(doc.topology(), &two);
        assert!(doc.is_dirty());
    }

    #[test]
    fn merged_edits_are_one_step_within_the_window() {
        let mut doc = Document::new(Topology::new("t"), None);
        add(&mut doc, "a");
        let key = || Some(MergeKey("a.name".into()));
        for (i, name) in ["A", "AB", "ABC"].iter().enumerate() {
            let mut c = doc.topology().components[0].clone();
            c.name = (*name).into();
            doc.apply_merged(Edit::ReplaceComponent(c), key(), i as f64 * 0.5)
                .expect("edit");
        }
        assert_eq!(doc.topology().components[0].name, "ABC");
        assert!(doc.undo());
        assert_eq!(doc.topology().components[0].name, "a");
        assert!(doc.redo());
        let mut c = doc.topology().components[0].clone();
        c.name = "later".into();
        doc.apply_merged(Edit::ReplaceComponent(c), key(), 100.0)
            .expect("edit");
        assert!(doc.undo());
        assert_eq!(
            doc.topology().components[0].name,
            "ABC",
            "outside the window: its own step"
        );
    }

    #[test]
    fn refused_and_empty_edits_change_nothing() {
        let mut doc = Document::new(Topology::new("t"), None);
        add(&mut doc, "a");
        let before = doc.topology().clone();
        let dup = Component::new(
            Id::new("a").expect("id"),
            "A",
            ComponentKind::Generic(Default::default()),
        );
        assert!(
            doc.apply(Edit::AddComponent {
                component: dup,
                rect: Rect::default()
            })
            .is_err()
        );
        assert_eq!(doc.topology(), &before);
        doc.apply(Edit::SetLayout(before.layout.clone()))
            .expect("no-op");
        assert_eq!(doc.undo_label(), Some("add component"));
    }
}
