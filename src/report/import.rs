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

/// What a problem with the input cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    /// A whole card or row was left out.
    Skipped,
    /// A value was left out, garbled or guessed; the record was kept.
    Warning,
    /// Broken input was read whole all the same (an unterminated card, a value over a hard line
    /// break, an `ALTID` alternative): said, but nothing was lost.
    Recovered,
}

/// One problem with the input, at its line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Notice {
    pub line: usize,
    pub message: String,
    pub level: Level,
}

/// One file the import created, merged into, or left as it was.
#[derive(Clone, Debug)]
pub(crate) struct ImportLine {
    pub verb: Verb,
    /// Relative to the vault.
    pub relative: PathBuf,
    /// The fields written, or what was added and kept.
    pub detail: String,
    /// The contact's own value was kept where the record said otherwise.
    pub conflict: bool,
    /// Why a new file was made instead of a merge.
    pub note: Option<String>,
}

#[derive(Clone, Debug)]
pub(crate) struct ImportSummary {
    pub lines: Vec<ImportLine>,
    /// The input's problems, in line order.
    pub problems: Vec<Notice>,
    /// Why each file that could not be written was not.
    pub failed: Vec<String>,
    pub dry_run: bool,
}

impl ImportSummary {
    pub(crate) fn count(&self, verb: Verb) -> usize {
        self.lines.iter().filter(|l| l.verb == verb).count()
    }

    pub(crate) fn problems_at(&self, level: Level) -> usize {
        self.problems.iter().filter(|p| p.level == level).count()
    }

    pub(crate) fn conflicts(&self) -> usize {
        self.lines.iter().filter(|l| l.conflict).count()
    }

    /// 2 when a file could not be written, 1 when the input had problems that lost something
    /// (a recovery alone loses nothing), else 0.
    pub(crate) fn exit(&self) -> Exit {
        if !self.failed.is_empty() {
            Exit::Failure
        } else if self.problems.iter().any(|p| p.level != Level::Recovered) {
            Exit::Unmatched
        } else {
            Exit::Success
        }
    }
}
