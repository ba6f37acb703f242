//! iCalendar (RFC 5545) export: yearly events for birthdays, anniversaries, family birthdays
//! and `dates`, one-off events for due follow-ups and planned touchpoints.
//!
//! The output depends only on the vault and `today` (no wall clock, no random UIDs), so two
//! exports of the same vault for the same day are byte-identical, and a re-import into a
//! calendar updates the events it already has instead of duplicating them.

use std::collections::HashSet;
use std::io::{self, Write};

use chrono::{Days, NaiveDate};

use crate::contact::{Contact, PartialDate};
use crate::dates::LAST_DATE;
use crate::hash::fnv1a_64;
use crate::index::{Entry, Index};
use crate::schedule::{self, yearly, Status};

/// The longest physical line, in octets, not counting the CRLF (RFC 5545 3.1).
const LINE_OCTETS: usize = 75;

/// What an event is about; its name is the `CATEGORIES` value and part of the UID.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Birthday,
    Anniversary,
    Family,
    Date,
    FollowUp,
    Planned,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Birthday => "birthday",
            Kind::Anniversary => "anniversary",
            Kind::Family => "family",
            Kind::Date => "date",
            Kind::FollowUp => "follow-up",
            Kind::Planned => "planned",
        }
    }
}

/// One VEVENT before it is written.
#[derive(Debug)]
struct Event {
    kind: Kind,
    start: NaiveDate,
    /// `Some` for a yearly event: the date it recurs on.
    yearly: Option<PartialDate>,
    summary: String,
    description: String,
    /// What tells this event apart from the contact's other events of the same kind (family
    /// member's name, `dates` label, planned date and summary); empty when there is one per kind.
    identity: String,
}

/// Writes the calendar for every entry of `index` selected by `selected` (indices into entries).
pub fn calendar(w: &mut dyn Write, index: &Index, selected: &[usize], today: NaiveDate) -> io::Result<()> {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, &format!("PRODID:-//touchbase//touchbase {}//EN", env!("CARGO_PKG_VERSION")));
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "X-WR-CALNAME:touchbase");
    w.write_all(out.as_bytes())?;

    let stamp = format!("DTSTAMP:{}T000000Z", today.format("%Y%m%d"));
    let mut uids = HashSet::new();
    let mut order: Vec<usize> = selected.iter().copied().filter(|&i| i < index.entries.len()).collect();
    order.sort_unstable();
    order.dedup();
    for i in order {
        let entry = &index.entries[i];
        let path = vault_path(&entry.contact);
        let mut events = yearly_events(&entry.contact, &path, today);
        events.extend(follow_up(entry, &path, today));
        events.extend(planned(&entry.contact, &path, today));
        events.sort_by(|a, b| {
            (a.kind, a.start, &a.summary, &a.identity).cmp(&(b.kind, b.start, &b.summary, &b.identity))
        });
        out.clear();
        for event in &events {
            write_event(&mut out, event, &uid(&mut uids, &path, event), &stamp);
        }
        w.write_all(out.as_bytes())?;
    }
    out.clear();
    line(&mut out, "END:VCALENDAR");
    w.write_all(out.as_bytes())
}

/// The contact's path inside the vault with `/` separators, whatever the platform.
fn vault_path(contact: &Contact) -> String {
    crate::vault_path::VaultPath::new(&contact.path).slash()
}

/// A UID from the contact's path, the kind and the event's identity: the same event gets the same
/// UID in every export. The rare clash (two identical planned entries) takes the next free suffix.
fn uid(taken: &mut HashSet<String>, path: &str, event: &Event) -> String {
    let key = format!("{path}\0{}\0{}", event.kind.as_str(), event.identity);
    let mut n = 0u32;
    loop {
        let salted = if n == 0 { key.clone() } else { format!("{key}\0{n}") };
        let uid = format!("tb-{}-{:016x}@touchbase", event.kind.as_str(), fnv1a_64(salted.as_bytes()));
        if taken.insert(uid.clone()) {
            return uid;
        }
        n += 1;
    }
}

