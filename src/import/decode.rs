//! Text from other tools' files: bytes decoded with `encoding_rs` (UTF-8, UTF-16 with or
//! without a BOM, a vCard's `CHARSET`, else windows-1252), with the places where a byte had no
//! character; and values cleaned to one line for front matter or to tidy lines for the body.

use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::contact::PartialDate;

/// Text decoded in one encoding, and the byte offsets (in the input) of the sequences that
/// encoding has no character for; each is U+FFFD in `text`.
#[derive(Debug)]
pub(crate) struct Decoded {
    pub(crate) text: String,
    pub(crate) bad: Vec<usize>,
}

/// `bytes` in `encoding`, every undecodable sequence replaced by U+FFFD and noted. The five bytes
/// windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) count as undecodable: the WHATWG
/// table maps them to C1 controls, which the cleaning would drop without a word.
pub(crate) fn decode_as(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len());
    let mut text = String::with_capacity(capacity.min(64 << 20));
    let (mut bad, mut pos) = (Vec::new(), 0);
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&bytes[pos..], &mut text, true);
        pos += read;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(bytes.len() - pos + 16),
            DecoderResult::Malformed(length, after) => {
                bad.push(pos.saturating_sub(usize::from(length) + usize::from(after)));
                text.push('\u{fffd}');
            }
        }
    }
    if encoding == WINDOWS_1252 {
        let undefined = |b: &u8| matches!(b, 0x81 | 0x8d | 0x8f | 0x90 | 0x9d);
        bad.extend(bytes.iter().enumerate().filter(|(_, b)| undefined(b)).map(|(i, _)| i));
        bad.sort_unstable();
        text = text.replace(['\u{81}', '\u{8d}', '\u{8f}', '\u{90}', '\u{9d}'], "\u{fffd}");
    }
    Decoded { text, bad }
}

/// The encoding a `CHARSET` label names (WHATWG labels: `SHIFT_JIS`, `windows-1251`, `GB2312`,
/// `ISO-8859-1` → windows-1252, ...), if `encoding_rs` knows it.
pub(crate) fn charset(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// UTF-16 without a BOM, judged by where the NUL bytes are among the first 1,024 bytes: text
/// that is mostly ASCII (as every vCard and CSV header is) has a NUL in every other byte. A
/// quarter of the pairs with a NUL on one side and none on the other decide it.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(1024) & !1];
    let pairs = sample.len() / 2;
    let (even, odd) = sample
        .chunks_exact(2)
        .fold((0, 0), |(e, o), p| (e + usize::from(p[0] == 0), o + usize::from(p[1] == 0)));
    match (even, odd) {
        _ if pairs < 2 => None,
        (0, odd) if odd * 4 >= pairs => Some(UTF_16LE),
        (even, 0) if even * 4 >= pairs => Some(UTF_16BE),
        _ => None,
    }
}

/// The encoding a whole file is in when the file says so itself: a BOM, or UTF-16's NULs.
/// `None`: 8-bit text, read line by line (see [`decode_file`]) or, in a vCard, value by value.
pub(crate) fn file_encoding(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => Some((encoding, bom)),
        None => utf16_without_bom(bytes).map(|e| (e, 0)),
    }
}

/// A whole text file: UTF-8 or UTF-16 by its BOM, UTF-16 by its NULs, else each line as UTF-8
/// when it is valid UTF-8 and as windows-1252 when not (Outlook and Excel write "ANSI").
/// `bad` holds the 1-based numbers of the lines with undecodable bytes.
pub(crate) fn decode_file(bytes: &[u8]) -> (String, Vec<usize>, &'static str) {
    if let Some((encoding, bom)) = file_encoding(bytes) {
        let decoded = decode_as(encoding, &bytes[bom..]);
        let lines = if decoded.bad.is_empty() { Vec::new() } else { replaced_lines(&decoded.text) };
        return (decoded.text, lines, encoding.name());
    }
    let mut text = String::with_capacity(bytes.len());
    let mut bad = Vec::new();
    for (i, line) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        if let Ok(line) = std::str::from_utf8(line) {
            text.push_str(line);
        } else {
            let decoded = decode_as(WINDOWS_1252, line);
            if !decoded.bad.is_empty() {
                bad.push(i + 1);
            }
            text.push_str(&decoded.text);
        }
    }
    (text, bad, WINDOWS_1252.name())
}

/// The 1-based lines of `text` that hold a replacement character.
fn replaced_lines(text: &str) -> Vec<usize> {
    text.split_inclusive('\n')
        .enumerate()
        .filter(|(_, l)| l.contains('\u{fffd}'))
        .map(|(i, _)| i + 1)
        .collect()
}

/// A whole text file (see [`decode_file`]).
#[must_use]
pub fn decode_text(bytes: &[u8]) -> String {
    decode_file(bytes).0
}

/// The default for unlabelled 8-bit text.
pub(crate) const UNLABELLED: &Encoding = WINDOWS_1252;

/// UTF-8, the vCard default.
pub(crate) const DEFAULT: &Encoding = UTF_8;

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
