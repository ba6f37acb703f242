//! The index page as markdown: links in the vault's style, escaped cells, dates that do not
//! wrap, sections capped with the command that lists the rest, the date it was generated for
//! and how, never a clock time. Rows and sections are separate functions so that `watch`'s page
//! model renders each contact's rows alone and the sections from rows it keeps.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;

use super::markdown::{date_cell, escape, Links};
use crate::report::accounts::Account;
use crate::report::checkup::DueCheckup;
use crate::report::index_page::{IndexPage, PageState};
use crate::report::{ContactRow, EventRow};

/// The command that regenerates the page, named on the page itself.
pub(crate) const GENERATED_BY: &str = "touchbase index";

/// Writes the page that lives at `index_path` (relative to the vault root).
pub(crate) fn page(w: &mut (impl Write + ?Sized), page: &IndexPage, index_path: &Path) -> io::Result<()> {
    w.write_all(text(page, index_path).as_bytes())
}

/// What `index --check` says about the page on disk.
pub(crate) fn state(w: &mut (impl Write + ?Sized), path: &Path, state: PageState) -> io::Result<()> {
    let what = match state {
        PageState::UpToDate => return writeln!(w, "{} is up to date", path.display()),
        PageState::Stale => "is stale",
        PageState::NotRegular => "is not a regular file",
        PageState::Missing => "does not exist",
    };
    writeln!(w, "{} {what}; run `touchbase index` to regenerate it", path.display())
}

fn text(page: &IndexPage, index_path: &Path) -> String {
    let cx = Cells { links: Links::new(&page.links, index_path), account_notes: &page.account_notes };
    let cap = Cap { rows: page.rows, owner_flag: page.owner_flag.as_deref() };
    let mut out = String::new();
    let lines = |rows: Vec<String>| rows.into_iter();
    head(&mut out, page.today);
    overdue(&mut out, &cap, lines(page.overdue.iter().map(|r| overdue_row(r, &cx)).collect()));
    let due = lines(page.due_this_week.iter().map(|r| due_row(r, &cx)).collect());
    due_this_week(&mut out, &cap, (page.today, page.week.start, page.week.end), due);
    upcoming(&mut out, &cap, page.days, lines(page.upcoming.iter().map(|e| event_row(e, &cx)).collect()));
    never_contacted(&mut out, &cap, lines(page.never_contacted.iter().map(|r| never_row(r, &cx)).collect()));
    let accounts = lines(page.accounts.iter().map(|a| account_row(a, &cx)).collect());
    accounts_and_checkups(&mut out, &cap, accounts, &page.checkups, &cx);
    let counts = Counts {
        overdue: page.overdue.len(),
        due_this_week: page.due_this_week.len(),
        upcoming: page.upcoming.len(),
        never_contacted: page.never_contacted.len(),
        accounts: page.accounts.len(),
        contacts: page.contacts,
    };
    foot(&mut out, &counts);
    out
}

/// What a row's cells are made with: the page's links, and the account notes that company
/// names link to.
pub(crate) struct Cells<'a> {
    pub links: Links<'a>,
    pub account_notes: &'a BTreeMap<String, String>,
}

/// How many rows a section lists, and the owner flag its "…and N more" command carries.
pub(crate) struct Cap<'a> {
    pub rows: usize,
    pub owner_flag: Option<&'a str>,
}

/// The counts of the page's last line.
pub(crate) struct Counts {
    pub overdue: usize,
    pub due_this_week: usize,
    pub upcoming: usize,
    pub never_contacted: usize,
    pub accounts: usize,
    pub contacts: usize,
}

/// The title and the line saying what generated the page for which day.
pub(crate) fn head(out: &mut String, today: NaiveDate) {
    out.push_str("# Touchbase\n\n");
    out.push_str(&format!(
        "_Generated for {today} by `{GENERATED_BY}`. Edits to this page are overwritten; edit the contact files instead._\n"
    ));
}

/// One section's table without its heading: `header`, the first `cap.rows` rows (each one
/// rendered line, see the `*_row` functions), then `…and N more (`touchbase COMMAND` lists
/// them all).`; without rows, what its emptiness means.
#[derive(Clone, Copy)]
struct Table<'s> {
    empty: &'s str,
    header: &'s str,
    command: &'s str,
}

