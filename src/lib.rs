//! Daedalus: the core (topology model, file format, layout, generator) and, behind the `gui`
//! feature, the desktop editor in [`ui`].
//!
//! The core modules are headless and never import egui: the desktop editor, the `daedalus`
//! command line and the tests all use them alike.

#![warn(missing_docs)]

pub mod diagram;
pub mod export;
pub mod generate;
pub mod import;
pub mod io;
pub mod layout;
pub mod model;
pub mod report;
pub mod sim;
#[cfg(feature = "gui")]
pub mod ui;
pub mod validate;
