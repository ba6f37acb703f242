//! `log`, `snooze` and `edit`: change one contact's file, byte-carefully (see `write::edit`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{open, resolve, Io};
use crate::config::{Config, LogEntry};
use crate::contact::FieldNames;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render;
use crate::write::atomic::WriteOutcome;
use crate::write::edit::EditError;
use crate::write::{contact_edits, Writer};

pub(crate) fn log(config: &Config, io: &mut Io<'_>, entry: &LogEntry) -> Result<Exit> {
    let (relative, names) = target(config, io, &entry.name)?;
    save(config, io, &relative, |text| match &entry.done {
        Some(task) => contact_edits::tick_task(text, &names, entry.date, task),
        None => contact_edits::log_interaction(text, &names, entry.date, &entry.message, entry.planned),
    })
}

pub(crate) fn snooze(config: &Config, io: &mut Io<'_>, name: &str, until: Option<NaiveDate>) -> Result<Exit> {
    let (relative, names) = target(config, io, name)?;
    save(config, io, &relative, |text| contact_edits::snooze(text, &names, until))
}

pub(crate) fn edit(config: &Config, io: &mut Io<'_>, name: &str) -> Result<Exit> {
    let (relative, _) = target(config, io, name)?;
    // Refuse what a write would refuse: a link out of the vault, a symlinked file.
    let path = Writer::new(&config.root)?.check_file(&relative)?;
    crate::write::editor::open(&config.editor, &path)?;
    Ok(Exit::Success)
}

/// The file NAME resolves to (exactly: name, alias or file name), relative to the root, and
/// the vault's key names. A NAME whose file cannot be read says why.
fn target(config: &Config, io: &mut Io<'_>, name: &str) -> Result<(PathBuf, FieldNames)> {
    let session = open(config, io, crate::contact::Keep::LEAN)?;
    let i = resolve(&session.index, name, false).map_err(|e| unreadable(&session, name).unwrap_or(e))?;
    let relative = session.index.entries.get(i).map(|e| e.contact.path.clone()).unwrap_or_default();
    Ok((relative, session.settings.fields))
}

fn unreadable(session: &crate::vault::Session, name: &str) -> Option<Error> {
    let diagnostic = crate::report::unreadable(&session.diagnostics, name)?;
    Some(Error::Refused(format!("{name:?}: its file cannot be read, so nothing was changed: {diagnostic}")))
}

/// Applies `change` to the file's current text under the folder's lock (re-applied if the file
/// changes meanwhile), then prints the file and the changed lines.
fn save(
    config: &Config,
    io: &mut Io<'_>,
    relative: &Path,
    mut change: impl FnMut(&str) -> std::result::Result<String, EditError>,
) -> Result<Exit> {
    let mut writer = Writer::new(&config.root)?;
    let path = writer.display(relative);
    let updated = writer.update(relative, |text| {
        change(text).map_err(|e| Error::Refused(format!("{}: {e}", path.display())))
    })?;
    render::diff::warnings(io.err, &writer.take_warnings()).map_err(Error::Output)?;
    match updated.outcome {
        WriteOutcome::Unchanged if !config.quiet => {
            writeln!(io.err, "{}: nothing to change", path.display()).map_err(Error::Output)?;
        }
        WriteOutcome::Unchanged => {}
        WriteOutcome::Written => render::diff::changed_lines(io.out, &path, &updated.before, &updated.after)
            .map_err(Error::Output)?,
    }
    Ok(Exit::Success)
}
