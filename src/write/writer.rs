//! The one door through which touchbase changes the vault. Every write:
//! - resolves its whole path and refuses (exit 2) when a component is a link that leaves the
//!   vault, or when the path climbs out of it (`..`, an absolute path);
//! - takes the folder's advisory lock (`flock` on the folder), waiting a few seconds at most, so
//!   that two touchbase processes never interleave a read-modify-write of the same file;
//! - re-reads the file under the lock and again just before the rename, so that a change made
//!   meanwhile (an editor's save, which takes no lock) is never overwritten: an edit is re-applied
//!   to the new bytes, a replacement is refused;
//! - replaces only pages touchbase generated itself, never the settings file or a note;
//! - removes temp files that a killed writer left in that folder (any live writer holds the lock).

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};

use super::atomic::{self, WriteOutcome};
use crate::error::{Error, Result};

/// How long a writer waits for another touchbase process to finish with a folder.
const LOCK_TIMEOUT: Duration = Duration::from_secs(5);
/// How often an edit is re-applied when the file keeps changing under it.
const ATTEMPTS: usize = 5;

/// What [`Writer::update`] did: the text it found and the text it left.
pub(crate) struct Updated {
    pub before: String,
    pub after: String,
    pub outcome: WriteOutcome,
}

/// Whether an existing generated page that differs from the new one may be replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edits {
    /// The index page: edits to it are overwritten, as its header says.
    Overwrite,
    /// The outreach list: ticked boxes and notes are kept unless `--force`.
    Keep,
}

/// Writes into one vault. Commands make one and send every write through it.
pub(crate) struct Writer {
    /// The root as the user gave it, for messages.
    root: PathBuf,
    /// The root with every link resolved, for the inside-the-vault checks.
    real_root: PathBuf,
    /// Folders already cleared of stale temp files by this process.
    cleaned: HashSet<PathBuf>,
    warnings: Vec<String>,
}

impl Writer {
    pub(crate) fn new(root: &Path) -> Result<Writer> {
        let real_root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        Ok(Writer { root: root.to_path_buf(), real_root, cleaned: HashSet::new(), warnings: Vec::new() })
    }

    /// Things the user should know about writes that went ahead (a hard link left behind).
    pub(crate) fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// The path of `relative` as shown to the user.
    #[must_use]
    pub(crate) fn display(&self, relative: &Path) -> PathBuf {
        crate::vault_path::VaultPath::new(relative).join(&self.root)
    }

    /// Checks that a folder (relative to the root) may receive new files, without creating it.
    pub(crate) fn check_folder(&self, relative: &Path) -> Result<()> {
        self.check_components(relative, false).map(|_| ())
    }

    /// Checks that an existing file may be changed (by an editor): inside the vault, no link.
    pub(crate) fn check_file(&self, relative: &Path) -> Result<PathBuf> {
        let path = self.check_components(relative, true)?;
        atomic::existing(&path)?;
        Ok(path)
    }

    /// Creates a new file; refuses when anything exists at the path.
    pub(crate) fn create(&mut self, relative: &Path, bytes: &[u8]) -> Result<()> {
        let path = self.resolve(relative)?;
        let _lock = self.lock(&path)?;
        if atomic::existing(&path)?.is_some() {
            return Err(Error::Refused(format!(
                "{}: already exists; refusing to overwrite it",
                path.display()
            )));
        }
        let temp = atomic::temp_file(&path, bytes, None)?;
        atomic::persist_new(temp, &path)
    }

    /// Replaces a file that must still hold `expected`; refuses when it does not.
    pub(crate) fn replace(&mut self, relative: &Path, expected: &[u8], bytes: &[u8]) -> Result<WriteOutcome> {
        if expected == bytes {
            return Ok(WriteOutcome::Unchanged);
        }
        let path = self.resolve(relative)?;
        let _lock = self.lock(&path)?;
        let changed = || {
            Error::Refused(format!(
                "{}: the file changed on disk while touchbase was working on it; nothing was written to it",
                path.display()
            ))
        };
        let existing = atomic::existing(&path)?.ok_or_else(changed)?;
        if read(&path)? != expected {
            return Err(changed());
        }
        let temp = atomic::temp_file(&path, bytes, Some(&existing))?;
        if !atomic::persist_if_unchanged(temp, &path, expected)? {
            return Err(changed());
        }
        self.note_links(&path, existing.other_links);
        Ok(WriteOutcome::Written)
    }

