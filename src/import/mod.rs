//! Contacts read from other tools' files: vCard 2.1, 3.0 and 4.0 (`vcard.rs`) and CSV from
//! LinkedIn, Google Contacts or anything with a header row (`csv.rs`). Pure: bytes in, typed
//! [`Record`]s and [`Problem`]s out; `commands/import.rs` decides what to write.
//!
//! Both readers share what is here: the record and how text is cleaned. Dates in the shapes
//! other tools export are read by `crate::dates::parse_exported`; notes become the body of a
//! contact file and back by `crate::contact::notes` (re-exported here for `commands/import.rs`).

pub mod csv;
pub mod plan;
pub mod vcard;

pub use crate::contact::notes::{body_notes, notes_to_body};

use crate::contact::PartialDate;
use crate::write::edit::yaml_scalar;

/// One contact read from an input file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// The line of the input where the card or row starts (1-based).
    pub line: usize,
    pub name: String,
    pub aliases: Vec<String>,
    pub company: Option<String>,
    pub department: Option<String>,
    pub role: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub birthday: Option<PartialDate>,
    pub anniversary: Option<PartialDate>,
    /// Other yearly dates (`dates:` in front matter), label → date.
    pub dates: Vec<(String, PartialDate)>,
    pub tags: Vec<String>,
    pub urls: Vec<String>,
    pub addresses: Vec<String>,
    /// Free text for the body, one entry per NOTE or notes cell.
    pub notes: Vec<String>,
    /// Other front matter keys (from a generic CSV's columns), as YAML-ready plain text.
    pub extra: Vec<(String, String)>,
}

/// A problem with one card, row or line of the input, printed as `FILE:line: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn new(line: usize, message: impl Into<String>) -> Problem {
        Problem { line, message: message.into() }
    }
}

/// What kind of file was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    VCard,
    LinkedIn,
    GoogleCsv,
    Csv,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::VCard => "vCard",
            Kind::LinkedIn => "LinkedIn connections",
            Kind::GoogleCsv => "Google Contacts CSV",
            Kind::Csv => "CSV",
        })
    }
}

/// Everything read from one input file.
#[derive(Debug)]
pub struct Parsed {
    pub kind: Kind,
    pub records: Vec<Record>,
    pub problems: Vec<Problem>,
}

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ImportError(pub String);

/// Reads a vCard or CSV file, judged by its content (a `BEGIN:VCARD` line) before its extension.
pub fn parse(bytes: &[u8], extension: Option<&str>) -> Result<Parsed, ImportError> {
    let utf16;
    let bytes = if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        utf16 = decode_text(bytes).into_bytes();
        utf16.as_slice()
    } else {
        bytes
    };
    let is_vcard = looks_like_vcard(bytes)
        || (extension.is_some_and(|e| e.eq_ignore_ascii_case("vcf") || e.eq_ignore_ascii_case("vcard"))
            && !extension.is_some_and(|e| e.eq_ignore_ascii_case("csv")));
    if is_vcard {
        let (records, problems) = vcard::parse(bytes);
        if records.is_empty() && !looks_like_vcard(bytes) {
            return Err(ImportError("no vCard found (no BEGIN:VCARD line)".into()));
        }
        return Ok(Parsed { kind: Kind::VCard, records, problems });
    }
    let text = decode_text(bytes);
    csv::parse(&text)
}

/// Whether the first non-blank line is `BEGIN:VCARD`.
fn looks_like_vcard(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    bytes
        .split(|b| *b == b'\n')
        .map(|l| l.trim_ascii())
        .find(|l| !l.is_empty())
        .is_some_and(|l| l.eq_ignore_ascii_case(b"BEGIN:VCARD"))
}

/// A whole text file: UTF-8 (a BOM dropped), UTF-16 with a BOM, else Latin-1.
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], little: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| if little { u16::from_le_bytes([p[0], p[1]]) } else { u16::from_be_bytes([p[0], p[1]]) })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(rest, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => latin1(bytes),
    }
}

