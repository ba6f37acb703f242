//! The live session: the vault as watch last read it, kept current one batch at a time. Only
//! the files a batch names are re-read; removals and renames are reconciled (see
//! `reconcile`); a change to `touchbase.toml` or lost events reload the whole vault.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::batch::{Batch, Touched};
use super::reconcile::{gone_below, gone_from, known_below, plan, Affected, Plan};
use crate::contact::Keep;
use crate::error::{Diagnostic, Result};
use crate::index::Upserted;
use crate::report::watch::Changed;
use crate::vault::walk::{is_markdown, is_skipped, walk_below};
use crate::vault::watch_fs::{exists, list_folder, real_folder, PathKind};
use crate::vault::{read_one, settings, FileOutcome, LoadOptions, Session, Vault};

/// What one batch did to the index.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    pub added: Vec<PathBuf>,
    pub modified: Vec<PathBuf>,
    pub removed: Vec<PathBuf>,
    pub reloaded: bool,
    /// The page was gone (deleted, renamed away): it is written even if its text is the same.
    pub page_was_gone: bool,
}

impl Changes {
    /// Whether the page must be built again.
    pub(crate) fn any(&self) -> bool {
        self.reloaded
            || self.page_was_gone
            || !self.added.is_empty()
            || !self.modified.is_empty()
            || !self.removed.is_empty()
    }

    /// What the status line says about them.
    pub(crate) fn summary(&self) -> Changed {
        Changed {
            reloaded: self.reloaded,
            added: self.added.len(),
            modified: self.modified.len(),
            removed: self.removed.len(),
            first: self.added.iter().chain(&self.modified).chain(&self.removed).next().cloned(),
            page_was_gone: self.page_was_gone,
        }
    }
}

#[derive(Debug)]
pub(crate) struct Live {
    pub session: Session,
    cache_dir: Option<PathBuf>,
    /// Every candidate file read so far, relative to the root: contacts, notes and broken
    /// files. Reconciling compares a fresh listing with this, so that a folder of notes is not
    /// re-read (and a broken file not reported again) each time a file beside it is renamed.
    known: BTreeSet<PathBuf>,
    /// Set by `apply` when the batch changed touches from dated notes (see `must_reload_touches`).
    touches_changed: bool,
}

impl Live {
    /// Reads the whole vault as of `today`, and the problems found on the way.
    pub(crate) fn load(
        root: &Path,
        cache_dir: Option<&Path>,
        today: NaiveDate,
    ) -> Result<(Live, Vec<Diagnostic>)> {
        let options = LoadOptions { keep: Keep::LEAN, cache_dir };
        let vault = Vault::load(root, options)?;
        // Notes and broken files are among `other_files`, with the attachments.
        let known = vault
            .contacts
            .iter()
            .map(|c| c.path.clone())
            .chain(vault.other_files.iter().filter(|p| is_markdown(p)).cloned())
            .collect();
        let mut session = Session::from_vault(vault, today);
        let diagnostics = std::mem::take(&mut session.diagnostics);
        let cache_dir = cache_dir.map(Path::to_path_buf);
        Ok((Live { session, cache_dir, known, touches_changed: false }, diagnostics))
    }

    pub(crate) fn today(&self) -> NaiveDate {
        self.session.index.today
    }

    /// The index page, relative to the root.
    pub(crate) fn page(&self) -> &Path {
        Path::new(&self.session.settings.index)
    }

    /// The index page as the user should see it.
    pub(crate) fn page_path(&self) -> PathBuf {
        crate::vault::join(&self.session.root, self.page())
    }

    /// Whether the batch calls for reading the whole vault again: the settings changed, or the
    /// watcher lost events.
    pub(crate) fn must_reload(batch: &Batch) -> bool {
        batch.rescan || batch.names(Path::new(settings::FILE_NAME))
    }

    /// Whether the last `apply` changed touches from dated notes, which only a fresh read of
    /// the vault gets right.
    pub(crate) fn must_reload_touches(&self) -> bool {
        self.touches_changed
    }

