//! `changes --since`: the team check-up between two commits as a table or JSON.

use std::io::{self, Write};

use super::rows::json;
use super::{sanitize, ListFormat};
use crate::report::changes::{Changes, Count, Person};

pub(crate) fn changes(w: &mut (impl Write + ?Sized), format: ListFormat, report: &Changes) -> io::Result<()> {
    if format == ListFormat::Json {
        return json(w, report);
    }
    let since = report.since.as_deref().map_or("the first commit", short);
    writeln!(w, "Changes from {since} to {}: {} commits", short(&report.until), report.commits)?;
    section(w, "New people", report.new_people.iter().map(describe))?;
    section(w, "Left", report.left.iter().map(describe))?;
    let moves = report.moves.iter().map(|m| {
        let (old, new) = (m.old.as_deref().unwrap_or("(none)"), m.new.as_deref().unwrap_or("(none)"));
        format!("{}: {} {} → {}", sanitize(&m.name), m.field, sanitize(old), sanitize(new))
    });
    section(w, "Role and company changes", moves)?;
    section(w, "Touches per author", report.touches_by_author.iter().map(count))?;
    section(w, "Touches per owner", report.touches_by_owner.iter().map(count))?;
    let lost = report.accounts.iter().map(|l| {
        let what = match l.what.as_str() {
            "decision_maker" => "its decision maker",
            "only_recent_contact" => "its only recent contact",
            _ => "its only contact",
        };
        format!("{} lost {what}: {}", sanitize(&l.company), sanitize(&l.people.join(", ")))
    });
    section(w, "Accounts at risk", lost)
}

fn section(
    w: &mut (impl Write + ?Sized),
    title: &str,
    lines: impl Iterator<Item = String>,
) -> io::Result<()> {
    writeln!(w, "\n{title}:")?;
    let mut any = false;
    for line in lines {
        any = true;
        writeln!(w, "  {line}")?;
    }
    if !any {
        writeln!(w, "  none")?;
    }
    Ok(())
}

fn describe(p: &Person) -> String {
    let mut line = sanitize(&p.name).into_owned();
    let at: Vec<&str> = [p.role.as_deref(), p.company.as_deref()].into_iter().flatten().collect();
    if !at.is_empty() {
        line.push_str(&format!(" ({})", sanitize(&at.join(", "))));
    }
    if let Some(left) = &p.left {
        line.push_str(&format!(", left {}", sanitize(left)));
    }
    if let Some(by) = &p.replaced_by {
        line.push_str(&format!(", replaced by {}", sanitize(by)));
    }
    if p.deleted {
        line.push_str(", file deleted");
    }
    line
}

fn count(c: &Count) -> String {
    format!("{}: {}", sanitize(&c.name), c.touches)
}

fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}
