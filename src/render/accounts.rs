//! `accounts`: customers grouped by company, in every list format.

use std::io::{self, Write};
use std::path::Path;

use super::markdown::{escape, link};
use super::rows::{self, Output};
use super::table::{Cell, Table};
use super::{csv_safe, ListFormat, Style};
use crate::report::accounts::Account;

pub(crate) fn accounts(w: &mut (impl Write + ?Sized), out: &Output<'_>, all: &[Account]) -> io::Result<()> {
    match out.format {
        ListFormat::Json => rows::json(w, all),
        ListFormat::Md => w.write_all(markdown(all).as_bytes()),
        ListFormat::Csv => csv(w, all),
        ListFormat::Paths => {
            for account in all {
                for c in &account.contacts {
                    writeln!(w, "{}", rows::join(out.root, &c.path))?;
                }
            }
            Ok(())
        }
        ListFormat::Table => table(w, all, out.color),
    }
}

/// `accounts` as a table per company.
fn table(w: &mut (impl Write + ?Sized), accounts: &[Account], color: bool) -> io::Result<()> {
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
        // The Mackay 66 coverage, when anyone there has a profile (`touchbase profile NAME`).
        if let Some(average) = account.profile_average {
            writeln!(w, "  Mackay 66: {average} of 66 answered on average")?;
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
fn markdown(accounts: &[Account]) -> String {
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

/// `accounts --format csv`: one row per contact, its account's columns repeated.
fn csv(w: &mut (impl Write + ?Sized), all: &[Account]) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(w);
    let header = [
        "company",
        "last_touch",
        "flags",
        "name",
        "path",
        "role",
        "status",
        "last_contact",
        "decision_maker",
    ];
    let fail = |e: csv::Error| io::Error::other(e.to_string());
    writer.write_record(header).map_err(fail)?;
    for account in all {
        let flags: Vec<&str> = account.flags.iter().map(|f| f.message.as_str()).collect();
        for c in &account.contacts {
            let record = [
                account.company.as_str(),
                account.last_touch.as_deref().unwrap_or(""),
                &flags.join("; "),
                &c.name,
                &c.path,
                c.role.as_deref().unwrap_or(""),
                c.status.as_str(),
                c.last_contact.as_deref().unwrap_or(""),
                if c.decision_maker { "yes" } else { "no" },
            ];
            writer.write_record(record.iter().map(|cell| csv_safe(cell).into_owned())).map_err(fail)?;
        }
    }
    writer.flush()
}
