//! `check`: validate the vault; exit 1 when anything is wrong.

use super::{open, Io};
use crate::config::Config;
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::{self, ListFormat};
use crate::report::check::CheckReport;

pub(crate) fn check(config: &Config, io: &mut Io<'_>, format: ListFormat) -> Result<Exit> {
    // The problems are the output here, so load quietly and print them all once, in order.
    let quiet = Config { quiet: true, ..config.clone() };
    let session = open(&quiet, io, Keep { front_matter: true, links: true, ..Keep::LEAN })?;
    let report =
        CheckReport::new(&session.diagnostics, &session.index, &config.root, &session.settings.fields);
    render::check::problems(io.out, format, &report).map_err(Error::Output)?;
    if !config.quiet {
        render::check::summary(io.err, &report).map_err(Error::Output)?;
    }
    Ok(if report.problems.is_empty() { Exit::Success } else { Exit::Unmatched })
}