/// Bytes as Latin-1 (every byte is a character), for files that are not UTF-8.
pub fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// One line of text for a front matter value: control characters and line breaks become
/// spaces, runs of spaces collapse, the ends are trimmed, and bidirectional controls are
/// dropped (they only make a name display as another; see `vault::names::clean_name`).
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .map(|w| w.replace(crate::vault::names::is_bidi_control, ""))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Free text for the body: line breaks normalised to `\n`, other control characters dropped,
/// line ends trimmed, blank lines at both ends removed.
pub fn multi_line(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let cleaned: String = text.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect();
    let lines: Vec<&str> = cleaned.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// Adds `value` (cleaned to one line) unless it is empty or already there (case-insensitively).
pub fn push_unique(list: &mut Vec<String>, value: &str) {
    let value = one_line(value);
    if !value.is_empty() && !list.iter().any(|v| v.eq_ignore_ascii_case(&value)) {
        list.push(value);
    }
}

/// Sets an optional one-line field unless it is already set or the value is empty.
pub fn set_once(field: &mut Option<String>, value: &str) {
    let value = one_line(value);
    if field.is_none() && !value.is_empty() {
        *field = Some(value);
    }
}

/// A date for front matter (`1980-03-26` or `--03-26`).
pub fn date_text(date: PartialDate) -> String {
    date.to_string()
}

/// One front matter key a record gives: its standard name, its plain values (for comparing with
/// what a file has) and its YAML text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub values: Vec<String>,
    pub yaml: String,
}

impl Entry {
    fn scalar(key: &str, value: &str) -> Entry {
        Entry { key: key.to_string(), values: vec![value.to_string()], yaml: yaml_scalar(value) }
    }

    /// One item is written as a plain value (`email: a@b`), more as a flow list; `aliases` and
    /// `tags` are always lists.
    fn list(key: &str, items: &[String]) -> Option<Entry> {
        match items {
            [] => None,
            [only] if key != "aliases" && key != "tags" => Some(Entry::scalar(key, only)),
            _ => Some(Entry {
                key: key.to_string(),
                values: items.to_vec(),
                yaml: crate::write::edit::yaml_list(items),
            }),
        }
    }
}

/// The longest label of a yearly date kept, in characters.
const MAX_LABEL: usize = 100;

impl Record {
    /// The front matter this record gives, in file order, `name` first; `extra_tags` (from
    /// `--tag`) join the record's tags.
    pub fn entries(&self, extra_tags: &[String]) -> Vec<Entry> {
        let mut entries = vec![Entry::scalar("name", &self.name)];
        entries.extend(Entry::list("aliases", &self.aliases));
        for (key, value) in
            [("company", &self.company), ("department", &self.department), ("role", &self.role)]
        {
            if let Some(value) = value {
                entries.push(Entry::scalar(key, value));
            }
        }
        entries.extend(Entry::list("email", &self.emails));
        entries.extend(Entry::list("phone", &self.phones));
        for (key, date) in [("birthday", self.birthday), ("anniversary", self.anniversary)] {
            if let Some(date) = date {
                entries.push(Entry::scalar(key, &date_text(date)));
            }
        }
        // One date per label: a flow mapping with a repeated key is invalid YAML, and so is a
        // key of over 1024 characters (escapes included).
        let mut dates: Vec<(String, PartialDate)> = Vec::new();
        for (label, date) in &self.dates {
            let label: String = label.chars().take(MAX_LABEL).collect();
            if !dates.iter().any(|(seen, _)| *seen == label) {
                dates.push((label, *date));
            }
        }
        if !dates.is_empty() {
            let pairs: Vec<String> = dates
                .iter()
                .map(|(label, date)| {
                    format!(
                        "{}: {}",
                        crate::write::edit::yaml_flow_scalar(label),
                        crate::write::edit::yaml_flow_scalar(&date_text(*date))
                    )
                })
                .collect();
            let values = dates.iter().map(|(l, d)| format!("{l}: {}", date_text(*d))).collect();
            entries.push(Entry { key: "dates".into(), values, yaml: format!("{{{}}}", pairs.join(", ")) });
        }
        let mut tags = self.tags.clone();
        for tag in extra_tags {
            push_unique(&mut tags, tag);
        }
        entries.extend(Entry::list("tags", &tags));
        entries.extend(Entry::list("url", &self.urls));
        entries.extend(Entry::list("address", &self.addresses));
        for (key, value) in &self.extra {
            if !entries.iter().any(|e| e.key.eq_ignore_ascii_case(key)) {
                entries.push(Entry::scalar(key, value));
            }
        }
        entries
    }

    /// The notes as one text (several NOTEs are separated by a blank line).
    pub fn notes_text(&self) -> String {
        let parts: Vec<String> = self.notes.iter().map(|n| multi_line(n)).filter(|n| !n.is_empty()).collect();
        parts.join("\n\n")
    }
}

#[cfg(test)]
mod tests;
