//! The canonical RON form: how a topology is written, and the options it is read with.

use ron::extensions::Extensions;
use ron::ser::PrettyConfig;

use crate::model::Topology;

/// Extensions the files use: `Some(x)` written as `x`, and `Kind(props)` instead of
/// `Kind((props))`. Written files declare them in a `#![enable(...)]` header; files without the
/// header are read with them enabled anyway.
pub(crate) const EXTENSIONS: Extensions =
    Extensions::IMPLICIT_SOME.union(Extensions::UNWRAP_VARIANT_NEWTYPES);

/// Deepest nesting accepted while reading; the schema itself needs about 10 levels.
pub(crate) const RECURSION_LIMIT: usize = 64;

/// Options for reading: the extensions on by default, a recursion limit against stack overflow.
pub(crate) fn read_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(EXTENSIONS)
        .with_recursion_limit(RECURSION_LIMIT)
}

/// The canonical text of `topology`: pretty RON, 4-space indent, `\n` line ends, a final newline.
/// Loading and saving a canonical file gives it back byte for byte.
pub fn to_string(topology: &Topology) -> Result<String, ron::Error> {
    let config = PrettyConfig::new()
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        .extensions(EXTENSIONS);
    let text = ron::Options::default().to_string_pretty(topology, config)?;
    // ron escapes `'` inside strings as `\'`; a double-quoted string needs no such escape, and
    // every `'` of the output is an escaped one (the schema has no char literals), so undo it.
    let mut text = text.replace("\\'", "'");
    text.push('\n');
    Ok(text)
}
