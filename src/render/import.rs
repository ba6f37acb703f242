//! What `import` says: the input's problems as `FILE:LINE: message`, then a line per file
//! written (or to be written; the first 50 unless `--verbose`, none with `--quiet`), then the
//! counts by outcome.

use std::io::{self, Write};
use std::path::Path;

use super::sanitize;
use crate::report::import::{ImportLine, ImportSummary, Level, Notice, Verb};

/// `FILE:LINE: message` for each problem, on standard error, before anything is written; with
/// `quiet`, only those that lost something (a recovery is left out).
pub(crate) fn problems(
    w: &mut (impl Write + ?Sized),
    file: &Path,
    problems: &[Notice],
    quiet: bool,
) -> io::Result<()> {
    for p in problems.iter().filter(|p| !quiet || p.level != Level::Recovered) {
        writeln!(w, "{}:{}: {}", file.display(), p.line, sanitize(&p.message))?;
    }
    Ok(())
}

/// How many per-file lines an import prints before it sums up the rest (`--verbose`: all).
pub(crate) const LINES_SHOWN: usize = 50;

/// Which per-file lines to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lines {
    /// `--verbose`.
    All,
    /// The first [`LINES_SHOWN`], then a count of the others.
    First,
    /// `--quiet`: the summary alone.
    None,
}

/// The file read: its path, how many records it gave, what kind of file it was.
pub(crate) struct Source<'a> {
    pub file: &'a Path,
    pub records: usize,
    pub kind: &'a str,
}

/// The files that failed (on `err`), a line per file and the counts (on `out`).
pub(crate) fn summary(
    out: &mut (impl Write + ?Sized),
    err: &mut (impl Write + ?Sized),
    root: &Path,
    source: &Source<'_>,
    s: &ImportSummary,
    shown: Lines,
) -> io::Result<()> {
    for error in &s.failed {
        writeln!(err, "error: {}", sanitize(error))?;
    }
    let limit = match shown {
        Lines::All => usize::MAX,
        Lines::First => LINES_SHOWN,
        Lines::None => 0,
    };
    for l in s.lines.iter().take(limit) {
        writeln!(out, "{}", sanitize(&line(root, l, s.dry_run)))?;
    }
    let hidden = s.lines.len().saturating_sub(limit);
    if hidden > 0 && shown == Lines::First {
        let files = if hidden == 1 { "file" } else { "files" };
        writeln!(out, "... and {hidden} more {files} (--verbose lists every one)")?;
    }
    writeln!(out, "{}", sanitize(&counts(source, s)))
}

/// `created PATH: keys`, `would update PATH: added ...; kept its own ...`, `unchanged PATH: ...`.
fn line(root: &Path, l: &ImportLine, dry_run: bool) -> String {
    let verb = match (l.verb, dry_run) {
        (Verb::Created, true) => "would create",
        (Verb::Created, false) => "created",
        (Verb::Updated, true) => "would update",
        (Verb::Updated, false) => "updated",
        (Verb::Unchanged, _) => "unchanged",
    };
    let path = crate::vault_path::VaultPath::new(&l.relative).join(root);
    let mut line = format!("{verb} {}", path.display());
    if !l.detail.is_empty() {
        line.push_str(&format!(": {}", l.detail));
    }
    if let Some(note) = &l.note {
        line.push_str(&format!(" ({note})"));
    }
    line
}

/// The summary by outcome: created, updated, unchanged, then skipped, conflicts and warnings
/// when there are any.
fn counts(source: &Source<'_>, s: &ImportSummary) -> String {
    let (create, update) = if s.dry_run { ("to create", "to update") } else { ("created", "updated") };
    let (created, updated, unchanged) =
        (s.count(Verb::Created), s.count(Verb::Updated), s.count(Verb::Unchanged));
    let mut summary = format!(
        "{} read from {} ({}): {created} {create}, {updated} {update}, {unchanged} unchanged",
        plural(source.records, "contact", "contacts"),
        source.file.display(),
        source.kind,
    );
    let skipped = s.problems_at(Level::Skipped);
    let warnings = s.problems.len() - skipped;
    for (n, one, many) in [
        (skipped, "skipped", "skipped"),
        (s.conflicts(), "conflict", "conflicts"),
        (warnings, "warning", "warnings"),
    ] {
        if n > 0 {
            summary.push_str(&format!(", {}", plural(n, one, many)));
        }
    }
    if !s.failed.is_empty() {
        summary.push_str(&format!(", {} not written", plural(s.failed.len(), "file", "files")));
    }
    if s.dry_run {
        summary.push_str("; dry run, nothing written");
    }
    summary
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
