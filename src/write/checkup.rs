//! `checkup --write`: a dated check-up section appended to a note, byte-exact otherwise (the
//! file's own line ending; a BOM, comments and key order untouched, since only the end
//! changes), or a new note holding it.

use std::path::Path;

use chrono::NaiveDate;

use super::atomic::WriteOutcome;
use super::Writer;
use crate::error::{Error, Result};

/// The file's text with `section` (written with `\n`) appended on a line of its own after one
/// blank line, in the file's line ending. Refused when the file already has today's check-up.
pub(crate) fn append(text: &str, section: &str, today: NaiveDate) -> std::result::Result<String, String> {
    if crate::contact::account::checkup_dates(text).contains(&today) {
        return Err(format!("it already has a check-up dated {today}"));
    }
    let end = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = text.to_string();
    let body = out.trim_start_matches('\u{feff}');
    if !body.is_empty() {
        if !out.ends_with('\n') {
            out.push_str(end);
        }
        if !out.ends_with(&format!("{end}{end}")) {
            out.push_str(end);
        }
    }
    out.push_str(&section.replace('\n', end));
    Ok(out)
}

/// Appends the section to the note at `relative`, or creates the note with `new_text` (front
/// matter and a heading) followed by the section.
pub(crate) fn write(
    writer: &mut Writer,
    relative: &Path,
    exists: bool,
    new_text: &str,
    section: &str,
    today: NaiveDate,
) -> Result<WriteOutcome> {
    let path = writer.display(relative);
    if !exists {
        let text = append(new_text, section, today).map_err(Error::Refused)?;
        writer.create(relative, text.as_bytes())?;
        return Ok(WriteOutcome::Written);
    }
    let updated = writer.update(relative, |text| {
        append(text, section, today).map_err(|e| Error::Refused(format!("{}: {e}", path.display())))
    })?;
    Ok(updated.outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        "2026-11-26".parse().unwrap()
    }

    #[test]
    fn appends_in_the_files_line_ending_and_keeps_the_rest() {
        let section = "## Check-up 2026-11-26\n- Q?\n  - \n";
        assert_eq!(append("# A\n", section, day()).unwrap(), "# A\n\n## Check-up 2026-11-26\n- Q?\n  - \n");
        assert_eq!(append("# A", section, day()).unwrap(), "# A\n\n## Check-up 2026-11-26\n- Q?\n  - \n");
        assert_eq!(append("# A\n\n", section, day()).unwrap(), "# A\n\n## Check-up 2026-11-26\n- Q?\n  - \n");
        assert_eq!(
            append("\u{feff}# A\r\nx\r\n", section, day()).unwrap(),
            "\u{feff}# A\r\nx\r\n\r\n## Check-up 2026-11-26\r\n- Q?\r\n  - \r\n"
        );
        assert_eq!(append("", section, day()).unwrap(), section);
        assert!(append("## Check-up 2026-11-26\n", section, day()).is_err(), "one a day");
    }

    proptest::proptest! {
        /// Whatever the note holds, the write only adds at its end: every original byte stays,
        /// the section follows in the file's line ending, and it dates the new check-up.
        #[test]
        fn append_keeps_every_byte(text in "(\u{feff})?([a-z#\\- :]{0,12}(\r\n|\n)?){0,6}") {
            let section = crate::report::checkup::section(day(), "\n");
            if let Ok(out) = append(&text, &section, day()) {
                proptest::prop_assert!(out.starts_with(&text));
                let end = if text.contains("\r\n") { "\r\n" } else { "\n" };
                proptest::prop_assert!(out.ends_with(&section.replace('\n', end)));
                proptest::prop_assert!(crate::contact::account::checkup_dates(&out).contains(&day()));
            }
        }
    }
}
