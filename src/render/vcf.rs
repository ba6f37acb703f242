//! vCard 4.0 export (RFC 6350) that Apple and Google Contacts import: one card per contact with
//! FN, N, NICKNAME, ORG, TITLE, EMAIL, TEL, BDAY/ANNIVERSARY (`--MMDD` when the year is
//! unknown), CATEGORIES from tags, URL, ADR, NOTE from the body's free text, other yearly dates
//! as Apple's `X-ABDATE` with a label, and a UID that stays the same for a contact (its `uid`
//! key, else a hash of its path). Lines end in CRLF and are folded at 75 octets on UTF-8
//! boundaries; text is escaped, so no value can end a card or start a property.

use std::io::{self, Write};

use serde_yaml::{Mapping, Value};

use crate::contact::fields::{scalar_text, string_list};
use crate::contact::{Contact, PartialDate};
use crate::index::Index;

/// Octets per line, CRLF excluded (RFC 6350 3.2).
const FOLD_AT: usize = 75;

/// Writes one vCard per selected entry (indices into `index.entries`).
pub fn cards(w: &mut dyn Write, index: &Index, selected: &[usize]) -> io::Result<()> {
    for entry in selected.iter().filter_map(|&i| index.entries.get(i)) {
        card(w, &entry.contact)?;
    }
    Ok(())
}

/// One contact's card.
pub fn card(w: &mut dyn Write, contact: &Contact) -> io::Result<()> {
    let fields = contact.fields();
    let mut lines: Vec<String> = vec!["BEGIN:VCARD".into(), "VERSION:4.0".into()];
    lines.push(format!("UID:{}", uid(contact, &fields)));
    lines.push(format!("FN:{}", text(&contact.name)));
    lines.push(format!("N:{}", structured_name(&contact.name)));
    if !contact.aliases.is_empty() {
        lines.push(format!("NICKNAME:{}", list(&contact.aliases)));
    }
    let department = field_text(&fields, "department");
    if contact.company.is_some() || department.is_some() {
        let mut org = text(contact.company.as_deref().unwrap_or(""));
        if let Some(department) = department {
            org.push(';');
            org.push_str(&text(&department));
        }
        lines.push(format!("ORG:{org}"));
    }
    if let Some(role) = &contact.role {
        lines.push(format!("TITLE:{}", text(role)));
    }
    lines.extend(contact.emails.iter().map(|e| format!("EMAIL:{}", text(e))));
    lines.extend(contact.phones.iter().map(|p| format!("TEL:{}", text(p))));
    if let Some(birthday) = contact.birthday {
        lines.push(format!("BDAY:{}", date(birthday)));
    }
    if let Some(anniversary) = contact.anniversary {
        lines.push(format!("ANNIVERSARY:{}", date(anniversary)));
    }
    for (n, named) in contact.dates.iter().enumerate() {
        lines.push(format!("item{}.X-ABDATE:{}", n + 1, date(named.date)));
        lines.push(format!("item{}.X-ABLabel:{}", n + 1, text(&named.label)));
    }
    if !contact.tags.is_empty() {
        lines.push(format!("CATEGORIES:{}", list(&contact.tags)));
    }
    for url in field_list(&fields, "url") {
        lines.push(format!("URL:{}", uri(&url)));
    }
    for address in field_list(&fields, "address") {
        lines.push(format!("ADR:;;{};;;;", text(&address)));
    }
    if let Some(body) = contact.body.as_deref() {
        let notes = crate::import::body_notes(body);
        if !notes.trim().is_empty() {
            lines.push(format!("NOTE:{}", text(&notes)));
        }
    }
    lines.push("END:VCARD".into());
    for line in &lines {
        write_folded(w, line)?;
    }
    Ok(())
}

/// A front matter value by key, in any case.
fn field<'m>(fields: &'m Mapping, key: &str) -> Option<&'m Value> {
    fields.get(key).or_else(|| {
        fields.iter().find(|(k, _)| k.as_str().is_some_and(|k| k.eq_ignore_ascii_case(key))).map(|(_, v)| v)
    })
}

fn field_text(fields: &Mapping, key: &str) -> Option<String> {
    field(fields, key).and_then(scalar_text)
}

fn field_list(fields: &Mapping, key: &str) -> Vec<String> {
    field(fields, key).map(|v| string_list(v, None)).unwrap_or_default()
}

