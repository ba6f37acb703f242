//! `sync calendar VDIR`: the vault's events into a vdir (`sync::calendar`), then what was done.

use super::{open, Io};
use crate::config::{Config, SyncCalendarRequest};
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render;

pub(crate) fn calendar(config: &Config, io: &mut Io<'_>, request: &SyncCalendarRequest) -> Result<Exit> {
    // What the ics export reads: the body holds the Log's planned entries and the tasks.
    let session = open(config, io, Keep { body: true, ..Keep::FULL })?;
    let plan =
        crate::sync::calendar::sync(&session, &request.vdir, request.feed.as_deref(), request.dry_run)?;
    render::calendar_sync::plan(io.out, &plan, config.quiet).map_err(Error::Output)?;
    // A file that has an event's name but is not ours is left for the user.
    Ok(if plan.clashes.is_empty() { Exit::Success } else { Exit::Unmatched })
}
