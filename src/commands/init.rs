//! `init`: write a commented `touchbase.toml` for the folder (never over an existing one).

use std::path::Path;

use super::Io;
use crate::config::{Config, VaultSource};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::vault::settings::FILE_NAME;
use crate::vault::Session;
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

/// Where no vault was named or found and the folder holds no contacts, say so and name `init`
/// and `--vault` (an empty vault given with `--vault` is a vault: `new` and `import` fill it).
pub(crate) fn hint_if_no_vault(
    config: &Config,
    session: &Session,
    err: &mut dyn std::io::Write,
) -> Result<()> {
    let nowhere = config.vault_source == VaultSource::CurrentDir;
    if !nowhere || crate::vault::exists(&config.root, Path::new(FILE_NAME)) {
        return Ok(());
    }
    if session.index.entries.is_empty() {
        crate::render::no_vault_hint(err, &config.root).map_err(Error::Output)?;
    }
    // A folder above several vaults (or test fixtures) would read them all as one.
    let nested = crate::vault::nested_vaults(&config.root);
    if !nested.is_empty() {
        crate::render::nested_vaults_hint(err, &nested).map_err(Error::Output)?;
    }
    Ok(())
}
