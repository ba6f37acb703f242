//! The index page as markdown: links relative to the page, escaped cells, the date it was
//! generated for and how, never a clock time.

use std::path::{Component, Path, PathBuf};

use std::io::{self, Write};

use super::markdown::{escape, link};
use crate::report::index_page::{IndexPage, PageState};

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
    out.push_str("# Touchbase\n\n");
    out.push_str(&format!(
        "_Generated for {} by `{GENERATED_BY}`. Edits to this page are overwritten; edit the contact files instead._\n",
        page.today
    ));

    out.push_str("\n## Overdue\n\n");
    if page.overdue.is_empty() {
        out.push_str("Nobody is overdue.\n");
    } else {
        out.push_str("| Name | Company | Last contact | Cadence | Days overdue |\n|---|---|---|---|---:|\n");
        for r in &page.overdue {
            // An open task past its date says so beside the name.
            let reason = r.reason.as_deref().map(|why| format!(" ({})", escape(why))).unwrap_or_default();
            out.push_str(&format!(
                "| {}{reason} | {} | {} | {} | {} |\n",
                link(&r.name, &to(&r.path)),
                escape(r.company.as_deref().unwrap_or("")),
                r.last_contact.as_deref().unwrap_or("never"),
                escape(r.cadence.as_deref().unwrap_or("")),
                r.days_overdue
            ));
        }
    }

    out.push_str(&format!("\n## Due this week ({} to {})\n\n", page.week.start, page.week.end));
    if page.due_this_week.is_empty() {
        out.push_str("Nobody else is due this week.\n");
    } else {
        out.push_str("| Name | Company | Due | Last contact | Cadence |\n|---|---|---|---|---|\n");
        for r in &page.due_this_week {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                link(&r.name, &to(&r.path)),
                escape(r.company.as_deref().unwrap_or("")),
                r.due.as_deref().unwrap_or(""),
                r.last_contact.as_deref().unwrap_or("never"),
                escape(r.cadence.as_deref().unwrap_or(""))
            ));
        }
    }

    out.push_str(&format!("\n## Upcoming (next {} days)\n\n", page.days));
    if page.upcoming.is_empty() {
        out.push_str("Nothing coming up.\n");
    } else {
        out.push_str("| Date | Who | What |\n|---|---|---|\n");
        for e in &page.upcoming {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                e.date,
                link(&e.who, &to(&e.path)),
                escape(&e.label)
            ));
        }
    }

    out.push_str("\n## Never contacted\n\n");
    if page.never_contacted.is_empty() {
        out.push_str("Everyone with a cadence has been contacted at least once.\n");
    } else {
        out.push_str("| Name | Company | Role | Cadence |\n|---|---|---|---|\n");
        for r in &page.never_contacted {
            out.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                link(&r.name, &to(&r.path)),
                escape(r.company.as_deref().unwrap_or("")),
                escape(r.role.as_deref().unwrap_or("")),
                escape(r.cadence.as_deref().unwrap_or(""))
            ));
        }
    }

    accounts(&mut out, page, &to);

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

/// The accounts needing attention and the check-ups due.
fn accounts(out: &mut String, page: &IndexPage, to: &dyn Fn(&str) -> PathBuf) {
    out.push_str("\n## Accounts needing attention\n\n");
    if page.accounts.is_empty() {
        out.push_str("Every customer account has a recent contact, more than one active thread, and a decision maker known and in touch.\n");
    } else {
        out.push_str("| Account | Last touch | What needs attention |\n|---|---|---|\n");
        for account in &page.accounts {
            let flags: Vec<String> = account.flags.iter().map(|f| escape(&f.message)).collect();
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                escape(&account.company),
                account.last_touch.as_deref().unwrap_or("never"),
                flags.join("; ")
            ));
        }
    }

    out.push_str("\n## Check-ups due\n\n");
    if page.checkups.is_empty() {
        out.push_str("No relationship check-up is due.\n");
    } else {
        out.push_str("| Check-up | Due | Last check-up | Note |\n|---|---|---|---|\n");
        for c in &page.checkups {
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
