//! Relationship check-ups: the six questions, what the vault already knows for each (people and
//! roles, recent touches, changes, open follow-ups, coverage flags), and when the next check-up
//! is due (the newest `## Check-up YYYY-MM-DD` heading plus the check-up cadence). For an
//! account, a person, or a tag group (`tag:NAME`).

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::accounts::{Account, AccountContact};
use crate::contact::{Cadence, InteractionKind};
use crate::index::{Entry, Index};
use crate::schedule;
use crate::vault::Settings;
use crate::vault_path::VaultPath;

/// The check-up questions, in the order they are asked and written.
pub(crate) const QUESTIONS: [&str; 6] = [
    "How are things going with them?",
    "What has changed in how they use our product?",
    "Who or what has changed in their organisation?",
    "Can we serve them in more ways?",
    "Do we have relationships with the right people?",
    "If a competitor called them, would they call us first?",
];

/// How many recent touches a worksheet lists.
const TOUCHES: usize = 8;

/// What a check-up is about.
#[derive(Clone, Copy, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum TargetKind {
    Account,
    Person,
    Tag,
}

/// One question and what the vault knows about it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Question {
    pub question: &'static str,
    pub known: Vec<String>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct Worksheet {
    pub target: String,
    pub kind: TargetKind,
    pub today: String,
    /// Where `--write` appends the check-up (relative to the root).
    pub note: String,
    pub note_exists: bool,
    pub last_checkup: Option<String>,
    pub cadence: Option<String>,
    pub due: Option<String>,
    pub questions: Vec<Question>,
}

/// A check-up that is due (for `agenda`, `outreach` and the index page).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct DueCheckup {
    /// What to type after `touchbase checkup`.
    pub target: String,
    pub kind: TargetKind,
    pub due: String,
    pub last_checkup: Option<String>,
    pub note: String,
    /// Whether the note exists yet (`--write` creates it).
    pub note_exists: bool,
}

/// The check-up's schedule: its cadence, the last one, and when the next is due (today when
/// there never was one). `None` when no cadence applies.
pub(crate) struct Due {
    pub cadence: Cadence,
    pub last: Option<NaiveDate>,
    pub next: NaiveDate,
}

fn due(cadence: Option<Cadence>, checkups: &[NaiveDate], today: NaiveDate) -> Option<Due> {
    let cadence = cadence.filter(|c| *c != Cadence::Never)?;
    let last = checkups.iter().copied().filter(|d| *d <= today).max();
    let due = last.and_then(|l| cadence.add_to(l)).unwrap_or(today);
    Some(Due { cadence, last, next: due })
}

/// The shortest cadence `[checkup_cadence_by_tag]` gives any of `tags`.
fn by_tag(settings: &Settings, tags: &[String]) -> Option<Cadence> {
    tags.iter()
        .filter_map(|t| settings.checkup_cadence_by_tag.get(&t.to_lowercase()).copied())
        .min_by(|a, b| a.approx_days().total_cmp(&b.approx_days()))
}

/// An account's check-up cadence: its note's, else by its tags, else `checkup_cadence` for a
/// customer account; `None` for other accounts.
pub(crate) fn account_due(account: &Account, settings: &Settings, today: NaiveDate) -> Option<Due> {
    let cadence = account
        .checkup_cadence
        .or_else(|| by_tag(settings, &account.tags))
        .or_else(|| account.customer.then_some(settings.checkup_cadence));
    due(cadence, &account.checkups, today)
}

/// A person's: only with their own `checkup_cadence` (a person opts in).
pub(crate) fn person_due(entry: &Entry, today: NaiveDate) -> Option<Due> {
    due(entry.contact.account.checkup_cadence, &entry.contact.account.checkups, today)
}

/// Where a tag group's check-ups are written: `<folder>/Check-ups <tag>.md`.
pub(crate) fn tag_note(folder: &str, tag: &str) -> PathBuf {
    PathBuf::from(folder).join(format!("Check-ups {tag}.md"))
}

