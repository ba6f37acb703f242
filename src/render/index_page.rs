//! The index page as markdown: links relative to the page, escaped cells, the date it was
//! generated for and how, never a clock time.

use std::path::{Component, Path, PathBuf};

use std::io::{self, Write};

use super::markdown::{escape, link};
use chrono::NaiveDate;

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
    let mut out = String::new();
    let to = |path: &str| relative_to_page(index_path, path);
    let lines = |rows: Vec<String>| rows.into_iter();
    head(&mut out, page.today);
    overdue(&mut out, lines(page.overdue.iter().map(|r| overdue_row(r, &to)).collect()));
    due_this_week(
        &mut out,
        (page.week.start, page.week.end),
        lines(page.due_this_week.iter().map(|r| due_row(r, &to)).collect()),
    );
    upcoming(&mut out, page.days, lines(page.upcoming.iter().map(|e| event_row(e, &to)).collect()));
    never_contacted(&mut out, lines(page.never_contacted.iter().map(|r| never_row(r, &to)).collect()));
    let accounts = lines(page.accounts.iter().map(account_row).collect());
    accounts_and_checkups(&mut out, accounts, &page.checkups, &to);
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

/// One section: its heading, then its table or, without rows, what its emptiness means. Each
/// row is one rendered line (see the `*_row` functions).
fn section<S: AsRef<str>>(
    out: &mut String,
    heading: &str,
    empty: &str,
    header: &str,
    rows: impl ExactSizeIterator<Item = S>,
) {
    out.push_str(heading);
    if rows.len() == 0 {
        out.push_str(empty);
        return;
    }
    out.push_str(header);
    for row in rows {
        out.push_str(row.as_ref());
    }
}

pub(crate) fn overdue<S: AsRef<str>>(out: &mut String, rows: impl ExactSizeIterator<Item = S>) {
    let header = "| Name | Company | Last contact | Cadence | Days overdue |\n|---|---|---|---|---:|\n";
    section(out, "\n## Overdue\n\n", "Nobody is overdue.\n", header, rows);
}

pub(crate) fn due_this_week<S: AsRef<str>>(
    out: &mut String,
    (start, end): (NaiveDate, NaiveDate),
    rows: impl ExactSizeIterator<Item = S>,
) {
    let heading = format!("\n## Due this week ({start} to {end})\n\n");
    let header = "| Name | Company | Due | Last contact | Cadence |\n|---|---|---|---|---|\n";
    section(out, &heading, "Nobody else is due this week.\n", header, rows);
}

pub(crate) fn upcoming<S: AsRef<str>>(out: &mut String, days: u32, rows: impl ExactSizeIterator<Item = S>) {
    let heading = format!("\n## Upcoming (next {days} days)\n\n");
    section(out, &heading, "Nothing coming up.\n", "| Date | Who | What |\n|---|---|---|\n", rows);
}

pub(crate) fn never_contacted<S: AsRef<str>>(out: &mut String, rows: impl ExactSizeIterator<Item = S>) {
    let empty = "Everyone with a cadence has been contacted at least once.\n";
    let header = "| Name | Company | Role | Cadence |\n|---|---|---|---|\n";
    section(out, "\n## Never contacted\n\n", empty, header, rows);
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

/// An account's line: its name, last touch and flags.
pub(crate) fn account_row(account: &Account) -> String {
    let flags: Vec<String> = account.flags.iter().map(|f| escape(&f.message)).collect();
    format!(
        "| {} | {} | {} |\n",
        escape(&account.company),
        account.last_touch.as_deref().unwrap_or("never"),
        flags.join("; ")
    )
}

/// An overdue contact's line; an open task past its date says so beside the name.
pub(crate) fn overdue_row(r: &ContactRow, to: &dyn Fn(&str) -> PathBuf) -> String {
    let reason = r.reason.as_deref().map(|why| format!(" ({})", escape(why))).unwrap_or_default();
    format!(
        "| {}{reason} | {} | {} | {} | {} |\n",
        link(&r.name, &to(&r.path)),
        escape(r.company.as_deref().unwrap_or("")),
        r.last_contact.as_deref().unwrap_or("never"),
        escape(r.cadence.as_deref().unwrap_or("")),
        r.days_overdue
    )
}

/// A line of the contacts due this week.
pub(crate) fn due_row(r: &ContactRow, to: &dyn Fn(&str) -> PathBuf) -> String {
    format!(
        "| {} | {} | {} | {} | {} |\n",
        link(&r.name, &to(&r.path)),
        escape(r.company.as_deref().unwrap_or("")),
        r.due.as_deref().unwrap_or(""),
        r.last_contact.as_deref().unwrap_or("never"),
        escape(r.cadence.as_deref().unwrap_or(""))
    )
}

/// A line of the upcoming events.
pub(crate) fn event_row(e: &EventRow, to: &dyn Fn(&str) -> PathBuf) -> String {
    format!("| {} | {} | {} |\n", e.date, link(&e.who, &to(&e.path)), escape(&e.label))
}

/// A line of the contacts never contacted.
pub(crate) fn never_row(r: &ContactRow, to: &dyn Fn(&str) -> PathBuf) -> String {
    format!(
        "| {} | {} | {} | {} |\n",
        link(&r.name, &to(&r.path)),
        escape(r.company.as_deref().unwrap_or("")),
        escape(r.role.as_deref().unwrap_or("")),
        escape(r.cadence.as_deref().unwrap_or(""))
    )
}

/// The accounts needing attention (each one line, see `account_row`) and the check-ups due.
pub(crate) fn accounts_and_checkups<S: AsRef<str>>(
    out: &mut String,
    accounts: impl ExactSizeIterator<Item = S>,
    checkups: &[DueCheckup],
    to: &dyn Fn(&str) -> PathBuf,
) {
    let empty = "Every customer account has a recent contact, more than one active thread, and a decision maker known and in touch.\n";
    let header = "| Account | Last touch | What needs attention |\n|---|---|---|\n";
    section(out, "\n## Accounts needing attention\n\n", empty, header, accounts);

    out.push_str("\n## Check-ups due\n\n");
    if checkups.is_empty() {
        out.push_str("No relationship check-up is due.\n");
    } else {
        out.push_str("| Check-up | Due | Last check-up | Note |\n|---|---|---|---|\n");
        for c in checkups {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                escape(&c.target),
                c.due,
                c.last_checkup.as_deref().unwrap_or("never"),
                if c.note_exists {
                    link(&c.note, &to(&c.note))
                } else {
                    format!("{} (`--write` creates it)", escape(&c.note))
                }
            ));
        }
    }
}

/// A contact's path (relative to the vault) as seen from the page's folder.
pub(crate) fn relative_to_page(page: &Path, contact: &str) -> PathBuf {
    let depth =
        page.parent().map_or(0, |p| p.components().filter(|c| matches!(c, Component::Normal(_))).count());
    let mut out = PathBuf::new();
    for _ in 0..depth {
        out.push("..");
    }
    out.push(contact);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(
            relative_to_page(Path::new("INDEX.md"), "people/Jane Doe.md"),
            PathBuf::from("people/Jane Doe.md")
        );
        assert_eq!(
            relative_to_page(Path::new("pages/all/People.md"), "Jane.md"),
            PathBuf::from("../../Jane.md")
        );
    }
}
