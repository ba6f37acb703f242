//! `sync calendar VDIR`: the vault's events into a vdir (`sync::calendar`); `sync contacts
//! VDIR`: the vault and a vdir of vCards kept in step (`sync::contacts`). The changes on standard
//! output, what is left for the user on standard error (exit 1).

use super::{open, Io};
use crate::config::{Config, SyncCalendarRequest, SyncContactsRequest};
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render;
use crate::sync::contacts::{self, Options, Target};
use std::path::Path;

pub(crate) fn calendar(config: &Config, io: &mut Io<'_>, request: &SyncCalendarRequest) -> Result<Exit> {
    // What the ics export reads: the body holds the Log's planned entries and the tasks.
    let session = open(config, io, Keep { body: true, ..Keep::FULL })?;
    let plan =
        crate::sync::calendar::sync(&session, &request.vdir, request.feed.as_deref(), request.dry_run)?;
    render::calendar_sync::plan(io.out, &plan, config.quiet).map_err(Error::Output)?;
    // A file that has an event's name but is not ours is left for the user.
    Ok(if plan.clashes.is_empty() { Exit::Success } else { Exit::Unmatched })
}

/// The vdir (which must exist) and its state file.
pub(crate) fn target(config: &Config, vdir: &Path) -> Result<Target> {
    if !vdir.is_dir() {
        return Err(Error::usage(format!("{}: no such folder (the vdir)", vdir.display())));
    }
    let Some(state_dir) = config.state_dir.as_deref() else {
        return Err(Error::usage("no folder for the sync state: set TOUCHBASE_STATE_DIR or HOME"));
    };
    let state_file = contacts::state_path(state_dir, &config.root, vdir)?;
    Ok(Target { vdir: vdir.to_path_buf(), state_file })
}

pub(crate) fn contacts(config: &Config, io: &mut Io<'_>, request: &SyncContactsRequest) -> Result<Exit> {
    let target = target(config, &request.vdir)?;
    let session = open(config, io, contacts::KEEP)?;
    let options = Options {
        vdir: &target.vdir,
        state_file: &target.state_file,
        dry_run: request.dry_run,
        accept_deletions: request.accept_deletions,
    };
    let outcome = contacts::sync(&session, &options)?;
    let out = |io: &mut Io<'_>, line: &str| writeln!(io.out, "{line}").map_err(Error::Output);
    for line in &outcome.lines {
        out(io, line)?;
    }
    for problem in &outcome.problems {
        writeln!(io.err, "{problem}").map_err(Error::Output)?;
    }
    if outcome.lines.is_empty() && outcome.problems.is_empty() {
        out(io, "in step")?;
    } else if request.dry_run {
        out(io, "dry run: nothing written")?;
    }
    Ok(if outcome.problems.is_empty() { Exit::Success } else { Exit::Unmatched })
}