/// The folder account notes live in: the first marked account note's, else `notes`.
pub(crate) fn notes_folder(notes: &crate::contact::account::Notes) -> String {
    notes
        .notes
        .iter()
        .find(|n| n.marked)
        .and_then(|n| n.path.parent())
        .map(|p| VaultPath::new(p).slash())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "notes".to_string())
}

/// Every check-up due by `until` (accounts, opted-in people, tag groups), by date then name.
pub(crate) fn due_checkups(
    index: &Index,
    accounts: &[Account],
    cx: &super::accounts::Context<'_>,
    until: NaiveDate,
) -> Vec<DueCheckup> {
    let today = index.today;
    let mut out = Vec::new();
    let row = |target: String, kind, d: Due, (note, note_exists): (String, bool)| DueCheckup {
        target,
        kind,
        due: d.next.to_string(),
        last_checkup: d.last.map(|l| l.to_string()),
        note,
        note_exists,
    };
    let folder = notes_folder(cx.notes);
    for account in accounts {
        if let Some(d) = account_due(account, cx.settings, today).filter(|d| d.next <= until) {
            let note = account.note.clone().unwrap_or_else(|| format!("{folder}/{}.md", account.company));
            out.push(row(account.company.clone(), TargetKind::Account, d, (note, account.note.is_some())));
        }
    }
    for entry in &index.entries {
        if let Some(d) = person_due(entry, today).filter(|d| d.next <= until) {
            let note = VaultPath::new(&entry.contact.path).slash();
            out.push(row(entry.contact.name.clone(), TargetKind::Person, d, (note, true)));
        }
    }
    for (tag, cadence) in &cx.settings.checkup_cadence_by_tag {
        let path = tag_note(&folder, tag);
        let note = cx.notes.notes.iter().find(|n| n.path == path);
        let checkups: Vec<NaiveDate> = note.map(|n| n.checkups.clone()).unwrap_or_default();
        let exists = note.is_some() || cx.notes.plain.contains(&path);
        let has_members =
            index.entries.iter().any(|e| e.contact.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)));
        if let Some(d) = due(Some(*cadence), &checkups, today).filter(|d| d.next <= until && has_members) {
            out.push(row(format!("tag:{tag}"), TargetKind::Tag, d, (VaultPath::new(&path).slash(), exists)));
        }
    }
    out.sort_by_cached_key(|c| (c.due.clone(), c.target.to_lowercase()));
    out
}

/// What a worksheet is built from: the people, their account (when one), the schedule.
pub(crate) struct Subject<'a> {
    pub target: String,
    pub kind: TargetKind,
    pub people: Vec<&'a Entry>,
    pub account: Option<&'a Account>,
    pub note: String,
    pub note_exists: bool,
    pub due: Option<Due>,
}

/// The worksheet: each question followed by what the vault knows.
pub(crate) fn worksheet(subject: &Subject<'_>, index: &Index, settings: &Settings) -> Worksheet {
    let today = index.today;
    let last = subject.due.as_ref().and_then(|d| d.last);
    let known: [Vec<String>; 6] = [
        touches(&subject.people, today, settings.active_days),
        product(subject, last),
        changes(&subject.people, subject.account, today, last, settings.new_contact_days),
        follow_ups(&subject.people, today),
        right_people(&subject.people, subject.account),
        competitor(&subject.people, today, settings.active_days),
    ];
    Worksheet {
        target: subject.target.clone(),
        kind: subject.kind,
        today: today.to_string(),
        note: subject.note.clone(),
        note_exists: subject.note_exists,
        last_checkup: last.map(|d| d.to_string()),
        cadence: subject.due.as_ref().map(|d| d.cadence.to_string()),
        due: subject.due.as_ref().map(|d| d.next.to_string()),
        questions: QUESTIONS
            .iter()
            .zip(known)
            .map(|(question, known)| Question { question, known })
            .collect(),
    }
}

