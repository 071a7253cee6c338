//! Daedalus core: the topology model and its file format.
//!
//! Everything here is headless and free of GUI code: the desktop editor, the `daedalus` command
//! line and the tests all use it alike.

#![warn(missing_docs)]

pub mod generate;
pub mod io;
pub mod model;
pub mod validate;