fn section<S: AsRef<str>>(
    out: &mut String,
    cap: &Cap<'_>,
    table: Table<'_>,
    rows: impl ExactSizeIterator<Item = S>,
) {
    let total = rows.len();
    if total == 0 {
        return out.push_str(table.empty);
    }
    out.push_str(table.header);
    for row in rows.take(cap.rows) {
        out.push_str(row.as_ref());
    }
    let more = total.saturating_sub(cap.rows);
    if more > 0 {
        let owner = cap.owner_flag.map(|f| format!(" {f}")).unwrap_or_default();
        out.push_str(&format!("\n…and {more} more (`touchbase {}{owner}` lists them all).\n", table.command));
    }
}

pub(crate) fn overdue<S: AsRef<str>>(
    out: &mut String,
    cap: &Cap<'_>,
    rows: impl ExactSizeIterator<Item = S>,
) {
    out.push_str("\n## Overdue\n\n");
    let header = "| Name | Company | Last contact | Cadence | Days overdue |\n|---|---|---|---|---:|\n";
    section(out, cap, Table { empty: "Nobody is overdue.\n", header, command: "overdue" }, rows);
}

/// The contacts due this week; `(today, start, end)` of the week.
pub(crate) fn due_this_week<S: AsRef<str>>(
    out: &mut String,
    cap: &Cap<'_>,
    (today, start, end): (NaiveDate, NaiveDate, NaiveDate),
    rows: impl ExactSizeIterator<Item = S>,
) {
    out.push_str(&format!("\n## Due this week ({start} to {end})\n\n"));
    let header = "| Name | Company | Due | Last contact | Cadence |\n|---|---|---|---|---|\n";
    // `upcoming --days N` lists the due dates from today to today + N (the week's end), with the
    // other dates of those days.
    let command = format!("upcoming --days {}", (end - today).num_days().max(0));
    section(out, cap, Table { empty: "Nobody else is due this week.\n", header, command: &command }, rows);
}

pub(crate) fn upcoming<S: AsRef<str>>(
    out: &mut String,
    cap: &Cap<'_>,
    days: u32,
    rows: impl ExactSizeIterator<Item = S>,
) {
    out.push_str(&format!("\n## Upcoming (next {days} days)\n\n"));
    let command = format!("upcoming --days {days}");
    let header = "| Date | Who | What |\n|---|---|---|\n";
    section(out, cap, Table { empty: "Nothing coming up.\n", header, command: &command }, rows);
}

pub(crate) fn never_contacted<S: AsRef<str>>(
    out: &mut String,
    cap: &Cap<'_>,
    rows: impl ExactSizeIterator<Item = S>,
) {
    out.push_str("\n## Never contacted\n\n");
    let empty = "Everyone with a cadence has been contacted at least once.\n";
    let header = "| Name | Company | Role | Cadence |\n|---|---|---|---|\n";
    section(out, cap, Table { empty, header, command: "list has:cadence no:last" }, rows);
}

/// The page's last line.
pub(crate) fn foot(out: &mut String, counts: &Counts) {
    out.push_str(&format!(
        "\n---\n\n{} overdue · {} due this week · {} upcoming · {} never contacted · {} accounts needing attention · {} contacts\n",
        counts.overdue,
        counts.due_this_week,
        counts.upcoming,
        counts.never_contacted,
        counts.accounts,
        counts.contacts
    ));
}

/// An overdue contact's line; an open task past its date says so beside the name.
pub(crate) fn overdue_row(r: &ContactRow, cx: &Cells<'_>) -> String {
    let reason = r.reason.as_deref().map(|why| format!(" ({})", escape(why))).unwrap_or_default();
    format!(
        "| {}{reason} | {} | {} | {} | {} |\n",
        cx.links.cell(&r.name, &r.path),
        company(r.company.as_deref(), cx),
        date_cell(r.last_contact.as_deref().unwrap_or("never")),
        escape(r.cadence.as_deref().unwrap_or("")),
        r.days_overdue
    )
}

