//! Stage 3: when to reach out. The effective cadence, last contact, due date and status of a
//! contact, which of its interactions are planned and which past, and the dated events
//! (birthdays, anniversaries, follow-ups, planned touchpoints) in a window.
//! Every function takes `today`; nothing here reads the clock, and nothing else decides by day.

pub(crate) mod cards;
pub mod week;
pub mod yearly;

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::contact::{
    Cadence, Contact, FamilyMember, InteractionKind, InteractionRef, NamedDate, PartialDate,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Overdue,
    Due,
    Snoozed,
    Ok,
    None,
}

impl Status {
    pub(crate) const ALL: [Status; 5] =
        [Status::Overdue, Status::Due, Status::Snoozed, Status::Ok, Status::None];

    #[must_use]
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Overdue => "overdue",
            Status::Due => "due",
            Status::Snoozed => "snoozed",
            Status::Ok => "ok",
            Status::None => "none",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a contact's cadence came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CadenceSource {
    Own,
    Tag(String),
    Default,
}

/// The vault's rules for contacts without a cadence of their own.
#[derive(Clone, Debug, Default)]
pub struct CadencePolicy {
    /// Lower-cased tag → cadence.
    pub by_tag: HashMap<String, Cadence>,
    pub default: Option<Cadence>,
}

impl CadencePolicy {
    /// The contact's own cadence, else the shortest of its tags', else the default.
    #[must_use]
    pub(crate) fn effective(&self, contact: &Contact) -> Option<(Cadence, CadenceSource)> {
        if let Some(own) = contact.cadence {
            return Some((own, CadenceSource::Own));
        }
        let mut best: Option<(Cadence, CadenceSource)> = None;
        for tag in &contact.tags {
            if let Some(&cadence) = self.by_tag.get(&tag.to_lowercase()) {
                if best.as_ref().is_none_or(|(b, _)| cadence.approx_days() < b.approx_days()) {
                    best = Some((cadence, CadenceSource::Tag(tag.clone())));
                }
            }
        }
        best.or_else(|| self.default.map(|c| (c, CadenceSource::Default)))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    /// `None` when no cadence applies or it is `none`.
    pub cadence: Option<Cadence>,
    pub cadence_source: Option<CadenceSource>,
    /// The latest of `last_contact` and every interaction dated today or earlier.
    pub last_contact: Option<NaiveDate>,
    pub due: Option<NaiveDate>,
    pub status: Status,
    /// Due only because there is a cadence and no contact ever.
    pub never_contacted: bool,
    /// The earliest open task dated before today: an overdue follow-up until it is ticked. When
    /// it is before the due date otherwise computed, it is the due date.
    pub overdue_task: Option<NaiveDate>,
}

impl Schedule {
    #[must_use]
    pub fn compute(contact: &Contact, policy: &CadencePolicy, today: NaiveDate) -> Schedule {
        let (cadence, cadence_source) = match policy.effective(contact) {
            Some((Cadence::Never, source)) => (None, Some(source)),
            Some((cadence, source)) => (Some(cadence), Some(source)),
            None => (None, None),
        };
        let from_log = latest_interaction(contact, today).map(|i| i.date);
        let last_contact = contact.last_contact.filter(|d| *d <= today).max(from_log);
        let mut never_contacted = false;
        // A follow-up that a later contact already answered no longer sets the due date.
        let next_contact = contact.next_contact.filter(|next| last_contact.is_none_or(|last| last < *next));
        let due = match (next_contact, cadence, last_contact) {
            (Some(next), _, _) => Some(next),
            (None, Some(cadence), Some(last)) => cadence.add_to(last),
            (None, Some(_), None) => {
                never_contacted = true;
                Some(today)
            }
            (None, None, _) => None,
        };
        let overdue_task = overdue_tasks(contact, today).next().map(|t| t.date);
        let due = match (due, overdue_task) {
            (Some(due), Some(task)) if task < due => {
                never_contacted = false;
                Some(task)
            }
            (None, Some(task)) => Some(task),
            (due, _) => due,
        };
        let status = match due {
            None => Status::None,
            Some(due) if due > today => Status::Ok,
            Some(_) if contact.snooze_until.is_some_and(|s| s > today) => Status::Snoozed,
            Some(due) if due == today => Status::Due,
            Some(_) => Status::Overdue,
        };
        Schedule { cadence, cadence_source, last_contact, due, status, never_contacted, overdue_task }
    }

