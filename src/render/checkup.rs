//! `checkup`: the worksheet, as text (markdown-shaped, for the terminal or a paste into a
//! note) or JSON; and the list of check-ups due, for `agenda`, `outreach` and the index page.

use std::io::{self, Write};

use super::markdown::escape;
use super::{rows, sanitize, ListFormat};
use crate::report::checkup::{DueCheckup, TargetKind, Worksheet};

pub(crate) fn worksheet(
    w: &mut (impl Write + ?Sized),
    format: ListFormat,
    sheet: &Worksheet,
) -> io::Result<()> {
    if format == ListFormat::Json {
        return rows::json(w, sheet);
    }
    let clean =
        |text: &str| if format == ListFormat::Md { escape(text) } else { sanitize(text).into_owned() };
    let kind = match sheet.kind {
        TargetKind::Account => "account",
        TargetKind::Person => "person",
        TargetKind::Tag => "tag group",
    };
    writeln!(w, "# Check-up: {} ({kind}), {}\n", clean(&sheet.target), sheet.today)?;
    writeln!(w, "{}", schedule(sheet))?;
    let note = if sheet.note_exists { "appends to" } else { "creates" };
    writeln!(
        w,
        "Record the answers: `touchbase checkup {:?} --write` {note} {}",
        sheet.target,
        clean(&sheet.note)
    )?;
    for (i, q) in sheet.questions.iter().enumerate() {
        writeln!(w, "\n## {}. {}\n", i + 1, q.question)?;
        for line in &q.known {
            writeln!(w, "- {}", clean(line))?;
        }
    }
    Ok(())
}

/// `Last check-up 2026-08-20 · quarterly · due 2026-11-20 (due now)`.
fn schedule(sheet: &Worksheet) -> String {
    let last = sheet
        .last_checkup
        .as_deref()
        .map_or_else(|| "No check-up yet".to_string(), |d| format!("Last check-up {d}"));
    match (&sheet.cadence, &sheet.due) {
        (Some(cadence), Some(due)) => {
            let now = if *due <= sheet.today { " (due now)" } else { "" };
            format!("{last} · check-up cadence {cadence} · next due {due}{now}")
        }
        _ => format!("{last} · no check-up cadence (set `checkup_cadence`)"),
    }
}

/// One line per check-up due: `2026-11-20  Acme Corp (last 2026-08-20)`.
pub(crate) fn due_line(c: &DueCheckup) -> String {
    let last =
        c.last_checkup.as_deref().map_or_else(|| "never checked up".to_string(), |d| format!("last {d}"));
    format!("check-up {} due {} ({last}): touchbase checkup {:?}", c.target, c.due, c.target)
}
