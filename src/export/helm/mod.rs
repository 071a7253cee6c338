//! WIP
use crate::export::{Export, ExportError};
use crate::model::Topology;
/// WIP
pub fn export(_t: &Topology) -> Result<Export, ExportError> {
    Ok(Export::default())
}
