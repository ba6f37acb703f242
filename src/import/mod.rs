//! Contacts read from other tools' files: vCard 2.1, 3.0 and 4.0 (`vcard.rs`) and CSV from
//! LinkedIn, Google Contacts or anything with a header row (`csv.rs`). Pure: bytes in, typed
//! [`Record`]s and [`Problem`]s out; `commands/import.rs` decides what to write.
//!
//! Both readers share what is here: the record, how text is cleaned, and how notes become the
//! body of a contact file and back (`notes_to_body`, `body_notes`, used by the vCard export).
//! Dates in the shapes other tools export are read by `crate::dates::parse_exported`.

pub mod csv;
pub mod vcard;

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

/// Notes as body text. A line that markdown would read as part of the contact's structure gets
/// a `\` (a standard CommonMark escape: a renderer shows the line as written):
/// - a heading (`# x` becomes `\# x`) or a setext underline (`===` or `---` under a line of
///   text), so that imported text can never open a section (such as `## Log`) of its own;
/// - a list item or task that would read as an interaction (`- 2020-01-01 met` becomes
///   `\- 2020-01-01 met`, `1. 2020-...` becomes `1\. 2020-...`, and `- [ ] 2020-...`), and an
///   item with nothing on its first line (its date may be on the next).
///
/// Lines inside a fenced code block are code and stay as they are. Should the text still read
/// as an interaction or a heading (markdown over several lines), every list item and underline
/// is escaped, fences or not. Should it run over what import writes after it (an unclosed code
/// fence or HTML comment would swallow the `## Log` heading), it is put in a code block.
pub fn notes_to_body(notes: &str) -> String {
    let mut escaped = escape_lines(notes, false);
    if reads_as_structure(&escaped) {
        escaped = escape_lines(notes, true);
    }
    let log = format!("{escaped}\n\n## Log\n");
    if !crate::contact::body::top_level_headings(&log).iter().any(|h| h.title == "Log") {
        // Longer than any run of backticks inside, so that no line of the notes closes it.
        let longest = escaped.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        escaped = format!("{fence}\n{escaped}\n{fence}");
    }
    escaped
}

/// Whether text holds an interaction, a broken one, or a top-level heading.
fn reads_as_structure(text: &str) -> bool {
    let parsed = crate::contact::body::parse(text);
    !parsed.interactions.is_empty()
        || !parsed.problems.is_empty()
        || !crate::contact::body::top_level_headings(text).is_empty()
}

/// `notes_to_body`'s escapes, line by line; `all` escapes every list item and underline.
fn escape_lines(notes: &str, all: bool) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut previous_blank = true;
    for line in notes.lines() {
        let trimmed = line.trim_start();
        let blank = trimmed.is_empty();
        if !all {
            if let Some(marker) = fence {
                if trimmed.starts_with(marker) {
                    fence = None;
                }
                out.push(line.to_string());
                previous_blank = blank;
                continue;
            }
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fence = Some(if trimmed.starts_with("```") { "```" } else { "~~~" });
                out.push(line.to_string());
                previous_blank = blank;
                continue;
            }
        }
        let indent = &line[..line.len() - trimmed.len()];
        let escaped = if is_heading(line) {
            format!("\\{trimmed}")
        } else if is_underline(trimmed) && (all || (!previous_blank && indent.len() <= 3)) {
            format!("{indent}\\{trimmed}")
        } else if let Some(marker) = list_marker(trimmed) {
            let rest = trimmed.get(marker..).unwrap_or("");
            let task_only = matches!(rest.trim(), "[ ]" | "[x]" | "[X]");
            if all || rest.trim().is_empty() || task_only || reads_as_structure(trimmed) {
                // Before the bullet (`\-`), or before an ordered item's `.` or `)` (`1\.`).
                let at = if trimmed.starts_with(|c: char| c.is_ascii_digit()) { marker - 1 } else { 0 };
                format!("{indent}{}\\{}", &trimmed[..at], &trimmed[at..])
            } else {
                line.to_string()
            }
        } else {
            line.to_string()
        };
        out.push(escaped);
        previous_blank = blank;
    }
    out.join("\n")
}

