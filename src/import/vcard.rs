//! vCard 2.1, 3.0 and 4.0 (RFC 2426, RFC 6350, and what Apple, Google, Android, Outlook and
//! Evolution really write) → [`Record`]s. A careful line parser, on bytes:
//!
//! - lines end in CRLF or LF; a line that starts with a space or tab continues the previous one;
//! - a QUOTED-PRINTABLE value that ends in `=` continues on the next line, whatever it holds;
//! - `group.NAME;param=value;BARE-2.1-PARAM:value`, parameter values optionally quoted;
//! - structured values split on unescaped `;`, lists on unescaped `,`, before decoding, then
//!   QUOTED-PRINTABLE and CHARSET are applied and `\n \, \; \: \\` unescaped;
//! - blank lines are skipped (2.1 ends base64 blocks with one); PHOTO, LOGO, SOUND and KEY are
//!   skipped and never inlined;
//! - a card without `END:VCARD`, or lines outside any card, are reported with their line number
//!   and the other cards are still read.

use std::collections::HashMap;

use crate::contact::PartialDate;

use super::{multi_line, one_line, push_unique, set_once, Problem, Record};
use crate::dates::parse_exported;

/// One unfolded content line.
#[derive(Debug)]
struct Property {
    line: usize,
    group: Option<String>,
    /// Upper case.
    name: String,
    /// Names upper case; values unquoted, as written.
    params: Vec<(String, String)>,
    value: Vec<u8>,
}

impl Property {
    fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn has_param_value(&self, name: &str, value: &str) -> bool {
        self.params
            .iter()
            .any(|(n, v)| n == name && v.split(',').any(|x| x.trim().eq_ignore_ascii_case(value)))
    }

    /// The `TYPE` values, lower case (`TYPE=work,voice`, 2.1's bare `WORK`).
    fn types(&self) -> Vec<String> {
        self.params
            .iter()
            .filter(|(n, _)| n == "TYPE")
            .flat_map(|(_, v)| v.split(','))
            .map(|t| t.trim().to_ascii_lowercase())
            .filter(|t| !t.is_empty())
            .collect()
    }

    fn quoted_printable(&self) -> bool {
        self.has_param_value("ENCODING", "QUOTED-PRINTABLE")
    }

    /// The whole value as text.
    fn text(&self) -> String {
        unescape(&self.decode(&self.value))
    }

    /// Structured components (split on unescaped `;`).
    fn components(&self) -> Vec<String> {
        split_unescaped(&self.value, b';').iter().map(|part| unescape(&self.decode(part))).collect()
    }

    /// List items (split on unescaped `,`).
    fn items(&self) -> Vec<String> {
        split_unescaped(&self.value, b',').iter().map(|part| unescape(&self.decode(part))).collect()
    }

    /// Bytes → text: quoted-printable undone, then the CHARSET (UTF-8 unless told otherwise;
    /// bytes that are not UTF-8 are read as Latin-1).
    fn decode(&self, raw: &[u8]) -> String {
        let bytes = if self.quoted_printable() { quoted_printable(raw) } else { raw.to_vec() };
        let charset = self.param("CHARSET").unwrap_or("").to_ascii_lowercase();
        let latin = ["iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252", "iso-8859-15"];
        if latin.contains(&charset.as_str()) {
            return super::latin1(&bytes);
        }
        match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) if charset.starts_with("utf") => String::from_utf8_lossy(e.as_bytes()).into_owned(),
            Err(e) => super::latin1(e.as_bytes()),
        }
    }
}

/// Decodes quoted-printable (soft line breaks were already joined); a broken escape is kept as written.
fn quoted_printable(raw: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let byte = raw[i];
        if byte == b'=' {
            match (raw.get(i + 1).copied().and_then(hex), raw.get(i + 2).copied().and_then(hex)) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    i += 3;
                    continue;
                }
                // A stray `=` at the very end of a value: a soft break with nothing after it.
                _ if i + 1 == raw.len() => break,
                _ => {}
            }
        }
        out.push(byte);
        i += 1;
    }
    out
}

