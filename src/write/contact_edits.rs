//! The edits `log` and `snooze` make to a contact's text, composed of `edit`'s byte-exact steps:
//! a Log line plus `last_contact` (and an answered `next_contact` removed), or `snooze_until`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::edit::{self, EditError};
use crate::contact::fields::parse_date;
use crate::contact::FieldNames;
use crate::error::Error;

/// Adds `- DATE: MESSAGE` to the Log section. A past interaction also moves `last_contact`
/// forward (never back) and removes a `next_contact` it answers; a planned one changes neither.
pub(crate) fn log_interaction(
    text: &str,
    names: &FieldNames,
    date: NaiveDate,
    message: &str,
    planned: bool,
) -> Result<String, EditError> {
    let text = edit::append_log(text, date, message)?;
    if planned {
        return Ok(text);
    }
    touched(text, names, date)
}

/// `log NAME --done TEXT`: ticks the one open task containing TEXT (`- [ ]` → `- [x]`) and
/// records the touch as `log` does: `last_contact` moves forward to `date`, and a `next_contact`
/// it answers is removed.
pub(crate) fn tick_task(
    text: &str,
    names: &FieldNames,
    date: NaiveDate,
    task: &str,
) -> Result<String, EditError> {
    touched(edit::tick_task(text, task)?, names, date)
}

/// `last_contact` moved forward (never back) to `date`; a `next_contact` it answers removed.
fn touched(mut text: String, names: &FieldNames, date: NaiveDate) -> Result<String, EditError> {
    let last_key = names.key_for("last_contact");
    let current = edit::key_value(&text, last_key)?;
    let current = current.as_deref().filter(|v| !v.is_empty()).and_then(|v| parse_date(v).ok());
    if current.is_none_or(|c| date > c) {
        text = edit::set_key(&text, last_key, &date.to_string())?;
    }
    let next_key = names.key_for("next_contact");
    let next = edit::key_value(&text, next_key)?;
    if next.as_deref().and_then(|v| parse_date(v).ok()).is_some_and(|next| date >= next) {
        text = edit::remove_key(&text, next_key)?;
    }
    Ok(text)
}

/// As [`log_interaction`], unless the Log already holds an entry with exactly this text (on any
/// date): the outreach page's ticks are recorded once, however often they are applied.
pub(crate) fn log_once(
    text: &str,
    names: &FieldNames,
    date: NaiveDate,
    message: &str,
) -> Result<String, EditError> {
    let body = match crate::contact::frontmatter::split(text) {
        crate::contact::frontmatter::Shape::Contact(split) => text.get(split.body_start..).unwrap_or(""),
        _ => text,
    };
    if crate::contact::body::parse(body).interactions.iter().any(|i| i.summary == message) {
        return Ok(text.to_string());
    }
    log_interaction(text, names, date, message, false)
}

/// Sets `snooze_until`, or removes it (`None`).
pub(crate) fn snooze(text: &str, names: &FieldNames, until: Option<NaiveDate>) -> Result<String, EditError> {
    let key = names.key_for("snooze_until");
    match until {
        Some(date) => edit::set_key(text, key, &date.to_string()),
        None => edit::remove_key(text, key),
    }
}

/// Applies `change` to each file's current text without writing anything: refused (naming the
/// file) when one file cannot take it, so that a group's entry goes into everyone's file or
/// nobody's. (Each write still re-applies the change to the text it finds under the lock.)
pub(crate) fn check_all(
    root: &Path,
    files: &[PathBuf],
    change: impl Fn(&str) -> Result<String, EditError>,
) -> crate::error::Result<()> {
    for relative in files {
        let refused =
            |why: String| Error::Refused(format!("{}: {why}; nothing was written", relative.display()));
        let (_, text) = crate::vault::read_for_edit(root, relative).map_err(refused)?;
        change(&text).map_err(|e| refused(e.to_string()))?;
    }
    Ok(())
}

/// Records each touch (an outreach list's ticks) in its contact's file, once: a file whose Log
/// already holds the entry is left alone. Returns the files written, with their texts.
pub(crate) fn record(
    writer: &mut super::Writer,
    touches: &[crate::report::outreach::Touch],
    names: &FieldNames,
    today: NaiveDate,
) -> crate::error::Result<Vec<(PathBuf, super::Updated)>> {
    let mut written = Vec::new();
    for touch in touches {
        let path = writer.display(&touch.path);
        let updated = writer.update(&touch.path, |text| {
            log_once(text, names, today, &touch.message)
                .map_err(|e| Error::Refused(format!("{}: {e}", path.display())))
        })?;
        if updated.outcome == super::atomic::WriteOutcome::Written {
            written.push((path, updated));
        }
    }
    Ok(written)
}
