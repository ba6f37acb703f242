//! `show NAME`: one contact in full.

use super::{open, output, resolve, Io};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::{self, ListFormat};
use crate::report;

pub(crate) fn show(config: &Config, io: &mut Io<'_>, name: &str, format: ListFormat) -> Result<Exit> {
    let mut session = open(config, io, crate::contact::Keep::FULL)?;
    let private = super::open_private(config, io, &mut session)?;
    let i = resolve(&session.index, name, true)?;
    let full = session.in_full(i);
    let Some(mut report) = report::show::show(&session.index, i, &session.settings.fields, full.as_ref())
    else {
        return Ok(Exit::Unmatched);
    };
    report.private_notes = report::private::rows(&session.index, i, &private);
    render::show::show(io.out, &output(config, format), &report).map_err(Error::Output)?;
    Ok(Exit::Success)
}
