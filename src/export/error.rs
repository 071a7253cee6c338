//! Why an export cannot be made or written.

use std::path::PathBuf;

/// Why a topology cannot be exported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// The topology has semantic problems; `daedalus check` lists them.
    #[error("the topology has {count} semantic problem(s) (see `daedalus check`), first: {first}")]
    Inconsistent {
        /// How many problems.
        count: usize,
        /// The first problem's message.
        first: String,
    },
    /// No free address block is left in a VPC for a subnet tier drawn without a CIDR.
    #[error("VPC \"{vpc}\": no free address block for subnet tier \"{tier}\" ({zones} zone(s))")]
    NoAddressSpace {
        /// The VPC's id.
        vpc: String,
        /// The tier's id.
        tier: String,
        /// Zones the tier spans.
        zones: usize,
    },
    /// Two elements map to the same generated name.
    #[error(
        "{what} \"{name}\" would be generated twice (from \"{first}\" and \"{second}\"); rename one of them"
    )]
    NameCollision {
        /// What kind of name (a Terraform address, a Kubernetes object).
        what: &'static str,
        /// The generated name.
        name: String,
        /// The element that claimed it first.
        first: String,
        /// The element that claimed it again.
        second: String,
    },
    /// The HCL library could not format a body (an internal error, reported rather than hidden).
    #[error("cannot format {file}: {message}")]
    Format {
        /// The file being generated.
        file: String,
        /// The library's message.
        message: String,
    },
}

/// Why an export cannot be written to a directory.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The directory holds files and `force` was not given.
    #[error("{} is not empty; use --force to write into it", dir.display())]
    NotEmpty {
        /// The output directory.
        dir: PathBuf,
    },
    /// The output path exists and is not a directory.
    #[error("{} exists and is not a directory", dir.display())]
    NotADirectory {
        /// The output path.
        dir: PathBuf,
    },
    /// A generated path is not a plain relative path inside the directory.
    #[error("refusing to write {path:?}: not a plain relative path inside the output directory")]
    UnsafePath {
        /// The offending path.
        path: String,
    },
    /// A file or directory could not be created or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path being written.
        path: PathBuf,
        /// The system error.
        source: std::io::Error,
    },
}