/// Touches within `active_days`, newest first: when, whom, and what (a note's touch names it).
fn touches(people: &[&Entry], today: NaiveDate, days: u32) -> Vec<String> {
    let mut all: Vec<(NaiveDate, String, String)> = Vec::new();
    for e in people {
        for i in e.contact.interactions() {
            if schedule::is_contact(i.date, i.kind, today) && (today - i.date).num_days() <= i64::from(days) {
                all.push((i.date, e.contact.name.clone(), i.summary.to_string()));
            }
        }
    }
    all.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let mut out: Vec<String> = all
        .iter()
        .take(TOUCHES)
        .map(
            |(date, who, what)| {
                if what.is_empty() {
                    format!("{date} {who}")
                } else {
                    format!("{date} {who}: {what}")
                }
            },
        )
        .collect();
    if all.len() > TOUCHES {
        out.push(format!("…and {} more in the last {days} days", all.len() - TOUCHES));
    }
    if out.is_empty() {
        out.push(format!("no touch in the last {days} days"));
    }
    out
}

fn product(subject: &Subject<'_>, last: Option<NaiveDate>) -> Vec<String> {
    let mut out = Vec::new();
    match last {
        Some(last) => out.push(format!("last check-up: {last}, in {} (read its answers)", subject.note)),
        None => out.push("no check-up written yet".to_string()),
    }
    if let Some(account) = subject.account {
        let about: Vec<String> = account
            .tier
            .iter()
            .map(|t| format!("tier {t}"))
            .chain(account.owner.iter().map(|o| format!("owner {o}")))
            .collect();
        if !about.is_empty() {
            out.push(about.join(", "));
        }
    }
    out
}

/// Added recently (or since the last check-up), left, and reporting lines to someone new.
fn changes(
    people: &[&Entry],
    account: Option<&Account>,
    today: NaiveDate,
    last: Option<NaiveDate>,
    new_days: u32,
) -> Vec<String> {
    let since = last.unwrap_or_else(|| today - chrono::Days::new(u64::from(new_days)));
    let mut out = Vec::new();
    let added: Vec<&Entry> = people
        .iter()
        .copied()
        .filter(|e| e.contact.account.added.is_some_and(|d| d > since && d <= today))
        .collect();
    for e in &added {
        let role = e.contact.role.as_deref().map(|r| format!(", {r}")).unwrap_or_default();
        let added = e.contact.account.added.map(|d| d.to_string()).unwrap_or_default();
        out.push(format!("added {added}: {}{role}", e.contact.name));
    }
    for e in people {
        let a = &e.contact.account;
        let Some(left) = a.left else { continue };
        let when = match left {
            crate::contact::account::Left::On(d) => format!(" {d}"),
            crate::contact::account::Left::Undated => String::new(),
        };
        let next = a.replaced_by.as_deref().map(|r| format!(", replaced by {r}")).unwrap_or_default();
        out.push(format!("left{when}: {}{next}", e.contact.name));
    }
    if let Some(account) = account {
        for c in &account.contacts {
            let boss = c.manager.and_then(|m| account.contacts.get(m));
            if let Some(boss) = boss.filter(|b| added.iter().any(|e| e.contact.name == b.name)) {
                out.push(format!("{} now reports to {}, who is new", c.name, boss.name));
            }
        }
    }
    if out.is_empty() {
        out.push(format!("no one added or gone since {since}"));
    }
    out
}

/// Open tasks and planned touchpoints, oldest first.
fn follow_ups(people: &[&Entry], today: NaiveDate) -> Vec<String> {
    let mut all: Vec<(NaiveDate, String, String)> = Vec::new();
    for e in people {
        for i in e.contact.interactions() {
            let open = i.kind == InteractionKind::OpenTask;
            if open || schedule::is_planned(i.date, i.kind, today) {
                let late = if open && i.date < today { " (overdue)" } else { "" };
                all.push((i.date, e.contact.name.clone(), format!("{}{late}", i.summary)));
            }
        }
    }
    all.sort();
    let out: Vec<String> = all.into_iter().map(|(d, who, what)| format!("{d} {who}: {what}")).collect();
    if out.is_empty() {
        return vec!["no open follow-ups".to_string()];
    }
    out
}

