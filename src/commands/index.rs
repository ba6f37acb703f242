//! `index [--check]`: regenerate the index page, or only say whether it is stale.

use std::path::{Path, PathBuf};

use super::{load, Io};
use crate::config::Config;
use crate::error::Result;
use crate::exit::Exit;
use crate::index::Index;
use crate::render::index_page;
use crate::report::index_page as page;
use crate::vault::Settings;
use crate::write::atomic::WriteOutcome;
use crate::write::{Edits, Writer};

/// The page's bytes for this index.
pub fn page_text(settings: &Settings, index: &Index) -> String {
    let data = page::build(index, settings);
    index_page::render(&data, std::path::Path::new(&settings.index))
}

pub fn page_path(config: &Config, settings: &Settings) -> PathBuf {
    crate::vault::join(&config.root, Path::new(&settings.index))
}

pub fn index(config: &Config, io: &mut Io<'_>, check: bool, force: bool) -> Result<Exit> {
    let (vault, index) = load(config, io, crate::contact::Keep::LEAN)?;
    let text = page_text(&vault.settings, &index);
    let path = page_path(config, &vault.settings);
    if check {
        // A FIFO or a device in the page's place must not hang the check.
        let current = crate::vault::read_regular(&path).ok();
        if current.as_deref() == Some(text.as_bytes()) {
            if !config.quiet {
                writeln!(io.err, "{} is up to date", path.display())?;
            }
            return Ok(Exit::Success);
        }
        let what = match (&current, std::fs::symlink_metadata(&path)) {
            (Some(_), _) => "is stale",
            (None, Ok(_)) => "is not a regular file",
            (None, Err(_)) => "does not exist",
        };
        writeln!(io.err, "{} {what}; run `touchbase index` to regenerate it", path.display())?;
        return Ok(Exit::Unmatched);
    }
    let mut writer = Writer::new(&config.root)?;
    let outcome =
        writer.write_page(Path::new(&vault.settings.index), text.as_bytes(), Edits::Overwrite, force)?;
    if !config.quiet {
        let what = match outcome {
            WriteOutcome::Written => "wrote",
            WriteOutcome::Unchanged => "unchanged:",
        };
        writeln!(io.err, "{what} {}", path.display())?;
    }
    Ok(Exit::Success)
}