    /// Whether the due date is an overdue open task's date (the task, not the cadence or
    /// `next_contact`, makes the contact late).
    #[must_use]
    pub(crate) fn due_to_task(&self) -> bool {
        self.overdue_task.is_some() && self.overdue_task == self.due
    }

    /// Days past the due date (0 unless overdue).
    #[must_use]
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        match (self.status, self.due) {
            (Status::Overdue, Some(due)) => (today - due).num_days(),
            _ => 0,
        }
    }

    /// How late the contact is measured in cadence periods, so that a monthly contact 20 days
    /// late outranks a yearly one 20 days late. Contacts without a cadence count one period as 30 days.
    pub fn lateness(&self, today: NaiveDate) -> f64 {
        let Some(due) = self.due else { return f64::NEG_INFINITY };
        let late = (today - due).num_days() as f64;
        let period = self.cadence.map_or(30.0, Cadence::approx_days).max(1.0);
        late / period
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Birthday,
    Anniversary,
    FamilyBirthday,
    Date,
    /// A one-off event (`events:`): it happens once.
    Event,
    Due,
    Planned,
}

impl EventKind {
    #[must_use]
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            EventKind::Birthday => "birthday",
            EventKind::Anniversary => "anniversary",
            EventKind::FamilyBirthday => "family_birthday",
            EventKind::Date => "date",
            EventKind::Event => "event",
            EventKind::Due => "due",
            EventKind::Planned => "planned",
        }
    }

    /// A date people send cards for (a yearly one or a one-off event), as opposed to a follow-up.
    #[must_use]
    pub(crate) fn is_card(self) -> bool {
        !matches!(self, EventKind::Due | EventKind::Planned)
    }
}

/// Something dated about one contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub date: NaiveDate,
    pub kind: EventKind,
    /// What happens, ready to show: `Jane turns 47`, `Emma (daughter of Jane Doe) turns 19`.
    pub label: String,
}

/// A yearly date of a contact: what `upcoming` lists when it falls in a window, and what the
/// calendar export writes as an event that repeats every year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum YearlyDate<'a> {
    Birthday(PartialDate),
    Anniversary(PartialDate),
    /// A family member's birthday.
    Family(&'a FamilyMember, PartialDate),
    /// One of the `dates`, with its label.
    Named(&'a NamedDate),
}

impl YearlyDate<'_> {
    #[must_use]
    pub(crate) fn kind(self) -> EventKind {
        match self {
            YearlyDate::Birthday(_) => EventKind::Birthday,
            YearlyDate::Anniversary(_) => EventKind::Anniversary,
            YearlyDate::Family(..) => EventKind::FamilyBirthday,
            YearlyDate::Named(_) => EventKind::Date,
        }
    }

    #[must_use]
    pub(crate) fn date(self) -> PartialDate {
        match self {
            YearlyDate::Birthday(date) | YearlyDate::Anniversary(date) | YearlyDate::Family(_, date) => date,
            YearlyDate::Named(named) => named.date,
        }
    }
}

/// A contact's yearly dates: the birthday, the anniversary, the family's birthdays, then the
/// `dates`, in the file's order.
pub(crate) fn yearly_dates(contact: &Contact) -> Vec<YearlyDate<'_>> {
    let mut dates: Vec<YearlyDate<'_>> = Vec::new();
    dates.extend(contact.birthday.map(YearlyDate::Birthday));
    dates.extend(contact.anniversary.map(YearlyDate::Anniversary));
    dates.extend(contact.family.iter().filter_map(|m| Some(YearlyDate::Family(m, m.birthday?))));
    dates.extend(contact.dates.iter().map(YearlyDate::Named));
    dates
}

