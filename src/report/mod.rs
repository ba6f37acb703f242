//! Stage 4b: what each command shows, as plain serializable structs. No I/O, no formatting:
//! the JSON keys here are the documented ones (SPEC 7).

pub(crate) mod accounts;
pub(crate) mod brief;
pub(crate) mod calendar;
pub(crate) mod calendar_sync;
pub(crate) mod cards;
pub(crate) mod changes;
pub(crate) mod check;
pub(crate) mod checkup;
pub(crate) mod greetings;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod index_page;
pub(crate) mod lookup;
pub(crate) mod outreach;
pub(crate) mod page_links;
pub(crate) mod private;
pub(crate) mod profile;
pub(crate) mod show;
pub(crate) mod watch;

use chrono::NaiveDate;
use serde::Serialize;
use serde_yaml::{Mapping, Value};

use crate::contact::fields::key_text;
use crate::index::{Entry, Index};
use crate::query::stream::Files;
use crate::query::Query;
use crate::schedule;
pub(crate) use crate::schedule::{EventKind, Status};
use crate::vault_path::VaultPath;
use rayon::prelude::*;

/// One contact in a list (`list`, `overdue`).
#[derive(Clone, Debug, Serialize)]
pub(crate) struct ContactRow {
    pub name: String,
    /// Relative to the vault, with `/` separators.
    pub path: String,
    pub company: Option<String>,
    pub role: Option<String>,
    pub tags: Vec<String>,
    /// The contact's owners (its own `owner:`, else its account note's).
    pub owner: Vec<String>,
    pub cadence: Option<String>,
    pub last_contact: Option<String>,
    pub due: Option<String>,
    pub status: Status,
    pub days_overdue: i64,
    /// Why an overdue contact is late when an open task set the due date: `to do: TEXT`
    /// (the JSON key is left out otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// All front matter; filled in only for JSON output (`with_fields`), as it costs a re-parse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<serde_json::Value>,
}

impl ContactRow {
    pub(crate) fn new(entry: &Entry, today: NaiveDate) -> ContactRow {
        let c = &entry.contact;
        let s = &entry.schedule;
        ContactRow {
            name: c.name.clone(),
            path: VaultPath::new(&c.path).slash(),
            company: c.company.clone(),
            role: c.role.clone(),
            tags: c.tags.clone(),
            owner: c.owners.clone(),
            cadence: s.cadence.map(|k| k.to_string()),
            last_contact: s.last_contact.map(|d| d.to_string()),
            due: s.due.map(|d| d.to_string()),
            status: s.status,
            days_overdue: s.days_overdue(today),
            reason: task_reason(entry, today),
            fields: None,
        }
    }

    /// The same row with `fields` filled in from the contact's front matter.
    pub(crate) fn with_fields(self, entry: &Entry) -> ContactRow {
        self.with_fields_of(&entry.contact)
    }

    /// The same row with `fields` filled in from `contact`'s front matter (the file read again).
    pub(crate) fn with_fields_of(mut self, contact: &crate::contact::Contact) -> ContactRow {
        self.fields = Some(mapping_to_json(&crate::contact::profile::public(&contact.fields())));
        self
    }
}

/// `to do: TEXT` when the contact is overdue because of an open task dated before today.
fn task_reason(entry: &Entry, today: NaiveDate) -> Option<String> {
    if entry.schedule.status != Status::Overdue || !entry.schedule.due_to_task() {
        return None;
    }
    let task = schedule::overdue_tasks(&entry.contact, today).next()?;
    Some(format!("to do: {}", task.summary).trim_end().to_string())
}

/// Fills in `fields` for rows built from `entries` (JSON output only).
pub(crate) fn attach_fields(rows: &mut [ContactRow], index: &Index) {
    for row in rows {
        let found =
            index.entries.binary_search_by(|e| VaultPath::new(&e.contact.path).slash().cmp(&row.path));
        let entry = match found {
            Ok(i) => index.entries.get(i),
            Err(_) => index.entries.iter().find(|e| VaultPath::new(&e.contact.path).slash() == row.path),
        };
        if let Some(entry) = entry {
            row.fields = Some(mapping_to_json(&crate::contact::profile::public(&entry.contact.fields())));
        }
    }
}

