//! The weekly outreach list as data: whom to reach out to (ranked by lateness relative to their
//! cadence), the week's dates, the cards whose post-by date falls in the week (and late ones),
//! talking points, and the account check-up.

use std::cmp::Ordering;

use chrono::NaiveDate;

use super::accounts::{self, Account};
use super::greetings::{self, GreetingCard};
use super::{entry_events, sort_events, EventRow};
pub(crate) use crate::contact::ticks::{Section, Tick, POST_BY};
use crate::index::{Entry, Index};
use crate::schedule::week::Week;
use crate::schedule::Status;
use crate::vault_path::VaultPath;

#[derive(Debug)]
pub(crate) struct Person {
    pub name: String,
    pub path: String,
    pub company: Option<String>,
    /// `14 days overdue`, `due today`, `due Sat 2026-11-28`, `never contacted`, `snoozed until ...`.
    pub why: String,
    pub cadence: Option<String>,
    pub talking_points: Vec<String>,
}

#[derive(Debug)]
pub(crate) struct Outreach {
    pub week: Week,
    pub today: NaiveDate,
    pub reach_out: Vec<Person>,
    /// How many more would have been listed without the limit.
    pub more: usize,
    pub dates: Vec<EventRow>,
    /// Cards whose post-by date falls in the week, and those whose post-by date has passed with
    /// the event still ahead (late), from today or the week's start, whichever is later.
    pub cards: Vec<GreetingCard>,
    pub accounts: Vec<Account>,
    /// Check-ups due by the week's end.
    pub checkups: Vec<super::checkup::DueCheckup>,
    /// Items ticked on the saved page, kept ticked when it is written again: `(section, path,
    /// key)`, the key telling a contact's dates and cards apart ([`Tick::key`]).
    pub ticked: std::collections::BTreeSet<(Section, String, String)>,
}

/// One ticked item to record as an interaction in a contact's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Touch {
    /// The contact's file, relative to the vault root.
    pub path: std::path::PathBuf,
    /// The Log entry's text: it names the week, so that it is recorded once.
    pub message: String,
}

/// The ticked items of a saved page as `(section, slash path, key)`, to keep them ticked.
pub(crate) fn ticked(ticks: &[Tick]) -> std::collections::BTreeSet<(Section, String, String)> {
    ticks
        .iter()
        .filter_map(|t| Some((t.section, VaultPath::new(t.path.as_ref()?).slash(), t.key().to_string())))
        .collect()
}

/// What the ticks on a week's saved page record: a reached contact (`reached out`), a sent
/// card (`sent a card: <label>`), each naming the week; ticks that name no contact are left.
pub(crate) fn touches(index: &Index, week: Week, ticks: &[Tick]) -> Vec<Touch> {
    let name = week.name();
    let mut out: Vec<Touch> = Vec::new();
    for tick in ticks {
        let known = |p: &&std::path::PathBuf| index.entries.iter().any(|e| &e.contact.path == *p);
        let Some(path) = tick.path.as_ref().filter(known) else {
            continue;
        };
        let (message, paths) = match tick.section {
            Section::ReachOut => (format!("reached out (outreach {name})"), vec![path]),
            Section::Dates | Section::Cards => {
                // A couple's card is sent to both.
                let paths = std::iter::once(path).chain(tick.others.iter().filter(known)).collect();
                (format!("sent a card: {} (outreach {name})", tick.label()), paths)
            }
            Section::Other => continue,
        };
        for path in paths {
            let touch = Touch { path: path.clone(), message: message.clone() };
            if !out.contains(&touch) {
                out.push(touch);
            }
        }
    }
    out
}

pub(crate) fn build(index: &Index, week: Week, limit: usize, cx: &accounts::Context<'_>) -> Outreach {
    let today = index.today;
    // Rank as of the week's first day, or today when the week has begun.
    let reference = today.max(week.start);
    let mut due: Vec<(&Entry, f64)> = index
        .entries
        .iter()
        .filter(|e| in_reach(e, week))
        .map(|e| {
            let lateness = if e.schedule.never_contacted { 1.0 } else { e.schedule.lateness(reference) };
            (e, lateness)
        })
        .collect();
    due.sort_by(|(a, la), (b, lb)| {
        lb.partial_cmp(la)
            .unwrap_or(Ordering::Equal)
            .then_with(|| a.contact.name.to_lowercase().cmp(&b.contact.name.to_lowercase()))
            .then_with(|| a.contact.path.cmp(&b.contact.path))
    });
    let more = due.len().saturating_sub(limit);
    let reach_out = due.into_iter().take(limit).map(|(e, _)| person(e, today)).collect();

    let mut dates = card_rows(index, today, week.start, week.end);
    sort_events(&mut dates);
    // Late cards (post-by passed, event ahead) are today's business: a week planned ahead
    // lists only the cards whose post-by date falls in it.
    let start = week.start.to_string();
    let mut cards = greetings::due(index, &cx.settings.cards, reference, week.end, None);
    cards.retain(|card| week.start <= today || card.post_by >= start);
    let all = accounts::accounts(index, cx);
    let checkups = super::checkup::due_checkups(index, &all, cx, week.end.max(today));
    let accounts = all.into_iter().filter(|a| a.customer && !a.flags.is_empty()).collect();
    Outreach {
        week,
        today,
        reach_out,
        more,
        dates,
        cards,
        accounts,
        checkups,
        ticked: std::collections::BTreeSet::new(),
    }
}

/// Overdue, or falling due by the week's end (a snooze that ends by then included).
fn in_reach(entry: &Entry, week: Week) -> bool {
    let s = &entry.schedule;
    match s.status {
        Status::Overdue => true,
        Status::Due | Status::Ok => s.due.is_some_and(|d| d <= week.end),
        Status::Snoozed => entry.contact.snooze_until.is_some_and(|until| until <= week.end),
        Status::None => false,
    }
}

fn card_rows(index: &Index, today: NaiveDate, from: NaiveDate, to: NaiveDate) -> Vec<EventRow> {
    index.entries.iter().flat_map(|e| entry_events(e, today, from, to)).filter(|e| e.kind.is_card()).collect()
}

fn person(entry: &Entry, today: NaiveDate) -> Person {
    let c = &entry.contact;
    let s = &entry.schedule;
    let why = match (s.status, s.due) {
        _ if s.never_contacted => "never contacted".to_string(),
        (Status::Overdue, _) => match s.days_overdue(today) {
            1 => "1 day overdue".to_string(),
            n => format!("{n} days overdue"),
        },
        (Status::Snoozed, _) => {
            format!("snoozed until {}", c.snooze_until.map(|d| d.to_string()).unwrap_or_default())
        }
        (_, Some(due)) if due == today => "due today".to_string(),
        (_, Some(due)) => format!("due {}", due.format("%a %Y-%m-%d")),
        (_, None) => String::new(),
    };
    // The brief's points; the page may be seen by others, so topics to avoid are not named.
    let points = super::brief::talking_points(entry, today, super::brief::Avoid::Unnamed);
    Person {
        name: c.name.clone(),
        path: VaultPath::new(&c.path).slash(),
        company: c.company.clone(),
        why,
        cadence: s.cadence.map(|k| k.to_string()),
        talking_points: points,
    }
}
