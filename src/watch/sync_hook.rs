//! After each page write, `watch` runs the sync that touchbase.toml's `[sync]` asks for: the
//! real `touchbase sync calendar VDIR [--feed FILE]` (a child process: the same command, the
//! same reading of the vault as on the command line), then, when that changed something, the
//! `after` command (`vdirsyncer sync`), so the phone sees a birthday seconds after it is typed.
//! A failure is printed and watching goes on.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::vault::settings::SyncSettings;

/// Runs the configured sync (nothing when `[sync]` has no `calendar`) and prints its summary
/// line on `out`; problems go to `err`.
pub(crate) fn after_page(
    sync: &SyncSettings,
    root: &Path,
    today: NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<()> {
    let Some(vdir) = sync.calendar.as_deref() else { return Ok(()) };
    let Ok(exe) = std::env::current_exe() else {
        return writeln!(err, "touchbase: watch: cannot find its own program to sync").map_err(Error::Output);
    };
    let output = match sync_command(exe, sync, vdir, root, today).output() {
        Ok(output) => output,
        Err(e) => return writeln!(err, "touchbase: watch: sync calendar: {e}").map_err(Error::Output),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    if let Some(summary) = stdout.lines().last() {
        writeln!(out, "sync: {summary}").map_err(Error::Output)?;
    }
    err.write_all(&output.stderr).map_err(Error::Output)?;
    // Exit 1 (a file left alone) still wrote the rest.
    let ran = output.status.code().is_some_and(|code| code <= 1);
    let changed = ran && !stdout.lines().last().is_some_and(|l| l.contains(" in step"));
    if changed {
        run_after(&sync.after, root, out, err)?;
    }
    out.flush().map_err(Error::Output)
}

/// `touchbase --vault ROOT --today DAY sync calendar VDIR [--feed FILE]`.
fn sync_command(exe: PathBuf, sync: &SyncSettings, vdir: &str, root: &Path, today: NaiveDate) -> Command {
    let mut command = Command::new(exe);
    command.arg("--vault").arg(root).arg("--today").arg(today.to_string()).args(["sync", "calendar"]);
    command.arg(resolve(root, vdir)).stdin(Stdio::null());
    if let Some(feed) = sync.feed.as_deref() {
        command.arg("--feed").arg(resolve(root, feed));
    }
    command
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
fn resolve(root: &Path, path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME").filter(|h| !h.is_empty())) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => root.join(path),
    }
}
