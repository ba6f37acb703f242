//! The outreach list and the accounts report as markdown and tables.

use std::io::{self, Write};
use std::path::Path;

use super::index_page::relative_to_page;
use super::markdown::{escape, link};
use super::table::{Cell, Table};
use super::Style;
use crate::report::accounts::Account;
use crate::report::outreach::Outreach;
use crate::report::EventRow;

/// The outreach page. Links are relative to `page` (the file it is, or would be, saved as).
pub fn outreach(o: &Outreach, page: &Path) -> String {
    let to = |path: &str| relative_to_page(page, path);
    let mut out = String::new();
    let name = o.week.name();
    out.push_str(&format!("# Outreach {name} ({} to {})\n\n", o.week.start, o.week.end));
    out.push_str(&format!("_Generated for {} by `touchbase outreach --week {name}`._\n", o.today));

    let shown = o.reach_out.len();
    out.push_str(&format!("\n## Reach out ({shown} of {})\n\n", shown + o.more));
    if o.reach_out.is_empty() {
        out.push_str("Nobody is due this week.\n");
    }
    for p in &o.reach_out {
        let company = p.company.as_deref().map(|c| format!(", {}", escape(c))).unwrap_or_default();
        let cadence = p.cadence.as_deref().map(|c| format!(" ({})", escape(c))).unwrap_or_default();
        out.push_str(&format!(
            "- [ ] {}{company}: {}{cadence}\n",
            link(&p.name, &to(&p.path)),
            escape(&p.why)
        ));
        for point in &p.talking_points {
            out.push_str(&format!("  - {}\n", escape(point)));
        }
    }
    if o.more > 0 {
        out.push_str(&format!("\n…and {} more (`touchbase overdue` lists everyone).\n", o.more));
    }

    out.push_str("\n## Dates this week\n\n");
    dates(&mut out, &o.dates, "No birthdays or anniversaries this week.", &to);
    out.push_str("\n### Mail a card now (next week)\n\n");
    dates(&mut out, &o.cards, "Nothing next week.", &to);

    out.push_str("\n## Account check-up\n\n");
    if o.accounts.is_empty() {
        out.push_str(
            "Every account has a recent contact, more than one person, and its decision makers known.\n",
        );
    }
    for account in &o.accounts {
        for flag in &account.flags {
            let message = match (&flag.who, &flag.path) {
                (Some(who), Some(path)) => {
                    escape(&flag.message).replacen(&escape(who), &link(who, &to(path)), 1)
                }
                _ => escape(&flag.message),
            };
            out.push_str(&format!("- [ ] **{}**: {message}\n", escape(&account.company)));
        }
    }
    out
}

fn dates(out: &mut String, rows: &[EventRow], empty: &str, to: &dyn Fn(&str) -> std::path::PathBuf) {
    if rows.is_empty() {
        out.push_str(empty);
        out.push('\n');
    }
    for e in rows {
        out.push_str(&format!("- [ ] {}: {} ({})\n", e.date, escape(&e.label), link(&e.who, &to(&e.path))));
    }
}

/// `accounts` as a table per company.
pub fn accounts_table(w: &mut dyn Write, accounts: &[Account], color: bool) -> io::Result<()> {
    if accounts.is_empty() {
        return writeln!(w, "No contact has a company.");
    }
    for (i, account) in accounts.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        let last = account.last_touch.as_deref().unwrap_or("never");
        let n = account.contacts.len();
        let people = if n == 1 { "1 contact".to_string() } else { format!("{n} contacts") };
        let title = format!("{}  ({people}, last touch {last})", super::sanitize(&account.company));
        writeln!(w, "{}", Style::Bold.paint(&title, color))?;
        for flag in &account.flags {
            writeln!(w, "  {}", Style::Red.paint(&format!("! {}", super::sanitize(&flag.message)), color))?;
        }
        let mut table = Table::new(&["  NAME", "ROLE", "STATUS", "LAST CONTACT"]);
        for c in &account.contacts {
            let name = if c.decision_maker { format!("  {} *", c.name) } else { format!("  {}", c.name) };
            table.push(vec![
                Cell::plain(name),
                Cell::plain(c.role.clone().unwrap_or_default()),
                Cell::styled(c.status.to_string(), Style::for_status(c.status)),
                Cell::plain(c.last_contact.clone().unwrap_or_else(|| "never".to_string())),
            ]);
        }
        table.write(w, color)?;
    }
    writeln!(w, "\n* decision maker")
}

/// `accounts --format md`.
pub fn accounts_markdown(accounts: &[Account]) -> String {
    let mut out = String::new();
    for account in accounts {
        let last = account.last_touch.as_deref().unwrap_or("never");
        out.push_str(&format!("## {}\n\nLast touch: {last}\n\n", escape(&account.company)));
        for flag in &account.flags {
            out.push_str(&format!("- **{}**\n", escape(&flag.message)));
        }
        if !account.flags.is_empty() {
            out.push('\n');
        }
        out.push_str("| Name | Role | Status | Last contact |\n|---|---|---|---|\n");
        for c in &account.contacts {
            let star = if c.decision_maker { " (decision maker)" } else { "" };
            out.push_str(&format!(
                "| {}{star} | {} | {} | {} |\n",
                link(&c.name, Path::new(&c.path)),
                escape(c.role.as_deref().unwrap_or("")),
                c.status,
                c.last_contact.as_deref().unwrap_or("never")
            ));
        }
        out.push('\n');
    }
    out
}