/// The contact's own `uid`, else a UUID made from its path in the vault (stable while the file
/// keeps its name and folder).
fn uid(contact: &Contact, fields: &Mapping) -> String {
    if let Some(own) = field_text(fields, "uid") {
        return text(&own);
    }
    let path = crate::vault_path::VaultPath::new(&contact.path).slash();
    let hash = crate::hash::fnv1a_128(path.as_bytes());
    // Version 8 (custom) and the RFC 4122 variant, so that it reads as a well-formed UUID.
    let hash = (hash & !(0xf << 76) | (0x8 << 76)) & !(0x3 << 62) | (0x2 << 62);
    let hex = format!("{hash:032x}");
    let part = |from: usize, to: usize| hex.get(from..to).unwrap_or("");
    format!("urn:uuid:{}-{}-{}-{}-{}", part(0, 8), part(8, 12), part(12, 16), part(16, 20), part(20, 32))
}

/// `Jane van Doe` → `van Doe` is not guessed: the last word is the family name, the rest given.
fn structured_name(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.split_last() {
        Some((family, given)) if !given.is_empty() => {
            format!("{};{};;;", text(family), text(&given.join(" ")))
        }
        _ => format!(";{};;;", text(name)),
    }
}

/// `19800326`, or `--0326` when the year is unknown (RFC 6350 4.3.1).
fn date(date: PartialDate) -> String {
    match date.year {
        Some(year) => format!("{year:04}{:02}{:02}", date.month, date.day),
        None => format!("--{:02}{:02}", date.month, date.day),
    }
}

/// Text escaped for a property value: `\\`, `\n`, `\,` and `\;`; other control characters dropped.
pub fn text(value: &str) -> String {
    let value = value.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A comma-separated list of escaped texts.
fn list(items: &[String]) -> String {
    items.iter().map(|i| text(i)).collect::<Vec<_>>().join(",")
}

/// A URI is written as it is, minus control characters and line breaks.
fn uri(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

/// Writes `line` with CRLF, folded so that no line is longer than 75 octets; a continuation
/// line starts with one space and a UTF-8 character is never split.
fn write_folded(w: &mut dyn Write, line: &str) -> io::Result<()> {
    let mut rest = line;
    let mut limit = FOLD_AT;
    loop {
        if rest.len() <= limit {
            w.write_all(rest.as_bytes())?;
            w.write_all(b"\r\n")?;
            return Ok(());
        }
        let mut cut = limit;
        while cut > 0 && !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let (head, tail) = rest.split_at(cut);
        w.write_all(head.as_bytes())?;
        w.write_all(b"\r\n ")?;
        rest = tail;
        limit = FOLD_AT - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(line: &str) -> String {
        let mut out = Vec::new();
        write_folded(&mut out, line).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        let long = format!("NOTE:{}", "é".repeat(100));
        let out = folded(&long);
        for line in out.split("\r\n") {
            assert!(line.len() <= FOLD_AT, "{line:?} is {} octets", line.len());
        }
        let unfolded = out.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, long);
        assert_eq!(folded("FN:A"), "FN:A\r\n");
    }

    #[test]
    fn escaping_cannot_break_the_card() {
        assert_eq!(text("a,b;c\\d\nEND:VCARD\r\nx\u{1b}"), "a\\,b\\;c\\\\d\\nEND:VCARD\\nx");
        assert_eq!(date(PartialDate { year: None, month: 3, day: 26 }), "--0326");
        assert_eq!(date(PartialDate { year: Some(980), month: 3, day: 6 }), "09800306");
        assert_eq!(structured_name("Jane van Doe"), "Doe;Jane van;;;");
        assert_eq!(structured_name("Cher"), ";Cher;;;");
    }

    #[test]
    fn uids_are_stable_uuids() {
        let contact = |path: &str| Contact {
            path: path.into(),
            name: "x".into(),
            aliases: vec![],
            company: None,
            role: None,
            tags: vec![],
            emails: vec![],
            phones: vec![],
            birthday: None,
            anniversary: None,
            cadence: None,
            last_contact: None,
            next_contact: None,
            snooze_until: None,
            family: vec![],
            dates: vec![],
            interests: vec![],
            links: vec![],
            interactions: vec![],
            interaction_count: 0,
            front_matter: None,
            body: None,
        };
        let a = uid(&contact("people/Jane Doe.md"), &Mapping::new());
        assert_eq!(a, uid(&contact("people/Jane Doe.md"), &Mapping::new()));
        assert_ne!(a, uid(&contact("people/John Doe.md"), &Mapping::new()));
        assert_eq!(a.len(), "urn:uuid:".len() + 36);
        assert_eq!(a.as_bytes()["urn:uuid:".len() + 14], b'8');
    }
}
