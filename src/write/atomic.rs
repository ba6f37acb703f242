//! Atomic, change-only writes: the new bytes go to a temp file in the same folder, which is then
//! renamed over the target, so a crash leaves the old file or the new one, never a mix. The temp
//! file is created with mode 0666 less the umask (as an editor's new file is); a replaced file
//! keeps its mode, and its owner and group where the process may set them.
//!
//! These are the low-level steps. Commands never call them directly: they go through
//! [`super::Writer`], which checks the path, takes the folder's lock and re-checks the file.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// The prefix and suffix of every temp file touchbase writes; a left-over one (from a process
/// that was killed) is recognised by them and removed by the next writer in that folder.
pub(crate) const TEMP_PREFIX: &str = ".touchbase-";
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WriteOutcome {
    Written,
    Unchanged,
}

/// What an existing file at the target looks like, before it is replaced.
pub(crate) struct Existing {
    pub(crate) permissions: std::fs::Permissions,
    #[cfg(unix)]
    pub(crate) owner: (u32, u32),
    /// Other names of the same file (hard links), which a rename cannot update.
    pub(crate) other_links: u64,
}

/// The existing file at `path`, `None` when there is none. Refuses a symlink (writing through it
/// could leave the vault) and anything that is not a regular file.
pub(crate) fn existing(path: &Path) -> Result<Option<Existing>> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            Err(Error::Refused(format!("{}: is a symlink; refusing to write through it", path.display())))
        }
        Ok(meta) if !meta.is_file() => {
            Err(Error::Refused(format!("{}: not a regular file; refusing to replace it", path.display())))
        }
        Ok(meta) => Ok(Some(Existing {
            permissions: meta.permissions(),
            #[cfg(unix)]
            owner: {
                use std::os::unix::fs::MetadataExt;
                (meta.uid(), meta.gid())
            },
            other_links: links(&meta).saturating_sub(1),
        })),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

#[cfg(unix)]
fn links(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn links(_: &std::fs::Metadata) -> u64 {
    1
}

/// A hidden temp file beside `path` holding `bytes`, flushed to disk, dressed like `existing`
/// (mode, owner, group) or, for a new file, with the umask's mode.
pub(crate) fn temp_file(
    path: &Path,
    bytes: &[u8],
    existing: Option<&Existing>,
) -> Result<tempfile::NamedTempFile> {
    let dir = parent(path);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Passed to open(2), so the umask applies: 0644 under umask 022, 0600 under 077.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).map_err(|e| Error::io(dir, e))?;
    // Errors name the file being written: the temp file is removed when `temp` drops.
    // The `File`, not the `NamedTempFile`, whose errors would also name the temp file.
    temp.as_file_mut().write_all(bytes).map_err(|e| Error::io(path, e))?;
    if let Some(existing) = existing {
        #[cfg(unix)]
        keep_owner(temp.as_file(), existing.owner);
        temp.as_file().set_permissions(existing.permissions.clone()).map_err(|e| Error::io(path, e))?;
    }
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    Ok(temp)
}

/// Gives the temp file the replaced file's owner and group. Only root may give a file away; any
/// user may set a group they belong to. What the process may not do is left as it is.
#[cfg(unix)]
fn keep_owner(file: &std::fs::File, (uid, gid): (u32, u32)) {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = file.metadata() else { return };
    if (meta.uid(), meta.gid()) == (uid, gid) {
        return;
    }
    if std::os::unix::fs::fchown(file, Some(uid), Some(gid)).is_err() {
        let _ = std::os::unix::fs::fchown(file, None, Some(gid));
    }
}

/// The folder a path's temp file goes to.
pub(crate) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Renames the temp file over `path`, then makes the rename durable where the platform allows
/// opening a folder.
pub(crate) fn persist(temp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    sync_dir(parent(path));
    Ok(())
}

/// Renames the temp file over `path` only while `path` still holds `expected`; `false` (nothing
/// written) when it does not. Where the system can swap two names atomically (Linux, macOS),
/// the swap itself is the check: the new file takes the name, the old one is read back under
/// the temp name, and if it is not what we read (an editor saved at that very moment), the two
/// are swapped back, so no save is ever lost. Elsewhere a last look precedes a plain rename.
pub(crate) fn persist_if_unchanged(
    temp: tempfile::NamedTempFile,
    path: &Path,
    expected: &[u8],
) -> Result<bool> {
    if crate::vault::read_regular(path).ok().as_deref() != Some(expected) {
        return Ok(false);
    }
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        let swap = || renameat_with(CWD, temp.path(), CWD, path, RenameFlags::EXCHANGE);
        match swap() {
            Ok(()) => {
                let replaced = crate::vault::read_regular(temp.path());
                if replaced.ok().as_deref() == Some(expected) {
                    // Dropping `temp` removes the old file, now under the temp name.
                    drop(temp);
                    sync_dir(parent(path));
                    return Ok(true);
                }
                if let Err(e) = swap() {
                    // Their save is under the temp name, which must then outlive `temp`.
                    let kept = path.with_extension("md.touchbase-saved");
                    let _ = std::fs::rename(temp.path(), &kept);
                    let _ = temp.into_temp_path().keep();
                    return Err(Error::Refused(format!(
                        "{}: changed while touchbase was writing it, and could not be restored ({e}); \
                         the other version is in {}",
                        path.display(),
                        kept.display()
                    )));
                }
                return Ok(false);
            }
            // A file system without the swap: fall back to the last look above.
            Err(e)
                if [rustix::io::Errno::INVAL, rustix::io::Errno::NOSYS, rustix::io::Errno::NOTSUP]
                    .contains(&e) => {}
            Err(e) => return Err(Error::io(path, e.into())),
        }
    }
    persist(temp, path)?;
    Ok(true)
}

/// Renames the temp file to `path` unless something exists there (checked by the rename itself).
pub(crate) fn persist_new(temp: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    temp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Refused(format!("{}: already exists; refusing to overwrite it", path.display()))
        } else {
            Error::io(path, e.error)
        }
    })?;
    sync_dir(parent(path));
    Ok(())
}

fn sync_dir(dir: &Path) {
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
}

/// Whether `name` is a temp file of touchbase's.
pub(crate) fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX)
        && name.ends_with(TEMP_SUFFIX)
        && name.len() > TEMP_PREFIX.len() + TEMP_SUFFIX.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names() {
        assert!(is_temp_name(".touchbase-a1B2c3.tmp"));
        assert!(!is_temp_name(".touchbase-.tmp"));
        assert!(!is_temp_name("touchbase-x.tmp"));
        assert!(!is_temp_name(".touchbase-x.md"));
    }

    #[cfg(unix)]
    #[test]
    fn existing_refuses_symlinks_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.md");
        std::fs::write(&outside, "x").unwrap();
        let link = dir.path().join("INDEX.md");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        assert!(matches!(existing(&link), Err(Error::Refused(_))));
        assert!(matches!(existing(dir.path()), Err(Error::Refused(_))));
        assert!(existing(&dir.path().join("none.md")).unwrap().is_none());
        assert_eq!(existing(&outside).unwrap().map(|e| e.other_links), Some(0));
    }
}
