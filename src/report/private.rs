//! The private notes about one contact (`vault::private`), as `show` and `brief` print them:
//! marked as the user's own, each with its file's path. Never part of a page or an export.

use serde::Serialize;

use crate::index::Index;
use crate::vault::private::{about, PrivateNote};

#[derive(Debug, Serialize)]
pub(crate) struct PrivateNoteRow {
    /// The private file, as the configured folder joined with its name.
    pub path: String,
    /// The note's text after the front matter, a line each, blank lines at both ends dropped.
    pub lines: Vec<String>,
}

/// The notes about contact `i`, in path order.
pub(crate) fn rows(index: &Index, i: usize, notes: &[PrivateNote]) -> Vec<PrivateNoteRow> {
    notes
        .iter()
        .filter(|note| about(index, note).contains(&i))
        .map(|note| PrivateNoteRow {
            path: note.path.to_string_lossy().replace('\\', "/"),
            lines: note
                .body
                .trim_matches(['\n', '\r'])
                .lines()
                .map(str::trim_end)
                .map(String::from)
                .collect(),
        })
        .collect()
}
