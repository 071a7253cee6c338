//! The inspector: every property of the selection with typed widgets. It edits a copy and
//! emits an edit when the copy differs; renaming the id is its own edit (it updates every
//! reference).

mod component;
mod connection;
mod container;
mod fields;
mod settings;

use std::collections::BTreeSet;

use egui::Ui;

use super::command::Command;
use super::document::MergeKey;
use super::edit::{Edit, Settings};
use crate::model::{
    Ancestry, Component, ComponentKind, Container, ContainerKind, Id, Index, Topology,
};

/// UI-only state of the inspector: the id being typed in the rename field.
#[derive(Default)]
pub struct InspectorState {
    rename: Option<(Id, String)>,
}

/// Names of the elements fields can refer to, gathered once per frame.
pub struct Choices {
    containers: Vec<(Id, String)>,
    regions: Vec<(Id, String)>,
    environments: Vec<(Id, String)>,
    clusters: Vec<(Id, String)>,
    secrets: Vec<(Id, String)>,
    caches: Vec<(Id, String)>,
    ends: Vec<(Id, String)>,
    zones_by_region: Vec<(Id, Vec<Id>)>,
    subnet_zones: Vec<(Id, Vec<Id>)>,
    container_region: Vec<(Id, Option<Id>)>,
}

impl Choices {
    fn new(t: &Topology) -> Self {
        let named = |id: &Id, name: &str| (id.clone(), format!("{name} ({id})"));
        let of_kind = |f: fn(&ComponentKind) -> bool| {
            t.components
                .iter()
                .filter(|c| f(&c.kind))
                .map(|c| named(&c.id, &c.name))
                .collect::<Vec<_>>()
        };
        let index = Index::new(t);
        let ancestry = Ancestry::new(t, &index);
        let subnet_zones = t
            .containers
            .iter()
            .filter_map(|c| {
                let s = ancestry.subnet(Some(&c.id))?;
                let ContainerKind::Subnet(p) = &s.kind else {
                    return None;
                };
                Some((c.id.clone(), p.zones.clone()))
            })
            .collect();
        let container_region = t
            .containers
            .iter()
            .map(|c| (c.id.clone(), ancestry.region(Some(&c.id)).cloned()))
            .collect();
        Choices {
            containers: t.containers.iter().map(|c| named(&c.id, &c.name)).collect(),
            regions: t.regions.iter().map(|r| named(&r.id, &r.name)).collect(),
            environments: t
                .environments
                .iter()
                .map(|e| named(&e.id, &e.name))
                .collect(),
            clusters: of_kind(|k| matches!(k, ComponentKind::KubernetesCluster(_))),
            secrets: of_kind(|k| matches!(k, ComponentKind::SecretsManager(_))),
            caches: of_kind(|k| matches!(k, ComponentKind::Cache(_))),
            ends: t
                .components
                .iter()
                .map(|c| named(&c.id, &c.name))
                .chain(t.containers.iter().map(|c| named(&c.id, &c.name)))
                .collect(),
            zones_by_region: t
                .regions
                .iter()
                .map(|r| (r.id.clone(), r.zones.clone()))
                .collect(),
            subnet_zones,
            container_region,
        }
    }

    fn region_zones(&self, region: &Id) -> Vec<Id> {
        self.zones_by_region
            .iter()
            .find(|(r, _)| r == region)
            .map(|(_, z)| z.clone())
            .unwrap_or_default()
    }

    /// Zones a component may use: its subnet's, else its region's, else every zone.
    fn zones_for(&self, c: &Component) -> Vec<Id> {
        if let Some(parent) = &c.container
            && let Some((_, zones)) = self.subnet_zones.iter().find(|(id, _)| id == parent)
        {
            return zones.clone();
        }
        let region = c.region.clone().or_else(|| {
            let parent = c.container.as_ref()?;
            self.container_region
                .iter()
                .find(|(id, _)| id == parent)
                .and_then(|(_, r)| r.clone())
        });
        match region {
            Some(r) => self.region_zones(&r),
            None => self
                .zones_by_region
                .iter()
                .flat_map(|(_, z)| z.iter().cloned())
                .collect(),
        }
    }

