//! `init`: write a commented `touchbase.toml` for the folder (never over an existing one).

use std::path::Path;

use super::Io;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::vault::settings::FILE_NAME;
use crate::write::Writer;

pub(crate) fn init(config: &Config, io: &mut Io<'_>) -> Result<Exit> {
    let layout = crate::vault::layout::detect(&config.root);
    let text = crate::write::init::settings_file(&layout);
    let mut writer = Writer::new(&config.root)?;
    writer.create(Path::new(FILE_NAME), text.as_bytes())?;
    let shown = writer.display(Path::new(FILE_NAME));
    crate::render::init_summary(io.out, &shown, &layout.people, &layout.daily_notes, &layout.templates)
        .map_err(Error::Output)?;
    Ok(Exit::Success)
}