/// `===` or `---` (spaces after allowed): under a line of text, it makes that line a heading.
fn is_underline(trimmed: &str) -> bool {
    let line = trimmed.trim_end();
    !line.is_empty() && (line.bytes().all(|b| b == b'=') || line.bytes().all(|b| b == b'-'))
}

/// The length of a list item's marker at the start of `trimmed` (`-`, `*`, `+`, `1.`, `12)`),
/// when a space, a tab or the line's end follows it.
fn list_marker(trimmed: &str) -> Option<usize> {
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let len = match trimmed.as_bytes().get(digits) {
        Some(b'.' | b')') if (1..=9).contains(&digits) => digits + 1,
        Some(b'-' | b'*' | b'+') if digits == 0 => 1,
        _ => return None,
    };
    match trimmed.as_bytes().get(len) {
        None | Some(b' ' | b'\t') => Some(len),
        Some(_) => None,
    }
}

/// Undoes one of `notes_to_body`'s escapes, if the line holds one.
fn unescape(line: &str) -> Option<String> {
    if let Some(rest) = line.strip_prefix('\\').filter(|rest| is_heading(rest)) {
        return Some(rest.to_string());
    }
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    if let Some(rest) = trimmed.strip_prefix('\\') {
        if is_underline(rest) || list_marker(rest).is_some() {
            return Some(format!("{indent}{rest}"));
        }
    }
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let (number, rest) = trimmed.split_at(digits);
    let unescaped = format!("{number}{}", rest.strip_prefix('\\')?);
    (list_marker(&unescaped) == Some(digits + 1)).then(|| format!("{indent}{unescaped}"))
}

fn is_heading(line: &str) -> bool {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return false;
    }
    let hashes = trimmed.bytes().take_while(|b| *b == b'#').count();
    (1..=6).contains(&hashes)
        && trimmed.get(hashes..).is_some_and(|r| r.is_empty() || r.starts_with([' ', '\t']))
}

/// The free text of a contact's body: everything but the `Log` sections (as
/// `contact::body::log_sections` finds them, the sections `log` writes to) and a top-level
/// `Notes` heading. A `## Log` in a block quote or a list item is no section: it stays in the
/// notes. Inverse of [`notes_to_body`] for what import writes.
pub fn body_notes(body: &str) -> String {
    // Line starts of the Log sections: from the heading's line up to the line that holds the
    // next heading (which may start inside that line, after `> `), or the body's end.
    let line_start = |offset: usize| body.get(..offset).unwrap_or("").rfind('\n').map_or(0, |i| i + 1);
    let skipped: Vec<(usize, usize)> = crate::contact::body::log_sections(body)
        .iter()
        .map(|s| {
            (line_start(s.heading.start), if s.end >= body.len() { usize::MAX } else { line_start(s.end) })
        })
        .collect();
    let notes_headings: Vec<_> = crate::contact::body::top_level_headings(body)
        .into_iter()
        .filter(|h| h.title.eq_ignore_ascii_case("notes"))
        .collect();
    let mut kept: Vec<String> = Vec::new();
    let mut fence: Option<&str> = None;
    // The end of a `Notes` heading being left out (a setext heading has two lines).
    let mut dropping_until = 0;
    let mut start = 0;
    for raw in body.split_inclusive('\n') {
        let end = start + raw.len();
        let line_at = std::mem::replace(&mut start, end);
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if skipped.iter().any(|&(from, to)| from <= line_at && line_at < to) {
            continue;
        }
        if let Some(heading) = notes_headings.iter().find(|h| h.range.start >= line_at && h.range.start < end)
        {
            dropping_until = heading.range.end;
        }
        if line_at < dropping_until {
            continue;
        }
        // Inside a fence, a line is code as written; outside, undo `notes_to_body`'s escape.
        let trimmed = line.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            kept.push(line.trim_end().to_string());
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(if trimmed.starts_with("```") { "```" } else { "~~~" });
            kept.push(line.trim_end().to_string());
            continue;
        }
        let unescaped = unescape(line).unwrap_or_else(|| line.to_string());
        kept.push(unescaped.trim_end().to_string());
    }
    kept.join("\n").trim_matches('\n').to_string()
}

#[cfg(test)]
mod tests;
