//! A vdir (vdirsyncer's storage format): a folder with one file per item, the file name minus its
//! extension the item's href, the UID inside. Other files (hidden ones, other extensions) belong
//! to someone else and are never read or touched. Writes are atomic (a hidden temp file in the
//! same folder, then a rename, as the format asks of every writer), change-only (the bytes are
//! compared first) and never through a symlink.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::write::atomic::{self, WriteOutcome};

/// The largest item read; a bigger file is not a card or an event of ours.
const MAX_ITEM: u64 = 16 * 1024 * 1024;

/// One item of the folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Item {
    /// The file name, extension included (`tb-birthday-0123.ics`).
    pub name: String,
    pub bytes: Vec<u8>,
}

/// An existing vdir folder.
#[derive(Clone, Debug)]
pub(crate) struct Vdir {
    dir: PathBuf,
}

impl Vdir {
    /// The folder at `dir`, which must exist (vdirsyncer creates collections; a typo must not
    /// become a new empty folder that a sync then fills).
    pub(crate) fn open(dir: &Path) -> Result<Vdir> {
        match std::fs::metadata(dir) {
            Ok(meta) if meta.is_dir() => Ok(Vdir { dir: dir.to_path_buf() }),
            Ok(_) => Err(Error::Refused(format!("{}: not a folder", dir.display()))),
            Err(e) => Err(Error::io(dir, e)),
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.dir
    }

    /// The entries whose name ends in `.{ext}` and does not start with a dot, by name. A
    /// symlink, a folder or an oversized file is listed with no bytes (never read, never
    /// followed): its name is taken, and nothing a sync may write over.
    pub(crate) fn items(&self, ext: &str) -> Result<Vec<Item>> {
        let mut items = Vec::new();
        for entry in std::fs::read_dir(&self.dir).map_err(|e| Error::io(&self.dir, e))? {
            let entry = entry.map_err(|e| Error::io(&self.dir, e))?;
            let Some(name) = entry.file_name().to_str().map(str::to_string) else { continue };
            if !is_item_name(&name, ext) {
                continue;
            }
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).map_err(|e| Error::io(&path, e))?;
            let bytes = if meta.is_file() && meta.len() <= MAX_ITEM {
                std::fs::read(&path).map_err(|e| Error::io(&path, e))?
            } else {
                Vec::new()
            };
            items.push(Item { name, bytes });
        }
        items.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(items)
    }

    /// Writes `bytes` as item `name` unless it already holds them: a temp file beside it, then a
    /// rename. Refuses a name that is not a plain item name and a target that is a symlink or
    /// not a regular file.
    pub(crate) fn write(&self, name: &str, bytes: &[u8]) -> Result<WriteOutcome> {
        write_file(&self.item_path(name)?, bytes)
    }

    /// Removes item `name` (a regular file; a symlink or folder is refused). Gone already is fine.
    pub(crate) fn remove(&self, name: &str) -> Result<()> {
        let path = self.item_path(name)?;
        if atomic::existing(&path)?.is_none() {
            return Ok(());
        }
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))
    }

    fn item_path(&self, name: &str) -> Result<PathBuf> {
        let plain = !name.is_empty()
            && !name.starts_with('.')
            && !name.contains(['/', '\\', '\0'])
            && Path::new(name).file_name().and_then(|n| n.to_str()) == Some(name);
        if !plain {
            return Err(Error::Refused(format!("{name:?}: not a plain item name in {}", self.dir.display())));
        }
        Ok(self.dir.join(name))
    }
}

/// Writes `bytes` to `path` unless it already holds them: a temp file in the same folder, then a
/// rename. Refuses a symlink and anything that is not a regular file. (Also the feed file's
/// writer: a file outside the vault.)
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> Result<WriteOutcome> {
    let existing = atomic::existing(path)?;
    if existing.is_some() && std::fs::read(path).map_err(|e| Error::io(path, e))? == bytes {
        return Ok(WriteOutcome::Unchanged);
    }
    let temp = atomic::temp_file(path, bytes, existing.as_ref())?;
    atomic::persist(temp, path)?;
    Ok(WriteOutcome::Written)
}

/// Whether `name` is an item file with extension `ext` (not hidden, not one of our temp files).
pub(crate) fn is_item_name(name: &str, ext: &str) -> bool {
    !name.starts_with('.')
        && name.len() > ext.len() + 1
        && name.strip_suffix(ext).is_some_and(|stem| stem.ends_with('.'))
}

/// A short content hash of an item's bytes (FNV-1a, hex): what a sync state remembers to tell
/// whether an item changed since the last run. Not a security measure.
#[allow(dead_code)] // for `sync contacts`'s state
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", crate::hash::fnv1a_64(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vdir() -> (tempfile::TempDir, Vdir) {
        let dir = tempfile::tempdir().unwrap();
        let vdir = Vdir::open(dir.path()).unwrap();
        (dir, vdir)
    }

    #[test]
    fn lists_only_items_of_the_extension() {
        let (dir, vdir) = vdir();
        for name in ["b.ics", "a.ics", ".hidden.ics", "x.vcf", "ics", "color"] {
            std::fs::write(dir.path().join(name), name).unwrap();
        }
        std::fs::create_dir(dir.path().join("sub.ics")).unwrap();
        let items = vdir.items("ics").unwrap();
        let names: Vec<_> = items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["a.ics", "b.ics", "sub.ics"]);
        assert_eq!(items[0].bytes, b"a.ics");
        assert!(items[2].bytes.is_empty());
    }

    #[test]
    fn writes_only_changes_and_removes() {
        let (dir, vdir) = vdir();
        assert_eq!(vdir.write("e.ics", b"one").unwrap(), WriteOutcome::Written);
        assert_eq!(vdir.write("e.ics", b"one").unwrap(), WriteOutcome::Unchanged);
        assert_eq!(vdir.write("e.ics", b"two").unwrap(), WriteOutcome::Written);
        assert_eq!(std::fs::read(dir.path().join("e.ics")).unwrap(), b"two");
        vdir.remove("e.ics").unwrap();
        vdir.remove("e.ics").unwrap();
        assert!(vdir.items("ics").unwrap().is_empty());
        // No temp file left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn refuses_odd_names_and_missing_folders() {
        let (_dir, vdir) = vdir();
        for name in ["", ".x.ics", "../x.ics", "a/b.ics", ".."] {
            assert!(vdir.write(name, b"x").is_err(), "{name}");
        }
        assert!(Vdir::open(Path::new("/nonexistent/vdir")).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn never_writes_through_a_symlink() {
        let (dir, vdir) = vdir();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("t.ics");
        std::fs::write(&target, "theirs").unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join("l.ics")).unwrap();
        assert!(vdir.write("l.ics", b"ours").is_err());
        assert!(vdir.remove("l.ics").is_err());
        // Listed (its name is taken) but not read through.
        assert_eq!(vdir.items("ics").unwrap(), [Item { name: "l.ics".to_string(), bytes: Vec::new() }]);
        assert_eq!(std::fs::read(&target).unwrap(), b"theirs");
    }

    #[test]
    fn item_names_and_hashes() {
        assert!(is_item_name("a.ics", "ics"));
        assert!(!is_item_name(".touchbase-x.tmp", "ics"));
        assert!(!is_item_name("aics", "ics"));
        assert_eq!(content_hash(b"a"), "af63dc4c8601ec8c");
    }
}
