//! Errors of reading and writing topology files, and diagnostics with file positions.

use std::fmt;
use std::path::PathBuf;

use crate::model::Id;

/// Why a text is not a topology: a syntax or type error, an unsupported version, an empty or
/// non-UTF-8 input. Positions are 1-based; the column counts characters.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ParseError {
    /// Line of the error.
    pub line: usize,
    /// Column of the error.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

/// Why a file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: cannot read the file: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The file is larger than [`super::MAX_FILE_BYTES`].
    #[error("{}: the file is {size} bytes, more than the {limit} bytes a topology may have", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The content is not a topology.
    #[error("{}:{error}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// What is wrong, and where.
        error: ParseError,
    },
}

impl LoadError {
    /// Where in the file the error is, if it is at a position.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            LoadError::Parse { error, .. } => Some((error.line, error.column)),
            _ => None,
        }
    }

    /// The error without the file name and position.
    pub fn message(&self) -> String {
        match self {
            LoadError::Read { source, .. } => format!("cannot read the file: {source}"),
            LoadError::TooLarge { size, limit, .. } => {
                format!("the file is {size} bytes, more than the {limit} bytes a topology may have")
            }
            LoadError::Parse { error, .. } => error.message.clone(),
        }
    }
}

/// Why a file could not be saved. The file on disk is unchanged whenever saving fails.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The topology could not be written as RON.
    #[error("cannot serialize the topology: {0}")]
    Serialize(#[from] ron::Error),
    /// Writing, syncing or renaming failed.
    #[error("{}: cannot save: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
}

/// A semantic problem placed in the file, ready to print as `FILE:LINE:COL: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Line, when the problem could be placed.
    pub line: Option<usize>,
    /// Column, when the problem could be placed.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
    /// The element concerned, if any.
    pub element: Option<Id>,
}

impl Diagnostic {
    /// `FILE:LINE:COL: message`, or `FILE: message` when there is no position.
    pub fn render(&self, file: &str) -> String {
        DiagnosticLine {
            file,
            diagnostic: self,
        }
        .to_string()
    }
}

struct DiagnosticLine<'a> {
    file: &'a str,
    diagnostic: &'a Diagnostic,
}

impl fmt::Display for DiagnosticLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.diagnostic;
        match (d.line, d.column) {
            (Some(l), Some(c)) => write!(f, "{}:{l}:{c}: {}", self.file, d.message),
            _ => write!(f, "{}: {}", self.file, d.message),
        }
    }
}