/// ` (born 1980)`, or nothing when the year is unknown. Never an age: the event repeats.
fn year_note(date: PartialDate, word: &str) -> String {
    date.year.map_or_else(String::new, |year| format!(" ({word} {year})"))
}

fn yearly_events(contact: &Contact, path: &str, today: NaiveDate) -> Vec<Event> {
    let mut events = Vec::new();
    let mut push = |kind: Kind, date: PartialDate, summary: String, identity: &str| {
        // The original date when the year is known, else the next occurrence.
        let start = match date.year {
            Some(year) => yearly::in_year(year, date.month, date.day),
            None => yearly::next_occurrence(date, today),
        };
        if let Some(start) = start {
            let description = path.to_string();
            let identity = identity.to_string();
            events.push(Event { kind, start, yearly: Some(date), summary, description, identity });
        }
    };
    let name = &contact.name;
    if let Some(date) = contact.birthday {
        push(Kind::Birthday, date, format!("Birthday: {name}{}", year_note(date, "born")), "");
    }
    if let Some(date) = contact.anniversary {
        push(Kind::Anniversary, date, format!("Anniversary: {name}{}", year_note(date, "since")), "");
    }
    for member in &contact.family {
        let Some(date) = member.birthday else { continue };
        let of = match &member.relation {
            Some(relation) => format!("{relation} of {name}"),
            None => format!("family of {name}"),
        };
        let born = date.year.map_or_else(String::new, |year| format!(", born {year}"));
        push(Kind::Family, date, format!("Birthday: {} ({of}{born})", member.name), &member.name);
    }
    for named in &contact.dates {
        let summary = format!("{name}: {}{}", named.label, year_note(named.date, "since"));
        push(Kind::Date, named.date, summary, &named.label);
    }
    events
}

/// The contact's one follow-up event: on the due date (due, ok), today (overdue) or the day the
/// snooze ends (snoozed). Always the same identity, so a re-import moves it.
fn follow_up(entry: &Entry, path: &str, today: NaiveDate) -> Option<Event> {
    let (contact, schedule) = (&entry.contact, &entry.schedule);
    let due = schedule.due?;
    let (start, detail) = match schedule.status {
        Status::None => return None,
        Status::Overdue => {
            let days = (today - due).num_days();
            (today, format!("{days} day{} overdue", if days == 1 { "" } else { "s" }))
        }
        Status::Snoozed => (contact.snooze_until?, "snooze ends".to_string()),
        Status::Due | Status::Ok => {
            let detail = if contact.next_contact == Some(due) {
                "follow-up due".to_string()
            } else if schedule.never_contacted {
                "never contacted".to_string()
            } else {
                schedule.cadence.map_or_else(|| "follow-up due".to_string(), |c| c.to_string())
            };
            (due, detail)
        }
    };
    let last = schedule.last_contact.map_or_else(|| "never".to_string(), |d| d.to_string());
    Some(Event {
        kind: Kind::FollowUp,
        start,
        yearly: None,
        summary: format!("Reach out: {} ({detail})", contact.name),
        description: format!("Due: {due}\nLast contact: {last}\n{path}"),
        identity: String::new(),
    })
}

/// Interactions dated after today and open tasks dated today or later.
fn planned(contact: &Contact, path: &str, today: NaiveDate) -> Vec<Event> {
    let mut events = Vec::new();
    for interaction in contact.interactions.iter().filter(|i| schedule::is_planned(i, today)) {
        let text = interaction.summary.trim();
        // `planned: coffee` and `Planned coffee` are shown as `coffee`.
        let what = match (text.get(..7), text.get(7..)) {
            (Some(head), Some(rest))
                if head.eq_ignore_ascii_case("planned") && !rest.starts_with(char::is_alphanumeric) =>
            {
                rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace())
            }
            _ => text,
        };
        let summary = if what.is_empty() {
            format!("Planned: {}", contact.name)
        } else {
            format!("Planned: {} \u{2014} {what}", contact.name)
        };
        events.push(Event {
            kind: Kind::Planned,
            start: interaction.date,
            yearly: None,
            summary,
            description: path.to_string(),
            identity: format!("{}\0{}", interaction.date, interaction.summary),
        });
    }
    events
}

