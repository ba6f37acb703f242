//! `history NAME` as a table (the changes, then the touches, newest first) or JSON.

use std::io::{self, Write};

use super::rows::json;
use super::{sanitize, ListFormat};
use crate::report::history::{Change, History};

pub(crate) fn history(w: &mut (impl Write + ?Sized), format: ListFormat, report: &History) -> io::Result<()> {
    if format == ListFormat::Json {
        return json(w, report);
    }
    let commits = report.commits.len();
    writeln!(
        w,
        "{} ({}): {commits} commit{}",
        sanitize(&report.name),
        sanitize(&report.path),
        plural(commits)
    )?;
    let width = report.commits.iter().map(|c| c.author.chars().count()).max().unwrap_or(0);
    writeln!(w, "\nCommits, newest first:")?;
    for commit in &report.commits {
        let author = sanitize(&commit.author);
        writeln!(
            w,
            "  {}  {}  {author:<width$}  {}",
            day(&commit.date),
            short(&commit.commit),
            sanitize(&commit.path)
        )?;
    }
    writeln!(w, "\nChanges, newest first:")?;
    if report.changes.is_empty() {
        writeln!(w, "  none")?;
    }
    for change in &report.changes {
        let author = sanitize(&change.author);
        let who = format!("{}  {}  {author:<width$}", day(&change.date), short(&change.commit));
        writeln!(w, "  {who}  {}", what(change))?;
    }
    writeln!(w, "\nTouches, newest first (author of the commit that added each):")?;
    if report.touches.is_empty() {
        writeln!(w, "  none")?;
    }
    for touch in &report.touches {
        let by = format!("{}, {}", sanitize(&touch.author), short(&touch.commit));
        writeln!(w, "  {}  {}  ({by})", touch.date, sanitize(&touch.summary))?;
    }
    Ok(())
}

fn what(change: &Change) -> String {
    let field = sanitize(&change.field);
    match (&change.old, &change.new) {
        (None, Some(new)) => format!("{field} added: {}", sanitize(new)),
        (Some(old), None) => format!("{field} removed (was {})", sanitize(old)),
        (Some(old), Some(new)) => format!("{field}: {} → {}", sanitize(old), sanitize(new)),
        (None, None) => field.into_owned(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The day of an ISO 8601 timestamp.
fn day(date: &str) -> &str {
    date.get(..10).unwrap_or(date)
}

fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}
