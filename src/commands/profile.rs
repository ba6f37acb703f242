//! `profile NAME`: a contact's Mackay 66, known and missing, and the next questions to ask.

use super::{open, output, resolve, Io};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::{self, ListFormat};
use crate::report;

pub(crate) fn profile(config: &Config, io: &mut Io<'_>, name: &str, format: ListFormat) -> Result<Exit> {
    let session = open(config, io, crate::contact::Keep::LEAN)?;
    let i = resolve(&session.index, name, true)?;
    let Some(full) = session.in_full(i) else {
        return Err(Error::NoMatch(format!("{name:?}: the file no longer reads as a contact")));
    };
    let report = report::profile::report(&full);
    render::profile::profile(io.out, &output(config, format), &full.name, &report).map_err(Error::Output)?;
    Ok(Exit::Success)
}
