//! Stage 3: when to reach out. The effective cadence, last contact, due date and status of a
//! contact, and the dated events (birthdays, anniversaries, follow-ups) in a window.
//! Every function takes `today`; nothing here reads the clock.

pub mod week;
pub mod yearly;

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::contact::{Cadence, Contact, InteractionKind, PartialDate};

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
    pub const ALL: [Status; 5] = [Status::Overdue, Status::Due, Status::Snoozed, Status::Ok, Status::None];

    pub fn as_str(self) -> &'static str {
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
    pub fn effective(&self, contact: &Contact) -> Option<(Cadence, CadenceSource)> {
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
}

impl Schedule {
    pub fn compute(contact: &Contact, policy: &CadencePolicy, today: NaiveDate) -> Schedule {
        let (cadence, cadence_source) = match policy.effective(contact) {
            Some((Cadence::Never, source)) => (None, Some(source)),
            Some((cadence, source)) => (Some(cadence), Some(source)),
            None => (None, None),
        };
        let from_log = contact
            .interactions
            .iter()
            .filter(|i| i.date <= today && i.kind != InteractionKind::OpenTask)
            .map(|i| i.date)
            .max();
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
        let status = match due {
            None => Status::None,
            Some(due) if due > today => Status::Ok,
            Some(_) if contact.snooze_until.is_some_and(|s| s > today) => Status::Snoozed,
            Some(due) if due == today => Status::Due,
            Some(_) => Status::Overdue,
        };
        Schedule { cadence, cadence_source, last_contact, due, status, never_contacted }
    }

    /// Days past the due date (0 unless overdue).
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
    Due,
    Planned,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Birthday => "birthday",
            EventKind::Anniversary => "anniversary",
            EventKind::FamilyBirthday => "family_birthday",
            EventKind::Date => "date",
            EventKind::Due => "due",
            EventKind::Planned => "planned",
        }
    }

    /// A yearly date people send cards for, as opposed to a follow-up.
    pub fn is_yearly(self) -> bool {
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

/// The yearly dates of a contact that fall from `from` through `to`.
pub fn yearly_events(contact: &Contact, from: NaiveDate, to: NaiveDate) -> Vec<Event> {
    let mut events = Vec::new();
    let mut push = |date: PartialDate, kind: EventKind, label: &dyn Fn(Option<i32>) -> String| {
        for day in yearly::occurrences(date, from, to) {
            events.push(Event { date: day, kind, label: label(yearly::years_since(date, day)) });
        }
    };
    let first = contact.first_name();
    if let Some(birthday) = contact.birthday {
        push(birthday, EventKind::Birthday, &|age| match age {
            Some(age) if age > 0 => format!("{first} turns {age}"),
            _ => format!("{first}'s birthday"),
        });
    }
    if let Some(anniversary) = contact.anniversary {
        push(anniversary, EventKind::Anniversary, &|n| match n {
            Some(n) if n > 0 => format!("{first}'s {} anniversary", yearly::ordinal(n)),
            _ => format!("{first}'s anniversary"),
        });
    }
    for member in &contact.family {
        let Some(birthday) = member.birthday else { continue };
        let of = match &member.relation {
            Some(relation) => format!("{} ({relation} of {})", member.name, contact.name),
            None => format!("{} ({})", member.name, contact.name),
        };
        push(birthday, EventKind::FamilyBirthday, &|age| match age {
            Some(age) if age > 0 => format!("{of} turns {age}"),
            _ => format!("{of}: birthday"),
        });
    }
    for named in &contact.dates {
        push(named.date, EventKind::Date, &|n| match n {
            Some(n) if n > 0 => format!("{first}: {} ({})", named.label, plural_years(n)),
            _ => format!("{first}: {}", named.label),
        });
    }
    events
}

fn plural_years(n: i32) -> String {
    if n == 1 {
        "1 year".to_string()
    } else {
        format!("{n} years")
    }
}

/// Whether an interaction is a planned touchpoint rather than a contact that happened.
pub fn is_planned(interaction: &crate::contact::Interaction, today: NaiveDate) -> bool {
    match interaction.kind {
        InteractionKind::OpenTask => interaction.date >= today,
        InteractionKind::Entry | InteractionKind::DoneTask => interaction.date > today,
    }
}

/// The follow-up and planned-touchpoint events of a contact from `from` through `to`.
pub fn contact_events(
    contact: &Contact,
    schedule: &Schedule,
    today: NaiveDate,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<Event> {
    let mut events = Vec::new();
    if let Some(due) = schedule.due {
        let visible = matches!(schedule.status, Status::Due | Status::Ok);
        if visible && due >= from && due <= to {
            let label = if contact.next_contact == Some(due) {
                "follow-up due".to_string()
            } else if schedule.never_contacted {
                "never contacted: reach out".to_string()
            } else {
                format!("reach out ({})", schedule.cadence.map_or_else(String::new, |c| c.to_string()))
            };
            events.push(Event { date: due, kind: EventKind::Due, label });
        }
    }
    if let (Status::Snoozed, Some(until)) = (schedule.status, contact.snooze_until) {
        if until >= from && until <= to {
            events.push(Event {
                date: until,
                kind: EventKind::Due,
                label: "snooze ends: reach out".to_string(),
            });
        }
    }
    for planned in contact.interactions.iter().rev() {
        if planned.date >= from && planned.date <= to && is_planned(planned, today) {
            let label = if planned.summary.is_empty() {
                "planned".to_string()
            } else if planned.summary.to_lowercase().starts_with("planned") {
                planned.summary.clone()
            } else {
                format!("planned: {}", planned.summary)
            };
            events.push(Event { date: planned.date, kind: EventKind::Planned, label });
        }
    }
    events
}

#[cfg(test)]
mod tests;
