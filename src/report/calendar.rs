//! The calendar export as data: for each selected contact, its yearly dates as events that
//! repeat every year, its follow-up and its planned touchpoints, worded for a calendar and each
//! with a UID that stays the same from one export to the next (so that a re-import updates the
//! events a calendar already has). Which events there are is `schedule`'s: `yearly_dates`,
//! `follow_up` and `planned`, the same that `upcoming` lists.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::contact::PartialDate;
use crate::index::{Entry, Index};
use crate::schedule::{self, yearly, EventKind, FollowUpReason, YearlyDate};
use crate::vault_path::VaultPath;

/// What `render::ics::calendar` writes: the day it is for (the `DTSTAMP`, so that two exports
/// of one vault for one day are byte-identical) and the events, contact after contact.
pub(crate) struct Calendar<I> {
    pub today: NaiveDate,
    pub events: I,
}

/// One VEVENT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CalendarEvent {
    pub uid: String,
    /// The `CATEGORIES` value: `birthday`, `anniversary`, `family`, `date`, `event`, `follow-up`,
    /// `planned`.
    pub category: &'static str,
    pub start: NaiveDate,
    /// `Some` for an event that repeats every year: the date it recurs on.
    pub yearly: Option<PartialDate>,
    pub summary: String,
    pub description: String,
}

/// An event before its UID is known.
struct Draft {
    kind: EventKind,
    start: NaiveDate,
    yearly: Option<PartialDate>,
    summary: String,
    description: String,
    /// What tells this event apart from the contact's other events of the same kind (family
    /// member's name, `dates` label, planned date and summary); empty when there is one per kind.
    identity: String,
}

/// The calendar of the entries of `index` selected by `selected` (indices into its entries),
/// in path order. The events are made as they are written, one contact at a time.
pub(crate) fn calendar<'a>(
    index: &'a Index,
    selected: &[usize],
) -> Calendar<impl Iterator<Item = CalendarEvent> + 'a> {
    let mut order: Vec<usize> = selected.iter().copied().filter(|&i| i < index.entries.len()).collect();
    order.sort_unstable();
    order.dedup();
    let today = index.today;
    let mut uids = HashSet::new();
    let events = order.into_iter().filter_map(|i| index.entries.get(i)).flat_map(move |entry| {
        let path = VaultPath::new(&entry.contact.path).slash();
        let mut drafts = yearly_events(entry, &path, today);
        drafts.extend(one_off_events(entry, &path));
        drafts.extend(follow_up(entry, &path, today));
        drafts.extend(planned(entry, &path, today));
        drafts.sort_by(|a, b| {
            (a.kind, a.start, &a.summary, &a.identity).cmp(&(b.kind, b.start, &b.summary, &b.identity))
        });
        drafts
            .into_iter()
            .map(|d| CalendarEvent {
                uid: uid(&mut uids, &path, &d),
                category: category(d.kind),
                start: d.start,
                yearly: d.yearly,
                summary: d.summary,
                description: d.description,
            })
            .collect::<Vec<_>>()
    });
    Calendar { today, events }
}

/// An event's `CATEGORIES` value, also part of its UID.
fn category(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Birthday => "birthday",
        EventKind::Anniversary => "anniversary",
        EventKind::FamilyBirthday => "family",
        EventKind::Date => "date",
        EventKind::Event => "event",
        EventKind::Due => "follow-up",
        EventKind::Planned => "planned",
    }
}

