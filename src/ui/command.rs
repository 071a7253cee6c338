//! Commands: what menus, shortcuts and panels ask the app to do. The app runs them in one place.

use std::path::PathBuf;

use super::document::MergeKey;
use super::edit::Edit;
use super::simulation::RunKind;
use crate::model::Id;

/// Which edges or centres to align.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left edges.
    Left,
    /// Horizontal centres.
    Centre,
    /// Right edges.
    Right,
    /// Top edges.
    Top,
    /// Vertical middles.
    Middle,
    /// Bottom edges.
    Bottom,
}

/// The formats the diagram can be exported to from the File menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagramFormat {
    /// SVG image.
    Svg,
    /// PNG image (2× scale).
    Png,
    /// Mermaid flowchart.
    Mermaid,
}

/// The tabs of the dock under the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DockTab {
    /// Model errors and validation findings.
    #[default]
    Problems,
    /// Simulation settings, progress and results.
    Simulation,
    /// The request graph with the simulated traffic.
    Flow,
}

/// Direction to distribute along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Axis {
    /// Left to right.
    Horizontal,
    /// Top to bottom.
    Vertical,
}

/// Something the user asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Apply an edit as its own undo step.
    Edit(Edit),
    /// Apply an edit, merged with the previous one of the same key (typing in a field).
    MergedEdit(Edit, MergeKey),
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// New empty document.
    New,
    /// Open a file chosen in a dialog.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Save to the document's file (or ask for one).
    Save,
    /// Save to a file chosen in a dialog.
    SaveAs,
    /// Close the window.
    Quit,
    /// Copy the selection.
    Copy,
    /// Copy and delete the selection.
    Cut,
    /// Paste what was copied.
    Paste,
    /// Copy and paste the selection at once.
    Duplicate,
    /// Delete the selection.
    Delete,
    /// Select every component and container.
    SelectAll,
    /// Select nothing.
    SelectNone,
    /// Select one element and bring it into view.
    Reveal(Id),
    /// Zoom in around the centre.
    ZoomIn,
    /// Zoom out around the centre.
    ZoomOut,
    /// Zoom to 100 %.
    ZoomReset,
    /// Fit everything in view.
    Fit,
    /// Show or hide the grid.
    ToggleGrid,
    /// Snap to the grid or not.
    ToggleSnap,
    /// Switch between the light and the dark theme.
    ToggleTheme,
    /// Align the selected elements.
    Align(Align),
    /// Spread the selected elements evenly.
    Distribute(Axis),
    /// Lay out the whole diagram automatically.
    AutoLayout,
    /// Show the keyboard shortcuts.
    ShowShortcuts,
    /// Ask for a justification to waive `rule` for `element`.
    DraftWaiver {
        /// Rule id.
        rule: String,
        /// Element.
        element: Id,
    },
    /// Import a Mermaid diagram chosen in a dialog as a new document.
    ImportMermaid,
    /// Import this Mermaid file or Markdown document as a new document.
    ImportMermaidPath(PathBuf),
    /// Export the diagram as an image or as Mermaid, to a file chosen in a dialog.
    ExportDiagram(DiagramFormat),
    /// Open the export window (preview, resources per element, write to a folder).
    ShowExport(crate::export::Target),
    /// Run a simulation with the panel's settings (a failure from the canvas, or the panel's
    /// scenario set).
    Simulate(RunKind),
    /// Stop the running simulation.
    CancelSimulation,
    /// Show a tab of the bottom dock.
    ShowTab(DockTab),
    /// Write the HTML report (diagram, findings, latest simulation) to a file chosen in a
    /// dialog.
    ExportReport,
}
