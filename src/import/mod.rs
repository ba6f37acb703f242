//! Contacts read from other tools' files: vCard 2.1, 3.0 and 4.0 (`vcard.rs`) and CSV from
//! `LinkedIn`, Google Contacts or anything with a header row (`csv.rs`). Pure: bytes in, typed
//! [`Record`]s and [`Problem`]s out; `commands/import.rs` decides what to write.
//!
//! Both readers share the record (`record.rs`) and how text is decoded and cleaned (`decode.rs`). Dates in the shapes
//! other tools export are read by `crate::dates::parse_exported`; notes become the body of a
//! contact file and back by `crate::contact::notes` (re-exported here for `commands/import.rs`).

pub mod csv;
pub(crate) mod plan;
pub mod vcard;

pub use crate::contact::notes::{body_notes, notes_to_body};

mod decode;
pub(crate) mod identity;
mod record;

pub use decode::{date_text, decode_text};
pub(crate) use decode::{multi_line, one_line, push_unique, set_once};

use crate::report::import::Level;
pub use record::{CardKind, Entry, Record};

/// A problem with one card, row or line of the input, printed as `FILE:line: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
    level: Level,
}

impl Problem {
    /// A value left out or garbled; the record is kept (exit 1).
    pub fn new(line: usize, message: impl Into<String>) -> Problem {
        Problem { line, message: message.into(), level: Level::Warning }
    }

    /// A whole card or row left out (exit 1, counted as skipped).
    pub fn skipped(line: usize, message: impl Into<String>) -> Problem {
        Problem { line, message: message.into(), level: Level::Skipped }
    }

    /// Broken input read whole after all: said, but nothing was lost (exit 0).
    pub fn recovered(line: usize, message: impl Into<String>) -> Problem {
        Problem { line, message: message.into(), level: Level::Recovered }
    }

    pub(crate) fn level(&self) -> Level {
        self.level
    }
}

/// What kind of file was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    VCard,
    LinkedIn,
    GoogleCsv,
    OutlookCsv,
    Csv,
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Kind::VCard => "vCard",
            Kind::LinkedIn => "LinkedIn connections",
            Kind::GoogleCsv => "Google Contacts CSV",
            Kind::OutlookCsv => "Outlook CSV",
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
/// A UTF-16 file (with a BOM or by its NULs) is decoded first; then a vCard's `CHARSET`s apply
/// only to its quoted-printable values, the rest being text already.
pub fn parse(bytes: &[u8], extension: Option<&str>) -> Result<Parsed, ImportError> {
    let (unicode, whole);
    let bytes = match decode::file_encoding(bytes) {
        Some((encoding, _)) if encoding != encoding_rs::UTF_8 => {
            (whole, unicode) = (decode_text(bytes).into_bytes(), true);
            whole.as_slice()
        }
        _ => {
            unicode = false;
            bytes
        }
    };
    let is_vcard = looks_like_vcard(bytes)
        || (extension.is_some_and(|e| e.eq_ignore_ascii_case("vcf") || e.eq_ignore_ascii_case("vcard"))
            && !extension.is_some_and(|e| e.eq_ignore_ascii_case("csv")));
    if is_vcard {
        let (records, problems) = vcard::parse_file(bytes, unicode);
        if records.is_empty() && !looks_like_vcard(bytes) {
            return Err(ImportError("no vCard found (no BEGIN:VCARD line)".into()));
        }
        return Ok(Parsed { kind: Kind::VCard, records, problems });
    }
    let (text, bad_lines, encoding) = decode::decode_file(bytes);
    let mut parsed = csv::parse(&text)?;
    parsed.problems.extend(csv::undecodable(&parsed.records, &bad_lines, encoding));
    parsed.problems.sort_by_key(|p| p.line);
    Ok(parsed)
}

/// Whether the first non-blank line is `BEGIN:VCARD`.
fn looks_like_vcard(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    bytes
        .split(|b| *b == b'\n')
        .map(<[u8]>::trim_ascii)
        .find(|l| !l.is_empty())
        .is_some_and(|l| l.eq_ignore_ascii_case(b"BEGIN:VCARD"))
}

#[cfg(test)]
mod tests;
