//! What `sync contacts` saw at the last sync (outside the vault, one JSON file per vault and
//! vdir), and the vdir's cards on disk: listed, written atomically (a hidden temp file in the
//! vdir, then a rename), removed only when they still hold what was read.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::contacts_fields::Fields;
use crate::error::{Error, Result};

/// One paired contact and card at the last sync.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Item {
    pub uid: String,
    /// The contact's file, relative to the vault (for messages).
    pub path: String,
    /// The card's file name in the vdir.
    pub card: String,
    /// The synced fields both sides agreed on (the base of the three-way comparison); a field
    /// missing here had no agreed value.
    pub base: Fields,
    /// The card's bytes' FNV-1a hash, hex.
    pub hash: String,
    /// The card was deleted and `--accept-deletions` said so: the contact is no longer synced.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unpaired: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct State {
    pub version: u32,
    /// Sorted by UID.
    pub items: Vec<Item>,
}

pub(crate) fn hash(bytes: &[u8]) -> String {
    format!("{:032x}", crate::hash::fnv1a_128(bytes))
}

/// The state file of this vault and vdir: named by a hash of both canonical paths.
pub(crate) fn state_path(state_dir: &Path, root: &Path, vdir: &Path) -> Result<PathBuf> {
    let canonical = |p: &Path| std::fs::canonicalize(p).map_err(|e| Error::io(p, e));
    let key = format!("{}\0{}", canonical(root)?.display(), canonical(vdir)?.display());
    Ok(state_dir.join(format!("contacts-{}.json", hash(key.as_bytes()))))
}

/// The saved state; none (a first sync) when there is no file.
pub(crate) fn load(path: &Path) -> Result<State> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
            Error::usage(format!("{}: not a sync state ({e}); delete it to sync afresh", path.display()))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State { version: 1, ..State::default() }),
        Err(e) => Err(Error::io(path, e)),
    }
}

pub(crate) fn save(path: &Path, state: &State) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut json = serde_json::to_vec_pretty(state).map_err(|e| Error::usage(e.to_string()))?;
    json.push(b'\n');
    write_atomic(dir, path, &json, false)
}

/// One `.vcf` file of the vdir: its name and bytes.
pub(crate) struct CardFile {
    pub file: String,
    pub bytes: Vec<u8>,
}

/// The vdir's cards (regular `.vcf` files, not hidden, no links), by file name.
pub(crate) fn read_vdir(vdir: &Path) -> Result<Vec<CardFile>> {
    let entries = std::fs::read_dir(vdir).map_err(|e| Error::io(vdir, e))?;
    let mut cards = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(vdir, e))?;
        let file = entry.file_name().to_string_lossy().into_owned();
        let is_card = !file.starts_with('.') && file.to_ascii_lowercase().ends_with(".vcf");
        let regular = entry.file_type().is_ok_and(|t| t.is_file());
        if is_card && regular {
            let path = entry.path();
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            cards.push(CardFile { file, bytes });
        }
    }
    cards.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(cards)
}

/// Writes a card: a new one never over an existing file, an old one only while it still holds
/// `expected`.
pub(crate) fn write_card(vdir: &Path, file: &str, expected: Option<&[u8]>, bytes: &[u8]) -> Result<()> {
    let path = vdir.join(file);
    check_unchanged(&path, expected)?;
    write_atomic(vdir, &path, bytes, expected.is_none())
}

/// Removes a card that still holds `expected`.
pub(crate) fn remove_card(vdir: &Path, file: &str, expected: &[u8]) -> Result<()> {
    let path = vdir.join(file);
    check_unchanged(&path, Some(expected))?;
    std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))
}

fn check_unchanged(path: &Path, expected: Option<&[u8]>) -> Result<()> {
    let Some(expected) = expected else { return Ok(()) };
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file());
    if link || std::fs::read(path).ok().as_deref() != Some(expected) {
        return Err(Error::Refused(format!(
            "{}: the card changed while touchbase was working on it; nothing was written to it",
            path.display()
        )));
    }
    Ok(())
}

fn write_atomic(dir: &Path, path: &Path, bytes: &[u8], new: bool) -> Result<()> {
    use std::io::Write;
    let mut temp = tempfile::Builder::new()
        .prefix(".touchbase-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(bytes).and_then(|()| temp.as_file().sync_all()).map_err(|e| Error::io(path, e))?;
    let persisted = if new { temp.persist_noclobber(path) } else { temp.persist(path) };
    persisted.map(|_| ()).map_err(|e| Error::io(path, e.error))
}