    /// Reads the whole vault again, for the same day. On an error (a half-saved
    /// touchbase.toml) the last good state is kept.
    pub(crate) fn reload(&mut self) -> Result<(Changes, Vec<Diagnostic>)> {
        let (fresh, diagnostics) = Live::load(&self.session.root, self.cache_dir.as_deref(), self.today())?;
        *self = fresh;
        Ok((Changes { reloaded: true, ..Changes::default() }, diagnostics))
    }

    /// Re-reads what a batch named and reconciles its removals and renames.
    pub(crate) fn apply(&mut self, batch: &Batch) -> (Changes, Vec<Diagnostic>) {
        // A changed dated note, or a changed contact that dated notes touch: the touches come
        // from the whole vault, so only a fresh read is right. The same for an account note
        // (its aliases, cadence and check-ups shape the accounts on the page).
        let session = &self.session;
        let accounts = session.account_notes.notes.iter().map(|n| &n.path);
        let watched: Vec<&PathBuf> =
            session.touch_notes.iter().chain(&session.touched).chain(accounts).collect();
        self.touches_changed = batch
            .paths
            .iter()
            .chain(batch.touched.keys())
            .any(|p| watched.iter().any(|t| t.starts_with(p) || p == *t));
        let mut changes = Changes::default();
        let mut diagnostics = Vec::new();
        let page = self.page().to_path_buf();
        let page_exists = exists(&self.page_path());
        // The page is never a contact, and its own writes raise events (a rename over it):
        // only a page that is gone matters, and it is written whatever its text.
        changes.page_was_gone = !batch.touched.is_empty() && !page_exists;
        // What was known at or below each path, before handling the batch forgets it.
        let mut affected: BTreeMap<PathBuf, (Touched, bool)> = batch
            .touched
            .iter()
            .filter(|(path, _)| !(**path == page && page_exists))
            .map(|(path, &claim)| (path.clone(), (claim, self.knows(path))))
            .collect();
        for relative in batch.paths.iter().filter(|p| **p != page) {
            let known = self.knows(relative);
            if !self.refresh(relative, &mut changes, &mut diagnostics) {
                affected.entry(relative.clone()).or_insert((Touched::Moved, known));
            }
        }
        if !affected.is_empty() {
            let plan = self.plan(&affected);
            self.reconcile(&plan, &mut changes, &mut diagnostics);
        }
        (changes, diagnostics)
    }

    /// Whether anything read so far is at or below `path`.
    fn knows(&self, path: &Path) -> bool {
        known_below(&self.known, path).next().is_some()
    }

    /// Drops the contacts and known files at or below each of `paths`.
    fn forget(&mut self, paths: &BTreeSet<PathBuf>, changes: &mut Changes) {
        // Only what was read can be in the index: the page's own temp file, gone after each
        // write, must not cost a pass over every contact.
        let paths: BTreeSet<PathBuf> = paths.iter().filter(|p| self.knows(p)).cloned().collect();
        if paths.is_empty() {
            return;
        }
        changes.removed.extend(self.session.index.remove_all(&paths));
        for path in &paths {
            let below: Vec<PathBuf> = known_below(&self.known, path).cloned().collect();
            for known in below {
                self.known.remove(&known);
            }
        }
    }

    fn forget_one(&mut self, path: &Path, changes: &mut Changes) {
        self.forget(&BTreeSet::from([path.to_path_buf()]), changes);
    }

