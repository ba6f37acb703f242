//! Finds the YAML front matter of a file (`---` line, YAML, `---` or `...` line) with its byte
//! span and first line number, tolerating a BOM and CRLF, and parses it with `serde_yaml`.
//! `serde_yaml` parses a whole front matter here only; its `Value` is how front matter travels
//! on (`contact`, `query`, `report`), and `write` and `report::check` parse a value or a
//! snippet again, to check that an edit reads back as meant or to find a key's position.

use serde_yaml::{Mapping, Value};

use crate::error::Position;

/// The parts of a file that starts with front matter. Offsets are bytes into the whole text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// Byte offset of the first YAML line (just after the opening `---` line).
    pub yaml_start: usize,
    /// 1-based line number of the first YAML line.
    pub yaml_line: usize,
    pub body: &'a str,
    pub body_start: usize,
    /// 1-based line number of the first body line.
    pub body_line: usize,
}

/// What a file is, judged by its first line.
#[derive(Debug, PartialEq, Eq)]
pub enum Shape<'a> {
    /// No front matter: a note, not a contact.
    Note,
    Contact(Split<'a>),
    /// It opens front matter but never closes it.
    Unclosed,
}

pub(crate) const BOM: &str = "\u{feff}";

/// Splits `text` into front matter and body without parsing either.
#[must_use]
pub fn split(text: &str) -> Shape<'_> {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut lines = LineIter { text, pos: start };
    match lines.next() {
        Some((_, line)) if is_delimiter(line, false) => {}
        _ => return Shape::Note,
    }
    let yaml_start = lines.pos;
    let mut line_number = 1;
    while let Some((line_start, line)) = lines.next() {
        line_number += 1;
        if is_delimiter(line, true) {
            return Shape::Contact(Split {
                yaml: &text[yaml_start..line_start],
                yaml_start,
                yaml_line: 2,
                body: &text[lines.pos..],
                body_start: lines.pos,
                body_line: line_number + 1,
            });
        }
    }
    Shape::Unclosed
}

fn is_delimiter(line: &str, closing: bool) -> bool {
    let line = line.trim_end_matches(['\r', '\n']).trim_end_matches([' ', '\t']);
    line == "---" || (closing && line == "...")
}

/// Iterates lines as (start offset, line including its terminator).
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.pos..)?;
        if rest.is_empty() {
            return None;
        }
        let len = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let start = self.pos;
        self.pos += len;
        Some((start, &rest[..len]))
    }
}

/// A YAML problem with its position in the whole file.
#[derive(Debug, PartialEq, Eq)]
pub struct YamlError {
    pub position: Option<Position>,
    pub message: String,
}

/// Parses the front matter into a mapping. Empty front matter is an empty mapping.
pub fn parse(split: &Split<'_>) -> Result<Mapping, YamlError> {
    if split.yaml.trim().is_empty() {
        return Ok(Mapping::new());
    }
    match serde_yaml::from_str::<Value>(split.yaml) {
        Ok(Value::Mapping(map)) => Ok(map),
        Ok(Value::Null) => Ok(Mapping::new()),
        Ok(other) => Err(YamlError {
            position: Some(Position { line: split.yaml_line, column: 1 }),
            message: format!("front matter is {}, not a mapping of keys to values", describe(&other)),
        }),
        Err(err) => {
            let mut message = err.to_string();
            // serde_yaml appends "at line L column C", which is relative to the YAML, not the file.
            if let Some(cut) = message.find(" at line ") {
                message.truncate(cut);
            }
            // libyaml's lines also end at a lone CR (`e:\r\re` is three lines to it), so its line
            // number may lie past the file's end: count LFs up to its byte index instead.
            let position = duplicate_key_position(split, &message).or_else(|| {
                err.location().map(|loc| {
                    let before = split.yaml.get(..loc.index()).unwrap_or(split.yaml);
                    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                    Position {
                        line: split.yaml_line + before.matches('\n').count(),
                        column: before.get(line_start..).unwrap_or("").chars().count() + 1,
                    }
                })
            });
            Err(YamlError { position, message: format!("invalid YAML: {message}") })
        }
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Sequence(_) => "a list",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Tagged(_) => "a tagged value",
        Value::Null | Value::Mapping(_) => "empty",
    }
}

/// Where a top-level key's value starts, for pointing a diagnostic at it. Approximate by design:
/// it looks for the first line that starts with `key:` at column 1.
#[must_use]
pub(crate) fn key_position(split: &Split<'_>, key: &str) -> Option<Position> {
    key_position_in(split.yaml, split.yaml_line, key)
}

/// As `key_position`, for front matter text whose first line is line `first_line` of the file.
#[must_use]
pub(crate) fn key_position_in(yaml: &str, first_line: usize, key: &str) -> Option<Position> {
    key_lines(yaml, key).next().map(|(index, column)| Position { line: first_line + index, column })
}

