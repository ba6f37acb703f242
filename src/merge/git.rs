//! The `git` binary, for what only git should do: a line-based three-way merge with conflict
//! markers (`git merge-file`) and the repository's config (`git config`). A missing `git` is a
//! clear error, never a silent fallback.

use std::io::Write as _;
use std::path::Path;
use std::process::Command;

use crate::error::{Error, Result};

/// A line merge's result: the merged bytes, and whether conflict markers remain in them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineMerge {
    pub bytes: Vec<u8>,
    pub conflicts: bool,
}

/// The labels git's conflict markers carry (`<<<<<<< ours`, `>>>>>>> theirs`).
pub(crate) const LABELS: [&str; 3] = ["ours", "base", "theirs"];

fn git_missing(e: &std::io::Error) -> Error {
    Error::Refused(format!("cannot run `git` ({e}); merging needs git on the PATH"))
}

/// `git merge-file -p` of three texts. The texts go through temp files (outside the vault: git
/// reads paths, not pipes); equal inputs never start a process.
pub(crate) fn merge_file(base: &[u8], ours: &[u8], theirs: &[u8]) -> Result<LineMerge> {
    if ours == theirs || base == theirs {
        return Ok(LineMerge { bytes: ours.to_vec(), conflicts: false });
    }
    if base == ours {
        return Ok(LineMerge { bytes: theirs.to_vec(), conflicts: false });
    }
    let mut files = Vec::new();
    for bytes in [ours, base, theirs] {
        let mut file =
            tempfile::Builder::new().prefix("touchbase-merge").tempfile().map_err(|e| temp_error(&e))?;
        file.write_all(bytes).map_err(|e| Error::io(file.path(), e))?;
        files.push(file);
    }
    let output = Command::new("git")
        .args(["merge-file", "-p", "-L", LABELS[0], "-L", LABELS[1], "-L", LABELS[2]])
        .args(files.iter().map(tempfile::NamedTempFile::path))
        .output()
        .map_err(|e| git_missing(&e))?;
    // The exit status is the number of conflicts (up to 127), or above that on an error.
    match output.status.code() {
        Some(0) => Ok(LineMerge { bytes: output.stdout, conflicts: false }),
        Some(n) if (1..=127).contains(&n) => Ok(LineMerge { bytes: output.stdout, conflicts: true }),
        _ => Err(Error::Refused(format!(
            "`git merge-file` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))),
    }
}

fn temp_error(e: &std::io::Error) -> Error {
    Error::io(std::env::temp_dir(), std::io::Error::new(e.kind(), e.to_string()))
}

/// Sets `key` to `value` in the config of the repository that holds `root`.
pub(crate) fn set_config(root: &Path, key: &str, value: &str) -> Result<()> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["config", "--local", key, value])
        .output()
        .map_err(|e| git_missing(&e))?;
    if output.status.success() {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "{}: `git config {key}` failed (is the vault a git repository? run `git init` first): {}",
        root.display(),
        String::from_utf8_lossy(&output.stderr).trim()
    )))
}
