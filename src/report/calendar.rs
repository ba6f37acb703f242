//! The calendar export as data: for each selected contact, its yearly dates as events that
//! repeat every year, its follow-up and its planned touchpoints, worded for a calendar and each
//! with a UID that stays the same from one export to the next (so that a re-import updates the
//! events a calendar already has). Which events there are is `schedule`'s: `yearly_dates`,
//! `follow_up` and `planned`, the same that `upcoming` lists.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::checkup::DueCheckup;
use super::greetings::GreetingCard;
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
    /// `planned`; a sync's also `card` and `checkup`.
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

/// What the events are for. An export is read once: a yearless date starts on its next
/// occurrence, an overdue follow-up sits on today and counts the days, UIDs come from the file's
/// path. A sync (`sync calendar`) is compared with yesterday's: nothing may move just because a
/// day passed, and a contact with a `uid` keeps its events' UIDs when its file is renamed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Purpose {
    Export,
    Sync,
}

/// The year a yearless date's yearly event starts in for a sync: a leap year (so 29 February
/// exists) before anyone's vault.
pub(crate) const YEARLESS_START: i32 = 2000;

/// The calendar of the entries of `index` selected by `selected` (indices into its entries),
/// in path order, for an export.
pub(crate) fn calendar<'a>(
    index: &'a Index,
    selected: &[usize],
) -> Calendar<impl Iterator<Item = CalendarEvent> + 'a> {
    calendar_for(index, selected, Purpose::Export)
}

