//! Byte-exact edits of a contact file: set, insert or remove one front matter key (`keys`), and
//! add one line to the `## Log` section (`log`), tick one open task (`task`). Everything outside the changed line stays
//! byte-identical: key order, comments, quoting, indentation, CRLF, a BOM, trailing spaces, a
//! missing final newline. Where the value to change is not a plain scalar on its own line, the
//! edit is refused. This file holds what both need: the error, the front matter's lines.
#![deny(clippy::string_slice, clippy::indexing_slicing)]

mod keys;
mod log;
mod notes;
mod task;

use std::ops::Range;

pub use super::yaml::{yaml_date, yaml_flow_scalar, yaml_list, yaml_scalar};
pub use keys::{append_block_list, key_value, remove_key, set_key, set_list};
pub use log::append_log;
pub(crate) use log::find_log_section;
pub use notes::append_notes;
pub use task::tick_task;

use crate::contact::frontmatter::{self, Shape};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EditError(pub String);

pub(crate) type EditResult<T> = Result<T, EditError>;

pub(crate) fn refuse<T>(message: impl Into<String>) -> EditResult<T> {
    Err(EditError(message.into()))
}

/// The line ending the file already uses (judged by its first line).
#[must_use]
pub(crate) fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes().get(i - 1) == Some(&b'\r') => "\r\n",
        _ => "\n",
    }
}

/// The front matter's byte range (YAML lines only) or a refusal.
pub(crate) fn front_matter(text: &str) -> EditResult<(Range<usize>, usize)> {
    match frontmatter::split(text) {
        Shape::Contact(split) => {
            Ok((split.yaml_start..split.yaml_start + split.yaml.len(), split.body_start))
        }
        Shape::Note => refuse("the file has no front matter"),
        Shape::Unclosed => refuse("the file's front matter is not closed"),
    }
}

pub(crate) fn lines(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    while start < range.end {
        let rest = text.get(start..range.end).unwrap_or("");
        let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        out.push(start..start + len);
        start += len;
    }
    out
}

pub(crate) fn strip_eol(line: &str) -> &str {
    line.trim_end_matches('\n').trim_end_matches('\r')
}

/// Replaces `range` of `text` with `new`.
pub(crate) fn splice(text: &str, range: Range<usize>, new: &str) -> String {
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(text.get(..range.start).unwrap_or(""));
    out.push_str(new);
    out.push_str(text.get(range.end..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests;

/// Inputs the fuzzers found (fuzz/src/lib.rs, docs/reliability-fuzz.md), each as it was found.
#[cfg(test)]
mod fuzz_regressions {
    use super::*;
    use chrono::NaiveDate;

    /// The `edit` target's input layout: `[op + 5 * key][3 date bytes][value] 0xFF [text]`.
    fn text_of(input: &[u8]) -> String {
        let at = input.iter().position(|b| *b == 0xff).unwrap();
        String::from_utf8_lossy(input.get(at + 1..).unwrap()).into_owned()
    }

    #[test]
    fn fuzz_regression_edit_1() {
        // set_key(.., "'''x'''") kept the old double quotes around the unquoted text: `"x"`.
        let input = b"\x02\x10\x90\x00'x'\xff---\r\nlast_contact: \"2026-01-01\" # c\r\n---\r\n";
        let out = set_key(&text_of(input), "last_contact", &yaml_scalar("'x'")).unwrap();
        assert_eq!(out, "---\r\nlast_contact: '''x''' # c\r\n---\r\n");
        // Nor may quotes be kept around text that would need escapes inside them.
        assert_eq!(set_key("---\nk: 'a'\n---\n", "k", &yaml_scalar("it's")).unwrap(), "---\nk: it's\n---\n");
        assert_eq!(
            set_key("---\nk: \"a\"\n---\n", "k", &yaml_scalar("a\\b")).unwrap(),
            "---\nk: a\\b\n---\n"
        );
        assert_eq!(
            set_key("---\nk: \"a\"\n---\n", "k", "2026-11-26").unwrap(),
            "---\nk: \"2026-11-26\"\n---\n"
        );
    }

    #[test]
    fn fuzz_regression_edit_2() {
        // A lone CR ends `## Log` for markdown, not for the line edit: `## Log\r,` was split.
        let input = b"\x00\x10\x90\xff---\n---\n## Log\r,\n-";
        let date = NaiveDate::from_ymd_opt(2306, 9, 30).unwrap();
        assert!(append_log(&text_of(input), date, "lunch at the usual place").is_err());
    }

    #[test]
    fn fuzz_regression_edit_4() {
        // The Log section ended at a setext heading inside a list item, after `- `: the entry
        // was inserted in the middle of that line. Likewise an indented or quoted heading.
        let date = NaiveDate::from_ymd_opt(2000, 12, 22).unwrap();
        let text = "---\nname: A\n---\n## Log\n- 2026-0_contact:\nnext_contact:\n  -\n";
        let out = append_log(text, date, "coffee").unwrap();
        assert_eq!(
            out,
            "---\nname: A\n---\n## Log\n- 2000-12-22: coffee\n\n- 2026-0_contact:\nnext_contact:\n  -\n"
        );
        let out = append_log("---\n---\n## Log\n   ## Next\n", date, "coffee").unwrap();
        assert_eq!(out, "---\n---\n## Log\n- 2000-12-22: coffee\n\n   ## Next\n");
        let out = append_log("---\n---\n## Log\n> ## Quote\n", date, "coffee").unwrap();
        assert_eq!(out, "---\n---\n## Log\n- 2000-12-22: coffee\n\n> ## Quote\n");
    }

    #[test]
    fn fuzz_regression_edit_5() {
        // Front matter written as a flow mapping: a `key: value` line after it is a YAML error,
        // and a key inside it cannot be removed line by line.
        let text = "---\n{flow: map}\n---\n";
        assert!(set_key(text, "last_contact", "1900-01-01").is_err());
        assert!(remove_key("---\n{snooze_until: 2027-01-01}\n---\n", "snooze_until").is_err());
        assert!(set_key("---\n? last_contact\n: 2026-01-01\n---\n", "last_contact", "2026-11-26").is_err());
        assert_eq!(remove_key(text, "snooze_until").unwrap(), text);
    }

    #[test]
    fn fuzz_regression_edit_3() {
        // An unclosed HTML comment (or code fence) swallowed the new Log section: never read back.
        let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
        let text = "---\nname: {first: carl, last: johnson}\n---\n<!-- comment\n";
        assert!(append_log(text, date, "x").is_err());
        assert!(append_log("---\nname: A\n---\n```\nnotes\n\n## Log\n", date, "x").is_err());
    }

    #[test]
    fn fuzz_regression_csv_1_flow_scalar() {
        // `[:13/04/1990]` is invalid YAML: a leading `:` is an indicator inside a flow collection.
        assert_eq!(
            yaml_list(&[":13/04/1990".into(), "?x".into(), "a:b".into()]),
            "[\":13/04/1990\", \"?x\", a:b]"
        );
    }
}
