//! Edits: every change the editor makes to a topology, as a value. Panels emit edits; only
//! [`super::document::Document`] applies them, which is where undo is recorded.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{
    Component, ComponentKind, Connection, Container, ElementKind, Environment, Id, Index, Layout,
    Policies, Provider, Rect, Region, Topology, Waiver,
};

/// One change to the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Add a component drawn at `rect`.
    AddComponent {
        /// The new component.
        component: Component,
        /// Where it is drawn.
        rect: Rect,
    },
    /// Add a container drawn at `rect`.
    AddContainer {
        /// The new container.
        container: Container,
        /// Where it is drawn.
        rect: Rect,
    },
    /// Add a connection.
    AddConnection(Connection),
    /// Move or resize elements and change where they are placed: the result of one drag.
    Arrange {
        /// New rectangles.
        rects: Vec<(Id, Rect)>,
        /// New containers of components, new parents of containers.
        parents: Vec<(Id, Option<Id>)>,
    },
    /// Delete elements; a container takes its contents with it, and connections to deleted
    /// elements go too.
    Delete(Vec<Id>),
    /// Replace a component (same id) with an edited copy.
    ReplaceComponent(Component),
    /// Replace a container (same id) with an edited copy.
    ReplaceContainer(Container),
    /// Replace a connection (same id) with an edited copy.
    ReplaceConnection(Connection),
    /// Rename an element, updating every reference.
    Rename {
        /// Current id.
        old: Id,
        /// New id.
        new: Id,
    },
    /// Insert copied elements (ids already made unique).
    Paste(Fragment),
    /// Replace the whole layout (auto-layout, align, distribute).
    SetLayout(Layout),
    /// Replace the topology-wide settings.
    SetSettings(Settings),
    /// Several edits as one step (e.g. adding a region and the VPC that needs it).
    Batch(Vec<Edit>),
    /// Accept a validation finding for one element, with a justification.
    AddWaiver(Waiver),
    /// Withdraw the waiver of `rule` for `element`.
    RemoveWaiver {
        /// Rule id.
        rule: String,
        /// Element.
        element: Id,
    },
}

/// The parts of a topology that are not drawn: name, providers, regions, policies.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Name of the system.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Target clouds.
    pub providers: Vec<Provider>,
    /// Regions and zones.
    pub regions: Vec<Region>,
    /// Environments.
    pub environments: Vec<Environment>,
    /// Policies.
    pub policies: Policies,
}

impl Settings {
    /// The settings of `t`.
    pub fn of(t: &Topology) -> Self {
        Settings {
            name: t.name.clone(),
            description: t.description.clone(),
            providers: t.providers.clone(),
            regions: t.regions.clone(),
            environments: t.environments.clone(),
            policies: t.policies.clone(),
        }
    }
}

/// Copied elements with their rectangles: what the clipboard holds.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Fragment {
    /// Containers, parents before children.
    pub containers: Vec<Container>,
    /// Components.
    pub components: Vec<Component>,
    /// Connections between copied elements.
    pub connections: Vec<Connection>,
    /// Rectangles of the copied elements.
    pub rects: BTreeMap<Id, Rect>,
}

/// Why an edit was refused; the document is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The id is used by another element.
    #[error("the id \"{0}\" is already used")]
    Taken(Id),
    /// The element does not exist (any more).
    #[error("\"{0}\" does not exist")]
    Missing(Id),
    /// A rename failed.
    #[error(transparent)]
    Rename(#[from] crate::model::RenameError),
}