/// The lines that start with `key:` (or `"key":`, `'key':`) at column 1: the 0-based line
/// index in `yaml` and the 1-based column of the value.
fn key_lines<'a>(yaml: &'a str, key: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    let candidates = [key.to_string(), format!("\"{key}\""), format!("'{key}'")];
    LineIter { text: yaml, pos: 0 }.enumerate().filter_map(move |(index, (_, line))| {
        candidates.iter().find_map(|candidate| {
            let rest = line.strip_prefix(candidate.as_str())?;
            let after = rest.trim_start_matches([' ', '\t']).strip_prefix(':')?;
            let value_offset = line.len() - after.trim_start_matches([' ', '\t']).len();
            let column = line.get(..value_offset).map_or(1, |s| s.chars().count() + 1);
            Some((index, column))
        })
    })
}

/// Where a duplicated top-level key is written the second time. `serde_yaml` reports a duplicate
/// at the start of the mapping holding it, which for the front matter is always its first line.
/// A nested duplicate (`family[0]: duplicate entry ...`) keeps `serde_yaml`'s position.
fn duplicate_key_position(split: &Split<'_>, message: &str) -> Option<Position> {
    // serde_yaml writes a string key with `{:?}`, a boolean in backticks, a number as is.
    let key = message.strip_prefix("duplicate entry with key ")?;
    let key = match key.strip_prefix(['"', '`']).and_then(|k| k.strip_suffix(['"', '`'])) {
        // An escaped key (`\"`, `\n`) is not written that way in the file: leave it.
        Some(inner) if inner.contains('\\') => return None,
        Some(inner) => inner,
        None => key,
    };
    let (index, _) = key_lines(split.yaml, key).nth(1)?;
    Some(Position { line: split.yaml_line + index, column: 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(text: &str) -> Split<'_> {
        match split(text) {
            Shape::Contact(s) => s,
            other => panic!("not a contact: {other:?}"),
        }
    }

    #[test]
    fn splits_lf_crlf_and_bom() {
        let s = contact("---\nname: A\n---\nbody\n");
        assert_eq!((s.yaml, s.body, s.body_line), ("name: A\n", "body\n", 4));
        let s = contact("\u{feff}---\r\nname: A\r\n...\r\nbody\r\n");
        assert_eq!((s.yaml, s.body), ("name: A\r\n", "body\r\n"));
        let s = contact("---\n---\n");
        assert_eq!((s.yaml, s.body), ("", ""));
        let s = contact("---  \nname: A\n---");
        assert_eq!(s.body, "");
    }

    #[test]
    fn notes_and_unclosed() {
        assert_eq!(split("# Title\n---\n"), Shape::Note);
        assert_eq!(split(""), Shape::Note);
        assert_eq!(split("----\n"), Shape::Note);
        assert_eq!(split("---\nname: A\n"), Shape::Unclosed);
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let text = "---\nname: A\nbirthday: [1980\n---\n";
        let err = parse(&contact(text)).unwrap_err();
        let pos = err.position.unwrap();
        assert!(pos.line >= 3, "{pos:?}");
        assert!(err.message.starts_with("invalid YAML"), "{}", err.message);
        let err = parse(&contact("---\n- a\n- b\n---\n")).unwrap_err();
        assert!(err.message.contains("not a mapping"));
        assert!(parse(&contact("---\n# only a comment\n---\n")).unwrap().is_empty());
    }

    #[test]
    fn fuzz_regression_contact_1() {
        // libyaml counts a lone CR as a line break: this error was at line 5 of a 3-line file.
        let err = parse(&contact("---\ne:\r\re\n---")).unwrap_err();
        assert_eq!(err.position, Some(Position { line: 3, column: 1 }), "{err:?}");
        let err = parse(&contact("---\nname: A\nbad: [\n---\n")).unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(4), "{err:?}");
    }

    #[test]
    fn a_duplicate_key_is_reported_at_its_second_line() {
        let at = |text: &str| parse(&contact(text)).unwrap_err().position;
        let pos = |line, column| Some(Position { line, column });
        assert_eq!(at("---\nname: A\nrole: x\nname: B\n---\n"), pos(4, 1));
        assert_eq!(
            at("---\nname: A\n'role': x\nnotes: |\n  role: in a block\n\"role\": y\n---\n"),
            pos(6, 1)
        );
        assert_eq!(at("\u{feff}---\r\n# c\r\n7: a\r\nx: 1\r\n7: b\r\n---\r\n"), pos(5, 1));
        assert_eq!(at("---\ntrue: a\ntrue: b\n---\n"), pos(3, 1));
        // Nested duplicates keep serde_yaml's position (the nested mapping).
        assert_eq!(at("---\nname: A\nfamily:\n  - name: K\n    name: L\n---\n"), pos(4, 5));
        let err = parse(&contact("---\nname: A\nname: B\n---\n")).unwrap_err();
        assert_eq!(err.message, "invalid YAML: duplicate entry with key \"name\"");
    }

    #[test]
    fn key_positions() {
        let text = "---\nname: A\nbirthday:   1980-13-01\n---\n";
        let s = contact(text);
        assert_eq!(key_position(&s, "birthday"), Some(Position { line: 3, column: 13 }));
        assert_eq!(key_position(&s, "missing"), None);
    }
}