/// Every contact name and alias, sorted, once each, that a shell can offer as a word.
pub(crate) fn completion_names(index: &Index) -> Vec<&str> {
    let mut names: Vec<&str> = index
        .entries
        .iter()
        .flat_map(|e| std::iter::once(&e.contact.name).chain(&e.contact.aliases))
        .map(|n| n.trim())
        .filter(|n| !n.is_empty() && !n.chars().any(char::is_control))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The load diagnostic of the file NAME would have named, when no contact has that name: the
/// reason a user's `log NAME` found nothing.
pub(crate) fn unreadable<'a>(
    diagnostics: &'a [crate::error::Diagnostic],
    name: &str,
) -> Option<&'a crate::error::Diagnostic> {
    let wanted = name.strip_suffix(".md").unwrap_or(name);
    diagnostics.iter().filter(|d| d.is_error()).find(|d| {
        d.path.file_stem().and_then(|s| s.to_str()).is_some_and(|stem| stem.eq_ignore_ascii_case(wanted))
    })
}

/// One dated thing about one contact (`upcoming`).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct EventRow {
    pub date: String,
    pub kind: EventKind,
    pub who: String,
    pub path: String,
    pub label: String,
    /// Days from today (0 = today).
    pub in_days: i64,
}

/// A contact's path as reports show it ([`VaultPath::slash`]); kept for the callers in
/// `commands/` and `report/show.rs`, `report/check.rs` until they name `VaultPath` themselves.
pub(crate) fn slash_path(path: &std::path::Path) -> String {
    VaultPath::new(path).slash()
}

/// Front matter as JSON: keys become strings, tags are dropped, dates stay as written.
pub(crate) fn mapping_to_json(map: &Mapping) -> serde_json::Value {
    serde_json::Value::Object(map.iter().map(|(k, v)| (key_text(k), yaml_to_json(v))).collect())
}

fn yaml_to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into()
            } else if let Some(u) = n.as_u64() {
                u.into()
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number)
            }
        }
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Sequence(items) => serde_json::Value::Array(items.iter().map(yaml_to_json).collect()),
        Value::Mapping(map) => mapping_to_json(map),
        Value::Tagged(tagged) => yaml_to_json(&tagged.value),
    }
}

/// Entries matching the query, in index (path) order. With `files`, full-text terms read the
/// files of a lean load, in parallel.
pub(crate) fn select<'a>(
    index: &'a Index,
    query: &Query,
    fields: &crate::contact::FieldNames,
    files: Option<&Files<'_>>,
) -> Vec<&'a Entry> {
    let today = index.today;
    match files {
        Some(files) if query.needs_body() => index
            .entries
            .par_iter()
            .filter(|e| query.matches_reading(e, fields, today, Some(files)))
            .collect(),
        _ => index.entries.iter().filter(|e| query.matches(e, fields, today)).collect(),
    }
}

/// The indices of the entries matching the query, in path order (what `export` writes). With
/// `files`, full-text terms read the files of a lean load, in parallel.
pub(crate) fn selected(
    index: &Index,
    query: &Query,
    fields: &crate::contact::FieldNames,
    files: Option<&Files<'_>>,
) -> Vec<usize> {
    let today = index.today;
    let matches = |e: &Entry| query.matches_reading(e, fields, today, files);
    index.entries.par_iter().enumerate().filter(|(_, e)| matches(e)).map(|(i, _)| i).collect()
}

/// The rows of the selected entries, in the order given, made one at a time as they are written.
pub(crate) fn export_rows<'a>(
    index: &'a Index,
    selected: &'a [usize],
) -> impl Iterator<Item = ContactRow> + 'a {
    selected.iter().filter_map(|&i| index.entries.get(i)).map(|e| ContactRow::new(e, index.today))
}

/// Entry `i`'s row with the whole front matter of `contact`, its file read again (`export`'s
/// JSON: the schedule is the load's, the fields the file's as it is now).
pub(crate) fn export_row_with_fields(
    index: &Index,
    i: usize,
    contact: &crate::contact::Contact,
) -> Option<ContactRow> {
    let entry = index.entries.get(i)?;
    Some(ContactRow::new(entry, index.today).with_fields_of(contact))
}