    /// Applies `edit` to the file's current text and writes the result. When the file changes
    /// between the read and the rename, the edit is applied again to the new text.
    pub(crate) fn update(
        &mut self,
        relative: &Path,
        mut edit: impl FnMut(&str) -> Result<String>,
    ) -> Result<Updated> {
        let path = self.resolve(relative)?;
        let _lock = self.lock(&path)?;
        for _ in 0..ATTEMPTS {
            let existing = atomic::existing(&path)?
                .ok_or_else(|| Error::io(&path, std::io::ErrorKind::NotFound.into()))?;
            let original = read(&path)?;
            let before = String::from_utf8(original).map_err(|_| {
                Error::Refused(format!("{}: not valid UTF-8; refusing to edit", path.display()))
            })?;
            let after = edit(&before)?;
            if after == before {
                return Ok(Updated { before, after, outcome: WriteOutcome::Unchanged });
            }
            let temp = atomic::temp_file(&path, after.as_bytes(), Some(&existing))?;
            // The lock keeps other touchbase processes out, but an editor takes no lock: the
            // rename happens only if the file still holds what was read, else start again
            // from the editor's bytes.
            if !atomic::persist_if_unchanged(temp, &path, before.as_bytes())? {
                continue;
            }
            self.note_links(&path, existing.other_links);
            return Ok(Updated { before, after, outcome: WriteOutcome::Written });
        }
        Err(Error::Refused(format!(
            "{}: the file kept changing while touchbase was editing it; nothing was written, try again",
            path.display()
        )))
    }

    /// Writes a generated page (the index page, an outreach list) unless it already holds
    /// exactly `bytes`. Replaces only a page touchbase generated (`--force` overrides that, and
    /// [`Edits::Keep`]); never the settings file, and never a note with front matter.
    pub(crate) fn write_page(
        &mut self,
        relative: &Path,
        bytes: &[u8],
        edits: Edits,
        force: bool,
    ) -> Result<WriteOutcome> {
        let path = self.resolve(relative)?;
        self.refuse_settings(relative, &path)?;
        let _lock = self.lock(&path)?;
        let Some(existing) = atomic::existing(&path)? else {
            let temp = atomic::temp_file(&path, bytes, None)?;
            atomic::persist_new(temp, &path)?;
            return Ok(WriteOutcome::Written);
        };
        let current = read(&path)?;
        if current == bytes {
            return Ok(WriteOutcome::Unchanged);
        }
        if has_front_matter(&current) {
            return Err(Error::Refused(format!(
                "{}: is a note with front matter, not a page touchbase generated; it is never replaced \
                 (choose another path for the page in touchbase.toml)",
                path.display()
            )));
        }
        if !force && !is_generated(&current) {
            return Err(Error::Refused(format!(
                "{}: was not generated by touchbase; refusing to replace it (move it away, or pass --force)",
                path.display()
            )));
        }
        if !force && edits == Edits::Keep {
            return Err(Error::Refused(format!(
                "{}: exists and differs from what touchbase would write (ticked boxes or notes?); \
                 keep it, or replace it with --write --force",
                path.display()
            )));
        }
        let temp = atomic::temp_file(&path, bytes, Some(&existing))?;
        if !atomic::persist_if_unchanged(temp, &path, &current)? {
            return Err(Error::Refused(format!(
                "{}: changed on disk while touchbase was writing it; nothing was written, try again",
                path.display()
            )));
        }
        self.note_links(&path, existing.other_links);
        Ok(WriteOutcome::Written)
    }

    /// The path to write `relative` at, its folders created, every part of it inside the vault.
    fn resolve(&self, relative: &Path) -> Result<PathBuf> {
        let path = self.check_components(relative, true)?;
        let dir = atomic::parent(&path);
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        // Judged again now that the folders exist: a link swapped in meanwhile is caught here.
        let real = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
        if !real.starts_with(&self.real_root) {
            return Err(Error::Outside(format!(
                "{}: leads outside the vault (to {}); refusing to write there",
                dir.display(),
                real.display()
            )));
        }
        Ok(path)
    }

