//! After each page write, `watch` runs the sync that touchbase.toml's `[sync]` asks for: the
//! real `touchbase sync contacts VDIR` (a child process: the same command, the same reading of
//! the vault and the same writer as on the command line), then `touchbase sync calendar VDIR
//! [--feed FILE]` (which then sees what the contacts sync brought in), then, when either changed
//! something, the `after` command (`vdirsyncer sync`), so the phone sees a birthday seconds
//! after it is typed. Contact files the contacts sync writes come back to watch as vault
//! changes, like any save. A failure is printed and watching goes on.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::vault::settings::SyncSettings;

/// Where the hook runs: the vault, its day, and the home folder that `~/` names.
pub(crate) struct Place<'a> {
    pub root: &'a Path,
    pub today: NaiveDate,
    pub home: Option<&'a Path>,
}

/// Runs the configured syncs (none when `[sync]` names no vdir) and prints their summary lines
/// on `out`; problems go to `err`.
pub(crate) fn after_page(
    sync: &SyncSettings,
    place: &Place<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    if sync.contacts.is_none() && sync.calendar.is_none() {
        return Ok(());
    }
    let Ok(exe) = std::env::current_exe() else {
        return writeln!(err, "touchbase: watch: cannot find its own program to sync").map_err(Error::Output);
    };
    let mut changed = false;
    if let Some(vdir) = sync.contacts.as_deref() {
        let mut command = touchbase(&exe, place, "contacts");
        command.arg(resolve(place, vdir));
        changed |= run_sync(command, Shown::Every("sync contacts"), "in step", out, err)?;
    }
    if let Some(vdir) = sync.calendar.as_deref() {
        let mut command = touchbase(&exe, place, "calendar");
        command.arg(resolve(place, vdir));
        if let Some(feed) = sync.feed.as_deref() {
            command.arg("--feed").arg(resolve(place, feed));
        }
        changed |= run_sync(command, Shown::Summary("sync"), " in step", out, err)?;
    }
    if changed {
        run_after(&sync.after, place.root, out, err)?;
    }
    out.flush().map_err(Error::Output)
}

/// `touchbase --vault ROOT --today DAY sync WHAT`.
fn touchbase(exe: &Path, place: &Place<'_>, what: &str) -> Command {
    let mut command = Command::new(exe);
    command.arg("--vault").arg(place.root).arg("--today").arg(place.today.to_string());
    command.args(["sync", what]).stdin(Stdio::null());
    command
}

/// Which of a sync's output lines watch prints, behind which label.
#[derive(Clone, Copy)]
enum Shown {
    /// Every line (the contacts sync: one per change).
    Every(&'static str),
    /// The last line (the calendar's summary).
    Summary(&'static str),
}

/// Runs one sync, prints its lines as `shown` says and says whether it changed something (its
/// last line is there and does not say `in_step`). Exit 1 (a conflict, a file left alone) still
/// wrote the rest.
fn run_sync(
    mut command: Command,
    shown: Shown,
    in_step: &str,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<bool> {
    let (Shown::Every(label) | Shown::Summary(label)) = shown;
    let output = match command.output() {
        Ok(output) => output,
        Err(e) => {
            return writeln!(err, "touchbase: watch: {label}: {e}").map(|()| false).map_err(Error::Output)
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = match shown {
        Shown::Every(_) => stdout.lines().collect(),
        Shown::Summary(_) => stdout.lines().last().into_iter().collect(),
    };
    for line in lines {
        writeln!(out, "{label}: {line}").map_err(Error::Output)?;
    }
    for line in String::from_utf8_lossy(&output.stderr).lines() {
        writeln!(err, "{label}: {line}").map_err(Error::Output)?;
    }
    out.flush().map_err(Error::Output)?;
    let ran = output.status.code().is_some_and(|code| code <= 1);
    Ok(ran && stdout.lines().last().is_some_and(|l| !l.contains(in_step)))
}

/// The `after` command, in the vault folder; its output goes to `err`, one line to `out`.
fn run_after(after: &[String], root: &Path, out: &mut dyn Write, err: &mut dyn Write) -> Result<()> {
    let Some((program, args)) = after.split_first() else { return Ok(()) };
    let shown = after.join(" ");
    match Command::new(program).args(args).current_dir(root).stdin(Stdio::null()).output() {
        Ok(output) => {
            err.write_all(&output.stdout).map_err(Error::Output)?;
            err.write_all(&output.stderr).map_err(Error::Output)?;
            writeln!(out, "sync: ran {shown} ({})", output.status).map_err(Error::Output)
        }
        Err(e) => writeln!(err, "touchbase: watch: {shown}: {e}").map_err(Error::Output),
    }
}

/// `~/` is the home folder; a relative path is relative to the vault folder.
fn resolve(place: &Place<'_>, path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), place.home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => place.root.join(path),
    }
}