    fn options() -> LoadOptions<'static> {
        LoadOptions { keep: Keep::LEAN, cache_dir: None }
    }

    /// Re-reads one path (relative to the root) that an event named. Returns false when the
    /// path is gone.
    fn refresh(&mut self, relative: &Path, changes: &mut Changes, diagnostics: &mut Vec<Diagnostic>) -> bool {
        let root = &self.session.root;
        let settings = &self.session.settings;
        match PathKind::of(&root.join(relative)) {
            PathKind::Folder => {
                if is_skipped(settings, relative, true) {
                    return true;
                }
                // A folder appeared or moved here: read all of it, drop what is no longer there.
                let listing = walk_below(root, root, relative, settings);
                let present: BTreeSet<PathBuf> = listing.markdown.into_iter().collect();
                let stale = gone_from(relative, &self.known, &present);
                self.forget(&stale, changes);
                for path in &present {
                    self.read(path, changes, diagnostics);
                }
            }
            PathKind::Other => {
                // A file or a symlink, perhaps where a folder was: what was below is gone (the
                // walk of a fresh `index` does not follow a symlinked folder either).
                if known_below(&self.known, relative).any(|k| k != relative) {
                    self.forget_one(relative, changes);
                }
                if is_markdown(relative) && !is_skipped(&self.session.settings, relative, false) {
                    self.read(relative, changes, diagnostics);
                }
            }
            // Gone: a deleted or renamed file or folder.
            PathKind::Missing => {
                self.forget_one(relative, changes);
                return false;
            }
        }
        true
    }

    fn read(&mut self, relative: &Path, changes: &mut Changes, diagnostics: &mut Vec<Diagnostic>) {
        self.known.insert(relative.to_path_buf());
        let options = Self::options();
        let session = &mut self.session;
        match read_one(&session.root, &session.settings, relative, options) {
            FileOutcome::Contact(mut contact, warnings) => {
                diagnostics.extend(warnings);
                crate::contact::account::inherit_owner(&mut contact, &session.account_notes.notes);
                match session.index.upsert(*contact) {
                    Upserted::Added => changes.added.push(relative.to_path_buf()),
                    Upserted::Modified => changes.modified.push(relative.to_path_buf()),
                    Upserted::Unchanged => {}
                }
            }
            FileOutcome::Note(touch, account) => {
                // A dated note that names people, or an account note: the index and the
                // accounts depend on them, read it all again.
                self.touches_changed |= touch.is_some() || account.is_some();
                changes.removed.extend(session.index.remove(relative));
            }
            // A half-saved file: report it and keep the last good version until the next save.
            FileOutcome::Broken(diagnostic) => diagnostics.push(diagnostic),
        }
    }

    /// Where the removals and renames of a batch may have left contacts behind (see `plan`).
    /// `affected` holds each path with what its events said and whether anything was known
    /// at or below it before the batch was handled.
    fn plan(&self, affected: &BTreeMap<PathBuf, (Touched, bool)>) -> Plan {
        let root = &self.session.root;
        let settings = &self.session.settings;
        let found: Vec<Affected> = affected
            .iter()
            .map(|(path, &(touched, known))| {
                let parent = path.parent().unwrap_or(Path::new(""));
                let folder = real_folder(root, parent, settings);
                let present = folder == parent && exists(&root.join(path));
                let skipped_parent = is_skipped(settings, parent, true);
                let candidate = is_markdown(path) && !is_skipped(settings, path, false);
                Affected {
                    path: path.clone(),
                    touched,
                    known,
                    gone: !present,
                    folder,
                    skipped_parent,
                    candidate,
                }
            })
            .collect();
        plan(&found)
    }

    /// Re-lists what `plan` names: drops what is gone, reads candidate files never seen.
    fn reconcile(&mut self, plan: &Plan, changes: &mut Changes, diagnostics: &mut Vec<Diagnostic>) {
        let root = &self.session.root;
        let settings = &self.session.settings;
        let (stale, unseen) = if plan.whole_vault {
            let listing = walk_below(root, root, Path::new(""), settings);
            let present: BTreeSet<PathBuf> = listing.markdown.into_iter().collect();
            let stale = gone_from(Path::new(""), &self.known, &present);
            let unseen: Vec<PathBuf> = present.into_iter().filter(|p| !self.known.contains(p)).collect();
            (stale, unseen)
        } else {
            let mut stale = BTreeSet::new();
            let mut unseen = Vec::new();
            for folder in &plan.folders {
                // Unreadable now (removed a moment ago, or its permissions changed): its own
                // events come next, and are handled then.
                let Ok(entries) = list_folder(root, folder, settings) else { continue };
                stale.extend(gone_below(folder, &self.known, &entries));
                unseen.extend(entries.files.into_iter().filter(|p| !self.known.contains(p)));
            }
            (stale, unseen)
        };
        self.forget(&stale, changes);
        for path in &unseen {
            self.read(path, changes, diagnostics);
        }
    }
}
