//! `index [--check | --force]`: regenerate the index page, or only say whether it is stale.

use std::path::Path;

use super::{open, Io};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render;
use crate::report::index_page::PageState;
use crate::vault::OnDisk;
use crate::write::atomic::WriteOutcome;
use crate::write::{Edits, Writer};

pub(crate) fn index(config: &Config, io: &mut Io<'_>, check: bool, force: bool) -> Result<Exit> {
    let session = open(config, io, crate::contact::Keep::LEAN)?;
    let bytes = crate::watch::page_bytes(&session)?;
    let relative = Path::new(&session.settings.index);
    let path = crate::vault::join(&config.root, relative);
    if check {
        let state = PageState::of(&bytes, &OnDisk::read(&path));
        if state != PageState::UpToDate || !config.quiet {
            render::index_page::state(io.err, &path, state).map_err(Error::Output)?;
        }
        return Ok(if state == PageState::UpToDate { Exit::Success } else { Exit::Unmatched });
    }
    let outcome = Writer::new(&config.root)?.write_page(relative, &bytes, Edits::Overwrite, force)?;
    if !config.quiet {
        render::write_outcome(io.err, &path, outcome == WriteOutcome::Written, "wrote", "unchanged:")
            .map_err(Error::Output)?;
    }
    Ok(Exit::Success)
}