fn person_line(c: &AccountContact) -> String {
    let mut line = c.name.clone();
    if let Some(role) = &c.role {
        line.push_str(&format!(", {role}"));
    }
    if !c.account_roles.is_empty() {
        line.push_str(&format!(" [{}]", c.account_roles.join(", ")));
    }
    if c.decision_maker {
        line.push_str(" (decision maker)");
    }
    match (&c.left, &c.last_contact) {
        (Some(left), _) => line.push_str(&format!(": left {left}")),
        (None, Some(last)) => line.push_str(&format!(": last contact {last}")),
        (None, None) => line.push_str(": never contacted"),
    }
    line
}

/// People and roles, role coverage, the account's flags.
fn right_people(people: &[&Entry], account: Option<&Account>) -> Vec<String> {
    let Some(account) = account else {
        return people
            .iter()
            .map(|e| {
                let company = e.contact.company.as_deref().map(|c| format!(" at {c}")).unwrap_or_default();
                let role = e.contact.role.as_deref().map(|r| format!(", {r}")).unwrap_or_default();
                format!("{}{role}{company}", e.contact.name)
            })
            .collect();
    };
    let names: Vec<&str> = people.iter().map(|e| e.contact.name.as_str()).collect();
    let mut out: Vec<String> =
        account.contacts.iter().filter(|c| names.contains(&c.name.as_str())).map(person_line).collect();
    for role in &account.roles {
        let by = if role.covered { role.by.join(", ") } else { "nobody".to_string() };
        out.push(format!("{}: {by}", role.role));
    }
    out.extend(account.flags.iter().map(|f| format!("flag {}: {}", serde_kind(f.kind), f.message)));
    out
}

fn serde_kind(kind: super::accounts::FlagKind) -> String {
    serde_json::to_value(kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// How warm the relationship is: active threads, and the decision makers' last contact.
fn competitor(people: &[&Entry], today: NaiveDate, days: u32) -> Vec<String> {
    let current: Vec<&&Entry> = people.iter().filter(|e| e.contact.account.left.is_none()).collect();
    let active = current
        .iter()
        .filter(|e| e.schedule.last_contact.is_some_and(|d| (today - d).num_days() <= i64::from(days)))
        .count();
    let last = current.iter().filter_map(|e| e.schedule.last_contact).max();
    let last = last.map_or_else(|| "never".to_string(), |d| d.to_string());
    vec![format!("{active} of {} people touched in the last {days} days; last touch {last}", current.len())]
}

/// The section `checkup --write` appends: the dated heading and each question to answer.
pub(crate) fn section(today: NaiveDate, line_end: &str) -> String {
    let mut out = format!("## Check-up {today}{line_end}");
    for question in QUESTIONS {
        out.push_str(&format!("- {question}{line_end}  - {line_end}"));
    }
    out
}

/// What `checkup TARGET` is about: `tag:NAME`, else an account (any of its names), else a
/// person (name, alias or file), else an account whose name contains TARGET.
pub(crate) fn subject<'a>(
    target: &str,
    index: &'a Index,
    accounts: &'a [Account],
    cx: &super::accounts::Context<'_>,
) -> Result<Subject<'a>, String> {
    let today = index.today;
    if let Some(tag) = target.strip_prefix("tag:").map(|t| t.trim().trim_start_matches('#')) {
        let people: Vec<&Entry> = index
            .entries
            .iter()
            .filter(|e| e.contact.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)))
            .collect();
        if people.is_empty() || tag.is_empty() {
            return Err(format!("no contact has the tag {tag:?}"));
        }
        let path = tag_note(&notes_folder(cx.notes), tag);
        let note = cx.notes.notes.iter().find(|n| n.path == path);
        let checkups = note.map(|n| n.checkups.clone()).unwrap_or_default();
        let cadence = cx.settings.checkup_cadence_by_tag.get(&tag.to_lowercase()).copied();
        return Ok(Subject {
            target: format!("tag:{tag}"),
            kind: TargetKind::Tag,
            people,
            account: None,
            note: VaultPath::new(&path).slash(),
            note_exists: note.is_some() || cx.notes.plain.contains(&path),
            due: due(cadence, &checkups, today),
        });
    }
    let exact = super::accounts::find(accounts, target, false);
    if let Some(account) = exact {
        return Ok(account_subject(account, index, cx));
    }
    if let Ok(i) = super::lookup::one(index, target, false) {
        if let Some(entry) = index.entries.get(i) {
            let company = entry.contact.company.as_deref().unwrap_or("");
            let account = super::accounts::find(accounts, company, false)
                .filter(|a| a.contacts.iter().any(|c| c.path == VaultPath::new(&entry.contact.path).slash()));
            return Ok(Subject {
                target: entry.contact.name.clone(),
                kind: TargetKind::Person,
                people: vec![entry],
                account,
                note: VaultPath::new(&entry.contact.path).slash(),
                note_exists: true,
                due: person_due(entry, today),
            });
        }
    }
    match super::accounts::find(accounts, target, true) {
        Some(account) => Ok(account_subject(account, index, cx)),
        None => Err(super::lookup::one(index, target, false).err().map_or_else(
            || format!("no account or contact named {target:?}"),
            |e| format!("no account named {target:?}, and {e}"),
        )),
    }
}

