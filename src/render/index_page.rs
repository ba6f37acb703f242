//! The index page as markdown: links in the vault's style, escaped cells, dates that do not
//! wrap, sections capped with the command that lists the rest, the date it was generated for
//! and how, never a clock time.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

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
    let links = Links::new(&page.links, index_path);
    let mut out = String::new();
    out.push_str("# Touchbase\n\n");
    out.push_str(&format!(
        "_Generated for {} by `{GENERATED_BY}`. Edits to this page are overwritten; edit the contact files instead._\n",
        page.today
    ));
    overdue(&mut out, page, &links);
    due_this_week(&mut out, page, &links);
    upcoming(&mut out, page, &links);
    never_contacted(&mut out, page, &links);
    accounts(&mut out, page, &links);
    checkups(&mut out, page, &links);
    out.push_str(&format!(
        "\n---\n\n{} overdue · {} due this week · {} upcoming · {} never contacted · {} accounts needing attention · {} contacts\n",
        page.overdue.len(),
        page.due_this_week.len(),
        page.upcoming.len(),
        page.never_contacted.len(),
        page.accounts.len(),
        page.contacts
    ));
    out
}

/// A section's first `page.rows` rows, then `…and N more (`COMMAND` lists them all).`
fn capped<T>(out: &mut String, page: &IndexPage, rows: &[T], command: &str, row: impl Fn(&T) -> String) {
    for r in rows.iter().take(page.rows) {
        out.push_str(&row(r));
    }
    let more = rows.len().saturating_sub(page.rows);
    if more > 0 {
        let owner = page.owner_flag.as_deref().map(|f| format!(" {f}")).unwrap_or_default();
        out.push_str(&format!("\n…and {more} more (`touchbase {command}{owner}` lists them all).\n"));
    }
}

fn overdue(out: &mut String, page: &IndexPage, links: &Links<'_>) {
    out.push_str("\n## Overdue\n\n");
    if page.overdue.is_empty() {
        return out.push_str("Nobody is overdue.\n");
    }
    out.push_str("| Name | Company | Last contact | Cadence | Days overdue |\n|---|---|---|---|---:|\n");
    capped(out, page, &page.overdue, "overdue", |r| overdue_row(r, page, links));
}

fn overdue_row(r: &ContactRow, page: &IndexPage, links: &Links<'_>) -> String {
    // An open task past its date says so beside the name.
    let reason = r.reason.as_deref().map(|why| format!(" ({})", escape(why))).unwrap_or_default();
    format!(
        "| {}{reason} | {} | {} | {} | {} |\n",
        links.cell(&r.name, &r.path),
        company(r.company.as_deref(), page, links),
        date_cell(r.last_contact.as_deref().unwrap_or("never")),
        escape(r.cadence.as_deref().unwrap_or("")),
        r.days_overdue
    )
}

fn due_this_week(out: &mut String, page: &IndexPage, links: &Links<'_>) {
    out.push_str(&format!("\n## Due this week ({} to {})\n\n", page.week.start, page.week.end));
    if page.due_this_week.is_empty() {
        return out.push_str("Nobody else is due this week.\n");
    }
    out.push_str("| Name | Company | Due | Last contact | Cadence |\n|---|---|---|---|---|\n");
    // `upcoming --days N` lists the due dates from today to today + N (the week's end), with the
    // other dates of those days.
    let days = (page.week.end - page.today).num_days().max(0);
    capped(out, page, &page.due_this_week, &format!("upcoming --days {days}"), |r| {
        format!(
            "| {} | {} | {} | {} | {} |\n",
            links.cell(&r.name, &r.path),
            company(r.company.as_deref(), page, links),
            date_cell(r.due.as_deref().unwrap_or("")),
            date_cell(r.last_contact.as_deref().unwrap_or("never")),
            escape(r.cadence.as_deref().unwrap_or(""))
        )
    });
}

fn upcoming(out: &mut String, page: &IndexPage, links: &Links<'_>) {
    out.push_str(&format!("\n## Upcoming (next {} days)\n\n", page.days));
    if page.upcoming.is_empty() {
        return out.push_str("Nothing coming up.\n");
    }
    out.push_str("| Date | Who | What |\n|---|---|---|\n");
    capped(out, page, &page.upcoming, &format!("upcoming --days {}", page.days), |e: &EventRow| {
        format!("| {} | {} | {} |\n", date_cell(&e.date), links.cell(&e.who, &e.path), escape(&e.label))
    });
}

fn never_contacted(out: &mut String, page: &IndexPage, links: &Links<'_>) {
    out.push_str("\n## Never contacted\n\n");
    if page.never_contacted.is_empty() {
        return out.push_str("Everyone with a cadence has been contacted at least once.\n");
    }
    out.push_str("| Name | Company | Role | Cadence |\n|---|---|---|---|\n");
    capped(out, page, &page.never_contacted, "list has:cadence no:last", |r| {
        format!(
            "| {} | {} | {} | {} |\n",
            links.cell(&r.name, &r.path),
            company(r.company.as_deref(), page, links),
            escape(r.role.as_deref().unwrap_or("")),
            escape(r.cadence.as_deref().unwrap_or(""))
        )
    });
}

/// A company, linked to its account note when it has one.
fn company(name: Option<&str>, page: &IndexPage, links: &Links<'_>) -> String {
    let name = name.unwrap_or("");
    match page.account_notes.get(name.trim()) {
        Some(note) => links.cell(name, note),
        None => escape(name),
    }
}

/// The accounts needing attention, each person a flag names linked.
fn accounts(out: &mut String, page: &IndexPage, links: &Links<'_>) {
    out.push_str("\n## Accounts needing attention\n\n");
    if page.accounts.is_empty() {
        return out.push_str("Every customer account has a recent contact, more than one active thread, and a decision maker known and in touch.\n");
    }
    out.push_str("| Account | Last touch | What needs attention |\n|---|---|---|\n");
    capped(out, page, &page.accounts, "accounts", |account: &Account| {
        let flags: Vec<String> = account
            .flags
            .iter()
            .map(|f| links.mentions(&f.message, &named(account, f, &page.account_notes), true))
            .collect();
        format!(
            "| {} | {} | {} |\n",
            company(Some(&account.company), page, links),
            date_cell(account.last_touch.as_deref().unwrap_or("never")),
            flags.join("; ")
        )
    });
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

fn checkups(out: &mut String, page: &IndexPage, links: &Links<'_>) {
    out.push_str("\n## Check-ups due\n\n");
    if page.checkups.is_empty() {
        return out.push_str("No relationship check-up is due.\n");
    }
    out.push_str("| Check-up | Due | Last check-up | Note |\n|---|---|---|---|\n");
    capped(out, page, &page.checkups, "agenda", |c: &DueCheckup| {
        format!(
            "| {} | {} | {} | {} |\n",
            company(Some(&c.target), page, links),
            date_cell(&c.due),
            date_cell(c.last_checkup.as_deref().unwrap_or("never")),
            if c.note_exists {
                links.cell(&c.note, &c.note)
            } else {
                format!("{} (`--write` creates it)", escape(&c.note))
            }
        )
    });
}