/// A UID from the contact's path, the kind and the event's identity: the same event gets the same
/// UID in every export. The rare clash (two identical planned entries) takes the next free suffix.
fn uid(taken: &mut HashSet<String>, path: &str, event: &Draft) -> String {
    let kind = category(event.kind);
    let key = format!("{path}\0{kind}\0{}", event.identity);
    let mut n = 0u32;
    loop {
        let salted = if n == 0 { key.clone() } else { format!("{key}\0{n}") };
        let uid = format!("tb-{kind}-{:016x}@touchbase", crate::hash::fnv1a_64(salted.as_bytes()));
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

fn yearly_events(entry: &Entry, path: &str, today: NaiveDate) -> Vec<Draft> {
    let name = &entry.contact.name;
    let mut events = Vec::new();
    for yearly in schedule::yearly_dates(&entry.contact) {
        let date = yearly.date();
        let (summary, identity) = match yearly {
            YearlyDate::Birthday(_) => (format!("Birthday: {name}{}", year_note(date, "born")), ""),
            YearlyDate::Anniversary(_) => (format!("Anniversary: {name}{}", year_note(date, "since")), ""),
            YearlyDate::Family(member, _) => {
                let of = match &member.relation {
                    Some(relation) => format!("{relation} of {name}"),
                    None => format!("family of {name}"),
                };
                let born = date.year.map_or_else(String::new, |year| format!(", born {year}"));
                (format!("Birthday: {} ({of}{born})", member.name), member.name.as_str())
            }
            YearlyDate::Named(named) => {
                (format!("{name}: {}{}", named.label, year_note(date, "since")), named.label.as_str())
            }
        };
        // The original date when the year is known, else the next occurrence.
        let start = match date.year {
            Some(year) => yearly::in_year(year, date.month, date.day),
            None => yearly::next_occurrence(date, today),
        };
        if let Some(start) = start {
            events.push(Draft {
                kind: yearly.kind(),
                start,
                yearly: Some(date),
                summary,
                description: path.to_string(),
                identity: identity.to_string(),
            });
        }
    }
    events
}

/// The contact's one-off events (`events:`), each once on its date, past ones included (a
/// calendar keeps history as it keeps the yearly dates' first year).
fn one_off_events(entry: &Entry, path: &str) -> Vec<Draft> {
    let name = &entry.contact.name;
    entry
        .contact
        .events
        .iter()
        .map(|event| Draft {
            kind: EventKind::Event,
            start: event.date,
            yearly: None,
            summary: format!("{name}: {}", event.label),
            description: path.to_string(),
            identity: format!("{}\0{}", event.date, event.label),
        })
        .collect()
}

/// The contact's one follow-up event. Always the same identity, so a re-import moves it.
fn follow_up(entry: &Entry, path: &str, today: NaiveDate) -> Option<Draft> {
    let (contact, schedule) = (&entry.contact, &entry.schedule);
    let follow = schedule::follow_up(contact, schedule, today)?;
    let detail = match follow.reason {
        FollowUpReason::Overdue { days } => format!("{days} day{} overdue", if days == 1 { "" } else { "s" }),
        FollowUpReason::SnoozeEnds => "snooze ends".to_string(),
        FollowUpReason::NextContact => "follow-up due".to_string(),
        FollowUpReason::NeverContacted => "never contacted".to_string(),
        FollowUpReason::Cadence(cadence) => {
            cadence.map_or_else(|| "follow-up due".to_string(), |c| c.to_string())
        }
    };
    let last = schedule.last_contact.map_or_else(|| "never".to_string(), |d| d.to_string());
    Some(Draft {
        kind: EventKind::Due,
        start: follow.date,
        yearly: None,
        summary: format!("Reach out: {} ({detail})", contact.name),
        description: format!("Due: {}\nLast contact: {last}\n{path}", follow.due),
        identity: String::new(),
    })
}

/// The contact's planned touchpoints (interactions after today, open tasks from today on).
fn planned(entry: &Entry, path: &str, today: NaiveDate) -> Vec<Draft> {
    let name = &entry.contact.name;
    let mut events = Vec::new();
    for interaction in schedule::planned(&entry.contact, today) {
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
            format!("Planned: {name}")
        } else {
            format!("Planned: {name} \u{2014} {what}")
        };
        events.push(Draft {
            kind: EventKind::Planned,
            start: interaction.date,
            yearly: None,
            summary,
            description: path.to_string(),
            identity: format!("{}\0{}", interaction.date, interaction.summary),
        });
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_never_claim_an_age() {
        let date = PartialDate { year: Some(1980), month: 3, day: 26 };
        assert_eq!(year_note(date, "born"), " (born 1980)");
        assert_eq!(year_note(PartialDate { year: None, ..date }, "born"), "");
    }
}
