//! `brief NAME`: one screen to read before a call.

use super::{open, output, resolve, Io};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::{self, ListFormat};
use crate::report;

pub(crate) fn brief(config: &Config, io: &mut Io<'_>, name: &str, format: ListFormat) -> Result<Exit> {
    let mut session = open(config, io, crate::contact::Keep::FULL)?;
    let private = super::open_private(config, io, &mut session)?;
    let i = resolve(&session.index, name, true)?;
    let full = session.in_full(i);
    let accounts = report::accounts::accounts(&session.index, &report::accounts::Context::of(&session));
    let Some(mut report) = report::brief::brief(&session.index, i, full.as_ref(), &accounts) else {
        return Ok(Exit::Unmatched);
    };
    report.private_notes = report::private::rows(&session.index, i, &private);
    render::brief::brief(io.out, &output(config, format), &report).map_err(Error::Output)?;
    Ok(Exit::Success)
}
