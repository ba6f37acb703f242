//! `init`: write a commented `touchbase.toml` for the folder (never over an existing one);
//! `init --git` also sets the vault up to be shared in git (`.gitattributes`, the merge driver).

use std::path::Path;

use super::Io;
use crate::config::{Config, VaultSource};
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::vault::settings::{Settings, FILE_NAME};
use crate::vault::Session;
use crate::write::init::{extend_gitattributes, gitattribute_lines, DRIVER_CONFIG, GITATTRIBUTES};
use crate::write::Writer;

pub(crate) fn init(config: &Config, io: &mut Io<'_>, git: bool) -> Result<Exit> {
    let mut writer = Writer::new(&config.root)?;
    // First, so that a vault that is not a repository gets git's message and no files.
    if git {
        for (key, value) in DRIVER_CONFIG {
            crate::merge::git::set_config(&config.root, key, value)?;
        }
    }
    // `--git` in a vault that has its settings (a clone) keeps them and sets up git only.
    if !(git && crate::vault::exists(&config.root, Path::new(FILE_NAME))) {
        let layout = crate::vault::layout::detect(&config.root);
        let text = crate::write::init::settings_file(&layout);
        writer.create(Path::new(FILE_NAME), text.as_bytes())?;
        let shown = writer.display(Path::new(FILE_NAME));
        crate::render::init_summary(io.out, &shown, &layout.people, &layout.daily_notes, &layout.templates)
            .map_err(Error::Output)?;
    }
    if git {
        share_in_git(config, io, &mut writer)?;
    }
    Ok(Exit::Success)
}

/// Appends what `.gitattributes` lacks (creating it if need be).
fn share_in_git(config: &Config, io: &mut Io<'_>, writer: &mut Writer) -> Result<()> {
    let settings = Settings::load(&config.root)?;
    let lines = gitattribute_lines(&settings.index, &settings.outreach_dir);
    let relative = Path::new(GITATTRIBUTES);
    let written = if crate::vault::exists(&config.root, relative) {
        let updated = writer
            .update(relative, |text| Ok(extend_gitattributes(text, &lines).unwrap_or_else(|| text.into())))?;
        updated.before != updated.after
    } else {
        writer.create(relative, extend_gitattributes("", &lines).unwrap_or_default().as_bytes())?;
        true
    };
    crate::render::git_setup_summary(io.out, &writer.display(relative), written).map_err(Error::Output)
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
