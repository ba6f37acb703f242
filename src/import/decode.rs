//! Text from other tools' files: bytes decoded (UTF-8, UTF-16 with a BOM, else Latin-1), and
//! values cleaned to one line for front matter or to tidy lines for the body.

use crate::contact::PartialDate;

/// A whole text file: UTF-8 (a BOM dropped), UTF-16 with a BOM, else Latin-1.
#[must_use]
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
#[must_use]
pub(crate) fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// One line of text for a front matter value: control characters and line breaks become
/// spaces, runs of spaces collapse, the ends are trimmed, and bidirectional controls are
/// dropped (they only make a name display as another; see `vault::names::clean_name`).
#[must_use]
pub(crate) fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .map(|w| w.replace(crate::vault::names::is_bidi_control, ""))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Free text for the body: line breaks normalised to `\n`, other control characters dropped,
/// line ends trimmed, blank lines at both ends removed.
pub(crate) fn multi_line(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let cleaned: String = text.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect();
    let lines: Vec<&str> = cleaned.lines().map(str::trim_end).collect();
    lines.join("\n").trim_matches('\n').to_string()
}

/// Adds `value` (cleaned to one line) unless it is empty or already there (case-insensitively).
pub(crate) fn push_unique(list: &mut Vec<String>, value: &str) {
    let value = one_line(value);
    if !value.is_empty() && !list.iter().any(|v| v.eq_ignore_ascii_case(&value)) {
        list.push(value);
    }
}

/// Sets an optional one-line field unless it is already set or the value is empty.
pub(crate) fn set_once(field: &mut Option<String>, value: &str) {
    let value = one_line(value);
    if field.is_none() && !value.is_empty() {
        *field = Some(value);
    }
}

/// A date for front matter (`1980-03-26` or `--03-26`).
#[must_use]
pub fn date_text(date: PartialDate) -> String {
    date.to_string()
}
