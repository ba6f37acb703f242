//! vCard 4.0 export (RFC 6350) that Apple and Google Contacts import, from `report::cards`: one
//! card per contact with FN, N, NICKNAME, ORG, TITLE, EMAIL, TEL, BDAY/ANNIVERSARY (`--MMDD`
//! when the year is unknown), CATEGORIES from tags, URL, ADR, NOTE, other yearly dates as
//! Apple's `X-ABDATE` with a label, and UID. Lines end in CRLF and are folded at 75 octets on
//! UTF-8 boundaries; text is escaped (`rfc_text`), so no value can end a card or start a property.

use std::io::{self, Write};

use super::rfc_text::{self, escape};
use crate::dates::PartialDate;
use crate::report::cards::{Card, NameParts};

/// Writes the cards, one after another.
pub(crate) fn cards(w: &mut (impl Write + ?Sized), cards: impl IntoIterator<Item = Card>) -> io::Result<()> {
    for card in cards {
        w.write_all(text(&card).as_bytes())?;
    }
    Ok(())
}

/// One card's lines.
pub(crate) fn text(card: &Card) -> String {
    let mut lines: Vec<String> = vec!["BEGIN:VCARD".into(), "VERSION:4.0".into()];
    lines.push(format!("UID:{}", escape(&card.uid)));
    lines.push(format!("FN:{}", escape(&card.name)));
    lines.push(format!("N:{}", structured_name(&card.n)));
    if !card.aliases.is_empty() {
        lines.push(format!("NICKNAME:{}", list(&card.aliases)));
    }
    if card.company.is_some() || card.department.is_some() {
        let mut org = escape(card.company.as_deref().unwrap_or(""));
        if let Some(department) = &card.department {
            org.push(';');
            org.push_str(&escape(department));
        }
        lines.push(format!("ORG:{org}"));
    }
    if let Some(role) = &card.role {
        lines.push(format!("TITLE:{}", escape(role)));
    }
    lines.extend(card.emails.iter().map(|e| format!("EMAIL{}:{}", kind(card, "email", e), escape(e))));
    lines.extend(card.phones.iter().map(|p| format!("TEL{}:{}", kind(card, "phone", p), escape(p))));
    if let Some(birthday) = card.birthday {
        lines.push(format!("BDAY:{}", date(birthday)));
    }
    if let Some(anniversary) = card.anniversary {
        lines.push(format!("ANNIVERSARY:{}", date(anniversary)));
    }
    for (n, (label, day)) in card.dates.iter().enumerate() {
        lines.push(format!("item{}.X-ABDATE:{}", n + 1, date(*day)));
        lines.push(format!("item{}.X-ABLabel:{}", n + 1, escape(label)));
    }
    if !card.tags.is_empty() {
        lines.push(format!("CATEGORIES:{}", list(&card.tags)));
    }
    for url in &card.urls {
        lines.push(format!("URL{}:{}", kind(card, "url", url), uri(url)));
    }
    for address in &card.addresses {
        lines.push(format!("ADR:;;{};;;;", escape(address)));
    }
    if let Some(notes) = &card.notes {
        lines.push(format!("NOTE:{}", escape(notes)));
    }
    lines.push("END:VCARD".into());
    let mut out = String::new();
    for line in &lines {
        rfc_text::line(&mut out, line);
    }
    out
}

/// The five components, each escaped.
fn structured_name(n: &NameParts) -> String {
    n.components().iter().map(|part| escape(part)).collect::<Vec<_>>().join(";")
}

/// `;TYPE=work` for a value whose vault key has that label (`EMAIL[WORK]`); a label that is not
/// a plain word is left out, never written as a parameter it could break.
fn kind(card: &Card, standard: &str, value: &str) -> String {
    match card.type_of(standard, value) {
        Some(label) if !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') => {
            format!(";TYPE={label}")
        }
        _ => String::new(),
    }
}

/// `19800326`, or `--0326` when the year is unknown (RFC 6350 4.3.1).
pub(crate) fn date(date: PartialDate) -> String {
    match date.year {
        Some(year) => format!("{year:04}{:02}{:02}", date.month, date.day),
        None => format!("--{:02}{:02}", date.month, date.day),
    }
}

/// A comma-separated list of escaped texts.
fn list(items: &[String]) -> String {
    items.iter().map(|i| escape(i)).collect::<Vec<_>>().join(",")
}

/// A URI is written as it is, minus control characters and line breaks.
fn uri(value: &str) -> String {
    value.chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_names() {
        assert_eq!(date(PartialDate { year: None, month: 3, day: 26 }), "--0326");
        assert_eq!(date(PartialDate { year: Some(980), month: 3, day: 6 }), "09800306");
        assert_eq!(structured_name(&NameParts::split("Jane van Doe")), "Doe;Jane van;;;");
        assert_eq!(structured_name(&NameParts::split("Cher")), ";Cher;;;");
        assert_eq!(
            structured_name(&NameParts::split("Mr. Michael Angstadt Jr.")),
            "Angstadt;Michael;;Mr.;Jr."
        );
    }
}
