//! `log` and `snooze`: change contacts' files, byte-carefully (see `write::edit`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{open, Io};
use crate::config::{Config, LogEntry};
use crate::contact::FieldNames;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render;
use crate::write::atomic::WriteOutcome;
use crate::write::edit::EditError;
use crate::write::{contact_edits, Writer};

/// One interaction in the file of everyone who was there. Every NAME is resolved before any
/// file is written; each file is then written on its own (atomically, under its folder's lock).
pub(crate) fn log(config: &Config, io: &mut Io<'_>, entry: &LogEntry) -> Result<Exit> {
    let session = open(config, io, crate::contact::Keep::LEAN)?;
    let names: Vec<&str> =
        std::iter::once(entry.name.as_str()).chain(entry.with.iter().map(String::as_str)).collect();
    let files = crate::report::lookup::files(&session, &names)?;
    let fields = &session.settings.fields;
    let change = |text: &str| match &entry.done {
        Some(task) => contact_edits::tick_task(text, fields, entry.date, task),
        None => contact_edits::log_interaction(text, fields, entry.date, &entry.message, entry.planned),
    };
    if files.len() > 1 {
        // Nobody's file is written when the entry cannot go into everyone's.
        contact_edits::check_all(&config.root, &files, change)?;
    }
    for relative in &files {
        save(config, io, relative, change)?;
    }
    Ok(Exit::Success)
}

pub(crate) fn snooze(config: &Config, io: &mut Io<'_>, name: &str, until: Option<NaiveDate>) -> Result<Exit> {
    let (relative, names) = target(config, io, name)?;
    save(config, io, &relative, |text| contact_edits::snooze(text, &names, until))?;
    Ok(Exit::Success)
}

/// The file NAME resolves to (exactly: name, alias or file name), relative to the root, and
/// the vault's key names. A NAME whose file cannot be read says why.
pub(super) fn target(config: &Config, io: &mut Io<'_>, name: &str) -> Result<(PathBuf, FieldNames)> {
    let session = open(config, io, crate::contact::Keep::LEAN)?;
    let relative = crate::report::lookup::files(&session, &[name])?.into_iter().next().unwrap_or_default();
    Ok((relative, session.settings.fields))
}

/// Applies `change` to the file's current text under the folder's lock (re-applied if the file
/// changes meanwhile), then prints the file and the changed lines.
fn save(
    config: &Config,
    io: &mut Io<'_>,
    relative: &Path,
    mut change: impl FnMut(&str) -> std::result::Result<String, EditError>,
) -> Result<()> {
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
    Ok(())
}
