//! Importing Mermaid flowcharts — a `.mmd` file or every ```` ```mermaid ```` fence of a
//! Markdown document — into a topology with an automatic layout, and a report of everything
//! that had to be guessed.
//!
//! The keyword tables that decide kinds and protocols are in [`keywords`] and documented in
//! `docs/mermaid.md`.

pub mod ast;
pub mod keywords;
mod map;
pub mod markdown;
pub mod parse;

use std::fmt;

pub use ast::Pos;
pub use map::kind_by_name;

use crate::model::{Id, Topology};

/// What an entry of the import report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteKind {
    /// A kind or protocol inferred from context rather than a keyword.
    Guessed,
    /// Nothing matched: imported as a generic component or a plain group.
    Unknown,
    /// A line with no meaning for the model.
    Ignored,
}

/// One entry of the import report.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Where in the imported file.
    pub pos: Pos,
    /// The element it is about.
    pub element: Option<Id>,
    /// Guessed, unknown or ignored.
    pub kind: NoteKind,
    /// What happened.
    pub message: String,
}

impl Note {
    /// `FILE:LINE:COL: guessed: message`.
    pub fn render(&self, file: &str) -> String {
        let kind = match self.kind {
            NoteKind::Guessed => "guessed",
            NoteKind::Unknown => "unknown",
            NoteKind::Ignored => "ignored",
        };
        if self.pos.line == 0 {
            format!("{file}: {kind}: {}", self.message)
        } else {
            format!(
                "{file}:{}:{}: {kind}: {}",
                self.pos.line, self.pos.column, self.message
            )
        }
    }
}

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Import only this diagram (1-based, in document order); `None` imports every flowchart.
    pub diagram: Option<usize>,
}

/// A topology imported from Mermaid, with its report.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The topology, laid out.
    pub topology: Topology,
    /// Guesses, unknown labels and ignored lines, in file order.
    pub notes: Vec<Note>,
}

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// A syntax error, at a position of the file.
    #[error("{}:{}: {message}", pos.line, pos.column)]
    Syntax {
        /// Where.
        pos: Pos,
        /// What.
        message: String,
    },
    /// The document holds no flowchart.
    #[error(
        "1:1: no Mermaid flowchart found (expected a ```mermaid fence with `graph` or `flowchart`)"
    )]
    NoFlowchart,
    /// `--diagram` names a diagram that does not exist.
    #[error("1:1: there is no diagram {asked}; the document has {count} Mermaid diagrams")]
    NoSuchDiagram {
        /// Requested.
        asked: usize,
        /// Available.
        count: usize,
    },
}

impl ImportError {
    /// The position of the error in the file.
    pub fn pos(&self) -> Pos {
        match self {
            ImportError::Syntax { pos, .. } => *pos,
            _ => Pos { line: 1, column: 1 },
        }
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Imports `source` (a Markdown document or a plain Mermaid file).
pub fn import(source: &str, options: &Options) -> Result<Imported, ImportError> {
    let fences = markdown::fences(source).map_err(|u| ImportError::Syntax {
        pos: Pos {
            line: u.line,
            column: 1,
        },
        message: "this ```mermaid fence is never closed".into(),
    })?;
    let count = fences.len();
    let chosen: Vec<&markdown::Fence> = match options.diagram {
        Some(n) => match fences.iter().find(|f| f.number == n) {
            Some(f) => vec![f],
            None => return Err(ImportError::NoSuchDiagram { asked: n, count }),
        },
        None => fences.iter().collect(),
    };
    let mut diagrams = Vec::new();
    let mut notes = Vec::new();
    for fence in chosen {
        match parse::parse(&fence.text, fence.first_line) {
            Ok(d) => diagrams.push(d),
            Err(e)
                if e.message.starts_with("not a flowchart")
                    && options.diagram.is_none()
                    && count > 1 =>
            {
                notes.push(Note {
                    pos: e.pos,
                    element: None,
                    kind: NoteKind::Ignored,
                    message: format!("diagram {} is not a flowchart", fence.number),
                });
            }
            Err(e) => {
                return Err(ImportError::Syntax {
                    pos: e.pos,
                    message: e.message,
                });
            }
        }
    }
    let Some(mut diagram) = diagrams.first().cloned() else {
        return Err(ImportError::NoFlowchart);
    };
    for more in diagrams.iter().skip(1) {
        merge(&mut diagram, more);
    }
    let mapped = map::map(&diagram);
    let mut topology = mapped.topology;
    topology.layout = crate::layout::auto_layout(&topology);
    notes.extend(mapped.notes);
    notes.sort_by_key(|n| (n.pos, n.kind));
    Ok(Imported { topology, notes })
}

/// Adds the nodes, subgraphs and edges of `more` to `d` (a node or subgraph defined in both is
/// one element).
fn merge(d: &mut Diagram, more: &ast::Diagram) {
    let offset = d.subgraphs.len();
    let known: std::collections::HashSet<String> = d
        .nodes
        .iter()
        .map(|n| n.id.clone())
        .chain(d.subgraphs.iter().map(|s| s.id.clone()))
        .collect();
    for sg in &more.subgraphs {
        if !known.contains(&sg.id) {
            let mut sg = sg.clone();
            sg.parent = sg.parent.map(|p| p + offset);
            d.subgraphs.push(sg);
        }
    }
    for n in &more.nodes {
        if !known.contains(&n.id) {
            let mut n = n.clone();
            n.parent = n.parent.map(|p| p + offset);
            d.nodes.push(n);
        }
    }
    d.edges.extend(more.edges.iter().cloned());
    d.styles.extend(more.styles.iter().cloned());
    d.hints.extend(more.hints.iter().cloned());
    d.ignored.extend(more.ignored.iter().cloned());
}

use ast::Diagram;