/// `list`: sorted by name (case-insensitive), then path. With `with_fields`, each row carries
/// the contact's whole front matter (JSON output).
pub(crate) fn list(
    index: &Index,
    query: &Query,
    fields: &crate::contact::FieldNames,
    with_fields: bool,
    files: Option<&Files<'_>>,
) -> Vec<ContactRow> {
    let mut entries = select(index, query, fields, files);
    entries.sort_by_cached_key(|e| (e.contact.name.to_lowercase(), e.contact.path.clone()));
    rows(index, entries, with_fields)
}

/// `overdue`: earliest due date first, then name.
pub(crate) fn overdue(
    index: &Index,
    query: &Query,
    fields: &crate::contact::FieldNames,
    with_fields: bool,
    files: Option<&Files<'_>>,
) -> Vec<ContactRow> {
    let mut entries: Vec<&Entry> = select(index, query, fields, files)
        .into_iter()
        .filter(|e| e.schedule.status == Status::Overdue)
        .collect();
    entries.sort_by_cached_key(|e| (e.schedule.due, e.contact.name.to_lowercase(), e.contact.path.clone()));
    rows(index, entries, with_fields)
}

fn rows(index: &Index, entries: Vec<&Entry>, with_fields: bool) -> Vec<ContactRow> {
    let mut rows: Vec<ContactRow> = entries.into_iter().map(|e| ContactRow::new(e, index.today)).collect();
    if with_fields {
        attach_fields(&mut rows, index);
    }
    rows
}

/// The agenda: who is overdue and what comes up from today through `days` days ahead.
#[derive(Clone, Debug)]
pub(crate) struct Agenda {
    pub overdue: Vec<ContactRow>,
    pub coming: Vec<EventRow>,
    pub days: u32,
    /// Relationship check-ups due within the agenda's days (`checkup`).
    pub checkups: Vec<checkup::DueCheckup>,
}

impl Agenda {
    /// Everyone in either list, once each, overdue first (for `--format paths`).
    pub(crate) fn paths(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        let all =
            self.overdue.iter().map(|r| r.path.as_str()).chain(self.coming.iter().map(|e| e.path.as_str()));
        all.filter(|p| seen.insert(*p)).collect()
    }
}

pub(crate) fn agenda(index: &Index, fields: &crate::contact::FieldNames, days: u32) -> Agenda {
    let everyone = Query::default();
    Agenda {
        overdue: overdue(index, &everyone, fields, false, None),
        coming: upcoming(index, &everyone, fields, days, None),
        days,
        checkups: Vec::new(),
    }
}

/// Events of one entry from `from` through `to`.
pub(crate) fn entry_events(entry: &Entry, today: NaiveDate, from: NaiveDate, to: NaiveDate) -> Vec<EventRow> {
    let c = &entry.contact;
    let mut events = schedule::yearly_events(c, from, to);
    events.extend(schedule::one_off_events(c, from, to));
    events.extend(schedule::contact_events(c, &entry.schedule, today, from, to));
    events
        .into_iter()
        .map(|e| EventRow {
            date: e.date.to_string(),
            kind: e.kind,
            who: c.name.clone(),
            path: VaultPath::new(&c.path).slash(),
            label: e.label,
            in_days: (e.date - today).num_days(),
        })
        .collect()
}

/// `upcoming`: yearly dates, due dates and planned touchpoints from today through today + days,
/// sorted by date, then who, then kind. Overdue contacts are not repeated.
pub(crate) fn upcoming(
    index: &Index,
    query: &Query,
    fields: &crate::contact::FieldNames,
    days: u32,
    files: Option<&Files<'_>>,
) -> Vec<EventRow> {
    let today = index.today;
    let to = today.checked_add_days(chrono::Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX);
    let mut rows: Vec<EventRow> = select(index, query, fields, files)
        .into_iter()
        .flat_map(|e| entry_events(e, today, today, to))
        .collect();
    sort_events(&mut rows);
    rows
}

pub(crate) fn sort_events(rows: &mut [EventRow]) {
    rows.sort_by(|a, b| {
        (a.date.as_str(), a.who.to_lowercase(), a.kind, a.path.as_str(), a.label.as_str()).cmp(&(
            b.date.as_str(),
            b.who.to_lowercase(),
            b.kind,
            b.path.as_str(),
            b.label.as_str(),
        ))
    });
}
