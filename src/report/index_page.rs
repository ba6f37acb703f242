//! The index page's content as data: overdue, due this week, upcoming, never contacted, counts.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::page_links::PageLinks;

use super::{entry_events, sort_events, ContactRow, EventRow};
use crate::index::{Entry, Index};
use crate::schedule::week::Week;
use crate::schedule::{EventKind, Status};

#[derive(Debug)]
pub(crate) struct IndexPage {
    pub today: NaiveDate,
    pub week: Week,
    pub days: u32,
    pub overdue: Vec<ContactRow>,
    pub due_this_week: Vec<ContactRow>,
    pub upcoming: Vec<EventRow>,
    pub never_contacted: Vec<ContactRow>,
    /// Customer accounts with at least one flag (see `report::accounts`).
    pub accounts: Vec<super::accounts::Account>,
    /// Check-ups due by today.
    pub checkups: Vec<super::checkup::DueCheckup>,
    pub contacts: usize,
    /// How the page links (`links` in touchbase.toml, Obsidian's names).
    pub links: PageLinks,
    /// The most rows a section lists (`page_rows`).
    pub rows: usize,
    /// The owner flag that lists what the page lists (`index_owner`), for its pointers.
    pub owner_flag: Option<String>,
    /// Company (every spelling) → its account note's path, for linking account names.
    pub account_notes: BTreeMap<String, String>,
}

/// How the page on disk compares with the page `index` would write (`index --check`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PageState {
    UpToDate,
    Stale,
    NotRegular,
    Missing,
}

impl PageState {
    pub(crate) fn of(expected: &[u8], on_disk: &crate::vault::OnDisk) -> PageState {
        match on_disk {
            crate::vault::OnDisk::File(bytes) if bytes.as_slice() == expected => PageState::UpToDate,
            crate::vault::OnDisk::File(_) => PageState::Stale,
            crate::vault::OnDisk::NotRegular => PageState::NotRegular,
            crate::vault::OnDisk::Missing => PageState::Missing,
        }
    }
}

pub(crate) fn build(index: &Index, cx: &super::accounts::Context<'_>) -> IndexPage {
    let settings = cx.settings;
    let (week_start, days) = (settings.week_start, settings.upcoming_days);
    let today = index.today;
    let owner = settings.index_owner_ids().map(|ids| crate::query::owner::Owner::new(&ids));
    let kept = |e: &&Entry| owner.as_ref().is_none_or(|o| o.owns(&e.contact.owners));
    let week = Week::containing(today, week_start);
    let to = today.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX);
    let by_due = |entries: &mut Vec<&Entry>| {
        entries
            .sort_by_cached_key(|e| (e.schedule.due, e.contact.name.to_lowercase(), e.contact.path.clone()));
    };
    let mut overdue: Vec<&Entry> =
        index.entries.iter().filter(kept).filter(|e| e.schedule.status == Status::Overdue).collect();
    by_due(&mut overdue);
    let mut due_this_week: Vec<&Entry> = index
        .entries
        .iter()
        .filter(kept)
        .filter(|e| {
            matches!(e.schedule.status, Status::Due | Status::Ok)
                && !e.schedule.never_contacted
                && e.schedule.due.is_some_and(|d| d <= week.end)
        })
        .collect();
    by_due(&mut due_this_week);
    let mut never: Vec<&Entry> =
        index.entries.iter().filter(kept).filter(|e| e.schedule.never_contacted).collect();
    never.sort_by_cached_key(|e| (e.contact.name.to_lowercase(), e.contact.path.clone()));
    let mut upcoming: Vec<EventRow> = index
        .entries
        .iter()
        .filter(kept)
        .flat_map(|e| {
            // Due dates already listed above are not repeated.
            let listed = e.schedule.never_contacted
                || (matches!(e.schedule.status, Status::Due | Status::Ok)
                    && e.schedule.due.is_some_and(|d| d <= week.end));
            entry_events(e, today, today, to)
                .into_iter()
                .filter(move |ev| !(listed && ev.kind == EventKind::Due))
        })
        .collect();
    sort_events(&mut upcoming);
    let mut accounts = super::accounts::accounts(index, cx);
    if let Some(owner) = &owner {
        super::accounts::keep_owned(&mut accounts, owner);
    }
    let rows = |entries: Vec<&Entry>| entries.into_iter().map(|e| ContactRow::new(e, today)).collect();
    IndexPage {
        links: PageLinks::of(index, cx),
        rows: settings.page_rows,
        owner_flag: owner_flag(settings),
        account_notes: account_notes(&accounts),
        today,
        week,
        days,
        overdue: rows(overdue),
        due_this_week: rows(due_this_week),
        upcoming,
        never_contacted: rows(never),
        checkups: super::checkup::due_checkups(index, &accounts, cx, today),
        accounts: accounts.into_iter().filter(|a| a.customer && !a.flags.is_empty()).collect(),
        contacts: index.entries.iter().filter(kept).count(),
    }
}

/// The owner flag that lists what the page lists (`index_owner`), for the page's pointers.
pub(crate) fn owner_flag(settings: &crate::vault::settings::Settings) -> Option<String> {
    settings.index_owner.as_deref().map(|o| {
        if o.trim().eq_ignore_ascii_case("me") {
            "--mine".to_string()
        } else {
            format!("--owner {o:?}")
        }
    })
}

/// Every spelling of each account's name → its note, for the pages that link account names.
pub(crate) fn account_notes<'a>(
    accounts: impl IntoIterator<Item = &'a super::accounts::Account>,
) -> BTreeMap<String, String> {
    let mut notes = BTreeMap::new();
    for account in accounts {
        let Some(note) = &account.note else { continue };
        for name in std::iter::once(&account.company).chain(&account.names) {
            notes.entry(name.trim().to_string()).or_insert_with(|| note.clone());
        }
    }
    notes
}