/// The same for `purpose`. The events are made as they are written, one contact at a time.
pub(crate) fn calendar_for<'a>(
    index: &'a Index,
    selected: &[usize],
    purpose: Purpose,
) -> Calendar<impl Iterator<Item = CalendarEvent> + 'a> {
    let mut order: Vec<usize> = selected.iter().copied().filter(|&i| i < index.entries.len()).collect();
    order.sort_unstable();
    order.dedup();
    let today = index.today;
    let mut uids = HashSet::new();
    let events = order.into_iter().filter_map(|i| index.entries.get(i)).flat_map(move |entry| {
        let path = VaultPath::new(&entry.contact.path).slash();
        let identity = uid_identity(entry, &path, purpose);
        drafts(entry, &path, today, purpose)
            .into_iter()
            .map(|d| CalendarEvent {
                uid: uid(&mut uids, &identity, &d),
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

/// What a contact's UIDs are made from: its path, or for a sync its first `uid` when it has one
/// (which a rename keeps).
fn uid_identity(entry: &Entry, path: &str, purpose: Purpose) -> String {
    match (purpose, entry.contact.uids.first().map(|u| u.trim()).filter(|u| !u.is_empty())) {
        (Purpose::Sync, Some(uid)) => format!("uid:{uid}"),
        _ => path.to_string(),
    }
}

/// A contact's events, in a stable order.
fn drafts(entry: &Entry, path: &str, today: NaiveDate, purpose: Purpose) -> Vec<Draft> {
    let mut drafts = yearly_events(entry, path, today, purpose);
    drafts.extend(one_off_events(entry, path));
    drafts.extend(follow_up(entry, path, today, purpose));
    drafts.extend(planned(entry, path, today));
    drafts.sort_by(|a, b| {
        (a.kind, a.start, &a.summary, &a.identity).cmp(&(b.kind, b.start, &b.summary, &b.identity))
    });
    drafts
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

/// A UID from the contact's identity (its path, or `uid:` and its uid), the kind and the
/// event's identity: the same event gets the same UID in every export.
fn uid(taken: &mut HashSet<String>, contact: &str, event: &Draft) -> String {
    uid_of(taken, category(event.kind), contact, &event.identity)
}

/// `tb-KIND-HASH@touchbase`. The rare clash (two identical planned entries) takes the next free
/// suffix.
fn uid_of(taken: &mut HashSet<String>, kind: &str, contact: &str, identity: &str) -> String {
    let key = format!("{contact}\0{kind}\0{identity}");
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

/// A yearly event's first day: the original date when the year is known, else the next
/// occurrence (an export) or the date in `YEARLESS_START` (a sync: the same start every day).
fn yearly_start(date: PartialDate, today: NaiveDate, purpose: Purpose) -> Option<NaiveDate> {
    match (date.year, purpose) {
        (Some(year), _) => yearly::in_year(year, date.month, date.day),
        (None, Purpose::Export) => yearly::next_occurrence(date, today),
        (None, Purpose::Sync) => yearly::in_year(YEARLESS_START, date.month, date.day),
    }
}

fn yearly_events(entry: &Entry, path: &str, today: NaiveDate, purpose: Purpose) -> Vec<Draft> {
    let mut events = Vec::new();
    for yearly in schedule::yearly_dates(&entry.contact) {
        let date = yearly.date();
        let (summary, identity) = yearly_summary(&yearly, &entry.contact.name);
        if let Some(start) = yearly_start(date, today, purpose) {
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

/// A yearly event's summary and what tells it apart from the contact's others of its kind.
fn yearly_summary<'a>(yearly: &'a YearlyDate<'_>, name: &str) -> (String, &'a str) {
    let date = yearly.date();
    match yearly {
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
    }
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

/// The contact's one follow-up event. Always the same identity, so a re-import moves it. An
/// overdue one is on today for an export, and stays on the day it fell due for a sync.
fn follow_up(entry: &Entry, path: &str, today: NaiveDate, purpose: Purpose) -> Option<Draft> {
    let (contact, schedule) = (&entry.contact, &entry.schedule);
    let mut follow = schedule::follow_up(contact, schedule, today)?;
    let detail = match follow.reason {
        FollowUpReason::Overdue { .. } if purpose == Purpose::Sync => {
            follow.date = follow.due;
            "overdue".to_string()
        }
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

/// The post-by reminders of greeting cards (`cards`' list), one-off events on the post-by day.
/// Their UIDs come from the contacts, the kind and the label without its numbers (`Mei turns
/// 51` is next year's card too), so next year's card updates this year's event; of two
/// occurrences of one card in the window only the first (by post-by day) is kept. A contact
/// with a `uid` is named by it, as in `calendar_for`.
pub(crate) fn card_events(index: &Index, cards: &[GreetingCard]) -> Vec<CalendarEvent> {
    let identities = sync_identities(index);
    let identity = |path: &String| identities.get(path).cloned().unwrap_or_else(|| path.clone());
    let (mut taken, mut seen) = (HashSet::new(), HashSet::new());
    let mut events = Vec::new();
    for card in cards {
        let Ok(start) = card.post_by.parse::<NaiveDate>() else { continue };
        let label: String = card.label.chars().filter(|c| !c.is_ascii_digit()).collect();
        let contacts = card.paths.iter().map(identity).collect::<Vec<_>>().join("\0");
        if !seen.insert((contacts.clone(), card.kind, label.clone())) {
            continue;
        }
        let when = card.event_date.as_deref().map_or_else(String::new, |d| format!("For {d}\n"));
        let address = card.address.as_deref().unwrap_or("no address known: find it out");
        events.push(CalendarEvent {
            uid: uid_of(&mut taken, "card", &contacts, &format!("{}\0{label}", card.kind)),
            category: "card",
            start,
            yearly: None,
            summary: format!("Post a card: {} (to {})", card.label, card.who),
            description: format!("{when}Address: {address}\n{}", card.paths.join("\n")),
        });
    }
    events
}

/// Each contact's path (with `/`) and the identity its sync UIDs are made from.
fn sync_identities(index: &Index) -> HashMap<String, String> {
    let pair = |e: &Entry| {
        let path = VaultPath::new(&e.contact.path).slash();
        let identity = uid_identity(e, &path, Purpose::Sync);
        (path, identity)
    };
    index.entries.iter().map(pair).collect()
}

/// The check-ups due (`checkup`'s), each on its due day, one UID per target.
pub(crate) fn checkup_events(checkups: &[DueCheckup]) -> Vec<CalendarEvent> {
    let mut taken = HashSet::new();
    let mut events = Vec::new();
    for checkup in checkups {
        let Ok(start) = checkup.due.parse::<NaiveDate>() else { continue };
        let last = checkup.last_checkup.as_deref().unwrap_or("never");
        events.push(CalendarEvent {
            uid: uid_of(&mut taken, "checkup", &checkup.target, ""),
            category: "checkup",
            start,
            yearly: None,
            summary: format!("Check-up: {}", checkup.target),
            description: format!(
                "Last check-up: {last}\ntouchbase checkup {}\n{}",
                checkup.target, checkup.note
            ),
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
