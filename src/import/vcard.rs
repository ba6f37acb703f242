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

use encoding_rs::Encoding;

use crate::contact::PartialDate;

use super::decode::{charset, decode_as, Decoded, DEFAULT, UNLABELLED};
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
    /// What the value's bytes (quoted-printable undone) are read as; set for the whole card by
    /// [`set_charsets`].
    encoding: &'static Encoding,
    /// How the value was put together from broken lines (see [`content_lines`]).
    mended: Mended,
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
        unescape(&self.decode(&self.value).text)
    }

    /// Structured components (split on unescaped `;`).
    fn components(&self) -> Vec<String> {
        self.split(b';')
    }

    /// List items (split on unescaped `,`).
    fn items(&self) -> Vec<String> {
        self.split(b',')
    }

    /// Quoted-printable is all ASCII, so it is split before it is decoded (`=3B` stays in its
    /// part); other text is decoded first, since a `Shift_JIS` or GBK character's second byte may
    /// be `\` (0x5C).
    fn split(&self, separator: u8) -> Vec<String> {
        if self.quoted_printable() {
            return split_unescaped(&self.value, separator)
                .iter()
                .map(|part| unescape(&self.decode(part).text))
                .collect();
        }
        let text = self.decode(&self.value).text;
        split_unescaped(text.as_bytes(), separator)
            .iter()
            .map(|part| unescape(&String::from_utf8_lossy(part)))
            .collect()
    }

    /// The bytes the value stands for: quoted-printable undone.
    fn bytes(&self, raw: &[u8]) -> Vec<u8> {
        if self.quoted_printable() {
            quoted_printable(raw)
        } else {
            raw.to_vec()
        }
    }

    /// Bytes → text: quoted-printable undone, then read in the property's encoding.
    fn decode(&self, raw: &[u8]) -> Decoded {
        decode_as(self.encoding, &self.bytes(raw))
    }
}

/// What was mended to read a value whole.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Mended {
    /// A quoted-printable value went on over line breaks without the soft-break `=`.
    hard_breaks: bool,
    /// A quoted-printable value ended in `=` right before the next property (Outlook does this).
    final_equals: bool,
}