impl Edit {
    /// A short description for the undo menu.
    pub fn label(&self) -> &'static str {
        match self {
            Edit::AddComponent { .. } => "add component",
            Edit::AddContainer { .. } => "add container",
            Edit::AddConnection(_) => "add connection",
            Edit::Arrange { parents, .. } if !parents.is_empty() => "move into container",
            Edit::Arrange { .. } => "move",
            Edit::Delete(_) => "delete",
            Edit::ReplaceComponent(_) | Edit::ReplaceContainer(_) | Edit::ReplaceConnection(_) => {
                "edit properties"
            }
            Edit::Rename { .. } => "rename",
            Edit::Paste(_) => "paste",
            Edit::SetLayout(_) => "arrange",
            Edit::SetSettings(_) => "edit settings",
            Edit::Batch(edits) => edits.last().map_or("edit", Edit::label),
            Edit::AddWaiver(_) => "waive finding",
            Edit::RemoveWaiver { .. } => "withdraw waiver",
        }
    }

    /// Applies the edit to `t`. On error `t` is unchanged.
    pub fn apply(self, t: &mut Topology) -> Result<(), EditError> {
        match self {
            Edit::AddComponent { component, rect } => {
                ensure_free(t, &component.id)?;
                t.layout.elements.insert(component.id.clone(), rect);
                t.components.push(component);
            }
            Edit::AddContainer { container, rect } => {
                ensure_free(t, &container.id)?;
                t.layout.elements.insert(container.id.clone(), rect);
                t.containers.push(container);
            }
            Edit::AddConnection(c) => {
                ensure_free(t, &c.id)?;
                t.connections.push(c);
            }
            Edit::Arrange { rects, parents } => {
                let missing = |id: &Id| {
                    t.component(id.as_str()).is_none() && t.container(id.as_str()).is_none()
                };
                if let Some((id, _)) = parents.iter().find(|(id, _)| missing(id)) {
                    return Err(EditError::Missing(id.clone()));
                }
                for (id, parent) in parents {
                    if let Some(c) = t.components.iter_mut().find(|c| c.id == id) {
                        c.container = parent;
                    } else if let Some(c) = t.containers.iter_mut().find(|c| c.id == id) {
                        c.parent = parent;
                    }
                }
                for (id, rect) in rects {
                    t.layout.elements.insert(id, rect);
                }
            }
            Edit::Delete(ids) => delete(t, &ids),
            Edit::ReplaceComponent(new) => {
                let Some(c) = t.components.iter_mut().find(|c| c.id == new.id) else {
                    return Err(EditError::Missing(new.id));
                };
                *c = new;
            }
            Edit::ReplaceContainer(new) => {
                let Some(c) = t.containers.iter_mut().find(|c| c.id == new.id) else {
                    return Err(EditError::Missing(new.id));
                };
                *c = new;
            }
            Edit::ReplaceConnection(new) => {
                let Some(c) = t.connections.iter_mut().find(|c| c.id == new.id) else {
                    return Err(EditError::Missing(new.id));
                };
                *c = new;
            }
            Edit::Rename { old, new } => t.rename(&old, &new)?,
            Edit::Paste(f) => {
                for id in f
                    .containers
                    .iter()
                    .map(|c| &c.id)
                    .chain(f.components.iter().map(|c| &c.id))
                {
                    ensure_free(t, id)?;
                }
                t.layout.elements.extend(f.rects);
                t.containers.extend(f.containers);
                t.components.extend(f.components);
                t.connections.extend(f.connections);
            }
            Edit::SetLayout(layout) => t.layout = layout,
            Edit::AddWaiver(w) => {
                if !t
                    .waivers
                    .iter()
                    .any(|x| x.rule == w.rule && x.element == w.element)
                {
                    t.waivers.push(w);
                }
            }
            Edit::RemoveWaiver { rule, element } => t
                .waivers
                .retain(|w| !(w.rule == rule && w.element == element)),
            Edit::Batch(edits) => {
                let mut next = t.clone();
                for e in edits {
                    e.apply(&mut next)?;
                }
                *t = next;
            }
            Edit::SetSettings(s) => {
                t.name = s.name;
                t.description = s.description;
                t.providers = s.providers;
                t.regions = s.regions;
                t.environments = s.environments;
                t.policies = s.policies;
            }
        }
        Ok(())
    }
}

fn ensure_free(t: &Topology, id: &Id) -> Result<(), EditError> {
    match Index::new(t).kind_of(id.as_str()) {
        Some(_) => Err(EditError::Taken(id.clone())),
        None => Ok(()),
    }
}

/// Every element id inside container `root` (at any depth), including `root`.
pub fn subtree(t: &Topology, root: &Id) -> BTreeSet<Id> {
    let mut out = BTreeSet::from([root.clone()]);
    loop {
        let before = out.len();
        for c in &t.containers {
            if c.parent.as_ref().is_some_and(|p| out.contains(p)) {
                out.insert(c.id.clone());
            }
        }
        if out.len() == before {
            break;
        }
    }
    for c in &t.components {
        if c.container.as_ref().is_some_and(|p| out.contains(p)) {
            out.insert(c.id.clone());
        }
    }
    out
}

