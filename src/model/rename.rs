//! Renaming an element: the definition, every reference and the layout entry change together.

use super::{Id, Index, Topology};

/// Why a rename was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenameError {
    /// No element has the old id.
    #[error("no element has the id \"{0}\"")]
    Unknown(Id),
    /// Another element already has the new id.
    #[error("the id \"{0}\" is already used by a {1}")]
    Taken(Id, &'static str),
}

impl Topology {
    /// Renames element `old` to `new`, updating every reference to it and its layout entry.
    /// Renaming to the same id is a no-op.
    pub fn rename(&mut self, old: &Id, new: &Id) -> Result<(), RenameError> {
        let index = Index::new(self);
        if index.kind_of(old.as_str()).is_none() {
            return Err(RenameError::Unknown(old.clone()));
        }
        if old == new {
            return Ok(());
        }
        if let Some(kind) = index.kind_of(new.as_str()) {
            return Err(RenameError::Taken(new.clone(), kind.label()));
        }
        let swap = |id: &mut Id| {
            if id == old {
                *id = new.clone();
            }
        };
        for r in &mut self.regions {
            swap(&mut r.id);
            r.zones.iter_mut().for_each(swap);
        }
        self.environments.iter_mut().for_each(|e| swap(&mut e.id));
        self.containers.iter_mut().for_each(|c| swap(&mut c.id));
        self.components.iter_mut().for_each(|c| swap(&mut c.id));
        self.connections.iter_mut().for_each(|c| swap(&mut c.id));
        self.peerings.iter_mut().for_each(|p| swap(&mut p.id));
        self.for_each_ref_mut(|_, id| swap(id));
        if let Some(rect) = self.layout.elements.remove(old) {
            self.layout.elements.insert(new.clone(), rect);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Component, ComponentKind, Connection, ConnectionKind, Protocol, Rect};

    fn id(s: &str) -> Id {
        Id::new(s).expect("valid id")
    }

    fn sample() -> Topology {
        let mut t = Topology::new("t");
        t.components.push(Component::new(
            id("a"),
            "A",
            ComponentKind::Users(Default::default()),
        ));
        t.components.push(Component::new(
            id("b"),
            "B",
            ComponentKind::Generic(Default::default()),
        ));
        t.connections.push(Connection {
            id: id("a-to-b"),
            from: id("a"),
            to: id("b"),
            protocol: Protocol::Https,
            port: None,
            tls: true,
            kind: ConnectionKind::Request,
            label: String::new(),
            traffic: Default::default(),
        });
        t.layout.elements.insert(
            id("b"),
            Rect {
                x: 1.0,
                y: 2.0,
                w: 3.0,
                h: 4.0,
            },
        );
        t
    }

    #[test]
    fn rename_updates_references_and_layout() {
        let mut t = sample();
        t.rename(&id("b"), &id("backend")).expect("rename");
        assert_eq!(t.components[1].id, "backend");
        assert_eq!(t.connections[0].to, "backend");
        assert!(t.layout.elements.contains_key("backend"));
        assert!(!t.layout.elements.contains_key("b"));
    }

    #[test]
    fn rename_refuses_unknown_and_taken_ids() {
        let mut t = sample();
        assert_eq!(
            t.rename(&id("zz"), &id("y")),
            Err(RenameError::Unknown(id("zz")))
        );
        assert_eq!(
            t.rename(&id("a"), &id("b")),
            Err(RenameError::Taken(id("b"), "component"))
        );
        assert_eq!(t, sample());
    }
}
