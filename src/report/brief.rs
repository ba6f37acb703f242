//! `brief NAME`: one screen before a call: who they are and their part in the account, the top
//! of the notes, family with ages and what is coming up, interests and teams, talking points,
//! the last interactions, open follow-ups, topics to avoid, the next Mackay questions, and the
//! account around them. Also the talking points outreach lists ([`talking_points`]), so that
//! both say the same.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use super::accounts::Account;
use super::profile::{next_questions, Ask};
use super::show::InteractionRow;
use super::{entry_events, sort_events, EventRow};
use crate::contact::profile::{self, TOTAL};
use crate::contact::{digest, strip_link, Contact, InteractionKind, PartialDate};
use crate::index::{Entry, Index};
use crate::schedule::{self, is_planned, yearly, Status};
use crate::vault_path::VaultPath;

/// How far ahead the brief lists dates, and a family member's birthday is a talking point.
pub(crate) const BRIEF_DAYS: u64 = 60;
/// How many past interactions, Mackay questions and account colleagues a brief shows.
const LAST_INTERACTIONS: usize = 3;
const QUESTIONS: usize = 3;
const COLLEAGUES: usize = 5;

#[derive(Debug, Serialize)]
pub(crate) struct Brief {
    pub name: String,
    pub path: String,
    pub company: Option<String>,
    pub role: Option<String>,
    /// `account_role:` as written (a string or a list, joined with `, `).
    pub account_role: Option<String>,
    pub reports_to: Option<String>,
    pub status: Status,
    pub due: Option<String>,
    pub days_overdue: i64,
    pub last_contact: Option<String>,
    /// Topics never to raise (the PRIVATE `avoid_topics`), shown as a warning.
    pub avoid_topics: Option<String>,
    /// The first paragraphs of the notes.
    pub notes: Vec<String>,
    pub family: Vec<FamilyRow>,
    pub coming_up: Vec<EventRow>,
    pub interests: Vec<String>,
    /// The Mackay answer about spectator sports and teams.
    pub teams: Option<String>,
    pub talking_points: Vec<String>,
    pub interactions: Vec<InteractionRow>,
    pub follow_ups: Vec<FollowUp>,
    pub profile_answered: usize,
    pub profile_total: usize,
    pub next_questions: Vec<Ask>,
    pub account: Option<AccountContext>,
    /// The user's own notes about the contact (`report::private`); set by the command.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub private_notes: Vec<super::private::PrivateNoteRow>,
}

#[derive(Debug, Serialize)]
pub(crate) struct FamilyRow {
    pub name: String,
    pub relation: Option<String>,
    /// Today's age, when the birth year is known.
    pub age: Option<i32>,
    /// The next birthday, and the age turned on it (when the year is known).
    pub next_birthday: Option<String>,
    pub turns: Option<i32>,
    pub in_days: Option<i64>,
}

#[derive(Debug, Serialize)]
pub(crate) struct FollowUp {
    /// `None` for an open task without a date.
    pub date: Option<String>,
    pub text: String,
    pub overdue: bool,
}

