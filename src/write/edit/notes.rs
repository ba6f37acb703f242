//! Add an import's note text to a contact's body: at the end of the text before the `Log`
//! section (so under `## Notes` in touchbase's layout), else at the end of the file.
#![deny(clippy::string_slice, clippy::indexing_slicing)]

use super::{front_matter, line_ending, refuse, EditResult};
use crate::contact::body;

/// Inserts `notes` (body text already escaped by `contact::notes::notes_to_body`, lines joined
/// with `\n`) as a paragraph of its own, in the file's line ending; nothing else changes.
pub fn append_notes(text: &str, notes: &str) -> EditResult<String> {
    let (_, body_start) = front_matter(text)?;
    let body = text.get(body_start..).unwrap_or("");
    if body.split("\r\n").any(|part| part.contains('\r')) {
        return refuse("the file has lines ended by a lone carriage return; edit the file by hand");
    }
    let eol = line_ending(text);
    let at = match body::log_sections(body).first() {
        Some(log) => {
            body_start + body.get(..log.heading.start).unwrap_or("").rfind('\n').map_or(0, |i| i + 1)
        }
        None => text.len(),
    };
    let before = text.get(..at).unwrap_or("");
    let mut insert = String::new();
    if !before.ends_with('\n') {
        insert.push_str(eol);
    }
    let blank = before.ends_with("\n\n") || before.ends_with("\r\n\r\n") || at == body_start;
    if !blank {
        insert.push_str(eol);
    }
    insert.push_str(&notes.trim_matches('\n').replace('\n', eol));
    insert.push_str(eol);
    if at < text.len() {
        insert.push_str(eol);
    }
    let new = format!("{before}{insert}{}", text.get(at..).unwrap_or(""));
    // The notes must stay notes: no interaction and no Log section gained or lost.
    let shape = |body: &str| (body::parse(body).interactions.len(), body::log_sections(body).len());
    if shape(body) != shape(new.get(body_start..).unwrap_or("")) {
        return refuse("the notes would change the Log section; edit the file by hand");
    }
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_go_before_the_log_in_the_files_line_ending() {
        let text = "---\r\nname: A\r\n---\r\nMine.\r\n\r\n## Log\r\n- 2026-01-01: x\r\n";
        assert_eq!(
            append_notes(text, "New\nlines").unwrap(),
            "---\r\nname: A\r\n---\r\nMine.\r\n\r\nNew\r\nlines\r\n\r\n## Log\r\n- 2026-01-01: x\r\n"
        );
        assert_eq!(append_notes("---\n---\nMine.", "x").unwrap(), "---\n---\nMine.\n\nx\n");
        let built = "---\n---\n\n## Notes\n\n## Log\n";
        assert_eq!(append_notes(built, "x").unwrap(), "---\n---\n\n## Notes\n\nx\n\n## Log\n");
        assert!(append_notes("no front matter", "x").is_err());
    }
}
