//! `brief NAME`: one screen before a call, as text for a terminal, or the report as JSON.

use std::io::Write;

use super::rows::{self, relative_day, Output};
use super::{sanitize, ListFormat, Style};
use crate::report::brief::{Brief, FamilyRow};

pub(crate) fn brief(w: &mut (impl Write + ?Sized), out: &Output<'_>, r: &Brief) -> std::io::Result<()> {
    match out.format {
        ListFormat::Json => rows::json(w, r),
        _ => text(w, r, out.color),
    }
}

fn text(w: &mut (impl Write + ?Sized), r: &Brief, color: bool) -> std::io::Result<()> {
    let clean = |s: &str| sanitize(s).into_owned();
    writeln!(
        w,
        "{}  {}",
        Style::Bold.paint(&clean(&r.name), color),
        Style::Dim.paint(&clean(&r.path), color)
    )?;
    let who = [r.role.as_deref(), r.company.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", ");
    let mut field = |label: &str, value: &str| -> std::io::Result<()> {
        if value.is_empty() {
            return Ok(());
        }
        writeln!(w, "  {label:<13} {}", clean(value))
    };
    field("is", &who)?;
    field("account role", r.account_role.as_deref().unwrap_or(""))?;
    field("reports to", r.reports_to.as_deref().unwrap_or(""))?;
    let status = match (&r.due, r.days_overdue) {
        (Some(due), days) if days > 0 => format!("{} (due {due}, {days} days late)", r.status),
        (Some(due), _) => format!("{} (due {due})", r.status),
        (None, _) => r.status.to_string(),
    };
    field("status", &status)?;
    field("last contact", r.last_contact.as_deref().unwrap_or("never"))?;
    field("profile", &format!("{} of {} answered (touchbase profile)", r.profile_answered, r.profile_total))?;
    if let Some(topics) = &r.avoid_topics {
        writeln!(w, "\n{}", Style::Red.paint(&format!("! Avoid: {}", clean(topics)), color))?;
    }
    section(w, "Notes", &r.notes, &clean)?;
    if !r.family.is_empty() {
        writeln!(w, "\nFamily")?;
        for m in &r.family {
            writeln!(w, "  {}", clean(&family_line(m)))?;
        }
    }
    if !r.coming_up.is_empty() {
        writeln!(w, "\nComing up")?;
        for e in &r.coming_up {
            writeln!(w, "  {}  {:<12} {}", e.date, relative_day(e.in_days), clean(&e.label))?;
        }
    }
    let mut tastes: Vec<String> = Vec::new();
    if !r.interests.is_empty() {
        tastes.push(format!("interests: {}", r.interests.join(", ")));
    }
    if let Some(teams) = &r.teams {
        tastes.push(format!("teams: {teams}"));
    }
    section(w, "Interests and teams", &tastes, &clean)?;
    let points: Vec<String> = r.talking_points.iter().map(|p| format!("- {p}")).collect();
    section(w, "Talking points", &points, &clean)?;
    let last: Vec<String> = r.interactions.iter().map(|i| format!("{}  {}", i.date, i.summary)).collect();
    section(w, "Last interactions", &last, &clean)?;
    let follow: Vec<String> = r
        .follow_ups
        .iter()
        .map(|f| match (&f.date, f.overdue) {
            (Some(date), true) => format!("{date}  overdue: {}", f.text),
            (Some(date), false) => format!("{date}  planned: {}", f.text),
            (None, _) => format!("{:<10}  to do: {}", "no date", f.text),
        })
        .collect();
    section(w, "Follow-ups", &follow, &clean)?;
    super::show::private_notes(w, &r.private_notes)?;
    let ask: Vec<String> = r.next_questions.iter().map(|q| format!("- {} ({})", q.question, q.key)).collect();
    section(w, "Ask next (Mackay 66)", &ask, &clean)?;
    if let Some(account) = &r.account {
        let mut lines: Vec<String> = account
            .people
            .iter()
            .map(|p| {
                let role = p.role.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
                let last = match (&p.last_contact, &p.last_summary) {
                    (Some(date), Some(summary)) => format!("last {date}: {summary}"),
                    (Some(date), None) => format!("last {date}"),
                    (None, _) => "never contacted".to_string(),
                };
                format!("{}{role}, {last}", p.name)
            })
            .collect();
        if account.more > 0 {
            lines.push(format!("…and {} more (touchbase accounts)", account.more));
        }
        if lines.is_empty() {
            lines.push("nobody else known there".to_string());
        }
        lines.extend(account.flags.iter().map(|flag| format!("! {flag}")));
        section(w, &format!("At {}", account.company), &lines, &clean)?;
    }
    Ok(())
}

pub(crate) fn family_line(m: &FamilyRow) -> String {
    let relation = m.relation.as_deref().map(|r| format!(" ({r})")).unwrap_or_default();
    let age = m.age.map(|a| format!(", {a}")).unwrap_or_default();
    let next = match (&m.next_birthday, m.turns, m.in_days) {
        (Some(date), Some(turns), Some(days)) if turns > 0 => {
            format!("; turns {turns} on {date} ({})", relative_day(days))
        }
        (Some(date), _, Some(days)) => format!("; birthday {date} ({})", relative_day(days)),
        _ => String::new(),
    };
    format!("{}{relation}{age}{next}", m.name)
}

fn section(
    w: &mut (impl Write + ?Sized),
    title: &str,
    lines: &[String],
    clean: &dyn Fn(&str) -> String,
) -> std::io::Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    writeln!(w, "\n{title}")?;
    for line in lines {
        writeln!(w, "  {}", clean(line))?;
    }
    Ok(())
}
