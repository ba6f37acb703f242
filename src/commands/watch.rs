//! `watch`: keep the index page current. Watches the vault recursively (debounced), re-reads
//! only the files that changed into the in-memory index, and rewrites the page when its content
//! changes. Its own writes change nothing, so they cause no further regeneration.
//!
//! Removals and renames are reconciled, not trusted: the debouncer folds `mv a.md a.bak; rm
//! a.bak` into "a.bak removed" and never names `a.md` again, so after a batch with any removal
//! or rename watch re-lists the folders it touched (the whole vault when the removal cannot be
//! placed) and drops the contacts that are gone. A removed page is rewritten at once. A vault
//! folder that is moved or deleted stops watch (exit 2) instead of being re-created.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use notify::event::{ModifyKind, RemoveKind};
use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer_opt, DebounceEventResult, RecommendedCache};

use super::{print_diagnostics, Io};
use crate::config::{current_day, until_next_day, Config};
use crate::error::{Diagnostic, Error, Result};
use crate::exit::Exit;
use crate::index::{Index, Upserted};
use crate::vault::walk::{is_markdown, is_skipped, walk_below};
use crate::vault::{read_one, settings, FileOutcome, LoadOptions, Settings, Vault};
use crate::write::atomic::WriteOutcome;
use crate::write::{Edits, Writer};

enum Message {
    Changes(DebounceEventResult),
    Stop,
}

/// What one batch of events did to the index.
#[derive(Default)]
struct Changes {
    added: Vec<PathBuf>,
    modified: Vec<PathBuf>,
    removed: Vec<PathBuf>,
    reloaded: bool,
    /// The page was gone (deleted, renamed away): it is written even if its text is the same.
    page_was_gone: bool,
}

struct Live {
    root: PathBuf,
    vault: Vault,
    index: Index,
    /// Every candidate file read so far, relative to the root: contacts, notes and broken
    /// files. Reconciling compares a fresh listing with this, so that a folder of notes is not
    /// re-read (and a broken file not reported again) each time a file beside it is renamed.
    known: BTreeSet<PathBuf>,
}

impl Live {
    fn load(config: &Config, today: NaiveDate) -> Result<(Live, Vec<Diagnostic>)> {
        let options =
            LoadOptions { today, keep: crate::contact::Keep::LEAN, cache_dir: config.cache_dir.as_deref() };
        let mut vault = Vault::load(&config.root, options)?;
        let diagnostics = std::mem::take(&mut vault.diagnostics);
        // Notes and broken files are among `other_files`, with the attachments.
        let known = vault
            .contacts
            .iter()
            .map(|c| c.path.clone())
            .chain(vault.other_files.iter().filter(|p| is_markdown(p)).cloned())
            .collect();
        let contacts = std::mem::take(&mut vault.contacts);
        let index = Index::new(contacts, &vault.other_files, vault.settings.cadence.clone(), today);
        Ok((Live { root: config.root.clone(), vault, index, known }, diagnostics))
    }

    /// Whether anything read so far is at or below `path`.
    fn knows(&self, path: &Path) -> bool {
        known_below(&self.known, path).next().is_some()
    }

    /// Drops the contacts and known files at or below each of `paths`.
    fn forget(&mut self, paths: &BTreeSet<PathBuf>, changes: &mut Changes) {
        match paths.len() {
            0 => return,
            // One pass over the index either way; this one is the cheaper per contact.
            1 => paths.iter().for_each(|path| changes.removed.extend(self.index.remove(path))),
            _ => changes.removed.extend(self.index.remove_all(paths)),
        }
        for path in paths {
            let below: Vec<PathBuf> = known_below(&self.known, path).cloned().collect();
            for known in below {
                self.known.remove(&known);
            }
        }
    }

    fn forget_one(&mut self, path: &Path, changes: &mut Changes) {
        self.forget(&BTreeSet::from([path.to_path_buf()]), changes);
    }

