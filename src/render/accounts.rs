//! `accounts`: customers grouped by company, in every list format, and `accounts --tree`, the
//! org chart from `reports_to`.

use std::io::{self, Write};
use std::path::Path;

use super::markdown::{escape, link};
use super::rows::{self, Output};
use super::table::{Cell, Table};
use super::{csv_safe, sanitize, ListFormat, Style};
use crate::report::accounts::{Account, AccountContact, Chart, OrgNode};

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

/// The account's people, threads and roles in one line: `4 people, 2 active in 90 days`.
fn summary(account: &Account) -> String {
    let n = account.people;
    let people = if n == 1 { "1 person".to_string() } else { format!("{n} people") };
    let last = account.last_touch.as_deref().unwrap_or("never");
    format!("{people}, {} active in {} days, last touch {last}", account.active_threads, account.active_days)
}

/// `decision_maker: Richard Hale; champion: missing`.
fn coverage(account: &Account) -> String {
    let roles: Vec<String> = account
        .roles
        .iter()
        .map(|r| {
            if r.covered {
                format!("{}: {}", r.role, r.by.join(", "))
            } else {
                format!("{}: missing", r.role)
            }
        })
        .collect();
    roles.join("; ")
}

/// The note, owner and tier line, when the account has a note.
fn about(account: &Account) -> Option<String> {
    let note = account.note.as_deref()?;
    let mut parts = vec![format!("note: {note}")];
    parts.extend(account.owner.as_deref().map(|o| format!("owner: {o}")));
    parts.extend(account.tier.as_deref().map(|t| format!("tier: {t}")));
    Some(parts.join(" · "))
}

fn status_text(c: &AccountContact) -> String {
    match &c.left {
        Some(date) if date == "yes" => "left".to_string(),
        Some(date) => format!("left {date}"),
        None => c.status.to_string(),
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
        let title = format!("{}  ({})", sanitize(&account.company), summary(account));
        writeln!(w, "{}", Style::Bold.paint(&title, color))?;
        if let Some(about) = about(account) {
            writeln!(w, "  {}", sanitize(&about))?;
        }
        if account.customer {
            writeln!(w, "  roles: {}", sanitize(&coverage(account)))?;
        } else {
            writeln!(w, "  not a customer account: no flags")?;
        }
        // The Mackay 66 coverage, when anyone there has a profile (`touchbase profile NAME`).
        if let Some(average) = account.profile_average {
            writeln!(w, "  Mackay 66: {average} of 66 answered on average")?;
        }
        for flag in &account.flags {
            writeln!(w, "  {}", Style::Red.paint(&format!("! {}", sanitize(&flag.message)), color))?;
        }
        let mut table = Table::new(&["  NAME", "ROLE", "ACCOUNT ROLE", "STATUS", "LAST CONTACT"]);
        for c in &account.contacts {
            let name = if c.decision_maker { format!("  {} *", c.name) } else { format!("  {}", c.name) };
            table.push(vec![
                Cell::plain(name),
                Cell::plain(c.role.clone().unwrap_or_default()),
                Cell::plain(c.account_roles.join(", ")),
                Cell::styled(status_text(c), Style::for_status(c.status)),
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
        out.push_str(&format!("## {}\n\n{}\n\n", escape(&account.company), escape(&summary(account))));
        if let Some(about) = about(account) {
            out.push_str(&format!("{}\n\n", escape(&about)));
        }
        if account.customer {
            out.push_str(&format!("Roles: {}\n\n", escape(&coverage(account))));
        }
        for flag in &account.flags {
            out.push_str(&format!("- **{}**\n", escape(&flag.message)));
        }
        if !account.flags.is_empty() {
            out.push('\n');
        }
        out.push_str("| Name | Role | Account role | Status | Last contact |\n|---|---|---|---|---|\n");
        for c in &account.contacts {
            let star = if c.decision_maker { " (decision maker)" } else { "" };
            out.push_str(&format!(
                "| {}{star} | {} | {} | {} | {} |\n",
                link(&c.name, Path::new(&c.path)),
                escape(c.role.as_deref().unwrap_or("")),
                escape(&c.account_roles.join(", ")),
                status_text(c),
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
        "account_role",
        "status",
        "last_contact",
        "decision_maker",
        "left",
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
                &c.account_roles.join("; "),
                c.status.as_str(),
                c.last_contact.as_deref().unwrap_or(""),
                if c.decision_maker { "yes" } else { "no" },
                c.left.as_deref().unwrap_or(""),
            ];
            writer.write_record(record.iter().map(|cell| csv_safe(cell).into_owned())).map_err(fail)?;
        }
    }
    writer.flush()
}

/// `accounts --tree`: a drawn tree (table, md: a nested list), or the nodes as JSON.
pub(crate) fn charts(w: &mut (impl Write + ?Sized), format: ListFormat, charts: &[Chart]) -> io::Result<()> {
    if format == ListFormat::Json {
        return rows::json(w, charts);
    }
    for (i, chart) in charts.iter().enumerate() {
        if i > 0 {
            writeln!(w)?;
        }
        if format == ListFormat::Md {
            writeln!(w, "## {}\n", escape(&chart.company))?;
            for node in &chart.roots {
                md_node(w, node, 0)?;
            }
            continue;
        }
        writeln!(w, "{}", sanitize(&chart.company))?;
        let last = chart.roots.len().saturating_sub(1);
        for (k, node) in chart.roots.iter().enumerate() {
            text_node(w, node, "", k == last)?;
        }
    }
    if format != ListFormat::Md {
        writeln!(w, "\n* decision maker")?;
    }
    Ok(())
}

/// `Richard Hale *  Chief Executive Officer  [economic_buyer]  (left 2026-09-01)`.
fn label(node: &OrgNode) -> String {
    let mut text = node.name.clone();
    if node.decision_maker {
        text.push_str(" *");
    }
    if let Some(role) = &node.role {
        text.push_str(&format!("  {role}"));
    }
    if !node.account_roles.is_empty() {
        text.push_str(&format!("  [{}]", node.account_roles.join(", ")));
    }
    match (&node.left, &node.last_contact) {
        (Some(left), _) if left == "yes" => text.push_str("  (left)"),
        (Some(left), _) => text.push_str(&format!("  (left {left})")),
        (None, Some(last)) => text.push_str(&format!("  (last contact {last})")),
        (None, None) => text.push_str("  (never contacted)"),
    }
    if node.cycle {
        text.push_str("  (reports_to loops back here)");
    }
    text
}

fn text_node(w: &mut (impl Write + ?Sized), node: &OrgNode, prefix: &str, last: bool) -> io::Result<()> {
    let branch = if last { "└── " } else { "├── " };
    writeln!(w, "{prefix}{branch}{}", sanitize(&label(node)))?;
    let below = format!("{prefix}{}", if last { "    " } else { "│   " });
    let end = node.reports.len().saturating_sub(1);
    for (k, child) in node.reports.iter().enumerate() {
        text_node(w, child, &below, k == end)?;
    }
    Ok(())
}

fn md_node(w: &mut (impl Write + ?Sized), node: &OrgNode, depth: usize) -> io::Result<()> {
    let indent = "  ".repeat(depth);
    writeln!(w, "{indent}- {}", escape(&label(node)))?;
    for child in &node.reports {
        md_node(w, child, depth + 1)?;
    }
    Ok(())
}
