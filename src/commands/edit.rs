//! `edit NAME`: open a contact's file in the user's editor.

use super::log::target;
use super::Io;
use crate::config::Config;
use crate::error::Result;
use crate::exit::Exit;
use crate::write::Writer;

pub(crate) fn edit(config: &Config, io: &mut Io<'_>, name: &str) -> Result<Exit> {
    let (relative, _) = target(config, io, name)?;
    // Refuse what a write would refuse: a link out of the vault, a symlinked file.
    let path = Writer::new(&config.root)?.check_file(&relative)?;
    crate::write::editor::open(&config.editor, &path)?;
    Ok(Exit::Success)
}
