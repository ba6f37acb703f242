//! `check`: the problems, one `path:line:col: message` line each (or JSON, or the paths), and
//! the summary line for standard error.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::{rows, ListFormat};
use crate::report::check::{CheckReport, Explanation, Problem};

pub(crate) fn problems(
    w: &mut (impl Write + ?Sized),
    format: ListFormat,
    report: &CheckReport,
) -> io::Result<()> {
    match format {
        ListFormat::Json => {
            let list: Vec<Problem> = report.problems.iter().map(Problem::from).collect();
            rows::json(w, &list)
        }
        ListFormat::Paths => {
            let paths: BTreeSet<String> =
                report.problems.iter().map(|d| d.path.to_string_lossy().into_owned()).collect();
            for path in paths {
                writeln!(w, "{path}")?;
            }
            Ok(())
        }
        ListFormat::Table | ListFormat::Csv | ListFormat::Md => {
            for problem in &report.problems {
                writeln!(w, "{problem}")?;
            }
            Ok(())
        }
    }
}

/// `N contacts checked: no problems` or `...: N problems in M file(s)`.
pub(crate) fn summary(w: &mut (impl Write + ?Sized), report: &CheckReport) -> io::Result<()> {
    let contacts = report.contacts;
    if report.problems.is_empty() {
        return writeln!(w, "{contacts} contacts checked: no problems");
    }
    let (n, s) = (report.problems.len(), if report.problems.len() == 1 { "" } else { "s" });
    writeln!(w, "{contacts} contacts checked: {n} problem{s} in {} file(s)", report.files())
}

/// `check --explain`: `PATH: KIND, a contact: REASON` (or `not a contact`), or the same as one JSON object.
pub(crate) fn explanation(
    w: &mut (impl Write + ?Sized),
    format: ListFormat,
    explanation: &Explanation,
) -> io::Result<()> {
    if format == ListFormat::Json {
        return rows::json(w, explanation);
    }
    let path = crate::text::sanitize(&explanation.path.to_string_lossy()).into_owned();
    let kind = explanation.kind.replace('_', " ");
    let contact = if explanation.contact { "a contact" } else { "not a contact" };
    writeln!(w, "{path}: {kind}, {contact}: {}", explanation.reason)
}
