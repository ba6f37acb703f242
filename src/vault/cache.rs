//! A cache of parsed contacts, kept outside the vault (`~/.cache/touchbase/`), so that a big
//! vault loads without re-parsing files that did not change. A file is taken from the cache only
//! when its size, modification time, inode and change time are all the same as when it was
//! parsed; anything else (a new touchbase, another touchbase.toml, an earlier `--today`, a
//! damaged cache file) means parsing afresh. Only lean loads (`Keep::LEAN`) use it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::FileOutcome;

/// Bump when the cached types or their meaning change.
const FORMAT: u32 = 1;

/// What identifies one version of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    size: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let modified = meta.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
        #[cfg(unix)]
        let (changed_ns, inode) = {
            use std::os::unix::fs::MetadataExt;
            (i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()), meta.ino())
        };
        #[cfg(not(unix))]
        let (changed_ns, inode) = (0, 0);
        Some(Stamp {
            size: meta.len(),
            modified_ns: i128::try_from(modified.as_nanos()).ok()?,
            changed_ns,
            inode,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    format: u32,
    version: String,
    /// Everything besides the files that parsing depends on: settings, the root as shown.
    key: u64,
    /// Lean contacts keep the latest past interaction for this day: valid for it and later days.
    today: NaiveDate,
}

#[derive(Deserialize)]
pub struct Record {
    pub path: PathBuf,
    pub stamp: Stamp,
    pub outcome: FileOutcome,
}

/// A record to write, borrowing what was loaded (the same bytes as `Record`).
#[derive(Serialize)]
pub struct RecordRef<'a> {
    pub path: &'a Path,
    pub stamp: Stamp,
    pub outcome: &'a FileOutcome,
}

/// A cache file, read.
pub struct Cache {
    file: PathBuf,
    records: Vec<Option<Record>>,
    by_path: HashMap<PathBuf, usize>,
}

/// The cache file for a vault, named after its canonical path.
pub fn file_for(cache_dir: &Path, root: &Path) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(root).ok()?;
    Some(
        cache_dir
            .join(format!("{:016x}.cache", crate::hash::fnv1a_64(canonical.to_string_lossy().as_bytes()))),
    )
}

impl Cache {
    /// Reads the cache when it fits this key and day; `None` otherwise (never an error).
    pub fn open(file: &Path, key: u64, today: NaiveDate) -> Option<Cache> {
        let bytes = std::fs::read(file).ok()?;
        let (header, rest): (Header, &[u8]) = postcard::take_from_bytes(&bytes).ok()?;
        let fits = header.format == FORMAT
            && header.version == env!("CARGO_PKG_VERSION")
            && header.key == key
            && header.today <= today;
        if !fits {
            return None;
        }
        let records: Vec<Record> = postcard::from_bytes(rest).ok()?;
        let by_path = records.iter().enumerate().map(|(i, r)| (r.path.clone(), i)).collect();
        Some(Cache { file: file.to_path_buf(), records: records.into_iter().map(Some).collect(), by_path })
    }

    /// The cached record for a file whose stamp is unchanged.
    pub fn lookup(&self, path: &Path, stamp: Stamp) -> Option<usize> {
        let i = *self.by_path.get(path)?;
        let record = self.records.get(i)?.as_ref()?;
        (record.stamp == stamp).then_some(i)
    }

    pub fn take(&mut self, i: usize) -> Option<FileOutcome> {
        self.records.get_mut(i)?.take().map(|r| r.outcome)
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn file(&self) -> &Path {
        &self.file
    }
}

/// Writes a cache file (temp file, then rename); failures are ignored, as a cache is only an
/// optimisation. It never writes inside the vault.
pub fn store(file: &Path, key: u64, today: NaiveDate, records: &[RecordRef<'_>]) {
    use std::io::Write;
    let header = Header { format: FORMAT, version: env!("CARGO_PKG_VERSION").to_string(), key, today };
    let Ok(mut bytes) = postcard::to_stdvec(&header) else { return };
    let Ok(body) = postcard::to_stdvec(records) else { return };
    bytes.extend_from_slice(&body);
    let Some(dir) = file.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(mut temp) = tempfile::NamedTempFile::new_in(dir) else { return };
    if temp.write_all(&bytes).is_ok() {
        let _ = temp.persist(file);
    }
}
