//! A session: the vault loaded once for one command (or one `watch` run): its settings, the
//! index of its contacts with their schedules, and the problems found while reading it.

use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;

use super::{LoadOptions, Settings, Vault};
use crate::error::{Diagnostic, Error, Result};
use crate::index::Index;
use crate::index::Resolved;

#[derive(Debug)]
pub(crate) struct Session {
    /// The root as the user gave it (output paths are joined onto it).
    pub root: PathBuf,
    pub settings: Settings,
    pub index: Index,
    /// Sorted by path, then position.
    pub diagnostics: Vec<Diagnostic>,
    /// The dated notes whose touches the index holds, and the contacts those touched: `watch`
    /// reads the vault again when either changes, so its page stays a fresh `index`'s.
    pub touch_notes: std::collections::BTreeSet<PathBuf>,
    pub touched: std::collections::BTreeSet<PathBuf>,
    /// The account notes (see `contact::account`), and the other markdown notes, which an
    /// account finds by name.
    pub account_notes: crate::contact::account::Notes,
}

impl Session {
    /// Reads the vault and indexes its contacts as of `today`.
    pub(crate) fn load(root: &Path, options: LoadOptions<'_>, today: NaiveDate) -> Result<Session> {
        let vault = Vault::load(root, options)?;
        Ok(Session::from_vault(vault, today))
    }

    /// The session of a loaded vault for `today`. The few contacts whose summaries the load
    /// did not keep for this day are read again first (`Vault::summaries_for`).
    pub(crate) fn from_vault(mut vault: Vault, today: NaiveDate) -> Session {
        vault.summaries_for(today);
        crate::contact::account::inherit_owners(&mut vault.contacts, &vault.account_notes);
        let mut index = Index::new(vault.contacts, &vault.other_files, vault.settings.cadence.clone(), today);
        let touched = index.attach_touches(&vault.touches);
        let touch_notes = vault.touches.into_iter().map(|(path, _)| path).collect();
        let plain = vault.other_files.iter().filter(|p| super::walk::is_markdown(p)).cloned().collect();
        let account_notes = crate::contact::account::Notes { notes: vault.account_notes, plain };
        Session {
            root: vault.root,
            settings: vault.settings,
            index,
            diagnostics: vault.diagnostics,
            touch_notes,
            touched,
            account_notes,
        }
    }
}

impl Session {
    /// Contact `i` read again with its body and front matter, for the commands about one
    /// contact (`show`, `brief`, `profile`) that show its notes: keeping every body in a load
    /// would hold the whole vault in memory. `None` when the file no longer reads as a contact.
    pub(crate) fn in_full(&self, i: usize) -> Option<crate::contact::Contact> {
        let path = &self.index.entries.get(i)?.contact.path;
        let keep = crate::contact::Keep { body: true, ..crate::contact::Keep::FULL };
        match super::read_one(&self.root, &self.settings, path, LoadOptions { keep, cache_dir: None }) {
            super::FileOutcome::Contact(contact, _) => Some(*contact),
            _ => None,
        }
    }

    /// Contacts `ids` read again in full (as [`Session::in_full`]), `chunk` files at a time in
    /// parallel, in the order of `ids`: a command that writes every contact (`export`) holds
    /// one chunk of bodies and front matter at a time, not the vault's. Each comes with its id;
    /// `None` when its file no longer reads as a contact.
    pub(crate) fn in_full_chunks<'a>(
        &'a self,
        ids: &'a [usize],
        chunk: usize,
    ) -> impl Iterator<Item = (usize, Option<crate::contact::Contact>)> + 'a {
        use rayon::prelude::*;
        ids.chunks(chunk.max(1))
            .flat_map(move |ids| ids.par_iter().map(|&i| (i, self.in_full(i))).collect::<Vec<_>>())
    }

    /// Where `new NAME [--dir DIR]` puts its file, relative to the root: refused when a contact
    /// of that name exists, when the name leaves nothing to name a file with, or when DIR is not
    /// a plain folder path.
    pub(crate) fn new_file(&self, name: &str, dir: Option<&Path>) -> Result<PathBuf> {
        let Some(stem) = super::names::stem_for(name, &self.settings) else {
            return Err(Error::usage(format!("{name:?} leaves nothing to name a file with")));
        };
        let existing = match self.index.resolve(name, false) {
            Resolved::One(i) => Some(i),
            Resolved::Ambiguous(ids) => ids.first().copied(),
            Resolved::Unknown(_) => None,
        };
        if let Some(entry) = existing.and_then(|i| self.index.entries.get(i)) {
            let path = entry.contact.path.display();
            return Err(Error::Refused(format!("a contact named {name:?} already exists: {path}")));
        }
        let dir = match dir {
            Some(dir) if dir.components().all(|c| matches!(c, Component::Normal(_))) => dir.to_path_buf(),
            Some(dir) => {
                return Err(Error::usage(format!(
                    "--dir {}: must be a folder inside the vault",
                    dir.display()
                )))
            }
            None => PathBuf::new(),
        };
        Ok(dir.join(format!("{stem}.md")))
    }

    /// Refuses a new file where touchbase would not read it (a hidden, generated or excluded
    /// folder): the contact would be lost.
    pub(crate) fn check_readable(&self, relative: &Path) -> Result<()> {
        if super::walk::is_skipped(&self.settings, relative, false) {
            return Err(Error::Refused(format!(
                "{}: touchbase does not read that folder (hidden, generated or excluded); choose another --dir",
                relative.display()
            )));
        }
        Ok(())
    }
}

/// A contact file's bytes as they are now (full-text search reads each file as it goes);
/// `None` when it cannot be read whole: not a regular file (a FIFO would block), too big, gone.
pub(crate) fn file_bytes(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > super::MAX_FILE_BYTES {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).ok()?);
    let file = std::fs::File::open(path).ok()?;
    file.take(super::MAX_FILE_BYTES + 1).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}
