//! The line `watch` prints each time it builds the page: what changed, the counts, the time.

use std::io::{self, Write};

use crate::report::watch::{Changed, Status};

/// `vault/INDEX.md updated (+1 people/x.md): 10 contacts, 3 overdue, for 2026-11-26; 12 ms`
pub(crate) fn status(w: &mut (impl Write + ?Sized), status: &Status) -> io::Result<()> {
    // One write for the whole line: a reader of the output never sees half of it.
    writeln!(w, "{}", line(status))
}

fn line(status: &Status) -> String {
    let what = if status.written { "updated" } else { "unchanged" };
    let mut line = format!("{} {what}", status.page.display());
    if let Some(cause) = cause(&status.changed) {
        line.push_str(&format!(" ({cause})"));
    }
    line.push_str(&format!(
        ": {} contacts, {} overdue, for {}; {} ms",
        status.contacts,
        status.overdue,
        status.today,
        status.elapsed.as_millis()
    ));
    line
}

/// `+2 ~1 people/a.md`, `reloaded the vault`, `rewrote the removed page`; nothing at the start
/// or when the day changed.
fn cause(changed: &Changed) -> Option<String> {
    if changed.reloaded {
        return Some("reloaded the vault".to_string());
    }
    let mut parts = Vec::new();
    for (sign, count) in [('+', changed.added), ('~', changed.modified), ('-', changed.removed)] {
        if count > 0 {
            parts.push(format!("{sign}{count}"));
        }
    }
    if let Some(first) = &changed.first {
        parts.push(super::sanitize(&first.to_string_lossy()).into_owned());
    }
    if parts.is_empty() && changed.page_was_gone {
        parts.push("rewrote the removed page".to_string());
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::time::Duration;

    fn status(written: bool, changed: Changed) -> String {
        let status = Status {
            page: PathBuf::from("vault/INDEX.md"),
            written,
            changed,
            contacts: 10,
            overdue: 3,
            today: "2026-11-26".parse().unwrap(),
            elapsed: Duration::from_micros(12_900),
        };
        let mut out = Vec::new();
        super::status(&mut out, &status).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_status_line_names_the_changes_and_the_first_file() {
        let changed =
            Changed { added: 1, removed: 2, first: Some(PathBuf::from("people/x.md")), ..Changed::default() };
        assert_eq!(
            status(true, changed),
            "vault/INDEX.md updated (+1 -2 people/x.md): 10 contacts, 3 overdue, for 2026-11-26; 12 ms\n"
        );
        assert_eq!(
            status(false, Changed::default()),
            "vault/INDEX.md unchanged: 10 contacts, 3 overdue, for 2026-11-26; 12 ms\n"
        );
    }

    #[test]
    fn the_status_line_says_why_without_file_changes() {
        let reloaded = Changed { reloaded: true, page_was_gone: true, ..Changed::default() };
        assert!(status(true, reloaded).starts_with("vault/INDEX.md updated (reloaded the vault): "));
        let gone = Changed { page_was_gone: true, ..Changed::default() };
        assert!(status(true, gone).starts_with("vault/INDEX.md updated (rewrote the removed page): "));
        // A file changed too: the file is named instead.
        let both =
            Changed { modified: 1, first: Some("a.md".into()), page_was_gone: true, ..Changed::default() };
        assert!(status(true, both).starts_with("vault/INDEX.md updated (~1 a.md): "));
    }

    #[test]
    fn the_first_file_is_made_printable() {
        let changed =
            Changed { added: 1, first: Some(PathBuf::from("people/\u{1b}[31mx.md")), ..Changed::default() };
        assert!(status(true, changed).contains("(+1 people/\u{fffd}[31mx.md)"));
    }
}
