//! WIP
use super::Emitter;
use crate::export::{ExportError, Plan};
/// WIP
pub fn emit(_plan: &Plan<'_>, _out: &mut Emitter) -> Result<(), ExportError> {
    Ok(())
}
