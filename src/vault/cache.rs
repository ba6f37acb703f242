//! A cache of parsed contacts, kept outside the vault (`~/.cache/touchbase/`), so that a big
//! vault loads without re-parsing files that did not change. A file is taken from the cache only
//! when its size, modification time, inode and change time are all the same as when it was
//! parsed; anything else (a new touchbase, another touchbase.toml, a damaged cache file) means
//! parsing afresh. Parsing knows no day, so the cache holds for any `--today`. Only lean loads
//! (`Keep::LEAN`) use it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use rayon::prelude::*;

use serde::{Deserialize, Serialize};
use std::io::{BufReader, BufWriter, Read, Write};

use super::FileOutcome;

/// Bump when the cached types or their meaning change (2: contacts keep every interaction's date,
/// no day; the header and each record in a chunk of their own; 3: diagnostics have a severity,
/// a bad value is a warning and the contact is kept; 4: notes that are not people, such as
/// templates, daily notes and recipes, are notes; 5: a note keeps its touches; 6: contacts keep `events`,
/// `address`, `spouse` and `card_lead_days`; 7: account fields, account notes; 8: a contact keeps
/// its Mackay profile coverage and personal talking points; 9: and its `uid` and `url` values;
/// 10: contacts and account notes keep their `owner:` lists).
const FORMAT: u32 = 10;

/// The largest chunk read back: more than any record of a file of at most `MAX_FILE_BYTES`, so
/// that only a damaged length is refused (rather than allocated).
const MAX_CHUNK: usize = 4 * super::MAX_FILE_BYTES as usize;

/// What identifies one version of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    size: u64,
    modified_ns: i128,
    changed_ns: i128,
    inode: u64,
}

impl Stamp {
    pub(crate) fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
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
}

#[derive(Deserialize)]
pub(crate) struct Record {
    pub path: PathBuf,
    pub stamp: Stamp,
    pub outcome: FileOutcome,
}

/// A record to write, borrowing what was loaded (the same bytes as `Record`).
#[derive(Serialize)]
pub(crate) struct RecordRef<'a> {
    pub path: &'a Path,
    pub stamp: Stamp,
    pub outcome: &'a FileOutcome,
}

/// A cache file, read.
pub(crate) struct Cache {
    records: Vec<Option<Record>>,
    /// Built only when a file is not at the place it had when the cache was written.
    by_path: OnceLock<HashMap<PathBuf, usize>>,
}

/// The cache file for a vault, named after its canonical path.
pub(crate) fn file_for(cache_dir: &Path, root: &Path) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(root).ok()?;
    Some(
        cache_dir
            .join(format!("{:016x}.cache", crate::hash::fnv1a_64(canonical.to_string_lossy().as_bytes()))),
    )
}

/// The file is a sequence of chunks, each a length (`u32`, little-endian) and that many postcard
/// bytes: the header, the number of records, then one chunk per record. A load reads a batch of
/// records' bytes at a time and decodes the batch in parallel, so that the file's bytes are never
/// held beside all that they decode to.
fn read_chunk<T: serde::de::DeserializeOwned>(reader: &mut impl Read, scratch: &mut Vec<u8>) -> Option<T> {
    scratch.clear();
    read_raw(reader, scratch)?;
    postcard::from_bytes(scratch).ok()
}

/// One chunk's bytes, appended to `buffer`.
fn read_raw(reader: &mut impl Read, buffer: &mut Vec<u8>) -> Option<()> {
    let mut len = [0u8; 4];
    reader.read_exact(&mut len).ok()?;
    let len = usize::try_from(u32::from_le_bytes(len)).ok()?;
    if len > MAX_CHUNK {
        return None;
    }
    let start = buffer.len();
    buffer.resize(start + len, 0);
    reader.read_exact(&mut buffer[start..]).ok()
}

/// How many records' bytes a load holds at once (a few MB).
const BATCH: u64 = 8192;

