//! Reading and writing `.ron` topology files.
//!
//! Reading never panics: every bad input (syntax, types, unknown fields, wrong version, empty,
//! truncated, non-UTF-8, too deep, too large) becomes a [`ParseError`] or [`LoadError`] with a
//! line and column. Writing is canonical (see [`to_string`]) and atomic (see [`save`]).

mod atomic;
mod error;
mod format;
mod locate;
mod migrate;

pub use atomic::write_atomic;
pub use error::{Diagnostic, LoadError, ParseError, SaveError};
pub use format::to_string;
pub use locate::{Position, SourceMap};
pub use migrate::OLDEST_READABLE_VERSION;

use std::fs;
use std::path::Path;

use ron::error::SpannedError;

use crate::model::check::{self, Problem};
use crate::model::{SCHEMA_VERSION, Topology};

/// Largest file accepted, in bytes (64 MiB: about ten times a 5,000-component topology).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A topology read from a file, with the text it was read from (to place problems in it).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The model.
    pub topology: Topology,
    /// The file's text, without a byte-order mark.
    pub source: String,
}

/// Reads and parses the file at `path`. Semantic problems are not checked here: see [`check`].
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let read_err = |source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    };
    let size = fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let bytes = fs::read(path).map_err(read_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = bytes.len() as u64;
        return Err(LoadError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    let parse_err = |error| LoadError::Parse {
        path: path.to_path_buf(),
        error,
    };
    let source = decode(&bytes).map_err(parse_err)?;
    let topology = parse(&source).map_err(parse_err)?;
    Ok(Loaded { topology, source })
}

/// Decodes bytes as UTF-8 text, dropping a byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<String, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
            let (line, column) = end_position(&valid);
            let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
            Err(ParseError {
                line,
                column,
                message: format!(
                    "the file is not UTF-8 text: byte 0x{byte:02X} cannot start a character here"
                ),
            })
        }
    }
}

/// Parses topology text (the whole file). Checks syntax, types and the schema version.
pub fn parse(text: &str) -> Result<Topology, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError {
            line: 1,
            column: 1,
            message: "the file is empty; a topology starts with `(` and has at least `version` and `name`".into(),
        });
    }
    let options = format::read_options();
    match options.from_str::<Topology>(text) {
        Ok(t) if t.version == SCHEMA_VERSION => Ok(t),
        Ok(t) => migrate::read_version(t.version, text, version_position(text), parse_current),
        Err(e) => match options.from_str::<migrate::Probe>(text) {
            Ok(migrate::Probe { version: Some(v) }) if v != SCHEMA_VERSION => {
                migrate::read_version(v, text, version_position(text), parse_current)
            }
            _ => Err(spanned(&e, text)),
        },
    }
}

fn parse_current(text: &str) -> Result<Topology, ParseError> {
    format::read_options()
        .from_str::<Topology>(text)
        .map_err(|e| spanned(&e, text))
}

fn version_position(text: &str) -> (usize, usize) {
    SourceMap::new(text)
        .top_field("version")
        .map_or((1, 1), |p| (p.line, p.column))
}

/// Turns ron's error into ours, rephrasing the terse ones.
fn spanned(e: &SpannedError, text: &str) -> ParseError {
    use ron::error::Error as E;
    let message = match &e.code {
        E::Eof => {
            "unexpected end of file: the file looks truncated (a bracket or a string is not closed)"
                .to_owned()
        }
        E::ExceededRecursionLimit => format!(
            "nesting is deeper than {} levels; a topology never needs that much",
            format::RECURSION_LIMIT
        ),
        E::TrailingCharacters => "unexpected text after the end of the topology".to_owned(),
        E::ExpectedStringEnd => "this string is never closed (is the file truncated?)".to_owned(),
        other => other.to_string(),
    };
    let end = end_position(text);
    let (line, column) = if matches!(e.code, E::Eof) {
        end
    } else {
        (e.span.start.line.max(1), e.span.start.col.max(1))
    };
    let at_end = (line, column) >= end || rest_is_blank(text, line, column);
    let message = if at_end && !matches!(e.code, E::Eof) {
        format!(
            "the file ends in the middle of the topology and looks truncated: {}",
            lowercase_first(&message)
        )
    } else {
        message
    };
    ParseError {
        line,
        column,
        message,
    }
}

/// Whether nothing but blanks and commas follows line `line`, column `column` of `text`.
fn rest_is_blank(text: &str, line: usize, column: usize) -> bool {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = text.get(start..).unwrap_or_default();
    let offset: usize = rest
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    rest.get(offset..)
        .unwrap_or_default()
        .chars()
        .all(|c| c.is_whitespace() || c == ',')
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Line and column just after the end of `text`.
fn end_position(text: &str) -> (usize, usize) {
    let line = 1 + text.matches('\n').count();
    let column = 1 + text.rsplit('\n').next().map_or(0, |l| l.chars().count());
    (line, column)
}

/// Runs the semantic checks and places each problem in `source`.
pub fn check(topology: &Topology, source: &str) -> Vec<Diagnostic> {
    let problems = check::check(topology);
    diagnose(&problems, source)
}

/// Places already computed problems in `source`.
pub fn diagnose(problems: &[Problem], source: &str) -> Vec<Diagnostic> {
    if problems.is_empty() {
        return Vec::new();
    }
    let map = SourceMap::new(source);
    let mut out: Vec<Diagnostic> = problems
        .iter()
        .map(|p| {
            let pos = map.locate(&p.locus);
            Diagnostic {
                line: pos.map(|p| p.line),
                column: pos.map(|p| p.column),
                message: p.message.clone(),
                element: p.element().cloned(),
            }
        })
        .collect();
    out.sort_by(|a, b| (a.line, a.column, &a.message).cmp(&(b.line, b.column, &b.message)));
    out
}

/// Writes `topology` to `path` in canonical form, atomically: a failed save leaves the previous
/// file intact.
pub fn save(path: &Path, topology: &Topology) -> Result<(), SaveError> {
    let text = to_string(topology)?;
    write_atomic(path, text.as_bytes())
}

/// Whether `text` is already in canonical form (what `daedalus fmt --check` asks).
pub fn is_canonical(text: &str, topology: &Topology) -> Result<bool, ron::Error> {
    Ok(to_string(topology)? == text)
}