    fn options(&self) -> LoadOptions<'static> {
        LoadOptions { today: self.index.today, keep: crate::contact::Keep::LEAN, cache_dir: None }
    }

    /// Re-reads one path (relative to the root) that an event named. Returns false when the
    /// path is gone.
    fn refresh(&mut self, relative: &Path, changes: &mut Changes, diagnostics: &mut Vec<Diagnostic>) -> bool {
        let settings = &self.vault.settings;
        let absolute = self.root.join(relative);
        match std::fs::symlink_metadata(&absolute) {
            Ok(meta) if meta.is_dir() => {
                if is_skipped(settings, relative, true) {
                    return true;
                }
                // A folder appeared or moved here: read all of it, drop what is no longer there.
                let listing = walk_below(&self.root, &self.root, relative, settings);
                let present: BTreeSet<PathBuf> = listing.markdown.into_iter().collect();
                let stale = gone_from(relative, &self.known, &present);
                self.forget(&stale, changes);
                for path in &present {
                    self.read(path, changes, diagnostics);
                }
            }
            Ok(_) => {
                // A file or a symlink, perhaps where a folder was: what was below is gone (the
                // walk of a fresh `index` does not follow a symlinked folder either).
                if known_below(&self.known, relative).any(|k| k != relative) {
                    self.forget_one(relative, changes);
                }
                if is_markdown(relative) && !is_skipped(&self.vault.settings, relative, false) {
                    self.read(relative, changes, diagnostics);
                }
            }
            // Gone: a deleted or renamed file or folder.
            Err(_) => {
                self.forget_one(relative, changes);
                return false;
            }
        }
        true
    }

    fn read(&mut self, relative: &Path, changes: &mut Changes, diagnostics: &mut Vec<Diagnostic>) {
        self.known.insert(relative.to_path_buf());
        match read_one(&self.root, &self.vault.settings, relative, self.options()) {
            FileOutcome::Contact(contact, warnings) => {
                diagnostics.extend(warnings);
                match self.index.upsert(*contact) {
                    Upserted::Added => changes.added.push(relative.to_path_buf()),
                    Upserted::Modified => changes.modified.push(relative.to_path_buf()),
                    Upserted::Unchanged => {}
                }
            }
            FileOutcome::Note => changes.removed.extend(self.index.remove(relative)),
            // A half-saved file: report it and keep the last good version until the next save.
            FileOutcome::Broken(diagnostic) => diagnostics.push(diagnostic),
        }
    }

    /// Where the removals and renames of a batch may have left contacts behind (see `plan`).
    /// `affected` holds each path with what its events said and whether anything was known
    /// at or below it before the batch was handled.
    fn plan(&self, affected: &BTreeMap<PathBuf, (Touched, bool)>) -> Plan {
        let settings = &self.vault.settings;
        let found: Vec<Affected> = affected
            .iter()
            .map(|(path, &(touched, known))| {
                let parent = path.parent().unwrap_or(Path::new(""));
                let folder = real_folder(&self.root, parent, settings);
                let present = folder == parent && std::fs::symlink_metadata(self.root.join(path)).is_ok();
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
        let settings = &self.vault.settings;
        let (stale, unseen) = if plan.whole_vault {
            let listing = walk_below(&self.root, &self.root, Path::new(""), settings);
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
                let Ok(entries) = list_folder(&self.root, folder, settings) else { continue };
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

/// What an event said about a path, from the weakest to the strongest claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Touched {
    /// Renamed from or to this path, or named by another event and no longer there.
    Moved,
    /// Removed, and the event says it was a file.
    RemovedFile,
    /// Removed: a folder, or of an unknown kind.
    Removed,
}

impl Touched {
    fn of(kind: &EventKind) -> Option<Touched> {
        match kind {
            EventKind::Remove(RemoveKind::File) => Some(Touched::RemovedFile),
            EventKind::Remove(_) => Some(Touched::Removed),
            EventKind::Modify(ModifyKind::Name(_)) => Some(Touched::Moved),
            _ => None,
        }
    }
}

/// A path that a removal or rename touched, as found after the batch was handled.
#[derive(Debug)]
struct Affected {
    path: PathBuf,
    touched: Touched,
    /// Whether anything was known at or below it before the batch.
    known: bool,
    /// Not there any more (or no longer inside a real folder of the vault).
    gone: bool,
    /// The deepest real, unskipped folder holding it: its parent, unless the parent is gone,
    /// a symlink, a file or skipped (`.trash`).
    folder: PathBuf,
    /// Its parent is hidden or excluded (`.git`, `.trash`).
    skipped_parent: bool,
    /// A name that watch reads as a possible contact (`*.md`, not skipped).
    candidate: bool,
}

/// What to re-list after a batch with removals or renames.
#[derive(Debug, Default, PartialEq, Eq)]
struct Plan {
    /// Every file of the vault.
    whole_vault: bool,
    /// Only these folders' own entries: the files directly in them, and whether each subfolder
    /// is still a real folder.
    folders: BTreeSet<PathBuf>,
}

/// Decides what to re-list. The debouncer folds a rename and a later remove of the new name
/// into one remove of the new name: the old name, which the index knows, is never reported.
/// It also drops a known file that a rename replaced and a second rename moved on (`mv x b;
/// mv b c` reports only x → c). The lost name is most often in the same folder (a backup name,
/// an editor's save dance, a chain of renames), so each touched path's folder is re-listed,
/// which costs one `read_dir`. A removal that cannot be placed that way may have been moved
/// there from anywhere in the vault just before, and then the whole vault is re-listed: a path
/// that held nothing known and is a folder, or sat in a skipped folder such as `.trash`, or is
/// a candidate file (watch reads every candidate it is told about, so one it never knew was
/// renamed there within the window). Saves (temp files, `~` backups, swap files) and removals
/// of known files never need that.
fn plan(affected: &[Affected]) -> Plan {
    let mut plan = Plan::default();
    for a in affected {
        let in_real_parent = a.path.parent().unwrap_or(Path::new("")) == a.folder;
        let untraceable = a.gone
            && !a.known
            && match a.touched {
                Touched::Removed => true,
                Touched::RemovedFile => !in_real_parent || a.candidate,
                Touched::Moved => false,
            };
        if untraceable {
            return Plan { whole_vault: true, folders: BTreeSet::new() };
        }
        // A rename inside a hidden folder (git's lock files, an editor's state) has its other
        // end named too, and the walk never enters such a folder: nothing to re-list for it.
        if a.touched == Touched::Moved && a.skipped_parent {
            continue;
        }
        plan.folders.insert(a.folder.clone());
    }
    plan
}

/// The known paths at or below `folder`, in order. `Path` orders by components, so they are
/// one range that starts at `folder` itself.
fn known_below<'a>(known: &'a BTreeSet<PathBuf>, folder: &'a Path) -> impl Iterator<Item = &'a PathBuf> + 'a {
    known
        .range::<Path, _>((Bound::Included(folder), Bound::Unbounded))
        .take_while(move |k| k.starts_with(folder))
}

/// The known files below `folder` that a fresh recursive listing of it (`present`) lacks.
fn gone_from(folder: &Path, known: &BTreeSet<PathBuf>, present: &BTreeSet<PathBuf>) -> BTreeSet<PathBuf> {
    known_below(known, folder).filter(|k| !present.contains(*k)).cloned().collect()
}

/// One folder's own entries, as a walk of the vault sees them: candidate files (a symlink to a
/// file counts, as it is read through) and real subfolders (not symlinks), neither skipped.
#[derive(Debug, Default)]
struct Entries {
    files: BTreeSet<PathBuf>,
    folders: BTreeSet<PathBuf>,
}

fn list_folder(root: &Path, folder: &Path, settings: &Settings) -> std::io::Result<Entries> {
    let mut entries = Entries::default();
    for entry in std::fs::read_dir(root.join(folder))? {
        let entry = entry?;
        let relative = folder.join(entry.file_name());
        // The walk skips names that are not UTF-8 (with a diagnostic): so does this.
        if relative.to_str().is_none() {
            continue;
        }
        // Not followed: a symlink to a folder is no folder to the walk.
        let is_dir = entry.file_type()?.is_dir();
        if is_skipped(settings, &relative, is_dir) {
            continue;
        }
        if is_dir {
            entries.folders.insert(relative);
        } else if is_markdown(&relative) {
            entries.files.insert(relative);
        }
    }
    Ok(entries)
}

/// The known paths below `folder` that a fresh listing of the folder itself shows are gone: a
/// file directly in it that is no longer listed, or, as one path, a subfolder that is no longer
/// a real folder (removed, renamed, replaced by a file or a symlink, now skipped). What is
/// inside a subfolder that is still there is left to the events about it.
fn gone_below(folder: &Path, known: &BTreeSet<PathBuf>, entries: &Entries) -> BTreeSet<PathBuf> {
    let mut gone = BTreeSet::new();
    for path in known_below(known, folder) {
        let Ok(inside) = path.strip_prefix(folder) else { continue };
        let mut components = inside.components();
        let Some(first) = components.next() else { continue };
        let child = folder.join(first);
        let present = match components.next() {
            // A file now a folder of the same name: dropping the name would drop what is in
            // the folder too. The folder's own events replace the one with the other.
            None => entries.files.contains(&child) || entries.folders.contains(&child),
            Some(_) => entries.folders.contains(&child),
        };
        if !present {
            gone.insert(child);
        }
    }
    gone
}

/// The deepest folder on the way from the root to `dir` (relative) that a walk of the vault
/// enters: a real folder (not a symlink, not gone) that is not skipped.
fn real_folder(root: &Path, dir: &Path, settings: &Settings) -> PathBuf {
    let mut reached = PathBuf::new();
    for component in dir.components() {
        let next = reached.join(component);
        if is_skipped(settings, &next, true)
            || !std::fs::symlink_metadata(root.join(&next)).is_ok_and(|m| m.is_dir())
        {
            break;
        }
        reached = next;
    }
    reached
}

/// The vault folder as watch found it at the start. Writing the page into a vault that was
/// moved or deleted would re-create the folder at its old path, with a "0 contacts" page:
/// watch checks this before handling each batch and before each write, and stops instead.
struct VaultFolder {
    path: PathBuf,
    identity: Option<Identity>,
}

#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = PathBuf;

/// The folder's device and inode: the same path holding another folder is not the vault.
#[cfg(unix)]
fn identity(path: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().filter(|m| m.is_dir()).map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<Identity> {
    std::fs::canonicalize(path).ok().filter(|p| p.is_dir())
}

impl VaultFolder {
    fn new(path: &Path) -> VaultFolder {
        VaultFolder { path: path.to_path_buf(), identity: identity(path) }
    }

    fn check(&self) -> Result<()> {
        if self.identity.is_some() && identity(&self.path) == self.identity {
            return Ok(());
        }
        Err(Error::usage(format!("{}: the vault folder is gone; watch stopped", self.path.display())))
    }
}

/// The page's bytes for the live index, and where it is.
fn page_text(settings: &Settings, index: &Index) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let page = crate::report::index_page::build(index, settings);
    crate::render::index_page::page(&mut bytes, &page, Path::new(&settings.index))?;
    Ok(bytes)
}

fn page_path(config: &Config, settings: &Settings) -> PathBuf {
    crate::vault::join(&config.root, Path::new(&settings.index))
}

pub fn watch(config: &Config, io: &mut Io<'_>, debounce: Duration) -> Result<Exit> {
    let debounce_ms = u64::try_from(debounce.as_millis()).unwrap_or(u64::MAX);
    let today = if config.today_pinned { config.today } else { current_day() };
    let (mut live, diagnostics) = Live::load(config, today)?;
    if !config.quiet {
        print_diagnostics(io.err, &diagnostics)?;
    }
    let absolute_root = std::fs::canonicalize(&config.root).map_err(|e| Error::io(&config.root, e))?;
    let vault_folder = VaultFolder::new(&config.root);
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    })
    .map_err(|e| Error::usage(format!("cannot install the Ctrl-C handler: {e}")))?;
    // Symlinks not followed, as the walk does not follow them: a symlinked folder's files are
    // not the vault's. (Followed, a link to a folder of the vault would even make inotify
    // report that folder's changes under the link's name.)
    let mut debouncer = new_debouncer_opt::<_, notify::RecommendedWatcher, RecommendedCache>(
        Duration::from_millis(debounce_ms),
        None,
        move |result| {
            let _ = tx.send(Message::Changes(result));
        },
        RecommendedCache::new(),
        notify::Config::default().with_follow_symlinks(false),
    )
    .map_err(|e| Error::usage(format!("cannot watch {}: {e}", config.root.display())))?;
    debouncer
        .watch(&absolute_root, RecursiveMode::Recursive)
        .map_err(|e| Error::usage(format!("cannot watch {}: {e}", config.root.display())))?;

    let mut echo = PageEcho::new(debounce_ms);
    if regenerate(config, io, &vault_folder, &live, &Changes::default(), Instant::now())? {
        echo.written();
    }
    writeln!(io.err, "watching {} (Ctrl-C to stop)", config.root.display())?;
    io.err.flush()?;

    loop {
        let timeout = if config.today_pinned { Duration::from_secs(3600) } else { until_next_day() };
        let timeout =
            echo.due().map_or(timeout, |due| timeout.min(due.saturating_duration_since(Instant::now())));
        let message = match rx.recv_timeout(timeout) {
            Ok(message) => message,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if echo.due().is_some_and(|due| Instant::now() >= due) {
                    let page = page_path(config, &live.vault.settings);
                    if std::fs::symlink_metadata(&page).is_ok() {
                        echo.not_yet();
                    } else {
                        // Removed while the echo was pending, so no event will ever say so.
                        echo.seen();
                        let changes = Changes { page_was_gone: true, ..Changes::default() };
                        if regenerate(config, io, &vault_folder, &live, &changes, Instant::now())? {
                            echo.written();
                        }
                    }
                }
                let day = current_day();
                if !config.today_pinned && day != live.index.today {
                    let started = Instant::now();
                    live.index.set_today(day);
                    if regenerate(config, io, &vault_folder, &live, &Changes::default(), started)? {
                        echo.written();
                    }
                }
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let events = match message {
            Message::Stop => break,
            Message::Changes(Ok(events)) => events,
            Message::Changes(Err(errors)) => {
                for error in errors {
                    writeln!(io.err, "touchbase: watch: {error}")?;
                }
                continue;
            }
        };
        let started = Instant::now();
        let mut paths = BTreeSet::new();
        // The paths that removals and renames named, with the strongest claim made about each.
        let mut touched: BTreeMap<PathBuf, Touched> = BTreeMap::new();
        let mut rescan = false;
        // Drain what else is queued, so a burst becomes one regeneration.
        let mut batches = vec![events];
        let mut stop = false;
        // A burst (a `git checkout`, a sync) arrives as many batches, since the debouncer waits
        // for each file separately: gather batches until none comes for a short while, so the
        // burst becomes one regeneration. Bounded, so that a never-ending stream still updates.
        // Only changes count: readers of the vault (a preview, a poll of INDEX.md) raise access
        // events all the time, and must not hold the regeneration back.
        let quiet = Duration::from_millis((debounce_ms / 4).clamp(10, 50));
        let gather_until = started + Duration::from_secs(5);
        let mut quiet_until = Instant::now() + quiet;
        loop {
            let now = Instant::now();
            if now >= quiet_until || now >= gather_until {
                break;
            }
            let Ok(message) = rx.recv_timeout(quiet_until.min(gather_until) - now) else { break };
            match message {
                Message::Changes(Ok(more)) => {
                    if more.iter().any(|e| !matches!(e.kind, EventKind::Access(_))) {
                        quiet_until = Instant::now() + quiet;
                    }
                    batches.push(more);
                }
                Message::Changes(Err(errors)) => {
                    for error in errors {
                        writeln!(io.err, "touchbase: watch: {error}")?;
                    }
                }
                Message::Stop => {
                    stop = true;
                    break;
                }
            }
        }
        for event in batches.into_iter().flatten() {
            rescan |= event.need_rescan();
            // Reading files raises access events; only changes matter (and reading must not loop).
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            let claim = Touched::of(&event.kind);
            for path in &event.paths {
                if let Ok(relative) = path.strip_prefix(&absolute_root) {
                    paths.insert(relative.to_path_buf());
                    if let Some(claim) = claim {
                        let strongest = touched.entry(relative.to_path_buf()).or_insert(claim);
                        *strongest = (*strongest).max(claim);
                    }
                }
            }
        }
        // Before anything else: a vault that was moved or deleted must not be re-created.
        vault_folder.check()?;
        let mut changes = Changes::default();
        let mut diagnostics = Vec::new();
        if paths.contains(Path::new(&live.vault.settings.index)) {
            echo.seen();
        }
        let settings_changed = paths.contains(Path::new(settings::FILE_NAME));
        if rescan || settings_changed {
            match Live::load(config, live.index.today) {
                Ok((reloaded, found)) => {
                    live = reloaded;
                    diagnostics = found;
                    changes.reloaded = true;
                }
                // A half-saved touchbase.toml: say so and keep the last good state.
                Err(error) => writeln!(io.err, "touchbase: {error}")?,
            }
        } else {
            let page = PathBuf::from(&live.vault.settings.index);
            let page_path = page_path(config, &live.vault.settings);
            let page_exists = std::fs::symlink_metadata(&page_path).is_ok();
            // The page is never a contact, and its own writes raise events (a rename over it):
            // only a page that is gone matters, and it is written below whatever its text.
            changes.page_was_gone = !touched.is_empty() && !page_exists;
            // What was known at or below each path, before handling the batch forgets it.
            let mut affected: BTreeMap<PathBuf, (Touched, bool)> = touched
                .iter()
                .filter(|(path, _)| !(**path == page && page_exists))
                .map(|(path, &claim)| (path.clone(), (claim, live.knows(path))))
                .collect();
            for relative in paths.iter().filter(|p| **p != page) {
                let known = live.knows(relative);
                if !live.refresh(relative, &mut changes, &mut diagnostics) {
                    affected.entry(relative.clone()).or_insert((Touched::Moved, known));
                }
            }
            if !affected.is_empty() {
                let plan = live.plan(&affected);
                live.reconcile(&plan, &mut changes, &mut diagnostics);
            }
        }
        if !config.quiet {
            print_diagnostics(io.err, &diagnostics)?;
        }
        let changed = changes.reloaded
            || changes.page_was_gone
            || !changes.added.is_empty()
            || !changes.modified.is_empty()
            || !changes.removed.is_empty();
        if changed && regenerate(config, io, &vault_folder, &live, &changes, started)? {
            echo.written();
        }
        if stop {
            break;
        }
    }
    writeln!(io.err, "stopped watching {}", config.root.display())?;
    Ok(Exit::Success)
}

/// The events that watch's own write of the page raises. The debouncer drops a file's
/// creation together with its removal when both fall in one window: a page deleted just after
/// watch wrote it raises no event at all. So after each write watch expects an event naming the
/// page, and while none has come it looks at the page now and then, rewriting it if it is gone.
struct PageEcho {
    /// When to look, and how many more times.
    pending: Option<(Instant, u32)>,
    interval: Duration,
}

impl PageEcho {
    /// Looks this many times (two debounce windows and a margin apart) before giving up on an
    /// echo: events can be lost (a queue overflow), and then a look costs one `stat` each.
    const LOOKS: u32 = 10;

    fn new(debounce_ms: u64) -> PageEcho {
        PageEcho { pending: None, interval: Duration::from_millis(debounce_ms.saturating_mul(2) + 50) }
    }

    fn written(&mut self) {
        self.pending = Some((Instant::now() + self.interval, Self::LOOKS));
    }

    fn seen(&mut self) {
        self.pending = None;
    }

    /// The page was there: look again later, unless that was the last look.
    fn not_yet(&mut self) {
        self.pending = match self.pending {
            Some((_, looks)) if looks > 1 => Some((Instant::now() + self.interval, looks - 1)),
            _ => None,
        };
    }

    fn due(&self) -> Option<Instant> {
        self.pending.map(|(at, _)| at)
    }
}

/// Rewrites the page if its content changed (or it is gone) and prints one line about it.
/// Returns whether it wrote the page.
fn regenerate(
    config: &Config,
    io: &mut Io<'_>,
    vault_folder: &VaultFolder,
    live: &Live,
    changes: &Changes,
    started: Instant,
) -> Result<bool> {
    let settings = &live.vault.settings;
    let text = page_text(settings, &live.index)?;
    let path = page_path(config, settings);
    // The write creates missing folders on the way to the page: never the vault itself.
    vault_folder.check()?;
    // A page that is gone is always written: there is nothing to compare it with.
    let written = Writer::new(&config.root)
        .and_then(|mut writer| writer.write_page(Path::new(&settings.index), &text, Edits::Overwrite, false));
    let outcome = match written {
        Ok(outcome) => outcome,
        // Keep watching: the next change may succeed (a full disk, a lock).
        Err(error) => {
            writeln!(io.err, "touchbase: {error}")?;
            return Ok(false);
        }
    };
    let what = match outcome {
        WriteOutcome::Written => "updated",
        WriteOutcome::Unchanged => "unchanged",
    };
    let mut line = format!("{} {what}", path.display());
    if changes.reloaded {
        line.push_str(" (reloaded the vault)");
    } else {
        let mut parts = Vec::new();
        for (sign, list) in [('+', &changes.added), ('~', &changes.modified), ('-', &changes.removed)] {
            if !list.is_empty() {
                parts.push(format!("{sign}{}", list.len()));
            }
        }
        if let Some(first) = changes.added.iter().chain(&changes.modified).chain(&changes.removed).next() {
            parts.push(crate::render::sanitize(&first.to_string_lossy()).into_owned());
        }
        if parts.is_empty() && changes.page_was_gone {
            parts.push("rewrote the removed page".to_string());
        }
        if !parts.is_empty() {
            line.push_str(&format!(" ({})", parts.join(" ")));
        }
    }
    let overdue =
        live.index.entries.iter().filter(|e| e.schedule.status == crate::schedule::Status::Overdue).count();
    line.push_str(&format!(
        ": {} contacts, {overdue} overdue, for {}; {} ms",
        live.index.entries.len(),
        live.index.today,
        started.elapsed().as_millis()
    ));
    writeln!(io.out, "{line}")?;
    io.out.flush()?;
    Ok(outcome == WriteOutcome::Written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> BTreeSet<PathBuf> {
        list.iter().map(PathBuf::from).collect()
    }

    fn affected(path: &str, touched: Touched, known: bool, gone: bool, folder: &str) -> Affected {
        let parent = Path::new(path).parent().unwrap_or(Path::new(""));
        let hidden = |p: &Path| p.iter().any(|c| c.to_string_lossy().starts_with('.'));
        let skipped_parent = hidden(parent);
        let candidate = is_markdown(Path::new(path)) && !hidden(Path::new(path));
        Affected { path: path.into(), touched, known, gone, folder: folder.into(), skipped_parent, candidate }
    }

    fn folders(list: &[&str]) -> Plan {
        Plan { whole_vault: false, folders: paths(list) }
    }

    const VAULT: Plan = Plan { whole_vault: true, folders: BTreeSet::new() };

    #[test]
    fn plan_relists_the_folder_of_a_removal() {
        // `mv a.md a.md.bak && rm a.md.bak`: only the backup's removal is reported.
        let removed = affected("people/a.md.bak", Touched::RemovedFile, false, true, "people");
        assert_eq!(plan(&[removed]), folders(&["people"]));
        // An editor's save: a temp file renamed over the contact.
        let temp = affected("people/.a.md.tmp", Touched::Moved, false, true, "people");
        let saved = affected("people/a.md", Touched::Moved, true, false, "people");
        assert_eq!(plan(&[temp, saved]), folders(&["people"]));
        // A known folder deleted, its files reported after it: the nearest real folder.
        let folder = affected("people", Touched::Removed, true, true, "");
        let file = affected("people/a.md", Touched::RemovedFile, true, true, "");
        assert_eq!(plan(&[folder, file]), folders(&[""]));
    }

    #[test]
    fn plan_relists_the_vault_for_a_removal_it_cannot_place() {
        // `mv work .trash/work && rm -rf .trash/work`: a folder nothing was known in.
        let trashed = affected(".trash/work", Touched::Removed, false, true, "");
        let saved = affected("people/a.md", Touched::Moved, true, false, "people");
        assert_eq!(plan(&[saved, trashed]), VAULT);
        // A file removed from a skipped folder may have been moved there from anywhere.
        assert_eq!(plan(&[affected(".trash/a.md", Touched::RemovedFile, false, true, "")]), VAULT);
        // An unknown file removed from a folder that is gone, too.
        assert_eq!(plan(&[affected("old/photo.jpg", Touched::RemovedFile, false, true, "")]), VAULT);
        // A contact file never seen: `mv people/a.md work/b.md && rm work/b.md`.
        assert_eq!(plan(&[affected("work/b.md", Touched::RemovedFile, false, true, "work")]), VAULT);
        // But not a known folder, nor a path that is still there.
        assert_eq!(plan(&[affected("work", Touched::Removed, true, true, "")]), folders(&[""]));
        assert_eq!(plan(&[affected("work", Touched::Removed, false, false, "")]), folders(&[""]));
    }

    #[test]
    fn plan_ignores_renames_inside_hidden_folders() {
        let lock = affected(".git/index.lock", Touched::Moved, false, true, "");
        let index = affected(".git/index", Touched::Moved, false, false, "");
        assert_eq!(plan(&[lock, index]), Plan::default());
    }

    #[test]
    fn known_below_is_the_folder_and_its_subtree_only() {
        let known = paths(&["a.md", "people", "people/x.md", "people/sub/y.md", "people2/z.md", "people.md"]);
        let below: Vec<_> = known_below(&known, Path::new("people")).collect();
        assert_eq!(below, [Path::new("people"), Path::new("people/sub/y.md"), Path::new("people/x.md")]);
        assert_eq!(known_below(&known, Path::new("")).count(), known.len());
        assert_eq!(known_below(&known, Path::new("nothing")).count(), 0);
    }

    #[test]
    fn gone_below_finds_files_and_subfolders_that_left() {
        let known = paths(&[
            "people/kept.md",
            "people/renamed.md",
            "people/acme/tom.md",
            "people/acme/sub/deep.md",
            "people/linked/x.md",
            "people/now-folder.md",
            "work/other.md",
        ]);
        // `renamed.md` left, `linked` is a symlink now (no folder), `now-folder.md` a folder.
        let entries = Entries {
            files: paths(&["people/kept.md", "people/new.md", "people/linked"]),
            folders: paths(&["people/acme", "people/now-folder.md"]),
        };
        assert_eq!(
            gone_below(Path::new("people"), &known, &entries),
            paths(&["people/linked", "people/renamed.md"])
        );
        // The whole vault's root: `people` and `work` left as folders.
        let root = Entries { files: BTreeSet::new(), folders: BTreeSet::new() };
        assert_eq!(gone_below(Path::new(""), &known, &root), paths(&["people", "work"]));
    }

    #[test]
    fn gone_from_compares_with_a_recursive_listing() {
        let known = paths(&["people/a.md", "people/sub/b.md", "work/c.md"]);
        let present = paths(&["people/a.md", "people/new.md"]);
        assert_eq!(gone_from(Path::new("people"), &known, &present), paths(&["people/sub/b.md"]));
        assert_eq!(gone_from(Path::new(""), &known, &present), paths(&["people/sub/b.md", "work/c.md"]));
    }

    #[cfg(unix)]
    #[test]
    fn real_folder_and_list_folder_see_what_the_walk_sees() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        let outside = dir.path().join("outside");
        for folder in ["people/acme", ".trash/work", "notes"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        std::fs::create_dir_all(&outside).unwrap();
        for file in ["people/a.md", "people/.a.md.swp", "people/photo.jpg", "people/acme/t.md"] {
            std::fs::write(root.join(file), "x").unwrap();
        }
        std::fs::write(root.join("work"), "a file where a folder was").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("people/linked")).unwrap();
        std::os::unix::fs::symlink(root.join("people/a.md"), root.join("people/b.md")).unwrap();
        let settings = Settings::default();
        let real = |dir: &str| real_folder(&root, Path::new(dir), &settings);
        assert_eq!(real("people/acme"), Path::new("people/acme"));
        assert_eq!(real("people/linked/sub"), Path::new("people"));
        assert_eq!(real("work/acme"), Path::new(""));
        assert_eq!(real(".trash/work"), Path::new(""));
        assert_eq!(real("gone/deeper"), Path::new(""));
        let entries = list_folder(&root, Path::new("people"), &settings).unwrap();
        // A symlink to a file is a file; a symlink to a folder is neither file nor folder.
        assert_eq!(entries.files, paths(&["people/a.md", "people/b.md"]));
        assert_eq!(entries.folders, paths(&["people/acme"]));
        let top = list_folder(&root, Path::new(""), &settings).unwrap();
        assert_eq!(top.folders, paths(&["notes", "people"]));
        assert!(list_folder(&root, Path::new("gone"), &settings).is_err());
    }

    #[test]
    fn vault_folder_check_notices_a_moved_or_replaced_vault() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("vault");
        std::fs::create_dir(&root).unwrap();
        let folder = VaultFolder::new(&root);
        assert!(folder.check().is_ok());
        std::fs::rename(&root, dir.path().join("moved")).unwrap();
        let error = folder.check().unwrap_err().to_string();
        assert!(error.ends_with("vault: the vault folder is gone; watch stopped"), "{error}");
        // Another folder at the same path is not the vault either (unix: another inode).
        std::fs::create_dir(&root).unwrap();
        #[cfg(unix)]
        assert!(folder.check().is_err());
    }

    #[test]
    fn page_echo_looks_until_the_echo_or_the_last_look() {
        let mut echo = PageEcho::new(100);
        assert_eq!(echo.due(), None);
        echo.written();
        for _ in 1..PageEcho::LOOKS {
            assert!(echo.due().is_some());
            echo.not_yet();
        }
        assert!(echo.due().is_some());
        echo.not_yet();
        assert_eq!(echo.due(), None);
        echo.written();
        echo.seen();
        assert_eq!(echo.due(), None);
    }
}