/// Reads `count` records, `BATCH` at a time, each batch decoded in parallel.
fn read_records(reader: &mut impl Read, count: u64) -> Option<Vec<Option<Record>>> {
    // A damaged count fails on a missing record, not on the allocation.
    let mut records = Vec::with_capacity(usize::try_from(count).ok()?.min(1 << 20));
    let (mut buffer, mut ends) = (Vec::new(), Vec::new());
    let mut left = count;
    while left > 0 {
        let batch = left.min(BATCH);
        buffer.clear();
        ends.clear();
        for _ in 0..batch {
            read_raw(reader, &mut buffer)?;
            ends.push(buffer.len());
        }
        let decoded: Vec<Option<Record>> = (0..ends.len())
            .into_par_iter()
            .map(|i| {
                let start = if i == 0 { 0 } else { ends[i - 1] };
                postcard::from_bytes(&buffer[start..ends[i]]).ok()
            })
            .collect();
        if decoded.iter().any(Option::is_none) {
            return None;
        }
        records.extend(decoded);
        left -= batch;
    }
    Some(records)
}

fn write_chunk(writer: &mut impl Write, value: &impl Serialize) -> Option<()> {
    let bytes = postcard::to_stdvec(value).ok()?;
    let len = u32::try_from(bytes.len()).ok()?;
    writer.write_all(&len.to_le_bytes()).ok()?;
    writer.write_all(&bytes).ok()
}

impl Cache {
    /// Reads the cache when it fits this key; `None` otherwise (never an error).
    pub(crate) fn open(file: &Path, key: u64) -> Option<Cache> {
        let mut reader = BufReader::new(std::fs::File::open(file).ok()?);
        let mut scratch = Vec::new();
        let header: Header = read_chunk(&mut reader, &mut scratch)?;
        let fits =
            header.format == FORMAT && header.version == env!("CARGO_PKG_VERSION") && header.key == key;
        if !fits {
            return None;
        }
        let count: u64 = read_chunk(&mut reader, &mut scratch)?;
        let records = read_records(&mut reader, count)?;
        let by_path = OnceLock::new();
        Some(Cache { records, by_path })
    }

    /// The cached record for a file whose stamp is unchanged. `hint` is the file's place in the
    /// walk: the cache was written in walk order, so an unchanged vault finds each file there.
    pub(crate) fn lookup(&self, hint: usize, path: &Path, stamp: Stamp) -> Option<usize> {
        let at_hint = self.records.get(hint).and_then(Option::as_ref).is_some_and(|r| r.path == path);
        let i = if at_hint { hint } else { *self.paths().get(path)? };
        let record = self.records.get(i)?.as_ref()?;
        (record.stamp == stamp).then_some(i)
    }

    fn paths(&self) -> &HashMap<PathBuf, usize> {
        self.by_path.get_or_init(|| {
            let records = self.records.iter().enumerate();
            records.filter_map(|(i, r)| Some((r.as_ref()?.path.clone(), i))).collect()
        })
    }

    pub(crate) fn take(&mut self, i: usize) -> Option<FileOutcome> {
        self.records.get_mut(i)?.take().map(|r| r.outcome)
    }

    pub(crate) fn len(&self) -> usize {
        self.records.len()
    }
}

/// Writes a cache file (temp file, then rename); failures are ignored, as a cache is only an
/// optimisation. It never writes inside the vault.
pub(crate) fn store(file: &Path, key: u64, records: &[RecordRef<'_>]) {
    let header = Header { format: FORMAT, version: env!("CARGO_PKG_VERSION").to_string(), key };
    let Some(dir) = file.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(temp) = tempfile::NamedTempFile::new_in(dir) else { return };
    let mut writer = BufWriter::new(temp);
    let written = write_chunk(&mut writer, &header)
        .and_then(|()| write_chunk(&mut writer, &(records.len() as u64)))
        .and_then(|()| records.iter().try_for_each(|record| write_chunk(&mut writer, record)));
    if written.is_some() {
        if let Ok(temp) = writer.into_inner() {
            let _ = temp.persist(file);
        }
    }
}
