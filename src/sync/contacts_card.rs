//! One card file as its content lines, and the edits `sync contacts` makes to it: a property
//! replaced in place (its group and parameters kept), list items removed or added beside their
//! kind, new properties before `END:VCARD`. Every other line stays byte-for-byte, in its order.
#![deny(clippy::string_slice, clippy::indexing_slicing)]

use super::contacts_fields::{self, Fields};
use crate::render::rfc_text::{escape, fold};

/// One content line with its continuation lines and its line ending, as bytes.
struct Line {
    raw: Vec<u8>,
    /// The property name, upper case, without its group.
    name: String,
}

/// A card's lines.
pub(crate) struct CardText {
    lines: Vec<Line>,
    eol: &'static str,
    version: String,
}

/// The property and how a value of a field is written there.
fn property(field: &str) -> &'static str {
    match field {
        "name" => "FN",
        "company" => "ORG",
        "role" => "TITLE",
        "birthday" => "BDAY",
        "anniversary" => "ANNIVERSARY",
        "email" => "EMAIL",
        "phone" => "TEL",
        "url" => "URL",
        _ => "ADR",
    }
}

/// The value as the card's text: escaped, a date as RFC 6350 writes it.
fn card_value(field: &str, value: &str) -> String {
    match field {
        "birthday" | "anniversary" => {
            crate::dates::PartialDate::parse(value).map_or_else(|_| escape(value), crate::render::vcf::date)
        }
        "url" => value.chars().filter(|c| !c.is_control()).collect(),
        "address" => format!(";;{};;;;", escape(value)),
        _ => escape(value),
    }
}

impl CardText {
    pub(crate) fn parse(bytes: &[u8]) -> CardText {
        let eol =
            if bytes.windows(2).any(|w| w == b"\r\n") || !bytes.contains(&b'\n') { "\r\n" } else { "\n" };
        let mut lines: Vec<Line> = Vec::new();
        for physical in bytes.split_inclusive(|b| *b == b'\n') {
            match lines.last_mut() {
                Some(last) if physical.starts_with(b" ") || physical.starts_with(b"\t") => {
                    last.raw.extend_from_slice(physical);
                }
                _ => lines.push(Line { raw: physical.to_vec(), name: String::new() }),
            }
        }
        for line in &mut lines {
            line.name = name_of(&line.raw);
        }
        let version = lines.iter().find(|l| l.name == "VERSION").map_or("3.0".to_string(), |l| {
            content(&l.raw).split_once(':').map_or("", |(_, v)| v).trim().to_string()
        });
        CardText { lines, eol, version }
    }

    pub(crate) fn bytes(&self) -> Vec<u8> {
        self.lines.iter().flat_map(|l| l.raw.iter().copied()).collect()
    }

    /// A whole line: the content folded, the card's line ending.
    fn make_line(&self, content: &str) -> Line {
        let text = format!("{}{}", fold(content).replace("\r\n", self.eol), self.eol);
        Line { raw: text.into_bytes(), name: name_of(content.as_bytes()) }
    }

    /// Where new properties go: before `END:VCARD` (or at the end).
    fn end(&self) -> usize {
        self.lines.iter().rposition(|l| l.name == "END").unwrap_or(self.lines.len())
    }

    /// Sets `field` to `values` on the card; `n` is the structured name to write with a new name.
    pub(crate) fn set(&mut self, field: &str, values: &[String], n: Option<&str>) {
        if contacts_fields::is_list(field) {
            return self.set_list(field, values);
        }
        let value = values.first().map(|v| card_value(field, v));
        match (field, value) {
            ("company", Some(company)) => self.set_org(&company),
            (_, value) => self.set_one(property(field), value.as_deref()),
        }
        if let (Some(n), true) = (n, field == "name") {
            self.set_one("N", Some(n));
        }
    }

