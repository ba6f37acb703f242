//! A session: the vault loaded once for one command (or one `watch` run): its settings, the
//! index of its contacts with their schedules, and the problems found while reading it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::{LoadOptions, Settings, Vault};
use crate::error::{Diagnostic, Result};
use crate::index::Index;

#[derive(Debug)]
pub struct Session {
    /// The root as the user gave it (output paths are joined onto it).
    pub root: PathBuf,
    pub settings: Settings,
    pub index: Index,
    /// Sorted by path, then position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Session {
    /// Reads the vault and indexes its contacts as of `today`.
    pub fn load(root: &Path, options: LoadOptions<'_>, today: NaiveDate) -> Result<Session> {
        let vault = Vault::load(root, options)?;
        Ok(Session::from_vault(vault, today))
    }

    pub fn from_vault(vault: Vault, today: NaiveDate) -> Session {
        let index = Index::new(vault.contacts, &vault.other_files, vault.settings.cadence.clone(), today);
        Session { root: vault.root, settings: vault.settings, index, diagnostics: vault.diagnostics }
    }
}
