//! The edits `log` and `snooze` make to a contact's text, composed of `edit`'s byte-exact steps:
//! a Log line plus `last_contact` (and an answered `next_contact` removed), or `snooze_until`.

use chrono::NaiveDate;

use super::edit::{self, EditError};
use crate::contact::fields::parse_date;
use crate::contact::FieldNames;

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

/// Sets `snooze_until`, or removes it (`None`).
pub(crate) fn snooze(text: &str, names: &FieldNames, until: Option<NaiveDate>) -> Result<String, EditError> {
    let key = names.key_for("snooze_until");
    match until {
        Some(date) => edit::set_key(text, key, &date.to_string()),
        None => edit::remove_key(text, key),
    }
}
