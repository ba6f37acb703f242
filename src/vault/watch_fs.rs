//! What `watch` asks the file system between batches, answered as a walk of the vault sees
//! it: what is at a path now (symlinks not followed), one folder's own entries, the deepest
//! folder a walk enters on the way to a path, and whether the vault folder is still the one
//! watch started on.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::settings::Settings;
use super::walk::{is_markdown, is_skipped};
use crate::error::{Error, Result};

/// What is at a path, looked at without following a symlink.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PathKind {
    Folder,
    /// A file, a symlink (to anything) or a special file.
    Other,
    /// Nothing, or nothing that can be looked at (a parent is unreadable).
    Missing,
}

impl PathKind {
    pub(crate) fn of(path: &Path) -> PathKind {
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => PathKind::Folder,
            Ok(_) => PathKind::Other,
            Err(_) => PathKind::Missing,
        }
    }
}

/// Whether anything is at `path`, a dangling symlink included.
pub(crate) fn exists(path: &Path) -> bool {
    PathKind::of(path) != PathKind::Missing
}

/// The root as an absolute path with symlinks resolved: the paths the watcher reports.
pub(crate) fn absolute_root(root: &Path) -> Result<PathBuf> {
    std::fs::canonicalize(root).map_err(|e| Error::io(root, e))
}

/// One folder's own entries, as a walk of the vault sees them: candidate files (a symlink to a
/// file counts, as it is read through) and real subfolders (not symlinks), neither skipped.
#[derive(Debug, Default)]
pub(crate) struct Entries {
    pub files: BTreeSet<PathBuf>,
    pub folders: BTreeSet<PathBuf>,
}

/// The entries of `folder` (relative to `root`); paths come back relative to the root.
pub(crate) fn list_folder(root: &Path, folder: &Path, settings: &Settings) -> std::io::Result<Entries> {
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

/// The deepest folder on the way from the root to `dir` (relative) that a walk of the vault
/// enters: a real folder (not a symlink, not gone) that is not skipped.
pub(crate) fn real_folder(root: &Path, dir: &Path, settings: &Settings) -> PathBuf {
    let mut reached = PathBuf::new();
    for component in dir.components() {
        let next = reached.join(component);
        if is_skipped(settings, &next, true) || PathKind::of(&root.join(&next)) != PathKind::Folder {
            break;
        }
        reached = next;
    }
    reached
}

/// The vault folder as watch found it at the start. Writing the page into a vault that was
/// moved or deleted would re-create the folder at its old path, with a "0 contacts" page:
/// watch checks this before handling each batch and before each write, and stops instead.
#[derive(Debug)]
pub(crate) struct VaultFolder {
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
    std::fs::metadata(path).ok().filter(std::fs::Metadata::is_dir).map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<Identity> {
    std::fs::canonicalize(path).ok().filter(|p| p.is_dir())
}

impl VaultFolder {
    pub(crate) fn new(path: &Path) -> VaultFolder {
        VaultFolder { path: path.to_path_buf(), identity: identity(path) }
    }

    /// An error (exit 2) once the folder at the path is not the one found at the start.
    pub(crate) fn check(&self) -> Result<()> {
        if self.identity.is_some() && identity(&self.path) == self.identity {
            return Ok(());
        }
        Err(Error::usage(format!("{}: the vault folder is gone; watch stopped", self.path.display())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(list: &[&str]) -> BTreeSet<PathBuf> {
        list.iter().map(PathBuf::from).collect()
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

    #[cfg(unix)]
    #[test]
    fn path_kind_does_not_follow_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("folder")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("folder"), dir.path().join("link")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("nothing"), dir.path().join("dangling")).unwrap();
        assert_eq!(PathKind::of(&dir.path().join("folder")), PathKind::Folder);
        assert_eq!(PathKind::of(&dir.path().join("link")), PathKind::Other);
        assert!(exists(&dir.path().join("dangling")));
        assert!(!exists(&dir.path().join("nothing")));
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
}
