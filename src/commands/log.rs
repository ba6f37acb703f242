//! `log`, `snooze` and `edit`: change one contact's file, byte-carefully (see `write::edit`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{load, resolve, Io};
use crate::config::Config;
use crate::contact::fields::parse_date;
use crate::contact::Cadence;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::write::atomic::WriteOutcome;
use crate::write::edit::{self, EditError};
use crate::write::Writer;

/// The contact NAME resolves to (exactly: name, alias or file name): its file, relative to the
/// root, and the vault's settings.
fn target(config: &Config, io: &mut Io<'_>, name: &str) -> Result<(PathBuf, crate::vault::Settings)> {
    let (vault, index) = load(config, io, crate::contact::Keep::LEAN)?;
    let i = match resolve(&index, name, false) {
        Ok(i) => i,
        Err(e) => return Err(unreadable(&vault.diagnostics, name).unwrap_or(e)),
    };
    let relative = index.entries.get(i).map(|e| e.contact.path.clone()).unwrap_or_default();
    Ok((relative, vault.settings))
}

/// When NAME names no contact but a file of that name could not be read, why not: that is what
/// the user needs to fix, not "no contact named".
fn unreadable(diagnostics: &[crate::error::Diagnostic], name: &str) -> Option<Error> {
    let wanted = name.strip_suffix(".md").unwrap_or(name);
    let diagnostic = diagnostics.iter().find(|d| {
        d.path.file_stem().and_then(|s| s.to_str()).is_some_and(|stem| stem.eq_ignore_ascii_case(wanted))
    })?;
    Some(Error::Refused(format!("{name:?}: its file cannot be read, so nothing was changed: {diagnostic}")))
}

fn refused(path: &Path, e: EditError) -> Error {
    Error::Refused(format!("{}: {e}", path.display()))
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
    let updated = writer.update(relative, |text| change(text).map_err(|e| refused(&path, e)))?;
    for warning in writer.take_warnings() {
        writeln!(io.err, "touchbase: warning: {}", crate::render::sanitize(&warning))?;
    }
    if updated.outcome == WriteOutcome::Unchanged {
        if !config.quiet {
            writeln!(io.err, "{}: nothing to change", path.display())?;
        }
        return Ok(());
    }
    writeln!(io.out, "{}", path.display())?;
    let diff = similar::TextDiff::from_lines(updated.before.as_str(), updated.after.as_str());
    for change in diff.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Delete => "-",
            similar::ChangeTag::Insert => "+",
            similar::ChangeTag::Equal => continue,
        };
        let line = change.value().trim_end_matches(['\n', '\r']);
        writeln!(io.out, "{sign} {}", crate::render::sanitize(line))?;
    }
    Ok(())
}

fn parse_day(text: &str, what: &str) -> Result<NaiveDate> {
    parse_date(text).map_err(|e| Error::usage(format!("{what}: {e}")))
}

pub fn log(
    config: &Config,
    io: &mut Io<'_>,
    name: &str,
    message: &str,
    date: Option<&str>,
    planned: bool,
) -> Result<Exit> {
    if message.trim().is_empty() {
        return Err(Error::usage("the message is empty"));
    }
    let date = match date {
        Some(text) => parse_day(text, "--date")?,
        None => config.today,
    };
    if date > config.today && !planned {
        return Err(Error::usage(format!(
            "{date} is in the future (today is {}); use --planned to record a planned touchpoint",
            config.today
        )));
    }
    if planned && date <= config.today {
        return Err(Error::usage(format!("--planned needs a date after today ({})", config.today)));
    }
    let (relative, settings) = target(config, io, name)?;
    let last_key = settings.fields.key_for("last_contact");
    let next_key = settings.fields.key_for("next_contact");
    save(config, io, &relative, |text| {
        let mut text = edit::append_log(text, date, message)?;
        if !planned {
            let current = edit::key_value(&text, last_key)?;
            let current = current.as_deref().filter(|v| !v.is_empty()).and_then(|v| parse_date(v).ok());
            if current.is_none_or(|c| date > c) {
                text = edit::set_key(&text, last_key, &date.to_string())?;
            }
            let next = edit::key_value(&text, next_key)?;
            if next.as_deref().and_then(|v| parse_date(v).ok()).is_some_and(|next| date >= next) {
                text = edit::remove_key(&text, next_key)?;
            }
        }
        Ok(text)
    })?;
    Ok(Exit::Success)
}

pub fn snooze(
    config: &Config,
    io: &mut Io<'_>,
    name: &str,
    until: Option<&str>,
    clear: bool,
) -> Result<Exit> {
    let until = match (until, clear) {
        (_, true) => None,
        (Some(text), false) => {
            let date = match parse_date(text) {
                Ok(date) => date,
                Err(_) => {
                    Cadence::parse(text).ok().and_then(|c| c.add_to(config.today)).ok_or_else(|| {
                        Error::usage(format!("{text:?} is neither a date (YYYY-MM-DD) nor a duration (2w)"))
                    })?
                }
            };
            if date <= config.today {
                return Err(Error::usage(format!(
                    "snooze until {date}: that is not after today ({})",
                    config.today
                )));
            }
            Some(date)
        }
        (None, false) => return Err(Error::usage("snooze needs a date or a duration, or --clear")),
    };
    let (relative, settings) = target(config, io, name)?;
    let key = settings.fields.key_for("snooze_until");
    save(config, io, &relative, |text| match until {
        Some(date) => edit::set_key(text, key, &date.to_string()),
        None => edit::remove_key(text, key),
    })?;
    Ok(Exit::Success)
}

pub fn edit(config: &Config, io: &mut Io<'_>, name: &str) -> Result<Exit> {
    let (relative, _) = target(config, io, name)?;
    // Refuse what a write would refuse: a link out of the vault, a symlinked file.
    let path = Writer::new(&config.root)?.check_file(&relative)?;
    open_in_editor(&path)?;
    Ok(Exit::Success)
}

/// Runs `$VISUAL`, else `$EDITOR`, else `vi` on a file, through the shell so that an editor
/// with arguments (`code -w`) works. The path is absolute: a file named `+!cmd` or `--eval=..`
/// would otherwise be read by the editor as an option.
pub fn open_in_editor(path: &Path) -> Result<()> {
    let path = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_string());
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(&path)
        .status()
        .map_err(|e| Error::usage(format!("cannot run the editor {editor:?}: {e}")))?;
    if !status.success() {
        return Err(Error::usage(format!("the editor {editor:?} exited with {status}")));
    }
    Ok(())
}