/// Sets the encoding of every property of a card: its `CHARSET` when `encoding_rs` knows it;
/// without one (or with an unknown one), UTF-8 when the bytes are UTF-8, else the card's own
/// non-UTF-8 `CHARSET` when it names one for another property (phones label some properties
/// and not others), else windows-1252. In a UTF-16 file (`unicode`) only quoted-printable
/// values are bytes; the rest is UTF-8 text already.
fn set_charsets(properties: &mut [Property], unicode: bool, problems: &mut Vec<Problem>) {
    let labelled = |p: &Property| !unicode || p.quoted_printable();
    let card = properties
        .iter()
        .filter(|p| labelled(p))
        .filter_map(|p| p.param("CHARSET").and_then(charset))
        .find(|e| *e != DEFAULT);
    for p in properties.iter_mut() {
        let label = p.param("CHARSET").filter(|_| labelled(p)).map(str::to_string);
        let known = label.as_deref().and_then(charset);
        p.encoding = match known {
            Some(encoding) => encoding,
            None if !labelled(p) => DEFAULT,
            None => {
                if let Some(label) = label.filter(|_| is_kept(&p.name)) {
                    let message = format!(
                        "{}: unknown CHARSET {:?}; read as UTF-8 or windows-1252",
                        p.name,
                        one_line(&label)
                    );
                    problems.push(Problem::new(p.line, message));
                }
                match std::str::from_utf8(&p.bytes(&p.value)) {
                    Ok(_) => DEFAULT,
                    Err(_) => card.unwrap_or(UNLABELLED),
                }
            }
        };
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

/// The properties of RFC 2426 and RFC 6350 (and 2.1's), by which a line is known to start one.
const PROPERTY_NAMES: &[&str] = &[
    "BEGIN",
    "END",
    "VERSION",
    "SOURCE",
    "KIND",
    "XML",
    "FN",
    "N",
    "NICKNAME",
    "PHOTO",
    "BDAY",
    "ANNIVERSARY",
    "GENDER",
    "ADR",
    "LABEL",
    "TEL",
    "EMAIL",
    "IMPP",
    "LANG",
    "TZ",
    "GEO",
    "TITLE",
    "ROLE",
    "LOGO",
    "ORG",
    "MEMBER",
    "RELATED",
    "CATEGORIES",
    "NOTE",
    "PRODID",
    "REV",
    "SOUND",
    "UID",
    "CLIENTPIDMAP",
    "URL",
    "KEY",
    "FBURL",
    "CALADRURI",
    "CALURI",
    "AGENT",
    "MAILER",
    "CLASS",
    "NAME",
    "PROFILE",
    "SORT-STRING",
];

/// Whether a line starts a property by its name: a known one, or an `X-` one (after a group).
fn starts_property(line: &[u8]) -> bool {
    let Some(end) = header_end(line) else { return false };
    let header = String::from_utf8_lossy(&line[..end]);
    let name = header.split(';').next().unwrap_or_default();
    let name = name.rsplit_once('.').map_or(name, |(_, n)| n).trim().to_ascii_uppercase();
    name.starts_with("X-") || PROPERTY_NAMES.contains(&name.as_str())
}

/// One content line: its first line number, its bytes, what was mended.
type ContentLine = (usize, Vec<u8>, Mended);

/// Joins folded lines and quoted-printable soft breaks into content lines. A quoted-printable
/// value also takes the lines after it that start no property (vCard 2.1 writers that break
/// an ADR or NOTE without the `=`: the break is kept as `=0D=0A`), and a final `=` right before a
/// line that starts a property ends the value (Outlook 2007 writes one).
fn content_lines(bytes: &[u8]) -> Vec<ContentLine> {
    let lines = physical_lines(bytes);
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&(number, first)) = lines.get(i) {
        i += 1;
        let mut line = first.to_vec();
        let qp = is_qp_header(&line);
        let mut mended = Mended::default();
        while let Some(&(_, next)) = lines.get(i) {
            let trimmed = next.trim_ascii();
            let card_line =
                trimmed.eq_ignore_ascii_case(b"END:VCARD") || trimmed.eq_ignore_ascii_case(b"BEGIN:VCARD");
            if qp && line.ends_with(b"=") && !card_line && starts_property(next) {
                line.pop();
                mended.final_equals = true;
                break;
            } else if qp && line.ends_with(b"=") && !card_line {
                line.pop();
                line.extend_from_slice(next);
            } else if matches!(next.first(), Some(b' ' | b'\t')) {
                line.extend_from_slice(&next[1..]);
            } else if qp && !trimmed.is_empty() && !card_line && !starts_property(next) {
                if !line.to_ascii_uppercase().ends_with(b"=0D=0A") {
                    line.extend_from_slice(b"=0D=0A");
                }
                line.extend_from_slice(next);
                mended.hard_breaks = true;
            } else {
                break;
            }
            i += 1;
        }
        out.push((number, line, mended));
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

fn parse_property(number: usize, line: &[u8], mended: Mended) -> Result<Property, String> {
    let Some(end) = header_end(line) else {
        let shown: String = String::from_utf8_lossy(line).chars().take(40).collect();
        return Err(format!("not a vCard property (no `:`): {:?}", one_line(&shown)));
    };
    let (group, name, params) = parse_params(&line[..end])?;
    let value = line[end + 1..].to_vec();
    Ok(Property { line: number, group, name, params, value, encoding: DEFAULT, mended })
}

/// Reads every card of a file. Never fails: what cannot be read is reported.
#[must_use]
pub fn parse(bytes: &[u8]) -> (Vec<Record>, Vec<Problem>) {
    parse_file(bytes, false)
}

/// [`parse`]; `unicode`: the file was UTF-16, decoded to UTF-8 (see [`set_charsets`]).
pub(crate) fn parse_file(bytes: &[u8], unicode: bool) -> (Vec<Record>, Vec<Problem>) {
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
    let mut end_card =
        |start: usize, mut properties: Vec<Property>, problems: &mut Vec<Problem>, unterminated: bool| {
            set_charsets(&mut properties, unicode, problems);
            match card_record(start, &properties, problems) {
                Some(record) if record.kind == super::CardKind::Group => problems.push(Problem::skipped(
                    start,
                    format!("{:?} is a group card (KIND:group), not a person; skipped", record.name),
                )),
                Some(record) => {
                    if unterminated {
                        problems.push(Problem::recovered(
                            start,
                            format!(
                                "{} has no END:VCARD before the next BEGIN:VCARD; read as ended there",
                                card_name(&record)
                            ),
                        ));
                    }
                    records.push(record);
                }
                None => problems.push(Problem::skipped(start, "card has no name, e-mail or phone; skipped")),
            }
        };
    for (number, line, mended) in content_lines(bytes) {
        let trimmed = line.trim_ascii();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.eq_ignore_ascii_case(b"BEGIN:VCARD") {
            flush_junk(&mut junk_start, &mut problems);
            if let Some((start, properties)) = card.take() {
                end_card(start, properties, &mut problems, true);
            }
            card = Some((number, Vec::new()));
            continue;
        }
        if trimmed.eq_ignore_ascii_case(b"END:VCARD") {
            match card.take() {
                Some((start, properties)) => end_card(start, properties, &mut problems, false),
                None => problems.push(Problem::new(number, "END:VCARD without BEGIN:VCARD; ignored")),
            }
            continue;
        }
        match card.as_mut() {
            Some((_, properties)) => match parse_property(number, &line, mended) {
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
        // The file was cut short, maybe inside the last value: not guessed at.
        problems.push(Problem::skipped(start, "card has no END:VCARD (the file ends); skipped"));
    }
    (records, problems)
}

/// `card "Name"`, for the lines that name the card they are about.
fn card_name(record: &Record) -> String {
    format!("card {:?}", record.name)
}

/// The properties [`to_record`] reads: only their bytes and breaks are worth a word.
fn is_kept(name: &str) -> bool {
    const KEPT: &[&str] = &[
        "FN",
        "N",
        "NICKNAME",
        "ORG",
        "TITLE",
        "ROLE",
        "EMAIL",
        "TEL",
        "BDAY",
        "X-ABDATE",
        "X-ABLABEL",
        "NOTE",
        "CATEGORIES",
        "URL",
        "ADR",
    ];
    KEPT.contains(&name) || ANNIVERSARY_NAMES.contains(&name)
}

/// A card's record, and a line for each value read in spite of broken bytes or lines.
fn card_record(start: usize, properties: &[Property], problems: &mut Vec<Problem>) -> Option<Record> {
    let alternatives = alternatives(properties);
    let record = to_record(start, properties, &alternatives, problems)?;
    let card = card_name(&record);
    for &i in &alternatives {
        let Some(p) = properties.get(i) else { continue };
        let (id, text) = (p.param("ALTID").unwrap_or_default(), one_line(&p.text()));
        let message =
            format!("{}: the ALTID={id} alternative {text:?} left out for the date, in {card}", p.name);
        problems.push(Problem::recovered(p.line, message));
    }
    for p in properties.iter().filter(|p| is_kept(&p.name)) {
        if !p.decode(&p.value).bad.is_empty() {
            let message =
                format!("{}: bytes that are not {} (shown as \u{fffd}) in {card}", p.name, p.encoding.name());
            problems.push(Problem::new(p.line, message));
        }
        if p.mended.hard_breaks {
            let message = format!(
                "{}: a quoted-printable value goes on over line breaks without `=`; read whole, in {card}",
                p.name
            );
            problems.push(Problem::recovered(p.line, message));
        }
        if p.mended.final_equals {
            let message = format!("{}: a quoted-printable value ends in `=` before the next property; read as ended there, in {card}", p.name);
            problems.push(Problem::recovered(p.line, message));
        }
    }
    Some(record)
}

/// The date properties (`BDAY`, anniversaries) that are another form of one the card has with
/// the same `ALTID` (RFC 6350 §5.4: `BDAY;VALUE=text;ALTID=1:circa 1800` beside
/// `BDAY;ALTID=1:18000101`): the first that reads as a date is kept, the others are left out.
fn alternatives(properties: &[Property]) -> Vec<usize> {
    let is_date = |p: &Property| p.name == "BDAY" || ANNIVERSARY_NAMES.contains(&p.name.as_str());
    let reads = |p: &Property| {
        !p.has_param_value("VALUE", "text") && parse_exported(&one_line(&p.text()), None).is_ok()
    };
    let mut groups: Vec<((&str, &str), Vec<usize>)> = Vec::new();
    for (i, p) in properties.iter().enumerate().filter(|(_, p)| is_date(p)) {
        let Some(id) = p.param("ALTID").filter(|id| !id.trim().is_empty()) else { continue };
        match groups.iter_mut().find(|(key, _)| *key == (p.name.as_str(), id)) {
            Some((_, members)) => members.push(i),
            None => groups.push(((p.name.as_str(), id), vec![i])),
        }
    }
    let mut left_out = Vec::new();
    for (_, members) in groups.into_iter().filter(|(_, m)| m.len() > 1) {
        let keep =
            members.iter().copied().find(|&i| properties.get(i).is_some_and(reads)).unwrap_or(members[0]);
        left_out.extend(members.into_iter().filter(|&i| i != keep));
    }
    left_out.sort_unstable();
    left_out
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

fn to_record(
    start: usize,
    properties: &[Property],
    left_out: &[usize],
    problems: &mut Vec<Problem>,
) -> Option<Record> {
    let labels: HashMap<&str, String> = properties
        .iter()
        .filter(|p| p.name == "X-ABLABEL")
        .filter_map(|p| p.group.as_deref().map(|g| (g, apple_label(&p.text()))))
        .collect();
    let mut record = Record { line: start, ..Record::default() };
    let mut full_name = None;
    let mut structured_name = None;
    let mut role_fallback = None;
    for (_, p) in properties.iter().enumerate().filter(|(i, _)| !left_out.contains(i)) {
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
                    .flat_map(|c| multi_line(c).lines().map(one_line).collect::<Vec<_>>())
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
