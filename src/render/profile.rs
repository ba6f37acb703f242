//! `profile NAME`: the Mackay 66 as text for a terminal (each section's answers, the missing
//! questions, the next ones to ask), or the report as JSON.

use std::io::Write;

use super::rows::{self, Output};
use super::{sanitize, ListFormat, Style};
use crate::report::profile::ProfileReport;

pub(crate) fn profile(
    w: &mut (impl Write + ?Sized),
    out: &Output<'_>,
    name: &str,
    r: &ProfileReport,
) -> std::io::Result<()> {
    match out.format {
        ListFormat::Json => rows::json(w, r),
        _ => text(w, name, r, out.color),
    }
}

fn text(w: &mut (impl Write + ?Sized), name: &str, r: &ProfileReport, color: bool) -> std::io::Result<()> {
    let clean = |s: &str| sanitize(s).into_owned();
    let title = format!("{}: Mackay 66, {} of {} answered", clean(name), r.answered, r.total);
    writeln!(w, "{}", Style::Bold.paint(&title, color))?;
    for section in &r.sections {
        writeln!(w, "\n{} ({} of {})", section.title, section.answered, section.total)?;
        for item in &section.items {
            let key = if item.private { format!("{} (private)", item.key) } else { item.key.to_string() };
            match &item.answer {
                Some(answer) => writeln!(w, "  {key:<22} {}", clean(answer))?,
                None => writeln!(
                    w,
                    "  {:<22} {}",
                    Style::Dim.paint(&key, color),
                    Style::Dim.paint(&format!("? {}", item.question), color)
                )?,
            }
        }
    }
    if !r.next_questions.is_empty() {
        writeln!(w, "\nAsk next")?;
        for (n, q) in r.next_questions.iter().enumerate() {
            writeln!(w, "  {}. {} ({})", n + 1, q.question, q.key)?;
        }
    }
    Ok(())
}