    /// Walks `relative` one component at a time from the root: each must be a plain name, and
    /// each that exists must not be a link out of the vault. With `file`, the last component is
    /// the file itself, which must not be a link at all.
    fn check_components(&self, relative: &Path, file: bool) -> Result<PathBuf> {
        let shown = self.display(relative);
        let parts: Vec<&std::ffi::OsStr> = relative
            .components()
            .filter(|c| !matches!(c, Component::CurDir))
            .map(|c| match c {
                Component::Normal(part) => Ok(part),
                _ => Err(Error::Outside(format!(
                    "{}: is not a path inside the vault; refusing to write there",
                    relative.display()
                ))),
            })
            .collect::<Result<_>>()?;
        if file && parts.is_empty() {
            return Err(Error::usage(format!("{}: not a file name", relative.display())));
        }
        let mut current = self.root.clone();
        let mut shown_part = PathBuf::new();
        for (i, part) in parts.iter().enumerate() {
            current.push(part);
            shown_part.push(part);
            let last = file && i + 1 == parts.len();
            let meta = match std::fs::symlink_metadata(&current) {
                Ok(meta) => meta,
                // The rest does not exist yet and is created as real folders.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => break,
                Err(e) => return Err(Error::io(self.display(&shown_part), e)),
            };
            if meta.file_type().is_symlink() {
                if last {
                    // The file itself: checked (and refused) by `atomic::existing`.
                    break;
                }
                let target = std::fs::canonicalize(&current);
                if !target.as_ref().is_ok_and(|t| t.starts_with(&self.real_root)) {
                    let to = match target {
                        Ok(t) => t.display().to_string(),
                        Err(_) => "nowhere".to_string(),
                    };
                    return Err(Error::Outside(format!(
                        "{}: is a symbolic link to {to}, outside the vault; refusing to write there",
                        self.display(&shown_part).display()
                    )));
                }
            } else if !last && !meta.is_dir() {
                return Err(Error::Refused(format!(
                    "{}: is not a folder; cannot write {}",
                    self.display(&shown_part).display(),
                    shown.display()
                )));
            }
        }
        Ok(shown)
    }

    /// The settings file is never a page, whatever `index` says (also on a case-insensitive
    /// disk, where `TOUCHBASE.TOML` is the same file).
    fn refuse_settings(&self, relative: &Path, path: &Path) -> Result<()> {
        let settings = self.root.join(crate::vault::settings::FILE_NAME);
        let same_name = relative.to_string_lossy().eq_ignore_ascii_case(crate::vault::settings::FILE_NAME);
        if same_name || same_file(&settings, path) {
            return Err(Error::Refused(format!(
                "{}: is the settings file; touchbase never writes a page there",
                path.display()
            )));
        }
        Ok(())
    }

    /// Takes the lock of the folder `path` is in, and clears that folder's stale temp files.
    fn lock(&mut self, path: &Path) -> Result<FolderLock> {
        let dir = atomic::parent(path).to_path_buf();
        let lock = FolderLock::acquire(&dir)?;
        if self.cleaned.insert(dir.clone()) {
            remove_stale_temp_files(&dir);
        }
        Ok(lock)
    }

    fn note_links(&mut self, path: &Path, other_links: u64) {
        if other_links > 0 {
            self.warnings.push(format!(
                "{}: had {other_links} other hard link(s); they still hold the old text (touchbase \
                 replaces a file by renaming a new one over it)",
                path.display()
            ));
        }
    }
}

/// Reads a file to replace: not through a FIFO or a device, which could hang the read.
fn read(path: &Path) -> Result<Vec<u8>> {
    crate::vault::read_regular(path).map_err(|e| Error::io(path, e))
}

fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b)
    }
}

fn has_front_matter(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    matches!(crate::contact::frontmatter::split(&text), crate::contact::frontmatter::Shape::Contact(_))
}

/// Whether a page carries the line every generated page starts with (see `render::index_page`
/// and `render::outreach`): `_Generated for DATE by` and the touchbase command, in italics.
pub(crate) fn is_generated(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    String::from_utf8_lossy(head)
        .lines()
        .take(8)
        .any(|line| line.starts_with("_Generated for ") && line.contains(" by `touchbase "))
}

/// Removes temp files that touchbase left in `dir`. Called under the folder's lock: every live
/// writer holds that lock while its temp file exists, so any that is found belongs to a process
/// that was killed.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let stale =
            name.to_str().is_some_and(atomic::is_temp_name) && entry.file_type().is_ok_and(|t| t.is_file());
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// An advisory lock on a folder, released when dropped.
struct FolderLock {
    _file: std::fs::File,
}

