//! Stage 1: the only module that reads the vault. Finds the files, reads each one (in
//! parallel), hands its text to the contact parser, and gathers contacts and diagnostics.
//! `names` makes the file names touchbase writes, so that the walker reads every one back.

pub(crate) mod at_commit;
pub(crate) mod cache;
pub(crate) mod explain;
pub(crate) mod git;
pub(crate) mod layout;
pub(crate) mod names;
pub(crate) mod private;
pub(crate) mod session;
pub(crate) mod settings;
pub(crate) mod user_config;
pub(crate) mod walk;
pub(crate) mod watch_fs;

use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::contact::{self, Contact, Keep, ParseOptions, Parsed};
use crate::error::{Diagnostic, Error, Position, Result};
use crate::schedule;
pub(crate) use session::Session;
pub(crate) use settings::Settings;

use crate::vault_path::VaultPath;

/// Files larger than this are reported and skipped: no contact note is this big, and reading
/// one would cost memory and time for every command.
pub(crate) const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug)]
pub(crate) struct Vault {
    /// The root as the user gave it (output paths are joined onto it).
    pub root: PathBuf,
    pub settings: Settings,
    /// Sorted by path. Boxed so that building the index moves pointers, not whole contacts.
    pub contacts: Vec<Box<Contact>>,
    /// Markdown files without front matter and other files, relative to the root.
    pub other_files: Vec<PathBuf>,
    /// Sorted by path, then position.
    pub diagnostics: Vec<Diagnostic>,
    /// What each contact kept (`LoadOptions::keep`).
    pub keep: Keep,
    /// The touches of dated notes (meeting and daily notes that name people), by note path.
    pub touches: Vec<(PathBuf, crate::contact::touch::NoteTouch)>,
    /// The notes that say they are account notes (marked, account keys, check-up headings),
    /// sorted by path.
    pub account_notes: Vec<crate::contact::account::AccountNote>,
}

/// How to load a vault. No day: a parse holds for every `--today` (see `summaries_for`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct LoadOptions<'a> {
    /// What each contact keeps in memory beyond its schedule.
    pub keep: Keep,
    /// Where parsed files are cached (lean loads only); `None` for no cache.
    pub cache_dir: Option<&'a Path>,
}

/// What one file turned out to be.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) enum FileOutcome {
    Contact(Box<Contact>, Vec<Diagnostic>),
    /// A note, with its touch when it is a dated note that names people, and its account
    /// note's values when it is one.
    Note(Option<Box<crate::contact::touch::NoteTouch>>, Option<Box<crate::contact::account::AccountNote>>),
    Broken(Diagnostic),
}

