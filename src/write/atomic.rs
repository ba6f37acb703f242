//! Atomic, change-only writes: the new bytes go to a temp file in the same folder, which is then
//! renamed over the target, so a crash leaves the old file or the new one, never a mix. An
//! unchanged file is not touched at all (no mtime change, no watch feedback loop).

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    Written,
    Unchanged,
}

/// Writes `bytes` to `path` unless it already holds exactly them.
pub fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<WriteOutcome> {
    // Not `fs::read`: a FIFO or a link to a device in the page's place would hang it.
    match crate::vault::read_regular(path) {
        Ok(existing) if existing == bytes => return Ok(WriteOutcome::Unchanged),
        Ok(_) | Err(_) => {}
    }
    write_atomic(path, bytes)?;
    Ok(WriteOutcome::Written)
}

/// Replaces `path` with `bytes` atomically, keeping the file's permissions. Refuses to replace
/// a symlink (that would write through it, possibly out of the vault) or a non-regular file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let permissions = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(Error::Refused(format!(
                "{}: is a symlink; refusing to write through it",
                path.display()
            )))
        }
        Ok(meta) if !meta.is_file() => {
            return Err(Error::Refused(format!(
                "{}: not a regular file; refusing to replace it",
                path.display()
            )))
        }
        Ok(meta) => Some(meta.permissions()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(path, e)),
    };
    let (dir, temp) = written_temp_file(path, bytes)?;
    match permissions {
        Some(permissions) => {
            std::fs::set_permissions(temp.path(), permissions).map_err(|e| Error::io(path, e))?;
        }
        None => readable_by_all(temp.path()),
    }
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    // Make the rename itself durable where the platform allows opening a directory.
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// A hidden temp file beside `path` holding `bytes`, flushed to disk, and its folder.
fn written_temp_file<'a>(path: &'a Path, bytes: &[u8]) -> Result<(&'a Path, tempfile::NamedTempFile)> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".touchbase-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    // Errors name the file being written: the temp file is removed when `temp` drops.
    // The `File`, not the `NamedTempFile`, whose errors would also name the temp file.
    temp.as_file_mut().write_all(bytes).map_err(|e| Error::io(path, e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    Ok((dir, temp))
}

/// A folder (relative to the vault root) that new files may go to: inside the vault once
/// symlinks are resolved, judged by the deepest part of it that exists already.
pub fn ensure_dir_inside(root: &Path, dir: &Path) -> Result<()> {
    let canonical_root = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
    let mut existing = root.join(dir);
    while !existing.exists() {
        match existing.parent() {
            Some(parent) => existing = parent.to_path_buf(),
            None => break,
        }
    }
    let real = std::fs::canonicalize(&existing).map_err(|e| Error::io(&existing, e))?;
    if !real.starts_with(&canonical_root) {
        return Err(Error::Refused(format!(
            "{}: leads outside the vault; refusing to write there",
            dir.display()
        )));
    }
    Ok(())
}

/// Temp files are private (0600); a new file should look like one an editor made (0644).
fn readable_by_all(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644));
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Creates `path` with `bytes`, atomically, refusing when anything already exists there.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::Refused(format!("{}: already exists; refusing to overwrite it", path.display())));
    }
    let (_, temp) = written_temp_file(path, bytes)?;
    readable_by_all(temp.path());
    temp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Refused(format!("{}: already exists; refusing to overwrite it", path.display()))
        } else {
            Error::io(path, e.error)
        }
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_when_changed_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("INDEX.md");
        assert_eq!(write_if_changed(&path, b"a").unwrap(), WriteOutcome::Written);
        assert_eq!(write_if_changed(&path, b"a").unwrap(), WriteOutcome::Unchanged);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
            write_if_changed(&path, b"b").unwrap();
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
        }
        assert_eq!(std::fs::read(&path).unwrap(), b"b");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temp files left behind");
    }

    #[test]
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Jane Doe.md");
        create_new(&path, b"one").unwrap();
        assert!(matches!(create_new(&path, b"two"), Err(Error::Refused(_))));
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside.md");
        std::fs::write(&outside, "x").unwrap();
        let link = dir.path().join("INDEX.md");
        std::os::unix::fs::symlink(&outside, &link).unwrap();
        assert!(matches!(write_if_changed(&link, b"y"), Err(Error::Refused(_))));
        assert_eq!(std::fs::read(&outside).unwrap(), b"x");
    }
}