fn account_subject<'a>(
    account: &'a Account,
    index: &'a Index,
    cx: &super::accounts::Context<'_>,
) -> Subject<'a> {
    let people: Vec<&Entry> = account
        .contacts
        .iter()
        .filter_map(|c| index.entries.iter().find(|e| VaultPath::new(&e.contact.path).slash() == c.path))
        .collect();
    let folder = notes_folder(cx.notes);
    Subject {
        target: account.company.clone(),
        kind: TargetKind::Account,
        people,
        account: Some(account),
        note: account.note.clone().unwrap_or_else(|| format!("{folder}/{}.md", account.company)),
        note_exists: account.note.is_some(),
        due: account_due(account, cx.settings, index.today),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn due_is_the_newest_checkup_plus_the_cadence_or_today() {
        let quarterly = Cadence::parse("quarterly").ok();
        let today = day("2026-11-26");
        let d = due(quarterly, &[day("2026-05-01"), day("2026-08-20")], today).unwrap();
        assert_eq!((d.last, d.next), (Some(day("2026-08-20")), day("2026-11-20")));
        let never = due(quarterly, &[], today).unwrap();
        assert_eq!((never.last, never.next), (None, today), "never checked up: due now");
        let ahead = due(quarterly, &[day("2027-01-01")], today).unwrap();
        assert_eq!(ahead.last, None, "a check-up dated after today is not done yet");
        assert!(due(Cadence::parse("none").ok(), &[], today).is_none());
        assert!(due(None, &[], today).is_none());
    }

    #[test]
    fn the_section_lists_every_question() {
        let text = section(day("2026-11-26"), "\r\n");
        assert!(text.starts_with("## Check-up 2026-11-26\r\n- How are things going with them?\r\n  - \r\n"));
        assert_eq!(text.matches("\r\n- ").count(), QUESTIONS.len());
        assert_eq!(crate::contact::account::checkup_dates(&text), [day("2026-11-26")]);
    }

    #[test]
    fn tag_groups_are_noted_in_the_account_notes_folder() {
        let mut notes = crate::contact::account::Notes::default();
        assert_eq!(notes_folder(&notes), "notes");
        notes.notes.push(crate::contact::account::AccountNote {
            path: "Accounts/Acme.md".into(),
            marked: true,
            ..Default::default()
        });
        assert_eq!(notes_folder(&notes), "Accounts");
        assert_eq!(tag_note("Accounts", "colleague"), PathBuf::from("Accounts/Check-ups colleague.md"));
    }
}
