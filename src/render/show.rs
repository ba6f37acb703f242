//! `show NAME`: one contact in full, as text for a terminal (other formats are a one-row list
//! or the report as JSON).

use std::io::Write;

use super::rows::{self, relative_day, ContactColumns, Output};
use super::{sanitize, ListFormat, Style};
use crate::report::private::PrivateNoteRow;
use crate::report::show::ShowReport;

/// The report in `out`'s format.
pub(crate) fn show(w: &mut (impl Write + ?Sized), out: &Output<'_>, r: &ShowReport) -> std::io::Result<()> {
    match out.format {
        ListFormat::Json => rows::json(w, r),
        ListFormat::Csv | ListFormat::Paths | ListFormat::Md => {
            rows::contacts(w, out, std::slice::from_ref(&r.contact), ContactColumns::List, "")
        }
        ListFormat::Table => text(w, r, out.color),
    }
}

/// The `show` page for a terminal.
pub(crate) fn text(w: &mut (impl Write + ?Sized), r: &ShowReport, color: bool) -> std::io::Result<()> {
    let c = &r.contact;
    let clean = |s: &str| sanitize(s).into_owned();
    writeln!(
        w,
        "{}  {}",
        Style::Bold.paint(&clean(&c.name), color),
        Style::Dim.paint(&clean(&c.path), color)
    )?;
    let mut field = |label: &str, value: String| -> std::io::Result<()> {
        if value.is_empty() {
            return Ok(());
        }
        writeln!(w, "  {label:<13} {}", clean(&value))
    };
    field("aliases", r.aliases.join(", "))?;
    field("company", c.company.clone().unwrap_or_default())?;
    field("role", c.role.clone().unwrap_or_default())?;
    field("tags", c.tags.join(", "))?;
    field("owner", c.owner.join(", "))?;
    field("email", r.emails.join(", "))?;
    field("phone", r.phones.join(", "))?;
    field("birthday", r.birthday.clone().unwrap_or_default())?;
    field("anniversary", r.anniversary.clone().unwrap_or_default())?;
    field("spouse", r.spouse.clone().unwrap_or_default())?;
    field("address", r.address.clone().unwrap_or_default())?;
    field("events", r.events.join(", "))?;
    field("card lead", r.card_lead_days.map(|d| format!("{d} days")).unwrap_or_default())?;
    field("interests", r.interests.join(", "))?;
    field("reports to", r.reports_to.clone().unwrap_or_default())?;
    field("account role", r.account_roles.join(", "))?;
    field("added", r.added.clone().unwrap_or_default())?;
    field("left", r.left.clone().unwrap_or_default())?;
    field("replaced by", r.replaced_by.clone().unwrap_or_default())?;
    let cadence = match (&c.cadence, &r.cadence_source) {
        (Some(k), Some(source)) if source != "own" => format!("{k} (from {source})"),
        (Some(k), _) => k.clone(),
        (None, _) => "none".to_string(),
    };
    field("cadence", cadence)?;
    field("last contact", c.last_contact.clone().unwrap_or_else(|| "never".to_string()))?;
    let status = match (&c.due, c.days_overdue) {
        (Some(due), days) if days > 0 => match &c.reason {
            Some(reason) => format!("{} (due {due}, {days} days late; {reason})", c.status),
            None => format!("{} (due {due}, {days} days late)", c.status),
        },
        (Some(due), _) => format!("{} (due {due})", c.status),
        (None, _) => c.status.to_string(),
    };
    field("status", Style::for_status(c.status).paint(&status, color))?;
    field("next contact", r.next_contact.clone().unwrap_or_default())?;
    field("snoozed until", r.snooze_until.clone().unwrap_or_default())?;

    if let Some(answered) = r.profile_answered {
        field("profile", format!("{answered} of 66 answered (touchbase profile)"))?;
    }
    about(w, r, color)?;
    if !r.other_fields.is_empty() {
        writeln!(w, "\nOther fields")?;
        for line in &r.other_fields {
            writeln!(w, "  {}", clean(line))?;
        }
    }
    if !r.upcoming.is_empty() {
        writeln!(w, "\nComing up")?;
        for e in &r.upcoming {
            writeln!(w, "  {}  {:<12} {}", e.date, relative_day(e.in_days), clean(&e.label))?;
        }
    }
    if !r.interactions.is_empty() {
        writeln!(w, "\nInteractions ({} in all; latest first)", r.interaction_count)?;
        for it in &r.interactions {
            let mark = match (it.planned, it.open_task) {
                (true, _) => "planned: ",
                (false, true) => "to do, overdue: ",
                (false, false) => "",
            };
            writeln!(w, "  {}  {mark}{}", it.date, clean(&it.summary))?;
        }
    }
    private_notes(w, &r.private_notes)?;
    for (title, links) in [("Links to", &r.links), ("Linked from", &r.backlinks)] {
        if links.is_empty() {
            continue;
        }
        writeln!(w, "\n{title}")?;
        for link in links {
            match &link.path {
                Some(path) => writeln!(w, "  {}  ({})", clean(&link.name), clean(path))?,
                None => writeln!(w, "  {}", clean(&link.name))?,
            }
        }
    }
    Ok(())
}

/// The user's own notes, marked as such, each under its file's path.
pub(crate) fn private_notes(w: &mut (impl Write + ?Sized), notes: &[PrivateNoteRow]) -> std::io::Result<()> {
    if notes.is_empty() {
        return Ok(());
    }
    writeln!(w, "\nPrivate notes (yours only, not in the shared vault)")?;
    for note in notes {
        writeln!(w, "  {}", sanitize(&note.path))?;
        for line in &note.lines {
            writeln!(w, "    {}", sanitize(line))?;
        }
    }
    Ok(())
}

/// What the notes say beside the fields: topics to avoid (a warning), the top of the notes,
/// the family with ages, and the open tasks without a date.
fn about(w: &mut (impl Write + ?Sized), r: &ShowReport, color: bool) -> std::io::Result<()> {
    if let Some(topics) = &r.avoid_topics {
        writeln!(w, "\n{}", Style::Red.paint(&format!("! Avoid: {}", sanitize(topics)), color))?;
    }
    if !r.notes.is_empty() {
        writeln!(w, "\nNotes")?;
        for paragraph in &r.notes {
            writeln!(w, "  {}", sanitize(paragraph))?;
        }
    }
    if !r.family.is_empty() {
        writeln!(w, "\nFamily")?;
        for m in &r.family {
            writeln!(w, "  {}", sanitize(&super::brief::family_line(m)))?;
        }
    }
    if !r.undated_tasks.is_empty() {
        writeln!(w, "\nTo do (no date)")?;
        for task in &r.undated_tasks {
            writeln!(w, "  - [ ] {}", sanitize(task))?;
        }
    }
    Ok(())
}
