//! Stage 5a: reports → bytes. Renderers take `&mut impl Write` and plain report structs; they
//! never read the vault. Everything printed for a terminal goes through `sanitize`.

pub mod accounts;
pub mod agenda;
pub mod check;
pub mod diff;
pub mod ics;
pub mod index_page;
pub mod markdown;
pub mod outreach;
pub mod rows;
pub mod show;
pub mod table;
pub mod vcf;
pub mod watch;

use std::borrow::Cow;

/// How a command prints what it lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
    Md,
    Paths,
}

/// What `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
    /// vCard 4.0.
    Vcf,
    /// iCalendar, RFC 5545.
    Ics,
}

/// One `path:line:col: message` line per diagnostic.
pub fn diagnostics(w: &mut (impl std::io::Write + ?Sized), diagnostics: &[crate::error::Diagnostic]) -> std::io::Result<()> {
    for diagnostic in diagnostics {
        writeln!(w, "{diagnostic}")?;
    }
    Ok(())
}

/// `wrote PATH` or `unchanged: PATH`, in the words the command uses.
pub fn write_outcome(
    w: &mut (impl std::io::Write + ?Sized),
    path: &std::path::Path,
    written: bool,
    wrote: &str,
    unchanged: &str,
) -> std::io::Result<()> {
    let what = if written { wrote } else { unchanged };
    writeln!(w, "{what} {}", path.display())
}

/// Replaces control characters (ANSI escape sequences included) and bidirectional overrides
/// with U+FFFD, so that a name or note can never drive the user's terminal.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    let bad = |c: char| unprintable(c) && c != '\t';
    if !text.chars().any(bad) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if bad(c) { '\u{fffd}' } else { c }).collect())
}

/// Control characters and bidirectional overrides: what could drive or fool a terminal.
fn unprintable(c: char) -> bool {
    c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c) || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// A terminal colour for a table cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Red,
    Yellow,
    Green,
    Blue,
    Dim,
    Bold,
}

impl Style {
    fn code(self) -> Option<&'static str> {
        match self {
            Style::Plain => None,
            Style::Red => Some("31"),
            Style::Yellow => Some("33"),
            Style::Green => Some("32"),
            Style::Blue => Some("34"),
            Style::Dim => Some("2"),
            Style::Bold => Some("1"),
        }
    }

    pub fn paint(self, text: &str, color: bool) -> String {
        match (color, self.code()) {
            (true, Some(code)) => format!("\x1b[{code}m{text}\x1b[0m"),
            _ => text.to_string(),
        }
    }

    pub fn for_status(status: crate::schedule::Status) -> Style {
        use crate::schedule::Status;
        match status {
            Status::Overdue => Style::Red,
            Status::Due => Style::Yellow,
            Status::Snoozed => Style::Blue,
            Status::Ok => Style::Green,
            Status::None => Style::Dim,
        }
    }
}

/// CSV cells that a spreadsheet would run as a formula get a leading `'`. CSV is often read on a
/// terminal: CRLF becomes LF, and other control characters (escape sequences, a lone CR that
/// would overwrite the line) and bidirectional overrides become U+FFFD, as in [`sanitize`].
pub fn csv_safe(cell: &str) -> Cow<'_, str> {
    let bad = |c: char| unprintable(c) && !matches!(c, '\t' | '\n');
    let cell: Cow<'_, str> = if cell.chars().any(bad) {
        Cow::Owned(cell.replace("\r\n", "\n").chars().map(|c| if bad(c) { '\u{fffd}' } else { c }).collect())
    } else {
        Cow::Borrowed(cell)
    };
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{cell}")),
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_removes_escapes() {
        assert_eq!(sanitize("Jane\x1b[31m Doe\u{202e}"), "Jane\u{fffd}[31m Doe\u{fffd}");
        assert!(matches!(sanitize("José"), Cow::Borrowed(_)));
    }

    #[test]
    fn csv_cells_never_start_formulas() {
        assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_safe("@SUM"), "'@SUM");
        assert_eq!(csv_safe("2026-11-26"), "2026-11-26");
        assert_eq!(
            csv_safe("Eve\x1b[31m\u{9b}2J\r\nx\ry\u{202e}"),
            "Eve\u{fffd}[31m\u{fffd}2J\nx\u{fffd}y\u{fffd}"
        );
    }
}
