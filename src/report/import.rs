//! What an import did (or, in a dry run, would do): a line per file, the problems of the input
//! file and of planning, the files that could not be written.

use std::path::PathBuf;

use crate::exit::Exit;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verb {
    Created,
    Updated,
    Unchanged,
}

/// One file the import created, merged into, or left as it was.
#[derive(Clone, Debug)]
pub(crate) struct ImportLine {
    pub verb: Verb,
    /// Relative to the vault.
    pub relative: PathBuf,
    /// The fields written, or what was added and kept.
    pub detail: String,
    /// Why a new file was made instead of a merge.
    pub note: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct ImportSummary {
    pub lines: Vec<ImportLine>,
    /// `(line in the input file, message)`, in line order.
    pub problems: Vec<(usize, String)>,
    /// Why each file that could not be written was not.
    pub failed: Vec<String>,
    pub dry_run: bool,
}

impl ImportSummary {
    pub(crate) fn count(&self, verb: Verb) -> usize {
        self.lines.iter().filter(|l| l.verb == verb).count()
    }

    /// 2 when a file could not be written, 1 when the input had problems, else 0.
    pub(crate) fn exit(&self) -> Exit {
        if !self.failed.is_empty() {
            Exit::Failure
        } else if !self.problems.is_empty() {
            Exit::Unmatched
        } else {
            Exit::Success
        }
    }
}
