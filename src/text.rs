//! Terminal-safe text and CSV cells: the guards every printed name, note, path or diagnostic
//! goes through, so that no value from a file can drive the user's terminal or run as a
//! spreadsheet formula. A leaf: it knows nothing of contacts, vaults or reports, so that
//! `error`, `vault` and `render` can all use it without depending on each other.

use std::borrow::Cow;

/// Replaces control characters (ANSI escape sequences included) and bidirectional overrides
/// with U+FFFD, so that a name or note can never drive the user's terminal.
pub(crate) fn sanitize(text: &str) -> Cow<'_, str> {
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

/// CSV cells that a spreadsheet would run as a formula get a leading `'`. CSV is often read on a
/// terminal: CRLF becomes LF, and other control characters (escape sequences, a lone CR that
/// would overwrite the line) and bidirectional overrides become U+FFFD, as in [`sanitize`].
pub(crate) fn csv_safe(cell: &str) -> Cow<'_, str> {
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