/// The yearly dates of a contact that fall from `from` through `to`.
#[must_use]
pub fn yearly_events(contact: &Contact, from: NaiveDate, to: NaiveDate) -> Vec<Event> {
    let mut events = Vec::new();
    let first = contact.first_name();
    for yearly in yearly_dates(contact) {
        let date = yearly.date();
        for day in yearly::occurrences(date, from, to) {
            let n = yearly::years_since(date, day).filter(|n| *n > 0);
            let label = match (yearly, n) {
                (YearlyDate::Birthday(_), Some(age)) => format!("{first} turns {age}"),
                (YearlyDate::Birthday(_), None) => format!("{first}'s birthday"),
                (YearlyDate::Anniversary(_), Some(n)) => {
                    format!("{first}'s {} anniversary", yearly::ordinal(n))
                }
                (YearlyDate::Anniversary(_), None) => format!("{first}'s anniversary"),
                (YearlyDate::Family(member, _), n) => {
                    let of = match &member.relation {
                        Some(relation) => format!("{} ({relation} of {})", member.name, contact.name),
                        None => format!("{} ({})", member.name, contact.name),
                    };
                    match n {
                        Some(age) => format!("{of} turns {age}"),
                        None => format!("{of}: birthday"),
                    }
                }
                (YearlyDate::Named(named), Some(n)) => {
                    format!("{first}: {} ({})", named.label, plural_years(n))
                }
                (YearlyDate::Named(named), None) => format!("{first}: {}", named.label),
            };
            events.push(Event { date: day, kind: yearly.kind(), label });
        }
    }
    events
}

/// The one-off events (`events:`) of a contact that fall from `from` through `to`: each once,
/// on its date.
#[must_use]
pub fn one_off_events(contact: &Contact, from: NaiveDate, to: NaiveDate) -> Vec<Event> {
    let first = contact.first_name();
    contact
        .events
        .iter()
        .filter(|e| e.date >= from && e.date <= to)
        .map(|e| Event { date: e.date, kind: EventKind::Event, label: format!("{first}: {}", e.label) })
        .collect()
}

fn plural_years(n: i32) -> String {
    if n == 1 {
        "1 year".to_string()
    } else {
        format!("{n} years")
    }
}

/// Whether an interaction is a planned touchpoint as of `today` rather than a contact that
/// happened: dated after today, or an open task dated today or later.
#[must_use]
pub(crate) fn is_planned(date: NaiveDate, kind: InteractionKind, today: NaiveDate) -> bool {
    match kind {
        InteractionKind::OpenTask => date >= today,
        InteractionKind::Entry | InteractionKind::DoneTask => date > today,
    }
}

/// Whether an interaction counts as contact as of `today`: dated today or earlier and not an
/// open task (an intention; a past one is a missed intention, neither contact nor plan).
#[must_use]
pub(crate) fn is_contact(date: NaiveDate, kind: InteractionKind, today: NaiveDate) -> bool {
    date <= today && kind != InteractionKind::OpenTask
}

/// Whether an interaction is an overdue follow-up as of `today`: an open task dated before today.
/// It stays one until it is ticked (`- [x]`), whatever contact came after it.
#[must_use]
pub(crate) fn is_overdue_task(date: NaiveDate, kind: InteractionKind, today: NaiveDate) -> bool {
    kind == InteractionKind::OpenTask && date < today
}

/// A contact's overdue open tasks as of `today`, oldest first.
pub(crate) fn overdue_tasks(contact: &Contact, today: NaiveDate) -> impl Iterator<Item = InteractionRef<'_>> {
    contact.interactions().rev().filter(move |i| is_overdue_task(i.date, i.kind, today))
}

/// The latest interaction that counts as contact as of `today`.
#[must_use]
pub fn latest_interaction(contact: &Contact, today: NaiveDate) -> Option<InteractionRef<'_>> {
    contact.interactions().find(|i| is_contact(i.date, i.kind, today))
}

/// A contact's planned touchpoints as of `today`, newest first. Only the interactions dated
/// today or later can be (they lead the newest-first list: a binary search finds them).
#[must_use]
pub(crate) fn planned(
    contact: &Contact,
    today: NaiveDate,
) -> impl DoubleEndedIterator<Item = InteractionRef<'_>> {
    let from_today = contact.dated.partition_point(|d| d.date() >= today);
    contact.interactions().take(from_today).filter(move |i| is_planned(i.date, i.kind, today))
}

/// What a contact's page lists for `today`, newest first: every planned touchpoint, every
/// overdue open task and the `past` latest contacts (at least one), with their positions among
/// all interactions.
fn listed(
    contact: &Contact,
    today: NaiveDate,
    past: usize,
) -> impl Iterator<Item = (usize, InteractionRef<'_>)> {
    let mut seen = 0;
    contact.interactions().enumerate().filter(move |(_, i)| {
        if is_planned(i.date, i.kind, today) || is_overdue_task(i.date, i.kind, today) {
            return true;
        }
        if !is_contact(i.date, i.kind, today) {
            return false;
        }
        seen += 1;
        seen <= past.max(1)
    })
}