#[derive(Debug, Serialize)]
pub(crate) struct AccountContext {
    pub company: String,
    /// Everyone else there, the most recently touched first.
    pub people: Vec<Colleague>,
    /// How many more there are beyond those listed.
    pub more: usize,
    /// The account's coverage flags (customer accounts only), as `accounts` words them.
    pub flags: Vec<String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Colleague {
    pub name: String,
    pub path: String,
    pub role: Option<String>,
    pub last_contact: Option<String>,
    /// The latest interaction's summary, when one was kept.
    pub last_summary: Option<String>,
}

/// How a list of talking points speaks of topics to avoid: by name on the user's own screen,
/// only as a warning on a page others may see (the outreach page).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Avoid<'a> {
    Named(&'a str),
    Unnamed,
}

/// The talking points for a contact, as `brief` and `outreach` show them: a warning about
/// topics to avoid, the latest interaction, interests, a family birthday within
/// [`BRIEF_DAYS`], the notes' personal points (`profile::Summary::points`: a detail written
/// once in the notes stays a point after later Log entries), and the next to-do.
pub(crate) fn talking_points(entry: &Entry, today: NaiveDate, avoid: Avoid<'_>) -> Vec<String> {
    let c = &entry.contact;
    let mut points = Vec::new();
    match avoid {
        Avoid::Named(topics) => points.push(format!("Avoid: {topics}")),
        Avoid::Unnamed if c.profile.has_avoid_topics() => {
            points.push("Careful: there are topics to avoid (touchbase brief names them)".to_string());
        }
        Avoid::Unnamed => {}
    }
    if let Some(last) = schedule::latest_interaction(c, today) {
        let summary = if last.summary.is_empty() { String::new() } else { format!(": {}", last.summary) };
        points.push(format!("Last: {}{summary}", last.date));
    } else if let Some(last) = entry.schedule.last_contact {
        points.push(format!("Last contact: {last}"));
    }
    if !c.interests.is_empty() {
        points.push(format!("Interests: {}", c.interests.join(", ")));
    }
    if let Some(point) = family_point(c, today) {
        points.push(point);
    }
    points.extend(c.profile.points.iter().map(ToString::to_string));
    // The oldest overdue open task, else the earliest planned touchpoint: the next one.
    if let Some(task) = schedule::overdue_tasks(c, today).next() {
        let since = task.date.succ_opt().unwrap_or(task.date);
        points.push(format!("To do: {} {} (overdue since {since})", task.date, task.summary));
    } else if let Some(plan) = schedule::planned(c, today).next_back() {
        let what = if plan.kind == InteractionKind::OpenTask { "To do" } else { "Planned" };
        points.push(format!("{what}: {} {}", plan.date, plan.summary).trim_end().to_string());
    }
    points
}

/// The soonest family birthday within [`BRIEF_DAYS`], as a point.
fn family_point(c: &Contact, today: NaiveDate) -> Option<String> {
    let horizon = today.checked_add_days(Days::new(BRIEF_DAYS)).unwrap_or(today);
    let (date, member) = c
        .family
        .iter()
        .filter_map(|m| {
            let next = yearly::next_occurrence(m.birthday?, today)?;
            (next <= horizon).then_some((next, m))
        })
        .min_by_key(|(date, m)| (*date, m.name.clone()))?;
    let relation = member.relation.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
    let age = member.birthday.and_then(|b| yearly::years_since(b, date)).filter(|a| *a > 0);
    let what = match age {
        Some(age) => format!("turns {age}"),
        None => "has a birthday".to_string(),
    };
    Some(format!("Family: {}{relation} {what} on {date}", member.name))
}

/// The brief of entry `i`; `full` is its contact read again with body and front matter
/// (`Session::in_full`), `None` when that failed (the brief then has no notes or profile).
/// `accounts` are the vault's accounts (`report::accounts::accounts`): the brief's account is
/// the one the contact belongs to, its aliases and spellings merged.
pub(crate) fn brief(index: &Index, i: usize, full: Option<&Contact>, accounts: &[Account]) -> Option<Brief> {
    let entry = index.entries.get(i)?;
    let today = index.today;
    let c = &entry.contact;
    let empty = Contact::clone(c);
    let full = full.unwrap_or(&empty);
    let fields = full.fields();
    let blocks = crate::contact::blocks::blocks(full.body.as_deref().unwrap_or(""));
    let found = profile::read(full, &fields, &blocks);
    let private = found.private_ranges();
    let avoid_topics = found.get("avoid_topics").map(|a| a.text.clone());
    let avoid = avoid_topics.as_deref().map_or(Avoid::Unnamed, Avoid::Named);
    let to = today.checked_add_days(Days::new(BRIEF_DAYS)).unwrap_or(today);
    let mut coming_up = entry_events(entry, today, today, to);
    sort_events(&mut coming_up);
    Some(Brief {
        name: c.name.clone(),
        path: VaultPath::new(&c.path).slash(),
        company: c.company.clone(),
        role: c.role.clone(),
        account_role: (!c.account.roles.is_empty()).then(|| c.account.roles.join(", ")),
        reports_to: fields.get("reports_to").and_then(profile::value_text).map(|r| strip_link(&r)),
        status: entry.schedule.status,
        due: entry.schedule.due.map(|d| d.to_string()),
        days_overdue: entry.schedule.days_overdue(today),
        last_contact: entry.schedule.last_contact.map(|d| d.to_string()),
        talking_points: talking_points(entry, today, avoid),
        avoid_topics,
        notes: digest::top(&blocks, &private, digest::BRIEF_PARAGRAPHS),
        family: c.family.iter().map(|m| family_row(m, today)).collect(),
        coming_up,
        interests: c.interests.clone(),
        teams: found.get("favorite_team").map(|a| a.text.clone()),
        interactions: schedule::interactions_for(c, today, LAST_INTERACTIONS)
            .into_iter()
            .filter(|it| !is_planned(it.date, it.kind, today) && it.kind != InteractionKind::OpenTask)
            .map(|it| InteractionRow {
                date: it.date.to_string(),
                summary: it.summary.to_string(),
                planned: false,
                open_task: false,
            })
            .collect(),
        follow_ups: follow_ups(c, today, &blocks),
        profile_answered: found.answers.len(),
        profile_total: TOTAL,
        next_questions: next_questions(&found, QUESTIONS),
        account: account(index, i, accounts),
        private_notes: Vec::new(),
    })
}

pub(crate) fn family_row(m: &crate::contact::FamilyMember, today: NaiveDate) -> FamilyRow {
    let next = m.birthday.and_then(|b| yearly::next_occurrence(b, today));
    FamilyRow {
        name: m.name.clone(),
        relation: m.relation.clone(),
        age: m.birthday.and_then(|b| age_on(b, today)),
        next_birthday: next.map(|d| d.to_string()),
        turns: m.birthday.zip(next).and_then(|(b, d)| yearly::years_since(b, d)),
        in_days: next.map(|d| (d - today).num_days()),
    }
}

/// Age in whole years on `day`, for a birthday with its year.
fn age_on(birthday: PartialDate, day: NaiveDate) -> Option<i32> {
    let year = birthday.year?;
    let before = (day.month(), day.day()) < (birthday.month, birthday.day);
    Some(day.year() - year - i32::from(before))
}

/// Overdue open tasks (oldest first), planned touchpoints (soonest first), then open tasks
/// without a date in the body's order.
fn follow_ups(c: &Contact, today: NaiveDate, blocks: &[crate::contact::blocks::Block]) -> Vec<FollowUp> {
    let dated = |it: crate::contact::InteractionRef<'_>, overdue: bool| FollowUp {
        date: Some(it.date.to_string()),
        text: it.summary.to_string(),
        overdue,
    };
    let mut out: Vec<FollowUp> = schedule::overdue_tasks(c, today).map(|it| dated(it, true)).collect();
    out.extend(schedule::planned(c, today).rev().map(|it| dated(it, false)));
    out.extend(digest::undated_tasks(blocks).into_iter().map(|text| FollowUp {
        date: None,
        text,
        overdue: false,
    }));
    out
}