    /// Replaces the first line of `name` (group and parameters kept, but `VALUE`), removes the
    /// others; with no value, removes them all.
    fn set_one(&mut self, name: &str, value: Option<&str>) {
        let at = self.lines.iter().position(|l| l.name == name);
        let Some(value) = value else {
            self.lines.retain(|l| l.name != name);
            return;
        };
        let line = match at.and_then(|i| self.lines.get(i)) {
            Some(old) => self.make_line(&format!("{}:{value}", prefix_without_value_param(&old.raw))),
            None => self.make_line(&format!("{name}:{value}")),
        };
        if let Some(i) = at {
            self.lines.splice(i..=i, [line]);
            let mut seen = 0;
            self.lines.retain(|l| {
                seen += usize::from(l.name == name);
                l.name != name || seen == 1
            });
        } else {
            let end = self.end();
            self.lines.insert(end, line);
        }
    }

    /// `ORG`: the organisation (first component) replaced, its units kept.
    fn set_org(&mut self, company: &str) {
        let old = self.lines.iter().find(|l| l.name == "ORG").map(|l| content(&l.raw));
        let units = old.as_deref().and_then(value_part).and_then(|v| split_first_unescaped(v, ';'));
        let value = match units {
            Some(units) => format!("{company};{units}"),
            None => company.to_string(),
        };
        self.set_one("ORG", Some(&value));
    }

    /// Keeps the lines of the field whose value stays (first of each); a line whose value went
    /// takes a new value in its place (its group and parameters kept) while there are new ones,
    /// else is removed; the rest go after the last line of that property (or before `END:VCARD`).
    fn set_list(&mut self, field: &str, values: &[String]) {
        let name = property(field);
        let present: Vec<Option<String>> = self
            .lines
            .iter()
            .map(|l| if l.name == name { self.value(&l.raw, field) } else { None })
            .collect();
        let mut fresh: std::collections::VecDeque<&String> =
            values.iter().filter(|v| !present.contains(&Some((*v).clone()))).collect();
        let mut wanted: Vec<&String> = values.iter().collect();
        let (mut after, mut kept) = (None, Vec::with_capacity(self.lines.len()));
        for (line, value) in std::mem::take(&mut self.lines).into_iter().zip(present) {
            if line.name != name {
                kept.push(line);
                continue;
            }
            if let Some(at) = wanted.iter().position(|w| Some(*w) == value.as_ref()) {
                wanted.remove(at);
                kept.push(line);
            } else if let Some(new) = fresh.pop_front() {
                let prefix = prefix_without_value_param(&line.raw);
                kept.push(self.make_line(&format!("{prefix}:{}", card_value(field, new))));
            }
            after = Some(kept.len());
        }
        self.lines = kept;
        let at = after.unwrap_or_else(|| self.end());
        let new: Vec<Line> =
            fresh.iter().map(|v| self.make_line(&format!("{name}:{}", card_value(field, v)))).collect();
        self.lines.splice(at..at, new);
    }

    /// One line's value of `field`, read by the import's vCard reader.
    fn value(&self, raw: &[u8], field: &str) -> Option<String> {
        let mut card = format!("BEGIN:VCARD\r\nVERSION:{}\r\nFN:x\r\n", self.version).into_bytes();
        card.extend_from_slice(raw);
        if !raw.ends_with(b"\n") {
            card.extend_from_slice(b"\r\n");
        }
        card.extend_from_slice(b"END:VCARD\r\n");
        let (records, _) = crate::import::vcard::parse(&card);
        let fields: Fields = records.first().map(contacts_fields::of_record).unwrap_or_default();
        contacts_fields::get(&fields, field).first().cloned()
    }
}

/// A content line unfolded, without its line ending.
fn content(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    text.replace("\r\n ", "")
        .replace("\r\n\t", "")
        .replace("\n ", "")
        .replace("\n\t", "")
        .trim_end_matches(['\r', '\n'])
        .to_string()
}