    /// Zones a subnet may span: its VPC region's.
    fn zones_of_container(&self, c: &Container) -> Vec<Id> {
        let region = self
            .container_region
            .iter()
            .find(|(id, _)| *id == c.id)
            .and_then(|(_, r)| r.clone());
        region.map(|r| self.region_zones(&r)).unwrap_or_default()
    }
}

/// A collapsible section with a two-column grid.
fn section(ui: &mut Ui, id: &str, title: &str, add: impl FnOnce(&mut Ui)) {
    egui::CollapsingHeader::new(egui::RichText::new(title).strong())
        .id_salt(id)
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new(("inspector-grid", id))
                .num_columns(2)
                .spacing([10.0, 6.0])
                .striped(true)
                .show(ui, add);
        });
}

/// The inspector panel for `selection`.
pub fn ui(
    ui: &mut Ui,
    t: &Topology,
    selection: &BTreeSet<Id>,
    state: &mut InspectorState,
) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match selection.len() {
            0 => {
                ui.heading("Topology");
                let before = Settings::of(t);
                let mut s = before.clone();
                settings::ui(ui, &mut s);
                if s != before {
                    commands.push(Command::MergedEdit(
                        Edit::SetSettings(s),
                        MergeKey("settings".into()),
                    ));
                }
            }
            1 => {
                let Some(id) = selection.first() else { return };
                let choices = Choices::new(t);
                rename(ui, t, id, state, &mut commands);
                let key = MergeKey(id.to_string());
                if let Some(original) = t.component(id.as_str()) {
                    let mut c = original.clone();
                    component::ui(ui, &mut c, &choices);
                    if &c != original {
                        commands.push(Command::MergedEdit(Edit::ReplaceComponent(c), key));
                    }
                } else if let Some(original) = t.container(id.as_str()) {
                    let mut c = original.clone();
                    container::ui(ui, &mut c, &choices);
                    if &c != original {
                        commands.push(Command::MergedEdit(Edit::ReplaceContainer(c), key));
                    }
                } else if let Some(original) = t.connection(id.as_str()) {
                    let mut c = original.clone();
                    connection::ui(ui, &mut c, &choices);
                    if &c != original {
                        commands.push(Command::MergedEdit(Edit::ReplaceConnection(c), key));
                    }
                }
            }
            n => {
                ui.heading(format!("{n} elements selected"));
                ui.label("Use Arrange to align or distribute them, Delete to remove them.");
            }
        });
    commands
}

/// The id field: typing a new id and pressing Enter (or leaving the field) renames.
fn rename(
    ui: &mut Ui,
    t: &Topology,
    id: &Id,
    state: &mut InspectorState,
    commands: &mut Vec<Command>,
) {
    if state.rename.as_ref().is_none_or(|(for_id, _)| for_id != id) {
        state.rename = Some((id.clone(), id.to_string()));
    }
    let Some((_, buffer)) = &mut state.rename else {
        return;
    };
    ui.horizontal(|ui| {
        let label = ui.label("Id");
        let response = ui
            .add(egui::TextEdit::singleline(buffer).desired_width(200.0))
            .labelled_by(label.id);
        let commit = response.lost_focus() && buffer.as_str() != id.as_str();
        let candidate = Id::new(buffer.trim());
        let taken = candidate
            .as_ref()
            .ok()
            .filter(|c| *c != id)
            .is_some_and(|c| Index::new(t).kind_of(c.as_str()).is_some());
        match (&candidate, taken) {
            (Err(e), _) if buffer.as_str() != id.as_str() => {
                ui.colored_label(ui.visuals().error_fg_color, e.to_string());
            }
            (Ok(c), true) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("\"{c}\" is already used"),
                );
            }
            (Ok(c), false) if commit => {
                commands.push(Command::Edit(Edit::Rename {
                    old: id.clone(),
                    new: c.clone(),
                }));
            }
            _ => {}
        }
        if response.lost_focus() && (candidate.is_err() || taken) {
            *buffer = id.to_string();
        }
    });
    ui.separator();
}