impl Vault {
    pub(crate) fn load(root: &Path, options: LoadOptions) -> Result<Vault> {
        let meta = std::fs::metadata(root).map_err(|e| Error::io(root, e))?;
        if !meta.is_dir() {
            return Err(Error::usage(format!("{}: not a directory", root.display())));
        }
        let settings = Settings::load(root)?;
        // A load that keeps less than `LEAN` only by the profile still reads and writes the
        // cache, and parses as `LEAN`: what is cached must serve every lean command.
        let cache_file = match options.cache_dir {
            Some(dir) if Keep { profile: true, ..options.keep } == Keep::LEAN => cache::file_for(dir, root),
            _ => None,
        };
        let parse = if cache_file.is_some() { LoadOptions { keep: Keep::LEAN, ..options } } else { options };
        let key = cache_key(root);
        // The walk waits on the file system, the cache's decoding on the processor: side by side.
        let (listing, cache) = rayon::join(
            || walk::walk(root, root, &settings),
            || cache_file.as_deref().and_then(|file| cache::Cache::open(file, key)),
        );
        let loaded: Vec<(PathBuf, Option<cache::Stamp>, Loaded)> = listing
            .markdown
            .into_par_iter()
            .enumerate()
            .map(|(place, relative)| {
                // The stamp is for the cache only: without one, no `stat` beyond the read's own.
                let stamp = cache_file
                    .as_ref()
                    .and_then(|_| std::fs::metadata(root.join(&relative)).ok())
                    .and_then(|m| cache::Stamp::of(&m));
                let hit = match (&cache, stamp) {
                    (Some(cache), Some(stamp)) => cache.lookup(place, &relative, stamp),
                    _ => None,
                };
                let loaded = match hit {
                    Some(i) => Loaded::Cached(i),
                    None => Loaded::Read(read_one(root, &settings, &relative, parse)),
                };
                (relative, stamp, loaded)
            })
            .collect();
        let mut cache = cache;
        let misses = loaded.iter().filter(|(_, _, l)| matches!(l, Loaded::Read(_))).count();
        let outcomes: Vec<(PathBuf, Option<cache::Stamp>, FileOutcome)> = loaded
            .into_iter()
            .filter_map(|(relative, stamp, loaded)| {
                let outcome = match loaded {
                    Loaded::Read(outcome) => outcome,
                    Loaded::Cached(i) => cache.as_mut().and_then(|c| c.take(i))?,
                };
                Some((relative, stamp, outcome))
            })
            .collect();
        let stale = cache.as_ref().is_none_or(|c| misses > 0 || c.len() != outcomes.len());
        if let (Some(file), true) = (&cache_file, stale) {
            let records: Vec<cache::RecordRef<'_>> = outcomes
                .iter()
                .filter_map(|(path, stamp, outcome)| {
                    Some(cache::RecordRef { path, stamp: (*stamp)?, outcome })
                })
                .collect();
            cache::store(file, key, &records);
        }
        let mut vault = Vault {
            root: root.to_path_buf(),
            settings,
            contacts: Vec::with_capacity(outcomes.len()),
            other_files: listing.other,
            diagnostics: listing.diagnostics,
            keep: options.keep,
            touches: Vec::new(),
            account_notes: Vec::new(),
        };
        for (relative, _, outcome) in outcomes {
            match outcome {
                FileOutcome::Contact(contact, warnings) => {
                    vault.contacts.push(contact);
                    vault.diagnostics.extend(warnings);
                }
                FileOutcome::Note(touch, account) => {
                    if let Some(touch) = touch {
                        vault.touches.push((relative.clone(), *touch));
                    }
                    if let Some(account) = account {
                        let shown = VaultPath::new(&relative).join(root);
                        for (key, message) in &account.problems {
                            vault.diagnostics.push(Diagnostic::warning(
                                &shown,
                                None,
                                format!("{key}: {message}"),
                            ));
                        }
                        vault.account_notes.push(*account);
                    }
                    vault.other_files.push(relative);
                }
                FileOutcome::Broken(diagnostic) => {
                    vault.diagnostics.push(diagnostic);
                    // Still a file that links may name.
                    vault.other_files.push(relative);
                }
            }
        }
        vault.other_files.sort();
        vault.diagnostics.sort();
        Ok(vault)
    }

    /// Reads again the contacts whose kept summaries do not reach back far enough for `today`.
    /// Parsing knows no day, so a contact keeps the summaries of its newest interactions only
    /// (`Keep::interactions`); a contact with several planned touchpoints, or a `--today` before
    /// its latest entries, needs older ones: for `today`, every planned touchpoint's and the
    /// latest past ones' (`schedule::interactions_for`). Those few files are parsed again, every
    /// summary kept, and the contact keeps what the day needs. A file that changed since the
    /// load (other interactions) is left as it was loaded: the next run reads it anew.
    pub(crate) fn summaries_for(&mut self, today: NaiveDate) {
        let past = self.keep.interactions;
        let options = LoadOptions { keep: Keep { interactions: usize::MAX, ..self.keep }, cache_dir: None };
        let (root, settings) = (&self.root, &self.settings);
        self.contacts.par_iter_mut().filter(|c| !schedule::summaries_cover(c, today, past)).for_each(
            |contact| {
                if let FileOutcome::Contact(fresh, _) = read_one(root, settings, &contact.path, options) {
                    if fresh.dated == contact.dated {
                        let needed = schedule::summaries_needed(&fresh, today, past);
                        contact.summaries = fresh.summaries.iter().take(needed).cloned().collect();
                    }
                }
            },
        );
    }
}