/// A line of the contacts due this week.
pub(crate) fn due_row(r: &ContactRow, cx: &Cells<'_>) -> String {
    format!(
        "| {} | {} | {} | {} | {} |\n",
        cx.links.cell(&r.name, &r.path),
        company(r.company.as_deref(), cx),
        date_cell(r.due.as_deref().unwrap_or("")),
        date_cell(r.last_contact.as_deref().unwrap_or("never")),
        escape(r.cadence.as_deref().unwrap_or(""))
    )
}

/// A line of the upcoming events.
pub(crate) fn event_row(e: &EventRow, cx: &Cells<'_>) -> String {
    format!("| {} | {} | {} |\n", date_cell(&e.date), cx.links.cell(&e.who, &e.path), escape(&e.label))
}

/// A line of the contacts never contacted.
pub(crate) fn never_row(r: &ContactRow, cx: &Cells<'_>) -> String {
    format!(
        "| {} | {} | {} | {} |\n",
        cx.links.cell(&r.name, &r.path),
        company(r.company.as_deref(), cx),
        escape(r.role.as_deref().unwrap_or("")),
        escape(r.cadence.as_deref().unwrap_or(""))
    )
}

/// A company, linked to its account note when it has one.
fn company(name: Option<&str>, cx: &Cells<'_>) -> String {
    let name = name.unwrap_or("");
    match cx.account_notes.get(name.trim()) {
        Some(note) => cx.links.cell(name, note),
        None => escape(name),
    }
}

/// An account's line: its name, last touch and flags, each person a flag names linked.
pub(crate) fn account_row(account: &Account, cx: &Cells<'_>) -> String {
    let flags: Vec<String> = account
        .flags
        .iter()
        .map(|f| cx.links.mentions(&f.message, &named(account, f, cx.account_notes), true))
        .collect();
    format!(
        "| {} | {} | {} |\n",
        company(Some(&account.company), cx),
        date_cell(account.last_touch.as_deref().unwrap_or("never")),
        flags.join("; ")
    )
}

/// Whom a flag can name: the account's people, or the other account of a possible duplicate
/// when it has a note.
pub(crate) fn named<'a>(
    account: &'a Account,
    flag: &'a crate::report::accounts::Flag,
    notes: &'a BTreeMap<String, String>,
) -> Vec<(&'a str, &'a str)> {
    if flag.kind == crate::report::accounts::FlagKind::PossibleDuplicateAccount {
        let other = flag.who.as_deref().and_then(|who| Some((who, notes.get(who.trim())?.as_str())));
        return other.into_iter().collect();
    }
    account.contacts.iter().map(|c| (c.name.as_str(), c.path.as_str())).collect()
}

/// The accounts needing attention (each one line, see `account_row`) and the check-ups due.
pub(crate) fn accounts_and_checkups<S: AsRef<str>>(
    out: &mut String,
    cap: &Cap<'_>,
    accounts: impl ExactSizeIterator<Item = S>,
    checkups: &[DueCheckup],
    cx: &Cells<'_>,
) {
    out.push_str("\n## Accounts needing attention\n\n");
    let empty = "Every customer account has a recent contact, more than one active thread, and a decision maker known and in touch.\n";
    let header = "| Account | Last touch | What needs attention |\n|---|---|---|\n";
    section(out, cap, Table { empty, header, command: "accounts" }, accounts);
    out.push_str("\n## Check-ups due\n\n");
    let rows = checkups.iter().map(|c| checkup_row(c, cx));
    let header = "| Check-up | Due | Last check-up | Note |\n|---|---|---|---|\n";
    let empty = "No relationship check-up is due.\n";
    section(out, cap, Table { empty, header, command: "agenda" }, rows);
}

fn checkup_row(c: &DueCheckup, cx: &Cells<'_>) -> String {
    format!(
        "| {} | {} | {} | {} |\n",
        company(Some(&c.target), cx),
        date_cell(&c.due),
        date_cell(c.last_checkup.as_deref().unwrap_or("never")),
        if c.note_exists {
            cx.links.cell(&c.note, &c.note)
        } else {
            format!("{} (`--write` creates it)", escape(&c.note))
        }
    )
}
