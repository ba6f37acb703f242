//! Three-way merges of vault files for git's merge driver (`touchbase merge-file`). A contact
//! merges by meaning: its front matter key by key (`front`), its Log entries one by one (`log`),
//! the rest of its text line by line with `git merge-file`, which also merges any other file.
//! A generated page resolves to ours (the next `touchbase index` rewrites it). OURS' BOM and
//! line endings are kept; everything the merge does not change stays byte-identical. Pure but
//! for the `git` processes it starts.

mod front;
pub(crate) mod git;
mod log;

use crate::contact::frontmatter::{self, Shape, BOM};
use crate::error::Result;
pub(crate) use git::LineMerge as Merged;

/// The line ending a text uses (judged by its first line, as the edits do).
pub(crate) fn eol(text: &str) -> &'static str {
    crate::write::edit::line_ending(text)
}

/// `text` with its line endings made `eol`'s.
fn with_eol(text: &str, eol: &str) -> String {
    let lf = text.replace("\r\n", "\n");
    if eol == "\r\n" {
        lf.replace('\n', "\r\n")
    } else {
        lf
    }
}

/// Merges BASE, OURS and THEIRS as git's merge driver is asked to.
pub(crate) fn merge(base: &[u8], ours: &[u8], theirs: &[u8]) -> Result<Merged> {
    if ours == theirs || base == theirs {
        return Ok(Merged { bytes: ours.to_vec(), conflicts: false });
    }
    if crate::write::is_generated(ours) || crate::write::is_generated(theirs) {
        return Ok(Merged { bytes: ours.to_vec(), conflicts: false });
    }
    match (std::str::from_utf8(base), std::str::from_utf8(ours), std::str::from_utf8(theirs)) {
        (Ok(b), Ok(o), Ok(t)) => match contact(b, o, t)? {
            Some(merged) => Ok(merged),
            None => git::merge_file(base, ours, theirs),
        },
        _ => git::merge_file(base, ours, theirs),
    }
}

/// The merge of three contact files, or `None` when OURS or THEIRS is not one (a note, front
/// matter that does not parse): then git merges the whole file. A missing BASE (both sides
/// added the file) is an empty contact.
pub(crate) fn contact(base: &str, ours: &str, theirs: &str) -> Result<Option<Merged>> {
    let eol = eol(ours);
    let alike = |text: &str| {
        let text = text.strip_prefix(BOM).unwrap_or(text);
        if crate::write::edit::line_ending(text) == eol {
            text.to_string()
        } else {
            with_eol(text, eol)
        }
    };
    let (base, theirs) = (alike(base), alike(theirs));
    let (Some(o), Some(t)) = (parsed(ours), parsed(&theirs)) else { return Ok(None) };
    let (b_yaml, b_body) = match parsed(&base) {
        Some(split) => (split.yaml, split.body),
        None if base.trim().is_empty() => ("", ""),
        None => return Ok(None),
    };
    let yaml = front::merge(b_yaml, o.yaml, t.yaml)?;
    let body = log::merge(b_body, o.body, t.body)?;
    // OURS' BOM, opening and closing lines around the merged parts.
    let open = ours.get(..o.yaml_start).unwrap_or("");
    let close = ours.get(o.yaml_start + o.yaml.len()..o.body_start).unwrap_or("");
    let mut bytes = open.as_bytes().to_vec();
    bytes.extend_from_slice(&yaml.bytes);
    bytes.extend_from_slice(close.as_bytes());
    bytes.extend_from_slice(&body.bytes);
    Ok(Some(Merged { bytes, conflicts: yaml.conflicts || body.conflicts }))
}

/// The front matter and body of a contact whose front matter parses.
fn parsed(text: &str) -> Option<frontmatter::Split<'_>> {
    match frontmatter::split(text) {
        Shape::Contact(split) if frontmatter::parse(&split).is_ok() => Some(split),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