/// A file of the vault as the user should see it ([`VaultPath::join`]); kept for the callers in
/// `commands/` and `render/rows.rs` until they name `VaultPath` themselves.
pub(crate) fn join(root: &Path, relative: &Path) -> PathBuf {
    VaultPath::new(relative).join(root)
}

enum Loaded {
    Read(FileOutcome),
    Cached(usize),
}

/// What parsing depends on besides the files: the settings file and the root as shown.
fn cache_key(root: &Path) -> u64 {
    let mut key = read_regular(&root.join(settings::FILE_NAME)).unwrap_or_default();
    // Obsidian's templates and daily-notes folders decide which files are contacts too.
    for file in [settings::OBSIDIAN_TEMPLATES, settings::OBSIDIAN_DAILY_NOTES] {
        key.push(0);
        key.extend(read_regular(&root.join(file)).unwrap_or_default());
    }
    key.push(0);
    key.extend_from_slice(root.to_string_lossy().as_bytes());
    crate::hash::fnv1a_64(&key)
}

/// Reads a file that is not a contact (the settings, a page touchbase writes), refusing anything
/// but a regular file: a FIFO would block forever and a device such as `/dev/zero` never ends.
pub(crate) fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a regular file"));
    }
    std::fs::read(path)
}

/// An existing contact's file, read for an edit planned ahead (an import's merge): refuses a
/// symlink, a file whose real place is outside the vault, and text that is not UTF-8.
pub(crate) fn read_for_edit(root: &Path, relative: &Path) -> std::result::Result<(Vec<u8>, String), String> {
    let path = root.join(relative);
    let meta = std::fs::symlink_metadata(&path).map_err(|e| e.to_string())?;
    if meta.file_type().is_symlink() {
        return Err("it is a symlink".into());
    }
    let real_root = std::fs::canonicalize(root).map_err(|e| e.to_string())?;
    if !std::fs::canonicalize(&path).map_err(|e| e.to_string())?.starts_with(real_root) {
        return Err("it is outside the vault".into());
    }
    let bytes = read_regular(&path).map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes.clone()).map_err(|_| "it is not valid UTF-8".to_string())?;
    Ok((bytes, text))
}

/// The vault's own template `templates/{name}.md` (`contact`, `mackay`) and its path; `None`
/// when there is none.
pub(crate) fn read_template(root: &Path, name: &str) -> Result<(PathBuf, Option<String>)> {
    let path = root.join(TEMPLATES).join(format!("{name}.md"));
    // Not `fs::read_to_string`: a FIFO in the template's place would hang `new`.
    let text = match read_regular(&path).map(String::from_utf8) {
        Ok(Ok(text)) => Some(text),
        Ok(Err(_)) => return Err(Error::usage(format!("{}: not valid UTF-8 text", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(path, e)),
    };
    Ok((path, text))
}

/// The folder of the vault's own templates for `new` (`contact.md`, `mackay.md`).
pub(crate) const TEMPLATES: &str = "templates";

/// The boxes ticked on a saved outreach list (relative to the root); `None` when there is none.
/// A `[[wiki link]]` names the contact the index resolves it to.
pub(crate) fn saved_ticks(
    root: &Path,
    relative: &Path,
    index: &crate::index::Index,
) -> Option<Vec<crate::contact::ticks::Tick>> {
    let wiki = |target: &str| {
        let first = index.resolve_link(target).into_iter().next()?;
        Some(index.entries.get(first)?.contact.path.clone())
    };
    match OnDisk::read(&join(root, relative)) {
        OnDisk::File(bytes) => {
            Some(crate::contact::ticks::ticked(&String::from_utf8_lossy(&bytes), relative, &wiki))
        }
        _ => None,
    }
}

/// Folders below `root` (a few levels down, hidden ones skipped) that hold a `touchbase.toml`
/// of their own: vaults that a walk from `root` would read as one with it. At most five.
pub(crate) fn nested_vaults(root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(root)
        .min_depth(2)
        .max_depth(4)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_type().is_file() && e.file_name() == settings::FILE_NAME)
        .filter_map(|e| e.path().parent().and_then(|p| p.strip_prefix(root).ok()).map(Path::to_path_buf))
        .take(5)
        .collect()
}

/// What is wrong with a vault folder (`does not exist`, `is not a folder`), if anything.
pub(crate) fn root_problem(root: &Path) -> Option<String> {
    match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => None,
        Ok(_) => Some("is not a folder".to_string()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some("does not exist".to_string()),
        Err(e) => Some(format!("cannot be read: {e}")),
    }
}

/// Whether anything (a file, a folder, a dangling link) is at `relative`.
pub(crate) fn exists(root: &Path, relative: &Path) -> bool {
    std::fs::symlink_metadata(root.join(relative)).is_ok()
}

/// A file to import from (anywhere, not only in the vault), read whole.
pub(crate) fn read_input(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::io(path, e))
}

