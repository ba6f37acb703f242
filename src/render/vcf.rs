//! vCard 4.0 export (RFC 6350) that Apple and Google Contacts import.

use std::io::{self, Write};

use crate::index::Index;

/// Writes one vCard per selected entry (indices into `index.entries`).
pub fn cards(w: &mut dyn Write, index: &Index, selected: &[usize]) -> io::Result<()> {
    let _ = (w, index, selected);
    Err(io::Error::other("vcf export is not implemented yet"))
}