/// The others in the contact's account (every spelling and alias of it), the most recently
/// touched first; those who left are left out.
fn account(index: &Index, i: usize, accounts: &[Account]) -> Option<AccountContext> {
    let path = VaultPath::new(&index.entries.get(i)?.contact.path).slash();
    let account = accounts.iter().find(|a| a.contacts.iter().any(|c| c.path == path))?;
    let others: std::collections::HashSet<&str> = account
        .contacts
        .iter()
        .filter(|c| c.path != path && c.left.is_none())
        .map(|c| c.path.as_str())
        .collect();
    let mut people: Vec<&Entry> = index
        .entries
        .iter()
        .filter(|e| others.contains(VaultPath::new(&e.contact.path).slash().as_str()))
        .collect();
    people.sort_by_cached_key(|e| {
        (std::cmp::Reverse(e.schedule.last_contact), e.contact.name.to_lowercase(), e.contact.path.clone())
    });
    let more = people.len().saturating_sub(COLLEAGUES);
    let people = people
        .into_iter()
        .take(COLLEAGUES)
        .map(|e| {
            let latest = schedule::latest_interaction(&e.contact, index.today);
            Colleague {
                name: e.contact.name.clone(),
                path: VaultPath::new(&e.contact.path).slash(),
                role: e.contact.role.clone(),
                last_contact: e.schedule.last_contact.map(|d| d.to_string()),
                last_summary: latest.map(|l| l.summary.to_string()).filter(|s| !s.is_empty()),
            }
        })
        .collect();
    let flags = account.flags.iter().map(|f| f.message.clone()).collect();
    Some(AccountContext { company: account.company.clone(), people, more, flags })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(files: &[(&str, &str)]) -> Index {
        crate::index::of_files(files, "2026-11-26")
    }

    const JANE: &str = "---\nname: Jane\ncompany: Acme\nfamily: [{name: Emma Doe, relation: daughter}]\navoid_topics: the layoffs\n---\nEmma starts at BC. Likes golf.\n\n- Health: knee, Emma drove her\n\n## Log\n- 2026-11-20 lunch\n";

    #[test]
    fn talking_points_keep_the_notes_and_name_avoid_topics_only_when_asked() {
        let index = index(&[("Jane.md", JANE)]);
        let entry = &index.entries[0];
        let page = talking_points(entry, index.today, Avoid::Unnamed);
        assert_eq!(
            page,
            [
                "Careful: there are topics to avoid (touchbase brief names them)",
                "Last: 2026-11-20: lunch",
                "Emma starts at BC.",
            ]
        );
        let own = talking_points(entry, index.today, Avoid::Named("the layoffs"));
        assert_eq!(own[0], "Avoid: the layoffs");
    }

    #[test]
    fn the_account_is_everyone_else_in_the_account_latest_first() {
        let index = index(&[
            ("Jane.md", JANE),
            ("Ann.md", "---\ncompany: ACME\nlast_contact: 2026-01-01\n---\n"),
            ("Bob.md", "---\ncompany: acme \nlast_contact: 2026-10-01\n---\n"),
            ("Cy.md", "---\ncompany: Initech\n---\n"),
        ]);
        let jane = index.entries.iter().position(|e| e.contact.name == "Jane").unwrap();
        let settings = crate::vault::Settings::default();
        let notes = crate::contact::account::Notes::default();
        let all = crate::report::accounts::accounts(
            &index,
            &crate::report::accounts::Context { settings: &settings, notes: &notes },
        );
        let account = account(&index, jane, &all).unwrap();
        let names: Vec<&str> = account.people.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Bob", "Ann"]);
    }

    #[test]
    fn ages_count_whole_years() {
        let day: NaiveDate = "2026-11-26".parse().unwrap();
        let born = |s: &str| PartialDate::parse(s).unwrap();
        assert_eq!(age_on(born("2008-12-04"), day), Some(17));
        assert_eq!(age_on(born("2008-11-26"), day), Some(18));
        assert_eq!(age_on(born("--12-04"), day), None);
    }
}