/// What is at a path touchbase generates (the index page), read without hanging on a FIFO.
#[derive(Debug)]
pub(crate) enum OnDisk {
    File(Vec<u8>),
    /// Something that is not a regular file: a folder, a FIFO, a device, a dangling link.
    NotRegular,
    Missing,
}

impl OnDisk {
    pub(crate) fn read(path: &Path) -> OnDisk {
        match read_regular(path) {
            Ok(bytes) => OnDisk::File(bytes),
            Err(_) if std::fs::symlink_metadata(path).is_ok() => OnDisk::NotRegular,
            Err(_) => OnDisk::Missing,
        }
    }
}

/// Reads and parses one file, relative to `root`. Never panics and never blocks on a FIFO.
pub(crate) fn read_one(
    root: &Path,
    settings: &Settings,
    relative: &Path,
    options: LoadOptions,
) -> FileOutcome {
    let display = VaultPath::new(relative).join(root);
    // A name with a control character (a newline, an escape sequence) can be printed safely
    // nowhere: not in a table, a path list or a diagnostic. Report it, made printable, and skip it.
    if let std::borrow::Cow::Owned(printable) = crate::text::sanitize(&relative.to_string_lossy()) {
        let message = "file name has control or bidirectional-override characters; rename it; skipped";
        return FileOutcome::Broken(Diagnostic::new(
            VaultPath::new(Path::new(&printable)).join(root),
            None,
            message,
        ));
    }
    let broken = |message: String| FileOutcome::Broken(Diagnostic::new(&display, None, message));
    let text = match read_text(&display) {
        Ok(text) => text,
        Err(ReadError::Message(message)) => return broken(message),
        Err(ReadError::Utf8(position)) => {
            return FileOutcome::Broken(Diagnostic::new(&display, Some(position), "not valid UTF-8 text"))
        }
    };
    // Valid UTF-8 can still be binary (a file of zeros, as a crash can leave behind).
    if let Some(nul) = text.find('\0') {
        let before = &text[..nul];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let position = Position {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        };
        return FileOutcome::Broken(Diagnostic::new(
            &display,
            Some(position),
            "binary content (a NUL byte); skipped",
        ));
    }
    let parse_options = ParseOptions { fields: &settings.fields, keep: options.keep, kinds: &settings.kinds };
    match contact::parse(relative, &display, &text, &parse_options) {
        Ok(Parsed::Contact(contact, warnings)) => FileOutcome::Contact(contact, warnings),
        Ok(Parsed::Note(touch, account)) => FileOutcome::Note(touch, account),
        Err(diagnostic) => FileOutcome::Broken(diagnostic),
    }
}

enum ReadError {
    Message(String),
    Utf8(Position),
}

fn read_text(path: &Path) -> std::result::Result<String, ReadError> {
    // `metadata` follows a symlink: a link to a regular file is read like the file.
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Message(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(ReadError::Message("not a regular file; skipped".to_string()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::Message(format!(
            "file is {} MiB, larger than the {} MiB limit for a contact; skipped",
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    let file = std::fs::File::open(path).map_err(|e| ReadError::Message(format!("cannot read: {e}")))?;
    // The limit again, in case the file grew since `metadata`.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Message(format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
        ReadError::Utf8(Position { line, column })
    })
}

#[cfg(test)]
mod tests;