fn delete(t: &mut Topology, ids: &[Id]) {
    let index = Index::new(t);
    let mut gone: BTreeSet<Id> = BTreeSet::new();
    for id in ids {
        match index.kind_of(id.as_str()) {
            Some(ElementKind::Container) => gone.extend(subtree(t, id)),
            Some(ElementKind::Component | ElementKind::Connection) => {
                gone.insert(id.clone());
            }
            _ => {}
        }
    }
    t.containers.retain(|c| !gone.contains(&c.id));
    t.components.retain(|c| !gone.contains(&c.id));
    t.connections
        .retain(|c| !gone.contains(&c.id) && !gone.contains(&c.from) && !gone.contains(&c.to));
    for c in &mut t.connections {
        if c.traffic
            .on_miss_of
            .as_ref()
            .is_some_and(|x| gone.contains(x))
        {
            c.traffic.on_miss_of = None;
        }
    }
    for c in &mut t.components {
        if let ComponentKind::Workload(w) = &mut c.kind {
            if w.cluster.as_ref().is_some_and(|x| gone.contains(x)) {
                w.cluster = None;
            }
            if w.secrets_from.as_ref().is_some_and(|x| gone.contains(x)) {
                w.secrets_from = None;
            }
        }
    }
    t.layout.elements.retain(|id, _| !gone.contains(id));
    t.waivers.retain(|w| !gone.contains(&w.element));
}

/// A copy of the selected components and containers (with their contents and the connections
/// among them), ready to paste.
pub fn copy(t: &Topology, selection: &BTreeSet<Id>) -> Fragment {
    let mut ids: BTreeSet<Id> = BTreeSet::new();
    for id in selection {
        if t.container(id.as_str()).is_some() {
            ids.extend(subtree(t, id));
        } else if t.component(id.as_str()).is_some() {
            ids.insert(id.clone());
        }
    }
    Fragment {
        containers: t
            .containers
            .iter()
            .filter(|c| ids.contains(&c.id))
            .cloned()
            .collect(),
        components: t
            .components
            .iter()
            .filter(|c| ids.contains(&c.id))
            .cloned()
            .collect(),
        connections: t
            .connections
            .iter()
            .filter(|c| ids.contains(&c.from) && ids.contains(&c.to))
            .cloned()
            .collect(),
        rects: t
            .layout
            .elements
            .iter()
            .filter(|(id, _)| ids.contains(*id))
            .map(|(i, r)| (i.clone(), *r))
            .collect(),
    }
}

/// The id made from `text` (slugified), or that id with `-2`, `-3`, …: the first not used in
/// `t` nor in `taken`.
pub fn fresh_id(t: &Topology, text: &str, taken: &BTreeSet<Id>) -> Id {
    let index = Index::new(t);
    let base = Id::slugify(text).unwrap_or_else(Id::fallback);
    let free = |id: &Id| index.kind_of(id.as_str()).is_none() && !taken.contains(id);
    (1..).map(|n| base.numbered(n)).find(free).unwrap_or(base)
}

/// The fragment with fresh ids for everything, references among copied elements remapped,
/// and rectangles shifted by (`dx`, `dy`).
pub fn prepare_paste(t: &Topology, fragment: &Fragment, dx: f64, dy: f64) -> Fragment {
    let mut taken = BTreeSet::new();
    let mut map: BTreeMap<Id, Id> = BTreeMap::new();
    let originals = fragment
        .containers
        .iter()
        .map(|c| &c.id)
        .chain(fragment.components.iter().map(|c| &c.id))
        .chain(fragment.connections.iter().map(|c| &c.id));
    for id in originals {
        let new = fresh_id(t, &format!("{id}-copy"), &taken);
        taken.insert(new.clone());
        map.insert(id.clone(), new);
    }
    let remap = |id: &Id| map.get(id).cloned().unwrap_or_else(|| id.clone());
    let mut out = Fragment::default();
    for c in &fragment.containers {
        let mut c = c.clone();
        c.id = remap(&c.id);
        c.parent = c.parent.as_ref().map(remap);
        out.containers.push(c);
    }
    for c in &fragment.components {
        let mut c = c.clone();
        c.id = remap(&c.id);
        c.container = c.container.as_ref().map(remap);
        out.components.push(c);
    }
    for c in &fragment.connections {
        let mut c = c.clone();
        c.id = remap(&c.id);
        c.from = remap(&c.from);
        c.to = remap(&c.to);
        c.traffic.on_miss_of = c.traffic.on_miss_of.as_ref().map(remap);
        out.connections.push(c);
    }
    for (id, r) in &fragment.rects {
        out.rects.insert(
            remap(id),
            Rect {
                x: r.x + dx,
                y: r.y + dy,
                ..*r
            },
        );
    }
    out
}