/// Splits on `separator` where it is not escaped by a backslash.
fn split_unescaped(raw: &[u8], separator: u8) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'\\' => i += 1,
            b if b == separator => {
                parts.push(&raw[start..i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    parts.push(raw.get(start..).unwrap_or(&[]));
    parts
}

/// `\n` and `\N` → line break; `\,` `\;` `\:` `\\` (and any other escaped character) → itself.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Physical lines (CR LF or LF) with their 1-based numbers.
fn physical_lines(bytes: &[u8]) -> Vec<(usize, &[u8])> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let mut lines: Vec<(usize, &[u8])> = bytes
        .split(|b| *b == b'\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix(b"\r").unwrap_or(l)))
        .collect();
    if lines.last().is_some_and(|(_, l)| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// The bytes before the first `:` outside double quotes (name and parameters), if any.
fn header_end(line: &[u8]) -> Option<usize> {
    let mut quoted = false;
    for (i, b) in line.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

fn is_qp_header(line: &[u8]) -> bool {
    let Some(end) = header_end(line) else { return false };
    line[..end].to_ascii_uppercase().windows(16).any(|w| w == b"QUOTED-PRINTABLE")
}

/// Joins folded lines and quoted-printable soft breaks into content lines (first line number, bytes).
fn content_lines(bytes: &[u8]) -> Vec<(usize, Vec<u8>)> {
    let lines = physical_lines(bytes);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&(number, first)) = lines.get(i) {
        i += 1;
        let mut line = first.to_vec();
        while let Some(&(_, next)) = lines.get(i) {
            let soft_break = line.ends_with(b"=") && is_qp_header(&line);
            if soft_break && !next.trim_ascii().eq_ignore_ascii_case(b"END:VCARD") {
                line.pop();
                line.extend_from_slice(next);
            } else if matches!(next.first(), Some(b' ' | b'\t')) {
                line.extend_from_slice(&next[1..]);
            } else {
                break;
            }
            i += 1;
        }
        out.push((number, line));
    }
    out
}

/// Parameter values (2.1 bare ones become TYPE or ENCODING), unquoted.
/// A property's group, upper-case name and parameters.
type Header = (Option<String>, String, Vec<(String, String)>);

fn parse_params(header: &[u8]) -> Result<Header, String> {
    let header = String::from_utf8_lossy(header);
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => parts.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    parts.push(current);
    let mut parts = parts.into_iter();
    let full_name = parts.next().unwrap_or_default();
    let (group, name) = match full_name.rsplit_once('.') {
        Some((group, name)) => (Some(group.to_ascii_lowercase()), name.to_string()),
        None => (None, full_name),
    };
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("not a vCard property: {:?}", super::one_line(&header)));
    }
    let mut params = Vec::new();
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (key, value) = if let Some((key, value)) = part.split_once('=') {
            (key.trim().to_ascii_uppercase(), value.trim().to_string())
        } else {
            let upper = part.to_ascii_uppercase();
            let encodings = ["QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"];
            let key = if encodings.contains(&upper.as_str()) { "ENCODING" } else { "TYPE" };
            (key.to_string(), part.to_string())
        };
        params.push((key, value));
    }
    Ok((group, name.to_ascii_uppercase(), params))
}

fn parse_property(number: usize, line: &[u8]) -> Result<Property, String> {
    let Some(end) = header_end(line) else {
        let shown: String = String::from_utf8_lossy(line).chars().take(40).collect();
        return Err(format!("not a vCard property (no `:`): {:?}", one_line(&shown)));
    };
    let (group, name, params) = parse_params(&line[..end])?;
    Ok(Property { line: number, group, name, params, value: line[end + 1..].to_vec() })
}

/// Reads every card of a file. Never fails: what cannot be read is reported.
#[must_use]
pub fn parse(bytes: &[u8]) -> (Vec<Record>, Vec<Problem>) {
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let mut card: Option<(usize, Vec<Property>)> = None;
    let mut junk_start: Option<(usize, usize)> = None;
    let flush_junk = |junk: &mut Option<(usize, usize)>, problems: &mut Vec<Problem>| {
        if let Some((line, count)) = junk.take() {
            let what = if count == 1 { "a line".to_string() } else { format!("{count} lines") };
            problems
                .push(Problem::new(line, format!("{what} outside any BEGIN:VCARD ... END:VCARD; ignored")));
        }
    };
    for (number, line) in content_lines(bytes) {
        let trimmed = line.trim_ascii();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.eq_ignore_ascii_case(b"BEGIN:VCARD") {
            flush_junk(&mut junk_start, &mut problems);
            if let Some((start, _)) = card.take() {
                problems.push(Problem::new(start, "card has no END:VCARD (another card begins); skipped"));
            }
            card = Some((number, Vec::new()));
            continue;
        }
        if trimmed.eq_ignore_ascii_case(b"END:VCARD") {
            match card.take() {
                Some((start, properties)) => match to_record(start, &properties, &mut problems) {
                    Some(record) if record.kind == super::CardKind::Group => problems.push(Problem::new(
                        start,
                        format!("{:?} is a group card (KIND:group), not a person; skipped", record.name),
                    )),
                    Some(record) => records.push(record),
                    None => problems.push(Problem::new(start, "card has no name, e-mail or phone; skipped")),
                },
                None => problems.push(Problem::new(number, "END:VCARD without BEGIN:VCARD; ignored")),
            }
            continue;
        }
        match card.as_mut() {
            Some((_, properties)) => match parse_property(number, &line) {
                Ok(property) => properties.push(property),
                Err(message) => problems.push(Problem::new(number, format!("{message}; ignored"))),
            },
            None => match junk_start.as_mut() {
                Some((_, count)) => *count += 1,
                None => junk_start = Some((number, 1)),
            },
        }
    }
    flush_junk(&mut junk_start, &mut problems);
    if let Some((start, _)) = card {
        problems.push(Problem::new(start, "card has no END:VCARD (the file ends); skipped"));
    }
    (records, problems)
}

/// `_$!<Anniversary>!$_` → `Anniversary`.
fn apple_label(label: &str) -> String {
    let label = label.trim();
    label.strip_prefix("_$!<").and_then(|l| l.strip_suffix(">!$_")).unwrap_or(label).trim().to_string()
}

const ANNIVERSARY_NAMES: &[&str] = &[
    "ANNIVERSARY",
    "X-ANNIVERSARY",
    "X-MS-ANNIVERSARY",
    "X-EVOLUTION-ANNIVERSARY",
    "X-KADDRESSBOOK-X-ANNIVERSARY",
];

/// Address books' own groups that are not tags.
#[must_use]
pub(crate) fn is_system_group(tag: &str) -> bool {
    let squashed: String =
        tag.chars().filter(|c| !c.is_whitespace() && *c != '*').collect::<String>().to_lowercase();
    matches!(squashed.as_str(), "mycontacts" | "starredinandroid" | "")
}

fn to_record(start: usize, properties: &[Property], problems: &mut Vec<Problem>) -> Option<Record> {
    let labels: HashMap<&str, String> = properties
        .iter()
        .filter(|p| p.name == "X-ABLABEL")
        .filter_map(|p| p.group.as_deref().map(|g| (g, apple_label(&p.text()))))
        .collect();
    let mut record = Record { line: start, ..Record::default() };
    let mut full_name = None;
    let mut structured_name = None;
    let mut role_fallback = None;
    for p in properties {
        if identity_property(p, &mut record) {
            continue;
        }
        let label = p.group.as_deref().and_then(|g| labels.get(g));
        match p.name.as_str() {
            "FN" => set_once(&mut full_name, &p.text()),
            "N" => {
                let parts = p.components();
                // given, additional, family; each may be a comma list.
                let pick = |i: usize| parts.get(i).map(|s| s.replace(',', " ")).unwrap_or_default();
                set_once(&mut structured_name, &format!("{} {} {}", pick(1), pick(2), pick(0)));
                let parts: Vec<String> = parts.iter().map(|p| one_line(p)).collect();
                if record.name_parts.is_none() && parts.iter().any(|p| !p.is_empty()) {
                    record.name_parts = Some(crate::contact::name_parts::NameParts::from_components(&parts));
                }
            }
            "NICKNAME" => p.items().iter().for_each(|n| push_unique(&mut record.aliases, n)),
            "ORG" => {
                let parts = p.components();
                if record.company.is_none() {
                    set_once(&mut record.company, parts.first().map_or("", String::as_str));
                    let units: Vec<String> =
                        parts.iter().skip(1).map(|u| one_line(u)).filter(|u| !u.is_empty()).collect();
                    set_once(&mut record.department, &units.join(" / "));
                }
            }
            "TITLE" => set_once(&mut record.role, &p.text()),
            "ROLE" => set_once(&mut role_fallback, &p.text()),
            "BDAY" => {
                if let Some(date) = date_property(p, "birthday", problems, &mut record.notes) {
                    record.birthday.get_or_insert(date);
                }
            }
            name if ANNIVERSARY_NAMES.contains(&name) => {
                if let Some(date) = date_property(p, "anniversary", problems, &mut record.notes) {
                    record.anniversary.get_or_insert(date);
                }
            }
            "X-ABDATE" => {
                let label = label.cloned().unwrap_or_else(|| "other".to_string());
                let Some(date) = date_property(p, &label, problems, &mut record.notes) else { continue };
                if label.eq_ignore_ascii_case("anniversary") {
                    record.anniversary.get_or_insert(date);
                } else if !record.dates.iter().any(|(l, _)| l.eq_ignore_ascii_case(&label)) {
                    record.dates.push((one_line(&label), date));
                }
            }
            "NOTE" => record.notes.push(multi_line(&p.text())),
            "CATEGORIES" => {
                for tag in p.items() {
                    if !is_system_group(&tag) {
                        push_unique(&mut record.tags, &tag);
                    }
                }
            }
            "ADR" => {
                let parts: Vec<String> = p
                    .components()
                    .iter()
                    .map(|c| one_line(&c.replace('\n', ", ")))
                    .filter(|c| !c.is_empty())
                    .collect();
                push_unique(&mut record.addresses, &parts.join(", "));
            }
            // Photos, logos, sounds and keys are skipped, never inlined; the rest is not kept.
            _ => {}
        }
    }
    if record.role.is_none() {
        record.role = role_fallback;
    }
    let name = full_name
        .or(structured_name)
        .or_else(|| record.aliases.first().cloned())
        .or_else(|| record.company.clone())
        .or_else(|| record.emails.first().cloned())
        .or_else(|| record.phones.first().cloned())?;
    record.name = name;
    Some(record)
}

/// The properties that say who or what a card is: e-mails, phones and URLs (with their
/// `TYPE`s, for `[fields]` type labels), `UID`, and `KIND` / Apple's `X-ABShowAs`.
fn identity_property(p: &Property, record: &mut Record) -> bool {
    match p.name.as_str() {
        "EMAIL" => {
            let text = p.text();
            push_unique(&mut record.emails, text.trim_start_matches("mailto:"));
            record.types.push((one_line(text.trim_start_matches("mailto:")), p.types()));
        }
        "TEL" => {
            let text = p.text();
            let number = text.strip_prefix("tel:").unwrap_or(&text);
            push_unique(&mut record.phones, number);
            record.types.push((one_line(number), p.types()));
        }
        "URL" => {
            push_unique(&mut record.urls, &p.text());
            record.types.push((one_line(&p.text()), p.types()));
        }
        "UID" => set_once(&mut record.uid, &p.text()),
        "KIND" | "X-ADDRESSBOOKSERVER-KIND" => match p.text().trim().to_ascii_lowercase().as_str() {
            "org" | "organization" => record.kind = super::CardKind::Organization,
            "group" => record.kind = super::CardKind::Group,
            _ => {}
        },
        "X-ABSHOWAS" if p.text().trim().eq_ignore_ascii_case("company") => {
            record.kind = super::CardKind::Organization;
        }
        _ => return false,
    }
    true
}

/// Reads a date property; one that is not a date is reported and its text kept in the notes.
fn date_property(
    p: &Property,
    what: &str,
    problems: &mut Vec<Problem>,
    notes: &mut Vec<String>,
) -> Option<PartialDate> {
    let text = one_line(&p.text());
    if text.is_empty() {
        return None;
    }
    let omit_year = p
        .params
        .iter()
        .find(|(k, _)| k == "X-APPLE-OMIT-YEAR")
        .and_then(|(_, v)| v.trim().parse::<i32>().ok());
    let parsed = if p.has_param_value("VALUE", "text") {
        Err(format!("{text:?} is text, not a date"))
    } else {
        parse_exported(&text, omit_year).map_err(|e| e.to_string())
    };
    match parsed {
        Ok(date) => Some(date),
        Err(message) => {
            problems.push(Problem::new(p.line, format!("{}: {message}; kept in the notes", p.name)));
            let mut label: Vec<char> = what.chars().collect();
            if let Some(first) = label.first_mut() {
                *first = first.to_ascii_uppercase();
            }
            notes.push(format!("{}: {text}", label.into_iter().collect::<String>()));
            None
        }
    }
}
