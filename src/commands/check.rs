//! `check`: validate the vault; exit 1 when anything is wrong.

use std::path::Path;

use super::{open, Io};
use crate::config::Config;
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render::{self, ListFormat};
use crate::report::{self, check::CheckReport};
use crate::vault::Settings;

pub(crate) fn check(config: &Config, io: &mut Io<'_>, format: ListFormat) -> Result<Exit> {
    // The problems are the output here, so load quietly and print them all once, in order.
    let quiet = Config { quiet: true, ..config.clone() };
    let session = open(&quiet, io, Keep { front_matter: true, links: true, ..Keep::LEAN })?;
    let accounts = report::accounts::accounts(&session.index, &report::accounts::Context::of(&session));
    let mut diagnostics = session.diagnostics.clone();
    diagnostics.extend(report::accounts::duplicate_warnings(&accounts, &config.root));
    let report = CheckReport::new(
        &diagnostics,
        &session.index,
        &config.root,
        &session.settings.fields,
        config.verbose,
    );
    render::check::problems(io.out, format, &report).map_err(Error::Output)?;
    if !config.quiet {
        render::check::summary(io.err, &report).map_err(Error::Output)?;
    }
    Ok(if report.problems.is_empty() { Exit::Success } else { Exit::Unmatched })
}

/// `check --explain PATH`: why one file is or is not a contact; exit 0.
pub(crate) fn explain(config: &Config, io: &mut Io<'_>, path: &Path, format: ListFormat) -> Result<Exit> {
    let settings = Settings::load(&config.root)?;
    let explanation = crate::vault::explain::explain(&config.root, &settings, path);
    render::check::explanation(io.out, format, &explanation).map_err(Error::Output)?;
    Ok(Exit::Success)
}