fn write_event(out: &mut String, event: &Event, uid: &str, stamp: &str) {
    let day = |d: NaiveDate| d.format("%Y%m%d").to_string();
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{uid}"));
    line(out, stamp);
    line(out, &format!("DTSTART;VALUE=DATE:{}", day(event.start)));
    // The day after 9999-12-31 has no valid DATE value (chrono would write `+100000101`); a
    // DATE start without an end is one day long anyway (RFC 5545 3.6.1).
    if let Some(end) = event.start.checked_add_days(Days::new(1)).filter(|end| *end <= LAST_DATE) {
        line(out, &format!("DTEND;VALUE=DATE:{}", day(end)));
    }
    match event.yearly {
        Some(date) if date.month == 2 && date.day == 29 => {
            line(out, "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1");
        }
        Some(_) => line(out, "RRULE:FREQ=YEARLY"),
        None => {}
    }
    line(out, &format!("SUMMARY:{}", escape_text(&event.summary)));
    line(out, &format!("DESCRIPTION:{}", escape_text(&event.description)));
    line(out, &format!("CATEGORIES:{}", event.kind.as_str()));
    line(out, "TRANSP:TRANSPARENT");
    line(out, "END:VEVENT");
}

/// Appends one content line, folded, with its CRLF.
fn line(out: &mut String, content: &str) {
    out.push_str(&fold(content));
    out.push_str("\r\n");
}

/// Folds a content line so that no physical line exceeds 75 octets (the leading space of a
/// continuation line included), never inside a UTF-8 character.
pub fn fold(content: &str) -> String {
    let mut out = String::with_capacity(content.len() + content.len() / 70 * 3);
    let mut used = 0;
    for c in content.chars() {
        if used + c.len_utf8() > LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out
}

/// Escapes a TEXT value (RFC 5545 3.3.11): `\`, `;`, `,` and newlines (CRLF, CR or LF become
/// `\n`). Other control characters are dropped, tab kept, so no value can end its line.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn physical_lines(folded: &str) -> Vec<&str> {
        folded.split("\r\n").collect()
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("SUMMARY:short"), "SUMMARY:short");
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), exact);
    }

    #[test]
    fn long_lines_fold_at_75_octets() {
        let long = format!("SUMMARY:{}", "a".repeat(200));
        let folded = fold(&long);
        let lines = physical_lines(&folded);
        assert_eq!(lines[0].len(), 75);
        for l in &lines[1..] {
            assert!(l.starts_with(' ') && l.len() <= 75, "{l:?}");
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, long);
    }

    #[test]
    fn folding_never_splits_a_character() {
        // 74 ASCII octets then a 2-octet é: it would end at octet 76, so it moves to the next line.
        let text = format!("{}é{}", "a".repeat(74), "b");
        let folded = fold(&text);
        assert_eq!(physical_lines(&folded), [&"a".repeat(74)[..], " éb"]);
        // 4-octet emoji and 3-octet CJK at every offset around the boundary.
        for pad in 70..76 {
            for ch in ['😀', '漢', 'ß'] {
                let text = format!("{}{}", "x".repeat(pad), ch.to_string().repeat(40));
                let folded = fold(&text);
                for l in physical_lines(&folded) {
                    assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
                }
                assert_eq!(folded.replace("\r\n ", ""), text);
            }
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text(r"a\b;c,d"), r"a\\b\;c\,d");
        assert_eq!(escape_text("one\ntwo\r\nthree\rfour"), r"one\ntwo\nthree\nfour");
        assert_eq!(escape_text("bell\x07 esc\x1b[31m del\x7f tab\t"), "bell esc[31m del tab\t");
        assert_eq!(escape_text("José: ok"), "José: ok");
        let hostile = "x\r\nEND:VEVENT\r\nBEGIN:VEVENT";
        assert!(!escape_text(hostile).contains(['\r', '\n']));
    }

    #[test]
    fn summaries_never_claim_an_age() {
        let date = PartialDate { year: Some(1980), month: 3, day: 26 };
        assert_eq!(year_note(date, "born"), " (born 1980)");
        assert_eq!(year_note(PartialDate { year: None, ..date }, "born"), "");
    }
}
