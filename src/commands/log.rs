//! `log`, `snooze` and `edit`: change one contact's file, byte-carefully (see `write::edit`).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{load, resolve, Io};
use crate::config::Config;
use crate::contact::fields::parse_date;
use crate::contact::Cadence;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::write::atomic::write_atomic;
use crate::write::edit::{self, EditError};

/// A contact's file, read for editing.
struct Target {
    path: PathBuf,
    original: Vec<u8>,
    text: String,
}

/// Resolves NAME (exactly: name, alias or file name) to its file and reads it.
fn target(config: &Config, io: &mut Io<'_>, name: &str) -> Result<(Target, crate::vault::Settings)> {
    let (vault, index) = load(config, io, crate::contact::Keep::LEAN)?;
    let i = resolve(&index, name, false)?;
    let relative = index.entries.get(i).map(|e| e.contact.path.clone()).unwrap_or_default();
    let path = crate::vault::join(&config.root, &relative);
    check_inside(&config.root, &path)?;
    let original = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
    let text = String::from_utf8(original.clone())
        .map_err(|_| Error::Refused(format!("{}: not valid UTF-8; refusing to edit", path.display())))?;
    Ok((Target { path, original, text }, vault.settings))
}

/// Never write through a symlink or to a file outside the vault.
fn check_inside(root: &Path, path: &Path) -> Result<()> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.file_type().is_symlink() {
        return Err(Error::Refused(format!(
            "{}: is a symlink; refusing to write through it",
            path.display()
        )));
    }
    let root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let real = std::fs::canonicalize(path).map_err(|e| Error::io(path, e))?;
    if !real.starts_with(&root) {
        return Err(Error::Refused(format!("{}: is outside the vault; refusing to write", path.display())));
    }
    Ok(())
}

fn refused(path: &Path, e: EditError) -> Error {
    Error::Refused(format!("{}: {e}", path.display()))
}

/// Writes the new text if the file did not change on disk meanwhile, then prints the diff.
fn save(io: &mut Io<'_>, target: &Target, new_text: &str, quiet: bool) -> Result<()> {
    if new_text == target.text {
        if !quiet {
            writeln!(io.err, "{}: nothing to change", target.path.display())?;
        }
        return Ok(());
    }
    let now = std::fs::read(&target.path).map_err(|e| Error::io(&target.path, e))?;
    if now != target.original {
        return Err(Error::Refused(format!(
            "{}: the file changed on disk while touchbase was editing it; nothing was written, try again",
            target.path.display()
        )));
    }
    write_atomic(&target.path, new_text.as_bytes())?;
    writeln!(io.out, "{}", target.path.display())?;
    let diff = similar::TextDiff::from_lines(target.text.as_str(), new_text);
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
    let (target, settings) = target(config, io, name)?;
    let fail = |e| refused(&target.path, e);
    let mut text = edit::append_log(&target.text, date, message).map_err(fail)?;
    if !planned {
        let last_key = settings.fields.key_for("last_contact");
        let current = edit::key_value(&text, last_key).map_err(fail)?;
        let current = current.as_deref().filter(|v| !v.is_empty()).and_then(|v| parse_date(v).ok());
        if current.is_none_or(|c| date > c) {
            text = edit::set_key(&text, last_key, &date.to_string()).map_err(fail)?;
        }
        let next_key = settings.fields.key_for("next_contact");
        let next = edit::key_value(&text, next_key).map_err(fail)?;
        if next.as_deref().and_then(|v| parse_date(v).ok()).is_some_and(|next| date >= next) {
            text = edit::remove_key(&text, next_key).map_err(fail)?;
        }
    }
    save(io, &target, &text, config.quiet)?;
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
    let (target, settings) = target(config, io, name)?;
    let key = settings.fields.key_for("snooze_until");
    let text = match until {
        Some(date) => edit::set_key(&target.text, key, &date.to_string()),
        None => edit::remove_key(&target.text, key),
    }
    .map_err(|e| refused(&target.path, e))?;
    save(io, &target, &text, config.quiet)?;
    Ok(Exit::Success)
}

pub fn edit(config: &Config, io: &mut Io<'_>, name: &str) -> Result<Exit> {
    let (target, _) = target(config, io, name)?;
    open_in_editor(&target.path)?;
    Ok(Exit::Success)
}

/// Runs `$VISUAL`, else `$EDITOR`, else `vi` on a file, through the shell so that an editor
/// with arguments (`code -w`) works.
pub fn open_in_editor(path: &Path) -> Result<()> {
    let editor = std::env::var("VISUAL")
        .ok()
        .filter(|v| !v.trim().is_empty())
        .or_else(|| std::env::var("EDITOR").ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "vi".to_string());
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path)
        .status()
        .map_err(|e| Error::usage(format!("cannot run the editor {editor:?}: {e}")))?;
    if !status.success() {
        return Err(Error::usage(format!("the editor {editor:?} exited with {status}")));
    }
    Ok(())
}