/// Every planned touchpoint and overdue open task as of `today` and the `past` latest contacts,
/// newest first: what `show` lists and every other report draws its summaries from.
#[must_use]
pub(crate) fn interactions_for(contact: &Contact, today: NaiveDate, past: usize) -> Vec<InteractionRef<'_>> {
    listed(contact, today, past).map(|(_, i)| i).collect()
}

/// How many of the newest summaries [`interactions_for`] needs for this day.
#[must_use]
pub(crate) fn summaries_needed(contact: &Contact, today: NaiveDate, past: usize) -> usize {
    listed(contact, today, past).last().map_or(0, |(at, _)| at + 1)
}

/// Whether the contact kept every summary [`interactions_for`] lists for this day.
#[must_use]
pub(crate) fn summaries_cover(contact: &Contact, today: NaiveDate, past: usize) -> bool {
    summaries_needed(contact, today, past) <= contact.summaries.len()
}

/// Why a contact's follow-up falls on its day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FollowUpReason {
    /// `next_contact` set the due date.
    NextContact,
    /// There is a cadence and no contact ever: due today.
    NeverContacted,
    /// The cadence (if any) since the last contact.
    Cadence(Option<Cadence>),
    /// Past the due date by this many days: the follow-up is today.
    Overdue { days: i64 },
    /// Snoozed: the follow-up is the day the snooze ends.
    SnoozeEnds,
}

/// A contact's one follow-up: on the due date (due, ok), today (overdue) or the day the snooze
/// ends (snoozed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FollowUp {
    pub date: NaiveDate,
    pub due: NaiveDate,
    pub reason: FollowUpReason,
}

/// The follow-up of a contact with this schedule; `None` when it is never due.
#[must_use]
pub(crate) fn follow_up(contact: &Contact, schedule: &Schedule, today: NaiveDate) -> Option<FollowUp> {
    let due = schedule.due?;
    let (date, reason) = match schedule.status {
        Status::None => return None,
        Status::Overdue => (today, FollowUpReason::Overdue { days: (today - due).num_days() }),
        Status::Snoozed => (contact.snooze_until?, FollowUpReason::SnoozeEnds),
        Status::Due | Status::Ok => {
            let reason = if contact.next_contact == Some(due) {
                FollowUpReason::NextContact
            } else if schedule.never_contacted {
                FollowUpReason::NeverContacted
            } else {
                FollowUpReason::Cadence(schedule.cadence)
            };
            (due, reason)
        }
    };
    Some(FollowUp { date, due, reason })
}

/// The follow-up and planned-touchpoint events of a contact from `from` through `to`. An
/// overdue follow-up is no event: overdue contacts are listed as such.
pub fn contact_events(
    contact: &Contact,
    schedule: &Schedule,
    today: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Event> {
    let mut events = Vec::new();
    if let Some(follow) = follow_up(contact, schedule, today).filter(|f| f.date >= from && f.date <= to) {
        let label = match follow.reason {
            FollowUpReason::Overdue { .. } => None,
            FollowUpReason::NextContact => Some("follow-up due".to_string()),
            FollowUpReason::NeverContacted => Some("never contacted: reach out".to_string()),
            FollowUpReason::Cadence(cadence) => {
                Some(format!("reach out ({})", cadence.map_or_else(String::new, |c| c.to_string())))
            }
            FollowUpReason::SnoozeEnds => Some("snooze ends: reach out".to_string()),
        };
        if let Some(label) = label {
            events.push(Event { date: follow.date, kind: EventKind::Due, label });
        }
    }
    for planned in planned(contact, today).rev().filter(|p| p.date >= from && p.date <= to) {
        let label = if planned.summary.is_empty() {
            "planned".to_string()
        } else if planned.summary.to_lowercase().starts_with("planned") {
            planned.summary.to_string()
        } else {
            format!("planned: {}", planned.summary)
        };
        events.push(Event { date: planned.date, kind: EventKind::Planned, label });
    }
    events
}

#[cfg(test)]
mod tests;
