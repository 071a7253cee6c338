//! Helpers for the editor tests: the app in a kittest harness, a fake file dialog, real
//! pointer drags, finding diagram elements on screen.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use daedalus::model::Topology;
use daedalus::ui::files::FileDialog;
use daedalus::ui::{AppOptions, DaedalusApp};
use egui::{Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A file dialog that answers with whatever the test put in it.
#[derive(Clone, Default)]
pub struct FakeDialog(Arc<Mutex<Option<PathBuf>>>);

impl FakeDialog {
    pub fn answer(&self, path: &Path) {
        if let Ok(mut a) = self.0.lock() {
            *a = Some(path.to_path_buf());
        }
    }
}

impl FileDialog for FakeDialog {
    fn open(&self, _kind: daedalus::ui::files::FileKind) -> Option<PathBuf> {
        self.0.lock().ok().and_then(|a| a.clone())
    }
    fn save(&self, _name: &str, _kind: daedalus::ui::files::FileKind) -> Option<PathBuf> {
        self.0.lock().ok().and_then(|a| a.clone())
    }
    fn folder(&self) -> Option<PathBuf> {
        self.0.lock().ok().and_then(|a| a.clone())
    }
}

/// Path of a sample topology.
pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-topologies")
        .join(name)
}

/// The app on `file` (or the Icarus sample), in a 1400×1000 harness, without a data directory.
pub fn harness(file: Option<PathBuf>, dialog: FakeDialog) -> Harness<'static, DaedalusApp> {
    harness_with(file, dialog, None)
}

/// Like [`harness`], keeping preferences and recovery files in `data_dir`.
pub fn harness_with(
    file: Option<PathBuf>,
    dialog: FakeDialog,
    data_dir: Option<PathBuf>,
) -> Harness<'static, DaedalusApp> {
    let app = DaedalusApp::new(AppOptions {
        file,
        data_dir,
        dialog: Box::new(dialog),
    });
    let mut h = Harness::builder()
        .with_size(Vec2::new(1400.0, 1000.0))
        .build_ui_state(|ui, app: &mut DaedalusApp| app.frame(ui), app);
    egui_extras::install_image_loaders(&h.ctx);
    h.run_steps(3);
    h
}

/// The document's topology.
pub fn topology(h: &Harness<'_, DaedalusApp>) -> Topology {
    h.state().document().topology().clone()
}

/// Screen rectangle of the node labelled `label`; when several nodes have that label (a
/// palette item and a diagram element), the one on the canvas.
pub fn rect_of(h: &Harness<'_, DaedalusApp>, label: &str) -> egui::Rect {
    let view = h.state().canvas.view();
    let rects: Vec<egui::Rect> = h.query_all_by_label(label).map(|n| n.rect()).collect();
    match rects.as_slice() {
        [] => panic!("no node labelled {label:?}"),
        [one] => *one,
        many => *many
            .iter()
            .find(|r| view.contains(r.center()))
            .unwrap_or_else(|| panic!("no {label:?} on the canvas")),
    }
}

/// Screen rectangle of the palette item labelled `label`.
pub fn palette_item(h: &mut Harness<'_, DaedalusApp>, label: &str) -> egui::Rect {
    let view = h.state().canvas.view();
    let rect = h
        .query_all_by_label(label)
        .map(|n| n.rect())
        .find(|r| r.max.x < view.min.x);
    let Some(rect) = rect else {
        panic!("no palette item {label:?}")
    };
    assert!(
        rect.max.y < view.max.y,
        "palette item {label:?} is scrolled out of view"
    );
    rect
}

/// A real drag: press at `from`, move in steps, release at `to`.
pub fn drag(h: &mut Harness<'_, DaedalusApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.step();
    h.drag_at(from);
    h.step();
    for i in 1..=6 {
        let t = i as f32 / 6.0;
        h.hover_at(from + (to - from) * t);
        h.step();
    }
    h.drop_at(to);
    h.step();
    h.step();
}

/// A point inside the canvas rectangle of element `label` that is not on any component:
/// just below its title bar, near its right edge.
pub fn empty_spot_in(h: &Harness<'_, DaedalusApp>, label: &str) -> Pos2 {
    let r = rect_of(h, label);
    Pos2::new(r.max.x - 12.0, r.min.y + 22.0)
}

/// A real click: press and release the primary button at `pos`.
pub fn click_at(h: &mut Harness<'_, DaedalusApp>, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    h.drag_at(pos);
    h.step();
    h.drop_at(pos);
    h.step();
    h.step();
}

/// A real right click at `pos` (opens the canvas's context menu).
pub fn right_click_at(h: &mut Harness<'_, DaedalusApp>, pos: Pos2) {
    h.hover_at(pos);
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.step();
}
