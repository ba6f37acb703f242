//! What `import` says: the input's problems as `FILE:LINE: message`, then a line per file
//! written (or to be written), then the counts.

use std::io::{self, Write};
use std::path::Path;

use super::sanitize;
use crate::report::import::{ImportSummary, Level, Notice, Verb};

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

/// The files that failed (on `err`), a line per file and the counts (on `out`).
pub(crate) fn summary(
    out: &mut (impl Write + ?Sized),
    err: &mut (impl Write + ?Sized),
    root: &Path,
    file: &Path,
    records: usize,
    kind: &str,
    s: &ImportSummary,
) -> io::Result<()> {
    for error in &s.failed {
        writeln!(err, "error: {}", sanitize(error))?;
    }
    for l in &s.lines {
        let verb = match (l.verb, s.dry_run) {
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
        writeln!(out, "{}", sanitize(&line))?;
    }
    let (create, update) = if s.dry_run { ("to create", "to update") } else { ("created", "updated") };
    let (created, updated, unchanged) =
        (s.count(Verb::Created), s.count(Verb::Updated), s.count(Verb::Unchanged));
    let mut summary = format!(
        "{} read from {} ({kind}): {created} {create}, {updated} {update}, {unchanged} unchanged",
        plural(records, "contact", "contacts"),
        file.display(),
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
    writeln!(out, "{}", sanitize(&summary))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