impl FolderLock {
    fn acquire(dir: &Path) -> Result<FolderLock> {
        let file = open_lock_file(dir)?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(FolderLock { _file: file }),
                Err(std::fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(Error::Busy(format!(
                        "{}: another touchbase process has been writing in this folder for {} s; \
                         nothing was written, try again when it has finished",
                        dir.display(),
                        LOCK_TIMEOUT.as_secs()
                    )))
                }
                // A file system without locks (some network mounts): the re-checks still apply.
                Err(std::fs::TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {
                    return Ok(FolderLock { _file: file })
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(Error::io(dir, e)),
            }
        }
    }
}

/// On Unix the folder itself is locked, so no lock file is left in the vault.
#[cfg(unix)]
fn open_lock_file(dir: &Path) -> Result<std::fs::File> {
    std::fs::File::open(dir).map_err(|e| Error::io(dir, e))
}

/// Elsewhere a folder cannot be opened as a file: a hidden lock file stands in for it.
#[cfg(not(unix))]
fn open_lock_file(dir: &Path) -> Result<std::fs::File> {
    let path = dir.join(".touchbase.lock");
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vault() -> (tempfile::TempDir, Writer) {
        let dir = tempfile::tempdir().unwrap();
        let writer = Writer::new(dir.path()).unwrap();
        (dir, writer)
    }

    #[test]
    fn pages_are_written_only_when_changed() {
        let (dir, mut writer) = vault();
        let page = b"# Touchbase\n\n_Generated for 2026-11-26 by `touchbase index`._\n";
        let rel = Path::new("INDEX.md");
        assert_eq!(writer.write_page(rel, page, Edits::Overwrite, false).unwrap(), WriteOutcome::Written);
        assert_eq!(writer.write_page(rel, page, Edits::Overwrite, false).unwrap(), WriteOutcome::Unchanged);
        let newer = b"# Touchbase\n\n_Generated for 2026-11-27 by `touchbase index`._\n";
        assert_eq!(writer.write_page(rel, newer, Edits::Overwrite, false).unwrap(), WriteOutcome::Written);
        assert_eq!(std::fs::read(dir.path().join(rel)).unwrap(), newer);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temp files left behind");
    }

    #[test]
    fn pages_never_replace_hand_written_files_notes_or_settings() {
        let (dir, mut writer) = vault();
        let page = b"_Generated for 2026-11-26 by `touchbase index`._\n";
        std::fs::write(dir.path().join("INDEX.md"), "my own index\n").unwrap();
        std::fs::write(dir.path().join("Jane.md"), "---\nname: Jane\n---\n").unwrap();
        std::fs::write(dir.path().join("touchbase.toml"), "index = \"touchbase.toml\"\n").unwrap();
        let refused = |r: Result<WriteOutcome>| matches!(r, Err(Error::Refused(_)));
        assert!(refused(writer.write_page(Path::new("INDEX.md"), page, Edits::Overwrite, false)));
        assert!(refused(writer.write_page(Path::new("Jane.md"), page, Edits::Overwrite, true)));
        assert!(refused(writer.write_page(Path::new("touchbase.toml"), page, Edits::Overwrite, true)));
        assert!(refused(writer.write_page(Path::new("TOUCHBASE.TOML"), page, Edits::Overwrite, true)));
        assert_eq!(std::fs::read(dir.path().join("INDEX.md")).unwrap(), b"my own index\n");
        assert_eq!(std::fs::read(dir.path().join("Jane.md")).unwrap(), b"---\nname: Jane\n---\n");
        // --force replaces a hand-written page (not a note, not the settings).
        writer.write_page(Path::new("INDEX.md"), page, Edits::Overwrite, true).unwrap();
        assert_eq!(std::fs::read(dir.path().join("INDEX.md")).unwrap(), page);
    }

    #[test]
    fn kept_edits_need_force() {
        let (dir, mut writer) = vault();
        let rel = Path::new("outreach/2026-W48.md");
        let page = b"_Generated for 2026-11-26 by `touchbase outreach --week 2026-W48`._\n- [ ] Jane\n";
        writer.write_page(rel, page, Edits::Keep, false).unwrap();
        let ticked = b"_Generated for 2026-11-26 by `touchbase outreach --week 2026-W48`._\n- [x] Jane\n";
        std::fs::write(dir.path().join(rel), ticked).unwrap();
        assert!(matches!(writer.write_page(rel, page, Edits::Keep, false), Err(Error::Refused(_))));
        writer.write_page(rel, page, Edits::Keep, true).unwrap();
        assert_eq!(std::fs::read(dir.path().join(rel)).unwrap(), page);
    }

    #[test]
    fn paths_climbing_out_are_refused() {
        let (_dir, mut writer) = vault();
        for bad in ["../x.md", "/etc/x.md", "a/../../x.md"] {
            assert!(matches!(writer.create(Path::new(bad), b"x"), Err(Error::Outside(_))), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_vault_are_refused_anywhere_in_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let vault = dir.path().join("v");
        let outside = dir.path().join("outside");
        std::fs::create_dir_all(vault.join("real")).unwrap();
        std::fs::create_dir_all(outside.join("deep")).unwrap();
        std::fs::write(outside.join("victim.txt"), "precious\n").unwrap();
        std::os::unix::fs::symlink("../outside", vault.join("pages")).unwrap();
        std::os::unix::fs::symlink("real", vault.join("inner")).unwrap();
        let mut writer = Writer::new(&vault).unwrap();
        let page = b"_Generated for 2026-11-26 by `touchbase index`._\n";
        for target in ["pages/victim.txt", "pages/deep/new.md", "pages/new/x.md"] {
            let result = writer.write_page(Path::new(target), page, Edits::Overwrite, true);
            match result {
                Err(Error::Outside(message)) => {
                    assert!(message.contains("pages: is a symbolic link"), "{message}");
                }
                other => panic!("{target}: {:?}", other.map_err(|e| e.to_string())),
            }
        }
        assert_eq!(std::fs::read_to_string(outside.join("victim.txt")).unwrap(), "precious\n");
        assert!(!outside.join("new").exists());
        // A link that stays inside the vault is fine.
        writer.create(Path::new("inner/Jane.md"), b"x").unwrap();
        assert_eq!(std::fs::read(vault.join("real/Jane.md")).unwrap(), b"x");
    }

    #[test]
    fn updates_reapply_the_edit_to_the_current_text() {
        let (dir, mut writer) = vault();
        std::fs::write(dir.path().join("T.md"), "a\n").unwrap();
        let mut calls = 0;
        let updated = writer
            .update(Path::new("T.md"), |text| {
                calls += 1;
                if calls == 1 {
                    // Someone else (an editor) saves between our read and our rename.
                    std::fs::write(dir.path().join("T.md"), "a\nb\n").unwrap();
                }
                Ok(format!("{text}entry\n"))
            })
            .unwrap();
        assert_eq!(calls, 2);
        assert_eq!(updated.before, "a\nb\n");
        assert_eq!(std::fs::read_to_string(dir.path().join("T.md")).unwrap(), "a\nb\nentry\n");
    }

    #[test]
    fn replace_refuses_a_changed_file() {
        let (dir, mut writer) = vault();
        std::fs::write(dir.path().join("T.md"), "new\n").unwrap();
        assert!(matches!(writer.replace(Path::new("T.md"), b"old\n", b"mine\n"), Err(Error::Refused(_))));
        assert_eq!(std::fs::read(dir.path().join("T.md")).unwrap(), b"new\n");
    }

    #[test]
    fn a_held_lock_makes_writers_give_up_and_change_nothing() {
        let (dir, mut writer) = vault();
        std::fs::write(dir.path().join("T.md"), "a\n").unwrap();
        let held = FolderLock::acquire(dir.path()).unwrap();
        let start = Instant::now();
        let result = writer.update(Path::new("T.md"), |t| Ok(format!("{t}b\n")));
        assert!(matches!(result, Err(Error::Busy(_))), "{:?}", result.err());
        assert!(start.elapsed() >= LOCK_TIMEOUT);
        drop(held);
        assert_eq!(std::fs::read(dir.path().join("T.md")).unwrap(), b"a\n");
    }

    #[test]
    fn stale_temp_files_are_removed() {
        let (dir, mut writer) = vault();
        std::fs::write(dir.path().join(".touchbase-AbC123.tmp"), "left by a kill").unwrap();
        std::fs::write(dir.path().join(".touchbase-notes.md"), "not ours").unwrap();
        writer.create(Path::new("Jane.md"), b"x").unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, [".touchbase-notes.md", "Jane.md"]);
    }

    #[test]
    fn generated_marker() {
        assert!(is_generated(b"# Touchbase\n\n_Generated for 2026-11-26 by `touchbase index`. Edits...\n"));
        assert!(is_generated(
            b"# Outreach\n\n_Generated for 2026-11-26 by `touchbase outreach --week 2026-W48`._\n"
        ));
        assert!(!is_generated(b"# My index\n\nGenerated by hand\n"));
    }
}
