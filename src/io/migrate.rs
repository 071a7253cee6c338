//! Schema versions: which versions this build reads, and the hook that brings older files up to
//! date.
//!
//! Version 1 is the first schema, so there is nothing to migrate yet. When the schema changes,
//! the old model is kept as a module of its own (`v1`), [`read_version`] gains an arm that
//! parses it and converts it into the current [`Topology`], and [`SCHEMA_VERSION`] goes up. Files
//! are always saved in the current version.

use serde::Deserialize;

use super::ParseError;
use crate::model::{SCHEMA_VERSION, Topology};

/// The version field alone, read from a file whose body may not match the current schema.
#[derive(Deserialize)]
pub(crate) struct Probe {
    pub(crate) version: Option<u32>,
}

/// Oldest schema version this build can read.
pub const OLDEST_READABLE_VERSION: u32 = 1;

/// Reads `text`, written with schema `version`, into the current model. `at` is the position of
/// the version field, for errors.
pub(crate) fn read_version(
    version: u32,
    text: &str,
    at: (usize, usize),
    parse_current: impl FnOnce(&str) -> Result<Topology, ParseError>,
) -> Result<Topology, ParseError> {
    let (line, column) = at;
    match version {
        SCHEMA_VERSION => parse_current(text),
        v if v > SCHEMA_VERSION => Err(ParseError {
            line,
            column,
            message: format!(
                "this file has schema version {v}, newer than the version {SCHEMA_VERSION} this build reads; update Daedalus to open it"
            ),
        }),
        v => Err(ParseError {
            line,
            column,
            message: format!(
                "schema version {v} does not exist; versions {OLDEST_READABLE_VERSION} to {SCHEMA_VERSION} can be read"
            ),
        }),
    }
}