/// `item1.TEL;TYPE=cell:+1` → `TEL`.
fn name_of(raw: &[u8]) -> String {
    let text = content(raw);
    let head = text.split([':', ';']).next().unwrap_or("");
    head.rsplit('.').next().unwrap_or("").trim().to_ascii_uppercase()
}

/// Where the value starts: after the first `:` outside a quoted parameter value.
fn value_start(line: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ':' if !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

fn value_part(line: &str) -> Option<&str> {
    value_start(line).and_then(|i| line.get(i + 1..))
}

/// The group, name and parameters of a line, less a `VALUE=` parameter (the new value is the
/// property's default type).
fn prefix_without_value_param(raw: &[u8]) -> String {
    let line = content(raw);
    let head = value_start(&line).and_then(|i| line.get(..i)).unwrap_or(&line);
    head.split(';').filter(|p| !p.to_ascii_uppercase().starts_with("VALUE=")).collect::<Vec<_>>().join(";")
}

/// What follows the first unescaped `separator`, if any.
fn split_first_unescaped(value: &str, separator: char) -> Option<&str> {
    let mut escaped = false;
    for (i, c) in value.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            c if c == separator && !escaped => return value.get(i + 1..),
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:abc\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n\
        item1.TEL;TYPE=cell:+44 20 7946 0018\r\nX-PHONE-THING:keep me\r\nPHOTO;ENCODING=b;TYPE=JPEG:AAAA\r\n BBBB\r\n\
        ORG:Engines;Analytical\r\nBDAY;VALUE=date:1815-12-10\r\nEND:VCARD\r\n";

    fn edited(field: &str, values: &[&str]) -> String {
        let mut card = CardText::parse(CARD.as_bytes());
        let values: Vec<String> = values.iter().map(ToString::to_string).collect();
        card.set(field, &values, Some("Byron;Ada;;;"));
        String::from_utf8(card.bytes()).unwrap()
    }

    #[test]
    fn untouched_card_is_byte_identical() {
        assert_eq!(CardText::parse(CARD.as_bytes()).bytes(), CARD.as_bytes());
        assert_eq!(CardText::parse(b"BEGIN:VCARD\nFN:x\nEND:VCARD").bytes(), b"BEGIN:VCARD\nFN:x\nEND:VCARD");
    }

    #[test]
    fn a_new_phone_goes_beside_the_old_one() {
        let out = edited("phone", &["+44 20 7946 0018", "+1 555 0100"]);
        assert_eq!(out, CARD.replace("0018\r\n", "0018\r\nTEL:+1 555 0100\r\n"));
        // A number changed: the new one takes the old one's place, group and type.
        let out = edited("phone", &["+1 555 0100"]);
        assert_eq!(out, CARD.replace("TYPE=cell:+44 20 7946 0018", "TYPE=cell:+1 555 0100"));
        let out = edited("phone", &[]);
        assert_eq!(out, CARD.replace("item1.TEL;TYPE=cell:+44 20 7946 0018\r\n", ""));
    }

    #[test]
    fn scalars_keep_their_place_group_and_units() {
        assert_eq!(edited("company", &["Babbage & Co"]), CARD.replace("ORG:Engines;", "ORG:Babbage & Co;"));
        assert_eq!(
            edited("birthday", &["1815-12-11"]),
            CARD.replace("BDAY;VALUE=date:1815-12-10", "BDAY:18151211")
        );
        assert_eq!(
            edited("name", &["Ada Byron"]),
            CARD.replace("FN:Ada Lovelace\r\nN:Lovelace;Ada;;;", "FN:Ada Byron\r\nN:Byron;Ada;;;")
        );
        assert_eq!(edited("role", &["Countess"]), CARD.replace("END:VCARD", "TITLE:Countess\r\nEND:VCARD"));
        assert_eq!(edited("birthday", &[]), CARD.replace("BDAY;VALUE=date:1815-12-10\r\n", ""));
    }
}
